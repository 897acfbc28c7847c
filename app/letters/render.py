"""Fill a Word template with docxtpl, then put the data tables where the template marks them.

Wording and signature lines live in the template (officers edit them in Word); tables are
built here from data because their row count varies and Jinja row loops inside Word tables
break easily when someone edits them. The last pass sets Times New Roman on every run the
template or the data produced.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from dataclasses import replace as dc_replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from app.file_modes import give_default_mode
from app.letters.docx_xml import mm, normalize_fonts, qn, shrink_paragraph, xml_safe
from app.letters.issuers import Issuer
from app.letters.layout import FormatSpec, text_width_mm
from app.letters.pending import RENDER_PREFIX

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

MARK = "\u27e6bảng:{}\u27e7"

# text width in mm → a w:tbl, or the paragraphs and tables of a block (``app.letters.blocks``)
TableBuilder = Callable[[float], "etree._Element | list[etree._Element]"]
DROP = "\u27e6bỏ dòng\u27e7"  # an optional placeholder left empty: its whole paragraph goes


def templates_dir() -> Path:
    """``resources/templates`` beside the code, or inside a PyInstaller bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "templates"


def render_letter(
    template: Path,
    context: Mapping[str, Any],
    tables: Mapping[str, TableBuilder],
    spec: FormatSpec,
    issuer: Issuer,
    out: Path,
    finish: Callable[[DocumentObject, Mapping[str, Any]], None] | None = None,
) -> None:
    """Write the letter to ``out`` atomically: a failed render never leaves half a file.

    Every stored text passes ``xml_safe`` here, the one seam between the database and the
    XML: a control character kept from a legacy .xls would otherwise break the document.
    ``finish`` (a report's body, ``app.letters.blocks``) edits the document after the tables."""
    from docxtpl import DocxTemplate  # with docx and jinja2: loaded by the first letter, not at start

    tpl = DocxTemplate(str(template))
    values = {k: _safe(v) for k, v in context.items()}
    for name in tables:
        values[name] = MARK.format(name)
    tpl.render(values, autoescape=True)
    doc: DocumentObject = tpl.docx
    _place_tables(doc, tables)
    if finish is not None:
        finish(doc, values)
    _drop_empty_optionals(doc)
    _size_issuer_rule(doc, spec, issuer.name)
    _shrink_section_breaks(doc)
    normalize_fonts(doc)
    _set_properties(doc, issuer, str(values.get("subject_line") or ""))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=RENDER_PREFIX, suffix=".docx", dir=out.parent)
    os.close(fd)
    try:
        doc.save(tmp)
        give_default_mode(tmp)  # mkstemp's 0600 would hide the letter from colleagues
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _safe(value: Any) -> Any:
    """``value`` with XML-invalid characters removed from every string it holds."""
    if isinstance(value, str):
        return xml_safe(value, keep="\a")  # "\a" is docxtpl's paragraph break (``chuc_vu``)
    if isinstance(value, list | tuple):
        return type(value)(_safe(v) for v in value)
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return dc_replace(value, **{f.name: _safe(getattr(value, f.name)) for f in fields(value)})
    return value


def _set_properties(doc: DocumentObject, issuer: Issuer, title: str) -> None:
    """File properties an office reads in Explorer/Word: the issuer wrote it today, on this subject
    (python-docx's defaults say "python-docx", 2013)."""
    now = datetime.now().replace(microsecond=0)
    props = doc.core_properties
    props.author = issuer.short_name or issuer.name
    props.last_modified_by = issuer.short_name or issuer.name
    props.title = title
    props.subject = title
    props.created = now
    props.modified = now
    props.last_printed = now
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.category = ""


def _drop_empty_optionals(doc: DocumentObject) -> None:
    """Paragraphs (also inside the header and signature tables) of an optional placeholder left
    empty, e.g. ``{{ co_quan_chu_quan }}`` when the issuer has no parent body."""
    for p in list(doc.element.body.iter(qn("w:p"))):
        if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip() == DROP:
            parent = p.getparent()
            if parent is not None and (parent.tag != qn("w:tc") or len(parent.findall(qn("w:p"))) > 1):
                parent.remove(p)
            else:
                for r in list(p.iter(qn("w:r"))):
                    r.getparent().remove(r)


