"""The grid of periodic reports: which occurrence of a recurring duty falls in which column,
and what each occurrence looks like on a given day.

Pure rules, no database: the service (app.services.report_grid) feeds them the covered
occurrences (models.status.coverage, cached in occurrence_cover) and the as-of day. They agree
with the update rate (app.followup_dto.UPDATE_RATE_FORMULA) by construction: an occurrence is
*expected* exactly when app.services.followup.expected_so_far counts it (from the later of the
recurrence's own start and the anchor, up to its end), and *received on time* exactly when the
scoreboard counts it (a covering done report received no later than the due date).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from dateutil.relativedelta import relativedelta

from models.deadlines import Deadline, occurrences


class CellState(StrEnum):
    """What one occurrence (or one column of a row) shows, worst first in ``WORST_FIRST``."""

    ON_TIME = "on_time"  # a done report received no later than the due date
    LATE = "late"  # a done report received after the due date (by the as-of day)
    MISSING = "missing"  # due before the as-of day, no done report received by then
    NOT_DUE = "not_due"  # due on or after the as-of day, nothing received yet
    NOT_EXPECTED = "not_expected"  # a date of the calendar before the duty began (or after it ended)
    NONE = "none"  # the duty has no due date in this column (a quarterly duty in February)


# A column holding several occurrences (weekly duties in month columns) shows the worst one that
# is due; a mix of received and not-yet-due shows as received so far.
WORST_FIRST: tuple[CellState, ...] = (
    CellState.MISSING,
    CellState.LATE,
    CellState.ON_TIME,
    CellState.NOT_DUE,
    CellState.NOT_EXPECTED,
    CellState.NONE,
)


class ColumnKind(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"


@dataclass(frozen=True)
class GridColumn:
    """One period of the grid: the days [start, end], a short header and a full title."""

    kind: ColumnKind
    start: date
    end: date
    short: str
    title: str

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


def _month_column(year: int, month: int, with_year: bool) -> GridColumn:
    start = date(year, month, 1)
    end = start + relativedelta(day=31)
    short = f"T{month}/{year % 100:02d}" if with_year else f"T{month}"
    return GridColumn(ColumnKind.MONTH, start, end, short, f"Tháng {month}/{year}")


def year_months(year: int) -> tuple[GridColumn, ...]:
    """January to December of ``year``."""
    return tuple(_month_column(year, m, with_year=False) for m in range(1, 13))


def last_months(as_of: date, count: int = 12) -> tuple[GridColumn, ...]:
    """The ``count`` months ending with the as-of day's month."""
    first = date(as_of.year, as_of.month, 1) - relativedelta(months=count - 1)
    months = [first + relativedelta(months=i) for i in range(count)]
    return tuple(_month_column(m.year, m.month, with_year=True) for m in months)


def last_weeks(as_of: date, count: int = 12) -> tuple[GridColumn, ...]:
    """The ``count`` ISO weeks (Monday to Sunday) ending with the as-of day's week."""
    monday = as_of - timedelta(days=as_of.weekday()) - timedelta(weeks=count - 1)
    out = []
    for i in range(count):
        start = monday + timedelta(weeks=i)
        end = start + timedelta(days=6)
        year, week, _ = start.isocalendar()
        out.append(
            GridColumn(
                ColumnKind.WEEK,
                start,
                end,
                f"Tuần {week}",
                f"Tuần {week}/{year} ({start:%d/%m} – {end:%d/%m/%Y})",
            )
        )
    return tuple(out)


def year_quarters(year: int) -> tuple[GridColumn, ...]:
    out = []
    for q in range(1, 5):
        start = date(year, 3 * q - 2, 1)
        out.append(
            GridColumn(
                ColumnKind.QUARTER,
                start,
                start + relativedelta(months=2, day=31),
                f"Quý {q}",
                f"Quý {q}/{year}",
            )
        )
    return tuple(out)


