"""Deadline wordings of directives' bodies and plans' reporting rules (issues 11 and 14):
"Gửi trước ngày 09 của tháng báo cáo" (125/KH-BCĐ), "trước 11 giờ ngày thứ 6" (15-TB/BCĐ),
yearly duties that say their first year, conditional and start-only phrases.

Every phrase is either read, with its «Hiểu là» words, or flagged (UNKNOWN); never a guess.
"""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

from models.deadline_text import CONDITIONAL, NOT_UNDERSTOOD, describe_deadline
from models.deadlines import (
    Deadline,
    DeadlineKind,
    Frequency,
    Recurrence,
    is_conditional,
    occurrences,
    parse_deadline,
)

REF = date(2026, 4, 17)
W, M, Q, H, Y = (
    Frequency.WEEKLY,
    Frequency.MONTHLY,
    Frequency.QUARTERLY,
    Frequency.HALF_YEARLY,
    Frequency.YEARLY,
)


def rec(text: str) -> Recurrence:
    parsed = parse_deadline(text, REF)
    assert parsed.kind is DeadlineKind.RECURRING, (text, parsed)
    assert parsed.recurrence is not None
    return parsed.recurrence


# ------------------------------------------------------------ a day of the month after


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Gửi trước ngày 09 của tháng báo cáo", 9),
        ("Báo cáo tháng: Gửi trước ngày 09 của tháng báo cáo", 9),
        (
            "Báo cáo tháng: Gửi trước ngày 09 của tháng báo cáo (thời gian chốt số liệu tính từ ngày "
            "mùng 8 của tháng trước, đến ngày mùng 7 của tháng báo cáo).",
            9,
        ),
        ("trước ngày 09 của tháng sau", 9),
        ("Trước ngày 09 tháng sau", 9),
        ("trước ngày 05 của tháng tiếp theo", 5),
        ("chậm nhất ngày 10 tháng kế tiếp", 10),
        ("Hằng tháng, trước ngày 09 tháng sau", 9),
        ("TRƯỚC NGÀY 09 CỦA THÁNG SAU", 9),
        ("truoc ngay 09 cua thang sau", 9),
    ],
)
def test_a_day_of_the_month_after_is_monthly_on_that_day(text: str, day: int) -> None:
    r = rec(text)
    assert (r.freq, r.day, r.start, r.until) == (M, day, None, None)


def test_the_monthly_report_of_125_kh_bcd_falls_due_on_the_ninth_of_each_month() -> None:
    parsed = parse_deadline("Gửi trước ngày 09 của tháng báo cáo", REF)
    got = occurrences(parsed, date(2026, 5, 1), date(2026, 8, 31), anchor=REF)
    assert got == [date(2026, 5, 9), date(2026, 6, 9), date(2026, 7, 9), date(2026, 8, 9)]
    assert describe_deadline(parsed) == ("Hằng tháng, ngày 9", True)


@pytest.mark.parametrize(
    "text",
    [
        "Định kỳ hằng quý, trước ngày 09 của tháng sau",  # a quarter's report in the next month
        "Hằng năm, trước ngày 15 của tháng sau",
        "Định kỳ 6 tháng, trước ngày 10 tháng sau",
        "trước ngày 15 tháng đầu quý sau",
    ],
)
def test_the_month_after_a_longer_period_is_flagged(text: str) -> None:
    assert parse_deadline(text, REF).kind is DeadlineKind.UNKNOWN


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("chậm nhất ngày 20 của tháng cuối quý", 20),
        ("Trước ngày 15 tháng cuối quý", 15),
        ("ngày 20 tháng cuối mỗi quý", 20),
        ("Định kỳ hằng quý, trước ngày 20 tháng cuối quý", 20),
        ("Báo cáo quý trước ngày 20 của tháng cuối quý", 20),
    ],
)
def test_a_day_of_the_last_month_of_the_quarter(text: str, day: int) -> None:
    r = rec(text)
    assert (r.freq, r.day) == (Q, day)
    got = occurrences(parse_deadline(text, REF), date(2026, 4, 17), date(2026, 12, 31), anchor=REF)
    assert got == [date(2026, 6, day), date(2026, 9, day), date(2026, 12, day)]


# ------------------------------------------------------------ weekly with an hour


@pytest.mark.parametrize(
    "text",
    [
        "Hàng tuần, trước 11 giờ ngày thứ 6",
        "Hằng tuần … trước 11 giờ ngày thứ 6",
        "Trước 11 giờ thứ Sáu hằng tuần",
        "hàng tuần, trước 11h00 ngày thứ sáu",
        "Định kỳ hằng tuần (trước 11:00 thứ 6)",
    ],
)
def test_weekly_friday_eleven(text: str) -> None:
    r = rec(text)
    assert (r.freq, r.day, r.time) == (W, 4, dt.time(11, 0))
    assert describe_deadline(parse_deadline(text, REF)) == ("Hằng tuần, thứ Sáu, 11:00", True)


