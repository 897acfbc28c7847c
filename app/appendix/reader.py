"""A workbook as plain grids of values, whatever the file format, with merged cells resolved.

.xlsx goes through openpyxl (which also gives fonts, for bold group titles); legacy .xls and
.ods through python-calamine. Both report merged ranges; a vertically merged cell (one lead
shared by several tasks) is copied into every row it spans, so later steps read each row on
its own. Every way a file can fail to be a readable workbook becomes one Vietnamese
`UserError` naming the file: the import never shows a traceback.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.appendix.bounds import (
    MAX_CELL_CHARS,
    MAX_ROWS,
    SheetScan,
    SheetTooBig,
    Styles,
    check_sizes,
    long_shared_strings,
    read_styles,
    scan_sheet,
    sheet_parts,
    thousands,
    too_many_rows,
)
from app.errors import UserError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
# Formatting can stretch a sheet to a million empty rows; this many in a row ends it.
MAX_EMPTY_RUN = 1000

Merge = tuple[int, int, int, int]  # first row, first col, last row, last col; 0-based, inclusive


class NoteKind(StrEnum):
    CONTROL = "control"  # control characters (from a legacy .xls) removed from the text
    ERROR = "error"  # an error value (#DIV/0!, #N/A, #REF!): read as an empty cell
    FORMULA = "formula"  # a formula with no value saved: read as an empty cell


@dataclass(frozen=True)
class CellNote:
    kind: NoteKind
    row: int  # 0-based
    col: int  # 0-based
    detail: str = ""

    @property
    def cell(self) -> str:
        """The cell as Excel names it: "D15"."""
        return f"{column_letter(self.col)}{self.row + 1}"


def column_letter(col: int) -> str:
    """0-based column → "A", "B", … "AA"."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# Control characters other than tab and line breaks: a legacy .xls carries them in its text,
# and stored they break every letter written from it.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|_x00(?:0[0-8bcefBCEF]|1[0-9a-fA-F])_")
ERROR_VALUES = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


def _no_bold(_row: int, _col: int) -> bool:
    return False


@dataclass
class Sheet:
    """One worksheet: `rows[r][c]` is the value (None when empty), 0-based."""

    name: str
    rows: list[list[Any]]
    merges: list[Merge] = field(default_factory=list)
    bold: Callable[[int, int], bool] = _no_bold
    # what reading the cells found: stripped control characters, error values, formulas
    # without a value; each (kind, 0-based row, 0-based col, detail)
    notes: list[CellNote] = field(default_factory=list)
    # the number format of each date cell (0-based row, col): "mm/yyyy" says the day is not meant
    date_formats: dict[tuple[int, int], str] = field(default_factory=dict)
    # why the sheet was not read (over a size limit): it is left out with this warning
    refused: SheetTooBig | None = None
    _origin: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict, init=False, repr=False)
    _row_span: dict[int, int] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        width = max((len(r) for r in self.rows), default=0)
        for line in self.rows:
            line.extend([None] * (width - len(line)))
        for r1, c1, r2, c2 in self.merges:
            if r1 >= len(self.rows):
                continue
            self._row_span[r1] = max(self._row_span.get(r1, 1), c2 - c1 + 1)
            for r in range(r1, min(r2, len(self.rows) - 1) + 1):
                for c in range(c1, min(c2, width - 1) + 1):
                    if (r, c) != (r1, c1):
                        self._origin[(r, c)] = (r1, c1)
            # Copy down, not across: a lead merged over three task rows belongs to each of
            # them, while a title merged across columns must not fill the lead column too.
            top = self.rows[r1][c1]
            for r in range(r1 + 1, min(r2, len(self.rows) - 1) + 1):
                self.rows[r][c1] = top

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def value(self, row: int, col: int) -> Any:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def spanned(self, row: int, col: int) -> Any:
        """The value shown at (row, col): a merged range's value covers every cell of it."""
        origin = self._origin.get((row, col))
        return self.value(*origin) if origin else self.value(row, col)

    def merge_origin(self, row: int, col: int) -> tuple[int, int] | None:
        """The top-left cell of the merged range covering (row, col), if it is not that cell."""
        return self._origin.get((row, col))

    def number_format(self, row: int, col: int) -> str:
        """The number format of a date cell ("" for any other cell, or when the reader has none)."""
        return self.date_formats.get((row, col), "")

    def across(self, row: int) -> int:
        """How many columns the widest merged range starting on this row spans."""
        return self._row_span.get(row, 1)


@dataclass
class Book:
    path: Path
    sheets: list[Sheet]
    reader: str  # "openpyxl" or "calamine", for the benchmark and the log


