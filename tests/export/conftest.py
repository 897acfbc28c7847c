"""Helpers for the export tests: a saved workbook reopened, rows found by their first cell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet


def reopen(path: Path) -> Workbook:
    """The file as Excel would read it (styles included), not the objects that wrote it."""
    return load_workbook(path)


def header_row(ws: Worksheet, first: str) -> int:
    """The number of the first row whose column A reads ``first`` ("STT", "TT")."""
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == first:
            return row[0].row
    raise AssertionError(f"no row starting with {first!r} in {ws.title}")


def values(ws: Worksheet, row: int) -> list[Any]:
    return [c.value for c in ws[row]]


def data_rows(ws: Worksheet, first_data: int) -> list[list[Any]]:
    """Rows from ``first_data`` down to the first empty row (the notes follow after one)."""
    out = []
    for r in ws.iter_rows(min_row=first_data, values_only=True):
        if all(v is None for v in r):
            break
        out.append(list(r))
    return out
