"""Vietnamese alphabetical order (models.vn_collation): the pairs users noticed, and the rules."""

from __future__ import annotations

import unicodedata

import pytest

from models.vn_collation import ALPHABET, STORED_PREFIX, sort_key, sorted_vn, stored_key


def before(a: str, b: str) -> bool:
    return sort_key(a) < sort_key(b)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # the pairs the issue names
        ("Ban Tổ chức Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy"),
        ("Dân tộc", "Đảng ủy các cơ quan tỉnh"),
        ("Đảng ủy các cơ quan tỉnh", "Ếch"),
        ("Đảng ủy các cơ quan tỉnh", "Văn phòng UBND tỉnh"),
        ("Ủy ban Mặt trận Tổ quốc tỉnh", "Văn phòng UBND tỉnh"),
        ("Uông Bí", "Ủy ban nhân dân tỉnh"),
        ("Ủy ban nhân dân tỉnh", "Ưu tiên"),
        ("dz", "đa"),
        ("Dương", "Đa"),
        # letters of their own, in alphabet order
        ("az", "ăn"),
        ("ăz", "ân"),
        ("âz", "ba"),
        ("ez", "êm"),
        ("oz", "ôm"),
        ("ôz", "ơn"),
        ("ơz", "pa"),
        ("uz", "ưa"),
        ("ưz", "va"),
        # tone is secondary: decides only between otherwise equal words
        ("ma", "mà"),
        ("mà", "mả"),
        ("mả", "mã"),
        ("mã", "má"),
        ("má", "mạ"),
        ("mạ", "mac"),
        ("Sở Tài chính", "Sở Tư pháp"),
        # case is tertiary: lower first, and only when all else is equal
        ("sở y tế", "Sở Y tế"),
        ("Sở Y tế", "sở y tếa"),
        # shorter word first; words compare before the letters that follow them
        ("Ban", "Ban Dân vận"),
        ("Ban Z", "Bana"),
        ("Sở", "Sở Công Thương"),
        # digits as numbers, and before letters
        ("Quyết định 5", "Quyết định 12"),
        ("Kế hoạch 125", "Kế hoạch 1250"),
        ("Khu 9", "Khu A"),
        ("Tổ 007", "Tổ 8"),
        ("", "a"),
    ],
)
def test_order(first: str, second: str) -> None:
    assert before(first, second)
    assert not before(second, first)


def test_the_issue_list_sorts_as_a_vietnamese_reader_expects() -> None:
    names = [
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Đảng ủy các cơ quan Đảng tỉnh",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Ban Tổ chức Tỉnh ủy",
        "Sở Xây dựng",
        "Công an tỉnh",
        "Ban Quản lý các khu công nghiệp tỉnh",
        "Sở Y tế",
        "Đài Phát thanh và Truyền hình",
        "Bộ Chỉ huy Quân sự tỉnh",
    ]
    assert sorted_vn(names) == [
        "Ban Quản lý các khu công nghiệp tỉnh",
        "Ban Tổ chức Tỉnh ủy",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "Bộ Chỉ huy Quân sự tỉnh",
        "Công an tỉnh",
        "Đài Phát thanh và Truyền hình",
        "Đảng ủy các cơ quan Đảng tỉnh",
        "Sở Xây dựng",
        "Sở Y tế",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Văn phòng Ủy ban nhân dân tỉnh",
    ]


def test_alphabet_letters_sort_in_alphabet_order() -> None:
    letters = list(ALPHABET)
    assert sorted_vn(reversed(letters)) == letters
    assert sorted_vn(x.upper() for x in reversed(letters)) == [x.upper() for x in letters]


def test_decomposed_text_and_legacy_eth_sort_as_precomposed() -> None:
    text = "Đảng ủy Khối cơ quan"
    assert sort_key(unicodedata.normalize("NFD", text)) == sort_key(text)
    assert sort_key("ðảng") == sort_key("đảng")


def test_spacing_and_punctuation_separate_words_alike() -> None:
    assert sort_key("Sở  Nội vụ") == sort_key("Sở Nội vụ") == sort_key(" Sở Nội vụ ")
    assert sort_key("Sở Nội vụ (cũ)") == sort_key("Sở Nội vụ - cũ")


def test_key_is_plain_ascii_for_vietnamese_so_sql_compares_bytes_alike() -> None:
    key = sort_key("Ưu tiên Đảng ủy 57-NQ/TW")
    assert key.isascii()
    keys = [sort_key(n) for n in ("Ân", "an", "Ăn", "ẵn", "ăn", "1", "Z")]
    assert sorted(keys) == sorted(keys, key=lambda k: k.encode("utf-8"))


def test_other_scripts_sort_after_z_and_keep_their_own_order() -> None:
    assert sorted_vn(["β", "α", "zebra"]) == ["zebra", "α", "β"]


def test_sorted_vn_takes_a_key_and_is_stable_on_ties() -> None:
    rows = [("Sở Y-tế", 1), ("Ban", 2), ("Sở Y tế", 3)]
    assert sorted_vn(rows, key=lambda r: r[0]) == [("Ban", 2), ("Sở Y-tế", 1), ("Sở Y tế", 3)]


def test_stored_key_cuts_long_text() -> None:
    long = "Xây dựng " * 40
    assert stored_key(long) == sort_key(long[:STORED_PREFIX])
    assert stored_key("Ngắn") == sort_key("Ngắn")
