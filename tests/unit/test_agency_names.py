"""Splitting lead/cooperating cells into names and matching them to the catalogue."""

from __future__ import annotations

import pytest

from models.agency_names import (
    Catalogue,
    Entry,
    clean_name,
    match_name,
    name_key,
    split_names,
    split_roles,
)

CATALOGUE = Catalogue(
    [
        Entry("Sở Khoa học và Công nghệ", ("Sở KH&CN", "Sở KHCN", "SKHCN")),
        Entry("Văn phòng Ủy ban nhân dân tỉnh", ("Văn phòng UBND tỉnh",)),
        Entry("Công an tỉnh", ("CA tỉnh",)),
        Entry("Sở Nội vụ", ("SNV",)),
        Entry("Sở Tài chính"),
        Entry("Sở Tư pháp"),
        Entry("Sở Văn hóa, Thể thao và Du lịch", ("Sở VHTTDL",)),
        Entry("Sở Giáo dục và Đào tạo", ("Sở GD&ĐT",)),
        Entry("Báo và Phát thanh, Truyền hình Hưng Yên", ("Báo và PT,TH Hưng Yên",)),
        Entry("Ban Tuyên giáo và Dân vận Tỉnh ủy", ("Ban TG&DV Tỉnh ủy",)),
        Entry("Ngân hàng Nhà nước Chi nhánh Khu vực 12"),
        Entry("Ban Quản lý các khu công nghiệp tỉnh"),
        Entry("Đảng ủy Ủy ban nhân dân tỉnh"),
        Entry("Các sở, ban, ngành", is_group=True),
        Entry("UBND các xã, phường", is_group=True),
    ]
)

