"""The fast .xlsx reader (python-calamine values + the bounds scan's styles) reads every sheet
exactly as read-only openpyxl does: values and their types, merged ranges, bold cells, date
formats (a ``mm/yyyy`` cell is a month), percentages, error values and formulas without value."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from app.appendix.bounds import long_shared_strings, read_styles, scan_sheet, sheet_parts
from app.appendix.reader import Book, _read_openpyxl, _read_xlsx_calamine, read_book
from app.paths import resource
from benchmarks.bench_import import generate


def _both(path: Path) -> tuple[Book, Book]:
    with zipfile.ZipFile(path) as zf:
        styles = read_styles(zf)
        scans = {
            name: scan_sheet(path, zf, name, part, long_shared_strings(zf), styles)
            for name, part in sheet_parts(zf)
        }
    return _read_openpyxl(path, scans), _read_xlsx_calamine(path, scans)


def _same(path: Path) -> Book:
    slow, fast = _both(path)
    assert [s.name for s in fast.sheets] == [s.name for s in slow.sheets]
    for a, b in zip(slow.sheets, fast.sheets, strict=True):
        assert b.rows == a.rows, a.name
        assert [[type(v) for v in row] for row in b.rows] == [[type(v) for v in row] for row in a.rows]
        assert sorted(b.merges) == sorted(a.merges)
        assert b.notes == a.notes
        assert b.date_formats == a.date_formats
        cells = [(r, c) for r in range(a.height) for c in range(a.width)]
        assert [b.bold(r, c) for r, c in cells] == [a.bold(r, c) for r, c in cells]
    return fast


def test_sample_reads_the_same() -> None:
    assert read_book(resource("sample", "KH125-phu-luc.xlsx")).reader == "calamine"
    _same(resource("sample", "KH125-phu-luc.xlsx"))


def test_benchmark_appendix_reads_the_same(tmp_path: Path) -> None:
    """Title block, merged two-level header, bold groups, leads merged down, date cells."""
    _same(generate(tmp_path / "big.xlsx", 300))


def test_formats_errors_and_formulas_read_the_same(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "Tiêu đề in đậm"
    ws["A1"].font = Font(bold=True)
    ws.merge_cells("A1:F1")
    ws["B3"], ws["C3"], ws["D3"] = 1, 52.4, 0.8
    ws["D3"].number_format = "0%"
    ws["E3"] = datetime(2026, 6, 15)
    ws["E3"].number_format = "mm/yyyy"
    ws["F3"] = datetime(2026, 6, 15)
    ws["F3"].number_format = "dd/mm/yyyy"
    ws["B4"] = datetime(2026, 3, 1)
    ws["B4"].number_format = "mmm-yy"
    ws["C4"] = "#DIV/0!"
    ws["D4"] = "=1/0"  # saved without a value
    ws["E4"] = "   "
    ws["F4"] = True
    ws["C5"] = "Hợp nhất dọc"
    ws.merge_cells("C5:C7")
    ws["A8"] = "sau"
    path = tmp_path / "f.xlsx"
    wb.save(path)
    sheet = _same(path).sheets[0]
    assert sheet.value(2, 3) == 80 and sheet.value(2, 4) == "6/2026" and sheet.value(3, 1) == "3/2026"
    assert sheet.value(2, 5) == datetime(2026, 6, 15) and sheet.number_format(2, 5) == "dd/mm/yyyy"
    assert sheet.value(6, 2) == "Hợp nhất dọc" and sheet.bold(0, 0)
    assert {n.kind.value for n in sheet.notes} == {"error", "formula"}
