"""The fixed values each format picks inside the ranges the rules allow.

NĐ 30/2020 and HD 36 give ranges (13–14 pt, 20–25 mm…); a generator must pick one value
per component so every letter of a format looks the same. The template builder and the
printer both read them from here, so a template rebuilt later matches the tables the
printer adds.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.vn_dates import LetterFormat

A4_WIDTH_MM = 210.0
A4_HEIGHT_MM = 297.0


@dataclass(frozen=True)
class FormatSpec:
    fmt: LetterFormat
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    header_cols_mm: tuple[float, float]  # left (issuer) and right (national/Party title) columns
    parent_size: float
    issuer_size: float
    number_size: float
    subject_size: float  # trích yếu of a công văn, in the left header cell
    subject_italic: bool
    national_size: float  # Quốc hiệu / "ĐẢNG CỘNG SẢN VIỆT NAM"
    motto_size: float  # Tiêu ngữ (state only)
    date_size: float
    title_size: float  # tên loại (BÁO CÁO)
    title_subject_size: float
    body_size: float
    table_size: float
    recipients_label_size: float
    recipients_size: float
    signature_size: float
    page_number_size: float
    item_end: str  # punctuation ending a Kính gửi / Nơi nhận item
    body_end: str  # "./." or "."

    @property
    def text_width_mm(self) -> float:
        return A4_WIDTH_MM - self.left_mm - self.right_mm

    @property
    def landscape_text_width_mm(self) -> float:
        return A4_HEIGHT_MM - self.left_mm - self.right_mm


STATE = FormatSpec(
    fmt=LetterFormat.STATE,
    top_mm=20,
    bottom_mm=20,
    left_mm=30,
    right_mm=15,
    header_cols_mm=(68, 97),
    parent_size=13,
    issuer_size=13,
    number_size=13,
    subject_size=13,
    subject_italic=False,
    national_size=12,
    motto_size=13,
    date_size=14,
    title_size=14,
    title_subject_size=14,
    body_size=14,
    table_size=12,
    recipients_label_size=12,
    recipients_size=11,
    signature_size=14,
    page_number_size=13,
    item_end=";",
    body_end="./.",
)

PARTY = FormatSpec(
    fmt=LetterFormat.PARTY,
    top_mm=20,
    bottom_mm=20,
    left_mm=30,
    right_mm=15,
    header_cols_mm=(80, 85),
    parent_size=14,
    issuer_size=14,
    number_size=14,
    subject_size=12,
    subject_italic=True,
    national_size=15,
    motto_size=15,
    date_size=14,
    title_size=16,
    title_subject_size=14,
    body_size=14,
    table_size=12,
    recipients_label_size=14,
    recipients_size=12,
    signature_size=14,
    page_number_size=14,
    item_end=",",
    body_end=".",
)

SPECS = {LetterFormat.STATE: STATE, LetterFormat.PARTY: PARTY}

FIRST_LINE_MM = 10.0  # body first-line indent: 1 cm


def spec_for(fmt: LetterFormat | str) -> FormatSpec:
    return SPECS[LetterFormat(fmt)]


# Rough advance widths of Times New Roman in ems, enough to size the short rules under the
# issuer and the Tiêu ngữ without a font file at run time (Word draws them as borders).
_NARROW = set(" .,;:'!|iljtfI-()*/")
_WIDE = set("MWmwĐƠƯ")


def text_width_mm(text: str, size: float, bold: bool = False) -> float:
    ems = 0.0
    for ch in text:
        if ch in _NARROW:
            ems += 0.28
        elif ch in _WIDE:
            ems += 0.85
        elif ch.isupper():
            ems += 0.72 if bold else 0.68
        else:
            ems += 0.5
    return ems * size * 25.4 / 72
