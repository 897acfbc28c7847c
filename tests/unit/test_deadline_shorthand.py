"""Deadline wordings a tester found misread (issue 11 defect 4, issue 14 defect 12 for the reader).

Each case is written as plans write it; the reference is the plan's issuing date.
"""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

from models.deadline_text import understood_as
from models.deadlines import DeadlineKind, Frequency, parse_deadline

REF = date(2026, 1, 5)
ONCE, MILESTONES, UNKNOWN = DeadlineKind.ONCE, DeadlineKind.MILESTONES, DeadlineKind.UNKNOWN


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Th6/2026", date(2026, 6, 30)),  # "Th" for tháng, as "T6/2026"
        ("Th.6/2026", date(2026, 6, 30)),
        ("II/2026", date(2026, 6, 30)),  # a quarter written without "quý"
        ("Hoàn thành trong IV/2026", date(2026, 12, 31)),
    ],
)
def test_short_month_and_bare_quarter(text: str, due: date) -> None:
    d = parse_deadline(text, REF)
    assert (d.kind, d.dates) == (ONCE, (due,))


@pytest.mark.parametrize(
    "text",
    [
        "Đầu năm 2027",  # which month? no date says it
        "Giữa năm 2026",
        "Đầu quý III/2026",
        "Giai đoạn II/2026",  # a stage, not a quarter
        "Từ năm 2026",  # only when work starts
    ],
)
def test_vague_parts_are_flagged_not_read_as_the_period_end(text: str) -> None:
    assert parse_deadline(text, REF).kind is UNKNOWN
    assert understood_as(text, REF) == ("Chưa hiểu được thời hạn", False)


def test_six_months_at_the_start_of_the_year_is_still_read() -> None:
    assert parse_deadline("6 tháng đầu năm 2026", REF).dates == (date(2026, 6, 30),)


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("25/12 - 5/1", date(2026, 12, 25), date(2027, 1, 5)),  # crosses the new year
        ("25/12 - 5/1/2027", date(2026, 12, 25), date(2027, 1, 5)),
        ("Từ 25/12 đến 05/01", date(2026, 12, 25), date(2027, 1, 5)),
        ("18/9 - 26/9/2026", date(2026, 9, 18), date(2026, 9, 26)),
    ],
)
def test_day_ranges_are_one_stretch_ending_on_the_last_day(text: str, start: date, due: date) -> None:
    d = parse_deadline(text, REF)
    assert (d.kind, d.start, d.dates) == (ONCE, start, (due,))


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("Tháng 6-9/2026", date(2026, 6, 1), date(2026, 9, 30)),
        ("Tháng 11/2026 - Tháng 3/2027", date(2026, 11, 1), date(2027, 3, 31)),
        ("Từ tháng 11/2026 đến tháng 3/2027", date(2026, 11, 1), date(2027, 3, 31)),
    ],
)
def test_month_ranges_read_alike_within_and_across_years(text: str, start: date, due: date) -> None:
    d = parse_deadline(text, REF)
    assert (d.kind, d.start, d.dates) == (ONCE, start, (due,))


def test_a_list_of_months_stays_milestones() -> None:
    d = parse_deadline("Tháng 6, tháng 12/2026", REF)
    assert (d.kind, d.dates) == (MILESTONES, (date(2026, 6, 30), date(2026, 12, 31)))


# -- the wordings of letters (issue 14, defect 12): the phrase reader itself ---------------------


@pytest.mark.parametrize(
    "text",
    [
        "thời gian thực hiện: năm 2026 và những năm tiếp theo",
        "Các sở, ngành triển khai thực hiện trong năm 2026 và những năm tiếp theo.",
    ],
)
def test_a_yearly_duty_from_a_year_on_inside_a_sentence(text: str) -> None:
    d = parse_deadline(text, REF)
    assert d.kind is DeadlineKind.RECURRING and d.recurrence is not None
    assert (d.recurrence.freq, d.recurrence.start) == (Frequency.YEARLY, date(2026, 1, 1))


@pytest.mark.parametrize(
    ("text", "weekday", "time"),
    [
        ("báo cáo trước 11 giờ ngày thứ 6 hằng tuần", 4, dt.time(11, 0)),
        ("vào thứ Hai hằng tuần", 0, None),
    ],
)
def test_weekly_with_its_weekday_and_hour(text: str, weekday: int, time: dt.time | None) -> None:
    d = parse_deadline(text, REF)
    assert d.recurrence is not None
    assert (d.recurrence.freq, d.recurrence.day, d.recurrence.time) == (Frequency.WEEKLY, weekday, time)


def test_a_day_of_a_month_every_year() -> None:
    d = parse_deadline("báo cáo trước ngày 20/12 hằng năm", REF)
    assert d.recurrence is not None
    assert (d.recurrence.freq, d.recurrence.day, d.recurrence.month) == (Frequency.YEARLY, 20, 12)


def test_two_steps_each_with_its_words() -> None:
    d = parse_deadline("hoàn thành giai đoạn 1 trong tháng 9/2026, hoàn thành toàn bộ năm 2027", REF)
    assert d.kind is MILESTONES
    assert [(m.due, m.words) for m in d.milestones] == [
        (date(2026, 9, 30), "hoàn thành giai đoạn 1 trong tháng 9/2026"),
        (date(2027, 12, 31), "hoàn thành toàn bộ năm 2027"),
    ]