def _fail(path: Path, why: str) -> UserError:
    return UserError(f"Tệp «{path.name}»: {why}")


def _sniff(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(8)
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp «{path}».") from None
    except IsADirectoryError:
        raise UserError(f"«{path}» là một thư mục, không phải tệp bảng tính.") from None
    except OSError as exc:
        raise UserError(f"Không mở được tệp «{path.name}»: {exc.strerror}.") from None


def _is_encrypted_ole(path: Path) -> bool:
    """An encrypted .xlsx is an OLE container whose directory names an EncryptionInfo stream."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return _ENCRYPTION_MARK in data


def read_book(path: Path) -> Book:
    """Read every worksheet of an .xlsx, .xlsm, .xls or .ods file, refusing anything else clearly.

    Sizes are checked before anything is loaded (app/appendix/bounds.py), and every cell is
    checked against Excel's own limit of 32,767 characters as it is read.
    """
    head = _sniff(path)
    if not head:
        raise _fail(path, "tệp rỗng (0 byte), không có dữ liệu.")
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                check_sizes(path, zf)
                bad = zf.testzip()
                long_shared = long_shared_strings(zf) if bad is None else {}
                xlsx = bad is None and "xl/workbook.xml" in names
                styles = read_styles(zf) if xlsx else None
                scans: list[SheetScan | SheetTooBig] = (
                    [
                        _scan(path, zf, name, part, long_shared, styles)
                        for name, part in sheet_parts(zf)
                        if part in names
                    ]
                    if xlsx
                    else []
                )
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
            raise _fail(
                path, "tệp bị hỏng hoặc chưa được tải về/sao chép hết; hãy lấy lại tệp gốc."
            ) from None
        if bad is not None:
            raise _fail(path, "tệp bị hỏng (dữ liệu nén lỗi); hãy lấy lại tệp gốc.")
        if "xl/workbook.xml" in names:
            by_name = {s.sheet if isinstance(s, SheetTooBig) else s.name: s for s in scans}
            book = (
                _read_xlsx_calamine(path, by_name)
                if scans and not any(isinstance(s, SheetScan) and s.unplaced_style for s in scans)
                else _read_openpyxl(path, by_name)
            )
        elif "content.xml" in names:
            book = _read_calamine(path)
        else:
            raise _fail(path, "không phải bảng tính Excel (.xlsx, .xls) hay OpenDocument (.ods).")
    elif head.startswith(OLE_MAGIC):
        if _is_encrypted_ole(path):
            raise _fail(path, "bảng tính được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi nhập lại.")
        book = _read_calamine(path)
    else:
        raise _fail(path, "không phải bảng tính Excel (.xlsx, .xls) hay OpenDocument (.ods).")
    if not any(any(v is not None for v in row) for s in book.sheets for row in s.rows):
        refused = next((s.refused for s in book.sheets if s.refused is not None), None)
        if refused is not None:
            raise refused  # nothing else to import: the whole file, with the sheet's reason
        raise _fail(path, "bảng tính trống, không có dữ liệu để nhập.")
    return book


def _scan(
    path: Path,
    zf: zipfile.ZipFile,
    name: str,
    part: str,
    long_shared: dict[int, int],
    styles: Styles | None,
) -> SheetScan | SheetTooBig:
    """The sheet's scan, or why it is too big to read (that sheet alone is then left out)."""
    try:
        return scan_sheet(path, zf, name, part, long_shared, styles)
    except SheetTooBig as exc:
        return exc


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty rows and columns, which formatting alone can create by the thousand."""
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    width = 0
    for row in rows:
        for c in range(len(row) - 1, -1, -1):
            if row[c] is not None:
                width = max(width, c + 1)
                break
    return [row[:width] for row in rows]


_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def month_only_format(number_format: str) -> bool:
    """A date format that shows no day (``mm/yyyy``, ``mmm-yy``, ``[$-409]mmmm yyyy``): the
    writer meant the month, so the cell is that month, not its first day."""
    fmt = _FORMAT_LITERALS.sub("", (number_format or "").split(";")[0]).lower()
    return "y" in fmt and "m" in fmt and not any(c in fmt for c in "dhs")


class _Cells:
    """Turns raw cell values into what the importer reads, noting what it changed on the way."""

    def __init__(self, path: Path, sheet: str) -> None:
        self.path, self.sheet = path, sheet
        self.notes: list[CellNote] = []

    def text(self, value: str, r: int, c: int) -> str | None:
        if len(value) > MAX_CELL_CHARS:
            raise SheetTooBig(
                self.path,
                self.sheet,
                f"có ô {column_letter(c)}{r + 1} dài {thousands(len(value))} ký tự, quá giới hạn "
                "32.767 ký tự một ô của Excel; hãy sửa ô đó rồi nhập lại.",
            )
        if _CONTROL.search(value):
            value = _CONTROL.sub("", value)
            self.notes.append(CellNote(NoteKind.CONTROL, r, c))
        return value if value.strip() else None

    def error(self, value: Any, r: int, c: int) -> None:
        self.notes.append(CellNote(NoteKind.ERROR, r, c, str(value)))
        return None


def _cell_value(cell: Any, r: int, c: int, cells: _Cells, sheet_formats: dict[tuple[int, int], str]) -> Any:
    """A cell's value as shown: blank text is None, a number formatted as percent (0.8 → "80%") is 80,
    an error value is None (noted), control characters are removed (noted), a date formatted as a
    month (``mm/yyyy``) is that month as written ("6/2025", read as its end)."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, str):
        if cell.data_type == "e" or value in ERROR_VALUES:
            return cells.error(value, r, c)
        return cells.text(value, r, c)
    if isinstance(value, date) and month_only_format(cell.number_format):
        return f"{value.month}/{value.year}"
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        return round(value * 100, 10)
    if isinstance(value, datetime | date):
        sheet_formats[(r, c)] = cell.number_format or ""
    return value


def _read_openpyxl(path: Path, scans: dict[str, SheetScan | SheetTooBig]) -> Book:
    """Read-only openpyxl: cells stream by, so memory follows the values, not the formatting;
    merged ranges and formulas without a value come from the bounds scan of the same XML."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except Exception:
        raise _fail(path, "tệp bị hỏng hoặc không phải bảng tính Excel đọc được.") from None
    sheets = []
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue  # a hidden sheet is an old copy or a lookup list, not part of the appendix
            scan = scans.get(ws.title)
            if isinstance(scan, SheetTooBig):
                sheets.append(Sheet(ws.title, [], refused=scan))
                continue
            try:
                sheets.append(_read_sheet(path, ws, scan))
            except SheetTooBig as exc:
                sheets.append(Sheet(ws.title, [], refused=exc))
    except UserError:
        raise
    except Exception:
        raise _fail(path, "tệp bị hỏng, không đọc hết được các trang tính.") from None
    finally:
        wb.close()
    return Book(path, sheets, "openpyxl")


def _read_sheet(path: Path, ws: Any, scan: SheetScan | None) -> Sheet:
    cells = _Cells(path, ws.title)
    formats: dict[tuple[int, int], str] = {}
    bold_cells: set[tuple[int, int]] = set()
    rows: list[list[Any]] = []
    empty_run = 0
    ws.reset_dimensions()  # a declared A1:XFD1048576 must not pad every row to 16,384 cells
    for r, row_cells in enumerate(ws.iter_rows()):
        row = []
        for c, cell in enumerate(row_cells):
            value = _cell_value(cell, r, c, cells, formats) if cell.value is not None else None
            row.append(value)
            if value is not None:
                font = cell.font
                if font is not None and font.b:
                    bold_cells.add((r, c))
        rows.append(row)
        empty_run = empty_run + 1 if value_free(row) else 0
        if empty_run >= MAX_EMPTY_RUN:
            break
    rows = _trim(rows)
    notes = cells.notes
    merges: list[Merge] = []
    if scan is not None:
        merges = scan.merges
        notes += [CellNote(NoteKind.FORMULA, r, c) for r, c in scan.empty_formulas]

    def bold(r: int, c: int) -> bool:
        return (r, c) in bold_cells

    return Sheet(ws.title, rows, merges, bold, notes, formats)


def _xlsx_value(
    value: Any, r: int, c: int, cells: _Cells, scan: SheetScan, formats: dict[tuple[int, int], str]
) -> Any:
    """A python-calamine value read as `_cell_value` reads openpyxl's: the same types (whole
    numbers as int, dates as datetime), and the cell's format from the bounds scan."""
    if isinstance(value, str):
        if not value:
            return None
        if value in ERROR_VALUES:
            return cells.error(value, r, c)
        return cells.text(value, r, c)
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        fmt = scan.formats.get((r, c), "")
        if "%" in fmt:
            return round(value * 100, 10)
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, int):
        return round(value * 100, 10) if "%" in scan.formats.get((r, c), "") else value
    if isinstance(value, datetime | date):
        fmt = scan.formats.get((r, c), "")
        if month_only_format(fmt):
            return f"{value.month}/{value.year}"
        if not isinstance(value, datetime):
            value = datetime(value.year, value.month, value.day)
        formats[(r, c)] = fmt
        return value
    return value


