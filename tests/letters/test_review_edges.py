"""Edge cases found on review: long tables, awkward names, bad input, templates edited in Word."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from sqlalchemy import inspect, select

from app.context import AppContext
from app.errors import UserError
from app.letters.issue import OVERRIDE_DIR, TEMPLATES
from app.letters.render import templates_dir
from models.entities import Agency, Role, Task
from models.vn_dates import LetterFormat
from tests.letters.checklist import check_all, check_data_tables, check_recipients, table_rows
from tests.letters.ids import agency as agency_id
from tests.letters.ids import directive

AS_OF = date(2026, 11, 24)
VH = "Sở Văn hóa, Thể thao và Du lịch"


def _clone(obj: Any, **changes: Any) -> Any:
    cols = {c.key: getattr(obj, c.key) for c in inspect(type(obj)).column_attrs if c.key not in ("id",)}
    cols.update(changes)
    return type(obj)(**cols)


def _give_overdue_tasks(ctx: AppContext, agency_name: str, n: int) -> None:
    """Clone one overdue task of Công an tỉnh ``n`` times, led by ``agency_name``."""
    overdue = ctx.letters.preview_remind(agency_id(ctx, "Công an tỉnh"), AS_OF).overdue
    lead_line = next(x for x in overdue if x.role is Role.LEAD)
    with ctx.db.transaction() as s:
        agency = s.scalars(select(Agency).where(Agency.name == agency_name)).one()
        src = s.get(Task, lead_line.task_id)
        assert src is not None
        lead = next(a for a in src.assignments if a.role == "lead" or a.agency_id is not None)
        for i in range(n):
            t = _clone(
                src, content=f"Nhiệm vụ kiểm thử số {i + 1} của {agency_name}, nội dung đủ dài để xuống dòng"
            )
            s.add(t)
            s.flush()
            s.add(_clone(lead, task_id=t.id, agency_id=agency.id, group_id=None))


@pytest.mark.parametrize("fmt", ["state", "party"])
def test_sixty_overdue_tasks_for_an_agency_with_a_comma_in_its_name(
    demo_ctx: AppContext, tmp_path: Path, fmt: str
) -> None:
    _give_overdue_tasks(demo_ctx, VH, 60)
    expected = [x.content for x in demo_ctx.letters.preview_remind(agency_id(demo_ctx, VH), AS_OF).overdue]
    assert len(expected) >= 60
    out = tmp_path / "vh.docx"
    demo_ctx.letters.remind(agency_id(demo_ctx, VH), AS_OF, LetterFormat(fmt), out)
    doc, _ = check_all(out, party=fmt == "party", cong_van=True)
    assert check_recipients(doc, fmt == "party") == [VH]
    table = check_data_tables(doc)[0]
    assert [r[1] for r in table_rows(table)] == expected
    rows = table.findall(qn("w:tr"))
    assert [tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for tr in rows].count(True) == 1
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_assign_lists_a_comma_name_as_one_recipient(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    demo_ctx.letters.assign(directive(demo_ctx, "125/KH-BCĐ"), out)
    doc, _ = check_all(out, party=False, cong_van=True)
    # "Các sở, ban, ngành" is one recipient, and it already addresses Sở Văn hóa, Thể thao và Du
    # lịch: the sở is not listed again one by one (issue 12)
    names = check_recipients(doc, party=False)
    assert "Các sở, ban, ngành" in names and VH not in names
    assert len(names) == len(set(names))
    out2 = tmp_path / "b.docx"
    demo_ctx.letters.assign(directive(demo_ctx, "125/KH-BCĐ"), out2, LetterFormat.PARTY)
    doc2, _ = check_all(out2, party=True, cong_van=True)
    assert "Các sở, ban, ngành" in check_recipients(doc2, party=True)


def test_number_and_date_are_each_one_exact_paragraph(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    r = demo_ctx.letters.remind(agency_id(demo_ctx, "CA tỉnh"), AS_OF, LetterFormat.STATE, out).value
    _, header = check_all(out, party=False, cong_van=True)
    assert header.number == f"Số: {r.number}" == r.number_line
    assert header.date_line == "Hưng Yên, ngày 24 tháng 11 năm 2026"
    out = tmp_path / "p.docx"
    r = demo_ctx.letters.report("2026-05", out, LetterFormat.PARTY, date(2026, 5, 5)).value
    _, header = check_all(out, party=True, cong_van=False)
    assert header.number == f"Số {r.number}"
    assert header.date_line == "Hưng Yên, ngày 05 tháng 5 năm 2026"


def test_refusals_take_no_number_and_leave_no_file(demo_ctx: AppContext, tmp_path: Path) -> None:
    L = demo_ctx.letters
    missing = tmp_path / "khong-co" / "x.docx"
    with pytest.raises(UserError, match="không tồn tại"):
        L.remind(agency_id(demo_ctx, "CA tỉnh"), AS_OF, LetterFormat.STATE, missing)
    with pytest.raises(UserError, match="không tồn tại"):
        L.report("2026-06", missing)
    with pytest.raises(UserError, match="không tồn tại"):
        L.assign(directive(demo_ctx, "125/KH-BCĐ"), missing)
    assert not missing.parent.exists(), "no folder is created on a typo"
    with pytest.raises(UserError, match="chưa có nhiệm vụ"):
        L.report("1999", tmp_path / "n.docx")
    with pytest.raises(UserError, match="chưa bắt đầu"):
        L.report("2027-Q2", tmp_path / "n.docx")
    for bad in ("2026-13", "Q3", "2026-Q5", "2026-Q0", "26-06"):
        with pytest.raises(UserError):
            L.report(bad, tmp_path / "n.docx")
    assert L.list_letters() == []
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob(".thu-*"))


def test_a_running_period_is_counted_up_to_today(demo_ctx: AppContext) -> None:
    data = demo_ctx.letters.preview_report("2026")
    assert data.period.end == AS_OF, "the 2026 report, made on 24/11, does not count up to 07/12"
    assert all(x.due is not None and x.due < AS_OF for x in data.overdue)


def test_a_later_letter_cites_only_earlier_reminders(demo_ctx: AppContext, tmp_path: Path) -> None:
    L = demo_ctx.letters
    L.remind(agency_id(demo_ctx, "CA tỉnh"), AS_OF, LetterFormat.STATE, tmp_path / "late.docx")
    back = L.preview_remind(agency_id(demo_ctx, "CA tỉnh"), date(2026, 11, 1))
    assert back.previous == ()
    # a letter dated before the last number issued is refused (the register runs in date order)
    with pytest.raises(UserError, match="không cấp số mới cho văn bản đề ngày 01/11/2026"):
        L.remind(
            agency_id(demo_ctx, "CA tỉnh"), date(2026, 11, 1), LetterFormat.STATE, tmp_path / "early.docx"
        )
    assert not (tmp_path / "early.docx").exists()


# -- templates ------------------------------------------------------------------------------------

TAG = re.compile(r"\{[{%#]|[}%#]\}")


@pytest.mark.parametrize("name", sorted(set(TEMPLATES.values())))
def test_template_tags_sit_whole_in_one_run(name: str) -> None:
    doc = Document(str(templates_dir() / name))
    for p in doc.element.body.iter(qn("w:p")):
        runs = ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in p.iter(qn("w:r"))]
        for text in runs:
            opens = len(re.findall(r"\{[{%#]", text))
            closes = len(re.findall(r"[}%#]\}", text))
            assert opens == closes, f"{name}: a Jinja tag split across runs in {''.join(runs)!r}"
        whole = "".join(runs)
        assert len(TAG.findall(whole)) == sum(len(TAG.findall(t)) for t in runs), name


def test_an_edited_template_in_the_data_folder_changes_the_letter(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    folder = Path(demo_ctx.letters.db.path).parent / OVERRIDE_DIR
    folder.mkdir()
    name = "don-doc-nha-nuoc.docx"
    shutil.copy(templates_dir() / name, folder / name)
    doc = Document(str(folder / name))
    edited = False
    for r in doc.element.body.iter(qn("w:t")):
        if r.text and "Đề nghị" in r.text:
            r.text = r.text.replace("Đề nghị", "Yêu cầu")
            edited = True
    assert edited, "the template has static wording to edit"
    doc.save(str(folder / name))
    out = tmp_path / "edited.docx"
    demo_ctx.letters.remind(agency_id(demo_ctx, "CA tỉnh"), AS_OF, LetterFormat.STATE, out)
    check_all(out, party=False, cong_van=True)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Yêu cầu" in text and "Đề nghị" not in text
    # the shipped template is untouched and still used for the Party format
    out2 = tmp_path / "party.docx"
    demo_ctx.letters.remind(agency_id(demo_ctx, "CA tỉnh"), AS_OF, LetterFormat.PARTY, out2)
    assert "Đề nghị" in "\n".join(p.text for p in Document(str(out2)).paragraphs)


def test_text_after_a_data_table_starts_below_it(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "bc.docx"
    demo_ctx.letters.report("2026-Q3", out)
    doc, _ = check_all(out, party=False, cong_van=False)
    for tbl in check_data_tables(doc):
        nxt = tbl.getnext()
        if nxt is not None and nxt.tag == qn("w:p") and "".join(nxt.itertext()).strip():
            spacing = nxt.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
            assert spacing is not None and int(spacing.get(qn("w:before"))) >= 120


def test_reminder_dated_ahead_counts_overdue_on_that_day(demo_ctx: AppContext, tmp_path: Path) -> None:
    from app.dto import TaskFilter
    from models.status import Status

    police = demo_ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
    later = date(2027, 1, 15)
    demo_ctx.services.today = lambda: later
    expected = demo_ctx.tasks.count(TaskFilter(agency_id=police, statuses=(Status.OVERDUE,)))
    demo_ctx.services.today = lambda: date(2026, 11, 24)
    now = demo_ctx.tasks.count(TaskFilter(agency_id=police, statuses=(Status.OVERDUE,)))
    result = demo_ctx.letters.remind(
        agency_id(demo_ctx, "CA tỉnh"), later, LetterFormat.STATE, tmp_path / "ahead.docx"
    ).value
    assert result.issued_on == later
    assert result.task_count == expected >= now
