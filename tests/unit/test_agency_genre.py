"""Agency names as other provinces' and central plans write them (issue 11): commas inside
names, shared heads, parenthesised members, groups, spellings and pre-2025 names."""

from __future__ import annotations

import pytest

from models.agency_names import Catalogue, Entry, match_name, name_key, split_names

CATALOGUE = Catalogue(
    [
        Entry("Sở Khoa học và Công nghệ", ("Sở KH&CN",)),
        Entry("Sở Tài chính"),
        Entry("Sở Nội vụ"),
        Entry("Sở Tư pháp"),
        Entry("Sở Xây dựng"),
        Entry("Sở Nông nghiệp và Môi trường"),
        Entry("Sở Văn hóa, Thể thao và Du lịch"),
        Entry("Công an tỉnh"),
        Entry("Viettel Hưng Yên", ("Viettel",)),
        Entry("Các sở, ban, ngành", (), True),
        Entry("UBND các xã, phường", (), True),
        Entry("Các doanh nghiệp viễn thông", (), True),
    ]
)


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Bộ Văn hóa, Thể thao và Du lịch", ["Bộ Văn hóa, Thể thao và Du lịch"]),
        ("Trung tâm XTĐT, TM&DL tỉnh", ["Trung tâm XTĐT, TM&DL tỉnh"]),
        ("Bộ Văn hóa, Thể thao và Du lịch; Bộ Công an", ["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Công an"]),
        ("Các Sở: Tài chính, Nội vụ, Tư pháp", ["Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp"]),
        ("Các sở: Văn hóa, Thể thao và Du lịch, Nội vụ", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ"]),
        ("các Sở Tài chính, Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
        ("Sở Tài chính, Nội vụ, Tư pháp", ["Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp"]),
        ("Các doanh nghiệp viễn thông (Viettel, VNPT, Mobifone)", ["Viettel", "VNPT", "Mobifone"]),
        ("Công an tỉnh (PC06), Sở Nội vụ", ["Công an tỉnh (PC06)", "Sở Nội vụ"]),
        (
            "Bộ Khoa học và Công nghệ, các bộ, ngành, địa phương",
            ["Bộ Khoa học và Công nghệ", "các bộ, ngành, địa phương"],
        ),
        ("Sở Nội vụ, các sở, ngành liên quan", ["Sở Nội vụ", "các sở, ngành liên quan"]),
        ("Công an tỉnh, Mobifone", ["Công an tỉnh", "Mobifone"]),
        ("UBND các xã, phường", ["UBND các xã, phường"]),
        ("Sở Khoa học và Công nghệ (chủ trì)", ["Sở Khoa học và Công nghệ (chủ trì)"]),
    ],
)
def test_split_as_written(cell: str, names: list[str]) -> None:
    assert split_names(cell, CATALOGUE) == names


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Sở KH-CN", "Sở Khoa học và Công nghệ"),
        ("Sở KH&CN tỉnh", "Sở Khoa học và Công nghệ"),
        ("Sở KHCN", "Sở Khoa học và Công nghệ"),
        ("Sở Khoa học và Công nghệ (chủ trì)", "Sở Khoa học và Công nghệ"),
        ("Sở Tài chính tỉnh", "Sở Tài chính"),
        ("các sở, ngành liên quan", "Các sở, ban, ngành"),
        ("Các sở, ngành có liên quan", "Các sở, ban, ngành"),
        ("Viettel", "Viettel Hưng Yên"),
    ],
)
def test_spellings_meet_the_catalogue(written: str, canonical: str) -> None:
    assert match_name(written, CATALOGUE).canonical == canonical


def test_a_group_is_a_group() -> None:
    assert match_name("các sở, ngành liên quan", CATALOGUE).is_group


def test_công_an_tỉnh_keeps_its_province() -> None:
    assert name_key("Công an tỉnh") == "cong an tinh"


@pytest.mark.parametrize(
    ("written", "successor"),
    [
        ("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"),
        ("Sở TT&TT", "Sở Khoa học và Công nghệ"),
        ("Sở Kế hoạch và Đầu tư", "Sở Tài chính"),
        ("Sở KH&ĐT (chủ trì)", "Sở Tài chính"),
        ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường"),
        ("Sở TN&MT", "Sở Nông nghiệp và Môi trường"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Môi trường"),
        ("Sở Nông nghiệp và PTNT", "Sở Nông nghiệp và Môi trường"),
        ("Sở NN và PTNT", "Sở Nông nghiệp và Môi trường"),
        ("Sở NN-PTNT", "Sở Nông nghiệp và Môi trường"),
        ("Sở Giao thông vận tải", "Sở Xây dựng"),
        ("Sở GTVT", "Sở Xây dựng"),
        ("Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ"),
        ("Sở LĐTB&XH", "Sở Nội vụ"),
    ],
)
def test_former_names_are_proposed_never_applied(written: str, successor: str) -> None:
    m = match_name(written, CATALOGUE)
    assert m.canonical is None  # the user confirms; nothing is applied silently
    assert m.proposed == successor
    assert m.candidates[0] == (successor, 100.0)
    assert "2025" in m.note
    assert CATALOGUE.lookup(written) is None


def test_district_level_bodies_are_flagged_with_the_communes_proposed() -> None:
    for written in ("UBND các huyện, thị xã, thành phố", "UBND huyện Văn Lâm", "Ủy ban nhân dân cấp huyện"):
        m = match_name(written, CATALOGUE)
        assert m.canonical is None
        assert m.proposed == "UBND các xã, phường"
        assert "cấp huyện" in m.note


def test_a_catalogue_entry_may_record_its_own_former_names() -> None:
    cat = Catalogue([Entry("Sở Dân tộc và Tôn giáo", former=("Ban Dân tộc tỉnh",))])
    m = match_name("Ban Dân tộc tỉnh", cat)
    assert (m.canonical, m.proposed) == (None, "Sở Dân tộc và Tôn giáo")


def test_a_database_that_still_has_the_old_agency_matches_it() -> None:
    cat = Catalogue([Entry("Sở Thông tin và Truyền thông"), Entry("Sở Khoa học và Công nghệ")])
    m = match_name("Sở Thông tin và Truyền thông", cat)
    assert (m.canonical, m.proposed) == ("Sở Thông tin và Truyền thông", None)


def test_unknown_names_without_history_have_no_proposal() -> None:
    m = match_name("Bộ Công an", CATALOGUE)
    assert (m.canonical, m.proposed, m.note) == (None, None, "")
