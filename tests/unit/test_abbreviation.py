"""Which catalogue alias is an agency's short name (``Tên viết tắt``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.appendix.catalogue_file import read_catalogue
from models.agency_names import abbreviation
from tests.conftest import SHARED


@pytest.mark.parametrize(
    ("name", "aliases", "expected"),
    [
        ("Sở Khoa học và Công nghệ", ["Sở KH&CN", "Sở KHCN", "SKHCN", "Sở Khoa học & Công nghệ"], "Sở KH&CN"),
        ("Công an tỉnh", ["CA tỉnh", "Công an Tỉnh"], "CA tỉnh"),
        # a case variant first is skipped, the abbreviation after it is taken
        ("Công an tỉnh", ["Công an Tỉnh", "CA tỉnh"], "CA tỉnh"),
        ("Sở Nội vụ", ["SNV", "Sở Nội Vụ"], "SNV"),
        ("Sở Giáo dục và Đào tạo", ["Sở GD&ĐT", "Sở GDĐT"], "Sở GD&ĐT"),
        ("Ngân hàng Nhà nước Chi nhánh Khu vực 12", ["NHNN CN KV12"], "NHNN CN KV12"),
        ("Văn phòng Tỉnh ủy", ["VPTU", "Văn phòng Tỉnh Ủy"], "VPTU"),
        ("Sở Khoa học và Công nghệ", ["Sở Khoa học & Công nghệ"], ""),  # spelled out
        ("Thanh tra tỉnh", [], ""),
        ("VNPT Hưng Yên", [], ""),
        ("UBND", ["UBND tỉnh Hưng Yên"], ""),  # not shorter than the name
        ("Sở Y tế", ["  SYT "], "SYT"),
    ],
)
def test_rule(name: str, aliases: list[str], expected: str) -> None:
    assert abbreviation(name, aliases) == expected


def test_the_shipped_catalogue() -> None:
    """Every one of the 28 agencies whose aliases hold an abbreviation gets one; the rest none."""
    rows = read_catalogue(SHARED / "fixtures" / "appendix" / "danh-muc-co-quan.xlsx")
    short = {name: abbreviation(name, aliases) for name, aliases, _ in rows}
    assert len(short) == 28
    assert short["Sở Khoa học và Công nghệ"] == "Sở KH&CN"
    assert short["Công an tỉnh"] == "CA tỉnh"
    assert short["Văn phòng Ủy ban nhân dân tỉnh"] == "Văn phòng UBND tỉnh"
    assert short["Sở Văn hóa, Thể thao và Du lịch"] == "Sở VHTTDL"
    assert short["Đảng ủy Ủy ban nhân dân tỉnh"] == "Đảng ủy UBND tỉnh"
    assert short["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"] == "Ủy ban MTTQ Việt Nam tỉnh"
    assert short["Bảo hiểm xã hội tỉnh"] == "BHXH tỉnh"
    without = sorted(n for n, s in short.items() if not s)
    assert without == ["Thanh tra tỉnh", "Thuế tỉnh", "VNPT Hưng Yên", "Viettel Hưng Yên"]
    assert all(len(s) < len(n) for n, s in short.items() if s)


def test_shipped_catalogue_is_the_fixture() -> None:
    shipped = Path(__file__).resolve().parents[2] / "resources" / "sample" / "danh-muc-co-quan.xlsx"
    assert shipped.read_bytes() == (SHARED / "fixtures" / "appendix" / "danh-muc-co-quan.xlsx").read_bytes()
