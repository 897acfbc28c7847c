"""What a recurring duty has missed, apart from when it is next due.

A monthly report "Trước ngày 09 hằng tháng" issued on 10/04/2026 and never answered owes, on
26/11/2026, the reports due 09/05 … 09/11: status only keeps the first of them (the cached
``first_unmet``), which a list would show as "Hạn tiếp theo 09/05/2026" although that day is
long gone. This module says both things apart: "chưa báo cáo 7 kỳ, từ tháng 4/2026" and the
next due date, 09/12/2026. Pure (no Qt, no database); occurrences and report matching are
those of `models.status` (`coverage`), so the count never disagrees with the status.

Which period a due date reports on: a due date in the first half of its period reports on
the period just ended ("báo cáo tháng gửi trước ngày 09 tháng sau": due 09/05 → tháng 4), a
later one on the period it falls in (due 25/05 or end of May → tháng 5). In numbers: monthly
on day 1–15, weekly on Monday–Wednesday, yearly in January–June look back one period;
quarterly and half-yearly due dates always fall in the period's last month, so they report on
their own quarter or half.

Milestones are owed the same way (see `models.status`): a milestone passed without a done
report covering it is missed, named by its date and the plan's words ("chưa báo cáo mốc
31/12/2026 (Khởi động quý IV/2026)"), and the next due date is the next milestone uncovered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from models.deadlines import Deadline, DeadlineKind, Frequency, Recurrence, period_start
from models.periods import Period as NamedPeriod
from models.periods import PeriodKind
from models.status import ReportMark, tracked_coverage

# How far ahead occurrences are enumerated to find the next one not yet reported (reports may
# be sent ahead); the same margin as app/services/progress.HORIZON_DAYS.
_AHEAD_DAYS = 400


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: its frequency and first day (Monday, 1st of month/quarter/half/year)."""

    start: date
    freq: Frequency

    def _period(self) -> NamedPeriod:
        """The month, quarter, half or year this is, as models.periods names them everywhere."""
        s = self.start
        kind = _PERIOD_KIND.get(self.freq, PeriodKind.YEAR)
        months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6}.get(kind, 12)
        return NamedPeriod(s.year, kind, (s.month - 1) // months + 1)

    noun = "kỳ"

    def label(self) -> str:
        """``tháng 4/2026``, ``quý 2/2026``, ``tuần từ 16/3/2026``, ``6 tháng đầu năm 2026``, ``năm 2026``
        (mid-sentence: «chưa báo cáo 7 kỳ, từ tháng 4/2026»)."""
        s = self.start
        if self.freq is Frequency.WEEKLY:
            return f"tuần từ {s.day}/{s.month}/{s.year}"
        text = self._period().label
        return text[0].lower() + text[1:]

    def key(self) -> str:
        """The ISO-like form for JSON: ``2026-04``, ``2026-Q2``, ``2026-W12``, ``2026-H1``, ``2026``."""
        if self.freq is Frequency.WEEKLY:
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return self._period().code


@dataclass(frozen=True, order=True)
class Step:
    """A milestone owed: its date and the plan's words for it; said like a period."""

    due: date
    words: str = ""
    noun = "mốc"

    def label(self) -> str:
        """``31/12/2026 (Khởi động quý IV/2026)``: the date, then what is due on it."""
        day = self.due.strftime("%d/%m/%Y")
        return f"{day} ({self.words})" if self.words else day

    def key(self) -> str:
        """The milestone's date for JSON: ``2026-12-31``."""
        return self.due.isoformat()


# The kinds of deadline whose passed due dates are counted one by one.
OWED_ONE_BY_ONE = frozenset({DeadlineKind.RECURRING.value, DeadlineKind.MILESTONES.value})


_PERIOD_KIND = {
    Frequency.MONTHLY: PeriodKind.MONTH,
    Frequency.QUARTERLY: PeriodKind.QUARTER,
    Frequency.HALF_YEARLY: PeriodKind.HALF,
    Frequency.YEARLY: PeriodKind.YEAR,
}


_BACK = {
    Frequency.WEEKLY: relativedelta(weeks=1),
    Frequency.MONTHLY: relativedelta(months=1),
    Frequency.YEARLY: relativedelta(years=1),
}


def _looks_back(rec: Recurrence, due: date) -> bool:
    """True when a due date sits in the first half of its period (see the module docstring)."""
    if rec.freq is Frequency.WEEKLY:
        return due.weekday() <= 2
    if rec.freq is Frequency.MONTHLY:
        return due.day <= 15
    if rec.freq is Frequency.YEARLY:
        return due.month <= 6
    return False


def period_of(rec: Recurrence, due: date) -> Period:
    """The period the report due on ``due`` is about."""
    start = period_start(rec.freq, due)
    if _looks_back(rec, due):
        shifted: date = start - _BACK[rec.freq]
        start = period_start(rec.freq, shifted)
    return Period(start, rec.freq)


@dataclass(frozen=True)
class Missed:
    """A recurring duty on a day: the due dates passed without a done report, and the next one."""

    as_of: date
    periods: tuple[Period | Step, ...]  # oldest first, one per missed due date
    due_dates: tuple[date, ...]
    next_due: date | None  # the first occurrence on or after as_of not yet reported

    @property
    def count(self) -> int:
        return len(self.due_dates)

    @property
    def first(self) -> Period | Step | None:
        return self.periods[0] if self.periods else None

    @property
    def noun(self) -> str:
        """``kỳ`` for a recurring duty's periods, ``mốc`` for milestones."""
        return self.periods[0].noun if self.periods else "kỳ"

    def periods_text(self) -> str:
        """Which periods are owed, as a letter says it: ``chưa báo cáo tháng 8, 9, 10/2026``."""
        if self.noun == "mốc":
            return self.text()  # milestones are said by their dates and words, not as periods
        phrase = periods_phrase([p for p in self.periods if isinstance(p, Period)])
        return f"chưa báo cáo {phrase}" if phrase else ""

    def text(self) -> str:
        """``chưa báo cáo 7 kỳ, từ tháng 4/2026`` (one: ``chưa báo cáo kỳ tháng 10/2026``); for
        milestones ``chưa báo cáo mốc 31/12/2026 (Khởi động …)``; "" if none."""
        if not self.periods:
            return ""
        first, noun = self.periods[0], self.noun
        if len(self.periods) == 1:
            return f"chưa báo cáo {noun} {first.label()}"
        since = f"mốc {first.label()}" if isinstance(first, Step) else first.label()
        return f"chưa báo cáo {len(self.periods)} {noun}, từ {since}"


LISTED_AT_MOST = 8  # more missed periods than this are said as a range, not one by one


def periods_phrase(periods: Sequence[Period]) -> str:
    """``tháng 8, 9, 10/2026``; ``tháng 11, 12/2025, tháng 1/2026``; ``quý 2, 3/2026``;
    ``năm 2025, 2026``; weeks and half years by their labels. More than ``LISTED_AT_MOST``:
    ``12 kỳ, từ tháng 4/2025 đến tháng 3/2026``. "" for none."""
    if not periods:
        return ""
    if len(periods) > LISTED_AT_MOST:
        return f"{len(periods)} kỳ, từ {periods[0].label()} đến {periods[-1].label()}"
    freq = periods[0].freq
    if any(p.freq is not freq for p in periods) or freq in (Frequency.WEEKLY, Frequency.HALF_YEARLY):
        return ", ".join(p.label() for p in periods)
    if freq is Frequency.YEARLY:
        return "năm " + ", ".join(str(p.start.year) for p in periods)
    word = "tháng" if freq is Frequency.MONTHLY else "quý"
    runs: list[tuple[int, list[int]]] = []
    for p in periods:
        n = p.start.month if freq is Frequency.MONTHLY else (p.start.month - 1) // 3 + 1
        if runs and runs[-1][0] == p.start.year:
            runs[-1][1].append(n)
        else:
            runs.append((p.start.year, [n]))
    return ", ".join(f"{word} {', '.join(map(str, ns))}/{year}" for year, ns in runs)


def _dmy(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def list_cell(m: Missed) -> str:
    """The task list's "Hạn tiếp theo" cell: ``Thiếu 7 kỳ, 09/12/2026``; the count first, so a
    narrow column still shows why a task due in December is overdue."""
    due = _dmy(m.next_due) if m.next_due is not None else "hết hạn"
    return f"Thiếu {m.count} {m.noun}, {due}" if m.count else due


def terminal_cell(m: Missed) -> str:
    """The task list's cell on a terminal, which has no tooltip to say which period a date is:
    ``Thiếu 1 kỳ (6 tháng đầu năm 2026), hạn tiếp theo 31/12/2026`` — the missed period named,
    the date said to be the next one (``Thiếu 1 kỳ, 31/12/2026`` read as the missed period)."""
    if not m.count or not m.periods:
        return list_cell(m)
    first = m.periods[0]
    since = first.label() if len(m.periods) == 1 else f"từ {first.label()}"
    due = f"hạn tiếp theo {_dmy(m.next_due)}" if m.next_due is not None else "hết hạn"
    return f"Thiếu {m.count} {m.noun} ({since}), {due}"


def summary(m: Missed) -> str:
    """One sentence for a tooltip, the detail panel, a terminal:
    ``Chưa báo cáo 7 kỳ, từ tháng 4/2026 (hạn 09/05/2026); hạn tiếp theo 09/12/2026``."""
    parts = []
    if m.count:
        text = m.text()
        parts.append(f"{text[0].upper()}{text[1:]} (hạn {_dmy(m.due_dates[0])})")
    parts.append(f"hạn tiếp theo {_dmy(m.next_due)}" if m.next_due is not None else "không còn kỳ nào sau")
    joined = "; ".join(parts)
    return joined[0].upper() + joined[1:]


def missed_periods(
    deadline: Deadline,
    reports: Sequence[ReportMark],
    anchor: date | None,
    as_of: date,
    shared: Sequence[Sequence[ReportMark]] = (),
) -> Missed | None:
    """What a recurring deadline, or one of milestones, has missed on ``as_of``; None for any
    other kind of deadline.

    A due date on ``as_of`` itself is not missed yet (as in `models.status.status_of`): it is
    the next due date. Reports are matched to occurrences exactly as status matches them.
    """
    rec = deadline.recurrence
    if rec is None and deadline.kind is not DeadlineKind.MILESTONES:
        return None
    horizon = as_of + timedelta(days=_AHEAD_DAYS)
    tracked, covered = tracked_coverage(deadline, reports, anchor, horizon, shared)
    missed = [d for d in tracked if d < as_of and d not in covered]
    upcoming = (d for d in tracked if d >= as_of and d not in covered)
    if rec is None:
        words = {m.due: m.words for m in deadline.milestones}
        named: tuple[Period | Step, ...] = tuple(Step(d, words.get(d, "")) for d in missed)
    else:
        named = tuple(period_of(rec, d) for d in missed)
    return Missed(
        as_of=as_of,
        periods=named,
        due_dates=tuple(missed),
        next_due=next(upcoming, None),
    )


def merge(parts: Iterable[Missed | None]) -> Missed | None:
    """Several parties' view of one task (joint leads): a due date is missed if any missed it."""
    found = [m for m in parts if m is not None]
    if not found:
        return None
    pairs = sorted({(d, p) for m in found for d, p in zip(m.due_dates, m.periods, strict=True)})
    nexts = [m.next_due for m in found if m.next_due is not None]
    return Missed(
        as_of=found[0].as_of,
        periods=tuple(p for _, p in pairs),
        due_dates=tuple(d for d, _ in pairs),
        next_due=min(nexts, default=None),
    )