SPLITS = [
    ("Sở Nội vụ", ["Sở Nội vụ"]),
    ("Sở Nội vụ; Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
    ("Sở Nội vụ;\nSở Tài chính;\nCông an tỉnh", ["Sở Nội vụ", "Sở Tài chính", "Công an tỉnh"]),
    ("Sở Nội vụ, Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
    ("Sở Nội vụ\nSở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
    ("Sở Nội vụ và Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("Sở Văn hóa, Thể thao và Du lịch, Sở Nội vụ", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ"]),
    ("Sở Nội vụ, Sở Văn hóa, Thể thao và Du lịch", ["Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch"]),
    ("Sở Nội vụ và Sở Văn hóa, Thể thao và Du lịch", ["Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch"]),
    ("Báo và Phát thanh, Truyền hình Hưng Yên", ["Báo và Phát thanh, Truyền hình Hưng Yên"]),
    ("Báo và PT,TH Hưng Yên; UBND các xã, phường", ["Báo và PT,TH Hưng Yên", "UBND các xã, phường"]),
    ("UBND các xã, phường", ["UBND các xã, phường"]),
    ("Các sở, ban, ngành", ["Các sở, ban, ngành"]),
    ("Các sở, ban, ngành, UBND các xã, phường", ["Các sở, ban, ngành", "UBND các xã, phường"]),
    ("Các sở, ban, ngành và UBND các xã, phường", ["Các sở, ban, ngành", "UBND các xã, phường"]),
    ("Sở Giáo dục và Đào tạo", ["Sở Giáo dục và Đào tạo"]),
    ("Sở Giáo dục và Đào tạo và Sở Nội vụ", ["Sở Giáo dục và Đào tạo", "Sở Nội vụ"]),
    (
        "Ban Tuyên giáo và Dân vận Tỉnh ủy, Công an tỉnh",
        ["Ban Tuyên giáo và Dân vận Tỉnh ủy", "Công an tỉnh"],
    ),
    ("- Sở Nội vụ\n- Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
    ("+ Sở Nội vụ;\n+ Công an tỉnh.", ["Sở Nội vụ", "Công an tỉnh"]),
    ("1. Sở Nội vụ\n2. Sở Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
    ("  Sở   Nội vụ ;  ", ["Sở Nội vụ"]),
    ("Sở Nội vụ; Sở Nội vụ", ["Sở Nội vụ"]),
    ("Sở KH&CN, VP UBND tỉnh", ["Sở KH&CN", "VP UBND tỉnh"]),
    ("Các phòng, ban chuyên môn", ["Các phòng, ban chuyên môn"]),
    ("Trung tâm Văn hóa và Thể thao huyện", ["Trung tâm Văn hóa và Thể thao huyện"]),
    ("Phòng Kinh tế, Phòng Nội vụ", ["Phòng Kinh tế", "Phòng Nội vụ"]),
    ("Sở Văn hóa, Thể thao\nvà Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
    ("", []),
    (";\n;", []),
]


@pytest.mark.parametrize(("cell", "names"), SPLITS, ids=[repr(c)[:40] for c, _ in SPLITS])
def test_split_names(cell: str, names: list[str]) -> None:
    assert split_names(cell, CATALOGUE) == names


MATCHES = [
    ("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"),
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("Sở KH & CN", "Sở Khoa học và Công nghệ"),
    ("Sở KH và CN", "Sở Khoa học và Công nghệ"),
    ("Sở KHCN", "Sở Khoa học và Công nghệ"),
    ("sở khoa học và công nghệ", "Sở Khoa học và Công nghệ"),
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ"),
    ("So Khoa hoc va Cong nghe", "Sở Khoa học và Công nghệ"),
    ("Sở  Khoa học   và Công nghệ ", "Sở Khoa học và Công nghệ"),
    ("Sở Khoa học & Công nghệ", "Sở Khoa học và Công nghệ"),
    ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("VPUBND tỉnh", None),
    ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Văn phòng Uỷ ban nhân dân tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("CA tỉnh", "Công an tỉnh"),
    ("Đảng ủy UBND tỉnh", "Đảng ủy Ủy ban nhân dân tỉnh"),
    ("Sở VH,TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở GDĐT", "Sở Giáo dục và Đào tạo"),
    ("BQL các KCN tỉnh", "Ban Quản lý các khu công nghiệp tỉnh"),
    ("NHNN CN KV12", "Ngân hàng Nhà nước Chi nhánh Khu vực 12"),
    ("Ủy ban nhân dân các xã, phường", "UBND các xã, phường"),
    ("các sở ban ngành", "Các sở, ban, ngành"),
    ("- Sở Tư pháp.", "Sở Tư pháp"),
]


@pytest.mark.parametrize(("written", "canonical"), MATCHES, ids=[w for w, _ in MATCHES])
def test_match_name(written: str, canonical: str | None) -> None:
    assert match_name(written, CATALOGUE).canonical == canonical


def test_groups_are_marked_as_groups() -> None:
    assert match_name("UBND các xã, phường", CATALOGUE).is_group
    assert not match_name("Sở Nội vụ", CATALOGUE).is_group


@pytest.mark.parametrize(
    ("written", "best"),
    [
        ("Sở Khoa học Công nghệ", "Sở Khoa học và Công nghệ"),
        ("Sở Nội vụu", "Sở Nội vụ"),
        ("Sở Tài chánh", "Sở Tài chính"),  # "Sở … tỉnh" is now the Sở itself (issue 11)
        ("Công an tỉnh Hưng Yên", "Công an tỉnh"),
    ],
)
def test_unknown_names_come_with_close_candidates(written: str, best: str) -> None:
    found = match_name(written, CATALOGUE)
    assert found.canonical is None
    assert found.candidates[0][0] == best
    assert all(60 <= score <= 100 for _, score in found.candidates)


def test_far_names_have_no_candidates() -> None:
    assert match_name("Phòng Kinh tế", CATALOGUE).candidates == ()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("VP Tỉnh ủy", "Văn phòng Tỉnh ủy"),
        ("BHXH tỉnh", "Bảo hiểm xã hội tỉnh"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ],
)
def test_name_key_expands_abbreviations(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_clean_name_keeps_inner_punctuation() -> None:
    assert clean_name("  • Sở Văn hóa, Thể thao và Du lịch;") == "Sở Văn hóa, Thể thao và Du lịch"


def test_a_name_beats_a_later_alias() -> None:
    cat = Catalogue([Entry("Sở Công Thương"), Entry("Sở Xây dựng", ("Sở Công Thương",))])
    assert match_name("Sở Công Thương", cat).canonical == "Sở Công Thương"


@pytest.mark.parametrize(
    ("cell", "roles"),
    [
        (
            "Sở Tài chính chủ trì, phối hợp với Sở Nội vụ, Sở Tư pháp",
            ("Sở Tài chính", "Sở Nội vụ, Sở Tư pháp"),
        ),
        ("Chủ trì: Sở Tài chính; Phối hợp: Sở Nội vụ", ("Sở Tài chính", "Sở Nội vụ")),
        ("- Chủ trì: Sở Tài chính\n- Phối hợp: Sở Nội vụ", ("Sở Tài chính", "Sở Nội vụ")),
        ("Cơ quan chủ trì: Công an tỉnh. Cơ quan phối hợp: Sở Tư pháp", ("Công an tỉnh", "Sở Tư pháp")),
        ("Sở Tài chính (chủ trì); Sở Nội vụ", ("Sở Tài chính", "Sở Nội vụ")),
        ("Sở Tài chính chủ trì; Sở Nội vụ, Sở Tư pháp phối hợp", ("Sở Tài chính", "Sở Nội vụ, Sở Tư pháp")),
        ("Sở Tài chính chủ trì phối hợp các sở, ban, ngành", ("Sở Tài chính", "các sở, ban, ngành")),
        ("UBND các xã, phường (chủ trì)", ("UBND các xã, phường", "")),
        ("Sở Tài chính, Sở Nội vụ", None),
        ("", None),
    ],
)
def test_split_roles_written_in_one_cell(cell: str, roles: tuple[str, str] | None) -> None:
    assert split_roles(cell) == roles


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Sở Tài chính (chủ trì)", "Sở Tài chính"),
        ("Công an tỉnh (PC06)", "Công an tỉnh"),
        ("SỞ TƯ PHÁP", "Sở Tư pháp"),
        ("Các sở, ngành", "Các sở, ban, ngành"),
        ("Các sở, ban, ngành tỉnh", "Các sở, ban, ngành"),
    ],
)
def test_a_trailing_remark_or_short_group_form_still_matches(written: str, canonical: str) -> None:
    assert match_name(written, CATALOGUE).canonical == canonical


def test_an_unknown_name_with_a_remark_stays_unknown() -> None:
    assert match_name("Phòng Cảnh sát (PC06)", CATALOGUE).canonical is None
