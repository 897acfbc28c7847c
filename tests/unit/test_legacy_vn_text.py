"""TCVN3 and VNI mojibake back to Unicode, and real Unicode left alone."""

from __future__ import annotations

import pytest

from models.legacy_vn_text import Encoding, convert, convert_as, detect, detect_encoding, to_tcvn3, to_vni

PHRASES = [
    "Sở Khoa học và Công nghệ",
    "Văn phòng Tỉnh ủy",
    "Xây dựng, ban hành kế hoạch hoạt động năm 2026",
    "Theo dõi, đôn đốc, tổng hợp tình hình thực hiện",
    "Trước ngày 09 hằng tháng",
    "Bảo đảm an toàn thông tin, an ninh mạng",
    "Hướng dẫn xây dựng dự toán kinh phí",
    "Phủ sóng di động 5G, xóa điểm lõm sóng",
    "Làm sạch, đồng bộ dữ liệu dân cư",
    "Nâng cấp phòng họp trực tuyến cấp xã",
    "Tỷ lệ hộ gia đình có kết nối Internet băng rộng cáp quang",
    "Ngân hàng Nhà nước chi nhánh khu vực 12",
    "Nguyễn Văn Đức, Trưởng phòng",
]


def test_the_issue_example() -> None:
    assert convert("Së Khoa häc") == ("Sở Khoa học", Encoding.TCVN3)


@pytest.mark.parametrize("text", PHRASES)
def test_tcvn3_round_trip(text: str) -> None:
    legacy = to_tcvn3(text)
    assert legacy != text
    assert convert(legacy) == (text, Encoding.TCVN3)


@pytest.mark.parametrize("text", PHRASES)
def test_vni_round_trip(text: str) -> None:
    legacy = to_vni(text)
    assert legacy != text
    assert convert(legacy) == (text, Encoding.VNI)


@pytest.mark.parametrize(
    "text",
    [
        *PHRASES,
        "Công an",
        "buôn bán",
        "Hoà Bình",
        "thuê nhà",
        "Café",
        "Zürich",
        "naïve",
        "«Đề án 06»",
        "«ABC»",
        "Tốp 15",
        "DTI 2025",
        "",
        "   ",
    ],
)
def test_unicode_is_never_converted(text: str) -> None:
    assert convert(text) == (text, None)
    assert detect(text) is None


def test_capitals_typed_with_the_vntimeh_font_come_back_as_capitals() -> None:
    assert convert("CHØ TI£U PH¸T TRIÓN")[0] == "CHỈ TIÊU PHÁT TRIỂN"


def test_whole_sheet_decides_ambiguous_short_cells() -> None:
    # "bé" is a Unicode word and also TCVN3 for "bộ"; the sheet around it settles which.
    texts = [to_tcvn3(p) for p in PHRASES] + ["bé"]
    encoding = detect_encoding(texts)
    assert encoding is Encoding.TCVN3
    assert convert_as("bé", encoding) == "bộ"
    assert convert("bé") == ("bé", None)


def test_whole_sheet_of_unicode_is_not_legacy() -> None:
    assert detect_encoding([*PHRASES, "bé", "Café"]) is None
    assert detect_encoding(to_vni(p) for p in PHRASES) is Encoding.VNI


def test_convert_as_leaves_unicode_cells_of_a_legacy_sheet() -> None:
    assert convert_as("Sở Nội vụ", Encoding.TCVN3) == "Sở Nội vụ"
    assert convert_as("2026", Encoding.VNI) == "2026"
