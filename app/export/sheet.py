"""One formatted, printable table on a streamed (write-only) openpyxl worksheet.

A committee prints these: a title and the as-of date on top, the header row repeated on every
page, thin borders, landscape A4 scaled to the page width, long text wrapped, the panes frozen
below the header, an autofilter, dates as real dates (dd/mm/yyyy), and in the footer the as-of
date, who exported and the page number.

Rows stream to disk as they are appended (openpyxl's write-only mode), so 20,000 tasks cost
what their cells cost, not a workbook held in memory. Everything the sheet needs before its
first row (widths, panes, page setup) is set in the constructor; what it needs after its last
(autofilter range, merged section rows) is collected and set by ``finish``.

Cells are built here rather than through ``ws.append(values)``: a text value is always written
as text (openpyxl would turn a string starting with "=" into a formula, and Excel re-reads a
cell starting with "+", "-" or "@" as one when edited, so those also get Excel's quote prefix),
and binding each value ourselves halves the cost of openpyxl's generic per-cell type guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, NamedTuple

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "Times New Roman"
DATE_FORMAT = "dd/mm/yyyy"
# What a spreadsheet reads as the start of a formula when the cell is typed or edited.
FORMULA_START = ("=", "+", "-", "@")
MAX_CELL_TEXT = 32_767  # Excel's limit per cell
# Times New Roman 11 fits about this many characters of Vietnamese text per unit of column
# width (a unit is the width of "0" in the workbook's default font), and needs this line height.
CHARS_PER_WIDTH = 1.15
LINE_SPACING = 1.2
# Control characters an .xlsx cannot hold (openpyxl raises on them); tab and newlines are kept.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    INT = "int"
    NUMBER = "number"
    PERCENT = "percent"  # a fraction (0.8) shown as 80%


@dataclass(frozen=True)
class Column:
    """``width`` in Excel's character units; ``group`` puts a merged header above adjacent
    columns sharing it (the appendix's "Cơ quan thực hiện" over "Chủ trì" and "Phối hợp")."""

    header: str
    width: float
    kind: Kind = Kind.TEXT
    group: str = ""
    center: bool = False
    number_format: str = ""


@dataclass(frozen=True)
class Section:
    """A row across the table naming the group of rows below it ("I – Về quản trị…")."""

    code: str
    title: str


@dataclass(frozen=True)
class ExportMeta:
    """What the footer says: the date the figures hold for, who exported them and when."""

    as_of: date
    exported_by: str
    exported_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))