def _error(cells: _Cells, value: str, r: int, c: int) -> Any:
    """An error value (read as an empty cell by python-calamine): noted, read as empty (None)."""
    cells.error(value, r, c)
    return None


def _read_xlsx_calamine(path: Path, scans: dict[str, SheetScan | SheetTooBig]) -> Book:
    """Values by python-calamine (a tenth of read-only openpyxl's time on a 5,000-task
    appendix); what it does not give (fonts, number formats, merged ranges, formulas without
    a value) comes from the bounds scan of the same XML, so both readers give the same sheets."""
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
    except Exception:
        raise _fail(path, "tệp bị hỏng hoặc không phải bảng tính Excel đọc được.") from None
    sheets = []
    try:
        for index, name in enumerate(wb.sheet_names):
            meta = wb.sheets_metadata[index] if index < len(wb.sheets_metadata) else None
            if meta is not None and (
                meta.visible != pc.SheetVisibleEnum.Visible or meta.typ != pc.SheetTypeEnum.WorkSheet
            ):
                continue  # a hidden sheet is an old copy or a lookup list, not part of the appendix
            found = scans.get(name)
            if isinstance(found, SheetTooBig):  # over the limits: left out alone, never loaded
                sheets.append(Sheet(name, [], refused=found))
                continue
            scan = found or SheetScan(name, "")
            cells = _Cells(path, name)
            formats: dict[tuple[int, int], str] = {}
            rows: list[list[Any]] = []
            errors = scan.errors
            empty_run = 0
            for r, raw in enumerate(wb.get_sheet_by_index(index).to_python(skip_empty_area=False)):
                row = [
                    _xlsx_value(v, r, c, cells, scan, formats)
                    if v != ""
                    else (_error(cells, errors[(r, c)], r, c) if (r, c) in errors else None)
                    for c, v in enumerate(raw)
                ]
                rows.append(row)
                empty_run = empty_run + 1 if value_free(row) else 0
                if empty_run >= MAX_EMPTY_RUN:
                    break
            rows = _trim(rows)
            notes = cells.notes + [CellNote(NoteKind.FORMULA, r, c) for r, c in scan.empty_formulas]
            bold_cells = {
                (r, c) for r, c in scan.bold if r < len(rows) and c < len(rows[r]) and rows[r][c] is not None
            }

            def bold(r: int, c: int, bold_cells: set[tuple[int, int]] = bold_cells) -> bool:
                return (r, c) in bold_cells

            sheets.append(Sheet(name, rows, list(scan.merges), bold, notes, formats))
    except UserError:
        raise
    except Exception:
        raise _fail(path, "tệp bị hỏng, không đọc hết được các trang tính.") from None
    return Book(path, sheets, "calamine")


