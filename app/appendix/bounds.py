"""Sizes checked before a workbook is loaded, and what the raw sheet XML says that readers hide.

A 2 MB .xlsx can hold a sheet of a million rows, a 50 MB cell or a part that inflates to
gigabytes; loading any of them first and checking after costs the memory the check is meant
to save. So the zip directory's uncompressed sizes are checked first, then each sheet's XML
is streamed once in bounded chunks: its declared dimension, how many rows hold a value (over
`MAX_ROWS` is refused), its merged ranges (read-only openpyxl does not give them) and the
formula cells saved without a value (openpyxl reads those as empty cells, silently).
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from app.errors import UserError

MAX_ROWS = 20_000  # rows holding a value in one sheet
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_PART_BYTES = 64 * 1024 * 1024  # one part of the zip, uncompressed
MAX_TOTAL_BYTES = 160 * 1024 * 1024  # all parts together, uncompressed
CHUNK = 1 << 20

_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\"")
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)>|<(?:\w+:)?v\s")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb"\br=\"([A-Z]+)(\d+)\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE_FILLED = re.compile(rb"<(?:\w+:)?v>[^<]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")
_ROW_END = re.compile(rb"</(?:\w+:)?row>|<(?:\w+:)?row\b[^>]*/>")
_LONG_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]{%d,})" % (MAX_CELL_CHARS + 1))
_SHARED_ITEM = re.compile(rb"<(?:\w+:)?si\b.*?</(?:\w+:)?si>", re.S)
_SHARED_REF = re.compile(rb"<(?:\w+:)?v>(\d+)</")
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_STYLE_ATTR = re.compile(rb"\bs=\"(\d+)\"")


def _col(letters: bytes) -> int:
    """Column letters to a 0-based index: A is 0, AA is 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


@dataclass
class SheetScan:
    """What the raw XML of one worksheet says; rows and columns 0-based."""

    name: str
    part: str
    declared: tuple[int, int] | None = None  # (rows, columns) of the <dimension>, when given
    value_rows: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    empty_formulas: list[tuple[int, int]] = field(default_factory=list)
    long_cell: tuple[int, int, int] | None = None  # (row, col, characters) of a cell over the limit
    # what the cell styles say, for a reader that gives values only (python-calamine): the cells
    # in a bold font, and the number format of cells formatted as a date or a percentage
    bold: set[tuple[int, int]] = field(default_factory=set)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    unplaced_style: bool = False  # a styled cell without its "r" reference: place unknown
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # error values (#DIV/0!) by place


@dataclass(frozen=True)
class Styles:
    """The cell formats (``cellXfs``) of styles.xml that matter to the import, by index."""

    bold: frozenset[int] = frozenset()
    formats: dict[int, str] = field(default_factory=dict)  # date and percent number formats

    def __bool__(self) -> bool:
        return bool(self.bold or self.formats)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_styles(zf: zipfile.ZipFile) -> Styles:
    """Which cell formats are bold (group titles are) and which number formats show a date or
    a percentage (a cell formatted ``mm/yyyy`` means a month; ``0%`` shows 0.8 as 80)."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    try:
        root = ElementTree.fromstring(zf.read("xl/styles.xml"))  # bounded by check_sizes
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
        return Styles()
    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    bold_fonts: set[int] = set()
    xfs: list[tuple[int, int]] = []
    for child in root:
        name = _local(child.tag)
        if name == "numFmts":
            for fmt in child:
                if fmt.get("numFmtId", "").isdigit():
                    codes[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode") or ""
        elif name == "fonts":
            for n, font_el in enumerate(child):
                for part in font_el:
                    if _local(part.tag) == "b" and (part.get("val") or "1").lower() not in ("0", "false"):
                        bold_fonts.add(n)
        elif name == "cellXfs":
            for xf in child:
                num_id, font_id = xf.get("numFmtId") or "0", xf.get("fontId") or "0"
                xfs.append((int(num_id) if num_id.isdigit() else 0, int(font_id) if font_id.isdigit() else 0))
    bold = frozenset(n for n, (_num, font) in enumerate(xfs) if font in bold_fonts)
    formats: dict[int, str] = {}
    for n, (num, _font) in enumerate(xfs):
        code = codes.get(num, "")
        if code and ("%" in code or is_date_format(code)):
            formats[n] = code
    return Styles(bold, formats)


def _fail(path: Path, why: str) -> UserError:
    return UserError(f"Tệp «{path.name}»: {why}")


class SheetTooBig(UserError):
    """One sheet over a limit: that sheet is left out with ``why`` as its warning; the whole file
    is refused with the full message only when no other sheet has anything to import."""

    def __init__(self, path: Path, sheet: str, why: str) -> None:
        super().__init__(f"Tệp «{path.name}»: trang «{sheet}» {why}")
        self.sheet, self.why = sheet, why


def thousands(n: int) -> str:
    """20000 → "20.000", as Vietnamese writes it."""
    return f"{n:,}".replace(",", ".")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, zip part) of each worksheet, in workbook order; from the two small index parts."""
    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, OSError):
        return []
    targets = {r.get("Id"): r.get("Target") or "" for r in rels}
    out = []
    for sheet in book.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        target = targets.get(sheet.get(_NS_REL))
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        out.append((sheet.get("name") or "", part))
    return out


