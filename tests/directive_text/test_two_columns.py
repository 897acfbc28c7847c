"""A two-column header / signature table read across (PDF text layer, Word header table copied):
the right column's motto, Party name and place-date are cut out, the left column kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.appendix.parse import default_catalogue
from app.directive_text.parse import parse_file
from models.directive_text.cleanup import (
    clean_text,
    cut_right_column,
    cut_signature_line,
    split_header_columns,
)
from models.directive_text.header import read_header
from models.directive_text.reader import read_directive

LETTERS = Path(__file__).resolve().parent / "letters"
CAT = default_catalogue()
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


@pytest.mark.parametrize(
    "line",
    [
        f"ỦY BAN NHÂN DÂN\t{MOTTO}",
        f"ỦY BAN NHÂN DÂN\t\t\t{MOTTO}",
        f"ỦY BAN NHÂN DÂN   {MOTTO}",
        f"ỦY BAN NHÂN DÂN                    {MOTTO}",
        f"ỦY BAN NHÂN DÂN {MOTTO}",
        f"ỦY BAN NHÂN DÂN{MOTTO}",
        "ỦY BAN NHÂN DÂN    CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ],
)
def test_state_motto_cut_whatever_separates_the_columns(line: str) -> None:
    left, right = cut_right_column(line)
    assert left == "ỦY BAN NHÂN DÂN"
    assert len(right) == 1 and right[0].replace("HOÀ", "HÒA") == MOTTO


def test_party_name_cut_from_the_issuer() -> None:
    assert cut_right_column("TỈNH ỦY HƯNG YÊN        ĐẢNG CỘNG SẢN VIỆT NAM") == (
        "TỈNH ỦY HƯNG YÊN",
        ["ĐẢNG CỘNG SẢN VIỆT NAM"],
    )
    assert cut_right_column("TỈNH ỦY HƯNG YÊNĐẢNG CỘNG SẢN VIỆT NAM")[0] == "TỈNH ỦY HƯNG YÊN"


@pytest.mark.parametrize("sep", ["\t", "     ", " ", ""])
def test_independence_line_cut(sep: str) -> None:
    left, right = cut_right_column(f"TỈNH NINH BÌNH{sep}Độc lập - Tự do - Hạnh phúc")
    assert (left, right) == ("TỈNH NINH BÌNH", ["Độc lập - Tự do - Hạnh phúc"])


def test_rule_under_the_name_goes_with_the_cut() -> None:
    assert (
        cut_right_column("TỈNH NINH BÌNH      Độc lập - Tự do - Hạnh phúc\t---------------")[0]
        == "TỈNH NINH BÌNH"
    )


@pytest.mark.parametrize(
    ("line", "left", "right"),
    [
        ("Số: 1587 /UBND-KGVX\tNinh Bình, ngày 12 tháng 3 năm 2026", "Số: 1587 /UBND-KGVX",
         "Ninh Bình, ngày 12 tháng 3 năm 2026"),
        ("Số: 1587 /UBND-KGVX        Ninh Bình, ngày 12 tháng 3 năm 2026", "Số: 1587 /UBND-KGVX",
         "Ninh Bình, ngày 12 tháng 3 năm 2026"),
        ("Số: 1587 /UBND-KGVX Ninh Bình, ngày 12 tháng 3 năm 2026", "Số: 1587 /UBND-KGVX",
         "Ninh Bình, ngày 12 tháng 3 năm 2026"),
        ("Số: 1587/UBND-KGVXNinh Bình, ngày 12 tháng 3 năm 2026", "Số: 1587/UBND-KGVX",
         "Ninh Bình, ngày 12 tháng 3 năm 2026"),
        ("Số 420-CV/TU Hưng Yên, ngày 17 tháng 4 năm 2026", "Số 420-CV/TU",
         "Hưng Yên, ngày 17 tháng 4 năm 2026"),
        ("Số: 05/UBND-VX   Bà Rịa - Vũng Tàu, ngày 05 tháng 5 năm 2026", "Số: 05/UBND-VX",
         "Bà Rịa - Vũng Tàu, ngày 05 tháng 5 năm 2026"),
        ("Số: 05/UBND-VX TP. Hồ Chí Minh, ngày 05 tháng 5 năm 2026", "Số: 05/UBND-VX",
         "TP. Hồ Chí Minh, ngày 05 tháng 5 năm 2026"),
        ("Số: /KH-SKHCN    Nghệ An, ngày    tháng 3 năm 2026", "Số: /KH-SKHCN",
         "Nghệ An, ngày tháng 3 năm 2026"),
    ],
)  # fmt: skip
def test_place_date_cut_from_the_number_line(line: str, left: str, right: str) -> None:
    assert cut_right_column(line) == (left, [right])


def test_line_without_right_column_is_kept_whole() -> None:
    line = "V/v triển khai thực hiện Nghị quyết số 57-NQ/TW"
    assert cut_right_column(line) == (line, [])
    assert split_header_columns([line, "Nghị quyết"]) == [line, "Nghị quyết"]


def test_motto_split_over_two_lines() -> None:
    lines = [
        "ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
        "TỈNH NINH BÌNH                  VIỆT NAM",
        "Số: 1587/UBND-KGVX      Độc lập - Tự do - Hạnh phúc",
    ]
    out = split_header_columns(lines)
    assert MOTTO in out and "ỦY BAN NHÂN DÂN" in out and "TỈNH NINH BÌNH" in out
    assert "Số: 1587/UBND-KGVX" in out and "Độc lập - Tự do - Hạnh phúc" in out


def test_header_split_puts_the_right_column_before_the_left() -> None:
    lines = [
        f"ỦY BAN NHÂN DÂN    {MOTTO}",
        "V/v triển khai    Ninh Bình, ngày 12 tháng 3 năm 2026",
        "thực hiện",
    ]
    assert split_header_columns(lines) == [
        MOTTO,
        "Ninh Bình, ngày 12 tháng 3 năm 2026",
        "ỦY BAN NHÂN DÂN",
        "V/v triển khai",
        "thực hiện",
    ]


def test_body_is_left_alone() -> None:
    body = "Kính gửi: Các sở    Hà Nội, ngày 12 tháng 3 năm 2026"
    assert split_header_columns(["ỦY BAN NHÂN DÂN", body]) == ["ỦY BAN NHÂN DÂN", body]


@pytest.mark.parametrize(
    ("line", "left", "right"),
    [
        ("Nơi nhận:                                      KT. CHỦ TỊCH", "Nơi nhận:", "KT. CHỦ TỊCH"),
        ("Nơi nhận:\tKT. CHỦ TỊCH", "Nơi nhận:", "KT. CHỦ TỊCH"),
        ("Nơi nhận: KT. CHỦ TỊCH", "Nơi nhận:", "KT. CHỦ TỊCH"),
        ("- Như trên;                                    PHÓ CHỦ TỊCH", "- Như trên;", "PHÓ CHỦ TỊCH"),
        ("- Như trên; PHÓ CHỦ TỊCH", "- Như trên;", "PHÓ CHỦ TỊCH"),
        ("                                               Nguyễn Văn Hùng", "", "Nguyễn Văn Hùng"),
        ("- Lưu: VT, KGVX.", "- Lưu: VT, KGVX.", ""),
        ("- Chủ tịch, các PCT UBND tỉnh;", "- Chủ tịch, các PCT UBND tỉnh;", ""),
    ],
)
def test_signature_line_split(line: str, left: str, right: str) -> None:
    assert cut_signature_line(line) == (left, right)


def test_signature_without_separators_reads_as_one_column() -> None:
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH NINH BÌNH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 1587/UBND-KGVX Ninh Bình, ngày 12 tháng 3 năm 2026\nV/v triển khai\n\n"
        "Nơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT, KGVX.\n\nNguyễn Văn Hùng\n"
    )
    h = read_header(clean_text(text))
    assert h.issuer == "Ủy ban nhân dân tỉnh Ninh Bình" and h.number == "1587/UBND-KGVX"
    assert h.place == "Ninh Bình" and h.issued_on is not None and h.issued_on.isoformat() == "2026-03-12"
    assert h.signing_authority == "K/T Chủ tịch" and h.signer_title == "Phó Chủ tịch"
    assert h.signer == "Nguyễn Văn Hùng" and h.copies_to == ["Như trên", "Lưu: VT, KGVX"]


def test_party_letter_read_across() -> None:
    text = (
        "TỈNH ỦY HƯNG YÊN\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 420-CV/TU\tHưng Yên, ngày 17 tháng 4 năm 2026\n"
        "V/v thực hiện\n"
    )
    h = read_header(clean_text(text))
    assert (h.issuer, h.number, h.place) == ("Tỉnh ủy Hưng Yên", "420-CV/TU", "Hưng Yên")


def test_ninh_binh_two_columns_reads_like_one_column() -> None:
    two = parse_file(LETTERS / "cv-ninhbinh.txt", CAT).to_json()
    one = parse_file(LETTERS / "cv-nb2.txt", CAT).to_json()
    assert two == one
    assert two["issuer"] == "Ủy ban nhân dân tỉnh Ninh Bình" and two["date"] == "2026-03-12"
    assert two["place"] == "Ninh Bình" and two["signing_authority"] == "K/T Chủ tịch"
    assert two["signer_title"] == "Phó Chủ tịch" and two["signer"] == "Nguyễn Văn Hùng"
    assert two["notes"] == [] and len(two["tasks"]) == 5


def test_unread_header_says_so() -> None:
    draft = read_directive(
        "Một đoạn văn bản không có phần đầu.\n\n1. Giao Sở Tài chính chủ trì bố trí kinh phí.\n", CAT
    )
    assert any(n.startswith("không đọc được phần đầu văn bản: ") for n in draft.notes)
    assert any("số, ký hiệu" in n for n in draft.notes)


def test_motto_left_in_the_issuer_is_noted() -> None:
    from models.directive_text.header import Header
    from models.directive_text.reader import header_notes

    notes = header_notes(Header(number="1/UBND", issuer="Ủy ban nhân dân cộng hòa xã hội chủ nghĩa Việt Nam"))
    assert notes and "quốc hiệu" in notes[0]
