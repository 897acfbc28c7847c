"""Parts of a letter whose shape depends on the data, built here instead of in the template.

A Word template holds wording and placeholders only (an officer opening it sees
``{{ khoi_kinh_gui }}``, not ``{%p if … %}``). Where the data decides the layout — one
recipient on the "Kính gửi:" line or a list under it, which task sections a reminder has —
the template has one placeholder alone in its paragraph and the printer puts these
paragraphs and tables there (``render._place_tables``).

A report (``bao-cao-*.docx``, periodic or on one directive) goes further: its template holds
only the fixed parts (header, title, signature) and two placeholders, ``{{ noi_dung }}`` and
``{{ noi_nhan }}``. The Kính gửi line, the numbered sections the officer edited, the task
tables and the Nơi nhận list are written here (``Body``, ``assemble``). When the long table
does not fit the body it goes to an appendix on landscape pages, numbered from 1 as NĐ 30
numbers each phụ lục.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docx.oxml import OxmlElement
from lxml import etree

from app.letters.docx_xml import Para, Span, make_paragraph, mm, qn
from app.letters.layout import FIRST_LINE_MM, FormatSpec

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

Block = list[etree._Element]


def kinh_gui(lines: Sequence[str], spec: FormatSpec) -> Block:
    """One recipient on the "Kính gửi:" line, centred; several, one per line under it."""
    size = spec.body_size
    if len(lines) == 1:
        return [
            make_paragraph([Span(f"Kính gửi: {lines[0]}", size)], Para(align="center", before=12, after=12))
        ]
    out = [
        make_paragraph([Span("Kính gửi:", size)], Para(align="left", left=mm(25), before=12, keep_next=True))
    ]
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        out.append(
            make_paragraph(
                [Span(f"- {line}", size)],
                Para(align="left", left=mm(48), after=6 if last else 0, line=1.0, keep_next=not last),
            )
        )
    return out


def heading(text: str, spec: FormatSpec) -> etree._Element:
    """A numbered heading ("1. …"): bold, indented like the body, kept with what follows."""
    return make_paragraph(
        [Span(text, spec.body_size, bold=True)],
        Para(align="both", first_line=mm(FIRST_LINE_MM), after=6, line=1.15, keep_next=True),
    )


def sections(
    parts: Sequence[tuple[str, Callable[[float], etree._Element]]], spec: FormatSpec
) -> Callable[[float], Block]:
    """Numbered headings, each followed by its table; a part left out does not leave a gap
    in the numbering."""

    def build(width_mm: float) -> Block:
        out: Block = []
        for n, (title, table) in enumerate(parts, 1):
            out.append(heading(f"{n}. {title}", spec))
            out.append(table(width_mm))
        return out

    return build


# -- a report's body -----------------------------------------------------------------------------

BODY_MARK = "\u27e6nội dung\u27e7"
RECIPIENTS_MARK = "\u27e6nơi nhận\u27e7"
# the Vietnamese placeholder names the templates use; the printer fills them with the marks
BODY_FIELD = "noi_dung"
RECIPIENTS_FIELD = "noi_nhan"

Element = Callable[[FormatSpec, float], list[etree._Element]]  # (format, text width mm) → XML


@dataclass(frozen=True)
class Appendix:
    """The phụ lục: a title, a line under it, and the table (built to the landscape width)."""

    title: str
    table: Callable[[float], etree._Element]
    caption: Callable[[Mapping[str, Any]], str]  # "(Kèm theo Báo cáo số … ngày … của …)"


@dataclass(frozen=True)
class Body:
    kinh_gui: tuple[str, ...]
    blocks: tuple[Element, ...]
    recipients: tuple[str, ...]  # Nơi nhận items, without the final "Lưu" line (the template's)
    appendix: Appendix | None = None
    extra: dict[str, str] = field(default_factory=dict)


def section_heading(text: str) -> Element:
    """A report's heading ("I. KẾT QUẢ THỰC HIỆN", "1. …") as a body element."""

    def build(spec: FormatSpec, width: float) -> list[etree._Element]:
        return [
            make_paragraph(
                [Span(text, spec.body_size, bold=True)],
                Para(align="both", first_line=mm(FIRST_LINE_MM), after=6, line=1.15, keep_next=True),
            )
        ]

    return build


def paragraphs(text: str, italic: bool = False, keep_next: bool = False) -> Element:
    """One body paragraph per line of ``text`` (what the officer typed in the dialog)."""

    def build(spec: FormatSpec, width: float) -> list[etree._Element]:
        return [
            make_paragraph(
                [Span(line.strip(), spec.body_size, italic=italic)],
                Para(
                    align="both",
                    first_line=mm(FIRST_LINE_MM),
                    after=6,
                    line=1.15,
                    keep_next=keep_next,
                ),
            )
            for line in text.splitlines()
            if line.strip()
        ]

    return build