def check_sizes(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse a workbook whose parts inflate past the limits, before anything is decompressed."""
    names = {part: name for name, part in sheet_parts(zf)}
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            what = f"trang «{names[info.filename]}»" if info.filename in names else f"phần «{info.filename}»"
            raise _fail(
                path,
                f"{what} giải nén ra {_mb(info.file_size)}, quá giới hạn {_mb(MAX_PART_BYTES)} "
                f"(phụ lục đến {thousands(MAX_ROWS)} dòng không cần nhiều như vậy). Hãy xóa các dòng, "
                "cột thừa hoặc chép bảng sang một tệp mới rồi nhập lại.",
            )
    if total > MAX_TOTAL_BYTES:
        raise _fail(
            path,
            f"giải nén ra {_mb(total)}, quá giới hạn {_mb(MAX_TOTAL_BYTES)}. Hãy xóa các trang, dòng, "
            "cột thừa hoặc chép bảng sang một tệp mới rồi nhập lại.",
        )


def long_shared_strings(zf: zipfile.ZipFile) -> dict[int, int]:
    """Shared strings longer than Excel allows, by index → characters (openpyxl would cut them)."""
    try:
        data = zf.read("xl/sharedStrings.xml")  # bounded by check_sizes
    except KeyError:
        return {}
    if not _LONG_TEXT.search(data):
        return {}
    out = {}
    for index, item in enumerate(_SHARED_ITEM.finditer(data)):
        length = sum(_text_length(t) for t in _LONG_TEXT.findall(item.group(0)))
        if length > MAX_CELL_CHARS:
            out[index] = length
    return out


def _too_long(path: Path, scan: SheetScan) -> SheetTooBig:
    assert scan.long_cell is not None
    row, col, chars = scan.long_cell
    letters = ""
    n = col + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return SheetTooBig(
        path,
        scan.name,
        f"có ô {letters}{row + 1} dài {thousands(chars)} ký tự, quá giới hạn 32.767 ký tự một ô của "
        "Excel; hãy sửa ô đó rồi nhập lại.",
    )


def too_many_rows(path: Path, sheet: str, declared: str = "") -> SheetTooBig:
    return SheetTooBig(
        path,
        sheet,
        f"có hơn {thousands(MAX_ROWS)} dòng dữ liệu{declared}; một phụ lục không dài như vậy. "
        "Hãy xóa các dòng thừa hoặc tách bảng rồi nhập lại.",
    )


def _text_length(raw: bytes) -> int:
    """Characters of a cell's text as Excel counts them: "&#7897;" and "&amp;" are one each."""
    return len(html.unescape(raw.decode("utf-8", "replace")))


def scan_sheet(
    path: Path,
    zf: zipfile.ZipFile,
    name: str,
    part: str,
    long_shared: dict[int, int] | None = None,
    styles: Styles | None = None,
) -> SheetScan:
    """Stream one worksheet's XML in bounded chunks (see the module docstring)."""
    scan = SheetScan(name, part)
    buffer = b""
    first = True
    with zf.open(part) as raw:
        while True:
            chunk = raw.read(CHUNK)
            buffer += chunk
            if first:
                first = False
                found = _DIMENSION.search(buffer[:4096])
                if found and found.group(4):
                    rows = int(found.group(4)) - int(found.group(2)) + 1
                    cols = _col(found.group(3)) - _col(found.group(1)) + 1
                    scan.declared = (rows, cols)
            ends = [m.end() for m in _ROW_END.finditer(buffer)] if chunk else [len(buffer)]
            cut = ends[-1] if ends else 0
            _scan_rows(scan, buffer[:cut], long_shared or {})
            if styles is not None:
                _scan_styles(scan, buffer[:cut], styles)
                _scan_errors(scan, buffer[:cut])
            if scan.long_cell is not None:
                raise _too_long(path, scan)
            if scan.value_rows > MAX_ROWS:
                declared = (
                    f" (bảng khai báo {thousands(scan.declared[0])} dòng × {scan.declared[1]} cột)"
                    if scan.declared
                    else ""
                )
                raise too_many_rows(path, name, declared)
            for m in _MERGE.finditer(buffer[:cut] if chunk else buffer):
                scan.merges.append(
                    (int(m.group(2)) - 1, _col(m.group(1)), int(m.group(4)) - 1, _col(m.group(3)))
                )
            buffer = buffer[cut:]
            if not chunk:
                break
    return scan


def _scan_rows(scan: SheetScan, data: bytes, long_shared: dict[int, int]) -> None:
    check_long = bool(long_shared) or _LONG_TEXT.search(data) is not None
    for row in _ROW.finditer(data):
        body = row.group(1)
        if not body:
            continue
        if _VALUE.search(body):
            scan.value_rows += 1
        if check_long:
            for cell in _CELL.finditer(body):
                inner = cell.group(2) or b""
                chars = sum(_text_length(t) for t in _LONG_TEXT.findall(inner))
                shared = _SHARED_REF.search(inner) if b't="s"' in cell.group(1) else None
                if shared is not None:
                    chars = long_shared.get(int(shared.group(1)), 0)
                ref = _REF.search(cell.group(1))
                if chars > MAX_CELL_CHARS and ref:
                    scan.long_cell = (int(ref.group(2)) - 1, _col(ref.group(1)), chars)
                    return
        if _FORMULA.search(body):
            for cell in _CELL.finditer(body):
                inner = cell.group(2) or b""
                if _FORMULA.search(inner) and not _VALUE_FILLED.search(inner) and b"<is>" not in inner:
                    ref = _REF.search(cell.group(1))
                    if ref:
                        scan.empty_formulas.append((int(ref.group(2)) - 1, _col(ref.group(1))))


_ERROR_TYPE = re.compile(rb"\bt=\"e\"")
_ERROR_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)<")