def fmt_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def clean_text(value: str) -> str:
    """Text an .xlsx cell can hold: no control characters, at most Excel's 32,767 characters."""
    text = _ILLEGAL.sub("", value)
    if len(text) > MAX_CELL_TEXT:
        text = text[: MAX_CELL_TEXT - 1] + "…"
    return text


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\ (125/KH-BCĐ → 125-KH-BCĐ), at most 31 characters."""
    base = _SHEET_NAME_BAD.sub("-", name).strip("' ") or "Trang"
    base = base[:31]
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def text_lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (an estimate).

    Neither Excel nor LibreOffice grows a row to fit wrapped text written by a program, so
    rows get a height from this; it errs on the tall side (word breaks waste a little)."""
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    return sum(-(-len(part) // per_line) or 1 for part in text.split("\n"))


def row_height(lines: int, size: float = 11) -> float:
    return round(max(1, lines) * size * LINE_SPACING + 3, 1)


def _footer_text(text: str) -> str:
    """Header/footer codes start with "&": a literal ampersand (Sở KH&CN) is written "&&"."""
    return text.replace("&", "&&")


class _Style(NamedTuple):
    """A cell format registered once in the workbook: its style array and its index there."""

    array: StyleArray
    id: int


class _StyledCell(Cell):
    """A cell whose format was registered once per sheet (``_Style``): openpyxl would otherwise
    look the same format up in the workbook again for each of the sheet's cells."""

    __slots__ = ("_style_id",)

    @property
    def style_id(self) -> int:
        return self._style_id

    @property
    def has_style(self) -> bool:
        return True


def _positioned(cells: list[Cell], row_idx: int) -> Iterator[Cell]:
    """The write-only sheet's row hook, for rows of ready cells: place them, bind nothing.

    openpyxl's own hook first tries each cell as a *value* (and fails, formatting an error
    message per cell) before taking it as a cell; for 20,000 rows that was a third of the export.
    """
    for col_idx, cell in enumerate(cells, start=1):
        cell.row = row_idx
        cell.column = col_idx
        yield cell


_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")


class SheetWriter:
    """Write one table: ``SheetWriter(wb, …)``, then ``rows(…)``/``row(…)``/``section(…)``,
    then ``finish(notes)``. Nothing can be added to a sheet after the next one is started."""

    def __init__(
        self,
        wb: Workbook,
        name: str,
        title: str,
        subtitles: Sequence[str],
        columns: Sequence[Column],
        meta: ExportMeta,
        number_row: bool = False,
        freeze_cols: int = 0,
        taken: set[str] | None = None,
    ) -> None:
        self.ws = wb.create_sheet(sheet_title(name, taken if taken is not None else set()))
        if hasattr(self.ws, "_values_to_row"):  # openpyxl 3.1's hook; without it cells still work
            self.ws._values_to_row = _positioned
        self._merges: list[CellRange] = []
        self._heights: dict[float, dict[str, str]] = {}
        self.columns = tuple(columns)
        self.meta = meta
        self.last_col = get_column_letter(len(self.columns))
        self.total_width = sum(c.width for c in self.columns)
        self._row = 0
        self._last_data = 0
        self.data_rows = 0
        self._styles: dict[str, _Style] = {}
        self._column_styles = [(self._style("data", c), self._style("quoted", c)) for c in self.columns]
        ws = self.ws
        for i, col in enumerate(self.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = col.width
        has_groups = any(c.group for c in self.columns)
        header_rows = 2 if has_groups else 1
        self.first_header = 2 + len(subtitles) + 1  # title, subtitles, one blank row
        self.filter_row = self.first_header + header_rows - 1 + (1 if number_row else 0)
        self.first_data = self.filter_row + 1
        ws.freeze_panes = f"{get_column_letter(freeze_cols + 1)}{self.first_data}"
        ws.print_title_rows = f"{self.first_header}:{self.filter_row}"
        self._page_setup()
        self._title(title, subtitles)
        self._header(has_groups)
        if number_row:
            style = self._style("number_row")
            self._append([self._cell(f"({i})", style) for i in range(1, len(self.columns) + 1)])

    # -- styles ----------------------------------------------------------------------------
    def _style(self, name: str, col: Column | None = None, fill: str = "") -> _Style:
        """The style array of a kind of cell, made once per sheet and shared by its cells
        (``fill``: a background colour "RRGGBB", for cells coloured by what they say)."""
        key = name if col is None else f"{name}:{col.kind.value}:{col.center}:{col.number_format}"
        key += f":{fill}" if fill else ""
        found = self._styles.get(key)
        if found is not None:
            return found
        c = Cell(self.ws, row=1, column=1)
        c.font = Font(name=FONT_NAME, size=11)
        if name == "title":
            c.font = Font(name=FONT_NAME, size=14, bold=True)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        elif name == "subtitle":
            c.font = Font(name=FONT_NAME, size=11, italic=True)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        elif name == "note":
            c.font = Font(name=FONT_NAME, size=10, italic=True)
        elif name in ("header", "number_row"):
            c.font = Font(name=FONT_NAME, size=11, bold=name == "header", italic=name == "number_row")
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            c.border = _BORDER
            c.fill = _HEADER_FILL
        elif name in ("section", "section_code"):
            c.font = Font(name=FONT_NAME, size=11, bold=True)
            c.alignment = Alignment(
                horizontal="center" if name == "section_code" else "left", vertical="top", wrap_text=True
            )
            c.border = _BORDER
            c.fill = _SECTION_FILL
        elif col is not None:  # a data cell ("data" or "quoted" text)
            c.border = _BORDER
            horizontal = "center" if col.center or col.kind is Kind.DATE else None
            if col.kind in (Kind.INT, Kind.NUMBER, Kind.PERCENT) and not col.center:
                horizontal = "right"
            c.alignment = Alignment(horizontal=horizontal, vertical="top", wrap_text=True)
            if col.number_format:
                c.number_format = col.number_format
            elif col.kind is Kind.DATE:
                c.number_format = DATE_FORMAT
            elif col.kind is Kind.PERCENT:
                c.number_format = "0%"
            elif col.kind is Kind.INT:
                c.number_format = "0"
            if name == "quoted":
                c.quotePrefix = True
            elif name == "total":
                c.font = Font(name=FONT_NAME, size=11, bold=True)
                c.fill = _SECTION_FILL
        if fill:
            c.fill = PatternFill("solid", fgColor=fill)
        style = _Style(c._style, self.ws.parent._cell_styles.add(c._style))
        self._styles[key] = style
        return style

    # -- cells -----------------------------------------------------------------------------
    def _cell(self, value: Any, style: _Style) -> Cell:
        """A cell bound to ``value`` by its Python type; a str is always text, never a formula."""
        c = _StyledCell(self.ws, row=1, column=1)
        c._style, c._style_id = style
        if value is None or value == "":
            return c
        if isinstance(value, str):
            c._value = clean_text(value)
            c.data_type = "s"
        elif isinstance(value, datetime | date):
            c._value = value
            c.data_type = "d"
        elif isinstance(value, bool):
            c._value = value
            c.data_type = "b"
        elif isinstance(value, int | float):
            c._value = value
            c.data_type = "n"
        else:
            c._value = clean_text(str(value))
            c.data_type = "s"
        return c

    def _data_cell(self, value: Any, index: int) -> Cell:
        plain, quoted = self._column_styles[index]
        if isinstance(value, str) and value.startswith(FORMULA_START):
            return self._cell(value, quoted)
        return self._cell(value, plain)

    def _append(self, cells: list[Cell], height: float | None = None) -> None:
        """Stream one row; ``height`` in points (the row's dimension is dropped once written)."""
        index = self._row + 1
        if height is not None:
            # the row's attributes as the sheet writer reads them (a RowDimension per row,
            # built and taken apart again, was a seventh of the export); dropped once written
            attrs = self._heights.get(height)
            if attrs is None:
                attrs = self._heights[height] = {"ht": f"{height:g}", "customHeight": "1"}
            self.ws.row_dimensions[index] = attrs
        self.ws.append(cells)
        if height is not None:
            del self.ws.row_dimensions[index]
        self._row = index

    def _merge(self, first_col: int, last_col: int, row: int, last_row: int | None = None) -> None:
        ref = f"{get_column_letter(first_col)}{row}:{get_column_letter(last_col)}{last_row or row}"
        self._merges.append(CellRange(ref))

    # -- layout ----------------------------------------------------------------------------
    def _page_setup(self) -> None:
        ws = self.ws
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
        ws.print_options.horizontalCentered = True
        ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.55, bottom=0.65, header=0.3, footer=0.3)
        footer = ws.oddFooter
        who = f" · Người xuất: {self.meta.exported_by}" if self.meta.exported_by else ""
        at = self.meta.exported_at.strftime("%d/%m/%Y %H:%M")
        footer.left.text = _footer_text(f"Tính đến ngày {fmt_date(self.meta.as_of)}{who} · Xuất lúc {at}")
        footer.left.size = 9
        footer.left.font = FONT_NAME
        footer.right.text = "Trang &P/&N"
        footer.right.size = 9
        footer.right.font = FONT_NAME

    def _title(self, title: str, subtitles: Sequence[str]) -> None:
        n = len(self.columns)
        for text, style, size in ((title, "title", 14), *((s, "subtitle", 11) for s in subtitles)):
            height = row_height(text_lines(text, self.total_width * 0.9), size)
            self._append([self._cell(text, self._style(style))], height)
            if n > 1:
                self._merge(1, n, self._row)
        self._append([])

    def _header(self, has_groups: bool) -> None:
        style = self._style("header")
        top = self._row + 1
        if not has_groups:
            lines = max(text_lines(c.header, c.width) for c in self.columns)
            self._append([self._cell(c.header, style) for c in self.columns], row_height(lines))
            return
        upper: list[Cell] = []
        lower: list[Cell] = []
        upper_lines, lower_lines, whole_lines = 1, 1, 1
        i = 0
        while i < len(self.columns):
            col = self.columns[i]
            if not col.group:
                upper.append(self._cell(col.header, style))
                lower.append(self._cell(None, style))
                self._merge(i + 1, i + 1, top, top + 1)
                whole_lines = max(whole_lines, text_lines(col.header, col.width))
                i += 1
                continue
            span = 1
            while i + span < len(self.columns) and self.columns[i + span].group == col.group:
                span += 1
            members = self.columns[i : i + span]
            upper_lines = max(upper_lines, text_lines(col.group, sum(c.width for c in members)))
            for k, member in enumerate(members):
                upper.append(self._cell(col.group if k == 0 else None, style))
                lower.append(self._cell(member.header, style))
                lower_lines = max(lower_lines, text_lines(member.header, member.width))
            if span > 1:
                self._merge(i + 1, i + span, top)
            i += span
        lower_lines = max(lower_lines, whole_lines - upper_lines)
        self._append(upper, row_height(upper_lines))
        self._append(lower, row_height(lower_lines))

    # -- rows ------------------------------------------------------------------------------
    def row(self, values: Sequence[Any], fills: Sequence[str] | None = None) -> None:
        """One data row; values in column order (None: an empty bordered cell); ``fills``, when
        given, a background colour "RRGGBB" per column ("" for none)."""
        lines = 1
        cells = []
        for i, (v, c) in enumerate(zip(values, self.columns, strict=True)):
            if fills and fills[i] and not (isinstance(v, str) and v.startswith(FORMULA_START)):
                cells.append(self._cell(v, self._style("data", c, fills[i])))
            else:
                cells.append(self._data_cell(v, i))
            if isinstance(v, str) and len(v) > c.width:
                lines = max(lines, text_lines(v, c.width))
        self._append(cells, row_height(lines) if lines > 1 else None)
        self.data_rows += 1
        self._last_data = self._row

    def rows(self, rows: Iterable[Sequence[Any] | Section]) -> None:
        for r in rows:
            if isinstance(r, Section):
                self.section(r)
            else:
                self.row(r)

    def section(self, section: Section) -> None:
        """A group heading: the code in the first column, the title across the rest."""
        code, rest = self._style("section_code"), self._style("section")
        n = len(self.columns)
        cells = [self._cell(section.code, code), self._cell(section.title, rest)]
        lines = text_lines(section.title, self.total_width - self.columns[0].width)
        self._append(cells + [self._cell(None, rest) for _ in range(n - 2)], row_height(lines))
        if n > 2:
            self._merge(2, n, self._row)
        self._last_data = self._row

    def total(self, label: str, values: Sequence[Any]) -> None:
        """A bold closing row (Tổng cộng): ``label`` over the first columns that have no value."""
        style = self._style("section")
        lead = len(self.columns) - len(values)
        cells = [self._cell(label, style)] + [self._cell(None, style) for _ in range(lead - 1)]
        for v, col in zip(values, self.columns[lead:], strict=True):
            cells.append(self._cell(v, self._style("total", col)))
        self._append(cells)
        if lead > 1:
            self._merge(1, lead, self._row)

    def finish(self, notes: Sequence[str] = ()) -> None:
        """Set the autofilter over the data and add explanatory lines under the table."""
        # set at once: openpyxl's add() compares each range with every earlier one
        self.ws.merged_cells = MultiCellRange(self._merges)
        last = max(self._last_data, self.filter_row)
        self.ws.auto_filter.ref = f"A{self.filter_row}:{self.last_col}{last}"
        if notes:
            self._append([])
            style = self._style("note")
            for text in notes:  # unmerged: a long line runs on over the empty cells beside it
                self._append([self._cell(text, style)])


@dataclass(frozen=True)
class Field:
    """A column and how to read its value from one row object (for exports of service rows)."""

    column: Column
    get: Callable[[Any], Any]


def write_rows(
    wb: Workbook,
    name: str,
    title: str,
    subtitles: Sequence[str],
    fields: Sequence[Field],
    rows: Iterable[Any],
    meta: ExportMeta,
    notes: Sequence[str] = (),
    total: tuple[str, Sequence[Any]] | None = None,
) -> SheetWriter:
    """One sheet of ``rows`` (any objects, e.g. a service's dataclasses), one column per field."""
    sheet = SheetWriter(wb, name, title, subtitles, [f.column for f in fields], meta)
    for r in rows:
        sheet.row([f.get(r) for f in fields])
    if total is not None:
        sheet.total(*total)
    sheet.finish(notes)
    return sheet