def table(builder: Callable[[float], etree._Element]) -> Element:
    def build(spec: FormatSpec, width: float) -> list[etree._Element]:
        return [
            builder(width),
            make_paragraph([], Para(align="left", after=0, line=1.0), mark_size=6),
        ]

    return build


def _kinh_gui(spec: FormatSpec, names: Sequence[str]) -> list[etree._Element]:
    if not names:
        return []
    if len(names) == 1:
        return [
            make_paragraph(
                [Span(f"Kính gửi: {names[0]}", spec.body_size)],
                Para(align="center", before=6, after=12),
            )
        ]
    end = spec.item_end
    out = [
        make_paragraph(
            [Span("Kính gửi:", spec.body_size)],
            Para(align="left", left=mm(25), before=6, after=0, keep_next=True),
        )
    ]
    for i, name in enumerate(names):
        out.append(
            make_paragraph(
                [Span(f"- {name}{end if i < len(names) - 1 else '.'}", spec.body_size)],
                Para(align="left", left=mm(48), after=0 if i < len(names) - 1 else 12, line=1.0),
            )
        )
    return out


def _marker(parent: etree._Element, mark: str) -> etree._Element | None:
    for p in parent.iter(qn("w:p")):
        if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip() == mark:
            return p
    return None


def _text_width_mm(doc: DocumentObject) -> float:
    s = doc.sections[0]
    return ((s.page_width or 0) - (s.left_margin or 0) - (s.right_margin or 0)) / 36000


def assemble(doc: DocumentObject, body: Body, spec: FormatSpec, values: Mapping[str, Any]) -> None:
    """Replace the two markers of a report template and add the appendix if there is one."""
    root = doc.element.body
    width = _text_width_mm(doc)
    mark = _marker(root, BODY_MARK)
    if mark is not None:
        made = _kinh_gui(spec, body.kinh_gui)
        for block in body.blocks:
            made += block(spec, width)
        # the closing paragraph stays with the signature block (the template keeps the marker so)
        if made:
            _keep_next(made[-1])
        for el in made:
            mark.addprevious(el)
        mark.getparent().remove(mark)
    mark = _marker(root, RECIPIENTS_MARK)
    if mark is not None:
        for text in body.recipients:
            new = copy.deepcopy(mark)
            for t in new.iter(qn("w:t")):
                t.text = ""
            first = next(new.iter(qn("w:t")), None)
            if first is not None:
                first.text = text
            mark.addprevious(new)
        mark.getparent().remove(mark)
    if body.appendix is not None:
        _add_appendix(doc, body.appendix, spec, values)


def _keep_next(p: etree._Element) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:keepNext")) is None:
        ppr.insert(0, OxmlElement("w:keepNext"))


def _add_appendix(
    doc: DocumentObject, appendix: Appendix, spec: FormatSpec, values: Mapping[str, Any]
) -> None:
    """Close the portrait section after the signature and open a landscape one for the phụ lục.

    The paragraph carrying the portrait section's properties is 1 pt high with no spacing, so a
    signature block that ends at the foot of a page does not push it onto a blank page.
    """
    root = doc.element.body
    final = root.find(qn("w:sectPr"))
    if final is None:
        return
    portrait = copy.deepcopy(final)
    brk = make_paragraph([], Para(align="left", before=0, after=0, line=None), mark_size=1)
    ppr = brk.find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:line"), "20")
    spacing.set(qn("w:lineRule"), "exact")
    ppr.append(portrait)
    final.addprevious(brk)
    # the final section becomes the landscape appendix, numbered from 1
    pg = final.find(qn("w:pgSz"))
    if pg is not None:
        w, h = pg.get(qn("w:w")), pg.get(qn("w:h"))
        pg.set(qn("w:w"), h or str(mm(297)))
        pg.set(qn("w:h"), w or str(mm(210)))
        pg.set(qn("w:orient"), "landscape")
    num = final.find(qn("w:pgNumType"))
    if num is None:
        num = OxmlElement("w:pgNumType")
        anchor = next(
            (
                final.find(qn(t))
                for t in ("w:cols", "w:docGrid", "w:titlePg")
                if final.find(qn(t)) is not None
            ),
            None,
        )
        if anchor is not None:
            anchor.addprevious(num)
        else:
            final.append(num)
    num.set(qn("w:start"), "1")
    width = 297.0 - spec.left_mm - spec.right_mm
    size = spec.title_subject_size
    made = [
        make_paragraph([Span("Phụ lục", 14, bold=True)], Para(align="center", line=1.0, keep_next=True)),
        make_paragraph(
            [Span(appendix.title, size, bold=True)], Para(align="center", line=1.0, keep_next=True)
        ),
        make_paragraph(
            [Span(appendix.caption(values), size, italic=True)],
            Para(align="center", line=1.0, after=12, keep_next=True),
        ),
        appendix.table(width),
    ]
    for el in made:
        final.addprevious(el)