def _shrink_section_breaks(doc: DocumentObject) -> None:
    """An empty paragraph that only carries a section break after a table (the bottom block of a
    letter with an appendix) prints one line; at the foot of a full page that line spilled onto
    a blank page 2. Make it 1 pt high with no spacing, so it always fits under the table."""
    body = doc.element.body
    for p in body.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        if ppr is None or ppr.find(qn("w:sectPr")) is None:
            continue
        if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip():
            continue
        prev = p.getprevious()
        if prev is None or prev.tag != qn("w:tbl"):
            continue
        shrink_paragraph(ppr)


def _place_tables(doc: DocumentObject, tables: Mapping[str, TableBuilder]) -> None:
    """Replace each marker paragraph by its table, sized to the text width of its section."""
    widths_mm = [
        ((s.page_width or 0) - (s.left_margin or 0) - (s.right_margin or 0)) / 36000 for s in doc.sections
    ]
    wanted = {MARK.format(name): build for name, build in tables.items()}
    section = 0
    placed: list[etree._Element] = []
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:p"):
            continue
        text = "".join(t.text or "" for t in child.iter(qn("w:t"))).strip()
        build = wanted.get(text)
        if text == DROP:
            body.remove(child)
            continue
        if build is not None:
            built = build(widths_mm[min(section, len(widths_mm) - 1)])
            for el in built if isinstance(built, list) else [built]:
                child.addprevious(el)
                if el.tag == qn("w:tbl"):
                    placed.append(el)
            # keep the marker paragraph (emptied, 1 pt high) if it carries a section break or
            # ends the body: Word wants a paragraph after a table
            ppr = child.find(qn("w:pPr"))
            nxt = child.getnext()
            breaks = ppr is not None and ppr.find(qn("w:sectPr")) is not None
            if breaks or nxt is None or nxt.tag == qn("w:sectPr"):
                for r in list(child.iter(qn("w:r"))):
                    r.getparent().remove(r)
                if ppr is None:
                    ppr = etree.SubElement(child, qn("w:pPr"))
                    child.insert(0, ppr)
                shrink_paragraph(ppr)
            else:
                body.remove(child)
        ppr = child.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            section += 1
    for tbl in placed:
        _space_after_table(tbl)


def _space_after_table(tbl: etree._Element) -> None:
    """The paragraph after a data table starts 6 pt below it, not glued to its bottom border."""
    nxt = tbl.getnext()
    while nxt is not None and nxt.tag == qn("w:p") and not "".join(nxt.itertext()).strip():
        ppr = nxt.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
            return
        nxt = nxt.getnext()
    if nxt is None or nxt.tag != qn("w:p"):
        return
    ppr = nxt.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.SubElement(nxt, qn("w:pPr"))
        nxt.insert(0, ppr)
    spacing = ppr.find(qn("w:spacing"))
    if spacing is None:
        spacing = etree.SubElement(ppr, qn("w:spacing"))
        anchor = next(
            (ppr.find(qn(t)) for t in ("w:ind", "w:jc", "w:rPr") if ppr.find(qn(t)) is not None), None
        )
        if anchor is not None:
            anchor.addprevious(spacing)
    if int(spacing.get(qn("w:before")) or 0) < 120:
        spacing.set(qn("w:before"), "120")


def _size_issuer_rule(doc: DocumentObject, spec: FormatSpec, issuer_name: str) -> None:
    """The rule under a state issuer's name: about 40% of the name's printed width (NĐ 30: 1/3–1/2)."""
    body = doc.element.body
    first = next((c for c in body if c.tag in (qn("w:tbl"), qn("w:p"))), None)
    if first is None or first.tag != qn("w:tbl"):
        return
    cell = first.find(f"{qn('w:tr')}/{qn('w:tc')}")
    if cell is None:
        return
    cell_mm = spec.header_cols_mm[0]
    name_mm = min(text_width_mm(issuer_name.upper(), spec.issuer_size, bold=True), cell_mm)
    rule_mm = max(name_mm * 0.4, 12.0)
    for p in cell.iter(qn("w:p")):
        ppr = p.find(qn("w:pPr"))
        if ppr is None or ppr.find(qn("w:pBdr")) is None:
            continue
        if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip():
            continue
        ind = ppr.find(qn("w:ind"))
        if ind is not None:
            side = str(max(0, mm((cell_mm - rule_mm) / 2)))
            ind.set(qn("w:left"), side)
            ind.set(qn("w:right"), side)
