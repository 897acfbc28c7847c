"""Missed periods of recurring duties, apart from the next due date (models/missed.py)."""

from __future__ import annotations

from datetime import date

import pytest

from models.deadlines import Deadline, DeadlineKind, Frequency, Recurrence, parse_deadline
from models.missed import Period, merge, missed_periods, period_of
from models.status import ReportMark, summarize

M, W, Q, H, Y = (
    Frequency.MONTHLY,
    Frequency.WEEKLY,
    Frequency.QUARTERLY,
    Frequency.HALF_YEARLY,
    Frequency.YEARLY,
)
KH125 = date(2026, 4, 10)  # the plan's date: monthly reports are owed from then on
MONTHLY_9 = parse_deadline("Trước ngày 09 hằng tháng", KH125)


def rec(freq: Frequency, day: int | None = None, **kw: object) -> Deadline:
    return Deadline("x", DeadlineKind.RECURRING, recurrence=Recurrence(freq, day=day, **kw))  # type: ignore[arg-type]


def done(received: date, occurrence: date | None = None) -> ReportMark:
    return ReportMark(occurrence, received, True)


def test_the_issue_example_seven_months_from_april() -> None:
    m = missed_periods(MONTHLY_9, [], KH125, date(2026, 11, 26))
    assert m is not None
    assert m.count == 7
    assert m.due_dates[0] == date(2026, 5, 9) and m.due_dates[-1] == date(2026, 11, 9)
    assert m.first is not None and m.first.label() == "tháng 4/2026" and m.first.key() == "2026-04"
    assert m.text() == "chưa báo cáo 7 kỳ, từ tháng 4/2026"
    assert m.next_due == date(2026, 12, 9)


def test_reports_close_the_earliest_months_first() -> None:
    reports = [done(date(2026, 5, 8)), done(date(2026, 6, 20))]  # May on time, June late
    m = missed_periods(MONTHLY_9, reports, KH125, date(2026, 11, 26))
    assert m is not None and m.count == 5
    assert m.text() == "chưa báo cáo 5 kỳ, từ tháng 6/2026"
    assert m.next_due == date(2026, 12, 9)


def test_a_report_closing_one_occurrence_but_not_the_next() -> None:
    named = [done(date(2026, 7, 1), occurrence=date(2026, 7, 9))]  # sent for July's report only
    m = missed_periods(MONTHLY_9, named, KH125, date(2026, 8, 20))
    assert m is not None
    assert m.due_dates == (date(2026, 5, 9), date(2026, 6, 9), date(2026, 8, 9))
    assert [p.label() for p in m.periods] == ["tháng 4/2026", "tháng 5/2026", "tháng 7/2026"]
    assert m.next_due == date(2026, 9, 9)


def test_all_reported_means_nothing_missed_and_the_next_date() -> None:
    reports = [done(date(2026, month, 5)) for month in range(5, 12)]
    m = missed_periods(MONTHLY_9, reports, KH125, date(2026, 11, 26))
    assert m is not None and m.count == 0 and m.first is None and m.text() == ""
    assert m.next_due == date(2026, 12, 9)


def test_a_report_sent_ahead_moves_the_next_due_date() -> None:
    reports = [done(date(2026, 4, 30), occurrence=date(2026, 5, 9))]
    m = missed_periods(MONTHLY_9, reports, KH125, date(2026, 5, 2))
    assert m is not None and m.count == 0
    assert m.next_due == date(2026, 6, 9)


def test_as_of_exactly_on_a_due_date_is_not_missed_yet() -> None:
    m = missed_periods(MONTHLY_9, [], KH125, date(2026, 6, 9))
    assert m is not None
    assert m.due_dates == (date(2026, 5, 9),)
    assert m.text() == "chưa báo cáo kỳ tháng 4/2026"
    assert m.next_due == date(2026, 6, 9)
    after = missed_periods(MONTHLY_9, [], KH125, date(2026, 6, 10))
    assert after is not None and after.count == 2 and after.next_due == date(2026, 7, 9)


