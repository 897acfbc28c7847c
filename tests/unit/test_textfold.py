from __future__ import annotations

import unicodedata

import pytest

from models.textfold import fold, fold_tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đề án", "de an"),
        ("đề ÁN", "de an"),
        ("Quý III/2026", "quy iii/2026"),
        ("  Thứ   Năm\thằng\ntuần  ", "thu nam hang tuan"),
        ("Ủy ban nhân dân tỉnh", "uy ban nhan dan tinh"),
        ("Sở Khoa học và Công nghệ", "so khoa hoc va cong nghe"),
        ("Thường xuyên", "thuong xuyen"),
        ("ĐÐđð", "dddd"),
        ("", ""),
        ("   ", ""),
        ("abc 123", "abc 123"),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


def test_fold_is_independent_of_unicode_normalization() -> None:
    text = "Hoàn thành trước Quý IV"
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


def test_fold_is_idempotent() -> None:
    once = fold("Kế hoạch số 125/KH-BCĐ")
    assert fold(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đề án", ["de", "an"]),
        ("Quý II, III/2026", ["quy", "ii", "iii", "2026"]),
        ("Sở KH&CN", ["so", "kh", "cn"]),
        ("125/KH-BCĐ", ["125", "kh", "bcd"]),
        ("snake_case-word", ["snake", "case", "word"]),
        ("", []),
        (" ,;- ", []),
    ],
)
def test_fold_tokens(text: str, expected: list[str]) -> None:
    assert fold_tokens(text) == expected