def _calamine_value(value: Any, r: int, c: int, cells: _Cells) -> Any:
    if isinstance(value, str):
        if value in ERROR_VALUES:
            return cells.error(value, r, c)
        return cells.text(value, r, c) if value else None
    return value


def value_free(row: list[Any]) -> bool:
    return all(v is None for v in row)


def _read_calamine(path: Path) -> Book:
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise _fail(
            path, "bảng tính được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi nhập lại."
        ) from None
    except Exception:
        raise _fail(path, "tệp bị hỏng hoặc không phải bảng tính đọc được.") from None
    sheets = []
    try:
        for index, name in enumerate(wb.sheet_names):
            meta = wb.sheets_metadata[index] if index < len(wb.sheets_metadata) else None
            if meta is not None and meta.visible != pc.SheetVisibleEnum.Visible:
                continue  # a hidden sheet is not part of the appendix
            try:
                sheets.append(_calamine_sheet(path, wb.get_sheet_by_index(index), name))
            except SheetTooBig as exc:
                sheets.append(Sheet(name, [], refused=exc))
    except UserError:
        raise
    except pc.PasswordError:
        raise _fail(
            path, "bảng tính được đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi nhập lại."
        ) from None
    except Exception:
        raise _fail(path, "tệp bị hỏng, không đọc hết được các trang tính.") from None
    return Book(path, sheets, "calamine")


def _calamine_sheet(path: Path, sh: Any, name: str) -> Sheet:
    """One sheet through calamine; a sheet over the limits raises `SheetTooBig` (left out alone)."""
    cells = _Cells(path, name)
    rows = []
    empty_run = value_rows = 0
    for r, raw in enumerate(sh.iter_rows()):
        row = [_calamine_value(v, r, c, cells) for c, v in enumerate(raw)]
        rows.append(row)
        if value_free(row):
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                break
            continue
        empty_run = 0
        value_rows += 1
        if value_rows > MAX_ROWS:
            raise too_many_rows(path, name)
    merges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sh.merged_cell_ranges or [])]
    return Sheet(name, _trim(rows), merges, notes=cells.notes)
