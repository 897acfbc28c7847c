"""models/periods.py: periods typed as people write them, shown in Vietnamese, stored as codes."""

from __future__ import annotations

import pytest

from models.periods import Period, PeriodError, PeriodKind, current_quarter, parse_period, period_label

READ = [
    # quarters
    ("Quý 3/2026", "2026-Q3"),
    ("quý 3/2026", "2026-Q3"),
    ("quy 3/2026", "2026-Q3"),
    ("quý III/2026", "2026-Q3"),
    ("Quý IV/2026", "2026-Q4"),
    ("quý I/2026", "2026-Q1"),
    ("quý II - 2026", "2026-Q2"),
    ("Quý 3 năm 2026", "2026-Q3"),
    ("Q3/2026", "2026-Q3"),
    ("q3-2026", "2026-Q3"),
    ("Q3 2026", "2026-Q3"),
    ("2026-Q3", "2026-Q3"),
    ("2026-q3", "2026-Q3"),
    # months
    ("Tháng 8/2026", "2026-08"),
    ("tháng 8 năm 2026", "2026-08"),
    ("thang 08/2026", "2026-08"),
    ("T8/2026", "2026-08"),
    ("t12/2026", "2026-12"),
    ("08/2026", "2026-08"),
    ("8/2026", "2026-08"),
    ("8-2026", "2026-08"),
    ("2026-08", "2026-08"),
    ("2026-8", "2026-08"),
    # half years
    ("6 tháng đầu năm 2026", "2026-H1"),
    ("6 tháng cuối năm 2026", "2026-H2"),
    ("6 THÁNG ĐẦU NĂM 2026", "2026-H1"),
    ("6 thang dau nam 2026", "2026-H1"),
    ("6 tháng đầu 2026", "2026-H1"),
    ("H1/2026", "2026-H1"),
    ("h2-2026", "2026-H2"),
    ("2026-H2", "2026-H2"),
    # years
    ("Năm 2026", "2026"),
    ("năm 2026", "2026"),
    ("nam 2026", "2026"),
    ("2026", "2026"),
    ("  Quý 3/2026  ", "2026-Q3"),
    ("Quý 3 – 2026", "2026-Q3"),
]


@pytest.mark.parametrize(("typed", "code"), READ)
def test_lenient_forms_are_read(typed: str, code: str) -> None:
    assert parse_period(typed).code == code


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("2026-Q3", "Quý 3/2026"),
        ("2026-08", "Tháng 8/2026"),
        ("2026-01", "Tháng 1/2026"),
        ("2026-H1", "6 tháng đầu năm 2026"),
        ("2026-H2", "6 tháng cuối năm 2026"),
        ("2026", "Năm 2026"),
    ],
)
def test_labels_and_round_trip(code: str, label: str) -> None:
    assert period_label(code) == label
    assert parse_period(label).code == code  # what is shown can be typed back


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("2026-13", "Tháng 13"),
        ("13/2026", "Tháng 13"),
        ("T0/2026", "Tháng 0"),
        ("Q5/2026", "Quý 5"),
        ("quý V/2026", "không đọc được"),
        ("2026-Q0", "Quý 0"),
        ("H3/2026", "Nửa năm 3"),
        ("1899", "Năm 1899"),
        ("Quý 3", "không đọc được"),
        ("3/11/2026", "không đọc được"),
        ("", "không đọc được"),
        ("abc", "không đọc được"),
        ("Q3/26", "không đọc được"),
    ],
)
def test_bad_periods_are_refused_in_vietnamese(typed: str, words: str) -> None:
    with pytest.raises(PeriodError, match=words):
        parse_period(typed)
    assert issubclass(PeriodError, ValueError)


def test_an_unreadable_stored_code_is_shown_as_it_is() -> None:
    assert period_label("2026-X9") == "2026-X9"
    assert period_label("") == ""


def test_order_by_end_then_length() -> None:
    codes = ["2026", "2026-H1", "2026-Q2", "2026-06", "2026-Q3", "2026-08", "2025", "2026-H2"]
    ordered = sorted(codes, key=lambda c: parse_period(c).sort_key())
    assert ordered == ["2025", "2026-06", "2026-Q2", "2026-H1", "2026-08", "2026-Q3", "2026-H2", "2026"]


def test_months_of_each_kind() -> None:
    assert (
        Period(2026, PeriodKind.QUARTER, 3).first_month,
        Period(2026, PeriodKind.QUARTER, 3).last_month,
    ) == (
        7,
        9,
    )
    assert (Period(2026, PeriodKind.HALF, 2).first_month, Period(2026, PeriodKind.HALF, 2).last_month) == (
        7,
        12,
    )
    assert (Period(2026, PeriodKind.YEAR).first_month, Period(2026, PeriodKind.YEAR).last_month) == (1, 12)
    with pytest.raises(PeriodError):
        Period(2026, PeriodKind.MONTH, 13)


@pytest.mark.parametrize(("month", "quarter"), [(1, 1), (3, 1), (4, 2), (9, 3), (10, 4), (12, 4)])
def test_current_quarter(month: int, quarter: int) -> None:
    assert current_quarter(2026, month) == Period(2026, PeriodKind.QUARTER, quarter)
    assert current_quarter(2026, month).label == f"Quý {quarter}/2026"
