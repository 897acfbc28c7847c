"""Generated letters checked against the format checklist, and their exact contents."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx.oxml.ns import qn

from app.context import AppContext
from app.dto import TaskFilter
from app.errors import UserError
from models.status import Status
from models.vn_dates import LetterFormat
from tests.letters.checklist import check_all, check_data_tables, table_rows
from tests.letters.ids import agency, directive

AS_OF = date(2026, 11, 24)


def _overdue_ids(ctx: AppContext, name: str) -> tuple[int, list[str]]:
    ref = ctx.agencies.resolve_or_fail(name)
    assert ref.agency_id is not None
    rows = ctx.tasks.page(TaskFilter(agency_id=ref.agency_id, statuses=(Status.OVERDUE,)), 0, 10**6)
    return ref.agency_id, [r.content for r in rows]


@pytest.mark.parametrize("fmt", ["state", "party"])
def test_remind_passes_checklist_and_lists_exactly_the_agencys_overdue_tasks(
    demo_ctx: AppContext, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"remind-{fmt}.docx"
    result = demo_ctx.letters.remind(agency(demo_ctx, "CA tỉnh"), AS_OF, LetterFormat(fmt), out).value
    doc, header = check_all(out, party=fmt == "party", cong_van=True)
    assert header.number.endswith(result.number)
    assert header.date_line == "Hưng Yên, ngày 24 tháng 11 năm 2026"
    assert header.subject.startswith("V/v đôn đốc")
    _, expected = _overdue_ids(demo_ctx, "Công an tỉnh")
    assert expected, "the demo has overdue tasks for Công an tỉnh"
    # what it leads first, then where it cooperates, each in list order (issue 12)
    data = demo_ctx.letters.preview_remind(agency(demo_ctx, "CA tỉnh"), AS_OF)
    tables = check_data_tables(doc)
    lead_rows = [row[1] for row in table_rows(tables[0])]
    assert lead_rows == [x.content for x in data.overdue_lead] and lead_rows
    listed = lead_rows
    if data.overdue_cooperating:
        coop_rows = [row[1] for row in table_rows(tables[1])]
        assert coop_rows == [x.content for x in data.overdue_cooperating]
        listed = lead_rows + coop_rows
    assert sorted(listed) == sorted(expected)
    # and none of another agency's
    _, others = _overdue_ids(demo_ctx, "Sở Nội vụ")
    only_theirs = set(others) - set(expected)
    assert only_theirs and not only_theirs & set(listed)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Công an tỉnh" in text and f"còn {len(data.overdue_lead):02d} nhiệm vụ được giao chủ trì" in text


def test_remind_lists_days_late_and_deadline_as_written(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    data = demo_ctx.letters.preview_remind(agency(demo_ctx, "Công an tỉnh"), AS_OF)
    demo_ctx.letters.remind(agency(demo_ctx, "Công an tỉnh"), AS_OF, LetterFormat.STATE, out)
    doc, _ = check_all(out, party=False, cong_van=True)
    tables = check_data_tables(doc)
    rows = table_rows(tables[0]) + (table_rows(tables[1]) if data.overdue_cooperating else [])
    for row, line in zip(rows, data.overdue_lead + data.overdue_cooperating, strict=True):
        # the phrase as written; a recurring duty adds the periods it missed ("chưa báo cáo tháng 9, 10/2026")
        note = f" ({line.missed_note})" if line.missed_note else ""
        assert row[3] == line.deadline_text + note
        assert row[4] == str(line.days_late) and line.days_late > 0
        assert row[2].replace("\u2011", "-") == line.directive_number


def test_assign_letter_has_recipients_and_landscape_appendix(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "assign.docx"
    result = demo_ctx.letters.assign(directive(demo_ctx, "125/KH-BCĐ"), out).value
    doc, header = check_all(out, party=False, cong_van=True)
    # the V/v line keeps "125/KH-BCĐ" on one line: its hyphen is U+2011 (non-breaking)
    assert result.format == "state" and "125/KH\u2011BCĐ" in header.subject
    assert len(doc.sections) == 2
    appendix = doc.sections[1]
    assert appendix.page_width > appendix.page_height, "the appendix is landscape"
    table = check_data_tables(doc)[0]
    heads = [c for c in table_rows(table) if len(c) == 6]
    assert len(heads) == result.task_count == 61
    assert "Kính gửi:" in [p.text for p in doc.paragraphs]


def test_assign_party_directive_defaults_to_party_format(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "assign-party.docx"
    result = demo_ctx.letters.assign(directive(demo_ctx, "420-CV/TU"), out).value
    assert result.format == "party"
    check_all(out, party=True, cong_van=True)


@pytest.mark.parametrize("fmt", ["state", "party"])
def test_report_passes_checklist(demo_ctx: AppContext, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report-{fmt}.docx"
    result = demo_ctx.letters.report("2026-Q3", out, LetterFormat(fmt)).value
    doc, header = check_all(out, party=fmt == "party", cong_van=False)
    assert ("/BC-" if fmt == "state" else "-BC/") in header.number
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert any("quý III năm 2026" in t and "08/6/2026" in t and "07/9/2026" in t for t in texts)
    tables = check_data_tables(doc)
    agency_rows = table_rows(tables[0])
    assert agency_rows[-1][1] == "Tổng cộng"
    rows_xml = tables[0].findall(qn("w:tr"))

    def bold_flags(tr: Any) -> list[bool]:
        return [
            r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:b")) is not None
            for r in tr.iter(qn("w:r"))
            if "".join(t.text or "" for t in r.iter(qn("w:t")))
        ]

    assert bold_flags(rows_xml[-1]) and all(bold_flags(rows_xml[-1])), "the Tổng cộng row is bold"
    assert not any(bold_flags(rows_xml[1])), "agency rows are not"
    assert result.task_count == int(agency_rows[-1][2]) + 0 or result.task_count >= int(agency_rows[-1][2])
    titled = [t for t in tables if "Chỉ tiêu" in "".join(t.find(qn("w:tr")).itertext())]
    indicator_rows = table_rows(titled[0])
    assert len(indicator_rows) == 20
    assert any(r[6].endswith("%") for r in indicator_rows), "percent achieved where a value exists"


def test_report_month_counts_match_the_period_cutoff(demo_ctx: AppContext) -> None:
    data = demo_ctx.letters.preview_report("2026-06")
    assert (data.period.start, data.period.end) == (date(2026, 5, 8), date(2026, 6, 7))
    assert sum(data.counts.values()) == data.total
    assert all(line.due is not None and line.due < date(2026, 6, 7) for line in data.overdue)


def test_refusals_are_vietnamese_user_errors(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    with pytest.raises(UserError, match="Không tìm thấy cơ quan"):
        demo_ctx.letters.remind(agency(demo_ctx, "Sở Không Có"), AS_OF, LetterFormat.STATE, out)
    with pytest.raises(UserError, match="không có nhiệm vụ quá hạn"):
        demo_ctx.letters.remind(agency(demo_ctx, "Sở Y tế"), date(2026, 1, 5), LetterFormat.STATE, out)
    with pytest.raises(UserError, match="Không tìm thấy văn bản"):
        demo_ctx.letters.assign(directive(demo_ctx, "999/KH-XYZ"), out)
    with pytest.raises(UserError, match="Kỳ báo cáo"):
        demo_ctx.letters.report("2026-13x", out)
    with pytest.raises(UserError, match="Tháng 13"):
        demo_ctx.letters.report("2026-13", out)
    with pytest.raises(UserError, match="nhóm cơ quan"):
        demo_ctx.letters.remind(agency(demo_ctx, "Các sở, ban, ngành"), AS_OF, LetterFormat.STATE, out)
    assert not out.exists()
    assert demo_ctx.letters.list_letters() == [], "refused letters take no number"


def test_templates_are_editable_docx_with_jinja_tags() -> None:
    from docx import Document

    from app.letters.render import templates_dir

    for name in (
        "don-doc-nha-nuoc.docx",
        "don-doc-dang.docx",
        "trien-khai-nha-nuoc.docx",
        "trien-khai-dang.docx",
        "bao-cao-nha-nuoc.docx",
        "bao-cao-dang.docx",
    ):
        doc = Document(str(templates_dir() / name))
        xml = doc.element.xml
        # Vietnamese placeholders, and no control logic an officer would see in Word
        assert "{{ nguoi_ky }}" in xml and "{{ dia_danh_ngay }}" in xml, name
        if not name.startswith("bao-cao"):  # the report's template is another part of issue 12
            assert "{%" not in xml and "issuer." not in xml, name


def test_data_table_widens_a_column_too_narrow_for_its_longest_word() -> None:
    """Tester M1: a 21.5 mm "Đến hạn ngày" column could not hold "30/11/2026" at 12 pt, so the
    date broke inside its cell; the column is widened and the text column gives the room."""
    from app.letters.docx_xml import Column, fit_columns, mm
    from app.letters.layout import text_width_mm
    from app.letters.tables import ROLE_WORDS
    from models.parties import Role

    cols = [
        Column("Nhiệm vụ", 80.0),
        Column("Vai trò", 14.0, "center"),
        Column("Đến hạn ngày", 19.0, "center"),
    ]
    rows = [("Một nhiệm vụ rất dài", ROLE_WORDS[Role.COOPERATING], "30/11/2026")]
    fitted = fit_columns(cols, rows, 12)
    assert round(sum(c.width_mm for c in fitted), 6) == 113.0
    assert fitted[2].width_mm >= text_width_mm("30/11/2026", 12) + 3
    assert fitted[1].width_mm >= text_width_mm("Phối hợp", 12) + 3, "the role's words stay together"
    assert fitted[0].width_mm < 80.0
    assert mm(fitted[2].width_mm) > mm(19.0)
