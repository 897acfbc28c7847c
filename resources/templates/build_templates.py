"""Build the Word templates of the outgoing letters: ``python resources/templates/build_templates.py``.

The .docx files next to this script are what the program fills (docxtpl/Jinja): officers may
edit their wording and signature lines in Word. This script is how they were made, so they
can be regenerated after a change of format rules; rebuilding overwrites local edits.

Layout: header block = borderless 1×2 table (issuer | Quốc hiệu or Party title), body
justified with a 1 cm first-line indent, bottom block = borderless 1×2 table (Nơi nhận |
signature). A paragraph holding only ``{{ bang_… }}`` or ``{{ khoi_… }}`` marks where the
printer puts a table or a block whose shape depends on the data (``app.letters.blocks``).

Placeholders have Vietnamese names and the templates hold no control logic (``{% if %}``,
``{% for %}``): an officer editing one in Word sees only wording and ``{{ ten_co_quan }}``-like
names, explained in resources/help/huong-dan-su-dung.md. An optional line left empty (no
parent body, no signing prefix) is removed by the printer.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.enum.section import WD_ORIENT, WD_SECTION  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Mm, Pt  # noqa: E402
from lxml import etree  # noqa: E402

from app.letters.docx_xml import (  # noqa: E402
    Para,
    Span,
    add_row,
    make_paragraph,
    mm,
    normalize_fonts,
    run_props,
    table_element,
)
from app.letters.layout import FIRST_LINE_MM, PARTY, STATE, FormatSpec, text_width_mm  # noqa: E402

HERE = Path(__file__).resolve().parent

TEMPLATE_NAMES = {
    ("remind", "state"): "don-doc-nha-nuoc.docx",
    ("remind", "party"): "don-doc-dang.docx",
    ("assign", "state"): "trien-khai-nha-nuoc.docx",
    ("assign", "party"): "trien-khai-dang.docx",
    ("report", "state"): "bao-cao-nha-nuoc.docx",
    ("report", "party"): "bao-cao-dang.docx",
}


class Builder:
    def __init__(self, spec: FormatSpec) -> None:
        self.spec = spec
        self.party = spec.fmt.value == "party"
        self.doc = Document()
        self.body = self.doc.element.body
        self._page()
        self._styles()

    # -- page, styles, page numbers ---------------------------------------------------------
    def _page(self) -> None:
        s = self.spec
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.top_margin, sec.bottom_margin = Mm(s.top_mm), Mm(s.bottom_mm)
        sec.left_margin, sec.right_margin = Mm(s.left_mm), Mm(s.right_mm)
        sec.header_distance, sec.footer_distance = Mm(10), Mm(10)
        self._page_numbers(sec)
        # the default template's only paragraph would print an empty first line
        for p in list(self.body.iter(qn("w:p"))):
            self.body.remove(p)

    def _page_numbers(self, sec: object) -> None:
        """PAGE field centred in the header; page 1 gets an empty first-page header (titlePg)."""
        sec.different_first_page_header_footer = True  # type: ignore[attr-defined]
        first = sec.first_page_header  # type: ignore[attr-defined]
        first.is_linked_to_previous = False
        for p in first.paragraphs:
            for r in list(p._p.iter(qn("w:r"))):
                p._p.remove(r)
        header = sec.header  # type: ignore[attr-defined]
        header.is_linked_to_previous = False
        hdr = header._element
        for p in list(hdr.iter(qn("w:p"))):
            hdr.remove(p)
        p = OxmlElement("w:p")
        p.append(_ppr_center(self.spec.page_number_size))
        for kind, text in (
            ("begin", None),
            ("instr", " PAGE "),
            ("separate", None),
            ("text", "2"),
            ("end", None),
        ):
            r = OxmlElement("w:r")
            r.append(run_props(self.spec.page_number_size))
            if kind == "instr":
                it = OxmlElement("w:instrText")
                it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                it.text = text
                r.append(it)
            elif kind == "text":
                t = OxmlElement("w:t")
                t.text = text
                r.append(t)
            else:
                fc = OxmlElement("w:fldChar")
                fc.set(qn("w:fldCharType"), kind)
                r.append(fc)
            p.append(r)
        hdr.append(p)

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(self.spec.body_size)
        pf = normal.paragraph_format
        pf.space_after = Pt(6)
        pf.line_spacing = 1.0

    # -- building blocks --------------------------------------------------------------------
    def add(self, el: etree._Element) -> etree._Element:
        self.body.insert(len(self.body) - 1, el) if self.body[-1].tag == qn("w:sectPr") else self.body.append(
            el
        )
        return el

    def para(self, spans: list[Span], layout: Para) -> etree._Element:
        return self.add(make_paragraph(spans, layout))

    def tag(self, text: str) -> None:
        """A docxtpl paragraph tag (``{%p … %}``): the whole paragraph disappears when rendered."""
        self.para([Span(text, self.spec.body_size)], Para(align="left"))

    def body_text(self, text: str, bold: bool = False, italic: bool = False, indent: bool = True) -> None:
        s = self.spec
        self.para(
            [Span(text, s.body_size, bold=bold, italic=italic)],
            Para(
                align="both", first_line=mm(FIRST_LINE_MM) if indent else None, before=0, after=6, line=1.15
            ),
        )

    def heading(self, text: str) -> None:
        """A numbered section heading ("I. …", "1. …"): bold, indented like the body, kept with the next."""
        s = self.spec
        self.para(
            [Span(text, s.body_size, bold=True)],
            Para(align="both", first_line=mm(FIRST_LINE_MM), after=6, line=1.15, keep_next=True),
        )

    def table_marker(self, name: str) -> None:
        self.para([Span("{{ " + name + " }}", self.spec.table_size)], Para(align="center", after=6))

    # -- header block ---------------------------------------------------------------------------
    def header_block(self, cong_van: bool) -> None:
        s = self.spec
        left_w, right_w = mm(s.header_cols_mm[0]), mm(s.header_cols_mm[1])
        tbl = table_element([left_w, right_w], borders=False, cell_margin=0)
        c = Para(align="center", line=1.0)
        left: list[etree._Element] = [
            make_paragraph([Span("{{ co_quan_chu_quan }}", s.parent_size)], c),
            make_paragraph([Span("{{ ten_co_quan }}", s.issuer_size, bold=True)], c),
        ]
        if self.party:
            left.append(make_paragraph([Span("*", s.issuer_size)], c))
        else:
            # the short rule under the issuer: the printer sets its indents from the name's width
            third = round(left_w / 3)
            left.append(
                make_paragraph(
                    [],
                    Para(align="center", left=third, right=third, line=0.3, border_bottom=True),
                    mark_size=4,
                )
            )
        left.append(
            make_paragraph(
                [Span("{{ so_ky_hieu }}", s.number_size)],
                Para(align="center", before=6 if not self.party else 0, line=1.0),
            )
        )
        if cong_van:
            left.append(
                make_paragraph(
                    [Span("{{ trich_yeu }}", s.subject_size, italic=s.subject_italic)],
                    Para(align="center", before=6, line=1.0),
                )
            )
        right: list[etree._Element] = []
        if self.party:
            title = "ĐẢNG CỘNG SẢN VIỆT NAM"
            pad = _rule_pad(right_w, text_width_mm(title, s.national_size, bold=True))
            right.append(
                make_paragraph(
                    [Span(title, s.national_size, bold=True)],
                    Para(align="center", left=pad, right=pad, line=1.0, border_bottom=True),
                )
            )
            right.append(
                make_paragraph(
                    [Span("{{ dia_danh_ngay }}", s.date_size, italic=True)],
                    Para(align="center", before=6 + s.parent_size, line=1.0),
                )
            )
        else:
            right.append(
                make_paragraph([Span("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s.national_size, bold=True)], c)
            )
            motto = "Độc lập - Tự do - Hạnh phúc"
            pad = _rule_pad(right_w, text_width_mm(motto, s.motto_size, bold=True))
            right.append(
                make_paragraph(
                    [Span(motto, s.motto_size, bold=True)],
                    Para(align="center", left=pad, right=pad, line=1.0, border_bottom=True),
                )
            )
            right.append(
                make_paragraph(
                    [Span("{{ dia_danh_ngay }}", s.date_size, italic=True)],
                    Para(align="center", before=6 + s.parent_size, line=1.0),
                )
            )
        add_row(tbl, [left_w, right_w], [left, right])
        self.add(tbl)

    def title_block(self, kind_word: str, subject: str) -> None:
        s = self.spec
        self.para(
            [Span(kind_word, s.title_size, bold=True)],
            Para(align="center", before=18, line=1.0, keep_next=True),
        )
        self.para(
            [Span(subject, s.title_subject_size, bold=True)], Para(align="center", line=1.0, keep_next=True)
        )
        width = mm(s.text_width_mm)
        self.add(
            make_paragraph(
                [],
                Para(
                    align="center",
                    left=round(width * 0.37),
                    right=round(width * 0.37),
                    line=0.3,
                    after=12,
                    border_bottom=True,
                ),
                mark_size=4,
            )
        )

    def kinh_gui(self) -> None:
        """The "Kính gửi:" block: one recipient on its line or a list, built by the printer."""
        self.table_marker("khoi_kinh_gui")

    def bottom_block(self, recipients: list[str]) -> None:
        """Nơi nhận (left) and the signature (right), in a borderless table whose row never splits."""
        s = self.spec
        left_w, right_w = mm(s.header_cols_mm[0]), mm(s.header_cols_mm[1])
        tbl = table_element([left_w, right_w], borders=False, cell_margin=0)
        if self.party:
            label = make_paragraph(
                [Span("Nơi nhận:", s.recipients_label_size, underline=True)], Para(align="left", line=1.0)
            )
        else:
            label = make_paragraph(
                [Span("Nơi nhận:", s.recipients_label_size, bold=True, italic=True)],
                Para(align="left", line=1.0),
            )
        item = Para(align="left", line=1.0)
        left = [label] + [make_paragraph([Span(text, s.recipients_size)], item) for text in recipients]
        last = "- Lưu {{ don_vi_luu }}." if self.party else "- Lưu: VT, {{ don_vi_luu }}."
        left.append(make_paragraph([Span(last, s.recipients_size)], item))
        c = Para(align="center", line=1.0)
        right = [
            make_paragraph([Span("{{ tham_quyen_ky }}", s.signature_size, bold=True)], c),
            make_paragraph([Span("{{ chuc_vu }}", s.signature_size, bold=True)], c),
        ]
        right += [make_paragraph([], c, mark_size=s.signature_size) for _ in range(4)]
        right.append(make_paragraph([Span("{{ nguoi_ky }}", s.signature_size, bold=True)], c))
        # keep the closing paragraph, this spacer and the signature on one page
        last = self.body[-2] if self.body[-1].tag == qn("w:sectPr") else self.body[-1]
        ppr = last.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:keepNext")) is None:
            ppr.insert(0, OxmlElement("w:keepNext"))
        self.para([], Para(align="left", after=0, keep_next=True))
        add_row(tbl, [left_w, right_w], [left, right])
        self.add(tbl)

    def landscape_section(self) -> None:
        """Start the appendix on landscape pages, numbered from 1 as NĐ 30 numbers each phụ lục."""
        s = self.spec
        sec = self.doc.add_section(WD_SECTION.NEW_PAGE)
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
        # top/left keep the binding side of the portrait pages when the sheet is turned
        sec.top_margin, sec.bottom_margin = Mm(s.top_mm), Mm(s.bottom_mm)
        sec.left_margin, sec.right_margin = Mm(s.left_mm), Mm(s.right_mm)
        self._page_numbers(sec)
        sect_pr = sec._sectPr
        pg = OxmlElement("w:pgNumType")
        pg.set(qn("w:start"), "1")
        title_pg = sect_pr.find(qn("w:titlePg"))
        (title_pg if title_pg is not None else sect_pr[-1]).addprevious(pg)

    def save(self, name: str) -> Path:
        normalize_fonts(self.doc)
        path = HERE / name
        self.doc.save(str(path))
        return path


def _rule_pad(cell_w: int, text_mm: float) -> int:
    """Indents that make a bottom border as long as the text above it (with a little slack)."""
    return max(0, round((cell_w - mm(text_mm * 1.04 + 2)) / 2))


def _ppr_center(size: float) -> etree._Element:
    ppr = OxmlElement("w:pPr")
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    ppr.append(jc)
    ppr.append(run_props(size))
    return ppr


# -- the letters ---------------------------------------------------------------------------------


def remind(spec: FormatSpec) -> Builder:
    b = Builder(spec)
    e = spec.body_end
    b.header_block(cong_van=True)
    b.kinh_gui()
    b.body_text(
        "Thực hiện nhiệm vụ theo dõi, đôn đốc việc triển khai các văn bản chỉ đạo của "
        "{{ ten_rut_gon }}, "
        "tính đến {{ ngay_tinh }}, {{ co_quan_nhan }} còn {{ so_nhiem_vu_qua_han }} đã quá thời hạn nhưng "
        "chưa báo cáo kết quả hoàn thành{{ ghi_chu_don_doc_truoc }}, cụ thể như sau:"
    )
    b.table_marker("khoi_nhiem_vu")
    b.body_text(
        "Để bảo đảm tiến độ thực hiện các nhiệm vụ được giao, {{ ten_rut_gon }} đề nghị {{ co_quan_nhan }} "
        "khẩn trương chỉ đạo triển khai, hoàn thành các nhiệm vụ nêu trên; báo cáo kết quả thực hiện, nêu rõ "
        "nguyên nhân chậm tiến độ, khó khăn, vướng mắc và đề xuất giải pháp (nếu có) gửi về "
        "{{ ten_rut_gon }} (qua {{ co_quan_thuong_truc }}) trước {{ han_tra_loi }} để tổng hợp, báo cáo "
        "theo quy định."
    )
    b.body_text("Đề nghị {{ co_quan_nhan }} quan tâm, phối hợp thực hiện" + e)
    b.bottom_block(["- Như trên" + spec.item_end, "- Thường trực Ban Chỉ đạo (để báo cáo)" + spec.item_end])
    return b


def assign(spec: FormatSpec) -> Builder:
    b = Builder(spec)
    e = spec.body_end
    b.header_block(cong_van=True)
    b.kinh_gui()
    b.body_text(
        "Thực hiện {{ van_ban_chi_dao }} về {{ noi_dung_chi_dao }}, {{ ten_rut_gon }} "
        "đề nghị các cơ quan, "
        "đơn vị tổ chức triển khai thực hiện các nội dung sau:"
    )
    b.body_text(
        "1. Căn cứ chức năng, nhiệm vụ được giao, tổ chức triển khai thực hiện {{ so_nhiem_vu }} "
        "nhiệm vụ tại Phụ lục kèm theo Công văn này; xây dựng kế hoạch chi tiết, bảo đảm nguyên tắc "
        "“06 rõ”: rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền."
    )
    b.body_text(
        "2. Cơ quan chủ trì chịu trách nhiệm toàn diện về tiến độ, chất lượng, sản phẩm của nhiệm vụ; "
        "cơ quan "
        "phối hợp chủ động tham gia theo chức năng, nhiệm vụ, bảo đảm hoàn thành đúng thời hạn."
    )
    b.body_text(
        "3. Định kỳ trước ngày 09 hằng tháng (thời gian chốt số liệu tính từ ngày mùng 8 của tháng trước đến "
        "ngày mùng 7 của tháng báo cáo), báo cáo kết quả thực hiện về {{ ten_rut_gon }} (qua "
        "{{ co_quan_thuong_truc }}) để tổng hợp, theo dõi" + e
    )
    b.bottom_block(["- Như trên" + spec.item_end, "- Thường trực Ban Chỉ đạo (để báo cáo)" + spec.item_end])
    b.landscape_section()
    s = spec
    b.para([Span("Phụ lục", 14, bold=True)], Para(align="center", line=1.0, keep_next=True))
    b.para(
        [
            Span(
                "DANH MỤC NHIỆM VỤ TRIỂN KHAI THỰC HIỆN {{ van_ban_chi_dao_in_hoa }}",
                s.title_subject_size,
                bold=True,
            )
        ],
        Para(align="center", line=1.0, keep_next=True),
    )
    b.para(
        [
            Span(
                "(Kèm theo Công văn số {{ so_van_ban }} ngày {{ ngay_ban_hanh }} của {{ ten_rut_gon }})",
                s.title_subject_size,
                italic=True,
            )
        ],
        Para(align="center", line=1.0, after=12, keep_next=True),
    )
    b.table_marker("bang_nhiem_vu")
    return b


def report(spec: FormatSpec) -> Builder:
    """Every BÁO CÁO (periodic, or on one directive): the body and Nơi nhận come from the data.

    ``{{ noi_dung }}`` is replaced by Kính gửi, the sections I–IV the officer edited and the
    tables; ``{{ noi_nhan }}`` by the recipients; a long table goes to a landscape phụ lục
    (``app.letters.blocks``). Wording edited here is kept; the two markers must stay alone
    on their lines.
    """
    b = Builder(spec)
    b.header_block(cong_van=False)
    b.title_block("BÁO CÁO", "{{ trich_yeu }}")
    b.body_text("{{ noi_dung }}")
    b.bottom_block(["{{ noi_nhan }}"])
    return b


def build_all() -> list[Path]:
    made = []
    for (kind, fmt), name in TEMPLATE_NAMES.items():
        spec = STATE if fmt == "state" else PARTY
        builder = {"remind": remind, "assign": assign, "report": report}[kind](spec)
        made.append(builder.save(name))
    return made


if __name__ == "__main__":
    for path in build_all():
        print(path)
