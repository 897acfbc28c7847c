"""Every record the audit trail sees is named as a person reads it, and a bulk import's
assignments belong to their directive (issue 13, tester's findings on ``history --json``)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from sqlalchemy import Table

from app.audit import NOT_AUDITED
from app.audit_dto import HistoryFilter
from app.context import AppContext
from app.dto import ReportInput
from models.entities import Base
from models.vn_dates import LetterFormat
from tests.letters.ids import agency

BOTH_ENGINES = True

# Tables whose rows the services never create one by one: a group's members are written by the
# ORM's many-to-many collection (no mapped row), the rest are not audited at all.
# A setting the demo already holds is changed (an update entry), not created.
NOT_CREATED_ONE_BY_ONE = frozenset({"agency_group_member", "stored_blob", "setting"})


def test_every_created_record_has_a_human_name(demo_ctx: AppContext, tmp_path: Path) -> None:
    ctx = demo_ctx
    skhcn = agency(ctx, "Sở Khoa học và Công nghệ")
    task = ctx.tasks.get(1)
    assignment = next(a.id for a in task.assignments if a.party.agency_id == skhcn)
    proof = tmp_path / "Minh chứng quý 3.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    report = ctx.reports.add(
        ReportInput(
            assignment_id=assignment,
            received_on=date(2026, 9, 30),
            text="Đang làm",
            doc_number="12/BC-SKHCN",
            evidence_files=[proof],
        )
    ).value
    indicator = ctx.indicators.list_indicators()[0].id
    ctx.indicators.record_value(indicator, "Năm 2026", 85)  # stored as the code «2026»
    letter = ctx.letters.remind(
        agency(ctx, "Công an tỉnh"), date(2026, 11, 24), LetterFormat.STATE, tmp_path / "a.docx"
    ).value

    rows = ctx.history.entries(HistoryFilter(limit=100_000))
    created = [r for r in rows if r.action == "create"]
    unnamed = [(r.entity, r.entity_id, r.new_value) for r in created if not (r.new_value or "").strip()]
    numeric = [
        (r.entity, r.entity_id, r.new_value)
        for r in created
        if re.fullmatch(r"[\d\s.,#]+", r.new_value or "")
    ]
    assert unnamed == [] and numeric == []

    audited = {
        t.name
        for t in Base.metadata.sorted_tables
        if isinstance(t, Table) and t.name not in NOT_AUDITED | NOT_CREATED_ONE_BY_ONE
    }
    assert audited <= {r.entity for r in created}, "one of each audited table was created here"

    by_id = {(r.entity, r.entity_id): r.new_value for r in created}
    assert by_id[("report", report)] == "Sở Khoa học và Công nghệ – 30/09/2026 – 12/BC-SKHCN"
    assert by_id[("outgoing_letter", letter.letter_id)] == letter.number
    subjects = [r.new_value or "" for r in created if r.entity == "letter_subject"]
    assert subjects and all(s.startswith(f"{letter.number} – Công an tỉnh") for s in subjects)
    assert "Năm 2026: 85" in {r.new_value for r in created if r.entity == "indicator_value"}
    assert "Minh chứng quý 3.pdf" in {r.new_value for r in created if r.entity == "evidence"}


def test_bulk_assignments_of_an_import_belong_to_its_directive(ctx: AppContext, tmp_path: Path) -> None:
    from app.paths import resource
    from tests.appendix.builder import build

    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    ctx.importer.commit(ctx.importer.preview(build(tmp_path / "KH125.xlsx")), {})
    directive = ctx.directives.find_by_number("125/KH-BCĐ")
    rows = ctx.history.entries(HistoryFilter(directive_id=directive))
    imports = {r.entity: r for r in rows if r.action == "import"}
    assert set(imports) >= {"task", "assignment"}
    assert imports["assignment"].directive_id == directive
    assert int(imports["assignment"].new_value or 0) > 61