def test_monthly_across_a_year_boundary() -> None:
    m = missed_periods(MONTHLY_9, [], date(2026, 11, 1), date(2027, 2, 1))
    assert m is not None
    assert [p.label() for p in m.periods] == ["tháng 10/2026", "tháng 11/2026", "tháng 12/2026"]
    assert [p.key() for p in m.periods] == ["2026-10", "2026-11", "2026-12"]
    assert m.next_due == date(2027, 2, 9)
    late_day = missed_periods(rec(M, 25), [], date(2026, 11, 1), date(2027, 2, 1))
    assert late_day is not None
    assert [p.label() for p in late_day.periods] == ["tháng 11/2026", "tháng 12/2026", "tháng 1/2027"]
    end_of_month = missed_periods(rec(M), [], date(2026, 12, 1), date(2027, 1, 31))
    assert end_of_month is not None
    assert [p.key() for p in end_of_month.periods] == ["2026-12"]
    assert end_of_month.next_due == date(2027, 1, 31)


def test_weekly() -> None:
    friday = rec(W, 4)
    m = missed_periods(friday, [done(date(2026, 3, 20))], date(2026, 3, 16), date(2026, 4, 6))
    assert m is not None
    assert m.due_dates == (date(2026, 3, 27), date(2026, 4, 3))
    assert [p.label() for p in m.periods] == ["tuần từ 23/3/2026", "tuần từ 30/3/2026"]
    assert [p.key() for p in m.periods] == ["2026-W13", "2026-W14"]
    assert m.text() == "chưa báo cáo 2 kỳ, từ tuần từ 23/3/2026"
    assert m.next_due == date(2026, 4, 10)
    monday = missed_periods(rec(W, 0), [], date(2026, 3, 16), date(2026, 3, 24))
    assert monday is not None  # a Monday report is about the week before
    assert [p.label() for p in monday.periods] == ["tuần từ 9/3/2026", "tuần từ 16/3/2026"]


def test_quarterly() -> None:
    quarterly = parse_deadline("Hằng quý", KH125)
    m = missed_periods(quarterly, [done(date(2026, 6, 28))], KH125, date(2027, 1, 15))
    assert m is not None
    assert [p.label() for p in m.periods] == ["quý 3/2026", "quý 4/2026"]
    assert [p.key() for p in m.periods] == ["2026-Q3", "2026-Q4"]
    assert m.next_due == date(2027, 3, 31)


def test_half_yearly() -> None:
    half = parse_deadline("Định kỳ 6 tháng", KH125)
    assert half.recurrence is not None and half.recurrence.freq is H
    m = missed_periods(half, [], KH125, date(2027, 7, 1))
    assert m is not None
    assert [p.label() for p in m.periods] == [
        "6 tháng đầu năm 2026",
        "6 tháng cuối năm 2026",
        "6 tháng đầu năm 2027",
    ]
    assert [p.key() for p in m.periods] == ["2026-H1", "2026-H2", "2027-H1"]
    assert m.next_due == date(2027, 12, 31)
    fifteenth = missed_periods(
        parse_deadline("Hằng 6 tháng, trước ngày 15", KH125), [], KH125, date(2027, 1, 1)
    )
    assert fifteenth is not None and fifteenth.due_dates == (date(2026, 6, 15), date(2026, 12, 15))


def test_yearly() -> None:
    january = rec(Y, 15, month=1)
    m = missed_periods(january, [], date(2026, 1, 1), date(2027, 3, 1))
    assert m is not None  # a January report is about the year before
    assert [p.label() for p in m.periods] == ["năm 2025", "năm 2026"]
    december = missed_periods(rec(Y), [], date(2026, 1, 1), date(2027, 3, 1))
    assert december is not None and [p.key() for p in december.periods] == ["2026"]


def test_until_ends_the_duty() -> None:
    bounded = rec(M, 9, until=date(2026, 8, 31))
    m = missed_periods(bounded, [], KH125, date(2026, 11, 26))
    assert m is not None and m.count == 4 and m.next_due is None


