"""The checklist of ../shared/docs/README.md as functions over a generated DOCX (python-docx).

Each check asserts with a message naming the checklist item, so a failure reads like the
checklist line it broke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from lxml import etree

from models.vn_dates import DATE_LINE, PARTY_NUMBER, STATE_NUMBER

FONT = "Times New Roman"
EMU_PER_MM = 36000


@dataclass(frozen=True)
class Look:
    text: str
    raw: str  # the paragraph's text exactly as stored, before stripping
    size: float | None
    bold: bool
    italic: bool
    underline: bool
    align: str
    p: etree._Element


def _flag(rpr: etree._Element | None, tag: str) -> bool:
    if rpr is None:
        return False
    el = rpr.find(qn(tag))
    return el is not None and el.get(qn("w:val")) not in ("0", "false", "none")


def look(p: etree._Element) -> Look:
    """A paragraph's text and the formatting of its (uniformly formatted) runs."""
    runs = [r for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
    rpr = runs[0].find(qn("w:rPr")) if runs else None
    sz = rpr.find(qn("w:sz")) if rpr is not None else None
    ppr = p.find(qn("w:pPr"))
    jc = ppr.find(qn("w:jc")) if ppr is not None else None
    return Look(
        text="".join(t.text or "" for t in p.iter(qn("w:t"))).strip(),
        raw="".join(t.text or "" for t in p.iter(qn("w:t"))),
        size=int(sz.get(qn("w:val"))) / 2 if sz is not None else None,
        bold=_flag(rpr, "w:b"),
        italic=_flag(rpr, "w:i"),
        underline=_flag(rpr, "w:u"),
        align=jc.get(qn("w:val")) if jc is not None else "left",
        p=p,
    )


def paragraphs(el: etree._Element) -> list[Look]:
    return [look(p) for p in el.iter(qn("w:p"))]


def has_bottom_border(p: etree._Element) -> bool:
    ppr = p.find(qn("w:pPr"))
    bdr = ppr.find(qn("w:pBdr")) if ppr is not None else None
    return bdr is not None and bdr.find(qn("w:bottom")) is not None


def open_docx(path: Path) -> DocumentObject:
    return Document(str(path))


def body_elements(doc: DocumentObject) -> list[etree._Element]:
    return [c for c in doc.element.body if c.tag in (qn("w:p"), qn("w:tbl"))]


def cells(tbl: etree._Element) -> list[list[etree._Element]]:
    return [list(tr.iter(qn("w:tc"))) for tr in tbl.findall(qn("w:tr"))]


def borderless(tbl: etree._Element) -> bool:
    box = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    return box is not None and all(b.get(qn("w:val")) in ("nil", "none") for b in box)


# -- page ----------------------------------------------------------------------------------------


def check_page(doc: DocumentObject, party: bool) -> None:
    for later in doc.sections[1:]:  # appendix sections: A4 either way, same margins
        pg = later._sectPr.find(qn("w:pgSz"))
        assert {int(pg.get(qn("w:w"))), int(pg.get(qn("w:h")))} == {11906, 16838}, "A4 appendix"
        lm, rm = later.left_margin / EMU_PER_MM, later.right_margin / EMU_PER_MM
        assert lm >= 19.9 and rm >= 14.9, "appendix margins"
        assert later._sectPr.find(qn("w:titlePg")) is not None, "appendix page 1 unnumbered"
        instr = " ".join(t.text or "" for t in later.header._element.iter(qn("w:instrText")))
        assert "PAGE" in instr, "appendix pages numbered"
    sec = doc.sections[0]
    pg = sec._sectPr.find(qn("w:pgSz"))
    assert abs(int(pg.get(qn("w:w"))) - 11906) <= 2 and abs(int(pg.get(qn("w:h"))) - 16838) <= 2, (
        "A4 portrait"
    )
    assert pg.get(qn("w:orient")) in (None, "portrait"), "portrait"
    top, bottom = sec.top_margin / EMU_PER_MM, sec.bottom_margin / EMU_PER_MM
    left, right = sec.left_margin / EMU_PER_MM, sec.right_margin / EMU_PER_MM
    if party:
        for got, want in ((top, 20), (bottom, 20), (left, 30), (right, 15)):
            assert abs(got - want) < 0.2, f"Party margins 20/20/30/15 mm, got {top, bottom, left, right}"
    else:
        assert 20 <= round(top, 1) <= 25 and 20 <= round(bottom, 1) <= 25, "state top/bottom 20–25 mm"
        assert 30 <= round(left, 1) <= 35 and 15 <= round(right, 1) <= 20, "state left 30–35, right 15–20 mm"


def check_fonts(doc: DocumentObject) -> None:
    roots = [doc.element]
    for sec in doc.sections:
        for hf in (sec.header, sec.first_page_header):
            roots.append(hf._element)
    for root in roots:
        for r in root.iter(qn("w:r")):
            rf = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            assert rf is not None, "every run sets its font"
            for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                assert rf.get(qn(f"w:{slot}")) == FONT, f"run font slot {slot} is Times New Roman"
            color = r.find(f"{qn('w:rPr')}/{qn('w:color')}")
            assert color is None or color.get(qn("w:val")) in ("000000", "auto"), "text is black"
    normal = doc.styles["Normal"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert normal is not None
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        assert normal.get(qn(f"w:{slot}")) == FONT, f"Normal style {slot}"
    for style in doc.styles.element.iter(qn("w:style")):
        rf = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if rf is not None and style.get(qn("w:type")) == "paragraph":
            assert rf.get(qn("w:eastAsia")) == FONT, f"style {style.get(qn('w:styleId'))} eastAsia"


def check_page_numbers(doc: DocumentObject, party: bool) -> None:
    sec = doc.sections[0]
    assert sec._sectPr.find(qn("w:titlePg")) is not None, "titlePg: no number on page 1"
    first = sec.first_page_header._element
    assert not "".join(first.itertext()).strip(), "first-page header empty"
    assert not list(first.iter(qn("w:instrText"))), "no field on page 1"
    hdr = sec.header._element
    instr = " ".join(t.text or "" for t in hdr.iter(qn("w:instrText")))
    assert "PAGE" in instr, "PAGE field in the header"
    p = next(p for p in hdr.iter(qn("w:p")) if list(p.iter(qn("w:instrText"))))
    assert look(p).align == "center", "page number centred"
    sizes = {int(sz.get(qn("w:val"))) / 2 for sz in p.iter(qn("w:sz"))}
    assert sizes and all((s == 14) if party else (13 <= s <= 14) for s in sizes), f"page number size {sizes}"


# -- header block ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    number: str
    date_line: str
    subject: str


def check_header(doc: DocumentObject, party: bool, cong_van: bool) -> Header:
    first = body_elements(doc)[0]
    assert first.tag == qn("w:tbl"), "the first body element is the header table"
    rows = cells(first)
    assert len(rows) == 1 and len(rows[0]) == 2, "header table is 1×2"
    assert borderless(first), "header table has no borders"
    left = [x for x in paragraphs(rows[0][0])]
    right = [x for x in paragraphs(rows[0][1])]
    for x in left + right:
        assert x.align == "center", f"header paragraph centred: {x.text!r}"
    texts = [x for x in left if x.text]
    number = next(x for x in texts if x.text.startswith("Số"))
    issuer_idx = texts.index(number) - 1
    if party:
        star = texts[texts.index(number) - 1]
        assert star.text == "*", "Party: a star under the issuer"
        issuer = texts[texts.index(number) - 2]
        assert PARTY_NUMBER.fullmatch(number.raw), f"Party number, exactly, in one paragraph {number.raw!r}"
        assert number.size == 14 and not number.bold and not number.italic, "Party number 14 upright"
        want_size = {14.0}
    else:
        issuer = texts[issuer_idx]
        assert STATE_NUMBER.fullmatch(number.raw), f"state number, exactly, in one paragraph {number.raw!r}"
        assert number.size == 13, "state number size 13"
        want_size = {12.0, 13.0}
        # the rule under the issuer: an empty bordered paragraph between issuer and number
        pos_issuer = left.index(issuer)
        pos_number = left.index(number)
        assert any(has_bottom_border(x.p) and not x.text for x in left[pos_issuer + 1 : pos_number]), (
            "issuer rule"
        )
    assert issuer.text == issuer.text.upper() and issuer.bold and issuer.size in want_size, (
        "issuer upper bold"
    )
    parents = texts[: texts.index(issuer)]
    for parent in parents:
        assert parent.text == parent.text.upper() and not parent.bold and parent.size in want_size, "parent"
    subject = ""
    if cong_van:
        vv = texts[texts.index(number) + 1]
        subject = vv.text
        assert vv.text.startswith("V/v "), "công văn trích yếu under the number"
        if party:
            assert vv.italic and vv.size == 12, "Party trích yếu 12 italic"
        else:
            assert not vv.italic and not vv.bold and vv.size in (12, 13), "state V/v 12–13 upright"
            spacing = vv.p.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
            assert spacing is not None and int(spacing.get(qn("w:before"))) == 120, "V/v 6 pt before"
    rtexts = [x for x in right if x.text]
    if party:
        title = rtexts[0]
        assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and title.bold and title.size == 15, "Party title"
        assert has_bottom_border(title.p), "rule under the Party title"
        date = rtexts[1]
        assert date.size == 14, "Party date 14"
    else:
        qh, motto, date = rtexts[0], rtexts[1], rtexts[2]
        assert qh.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and qh.bold and qh.size in (12, 13), (
            "Quốc hiệu"
        )
        assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.bold and motto.size in (13, 14), (
            "Tiêu ngữ"
        )
        assert has_bottom_border(motto.p), "rule under the Tiêu ngữ"
        assert date.size in (13, 14), "state date 13–14"
    assert date.italic, "date line italic"
    assert DATE_LINE.fullmatch(date.raw), f"date line, exactly {date.raw!r}"
    return Header(number.text, date.text, subject)


# -- body and bottom block ------------------------------------------------------------------------------


def bottom_table(doc: DocumentObject) -> etree._Element:
    """The signature table: the first borderless table after the header."""
    tables = [e for e in body_elements(doc)[1:] if e.tag == qn("w:tbl") and borderless(e)]
    assert tables, "a borderless bottom block"
    return tables[0]


def body_paragraphs(doc: DocumentObject) -> list[Look]:
    els = body_elements(doc)
    end = els.index(bottom_table(doc))
    return [look(e) for e in els[1:end] if e.tag == qn("w:p")]


def check_body(doc: DocumentObject, party: bool) -> None:
    paras = [x for x in body_paragraphs(doc) if x.text]
    justified = [x for x in paras if x.align == "both"]
    assert justified, "body paragraphs are justified"
    sizes = (14, 15) if party else (13, 14)
    for x in justified:
        assert x.size in sizes, f"body size {x.size} in {sizes}: {x.text[:40]!r}"
        ppr = x.p.find(qn("w:pPr"))
        ind = ppr.find(qn("w:ind"))
        assert ind is not None and int(ind.get(qn("w:firstLine"))) in (567, 720), (
            "first-line indent 1 / 1.27 cm"
        )
        spacing = ppr.find(qn("w:spacing"))
        assert int(spacing.get(qn("w:after"))) >= 120, "space after ≥ 6 pt"
        line = spacing.get(qn("w:line"))
        assert line is None or 240 <= int(line) <= 360, "line spacing single to 1.5"
    last = paras[-1].text
    if party:
        assert last.endswith(".") and not last.endswith("./."), "Party body ends with '.'"
    else:
        assert last.endswith("./."), "state body ends with './.'"
    assert not any(x.text.upper() == "CÔNG VĂN" for x in paras), "no tên loại line in a công văn"


def check_bottom(doc: DocumentObject, party: bool) -> None:
    tbl = bottom_table(doc)
    for tr in tbl.findall(qn("w:tr")):
        assert tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None, "bottom rows cantSplit"
    row = cells(tbl)[0]
    assert len(row) == 2, "bottom block has two columns"
    left = [x for x in paragraphs(row[0]) if x.text]
    label, items = left[0], left[1:]
    assert label.text == "Nơi nhận:", "Nơi nhận label"
    if party:
        assert label.size == 14 and label.underline and not label.bold and not label.italic, "Party Nơi nhận"
    else:
        assert label.size == 12 and label.bold and label.italic, "state Nơi nhận 12 bold italic"
    for item in items:
        assert item.text.startswith("- ") and item.size == (12 if party else 11) and not item.bold, item.text
    for item in items[:-1]:
        assert item.text.endswith("," if party else ";"), f"item punctuation {item.text!r}"
    if party:
        assert re.match(r"^- Lưu [A-ZĐ][A-ZĐa-z0-9 ,]*\.$", items[-1].text), items[-1].text
    else:
        assert re.match(r"^- Lưu: VT, [A-ZĐ][A-ZĐa-z0-9]*\.$", items[-1].text), items[-1].text
    right = paragraphs(row[1])
    for x in right:
        assert x.align == "center", "signature block centred"
    filled = [x for x in right if x.text]
    name = filled[-1]
    upper = filled[:-1]
    assert upper, "authority / position lines"
    prefixes = ("T/M", "K/T", "T/L") if party else ("TM.", "KT.", "TL.", "TUQ.", "Q.")
    first = upper[0].text
    wrong = ("TM.", "KT.", "TL.", "TUQ.", "Q.", "TM", "KT") if party else ("T/M", "K/T", "T/L", "TM", "KT")
    assert first.split(" ")[0] not in wrong, f"authority prefix of the other format {first!r}"
    if first.split(" ")[0] in prefixes:
        assert len(first.split(" ")) > 1, f"authority prefix followed by the body {first!r}"
    for x in upper:
        assert x.text == x.text.upper() and x.bold, f"authority/position upper bold {x.text!r}"
        assert x.size == 14 if party else x.size in (13, 14), "signature size"
    assert name.bold and name.text.istitle(), f"signer bold, Title Case {name.text!r}"
    i_last, i_name = right.index(upper[-1]), right.index(name)
    assert i_name - i_last - 1 >= 3, "≥ 3 empty paragraphs of signature space"
    if not party:
        assert len(upper) >= 2, "state ban chỉ đạo signer shows two titles"


def check_recipients(doc: DocumentObject, party: bool) -> list[str]:
    """Kính gửi: one recipient on the same line ends "."; a list ends ";" (state) / "," (Party), last "."."""
    paras = [x for x in body_paragraphs(doc) if x.text]
    i = next(i for i, x in enumerate(paras) if x.text.startswith("Kính gửi:"))
    head = paras[i].text
    if head != "Kính gửi:":
        assert head.endswith(".") and not head.endswith(";") and not head.endswith(","), head
        return [head.removeprefix("Kính gửi:").strip()[:-1]]
    items = []
    for x in paras[i + 1 :]:
        if not x.text.startswith("- "):
            break
        items.append(x.text)
    assert items, "Kính gửi list"
    end = "," if party else ";"
    for item in items[:-1]:
        assert item.endswith(end) and not item.endswith(f"{end}{end}"), (
            f"Kính gửi item ends {end!r}: {item!r}"
        )
    assert items[-1].endswith(".") and not items[-1].endswith(".."), (
        f"last Kính gửi item ends '.': {items[-1]!r}"
    )
    return [x[2:-1] for x in items]


def check_title(doc: DocumentObject, party: bool) -> tuple[str, str]:
    """Tên loại and trích yếu (not in a công văn): centred, bold; then a short centred rule."""
    paras = body_paragraphs(doc)
    filled = [x for x in paras if x.text]
    name, subject = filled[0], filled[1]
    assert name.align == "center" and name.bold and name.text == name.text.upper(), f"tên loại {name.text!r}"
    assert name.size in ((15, 16) if party else (13, 14)), f"tên loại size {name.size}"
    assert subject.align == "center" and subject.bold, f"trích yếu {subject.text!r}"
    assert subject.size in ((14, 15) if party else (13, 14)), f"trích yếu size {subject.size}"
    i = paras.index(subject)
    ruled = has_bottom_border(subject.p) or (
        i + 1 < len(paras) and not paras[i + 1].text and has_bottom_border(paras[i + 1].p)
    )
    assert ruled, "a short rule under the trích yếu"
    return name.text, subject.text


def check_data_tables(doc: DocumentObject) -> list[etree._Element]:
    tables = [e for e in doc.element.body.iter(qn("w:tbl")) if not borderless(e)]
    for tbl in tables:
        rows = tbl.findall(qn("w:tr"))
        assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None, "header row repeats"
        for tr in rows:
            assert tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None, "rows never split"
    return tables


def table_rows(tbl: etree._Element) -> list[list[str]]:
    out = []
    for tr in tbl.findall(qn("w:tr"))[1:]:
        out.append(
            ["\n".join(look(p).text for p in tc.iter(qn("w:p"))).strip() for tc in tr.findall(qn("w:tc"))]
        )
    return out


def check_all(path: Path, party: bool, cong_van: bool) -> tuple[DocumentObject, Header]:
    doc = open_docx(path)
    check_page(doc, party)
    check_fonts(doc)
    check_page_numbers(doc, party)
    header = check_header(doc, party, cong_van)
    if cong_van:
        check_recipients(doc, party)
    else:
        check_title(doc, party)
    check_body(doc, party)
    check_bottom(doc, party)
    check_data_tables(doc)
    return doc, header
