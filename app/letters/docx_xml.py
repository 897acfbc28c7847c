"""Low-level WordprocessingML helpers shared by the template builder and the printer.

Word on a Windows machine without a Vietnamese East Asian font substitutes one whenever a
run leaves ``w:eastAsia`` or ``w:cs`` unset, so every run and style gets all four font slots.
Tables are built as raw XML because python-docx's ``add_row`` copies the whole table grid
per row, which grows quadratically on a report of thousands of tasks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject


FONT = "Times New Roman"
TWIPS_PER_MM = 1440 / 25.4
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# XML 1.0 forbids C0 controls except tab/newline/return, lone surrogates and U+FFFE/U+FFFF
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str, keep: str = "") -> str:
    """``text`` without the characters XML cannot hold (a legacy .xls keeps \x0b, \x1f…);
    ``keep`` names any the caller turns into markup itself (docxtpl's "\a" = new paragraph)."""
    if keep:
        return "".join(ch for ch in text if ch in keep or not _XML_INVALID.match(ch))
    return _XML_INVALID.sub("", text)


def shrink_paragraph(ppr: etree._Element) -> None:
    """Make a paragraph 1 pt high with no spacing before or after (it still exists for Word)."""
    for tag in ("w:keepNext", "w:spacing"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    spacing = _el("w:spacing", before="0", after="0", line="20", lineRule="exact")
    anchor = next(
        (ppr.find(qn(t)) for t in ("w:ind", "w:jc", "w:rPr", "w:sectPr") if ppr.find(qn(t)) is not None), None
    )
    if anchor is not None:
        anchor.addprevious(spacing)
    else:
        ppr.append(spacing)
    mark = ppr.find(qn("w:rPr"))
    if mark is None:
        mark = OxmlElement("w:rPr")
        sect = ppr.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(mark)
        else:
            ppr.append(mark)
    for tag in ("w:sz", "w:szCs"):
        for old in mark.findall(qn(tag)):
            mark.remove(old)
    mark.append(_el("w:sz", val="2"))
    mark.append(_el("w:szCs", val="2"))


def mm(value: float) -> int:
    """Millimetres to twips (twentieths of a point), the unit of page and table geometry."""
    return round(value * TWIPS_PER_MM)


def _el(tag: str, **attrs: str) -> etree._Element:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _child(parent: etree._Element, tag: str, before: Sequence[str] = ()) -> etree._Element:
    """The first ``tag`` child, created if missing (before the first of ``before`` if given)."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    el = OxmlElement(tag)
    for name in before:
        anchor = parent.find(qn(name))
        if anchor is not None:
            anchor.addprevious(el)
            return el
    parent.append(el)
    return el


def set_fonts(rpr: etree._Element) -> None:
    """Times New Roman in the four slots; theme font attributes would override them, so drop them."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        style = rpr.find(qn("w:rStyle"))
        rpr.insert(0 if style is None else rpr.index(style) + 1, rfonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{slot}"), FONT)
    color = rpr.find(qn("w:color"))
    if color is not None:
        color.set(qn("w:val"), "000000")
        for attr in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{attr}"), None)


def run_props(
    size: float | None = None,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> etree._Element:
    """A fresh ``w:rPr`` in schema order: fonts, b, i, u, sz, szCs."""
    rpr = OxmlElement("w:rPr")
    set_fonts(rpr)
    if bold:
        rpr.append(_el("w:b"))
        rpr.append(_el("w:bCs"))
    if italic:
        rpr.append(_el("w:i"))
        rpr.append(_el("w:iCs"))
    rpr.append(_el("w:color", val="000000"))
    if size is not None:
        half = str(round(size * 2))
        rpr.append(_el("w:sz", val=half))
        rpr.append(_el("w:szCs", val=half))
    if underline:
        rpr.append(_el("w:u", val="single"))
    return rpr


@dataclass(frozen=True)
class Para:
    """Paragraph layout in points/twips; ``None`` leaves a property to the style."""

    align: str = "both"  # left | center | right | both
    first_line: int | None = None  # twips
    left: int | None = None
    right: int | None = None
    before: float = 0  # points
    after: float = 0
    line: float | None = None  # multiple of single spacing
    keep_next: bool = False
    border_bottom: bool = False


def para_props(p: Para, mark: etree._Element | None = None) -> etree._Element:
    """A ``w:pPr`` in schema order; ``mark`` is the paragraph-mark run properties."""
    ppr = OxmlElement("w:pPr")
    if p.keep_next:
        ppr.append(_el("w:keepNext"))
    if p.border_bottom:
        bdr = OxmlElement("w:pBdr")
        bdr.append(_el("w:bottom", val="single", sz="6", space="1", color="000000"))
        ppr.append(bdr)
    spacing = _el("w:spacing", before=str(round(p.before * 20)), after=str(round(p.after * 20)))
    if p.line is not None:
        spacing.set(qn("w:line"), str(round(p.line * 240)))
        spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    if p.left is not None or p.right is not None or p.first_line is not None:
        ind = OxmlElement("w:ind")
        if p.left is not None:
            ind.set(qn("w:left"), str(p.left))
        if p.right is not None:
            ind.set(qn("w:right"), str(p.right))
        if p.first_line is not None:
            ind.set(qn("w:firstLine"), str(p.first_line))
        ppr.append(ind)
    ppr.append(_el("w:jc", val=p.align))
    if mark is not None:
        ppr.append(mark)
    return ppr


@dataclass(frozen=True)
class Span:
    text: str
    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False


def make_run(span: Span) -> etree._Element:
    r = OxmlElement("w:r")
    r.append(run_props(span.size, span.bold, span.italic, span.underline))
    t = OxmlElement("w:t")
    t.text = xml_safe(span.text)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def make_paragraph(spans: Iterable[Span], layout: Para, mark_size: float | None = None) -> etree._Element:
    spans = list(spans)
    size = mark_size if mark_size is not None else (spans[0].size if spans else None)
    p = OxmlElement("w:p")
    p.append(para_props(layout, run_props(size)))
    for span in spans:
        p.append(make_run(span))
    return p


# -- tables ------------------------------------------------------------------------------------


def _borders(tag: str, val: str) -> etree._Element:
    box = OxmlElement(tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        attrs = {"val": val}
        if val == "single":
            attrs.update(sz="4", space="0", color="000000")
        box.append(_el(f"w:{side}", **attrs))
    return box


def table_element(widths: Sequence[int], borders: bool, cell_margin: int | None = None) -> etree._Element:
    """An empty fixed-layout table; borderless tables get every border ``nil`` explicitly."""
    tbl = OxmlElement("w:tbl")
    pr = OxmlElement("w:tblPr")
    pr.append(_el("w:tblW", w=str(sum(widths)), type="dxa"))
    pr.append(_el("w:jc", val="center"))
    pr.append(_borders("w:tblBorders", "single" if borders else "nil"))
    pr.append(_el("w:tblLayout", type="fixed"))
    if cell_margin is not None:
        mar = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            mar.append(_el(f"w:{side}", w=str(cell_margin), type="dxa"))
        pr.append(mar)
    pr.append(
        _el(
            "w:tblLook",
            val="0000",
            firstRow="0",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
    )
    tbl.append(pr)
    grid = OxmlElement("w:tblGrid")
    for w in widths:
        grid.append(_el("w:gridCol", w=str(w)))
    tbl.append(grid)
    return tbl


def add_row(
    tbl: etree._Element,
    widths: Sequence[int],
    cells: Sequence[Sequence[etree._Element]],
    header: bool = False,
    spans: Sequence[int] | None = None,
) -> etree._Element:
    """Append a row that never splits across pages; a header row repeats on every page."""
    tr = OxmlElement("w:tr")
    trpr = OxmlElement("w:trPr")
    trpr.append(_el("w:cantSplit"))
    if header:
        trpr.append(_el("w:tblHeader"))
    tr.append(trpr)
    spans = spans or [1] * len(cells)
    col = 0
    for paragraphs, span in zip(cells, spans, strict=True):
        tc = OxmlElement("w:tc")
        tcpr = OxmlElement("w:tcPr")
        tcpr.append(_el("w:tcW", w=str(sum(widths[col : col + span])), type="dxa"))
        if span > 1:
            tcpr.append(_el("w:gridSpan", val=str(span)))
        if header:
            tcpr.append(_el("w:vAlign", val="center"))
        tc.append(tcpr)
        for p in paragraphs or [make_paragraph([], Para(align="left"), mark_size=12)]:
            tc.append(p)
        tr.append(tc)
        col += span
    tbl.append(tr)
    return tr


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float
    align: str = "left"


CELL_MARGIN_MM = 1.5  # left and right padding of every data-table cell
# Estimated widths (``layout.text_width_mm``) are a little short for some glyph mixes:
# a column gets this much more than its longest word needs.
_FIT_SLACK_MM = 1.5
# Only spaces and line breaks separate words here: a no-break space (U+00A0) keeps its
# neighbours together ("Phối hợp"), as Word and LibreOffice do.
_WORD_GAP = re.compile("[ \t\n]+")


def fit_columns(
    columns: Sequence[Column], rows: Sequence[Sequence[str] | tuple[str, str]], size: float
) -> list[Column]:
    """``columns`` widened where a word of theirs would not fit on one line, the widest
    column giving the width away, so the table keeps its total.

    A word with no break opportunity (a date "30/11/2026", a number "125/KH‑BCĐ", "Phối hợp"
    held by a no-break space) in a cell narrower than itself is broken by Word and LibreOffice
    between any two characters ("30/11/202|6"); the proportions chosen per table cannot know
    the font size and the longest value, so every data table is checked here."""
    from app.letters.layout import text_width_mm  # layout has no docx import; keep this module light

    need = [0.0] * len(columns)
    for n, c in enumerate(columns):
        for word in _WORD_GAP.split(c.title):
            need[n] = max(need[n], text_width_mm(word, size, bold=True))
    for row in rows:
        if len(row) == 2 and row[0] == "group" and len(columns) != 2:
            continue
        for n, value in enumerate(row[: len(columns)]):
            for word in _WORD_GAP.split(str(value or "")):
                need[n] = max(need[n], text_width_mm(word, size))
    out = list(columns)
    minimum = [w + 2 * CELL_MARGIN_MM + _FIT_SLACK_MM if w else 0.0 for w in need]
    short = [n for n, c in enumerate(out) if c.width_mm < minimum[n]]
    if not short:
        return out
    extra = sum(minimum[n] - out[n].width_mm for n in short)
    for n in short:
        out[n] = Column(out[n].title, minimum[n], out[n].align)
    # the room comes from the columns that have it, widest first
    for n in sorted((n for n in range(len(out)) if n not in short), key=lambda n: -out[n].width_mm):
        spare = out[n].width_mm - minimum[n]
        take = min(spare, extra)
        if take > 0:
            out[n] = Column(out[n].title, out[n].width_mm - take, out[n].align)
            extra -= take
        if extra <= 0:
            break
    return out


def data_table(
    columns: Sequence[Column],
    rows: Iterable[Sequence[str] | tuple[str, str]],
    size: float = 12,
    bold_last: bool = False,
) -> etree._Element:
    """A bordered data table with a repeated header row; a ``("group", text)`` row spans all columns.

    ``bold_last`` sets the last row in bold, as a "Tổng cộng" row is printed."""
    rows = list(rows)
    columns = fit_columns(columns, rows, size)
    widths = [mm(c.width_mm) for c in columns]
    tbl = table_element(widths, borders=True, cell_margin=mm(CELL_MARGIN_MM))
    cell = Para(align="center", before=2, after=2, line=1.0)
    add_row(
        tbl,
        widths,
        [[make_paragraph([Span(c.title, size, bold=True)], cell)] for c in columns],
        header=True,
    )
    for n, row in enumerate(rows):
        bold = bold_last and n == len(rows) - 1
        if len(row) == 2 and row[0] == "group" and len(columns) != 2:
            add_row(
                tbl,
                widths,
                # keep a group heading ("VI. …") with the first row under it, never alone at
                # the foot of a page
                [
                    [
                        make_paragraph(
                            [Span(row[1], size, bold=True)],
                            Para(align="left", before=2, after=2, keep_next=True),
                        )
                    ]
                ],
                spans=[len(columns)],
            )
            continue
        add_row(
            tbl,
            widths,
            [
                [
                    make_paragraph(
                        [Span(line, size, bold=bold)], Para(align=c.align, before=2, after=2, line=1.0)
                    )
                    for line in (str(value).split("\n") if value else [""])
                ]
                for c, value in zip(columns, row, strict=True)
            ],
        )
    return tbl


# -- whole-document passes ---------------------------------------------------------------------


def normalize_fonts(doc: DocumentObject) -> None:
    """Times New Roman on every run, paragraph mark, style and the document defaults."""
    parts = [doc.element]
    for section in doc.sections:
        for hf in (
            section.header,
            section.first_page_header,
            section.even_page_header,
            section.footer,
            section.first_page_footer,
            section.even_page_footer,
        ):
            if not hf.is_linked_to_previous:
                parts.append(hf._element)
    for root in parts:
        for r in root.iter(qn("w:r")):
            rpr = r.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                r.insert(0, rpr)
            set_fonts(rpr)
        for ppr in root.iter(qn("w:pPr")):
            mark = ppr.find(qn("w:rPr"))
            if mark is not None:
                set_fonts(mark)
    styles = doc.styles.element
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character", "table"):
            rpr = style.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                style.append(rpr)
            set_fonts(rpr)
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = _child(defaults, "w:rPrDefault")
        set_fonts(_child(rpr_default, "w:rPr"))