def test_count_agrees_with_status() -> None:
    """The first missed due date is the cached first_unmet that status calls overdue."""
    reports = [done(date(2026, 5, 8)), done(date(2026, 7, 1))]
    as_of = date(2026, 11, 26)
    m = missed_periods(MONTHLY_9, reports, KH125, as_of)
    progress = summarize(MONTHLY_9, reports, KH125, date(2027, 12, 31))
    assert m is not None and m.due_dates[0] == progress.first_unmet


def test_a_lead_report_covers_a_cooperating_agency() -> None:
    lead = [done(date(2026, 5, 8)), done(date(2026, 6, 8))]
    m = missed_periods(MONTHLY_9, [], KH125, date(2026, 7, 20), shared=[lead])
    assert m is not None and m.due_dates == (date(2026, 7, 9),)


def test_not_recurring_is_none() -> None:
    assert missed_periods(parse_deadline("Quý II/2026"), [], KH125, date(2026, 11, 26)) is None
    assert missed_periods(parse_deadline("Thường xuyên"), [], KH125, date(2026, 11, 26)) is None


def test_merge_of_two_leads() -> None:
    a = missed_periods(MONTHLY_9, [done(date(2026, 5, 1))], KH125, date(2026, 7, 20))
    b = missed_periods(MONTHLY_9, [done(date(2026, 5, 1)), done(date(2026, 6, 1))], KH125, date(2026, 7, 20))
    both = merge([a, b, None])
    assert both is not None and both.due_dates == (date(2026, 6, 9), date(2026, 7, 9))
    assert merge([None]) is None


@pytest.mark.parametrize(
    ("freq", "due", "label"),
    [
        (M, date(2026, 1, 9), "tháng 12/2025"),
        (M, date(2026, 1, 16), "tháng 1/2026"),
        (W, date(2026, 1, 2), "tuần từ 29/12/2025"),  # Friday of ISO week 1 of 2026
        (Q, date(2026, 3, 31), "quý 1/2026"),
        (H, date(2026, 12, 31), "6 tháng cuối năm 2026"),
        (Y, date(2026, 12, 31), "năm 2026"),
    ],
)
def test_period_of(freq: Frequency, due: date, label: str) -> None:
    assert period_of(Recurrence(freq), due).label() == label


def test_week_key_uses_iso_weeks() -> None:
    assert Period(date(2025, 12, 29), W).key() == "2026-W01"
    assert Period(date(2026, 3, 16), W).key() == "2026-W12"


def test_list_cell_and_summary() -> None:
    from models.missed import list_cell, summary

    m = missed_periods(MONTHLY_9, [], KH125, date(2026, 11, 26))
    assert m is not None
    assert list_cell(m) == "Thiếu 7 kỳ, 09/12/2026"
    assert summary(m) == "Chưa báo cáo 7 kỳ, từ tháng 4/2026 (hạn 09/05/2026); hạn tiếp theo 09/12/2026"
    nothing = missed_periods(MONTHLY_9, [], KH125, date(2026, 5, 1))
    assert nothing is not None and list_cell(nothing) == "09/05/2026"
    ended = missed_periods(rec(M, 9, until=date(2026, 6, 30)), [], KH125, date(2026, 11, 26))
    assert ended is not None and list_cell(ended) == "Thiếu 2 kỳ, hết hạn"


def test_terminal_cell_names_the_missed_period_not_only_the_next_date() -> None:
    from models.missed import terminal_cell

    half = parse_deadline("Định kỳ 6 tháng", KH125)
    m = missed_periods(half, [], KH125, date(2026, 11, 26))
    assert m is not None and m.count == 1
    # the tester read "Thiếu 1 kỳ, 31/12/2026" as the missed period being December's
    assert terminal_cell(m) == "Thiếu 1 kỳ (6 tháng đầu năm 2026), hạn tiếp theo 31/12/2026"
    several = missed_periods(MONTHLY_9, [], KH125, date(2026, 11, 26))
    assert several is not None
    assert terminal_cell(several) == "Thiếu 7 kỳ (từ tháng 4/2026), hạn tiếp theo 09/12/2026"
    nothing = missed_periods(MONTHLY_9, [], KH125, date(2026, 5, 1))
    assert nothing is not None and terminal_cell(nothing) == "09/05/2026"
