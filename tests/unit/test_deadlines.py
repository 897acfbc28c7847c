"""Deadline values, their storage form, and occurrence arithmetic."""

from __future__ import annotations

from datetime import date, time

import pytest

from models.deadlines import (
    Deadline,
    DeadlineKind,
    Frequency,
    Recurrence,
    first_occurrence_after,
    occurrences,
    parse_deadline,
)

M, W, Q, Y = Frequency.MONTHLY, Frequency.WEEKLY, Frequency.QUARTERLY, Frequency.YEARLY


def rec(freq: Frequency, **kwargs: object) -> Deadline:
    return Deadline("x", DeadlineKind.RECURRING, recurrence=Recurrence(freq, **kwargs))  # type: ignore[arg-type]


def once(day: date) -> Deadline:
    return Deadline("x", DeadlineKind.ONCE, dates=(day,))


def milestones(*days: date) -> Deadline:
    return Deadline("x", DeadlineKind.MILESTONES, dates=days)


# ------------------------------------------------------------------ the value objects


def test_due_is_last_date_and_dates_are_sorted() -> None:
    dl = milestones(date(2026, 12, 31), date(2026, 6, 30), date(2026, 6, 30))
    assert dl.dates == (date(2026, 6, 30), date(2026, 12, 31))
    assert dl.due == date(2026, 12, 31)


@pytest.mark.parametrize("kind", [DeadlineKind.RECURRING, DeadlineKind.CONTINUOUS, DeadlineKind.UNKNOWN])
def test_undated_kinds_have_no_due(kind: DeadlineKind) -> None:
    recurrence = Recurrence(M) if kind is DeadlineKind.RECURRING else None
    assert Deadline("x", kind, recurrence=recurrence).due is None


@pytest.mark.parametrize(
    ("kind", "dates", "recurrence"),
    [
        (DeadlineKind.ONCE, (), None),
        (DeadlineKind.ONCE, (date(2026, 1, 1), date(2026, 2, 1)), None),
        (DeadlineKind.MILESTONES, (date(2026, 1, 1),), None),
        (DeadlineKind.CONTINUOUS, (date(2026, 1, 1),), None),
        (DeadlineKind.RECURRING, (), None),
        (DeadlineKind.ONCE, (date(2026, 1, 1),), Recurrence(M)),
    ],
)
def test_inconsistent_deadlines_are_rejected(
    kind: DeadlineKind, dates: tuple[date, ...], recurrence: Recurrence | None
) -> None:
    with pytest.raises(ValueError):
        Deadline("x", kind, dates=dates, recurrence=recurrence)


@pytest.mark.parametrize(
    ("freq", "day", "month"),
    [(W, 7, None), (W, -1, None), (M, 0, None), (M, 32, None), (Y, 1, 13), (Y, 1, 0)],
)
def test_recurrence_rejects_out_of_range(freq: Frequency, day: int, month: int | None) -> None:
    with pytest.raises(ValueError):
        Recurrence(freq, day=day, month=month)


@pytest.mark.parametrize(
    "deadline",
    [
        once(date(2026, 4, 30)),
        milestones(date(2026, 6, 30), date(2026, 12, 31)),
        Deadline("Thường xuyên", DeadlineKind.CONTINUOUS),
        Deadline("", DeadlineKind.UNKNOWN),
        rec(M, day=25, time=time(16, 0)),
        rec(Y, day=15, month=12, start=date(2026, 5, 1), until=date(2030, 12, 31)),
        rec(W),
    ],
)
def test_json_round_trip(deadline: Deadline) -> None:
    stored = deadline.to_json()
    assert Deadline.from_json(stored) == deadline


def test_json_uses_iso_dates_and_plain_values() -> None:
    stored = parse_deadline("Trước 16h00 ngày 25 hằng tháng").to_json()
    assert stored == {
        "text": "Trước 16h00 ngày 25 hằng tháng",
        "kind": "recurring",
        "dates": [],
        "recurrence": {
            "freq": "monthly",
            "day": 25,
            "month": None,
            "time": "16:00",
            "start": None,
            "until": None,
        },
    }
    assert once(date(2026, 4, 30)).to_json()["dates"] == ["2026-04-30"]


