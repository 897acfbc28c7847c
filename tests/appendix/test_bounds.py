"""Issue 11 (bounded and clean): sizes refused before loading, and cells that are not what they show."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.appendix.parse import AppendixParse
from app.errors import UserError
from tests.appendix.test_sheets_columns import TASKS, Parse, save, task_sheet


def _replace_part(path: Path, part: str, data: bytes, out: Path) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, data if info.filename == part else src.read(info.filename))
    return out


def _small(tmp: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "PL"
    task_sheet(ws, TASKS)
    return save(wb, tmp / "small.xlsx")


def _refused_quickly(parse: Parse, path: Path) -> str:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(UserError) as err:
            parse(path)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.perf_counter() - start < 10
    assert peak < 40 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    return str(err.value)


def test_a_sheet_declaring_a_million_rows_by_fifty_is_refused_before_loading(
    tmp_path: Path, parse: Parse
) -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c><c r="AX%d" s="0"/></row>' % (r, r, r)
        for r in range(1, 25_001)
    )
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:AX1000000"/><sheetData>' + rows + b"</sheetData></worksheet>"
    )
    path = _replace_part(_small(tmp_path), "xl/worksheets/sheet1.xml", sheet, tmp_path / "trieu-dong.xlsx")
    message = _refused_quickly(parse, path)
    assert "trieu-dong.xlsx" in message and "trang «PL»" in message
    assert "hơn 20.000 dòng" in message and "1.000.000 dòng × 50 cột" in message


def test_a_part_inflating_past_the_limit_is_refused_without_inflating_it(
    tmp_path: Path, parse: Parse
) -> None:
    bomb = b'<?xml version="1.0"?><worksheet>' + b" " * (80 * 1024 * 1024) + b"</worksheet>"
    path = _replace_part(_small(tmp_path), "xl/worksheets/sheet1.xml", bomb, tmp_path / "bom.xlsx")
    assert path.stat().st_size < 1024 * 1024
    message = _refused_quickly(parse, path)
    assert "bom.xlsx" in message and "trang «PL»" in message and "giải nén ra 80 MB" in message


def test_a_cell_longer_than_excel_allows_is_refused_naming_the_cell(tmp_path: Path, parse: Parse) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "PL"
    task_sheet(ws, [*TASKS, [3, "CELL", "Sở Nội vụ", "", "Năm 2025", "Báo cáo"]])
    saved = save(wb, tmp_path / "ngan.xlsx")
    with zipfile.ZipFile(saved) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml")
    # openpyxl itself cuts a longer string at 32,767 on saving: the cell is written as other tools do
    long_cell = xml.replace(b"CELL", "Nhiệm vụ ".encode("ascii", "xmlcharrefreplace") * 4_000)
    path = _replace_part(saved, "xl/worksheets/sheet1.xml", long_cell, tmp_path / "o-dai.xlsx")
    with pytest.raises(UserError) as err:
        parse(path)
    message = str(err.value)
    assert "o-dai.xlsx" in message and "trang «PL» có ô B10" in message and "32.767" in message


def test_error_values_formulas_without_value_and_control_characters(tmp_path: Path, parse: Parse) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "PL"
    task_sheet(
        ws,
        [
            *TASKS,
            [3, "Nhiệm vụ CTRL một", "Sở Tư pháp", "", "Năm 2025", "#DIV/0!"],
            [4, '=CONCATENATE("Nhiệm vụ ", "bốn")', "Sở Y tế", "", "Năm 2025", "Báo cáo"],
        ],
    )
    path = save(wb, tmp_path / "a.xlsx")
    with zipfile.ZipFile(path) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").replace(b"CTRL", b"_x000B__x0007_")
    path = _replace_part(path, "xl/worksheets/sheet1.xml", sheet, tmp_path / "b.xlsx")
    parsed: AppendixParse = parse(path)
    by_row = {t.row: t for t in parsed.tasks}
    assert by_row[10].content == "Nhiệm vụ một" and by_row[10].product == ""  # never "#DIV/0!"
    assert 11 not in by_row  # no value: not a task, but said below
    messages = [(i.row, i.message) for i in parsed.issues if i.kind.value == "cell"]
    assert (
        10,
        "Ô F10 có giá trị lỗi #DIV/0!, không nhập thành chữ; hãy sửa công thức trong Excel.",
    ) in messages
    assert (11, "Ô B11 là công thức chưa có giá trị: mở và lưu lại tệp trong Excel.") in messages
    assert any("ký tự điều khiển" in m and "B10" in m for _, m in messages)


def _with_side_sheet(tmp: Path, side_xml: bytes, name: str) -> Path:
    """A good task sheet and a side sheet "Sheet2" whose XML is ``side_xml`` (as Excel saves it)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "PL"
    task_sheet(ws, TASKS)
    side = wb.create_sheet("Sheet2")
    side["A1"] = "x"
    base = save(wb, tmp / "base.xlsx")
    return _replace_part(base, "xl/worksheets/sheet2.xml", side_xml, tmp / name)


def _sheet_xml(rows: bytes, dimension: bytes = b"A1:A1") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="' + dimension + b'"/><sheetData>' + rows + b"</sheetData></worksheet>"
    )


def test_an_oversized_side_sheet_is_a_warning_and_the_tasks_come(tmp_path: Path, parse: Parse) -> None:
    """Tester's f6.xlsx: 1..1,000,000 in column A of "Sheet2" sank the whole workbook."""
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(1, 1_000_001))
    path = _with_side_sheet(tmp_path, _sheet_xml(rows, b"A1:A1000000"), "trang-phu.xlsx")
    tracemalloc.start()
    try:
        parsed = parse(path)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < 60 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    assert len(parsed.tasks) == 2
    [side] = [s for s in parsed.sheets if s.name == "Sheet2"]
    assert side.warning is not None and "hơn 20.000 dòng" in side.warning
    assert any(i.sheet == "Sheet2" and "Bỏ qua trang" in i.message for i in parsed.issues)


def test_a_cell_is_measured_in_characters_not_in_its_xml(tmp_path: Path, parse: Parse) -> None:
    """A 32,300-character Vietnamese cell saved as numeric references ("&#7897;") is 64,600 bytes
    of XML but within Excel's limit; a cell of 33,000 such characters is not."""
    word = "Nội dung ".encode("ascii", "xmlcharrefreplace")  # b"N&#7897;i dung "

    def cell(chars: int) -> bytes:
        text = word * (chars // 9) + b"x" * (chars % 9)
        return b'<row r="1"><c r="B1" t="inlineStr"><is><t>' + text + b"</t></is></c></row>"

    ok = parse(_with_side_sheet(tmp_path, _sheet_xml(cell(32_300)), "vua.xlsx"))
    assert not [s for s in ok.sheets if s.name == "Sheet2" and s.warning and "32.767" in s.warning]
    over = parse(_with_side_sheet(tmp_path, _sheet_xml(cell(33_000)), "qua.xlsx"))
    [side] = [s for s in over.sheets if s.name == "Sheet2"]
    assert side.warning is not None and "ô B1 dài 33.000 ký tự" in side.warning
    assert len(over.tasks) == 2
