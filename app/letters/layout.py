"""The fixed values each format picks inside the ranges the rules allow.

NĐ 30/2020 and HD 36 give ranges (13–14 pt, 20–25 mm…); a generator must pick one value
per component so every letter of a format looks the same. The template builder and the
printer both read them from here, so a template rebuilt later matches the tables the
printer adds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
    header_cols_mm=(76, 89),  # a long issuer name in 4 lines; the Quốc hiệu (12 pt) still on one
    parent_size=12,
    issuer_size=12,
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

# One profile per guidance on Party documents, so a province can switch in one place.
# HD 36-HD/VPTW (03/4/2018) is what the values above follow (shared/docs/van-ban-dang.md).
# HD 05-HD/VPTW (27/5/2026, replacing HD 36 according to third-party summaries; its text was not
# found) keeps HD 36's values until they are confirmed: the summaries agree on the margins
# (20/20/30/15 mm), 1 cm first-line indent, "." ending and "Lưu <office>." and disagree on sizes.
PARTY_PROFILES: dict[str, FormatSpec] = {"36-HD/VPTW": PARTY, "05-HD/VPTW": PARTY}
PARTY_GUIDE = "36-HD/VPTW"  # the guidance this program prints Party letters by

SPECS = {LetterFormat.STATE: STATE, LetterFormat.PARTY: PARTY_PROFILES[PARTY_GUIDE]}

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


def balanced_lines(text: str, width_mm: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into the fewest lines that fit ``width_mm``, as even as possible.

    A long issuer name ("BAN CHỈ ĐẠO … CHUYỂN ĐỔI SỐ") left to Word wraps greedily and can
    leave one word ("SỐ") alone on its last line; here every line is about as long as the
    others. The widths are estimates (``text_width_mm``), so each line keeps 5% slack."""
    words = text.split()
    if not words:
        return []
    fit = width_mm * 0.95

    def w(i: int, j: int) -> float:
        return text_width_mm(" ".join(words[i:j]), size, bold)

    n = len(words)
    for count in range(1, n + 1):
        lines = _split_evenly(words, count, w, fit)
        if lines is not None:
            return lines
    return [text]


def _split_evenly(
    words: list[str], count: int, w: Callable[[int, int], float], fit: float
) -> list[str] | None:
    """``words`` in ``count`` lines whose widest is as narrow as possible; None if one overflows."""
    n = len(words)
    best: dict[tuple[int, int], tuple[float, int]] = {}  # (lines, first word) → (widest, break)

    def solve(k: int, i: int) -> tuple[float, int]:
        if (k, i) not in best:
            found = (w(i, n), n) if k == 1 else (float("inf"), n)
            if k > 1:
                for j in range(i + 1, n - k + 2):
                    first = w(i, j)
                    if first > fit:
                        break
                    rest = solve(k - 1, j)[0]
                    if max(first, rest) < found[0]:
                        found = (max(first, rest), j)
            best[(k, i)] = found
        return best[(k, i)]

    if solve(count, 0)[0] > fit and count < n:
        return None
    lines, i = [], 0
    for k in range(count, 0, -1):
        j = solve(k, i)[1]
        lines.append(" ".join(words[i:j]))
        i = j
    return lines


_CITED_NUMBER = re.compile(r"\b(\d+)([/-])([A-ZĐ][A-Za-zĐđ0-9]*(?:[-/][A-ZĐ0-9][A-Za-zĐđ0-9]*)+)")


def nobreak_citations(text: str) -> str:
    """Hyphens inside cited numbers ("125/KH-BCĐ", "420-CV/TU") as U+2011, so the V/v line under
    the number never breaks "125/KH-" from "BCĐ"."""
    return _CITED_NUMBER.sub(lambda m: m.group(0).replace("-", "\u2011"), text)