def year_halves(year: int) -> tuple[GridColumn, ...]:
    return (
        GridColumn(ColumnKind.HALF, date(year, 1, 1), date(year, 6, 30), "6T đầu", f"6 tháng đầu năm {year}"),
        GridColumn(
            ColumnKind.HALF, date(year, 7, 1), date(year, 12, 31), "6T cuối", f"6 tháng cuối năm {year}"
        ),
    )


class GridSpan(StrEnum):
    """The spans a grid is drawn over (the page's choices; the export takes the same)."""

    YEAR = "year"  # a calendar year by months
    LAST_12_MONTHS = "last12"
    LAST_12_WEEKS = "weeks"
    YEAR_QUARTERS = "quarters"
    YEAR_HALVES = "halves"

    @property
    def uses_year(self) -> bool:
        return self in (GridSpan.YEAR, GridSpan.YEAR_QUARTERS, GridSpan.YEAR_HALVES)


def span_columns(span: GridSpan, year: int, as_of: date) -> tuple[GridColumn, ...]:
    """The columns of a span: ``year`` for the calendar-year spans, ``as_of`` for the others."""
    if span is GridSpan.LAST_12_MONTHS:
        return last_months(as_of)
    if span is GridSpan.LAST_12_WEEKS:
        return last_weeks(as_of)
    if span is GridSpan.YEAR_QUARTERS:
        return year_quarters(year)
    if span is GridSpan.YEAR_HALVES:
        return year_halves(year)
    return year_months(year)


def occurrence_state(
    occurrence: date, received: date | None, as_of: date, expected: bool = True
) -> CellState:
    """One due date on ``as_of``: ``received`` is the day its covering done report arrived (None
    when nothing covers it). A report received after ``as_of`` is not known on ``as_of``; a date
    due on ``as_of`` itself is not missing yet (as models.status.status_of)."""
    if not expected:
        return CellState.NOT_EXPECTED
    if received is not None and received <= as_of:
        return CellState.ON_TIME if received <= occurrence else CellState.LATE
    return CellState.MISSING if occurrence < as_of else CellState.NOT_DUE


def combined_state(states: Sequence[CellState]) -> CellState:
    """The state a column shows for its occurrences (``WORST_FIRST``); NONE when it has none."""
    present = set(states)
    return next((s for s in WORST_FIRST if s in present), CellState.NONE)


class Slot(NamedTuple):
    """One calendar due date of a duty inside a column, and its state on the as-of day.

    (A NamedTuple: a year of the grid on five years of data makes about a hundred thousand.)"""

    occurrence: date
    state: CellState
    received: date | None = None  # when its covering done report arrived (None: not covered)

    @property
    def expected(self) -> bool:
        return self.state is not CellState.NOT_EXPECTED


@dataclass(frozen=True)
class Calendar:
    """A duty's due dates over a span: all the calendar's, and the ones actually owed."""

    dates: tuple[date, ...]
    owed: frozenset[date]


# Per column, the calendar's due dates inside it and whether each is owed.
Split = tuple[tuple[tuple[date, bool], ...], ...]


def calendar(deadline: Deadline, anchor: date | None, start: date, end: date) -> Calendar:
    """Every due date of the recurrence in [start, end] as if it had always run, and the ones
    owed (from the later of its own start and the anchor, up to its end: models.deadlines)."""
    rec = deadline.recurrence
    if rec is None:
        return Calendar((), frozenset())
    unbounded = dataclasses.replace(deadline, recurrence=dataclasses.replace(rec, start=None, until=None))
    return Calendar(
        tuple(occurrences(unbounded, start, end)), frozenset(occurrences(deadline, start, end, anchor))
    )


def split(cal: Calendar, columns: Sequence[GridColumn]) -> Split:
    """The calendar cut by the columns (done once per distinct deadline and anchor)."""
    out = []
    dates = cal.dates
    i = 0
    for col in columns:
        while i < len(dates) and dates[i] < col.start:
            i += 1
        j = i
        while j < len(dates) and dates[j] <= col.end:
            j += 1
        out.append(tuple((d, d in cal.owed) for d in dates[i:j]))
        i = j
    return tuple(out)


