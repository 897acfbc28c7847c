"""Dates, numbers and periods as the two formats spell them."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from models.vn_dates import (
    DATE_LINE,
    PARTY_NUMBER,
    STATE_NUMBER,
    LetterFormat,
    PeriodKind,
    date_line,
    full_number,
    long_date,
    number_line,
    numbering_period,
    numbering_series,
    parse_period,
    short_date,
    symbol_for,
)

S, P = LetterFormat.STATE, LetterFormat.PARTY


@pytest.mark.parametrize(
    ("d", "text"),
    [
        (date(2026, 1, 5), "Hưng Yên, ngày 05 tháng 01 năm 2026"),
        (date(2026, 4, 17), "Hưng Yên, ngày 17 tháng 4 năm 2026"),
        (date(2026, 2, 28), "Hưng Yên, ngày 28 tháng 02 năm 2026"),
        (date(2026, 12, 9), "Hưng Yên, ngày 09 tháng 12 năm 2026"),
        (date(2026, 3, 1), "Hưng Yên, ngày 01 tháng 3 năm 2026"),
        (date(2026, 10, 31), "Hưng Yên, ngày 31 tháng 10 năm 2026"),
        (date(2026, 11, 10), "Hưng Yên, ngày 10 tháng 11 năm 2026"),
    ],
)
def test_date_line_leading_zero_rule(d: date, text: str) -> None:
    assert date_line("Hưng Yên", d) == text
    assert DATE_LINE.match(text)


def test_every_day_of_a_year_matches_the_checklist_regex() -> None:
    d = date(2028, 1, 1)
    while d.year == 2028:
        assert DATE_LINE.match(date_line("Hà Nội", d)), d
        d = date.fromordinal(d.toordinal() + 1)


def test_short_and_long_dates_follow_the_same_rule() -> None:
    assert short_date(date(2025, 4, 1)) == "01/4/2025"
    assert short_date(date(2026, 1, 14)) == "14/01/2026"
    assert short_date(date(2026, 2, 27)) == "27/02/2026"
    assert long_date(date(2026, 6, 7)) == "ngày 07 tháng 6 năm 2026"


def test_state_numbers() -> None:
    assert number_line(S, 125, symbol_for(S, "KH", "BCĐ")) == "Số: 125/KH-BCĐ"
    assert number_line(S, 5, symbol_for(S, "CV", "SKHCN", "VP")) == "Số: 05/SKHCN-VP"
    assert number_line(S, 12, symbol_for(S, "CV", "UBND", "VX")) == "Số: 12/UBND-VX"
    assert full_number(S, 3, symbol_for(S, "BC", "BCĐ")) == "03/BC-BCĐ"
    for text in ("Số: 125/KH-BCĐ", "Số: 05/SKHCN-VP", "Số: 03/BC-BCĐ", "Số: 01/BCĐ-SKHCN"):
        assert STATE_NUMBER.match(text), text


def test_party_numbers() -> None:
    assert number_line(P, 420, symbol_for(P, "CV", "TU")) == "Số 420-CV/TU"
    assert number_line(P, 36, symbol_for(P, "HD", "VPTW")) == "Số 36-HD/VPTW"
    assert number_line(P, 1, symbol_for(P, "BC", "BCĐ")) == "Số 01-BC/BCĐ"
    for text in ("Số 420-CV/TU", "Số 36-HD/VPTW", "Số 01-BC/BCĐ"):
        assert PARTY_NUMBER.match(text), text
    assert not PARTY_NUMBER.match("Số: 420-CV/TU")
    assert not STATE_NUMBER.match("Số 420-CV/TU")


def test_numbering_periods_and_series() -> None:
    assert numbering_period(S, date(2026, 12, 31)) == "2026"
    assert numbering_period(S, date(2027, 1, 1)) == "2027"
    assert numbering_period(P, date(2027, 1, 1), "2025-2030") == "2025-2030"
    assert numbering_period(P, date(2027, 1, 1), "") == "2027"
    assert numbering_series(S, "CV") == numbering_series(S, "BC") == ""
    assert numbering_series(P, "CV") != numbering_series(P, "BC")


@pytest.mark.parametrize(
    ("code", "kind", "start", "end", "label"),
    [
        ("2026-06", PeriodKind.MONTH, date(2026, 5, 8), date(2026, 6, 7), "tháng 6 năm 2026"),
        ("2026-1", PeriodKind.MONTH, date(2025, 12, 8), date(2026, 1, 7), "tháng 1 năm 2026"),
        ("2026-03", PeriodKind.MONTH, date(2026, 2, 8), date(2026, 3, 7), "tháng 3 năm 2026"),
        ("2026-Q2", PeriodKind.QUARTER, date(2026, 3, 8), date(2026, 6, 7), "quý II năm 2026"),
        ("2026-q1", PeriodKind.QUARTER, date(2025, 12, 8), date(2026, 3, 7), "quý I năm 2026"),
        ("2026-Q4", PeriodKind.QUARTER, date(2026, 9, 8), date(2026, 12, 7), "quý IV năm 2026"),
        ("2026", PeriodKind.YEAR, date(2025, 12, 8), date(2026, 12, 7), "năm 2026"),
    ],
)
def test_periods(code: str, kind: PeriodKind, start: date, end: date, label: str) -> None:
    p = parse_period(code)
    assert (p.kind, p.start, p.end, p.label) == (kind, start, end, label)


def test_consecutive_months_tile_the_year() -> None:
    months = [parse_period(f"2026-{m:02d}") for m in range(1, 13)]
    for a, b in itertools.pairwise(months):
        assert (b.start - a.end).days == 1
    assert months[0].start == parse_period("2026").start and months[-1].end == parse_period("2026").end


@pytest.mark.parametrize(
    "bad", ["", "2026-13", "2026-00", "2026-Q5", "26-06", "2026/06", "abc", "2026-06-01"]
)
def test_bad_periods_are_refused_in_vietnamese(bad: str) -> None:
    with pytest.raises(ValueError, match=r"(Kỳ báo cáo|Tháng)"):
        parse_period(bad)


def test_indicator_periods_of_a_quarter() -> None:
    assert parse_period("2026-Q3").indicator_periods() == ("2026-Q3", "2026-07", "2026-08", "2026-09")
    assert parse_period("2026-06").indicator_periods() == ("2026-06",)