# ------------------------------------------------------------ yearly and half-yearly days


@pytest.mark.parametrize(
    ("text", "freq", "day", "month"),
    [
        ("trước 15/12 hằng năm", Y, 15, 12),
        ("trước ngày 15/12 hàng năm", Y, 15, 12),
        ("Hằng năm, trước 15/12", Y, 15, 12),
        ("Hằng năm (trước ngày 15/12)", Y, 15, 12),
        ("trước ngày 25 tháng 6 và tháng 12 hằng năm", H, 25, None),  # was read as 25/6 yearly
        ("Định kỳ 6 tháng (trước 15/6 và 15/12)", H, 15, None),  # the day was dropped
        ("Định kỳ 6 tháng, trước ngày 20", H, 20, None),
        ("Định kỳ 6 tháng, hằng năm", H, None, None),
        ("tháng 3, 6, 9, 12 hằng năm", Q, None, None),
    ],
)
def test_days_a_year(text: str, freq: Frequency, day: int | None, month: int | None) -> None:
    r = rec(text)
    assert (r.freq, r.day, r.month) == (freq, day, month)


@pytest.mark.parametrize(
    "text",
    [
        "Định kỳ 6 tháng (trước 15/3 và 15/9)",  # half years never end in March
        "trước ngày 15/6 và 20/12 hằng năm",  # two days: no one recurrence
        "Định kỳ 6 tháng, trước 15/6 và 20/12",
    ],
)
def test_days_a_year_no_recurrence_holds_are_flagged(text: str) -> None:
    assert parse_deadline(text, REF).kind is DeadlineKind.UNKNOWN


def test_half_yearly_day_occurrences() -> None:
    parsed = parse_deadline("trước ngày 25 tháng 6 và tháng 12 hằng năm", REF)
    got = occurrences(parsed, REF, date(2027, 12, 31), anchor=REF)
    assert got == [date(2026, 6, 25), date(2026, 12, 25), date(2027, 6, 25), date(2027, 12, 25)]
    assert describe_deadline(parsed) == ("Hằng 6 tháng, ngày 25 tháng 6 và tháng 12", True)


# ------------------------------------------------------------ a yearly duty's first year


@pytest.mark.parametrize(
    ("text", "day", "month", "start", "words"),
    [
        ("Tháng 12/2026 và hằng năm", None, 12, date(2026, 1, 1), "Hằng năm, cuối tháng 12, từ năm 2026"),
        ("Năm 2026 và hằng năm", None, 12, date(2026, 1, 1), "Hằng năm, cuối tháng 12, từ năm 2026"),
        ("Quý IV/2026 và hằng năm", None, 12, date(2026, 1, 1), "Hằng năm, cuối tháng 12, từ năm 2026"),
        ("Quý II/2026 và hằng năm", None, 6, date(2026, 1, 1), "Hằng năm, cuối tháng 6, từ năm 2026"),
        ("ngày 15/6/2026 và hằng năm", 15, 6, date(2026, 1, 1), "Hằng năm, ngày 15/06, từ năm 2026"),
        (
            "Năm 2026 và duy trì các năm tiếp theo",
            None,
            None,
            date(2026, 1, 1),
            "Hằng năm, cuối tháng 12, từ năm 2026",
        ),
        (
            "Thực hiện hằng năm từ năm 2026",
            None,
            None,
            date(2026, 1, 1),
            "Hằng năm, cuối tháng 12, từ năm 2026",
        ),
    ],
)
def test_a_yearly_duty_from_its_first_year(
    text: str, day: int | None, month: int | None, start: date, words: str
) -> None:
    r = rec(text)
    assert (r.freq, r.day, r.month, r.start) == (Y, day, month, start)
    assert describe_deadline(parse_deadline(text, REF)) == (words, True)


def test_a_yearly_duty_from_2027_owes_nothing_in_2026() -> None:
    parsed = parse_deadline("Tháng 12/2027 và hằng năm", REF)
    assert occurrences(parsed, REF, date(2028, 12, 31), anchor=REF) == [
        date(2027, 12, 31),
        date(2028, 12, 31),
    ]


def test_until_year_is_no_start() -> None:
    r = rec("Hằng năm đến năm 2030")
    assert (r.start, r.until) == (None, date(2030, 12, 31))


def test_a_start_date_is_no_day_of_the_month() -> None:
    r = rec("Định kỳ hằng tháng kể từ ngày 15/5/2026")
    assert (r.freq, r.day, r.start) == (M, None, date(2026, 5, 15))