def place_split(
    cut: Split, covered: Mapping[date, date], as_of: date
) -> tuple[tuple[tuple[Slot, ...], ...], Tally]:
    """Each column's slots with their states on ``as_of`` (``occurrence_state``, inlined: this is
    the grid's inner loop), and the row's Tally; ``covered`` maps a covered occurrence to the day
    its done report arrived."""
    on_time = CellState.ON_TIME
    late = CellState.LATE
    missing = CellState.MISSING
    not_due = CellState.NOT_DUE
    not_expected = CellState.NOT_EXPECTED
    expected = n_on_time = n_late = n_missing = 0
    get = covered.get
    out = []
    for col in cut:
        slots = []
        for d, owed in col:
            received = get(d)
            if received is not None and received > as_of:
                received = None  # not known yet on the as-of day
            if not owed:
                state = not_expected
            elif received is not None:
                state = on_time if received <= d else late
            else:
                state = missing if d < as_of else not_due
            if owed and d < as_of:
                expected += 1
                if state is on_time:
                    n_on_time += 1
                elif state is late:
                    n_late += 1
                else:
                    n_missing += 1
            slots.append(Slot(d, state, received))
        out.append(tuple(slots))
    return tuple(out), Tally(expected, n_on_time, n_late, n_missing)


def owed_before(cal: Calendar, as_of: date) -> int:
    return sum(1 for d in cal.owed if d < as_of)


def quick_tally(
    cal: Calendar, covered: Mapping[date, date], as_of: date, expected: int | None = None
) -> Tally:
    """The Tally of ``place_split`` without placing anything: owed dates due before ``as_of``, and
    of those the covered ones by when their report arrived (what the scoreboard's SQL counts).
    Lets a grid hand out its figures before (or without) drawing every cell; ``expected`` is
    ``owed_before(cal, as_of)`` when the caller has it (rows sharing a calendar share it)."""
    if expected is None:
        expected = owed_before(cal, as_of)
    on_time = late = 0
    for d, received in covered.items():
        if d < as_of and received <= as_of and d in cal.owed:
            if received <= d:
                on_time += 1
            else:
                late += 1
    return Tally(expected, on_time, late, expected - on_time - late)


def column_state(
    column: tuple[tuple[date, bool], ...], covered: Mapping[date, date], as_of: date
) -> CellState:
    """The state one column of ``place_split`` shows, without building its slots (sorting a grid
    by a period column reads thousands of them)."""
    states = []
    for d, owed in column:
        received = covered.get(d)
        states.append(
            occurrence_state(d, received if received is None or received <= as_of else None, as_of, owed)
        )
    return combined_state(states)


def place(
    cal: Calendar, columns: Sequence[GridColumn], covered: Mapping[date, date], as_of: date
) -> tuple[tuple[Slot, ...], ...]:
    """Each column's slots: the calendar's due dates inside it with their states on ``as_of``."""
    return place_split(split(cal, columns), covered, as_of)[0]


@dataclass(frozen=True)
class Tally:
    """A row's figures over the grid's span, as the update rate counts them: occurrences owed and
    due before the as-of day; of those, received on time, late (by as-of) and missing."""

    expected: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.expected + other.expected,
            self.on_time + other.on_time,
            self.late + other.late,
            self.missing + other.missing,
        )


def tally(slots: Sequence[Slot], as_of: date) -> Tally:
    due = [s for s in slots if s.expected and s.occurrence < as_of]
    return Tally(
        expected=len(due),
        on_time=sum(s.state is CellState.ON_TIME for s in due),
        late=sum(s.state is CellState.LATE for s in due),
        missing=sum(s.state is CellState.MISSING for s in due),
    )


def slot_to_enter(slots: Sequence[Slot]) -> Slot | None:
    """The occurrence a new report for this column is most likely for: the earliest owed one not
    yet received, else the last owed one (a correction); None when nothing is owed here."""
    owed = [s for s in slots if s.expected]
    pending = [s for s in owed if s.state in (CellState.MISSING, CellState.NOT_DUE)]
    if pending:
        return pending[0]
    return owed[-1] if owed else None
