"""Issue 12, part B: reminders that say the truth, what prints, and a register that never
disagrees with its files (the kill test is in test_register_kill.py, rendered pages in
test_render_pdf.py)."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document

from app.context import AppContext
from app.errors import UserError
from app.letters.content import groups_with_overdue
from app.letters.docx_xml import xml_safe
from app.letters.layout import PARTY, STATE, balanced_lines, nobreak_citations, text_width_mm
from app.letters.remind import file_name
from app.letters.render import templates_dir
from models.deadlines import Frequency
from models.missed import Period, periods_phrase
from models.vn_dates import LetterFormat
from tests.letters.ids import agency, directive

AS_OF = date(2026, 11, 24)


def _text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


# -- pure rules -------------------------------------------------------------------------------


def _months(year: int, *months: int) -> list[Period]:
    return [Period(date(year, m, 1), Frequency.MONTHLY) for m in months]


def test_missed_periods_are_named_one_by_one() -> None:
    assert periods_phrase(_months(2026, 8, 9, 10)) == "tháng 8, 9, 10/2026"
    assert periods_phrase(_months(2025, 11, 12) + _months(2026, 1)) == "tháng 11, 12/2025, tháng 1/2026"
    quarters = [Period(date(2026, m, 1), Frequency.QUARTERLY) for m in (4, 7)]
    assert periods_phrase(quarters) == "quý 2, 3/2026"
    assert periods_phrase([Period(date(y, 1, 1), Frequency.YEARLY) for y in (2025, 2026)]) == "năm 2025, 2026"
    many = _months(2025, *range(4, 13)) + _months(2026, 1, 2, 3)
    assert periods_phrase(many) == "12 kỳ, từ tháng 4/2025 đến tháng 3/2026"
    assert periods_phrase([]) == ""


def test_issuer_names_break_evenly_and_never_leave_a_word_alone() -> None:
    from app.letters.issuers import DEFAULT_PARTY, DEFAULT_STATE

    for issuer, spec, most in ((DEFAULT_STATE, STATE, 4), (DEFAULT_PARTY, PARTY, 4)):
        lines = balanced_lines(issuer.name, spec.header_cols_mm[0] - 2, spec.issuer_size, bold=True)
        assert " ".join(lines) == issuer.name
        assert len(lines) <= most, lines
        widths = [text_width_mm(x, spec.issuer_size, True) for x in lines]
        assert min(widths) > 0.6 * max(widths), f"a short last line (e.g. «SỐ» alone): {lines}"
        assert all(w <= spec.header_cols_mm[0] for w in widths)


def test_cited_numbers_keep_their_hyphen_unbreakable() -> None:
    text = nobreak_citations("V/v triển khai thực hiện Kế hoạch số 125/KH-BCĐ và Công văn số 420-CV/TU")
    assert "125/KH\u2011BCĐ" in text and "420\u2011CV/TU" in text
    assert nobreak_citations("Độc lập - Tự do") == "Độc lập - Tự do"


def test_xml_invalid_characters_are_dropped() -> None:
    assert xml_safe("Sở\x0bNội\x1fvụ\x00 ok\ttab\n") == "SởNộivụ ok\ttab\n"
    assert xml_safe("a\ab", keep="\a") == "a\ab"


def test_batch_file_names_are_unique(tmp_path: Path) -> None:
    taken: set[str] = set()
    a = file_name("Sở A-B", AS_OF, taken, tmp_path)
    b = file_name("Sở A B", AS_OF, taken, tmp_path)
    assert a != b and b.endswith("-2.docx")
    (tmp_path / file_name("Công an tỉnh", AS_OF)).write_bytes(b"x")
    assert file_name("Công an tỉnh", AS_OF, set(), tmp_path).endswith("-2.docx")


# -- reminders say the truth ------------------------------------------------------------------------


def test_same_day_letters_and_reprints_are_not_earlier_reminders(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    L = demo_ctx.letters
    police = agency(demo_ctx, "Công an tỉnh")
    L.remind(police, date(2026, 11, 20), LetterFormat.STATE, tmp_path / "first.docx")
    first = L.list_letters()[0].number
    L.remind(police, AS_OF, LetterFormat.PARTY, tmp_path / "party.docx")
    L.remind(police, AS_OF, LetterFormat.STATE, tmp_path / "state.docx")
    L.remind(police, AS_OF, LetterFormat.STATE, tmp_path / "state.docx", replace=True)
    for name in ("party.docx", "state.docx"):
        text = _text(tmp_path / name)
        # only the letter of 20/11, cited with its issuer; not the other format's letter of the day
        assert "đã được đôn đốc 1 lần" in text, name
        assert f"Công văn số {first}" in text and "ngày 20/11/2026 của Ban Chỉ đạo" in text


def test_a_reminder_separates_lead_from_cooperating_and_names_missed_periods(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    data = demo_ctx.letters.preview_remind(agency(demo_ctx, "Sở Nội vụ"), AS_OF)
    assert data.overdue_lead and data.overdue_cooperating
    out = tmp_path / "nv.docx"
    demo_ctx.letters.remind(agency(demo_ctx, "Sở Nội vụ"), AS_OF, LetterFormat.STATE, out)
    text = _text(out)
    assert (
        f"còn {len(data.overdue_lead):02d} nhiệm vụ được giao chủ trì và "
        f"{len(data.overdue_cooperating):02d} nhiệm vụ được giao phối hợp" in text
    )
    assert "1. Nhiệm vụ do Sở Nội vụ chủ trì đã quá hạn" in text
    assert "2. Nhiệm vụ Sở Nội vụ phối hợp thực hiện đã quá hạn" in text
    recurring = [x for x in data.overdue if x.missed_note]
    for line in recurring:
        assert re.fullmatch(
            r"chưa báo cáo (tháng|quý|năm) [\d, /]+|chưa báo cáo \d+ kỳ, từ .+", line.missed_note
        )


def test_remind_all_writes_to_groups_and_says_what_it_left_out(demo_ctx: AppContext, tmp_path: Path) -> None:
    with demo_ctx.db.reading() as s:
        groups = dict((name, gid) for gid, name in groups_with_overdue(s, AS_OF, 7))
    assert "Các sở, ban, ngành" in groups
    gen = demo_ctx.letters.remind_all(AS_OF, LetterFormat.STATE, tmp_path)
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        batch = stop.value.value
    assert batch.uncovered == ()
    group_letter = tmp_path / f"don-doc-cac-so-ban-nganh-{AS_OF.isoformat()}.docx"
    assert group_letter in [r.path for r in batch]
    text = _text(group_letter)
    assert "Kính gửi: Các sở, ban, ngành." in text and "đề nghị các sở, ban, ngành" in text
    assert len({r.path for r in batch}) == len(batch) == len({r.number for r in batch})
    rows = demo_ctx.letters.list_letters()
    assert "Các sở, ban, ngành" in {r.recipient for r in rows}


# -- what prints -------------------------------------------------------------------------------


def test_file_properties_name_the_issuer_the_subject_and_today(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    demo_ctx.letters.assign(directive(demo_ctx, "420-CV/TU"), out, LetterFormat.STATE)
    props = Document(str(out)).core_properties
    assert props.author == demo_ctx.letters.issuer(LetterFormat.STATE).short_name
    assert props.title.startswith("V/v triển khai thực hiện")
    assert props.created is not None and props.created.date() == datetime.now().date()
    assert "python-docx" not in (props.author + props.last_modified_by + props.comments)


def test_no_empty_paragraph_can_spill_onto_a_blank_page(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    demo_ctx.letters.assign(directive(demo_ctx, "420-CV/TU"), out, LetterFormat.STATE)
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    # the paragraph carrying the section break after the signature table is 1 pt high
    breaks = re.findall(r"</w:tbl><w:p><w:pPr>((?:(?!</w:p>).)*?<w:sectPr.*?)</w:pPr></w:p>", xml)
    assert breaks, "a section break right after the signature table"
    for ppr in breaks:
        assert 'w:line="20" w:lineRule="exact"' in ppr and 'w:sz w:val="2"' in ppr
    # and the body does not end with a table (Word adds a full line there)
    assert not re.search(r"</w:tbl><w:sectPr", xml)


def test_group_headings_of_the_appendix_keep_with_the_next_row(demo_ctx: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    demo_ctx.letters.assign(directive(demo_ctx, "125/KH-BCĐ"), out)
    doc = Document(str(out))
    table = doc.tables[-1]
    heads = [row for row in table.rows if len({id(c._tc) for c in row.cells}) == 1]
    assert heads, "the appendix has group rows"
    for row in heads:
        assert row.cells[0].paragraphs[0].paragraph_format.keep_with_next, row.cells[0].text


def test_assignment_recipients_list_a_group_and_not_its_members_again(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    data = demo_ctx.letters.preview_assign(directive(demo_ctx, "125/KH-BCĐ"))
    assert "Các sở, ban, ngành" in data.recipients
    assert not [r for r in data.recipients if r.startswith("Sở ")], data.recipients


def test_stored_control_characters_do_not_break_a_letter(demo_ctx: AppContext, tmp_path: Path) -> None:
    from app.letters.issuers import Issuer

    issuer = demo_ctx.letters.issuer(LetterFormat.STATE)
    with demo_ctx.db.transaction() as s:  # as a legacy .xls import would have stored them
        from sqlalchemy import text

        s.execute(text("UPDATE task SET content = content || char(11) || 'x' || char(31)"))
    assert isinstance(issuer, Issuer)
    out = tmp_path / "cc.docx"
    demo_ctx.letters.assign(directive(demo_ctx, "420-CV/TU"), out, LetterFormat.STATE)
    assert "\x0b" not in _text(out) and "x" in _text(out)


def test_templates_hold_no_control_logic() -> None:
    for name in (
        "don-doc-nha-nuoc.docx",
        "don-doc-dang.docx",
        "trien-khai-nha-nuoc.docx",
        "trien-khai-dang.docx",
    ):
        xml = zipfile.ZipFile(templates_dir() / name).read("word/document.xml").decode()
        assert "{%" not in xml, name
        names = set(re.findall(r"\{\{ *([a-z_]+) *\}\}", xml))
        assert names and all(re.fullmatch(r"[a-z_]+", n) for n in names)
        assert not names & {"issuer", "number_line", "date_line", "recipient_lines"}, names


# -- the register never disagrees with the files ---------------------------------------------------


def test_an_existing_file_is_never_overwritten_by_a_new_number(demo_ctx: AppContext, tmp_path: Path) -> None:
    L = demo_ctx.letters
    out = tmp_path / "a.docx"
    first = L.assign(directive(demo_ctx, "420-CV/TU"), out, LetterFormat.STATE).value
    before = out.read_bytes()
    with pytest.raises(UserError, match="đã có"):
        L.assign(directive(demo_ctx, "420-CV/TU"), out, LetterFormat.STATE)
    assert out.read_bytes() == before and len(L.list_letters()) == 1
    again = L.assign(directive(demo_ctx, "420-CV/TU"), out, LetterFormat.STATE, replace=True).value
    assert again.number == first.number and again.letter_id == first.letter_id
    assert len(L.list_letters()) == 1
    stranger = tmp_path / "stranger.docx"
    stranger.write_bytes(b"not a letter")
    with pytest.raises(UserError, match="không phải một văn bản trong Sổ"):
        L.assign(directive(demo_ctx, "420-CV/TU"), stranger, LetterFormat.STATE, replace=True)
    assert stranger.read_bytes() == b"not a letter"


def test_a_letter_dated_before_the_last_number_is_refused(demo_ctx: AppContext, tmp_path: Path) -> None:
    L = demo_ctx.letters
    L.remind(agency(demo_ctx, "Công an tỉnh"), AS_OF, LetterFormat.STATE, tmp_path / "a.docx")
    with pytest.raises(UserError, match="đã cấp số 01/BCĐ-SKHCN ngày 24/11/2026"):
        L.remind(agency(demo_ctx, "Công an tỉnh"), date(2026, 7, 1), LetterFormat.STATE, tmp_path / "b.docx")
    assert not (tmp_path / "b.docx").exists() and len(L.list_letters()) == 1
    # the Party register is its own sequence
    L.remind(agency(demo_ctx, "Công an tỉnh"), date(2026, 7, 1), LetterFormat.PARTY, tmp_path / "c.docx")


def test_the_register_reprints_a_lost_file_and_exports_to_excel(demo_ctx: AppContext, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    L = demo_ctx.letters
    first = L.remind(agency(demo_ctx, "Công an tỉnh"), AS_OF, LetterFormat.STATE, tmp_path / "r.docx").value
    first.path.unlink()  # lost
    again = L.reprint(first.letter_id).value
    assert again.number == first.number and again.path.exists() and len(L.list_letters()) == 1
    out = L.export_register(tmp_path / "so.xlsx")
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]][:5] == ["Số, ký hiệu", "Ngày", "Loại", "Thể thức", "Kính gửi"]
    assert ws["A2"].value == first.number and ws["E2"].value == "Công an tỉnh"
    folder = L.templates_folder()
    assert folder.name == "mau-van-ban" and (folder / "mau-goc" / "don-doc-nha-nuoc.docx").is_file()
    assert not (folder / "don-doc-nha-nuoc.docx").exists(), "originals are not used until copied up"
