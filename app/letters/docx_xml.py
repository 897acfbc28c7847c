"""Low-level WordprocessingML helpers shared by the template builder and the printer.

Word on a Windows machine without a Vietnamese East Asian font substitutes one whenever a
run leaves ``w:eastAsia`` or ``w:cs`` unset, so every run and style gets all four font slots.
Tables are built as raw XML because python-docx's ``add_row`` copies the whole table grid
per row, which grows quadratically on a report of thousands of tasks.
"""

from __future__ import annotations

import copy
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


_RFONTS, _RSTYLE, _COLOR, _VAL = qn("w:rFonts"), qn("w:rStyle"), qn("w:color"), qn("w:val")
_FONT_THEMES = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
_FONT_SLOTS = tuple(qn(f"w:{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs"))
_COLOR_THEMES = tuple(qn(f"w:{a}") for a in ("themeColor", "themeShade", "themeTint"))


def set_fonts(rpr: etree._Element) -> None:
    """Times New Roman in the four slots; theme font attributes would override them, so drop them.

    Runs once per run of the whole document (``normalize_fonts``), thousands on a long report:
    the qualified names are computed once, not per call."""
    rfonts = rpr.find(_RFONTS)
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        style = rpr.find(_RSTYLE)
        rpr.insert(0 if style is None else rpr.index(style) + 1, rfonts)
    attrib = rfonts.attrib
    for attr in _FONT_THEMES:
        attrib.pop(attr, None)
    for slot in _FONT_SLOTS:
        attrib[slot] = FONT
    color = rpr.find(_COLOR)
    if color is not None:
        color.attrib[_VAL] = "000000"
        for attr in _COLOR_THEMES:
            color.attrib.pop(attr, None)


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
    # each distinct word measured once: a report's appendix of thousands of rows repeats its
    # agencies, dates and phrases (7,000 rows: 0.44 → 0.16 s CPU)
    words: list[set[str]] = [set() for _ in columns]
    for row in rows:
        if len(row) == 2 and row[0] == "group" and len(columns) != 2:
            continue
        for n, value in enumerate(row[: len(columns)]):
            if value:
                words[n].update(_WORD_GAP.split(str(value)))
    for n, seen in enumerate(words):
        for word in seen:
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
    protos = [_row_prototype(tbl, widths, columns, size, bold=False), None]
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
        if bold and protos[1] is None:
            protos[1] = _row_prototype(tbl, widths, columns, size, bold=True)
        proto = protos[1] if bold else protos[0]
        assert proto is not None
        tbl.append(_row_from(proto, row))
    return tbl


_TC = qn("w:tc")


def _row_prototype(
    tbl: etree._Element, widths: Sequence[int], columns: Sequence[Column], size: float, bold: bool
) -> etree._Element:
    """A data row with one empty paragraph per cell, as ``add_row`` and ``make_paragraph`` make it.

    Made in ``tbl`` and taken out again, so it stays in ``tbl``'s document: its copies are
    appended without lxml moving every node from one document to another."""
    cells = [
        [make_paragraph([Span("", size, bold=bold)], Para(align=c.align, before=2, after=2, line=1.0))]
        for c in columns
    ]
    proto = add_row(tbl, widths, cells)
    tbl.remove(proto)
    return proto


def _row_from(proto: etree._Element, row: Sequence[str]) -> etree._Element:
    """A copy of ``proto`` holding ``row``; a cell of several lines gets one paragraph per line.

    One deepcopy of a prototype row instead of some 150 elements created one by one per row
    (about 1.3 ms a row before): the report's appendix on five years of data runs to thousands.
    A prototype paragraph is ``p > (pPr, r > (rPr, t))``: its text is ``p[-1][-1]``."""
    tr = copy.deepcopy(proto)
    for tc, value in zip(tr.iterchildren(_TC), row, strict=True):
        # the copied run is filled directly, so the XML-invalid characters go here (``make_run``)
        p, text = tc[-1], xml_safe(str(value)) if value else ""
        if "\n" in text:
            lines = text.split("\n")
            template = copy.deepcopy(p)
            for line in lines[1:]:
                extra = copy.deepcopy(template)
                extra[-1][-1].text = line
                tc.append(extra)
            p[-1][-1].text = lines[0]
        else:
            p[-1][-1].text = text
    return tr


# -- whole-document passes ---------------------------------------------------------------------


_IN_FONT = " and ".join(f"@w:{slot}='{FONT}'" for slot in ("ascii", "hAnsi", "eastAsia", "cs"))
_THEMED = " or ".join(f"@w:{a}" for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
_RUNS_WITHOUT_PROPS = etree.XPath(".//w:r[not(w:rPr)]", namespaces={"w": W_NS})
# the run and paragraph-mark properties ``set_fonts`` would change: no rFonts, a slot not in
# FONT or a theme font, a colour not black or themed
_PROPS_TO_FIX = etree.XPath(
    ".//w:rPr[(parent::w:r or parent::w:pPr) and (not(w:rFonts) or w:rFonts[1]["
    + _THEMED
    + " or not("
    + _IN_FONT
    + ")] or w:color[1][not(@w:val='000000') or @w:themeColor or @w:themeShade or @w:themeTint])]",
    namespaces={"w": W_NS},
)


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
        # a long report has a million nodes, nearly all made here already right: XPath (in C)
        # finds the few that are not, and only those are touched
        for r in _RUNS_WITHOUT_PROPS(root):
            r.insert(0, OxmlElement("w:rPr"))
        for rpr in _PROPS_TO_FIX(root):
            set_fonts(rpr)
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
