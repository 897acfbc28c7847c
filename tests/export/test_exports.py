"""Each export saved on the demo database, reopened with openpyxl and read cell by cell."""

from __future__ import annotations

import html
import os
import re
import stat
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.context import AppContext
from app.dto import IndicatorInput, ReportInput, TaskFilter, TaskInput
from app.errors import UserError
from app.export import status_workbook, task_list
from app.export.service import ExportService
from models.status import Status
from tests.conftest import TODAY
from tests.export.conftest import data_rows, header_row, reopen, values

AS_OF = "24/11/2026"


def check_printable(ws: Worksheet, header_top: int, header_bottom: int, freeze: str) -> None:
    """Landscape A4 fit to width, header repeated, panes frozen below it, footer with date and user."""
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == f"${header_top}:${header_bottom}"
    assert ws.freeze_panes == freeze
    footer = ws.oddFooter.left.text
    assert f"Tính đến ngày {AS_OF}" in footer and "Người xuất: Nguyễn Văn An" in footer
    assert ws.oddFooter.right.text == "Trang &P/&N"
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith(f"A{header_bottom}:")
    header = ws.cell(header_top, 1)
    assert header.font.b and header.border.left.style == "thin"


def test_task_list_cell_by_cell(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "nhiem-vu.xlsx"
    result = ExportService(demo_ctx.services).tasks(TaskFilter(), out, TODAY, "Nguyễn Văn An")
    expected = demo_ctx.tasks.page(TaskFilter(), 0, 10_000)
    assert result.rows == len(expected) == 68

    ws = reopen(out)["Nhiệm vụ"]
    h = header_row(ws, "STT")
    assert values(ws, h) == [c.header for c in task_list.COLUMNS]
    assert ws["A1"].value == "DANH SÁCH NHIỆM VỤ"
    assert ws["A2"].value == f"Tính đến ngày {AS_OF} · 68 nhiệm vụ"
    check_printable(ws, h, h, f"A{h + 1}")
    rows = data_rows(ws, h + 1)
    assert len(rows) == 68
    assert ws.auto_filter.ref == f"A{h}:J{h + 68}"

    overdue_seen = reported_seen = 0
    for n, (got, want) in enumerate(zip(rows, expected, strict=True), start=1):
        assert got[:6] == [
            n,
            want.directive_number,
            want.content,
            want.lead,
            want.cooperating or None,
            want.deadline_text,
        ]
        due = got[6]
        if want.next_due is None:
            assert due is None
        else:
            assert due == datetime.combine(want.next_due, datetime.min.time())
        assert got[7] == want.status.value[0].upper() + want.status.value[1:]
        if want.status is Status.OVERDUE:
            assert want.next_due is not None
            assert got[8] == (TODAY - want.next_due).days > 0
            overdue_seen += 1
        else:
            assert got[8] is None
        reports = [r for r in demo_ctx.reports.list_for_task(want.id) if r.received_on <= TODAY]
        if reports:
            latest = reports[0]  # newest first
            assert got[9].startswith(f"{latest.agency}, {latest.received_on:%d/%m/%Y}")
            assert latest.text in got[9]
            reported_seen += 1
        else:
            assert got[9] is None
    assert overdue_seen > 5 and reported_seen > 3

    date_cell = next(c for c in ws["G"][h:] if isinstance(c.value, datetime))
    assert date_cell.number_format == "dd/mm/yyyy" and date_cell.is_date
    long_text = ws.cell(h + 1, 3)
    assert long_text.alignment.wrap_text and long_text.border.bottom.style == "thin"
    assert ws.column_dimensions["C"].width == 40
    # rows are as tall as their wrapped text (no spreadsheet grows them for text written by a program)
    for i, row in enumerate(rows):
        height = ws.row_dimensions[h + 1 + i].height
        if max(len(row[2]), len(row[9] or "")) > 2 * 46:  # three lines or more in C or J
            assert height is not None and height >= 3 * 13
        elif all(len(str(v or "")) <= c.width for v, c in zip(row, task_list.COLUMNS, strict=True)):
            assert height is None  # one line: the default height


def test_task_list_of_a_filter_says_the_filter(demo_ctx: AppContext, tmp_path: Path) -> None:
    police = demo_ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
    flt = TaskFilter(agency_id=police, statuses=(Status.OVERDUE,))
    out = tmp_path / "ca.xlsx"
    ExportService(demo_ctx.services).tasks(flt, out, TODAY, "Nguyễn Văn An")
    ws = reopen(out).active
    assert ws["A3"].value == "Điều kiện lọc: cơ quan Công an tỉnh; trạng thái «quá hạn»"
    rows = data_rows(ws, header_row(ws, "STT") + 1)
    assert len(rows) == demo_ctx.tasks.count(flt) > 0
    assert all(r[7] == "Quá hạn" for r in rows)


FORMULA_LOOKING = ("=SUM(A1)", "-5 đơn vị", "+84 912 345 678", "@x", "=1+1")


@pytest.fixture
def formula_db(demo_ctx: AppContext) -> AppContext:
    """Tasks and a report whose texts a spreadsheet would read as formulas."""
    directive = demo_ctx.directives.find_by_number("125/KH-BCĐ")
    assert directive is not None
    lead = [demo_ctx.agencies.resolve_or_fail("Công an tỉnh")]
    ids = [
        demo_ctx.tasks.save(
            TaskInput(
                directive_id=directive, content=text, lead=lead, deadline_text="30/6/2026", product=text
            )
        ).value
        for text in FORMULA_LOOKING
    ]
    assignment = demo_ctx.tasks.get(ids[0]).assignments[0].id
    demo_ctx.reports.add(
        ReportInput(assignment, date(2026, 11, 20), text='=HYPERLINK("x")', percent=40, doc_number="-12/BC")
    )
    return demo_ctx


def test_formula_looking_text_stays_text(formula_db: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "cong-thuc.xlsx"
    export = ExportService(formula_db.services)
    export.tasks(TaskFilter(search="don vi"), out, TODAY, "x")  # one of them, found by its words
    export.tasks(TaskFilter(), out, TODAY, "x")
    ws = reopen(out).active
    cells = {c.value: c for c in ws["C"] if c.value in FORMULA_LOOKING}
    assert set(cells) == set(FORMULA_LOOKING)
    for text, cell in cells.items():
        assert cell.data_type == "s", text
        assert cell.quotePrefix, text  # Excel keeps it text when the cell is edited, too
    plain = ws.cell(header_row(ws, "STT") + 1, 3)
    assert plain.data_type == "s" and not plain.quotePrefix
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)

    book = tmp_path / "phu-luc.xlsx"
    export.status_workbook(book, TODAY, "x")
    sheet = reopen(book)["125-KH-BCĐ"]
    texts = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert {c.value for c in texts} >= {*FORMULA_LOOKING, "-12/BC"}
    assert any(c.value.endswith(': =HYPERLINK("x")') for c in texts)
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_status_workbook_in_the_appendix_layout(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "tinh-hinh.xlsx"
    result = ExportService(demo_ctx.services).status_workbook(out, TODAY, "Nguyễn Văn An")
    wb = reopen(out)
    assert wb.sheetnames == ["Tổng hợp", "420-CV-TU", "125-KH-BCĐ"]
    assert (result.rows, result.sheets) == (68, 3)
    rows = demo_ctx.tasks.page(TaskFilter(), 0, 1000)

    summary = wb["Tổng hợp"]
    h = header_row(summary, "STT")
    assert values(summary, h)[:5] == ["STT", "Văn bản", "Trích yếu", "Tổng số nhiệm vụ", "Trong đó"]
    assert values(summary, h + 1)[4:] == [label for label, _ in status_workbook.CLASSES]
    check_printable(summary, h, h + 1, f"A{h + 2}")
    by_number = {r[1]: r for r in data_rows(summary, h + 2)}
    plan = [r for r in rows if r.directive_number == "125/KH-BCĐ"]
    line = by_number["125/KH-BCĐ"]
    assert line[3] == len(plan) == 61
    for (_, statuses), got in zip(status_workbook.CLASSES, line[4:], strict=True):
        assert got == sum(r.status in statuses for r in plan)
    assert sum(line[4:]) == 61
    total = by_number[None]
    assert total[0] == "Tổng cộng" and total[3] == 68

    ws = wb["125-KH-BCĐ"]
    assert ws["A1"].value == "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"
    assert ws["A3"].value == "(Kèm theo Kế hoạch số 125/KH-BCĐ ngày 10/04/2026)"
    h = header_row(ws, "TT")
    upper, lower, numbers = values(ws, h), values(ws, h + 1), values(ws, h + 2)
    assert upper[:7] == [
        "TT",
        "Nội dung nhiệm vụ",
        "Cơ quan thực hiện",
        None,
        "Sản phẩm đầu ra",
        "Thời gian hoàn thành",
        f"Tình hình thực hiện đến {AS_OF}",
    ]
    assert lower[2:4] == ["Chủ trì", "Phối hợp"] and lower[9:12] == ["Nội dung", "Số văn bản", "Ngày nhận"]
    assert numbers == [f"({i})" for i in range(1, len(numbers) + 1)]
    assert f"C{h}:D{h}" in {str(r) for r in ws.merged_cells.ranges}
    check_printable(ws, h, h + 2, f"C{h + 3}")

    body = data_rows(ws, h + 3)
    assert body[0][:2] == ["I", "Về quản trị, điều hành hoạt động của Ban Chỉ đạo"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    last = get_column_letter(ws.max_column)
    sections = [r for i, r in enumerate(body) if f"B{h + 3 + i}:{last}{h + 3 + i}" in merged]
    assert [r[0] for r in sections][:3] == ["I", "II", "III"]
    assert all(r[1] and all(v is None for v in r[2:]) for r in sections)
    tasks = [r for r in body if r not in sections]
    assert len(tasks) == 61
    assert [int(r[0]) for r in tasks] == sorted(r.seq for r in plan)
    first = next(r for r in plan if r.seq == 1)
    got = next(r for r in tasks if r[0] == "1")
    assert got[1:4] == [first.content, first.lead, first.cooperating]
    assert got[5] == first.deadline_text
    reports = [r for r in demo_ctx.reports.list_for_task(first.id) if r.received_on <= TODAY]
    assert reports, "the demo reports on the plan's first task"
    latest = reports[0]
    assert got[9].startswith(latest.agency) and latest.text in got[9]
    assert got[10] == (latest.doc_number or None)
    assert got[11] == datetime.combine(latest.received_on, datetime.min.time())
    received = ws.cell(h + 3 + body.index(got), 12)
    assert received.number_format == "dd/mm/yyyy"


def test_indicators_latest_value_and_history(demo_ctx: AppContext, tmp_path: Path) -> None:
    ind = demo_ctx.indicators
    added = IndicatorInput(name="Số thủ tục trực tuyến", unit="thủ tục", baseline="1.250", target="200")
    new_id = ind.save(added)
    ind.record_value(new_id.value, "2026-Q1", 50, date(2026, 4, 5))
    ind.record_value(new_id.value, "2026-Q3", 150, date(2026, 10, 5))
    ind.record_value(new_id.value, "2026-Q4", 180, date(2026, 11, 30))  # reported after the as-of date
    out = tmp_path / "chi-tieu.xlsx"
    result = ExportService(demo_ctx.services).indicators(out, TODAY, "Nguyễn Văn An")
    wb = reopen(out)
    assert wb.sheetnames == ["Chỉ tiêu", "Lịch sử số liệu"]
    ws = wb["Chỉ tiêu"]
    h = header_row(ws, "STT")
    check_printable(ws, h, h, f"A{h + 1}")
    rows = data_rows(ws, h + 1)
    assert len(rows) == result.rows == len(ind.list_indicators())
    mine = next(r for r in rows if r[3] == "Số thủ tục trực tuyến")
    # "1.250" may be a thousands separator: kept as written, not read as 1.25
    assert mine[4:10] == ["thủ tục", "1.250", 200, "Quý 3/2026", 150, 0.75]
    pct = ws.cell(h + 1 + rows.index(mine), 10)
    assert pct.number_format == "0%"
    first = next(r for r in rows if r[1] == "125/KH-BCĐ")  # "52,4" and "80": numbers in the sheet
    assert isinstance(first[5], float | int) and isinstance(first[6], float | int)

    history = wb["Lịch sử số liệu"]
    hh = header_row(history, "STT")
    check_printable(history, hh, hh, f"A{hh + 1}")
    mine_hist = [r for r in data_rows(history, hh + 1) if r[2] == "Số thủ tục trực tuyến"]
    assert [(r[4], r[5], r[6]) for r in mine_hist] == [
        ("Quý 1/2026", 50, datetime(2026, 4, 5)),
        ("Quý 3/2026", 150, datetime(2026, 10, 5)),
    ]


def test_export_refuses_bad_targets_before_any_work(demo_ctx: AppContext, tmp_path: Path) -> None:
    export = ExportService(demo_ctx.services)
    with pytest.raises(UserError, match="Không có thư mục"):
        export.tasks(TaskFilter(), tmp_path / "khong-co" / "x.xlsx")
    with pytest.raises(UserError, match=r"đuôi \.xlsx"):
        export.tasks(TaskFilter(), tmp_path / "x.csv")
    (tmp_path / "thu-muc.xlsx").mkdir()
    with pytest.raises(UserError, match="là một thư mục"):
        export.tasks(TaskFilter(), tmp_path / "thu-muc.xlsx")
    target = tmp_path / "dang-mo.xlsx"
    target.write_bytes(b"old")
    for lock in ("~$dang-mo.xlsx", ".~lock.dang-mo.xlsx#"):  # Excel's and LibreOffice's
        (tmp_path / lock).write_text("x")
        with pytest.raises(UserError, match="đang mở"):
            export.tasks(TaskFilter(), target)
        (tmp_path / lock).unlink()
    assert target.read_bytes() == b"old"


def test_the_saved_file_has_ordinary_permissions(demo_ctx: AppContext, tmp_path: Path) -> None:
    """Not the private 0600 of the temporary file it was written as."""
    out = tmp_path / "moi.xlsx"
    ExportService(demo_ctx.services).scoreboard(out, TODAY, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
    out.chmod(0o640)
    ExportService(demo_ctx.services).scoreboard(out, TODAY, "x")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_a_failed_save_leaves_the_old_file_and_no_temporary(
    demo_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "xuat"
    folder.mkdir()
    target = folder / "nhiem-vu.xlsx"
    target.write_bytes(b"old")

    def refuse(_path: Path) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("app.export.output.os.replace", lambda _src, dst: refuse(dst))
    with pytest.raises(UserError, match="đang mở trong Excel hoặc chương trình khác"):
        ExportService(demo_ctx.services).tasks(TaskFilter(), target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in folder.iterdir()) == ["nhiem-vu.xlsx"]


def test_a_past_as_of_date_is_that_days_state_without_a_caveat(demo_ctx: AppContext, tmp_path: Path) -> None:
    """Statuses are as of the day (tests/services/test_asof_rows.py), so no «counted with later
    reports» note any more."""
    out = tmp_path / "cu.xlsx"
    ExportService(demo_ctx.services).tasks(TaskFilter(), out, date(2026, 6, 1), "x")
    ws = reopen(out).active
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Lưu ý")]
    assert notes == []
    assert "Tính đến ngày 01/06/2026" in ws.oddFooter.left.text


def test_an_ampersand_in_the_footer_is_escaped(ctx: AppContext, tmp_path: Path) -> None:
    """ "&" starts a code in a header or footer ("&P" is the page number): "Sở KH&CN" is "&&"."""
    out = tmp_path / "x.xlsx"
    ExportService(ctx.services).scoreboard(out, TODAY, "Sở KH&CN")
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    found = re.search(r"<oddFooter>(.*?)</oddFooter>", sheet)
    assert found is not None
    footer = html.unescape(found.group(1))
    assert "Người xuất: Sở KH&&CN · Xuất lúc" in footer
    assert footer.endswith("Trang &P/&N")