def test_from_json_tolerates_missing_keys() -> None:
    assert Deadline.from_json({"text": "abc"}) == Deadline("abc", DeadlineKind.UNKNOWN)


# ------------------------------------------------------------------ occurrences

JAN, DEC = date(2026, 1, 1), date(2026, 12, 31)


def test_once_and_milestones_in_range() -> None:
    dl = milestones(date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30))
    assert occurrences(dl, date(2026, 4, 1), date(2026, 9, 30)) == [date(2026, 6, 30), date(2026, 9, 30)]
    assert occurrences(dl, date(2026, 3, 31), date(2026, 3, 31)) == [date(2026, 3, 31)]
    assert occurrences(once(date(2026, 4, 30)), date(2026, 5, 1), DEC) == []


@pytest.mark.parametrize("kind", [DeadlineKind.CONTINUOUS, DeadlineKind.UNKNOWN])
def test_undated_kinds_never_occur(kind: DeadlineKind) -> None:
    assert occurrences(Deadline("x", kind), JAN, DEC) == []
    assert first_occurrence_after(Deadline("x", kind), JAN) is None


def test_monthly_end_of_month_handles_leap_years() -> None:
    got = occurrences(rec(M), date(2028, 1, 1), date(2028, 4, 30))
    assert got == [date(2028, 1, 31), date(2028, 2, 29), date(2028, 3, 31), date(2028, 4, 30)]


@pytest.mark.parametrize(
    ("day", "feb_2026", "feb_2028"),
    [(28, 28, 28), (29, 28, 29), (30, 28, 29), (31, 28, 29)],
)
def test_monthly_late_days_clamp_in_february(day: int, feb_2026: int, feb_2028: int) -> None:
    assert occurrences(rec(M, day=day), date(2026, 2, 1), date(2026, 2, 28)) == [date(2026, 2, feb_2026)]
    assert occurrences(rec(M, day=day), date(2028, 2, 1), date(2028, 2, 29)) == [date(2028, 2, feb_2028)]


def test_monthly_31st_clamps_in_30_day_months() -> None:
    got = occurrences(rec(M, day=31), date(2026, 4, 1), date(2026, 7, 31))
    assert got == [date(2026, 4, 30), date(2026, 5, 31), date(2026, 6, 30), date(2026, 7, 31)]


def test_anchor_mid_period_skips_the_passed_occurrence() -> None:
    dl = rec(M, day=9)
    got = occurrences(dl, JAN, date(2026, 7, 31), anchor=date(2026, 4, 10))
    assert got == [date(2026, 5, 9), date(2026, 6, 9), date(2026, 7, 9)]


def test_anchor_on_the_occurrence_day_counts_it() -> None:
    got = occurrences(rec(M, day=9), JAN, date(2026, 5, 31), anchor=date(2026, 4, 9))
    assert got == [date(2026, 4, 9), date(2026, 5, 9)]


def test_without_anchor_generation_starts_at_window() -> None:
    got = occurrences(rec(M, day=9), date(2026, 3, 10), date(2026, 5, 31))
    assert got == [date(2026, 4, 9), date(2026, 5, 9)]


def test_recurrence_start_and_anchor_take_the_later() -> None:
    dl = rec(M, day=9, start=date(2026, 6, 1))
    assert occurrences(dl, JAN, date(2026, 7, 31), anchor=date(2026, 4, 10))[0] == date(2026, 6, 9)
    assert occurrences(dl, JAN, date(2026, 7, 31), anchor=date(2026, 6, 20))[0] == date(2026, 7, 9)
    assert occurrences(dl, JAN, date(2026, 7, 31))[0] == date(2026, 6, 9)


def test_until_closes_the_recurrence() -> None:
    dl = rec(M, day=9, until=date(2026, 6, 9))
    assert occurrences(dl, JAN, DEC, anchor=date(2026, 4, 1)) == [
        date(2026, 4, 9),
        date(2026, 5, 9),
        date(2026, 6, 9),
    ]
    assert first_occurrence_after(dl, date(2026, 6, 9)) is None