# ------------------------------------------------------------ a year, a quarter


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Trong năm 2026", date(2026, 12, 31)),
        ("Năm 2026", date(2026, 12, 31)),
        ("Hoàn thành trong năm 2026", date(2026, 12, 31)),
        ("Cả năm 2026", date(2026, 12, 31)),
        ("Đến hết năm 2026", date(2026, 12, 31)),
        ("Quý I/2027", date(2027, 3, 31)),
        ("Trong quý I/2027", date(2027, 3, 31)),
        ("Quý I năm 2027", date(2027, 3, 31)),
        ("Hoàn thành trong tháng 5/2026", date(2026, 5, 31)),
        ("Hoàn thành trước ngày 25/6/2026", date(2026, 6, 25)),
        ("trước ngày 12/01/2026", date(2026, 1, 12)),
    ],
)
def test_a_year_or_a_quarter_is_understood(text: str, due: date) -> None:
    parsed = parse_deadline(text, REF)
    assert (parsed.kind, parsed.due) == (DeadlineKind.ONCE, due)
    assert describe_deadline(parsed)[1]


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("Từ quý II/2026 đến quý IV/2026", date(2026, 4, 1), date(2026, 12, 31)),
        ("Từ tháng 3 đến tháng 6/2026", date(2026, 3, 1), date(2026, 6, 30)),
    ],
)
def test_from_to_is_one_stretch_not_two_milestones(text: str, start: date, due: date) -> None:
    parsed = parse_deadline(text, REF)
    assert (parsed.kind, parsed.start, parsed.due) == (DeadlineKind.ONCE, start, due)


def test_listed_months_stay_milestones() -> None:
    parsed = parse_deadline("Tháng 3 và tháng 6/2026", REF)
    assert parsed.kind is DeadlineKind.MILESTONES


# ------------------------------------------------------------ continuous duties


@pytest.mark.parametrize(
    "text",
    [
        "Thường xuyên",
        "Liên tục",
        "Nhiệm vụ thường xuyên",
        "thuong xuyen",
        "Hằng ngày",
        "Liên tục từ năm 2026",
    ],
)
def test_continuous_duties_are_understood_as_such(text: str) -> None:
    parsed = parse_deadline(text, REF)
    assert parsed == Deadline(text, DeadlineKind.CONTINUOUS)
    assert describe_deadline(parsed) == ("Thường xuyên", True)


# ------------------------------------------------------------ flagged, never guessed


@pytest.mark.parametrize(
    "text",
    [
        "Sau khi được phê duyệt",
        "Sau khi Đề án được phê duyệt",
        "Ngay sau khi có hướng dẫn của Trung ương",
        "Trong vòng 30 ngày kể từ ngày ban hành",
        "Trong vòng 15 ngày sau khi nhận được văn bản",
        "Kể từ khi Nghị định có hiệu lực",
        "Sau khi có hướng dẫn, hoàn thành trước 30/6/2026",  # a date, but after an event
        "Khởi động quý IV/2026; sau khi được phê duyệt, hoàn thành 2028",
    ],
)
def test_a_conditional_deadline_is_flagged_and_says_why(text: str) -> None:
    parsed = parse_deadline(text, REF)
    assert parsed == Deadline(text, DeadlineKind.UNKNOWN)
    assert is_conditional(text)
    assert describe_deadline(parsed) == (CONDITIONAL, False)
    assert CONDITIONAL.startswith(NOT_UNDERSTOOD)


@pytest.mark.parametrize(
    "text",
    ["Trước ngày 30/4/2026", "Định kỳ hằng tháng kể từ ngày 01/5/2026", "Hằng năm", "Quý II/2026"],
)
def test_dated_phrases_are_not_conditional(text: str) -> None:
    assert not is_conditional(text)
    assert parse_deadline(text, REF).kind is not DeadlineKind.UNKNOWN


@pytest.mark.parametrize(
    "text", ["Từ năm 2026", "Triển khai từ quý III/2026", "Bắt đầu từ tháng 7/2026", "Từ 01/7/2026"]
)
def test_when_work_starts_is_no_deadline(text: str) -> None:
    parsed = parse_deadline(text, REF)
    assert parsed.kind is DeadlineKind.UNKNOWN
    assert describe_deadline(parsed) == (NOT_UNDERSTOOD, False)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Từ năm 2026 trở đi", DeadlineKind.RECURRING),
        ("Từ 18 - 26/9", DeadlineKind.ONCE),
        ("Từ tháng 3 đến tháng 6/2026", DeadlineKind.ONCE),
        ("Từ nay đến hết năm 2026", DeadlineKind.ONCE),
    ],
)
def test_a_start_with_its_end_is_read(text: str, kind: DeadlineKind) -> None:
    assert parse_deadline(text, REF).kind is kind


def test_round_trip_of_the_new_readings() -> None:
    for text in (
        "Gửi trước ngày 09 của tháng báo cáo",
        "trước ngày 25 tháng 6 và tháng 12 hằng năm",
        "Quý II/2026 và hằng năm",
        "Hàng tuần, trước 11 giờ ngày thứ 6",
    ):
        parsed = parse_deadline(text, REF)
        assert Deadline.from_json(parsed.to_json()) == parsed
