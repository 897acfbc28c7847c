"""The periodic-reports grid's rules: columns, which due date falls where, and each cell's state."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import pytest

from models.deadlines import Deadline, DeadlineKind, Frequency, Recurrence, parse_deadline
from models.report_grid import (
    CellState,
    GridSpan,
    Slot,
    calendar,
    column_state,
    combined_state,
    last_months,
    last_weeks,
    occurrence_state,
    place,
    place_split,
    quick_tally,
    slot_to_enter,
    span_columns,
    split,
    tally,
    year_halves,
    year_months,
    year_quarters,
)

S = CellState


def rec(freq: Frequency, **kw: object) -> Deadline:
    return Deadline("x", DeadlineKind.RECURRING, recurrence=Recurrence(freq, **kw))  # type: ignore[arg-type]


def states(cells: tuple[tuple[Slot, ...], ...]) -> list[CellState]:
    return [combined_state([s.state for s in c]) for c in cells]


# ---------------------------------------------------------------- columns


def test_year_months_and_last_months_across_a_year_boundary() -> None:
    cols = year_months(2026)
    assert [c.short for c in cols][:2] == ["T1", "T2"] and cols[1].end == date(2026, 2, 28)
    last = last_months(date(2026, 3, 15))
    assert len(last) == 12
    assert (last[0].start, last[-1].end) == (date(2025, 4, 1), date(2026, 3, 31))
    assert [c.short for c in last[8:10]] == ["T12/25", "T1/26"]
    assert last[9].title == "Tháng 1/2026"


def test_last_weeks_are_iso_weeks_ending_with_the_as_of_week() -> None:
    weeks = last_weeks(date(2026, 1, 7))  # a Wednesday, ISO week 2 of 2026
    assert len(weeks) == 12
    assert weeks[-1].start == date(2026, 1, 5) and weeks[-1].end == date(2026, 1, 11)
    assert weeks[-1].short == "Tuần 2" and weeks[-2].short == "Tuần 1"
    assert weeks[-3].short == "Tuần 52" and "2025" in weeks[-3].title
    assert all(b.start - a.start == timedelta(days=7) for a, b in itertools.pairwise(weeks))


def test_quarters_and_halves() -> None:
    q = year_quarters(2026)
    assert [(c.start, c.end) for c in q][1] == (date(2026, 4, 1), date(2026, 6, 30))
    h = year_halves(2026)
    assert (h[1].start, h[1].end, h[1].title) == (
        date(2026, 7, 1),
        date(2026, 12, 31),
        "6 tháng cuối năm 2026",
    )


# ---------------------------------------------------------------- one due date


@pytest.mark.parametrize(
    ("received", "as_of", "expected"),
    [
        (date(2026, 3, 9), date(2026, 4, 1), S.ON_TIME),  # on the due day itself
        (date(2026, 3, 1), date(2026, 4, 1), S.ON_TIME),
        (date(2026, 3, 10), date(2026, 4, 1), S.LATE),
        (None, date(2026, 3, 10), S.MISSING),
        (None, date(2026, 3, 9), S.NOT_DUE),  # due on the as-of day: not missing yet
        (None, date(2026, 3, 1), S.NOT_DUE),
        (date(2026, 3, 20), date(2026, 3, 15), S.MISSING),  # received after the as-of day: unknown then
        (date(2026, 3, 5), date(2026, 3, 6), S.ON_TIME),  # received early, not yet due
        (date(2026, 3, 5), date(2026, 3, 4), S.NOT_DUE),
    ],
)
def test_occurrence_state(received: date | None, as_of: date, expected: CellState) -> None:
    assert occurrence_state(date(2026, 3, 9), received, as_of) is expected


def test_not_owed_wins() -> None:
    assert (
        occurrence_state(date(2026, 3, 9), date(2026, 3, 1), date(2026, 4, 1), expected=False)
        is S.NOT_EXPECTED
    )


def test_combined_state_worst_due_first() -> None:
    assert combined_state([S.ON_TIME, S.MISSING, S.NOT_DUE]) is S.MISSING
    assert combined_state([S.ON_TIME, S.LATE]) is S.LATE
    assert combined_state([S.ON_TIME, S.NOT_DUE]) is S.ON_TIME  # received so far
    assert combined_state([S.NOT_EXPECTED, S.NOT_DUE]) is S.NOT_DUE
    assert combined_state([]) is S.NONE


# ---------------------------------------------------------------- placing a duty on the grid


def test_monthly_across_a_year_boundary_before_and_after_its_anchor() -> None:
    dl = parse_deadline("Trước ngày 09 hằng tháng")
    cols = last_months(date(2026, 3, 20))  # April 2025 .. March 2026
    cal = calendar(dl, date(2025, 11, 15), cols[0].start, cols[-1].end)  # directive of 15/11/2025
    covered = {date(2025, 12, 9): date(2025, 12, 8), date(2026, 1, 9): date(2026, 1, 12)}
    cells = place(cal, cols, covered, date(2026, 3, 20))
    assert all(len(c) == 1 for c in cells)
    assert states(cells) == [S.NOT_EXPECTED] * 8 + [S.ON_TIME, S.LATE, S.MISSING, S.MISSING]
    assert cells[8][0] == Slot(date(2025, 12, 9), S.ON_TIME, date(2025, 12, 8))
    assert cells[9][0].received == date(2026, 1, 12)
    assert tally([s for c in cells for s in c], date(2026, 3, 20)).__dict__ == {
        "expected": 4,
        "on_time": 1,
        "late": 1,
        "missing": 2,
    }


def test_a_report_closing_one_occurrence_but_not_the_next() -> None:
    dl = parse_deadline("Trước ngày 09 hằng tháng")
    cols = year_months(2026)
    cal = calendar(dl, date(2026, 1, 1), cols[0].start, cols[-1].end)
    covered = {
        date(2026, 1, 9): date(2026, 1, 5),
        date(2026, 2, 9): date(2026, 2, 9),
        date(2026, 3, 9): date(2026, 3, 2),
    }
    got = states(place(cal, cols, covered, date(2026, 5, 20)))
    # reports stopped after March: April and May are missing, June on is not yet due
    assert got == [S.ON_TIME] * 3 + [S.MISSING, S.MISSING] + [S.NOT_DUE] * 7


def test_weekly_friday_duty_in_week_and_month_columns() -> None:
    dl = parse_deadline("trước 11 giờ ngày thứ 6 hằng tuần")
    as_of = date(2026, 3, 13)  # a Friday
    weeks = last_weeks(as_of, 4)
    cal = calendar(dl, date(2026, 1, 1), weeks[0].start, weeks[-1].end)
    fridays = [date(2026, 2, 20), date(2026, 2, 27), date(2026, 3, 6), date(2026, 3, 13)]
    assert cal.dates == tuple(fridays)
    covered = {fridays[0]: fridays[0], fridays[1]: fridays[1] + timedelta(days=1)}
    assert states(place(cal, weeks, covered, as_of)) == [S.ON_TIME, S.LATE, S.MISSING, S.NOT_DUE]
    # in a month column the four or five Fridays share one cell: the worst due one shows
    months = year_months(2026)
    cal_m = calendar(dl, date(2026, 1, 1), months[0].start, months[-1].end)
    cells = place(cal_m, months, covered, as_of)
    assert [len(c) for c in cells[:3]] == [5, 4, 4]
    assert states(cells)[1] is S.MISSING and states(cells)[2] is S.MISSING


def test_quarterly_duty_in_month_columns_leaves_the_other_months_empty() -> None:
    dl = parse_deadline("Trước ngày 20 tháng cuối quý")
    cols = year_months(2026)
    cal = calendar(dl, date(2026, 2, 1), cols[0].start, cols[-1].end)
    got = states(place(cal, cols, {date(2026, 3, 20): date(2026, 3, 18)}, date(2026, 7, 1)))
    assert got[2] is S.ON_TIME and got[5] is S.MISSING and got[8] is S.NOT_DUE and got[11] is S.NOT_DUE
    assert {got[i] for i in (0, 1, 3, 4, 6, 7, 9, 10)} == {S.NONE}
    q = year_quarters(2026)
    cal_q = calendar(dl, date(2026, 4, 1), q[0].start, q[-1].end)  # began in April: Q1 not owed
    assert states(place(cal_q, q, {}, date(2026, 7, 1))) == [S.NOT_EXPECTED, S.MISSING, S.NOT_DUE, S.NOT_DUE]


def test_half_yearly_duty() -> None:
    dl = parse_deadline("Định kỳ 6 tháng, trước ngày 15")
    assert dl.recurrence is not None and dl.recurrence.freq is Frequency.HALF_YEARLY
    halves = year_halves(2026) + year_halves(2027)
    cal = calendar(dl, date(2026, 1, 1), halves[0].start, halves[-1].end)
    assert cal.dates == (date(2026, 6, 15), date(2026, 12, 15), date(2027, 6, 15), date(2027, 12, 15))
    got = states(place(cal, halves, {date(2026, 6, 15): date(2026, 7, 1)}, date(2027, 1, 10)))
    assert got == [S.LATE, S.MISSING, S.NOT_DUE, S.NOT_DUE]
    months = year_months(2026)
    in_months = states(
        place(calendar(dl, date(2026, 1, 1), months[0].start, months[-1].end), months, {}, date(2026, 7, 1))
    )
    assert in_months[5] is S.MISSING and in_months[11] is S.NOT_DUE and in_months.count(S.NONE) == 10


@pytest.mark.parametrize(
    ("text", "freq"),
    [
        ("Định kỳ 6 tháng", Frequency.HALF_YEARLY),
        ("6 tháng một lần", Frequency.HALF_YEARLY),
        ("Nửa năm một lần", Frequency.HALF_YEARLY),
        ("Hằng 6 tháng, trước ngày 10", Frequency.HALF_YEARLY),
    ],
)
def test_half_yearly_phrases(text: str, freq: Frequency) -> None:
    dl = parse_deadline(text)
    assert dl.kind is DeadlineKind.RECURRING and dl.recurrence is not None and dl.recurrence.freq is freq


def test_six_months_of_a_year_stays_a_single_deadline() -> None:
    assert parse_deadline("6 tháng đầu năm 2026").kind is DeadlineKind.ONCE


def test_recurrence_until_is_not_owed_after_it_ends() -> None:
    dl = rec(Frequency.MONTHLY, day=5, until=date(2026, 4, 30))
    cols = year_months(2026)
    got = states(
        place(calendar(dl, date(2025, 1, 1), cols[0].start, cols[-1].end), cols, {}, date(2026, 12, 31))
    )
    assert got == [S.MISSING] * 4 + [S.NOT_EXPECTED] * 8


def test_slot_to_enter_prefers_the_earliest_pending_one() -> None:
    a = Slot(date(2026, 3, 6), S.ON_TIME, date(2026, 3, 6))
    b = Slot(date(2026, 3, 13), S.MISSING)
    c = Slot(date(2026, 3, 20), S.NOT_DUE)
    assert slot_to_enter((a, b, c)) == b
    assert slot_to_enter((a,)) == a
    assert slot_to_enter((Slot(date(2026, 3, 6), S.NOT_EXPECTED),)) is None
    assert slot_to_enter(()) is None


def test_quick_tally_equals_the_tally_of_the_placed_cells() -> None:
    """The service hands out quick tallies before drawing cells: they must agree, on any data."""
    rng = random.Random(7)
    phrases = [
        "Trước ngày 09 hằng tháng",
        "thứ 6 hằng tuần",
        "Hằng quý",
        "Định kỳ 6 tháng",
        "Trước ngày 5/3 hằng năm",
    ]
    for _ in range(200):
        dl = parse_deadline(rng.choice(phrases))
        as_of = date(2026, 1, 1) + timedelta(days=rng.randint(0, 500))
        cols = rng.choice([year_months(2026), last_months(as_of), last_weeks(as_of), year_quarters(2026)])
        anchor = date(2025, 6, 1) + timedelta(days=rng.randint(0, 400))
        cal = calendar(dl, anchor, cols[0].start, cols[-1].end)
        covered = {d: d + timedelta(days=rng.randint(-10, 20)) for d in cal.owed if rng.random() < 0.6}
        placed, full = place_split(split(cal, cols), covered, as_of)
        assert quick_tally(cal, covered, as_of) == full
        assert full == tally([s for c in placed for s in c], as_of)
        cut = split(cal, cols)
        assert [column_state(col, covered, as_of) for col in cut] == states(placed)


@pytest.mark.parametrize("span", list(GridSpan))
def test_every_span_is_contiguous_and_holds_the_as_of_day_or_year(span: GridSpan) -> None:
    as_of = date(2026, 1, 7)
    cols = span_columns(span, 2026, as_of)
    assert all(b.start == a.end + timedelta(days=1) for a, b in itertools.pairwise(cols))
    if span.uses_year:
        assert (cols[0].start, cols[-1].end) == (date(2026, 1, 1), date(2026, 12, 31))
    else:
        assert cols[-1].holds(as_of) and len(cols) == 12