def _scan_errors(scan: SheetScan, data: bytes) -> None:
    """Error values (``t="e"``) by place: python-calamine reads them as empty cells."""
    if b't="e"' not in data:
        return
    for cell in _CELL.finditer(data):
        attrs = cell.group(1)
        if not _ERROR_TYPE.search(attrs):
            continue
        ref = _REF.search(attrs)
        value = _ERROR_VALUE.search(cell.group(2) or b"")
        if ref is None:
            scan.unplaced_style = True
        else:
            place = (int(ref.group(2)) - 1, _col(ref.group(1)))
            scan.errors[place] = value.group(1).decode("utf-8", "replace") if value else "#N/A"


def _scan_styles(scan: SheetScan, data: bytes, styles: Styles) -> None:
    """Note the bold cells and the date/percent formats of cells, by place (see SheetScan)."""
    if b' s="' not in data:
        return
    for tag in _CELL_TAG.finditer(data):
        attrs = tag.group(1)
        style = _STYLE_ATTR.search(attrs)
        if style is None:
            continue
        xf = int(style.group(1))
        code = styles.formats.get(xf)
        bold = xf in styles.bold
        if code is None and not bold:
            continue
        ref = _REF.search(attrs)
        if ref is None:
            scan.unplaced_style = True
            continue
        place = (int(ref.group(2)) - 1, _col(ref.group(1)))
        if bold:
            scan.bold.add(place)
        if code is not None:
            scan.formats[place] = code