def test_weekly_on_a_weekday() -> None:
    fridays = occurrences(rec(W, day=4), date(2026, 4, 1), date(2026, 4, 30))
    assert fridays == [date(2026, 4, 3), date(2026, 4, 10), date(2026, 4, 17), date(2026, 4, 24)]
    assert all(day.weekday() == 4 for day in fridays)


def test_weekly_without_day_means_sunday() -> None:
    assert occurrences(rec(W), date(2026, 4, 6), date(2026, 4, 19)) == [date(2026, 4, 12), date(2026, 4, 19)]


def test_quarterly_end_and_day() -> None:
    assert occurrences(rec(Q), JAN, DEC) == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 31),
    ]
    assert occurrences(rec(Q, day=20), date(2026, 4, 1), DEC) == [
        date(2026, 6, 20),
        date(2026, 9, 20),
        date(2026, 12, 20),
    ]
    assert occurrences(rec(Q, day=31), date(2026, 4, 1), date(2026, 6, 30)) == [date(2026, 6, 30)]


def test_yearly_month_and_day() -> None:
    assert occurrences(rec(Y, day=15, month=12), JAN, date(2028, 12, 31)) == [
        date(2026, 12, 15),
        date(2027, 12, 15),
        date(2028, 12, 15),
    ]
    assert occurrences(rec(Y), JAN, date(2027, 12, 31)) == [date(2026, 12, 31), date(2027, 12, 31)]
    leap_day = rec(Y, day=29, month=2)
    assert occurrences(leap_day, JAN, date(2028, 12, 31)) == [
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


def test_empty_and_inverted_windows() -> None:
    assert occurrences(rec(M), date(2026, 4, 1), date(2026, 4, 29)) == []
    assert occurrences(rec(M), date(2026, 5, 1), date(2026, 4, 1)) == []


def test_first_occurrence_after_is_strict() -> None:
    dl = rec(M, day=9)
    assert first_occurrence_after(dl, date(2026, 5, 8)) == date(2026, 5, 9)
    assert first_occurrence_after(dl, date(2026, 5, 9)) == date(2026, 6, 9)
    assert first_occurrence_after(once(date(2026, 4, 30)), date(2026, 4, 29)) == date(2026, 4, 30)
    assert first_occurrence_after(once(date(2026, 4, 30)), date(2026, 4, 30)) is None


def test_first_occurrence_after_respects_anchor_and_start() -> None:
    dl = rec(M, day=9)
    assert first_occurrence_after(dl, JAN, anchor=date(2026, 4, 10)) == date(2026, 5, 9)
    assert first_occurrence_after(rec(Y, start=date(2030, 1, 1)), JAN) == date(2030, 12, 31)


def test_first_occurrence_after_milestones() -> None:
    dl = milestones(date(2026, 6, 30), date(2026, 12, 31))
    assert first_occurrence_after(dl, date(2026, 6, 30)) == date(2026, 12, 31)


@pytest.mark.parametrize("freq", list(Frequency))
@pytest.mark.parametrize("day", [None, 1, 28, 31])
def test_first_occurrence_after_always_finds_open_ended(freq: Frequency, day: int | None) -> None:
    weekday = None if day is None else day % 7
    dl = rec(freq, day=weekday if freq is W else day)
    after = date(2027, 2, 27)
    nxt = first_occurrence_after(dl, after)
    assert nxt is not None and nxt > after
    assert occurrences(dl, date(2027, 2, 28), nxt) == [nxt]


@pytest.mark.parametrize("freq", list(Frequency))
def test_one_occurrence_per_period(freq: Frequency) -> None:
    got = occurrences(rec(freq), date(2026, 1, 1), date(2029, 12, 31))
    expected = {W: 209, M: 48, Q: 16, Frequency.HALF_YEARLY: 8, Y: 4}[freq]
    assert len(got) == expected
    assert got == sorted(set(got))
