"""Parts of a letter whose shape depends on the data, built here instead of in the template.

A Word template holds wording and placeholders only (an officer opening it sees
``{{ khoi_kinh_gui }}``, not ``{%p if … %}``). Where the data decides the layout — one
recipient on the "Kính gửi:" line or a list under it, which task sections a reminder has —
the template has one placeholder alone in its paragraph and the printer puts these
paragraphs and tables there (``render._place_tables``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lxml import etree

from app.letters.docx_xml import Para, Span, make_paragraph, mm
from app.letters.layout import FIRST_LINE_MM, FormatSpec

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
