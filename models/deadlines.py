"""What a deadline written in a plan means, and when it falls due.

Plans state deadlines as free Vietnamese phrases ("Quý II/2026", "Trước ngày 09 hằng
tháng"). The words are always kept; this module adds the machine meaning next to them so
status can be computed, and falls back to UNKNOWN rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, NamedTuple

from dateutil.relativedelta import relativedelta

from models.textfold import fold


class DeadlineKind(StrEnum):
    ONCE = "once"
    MILESTONES = "milestones"
    RECURRING = "recurring"
    CONTINUOUS = "continuous"
    UNKNOWN = "unknown"  # empty, or words we could not understand


class Frequency(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"  # "định kỳ 6 tháng", "hằng 6 tháng": due in June and December
    YEARLY = "yearly"


@dataclass(frozen=True)
class Recurrence:
    """A repeating due date.

    ``day`` is the weekday (0=Monday) for WEEKLY, otherwise a day of month that is clamped
    to the month's end (None means the end itself: month, quarter, half-year or year end);
    quarterly and half-yearly days fall in the period's last month.
    ``month`` is for YEARLY only (None = December). ``time`` is informational.
    ``start``/``until`` bound the occurrences only when the phrase itself says so; the
    issuing date of the directive is passed separately as the anchor.
    """

    freq: Frequency
    day: int | None = None
    month: int | None = None
    time: dt.time | None = None
    start: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        low, high = (0, 6) if self.freq is Frequency.WEEKLY else (1, 31)
        if self.day is not None and not low <= self.day <= high:
            raise ValueError(f"day {self.day} out of range for {self.freq}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: DeadlineKind
    dates: tuple[date, ...] = ()
    recurrence: Recurrence | None = None

    def __post_init__(self) -> None:
        # Sorted and de-duplicated here so `due` and equality never depend on input order.
        object.__setattr__(self, "dates", tuple(sorted(set(self.dates))))
        count = len(self.dates)
        allowed = {DeadlineKind.ONCE: count == 1, DeadlineKind.MILESTONES: count >= 2}
        if not allowed.get(self.kind, count == 0):
            raise ValueError(f"{self.kind} deadline cannot have {len(self.dates)} date(s)")
        if (self.kind is DeadlineKind.RECURRING) != (self.recurrence is not None):
            raise ValueError("a recurrence goes with, and only with, a recurring deadline")

    @property
    def due(self) -> date | None:
        """The final date of a finite deadline: what "đúng hạn" is judged against."""
        return self.dates[-1] if self.dates else None

    def to_json(self) -> dict[str, Any]:
        rec = self.recurrence
        return {
            "text": self.text,
            "kind": self.kind.value,
            "dates": [d.isoformat() for d in self.dates],
            "recurrence": None if rec is None else _recurrence_to_json(rec),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Deadline:
        rec = data.get("recurrence")
        return cls(
            text=str(data.get("text", "")),
            kind=DeadlineKind(data.get("kind", DeadlineKind.UNKNOWN)),
            dates=tuple(date.fromisoformat(d) for d in data.get("dates") or ()),
            recurrence=None if not rec else _recurrence_from_json(rec),
        )


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _recurrence_to_json(rec: Recurrence) -> dict[str, Any]:
    return {
        "freq": rec.freq.value,
        "day": rec.day,
        "month": rec.month,
        "time": None if rec.time is None else rec.time.strftime("%H:%M"),
        "start": _iso(rec.start),
        "until": _iso(rec.until),
    }


def _recurrence_from_json(data: dict[str, Any]) -> Recurrence:
    def opt_date(key: str) -> date | None:
        value = data.get(key)
        return date.fromisoformat(value) if value else None

    raw_time = data.get("time")
    return Recurrence(
        freq=Frequency(data["freq"]),
        day=data.get("day"),
        month=data.get("month"),
        time=dt.time.fromisoformat(raw_time) if raw_time else None,
        start=opt_date("start"),
        until=opt_date("until"),
    )


# --------------------------------------------------------------------------- occurrences

_STEP = {
    Frequency.WEEKLY: relativedelta(weeks=1),
    Frequency.MONTHLY: relativedelta(months=1),
    Frequency.QUARTERLY: relativedelta(months=3),
    Frequency.HALF_YEARLY: relativedelta(months=6),
    Frequency.YEARLY: relativedelta(years=1),
}


def period_start(freq: Frequency, day: date) -> date:
    """First day of the week (Monday), month, quarter, half year or year holding ``day``."""
    if freq is Frequency.WEEKLY:
        return day - timedelta(days=day.weekday())
    if freq is Frequency.MONTHLY:
        return day.replace(day=1)
    if freq is Frequency.QUARTERLY:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if freq is Frequency.HALF_YEARLY:
        return date(day.year, 1 if day.month <= 6 else 7, 1)
    return date(day.year, 1, 1)


def _due_in_period(rec: Recurrence, period: date) -> date:
    """The occurrence inside the period starting at `period`; relativedelta clamps day 31."""
    last = 31 if rec.day is None else rec.day
    if rec.freq is Frequency.WEEKLY:
        return period + timedelta(days=6 if rec.day is None else rec.day)
    if rec.freq is Frequency.MONTHLY:
        return _shift(period, relativedelta(day=last))
    if rec.freq is Frequency.QUARTERLY:
        return _shift(period, relativedelta(months=2, day=last))
    if rec.freq is Frequency.HALF_YEARLY:
        return _shift(period, relativedelta(months=5, day=last))
    return _shift(period, relativedelta(month=rec.month or 12, day=last))


def _shift(day: date, delta: relativedelta) -> date:
    shifted: date = day + delta  # dateutil ships no type hints; pin the result type here
    return shifted


def _recurring(rec: Recurrence, low: date, high: date) -> Iterator[date]:
    """Occurrences in [low, high]; each period holds exactly one, in increasing order."""
    high = min(high, rec.until) if rec.until else high
    period = period_start(rec.freq, low)
    while (due := _due_in_period(rec, period)) <= high:
        if due >= low:
            yield due
        period += _STEP[rec.freq]


def _recurrence_begin(rec: Recurrence, anchor: date | None) -> date | None:
    known = [d for d in (rec.start, anchor) if d is not None]
    return max(known) if known else None


def occurrences(deadline: Deadline, start: date, end: date, anchor: date | None = None) -> list[date]:
    """Every due date in [start, end]; a recurrence never owes anything before its anchor."""
    rec = deadline.recurrence
    if rec is None:
        return [d for d in deadline.dates if start <= d <= end]
    begin = _recurrence_begin(rec, anchor)
    return list(_recurring_span(rec, max(begin or start, start), end))


@functools.lru_cache(maxsize=4096)
def _recurring_span(rec: Recurrence, low: date, high: date) -> tuple[date, ...]:
    """``_recurring`` remembered: a refresh asks for the same span of the same recurrence for
    every party of every task sharing a phrase and a directive (dateutil arithmetic dominated)."""
    return tuple(_recurring(rec, low, high))


def first_occurrence_after(deadline: Deadline, after: date, anchor: date | None = None) -> date | None:
    """The next due date strictly after `after`; a two-period window always holds one."""
    low = after + timedelta(days=1)
    rec = deadline.recurrence
    if rec is None:
        return next((d for d in deadline.dates if d >= low), None)
    low = max(_recurrence_begin(rec, anchor) or low, low)
    window = low + _STEP[rec.freq] + _STEP[rec.freq]
    return next(_recurring(rec, low, window), None)


# --------------------------------------------------------------------------- the phrase parser


class _Unparsable(ValueError):
    """The phrase names a date that cannot exist (31/2, quý V): say UNKNOWN, not a guess."""


class _Span(NamedTuple):
    first: date
    last: date


class _Found(NamedTuple):
    spans: list[_Span]
    separate: bool  # several spans are separate milestones rather than one stretch of work


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_WEEKDAYS = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5}
_LIST_SEP = r"\s*(?:,|;|&|\bva\b|-)\s*"

_NO_DEADLINE = re.compile(r"\b(?:chua (?:xac dinh|ro)|theo tien do|khi co yeu cau|dot xuat)\b")
_CONTINUOUS = re.compile(r"\b(?:thuong xuyen|lien tuc)\b")
_EVERY_HALF = re.compile(
    r"\b(?:(?:hang|moi|dinh ky) (?:6|sau) thang|(?:6|sau) thang (?:mot|1) lan|6 thang/lan"
    r"|(?:hang|moi|dinh ky) nua nam|nua nam (?:mot|1) lan)\b"
)
_EVERY = re.compile(r"\b(?:hang|moi|dinh ky)\s+(tuan|thang|quy|nam)\b")
_QUARTER_LAST_MONTH = re.compile(r"\bthang cuoi (?:cua )?(?:moi |hang )?quy\b")
_OTHER_QUARTER_MONTH = re.compile(r"\bthang (?:dau|giua)\b|\bquy sau\b")
_TIME = re.compile(r"\b(\d{1,2})\s*(?:h|gio|:)\s*(\d{2})?\b")
_WEEKDAY = re.compile(r"\bthu (hai|ba|tu|nam|sau|bay|[2-7])\b|\b(chu nhat|cn)\b")
_DAY_OF_MONTH = re.compile(r"\b(?:ngay|mung|mong) (\d{1,2})\b")
_FROM = re.compile(r"\btu (.+?)(?=\bden\b|[,;]|$)")
_UNTIL = re.compile(r"\b(?:den|toi) (?:het )?(.+?)(?=[,;]|$)")

_FULL_DATE = re.compile(r"(?<!thang )(?<!quy )\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_DAY_MONTH = re.compile(r"(?<!thang )(?<!quy )(?<![\d/.-])\b(\d{1,2})[/.-](\d{1,2})\b(?![/.-]\d)")
_MONTHS = re.compile(rf"\bthang (\d{{1,2}}(?:{_LIST_SEP}(?:thang )?\d{{1,2}})*)(?:/(\d{{4}}))?\b")
_QUARTERS = re.compile(rf"\bquy ([ivx\d]+(?:{_LIST_SEP}(?:quy )?[ivx\d]+)*)(?:/(\d{{4}}))?\b")
_HALF = re.compile(r"\b(?:(\d{1,2}) thang|nua) (dau|cuoi) nam(?: (\d{4}))?\b")
_YEAR_RANGE = re.compile(r"\b(\d{4})\s*(?:-|den|toi)\s*(?:het )?(?:nam )?(\d{4})\b")
_YEAR = re.compile(r"\b((?:19|2\d)\d{2})\b")
_RANGE_WORDS = re.compile(r"\btu\b.*\bden\b")


def _normalize(text: str) -> str:
    """Fold, then rewrite "năm" spellings to slashes so one set of patterns fits both."""
    t = fold(text.replace("–", "-").replace("—", "-"))
    t = re.sub(r"\s*/\s*", "/", t)
    t = re.sub(r"\bngay (\d{1,2}) thang (\d{1,2}),? nam (\d{4})\b", r"\1/\2/\3", t)
    t = re.sub(r"\bngay (\d{1,2}) thang (\d{1,2})\b", r"ngay \1/\2", t)
    return re.sub(r"\b(\d{1,2}|[ivx]+),? nam (\d{4})\b", r"\1/\2", t)


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise _Unparsable(str(exc)) from exc


def _month_span(year: int, month: int) -> _Span:
    first = _date(year, month, 1)
    return _Span(first, first + relativedelta(day=31))


def _quarter_span(year: int, token: str) -> _Span:
    if token not in _ROMAN:
        raise _Unparsable(f"quý {token}")
    last_month = 3 * _ROMAN[token]
    return _Span(_date(year, last_month - 2, 1), _month_span(year, last_month).last)


def _year_span(first: int, last: int | None = None) -> _Span:
    return _Span(_date(first, 1, 1), _date(last or first, 12, 31))


def _need(year: int | None) -> int:
    if year is None:
        raise _Unparsable("no year in the phrase and no reference date")
    return year


def _split_list(listed: str, lead_word: str) -> list[str]:
    return re.split(rf"{_LIST_SEP}(?:{lead_word} )?", listed)


def _full_dates(t: str, year: int | None) -> _Found | None:
    spans = [_Span(d, d) for d in (_date(int(y), int(m), int(dd)) for dd, m, y in _FULL_DATE.findall(t))]
    return _Found(spans, separate=not _RANGE_WORDS.search(t)) if spans else None


def _months(t: str, year: int | None) -> _Found | None:
    spans: list[_Span] = []
    ranged = False
    for match in _MONTHS.finditer(t):
        listed, explicit = match.groups()
        ranged = ranged or "-" in listed
        group_year = int(explicit) if explicit else _need(year)
        spans += [_month_span(group_year, int(m)) for m in _split_list(listed, "thang")]
    return _Found(spans, separate=not ranged) if spans else None


def _quarters(t: str, year: int | None) -> _Found | None:
    # Quarters name stretches of work ("Quý II, III/2026"), so only the last one is due.
    spans: list[_Span] = []
    for match in _QUARTERS.finditer(t):
        listed, explicit = match.groups()
        group_year = int(explicit) if explicit else _need(year)
        spans += [_quarter_span(group_year, q) for q in _split_list(listed, "quy")]
    return _Found(spans, separate=False) if spans else None


def _halves(t: str, year: int | None) -> _Found | None:
    match = _HALF.search(t)
    if match is None:
        return None
    count, side, explicit = match.groups()
    months = int(count) if count else 6
    if not 1 <= months <= 12:
        raise _Unparsable(f"{months} tháng")
    y = int(explicit) if explicit else _need(year)
    first_month = 1 if side == "dau" else 13 - months
    last_month = months if side == "dau" else 12
    return _Found([_Span(_date(y, first_month, 1), _month_span(y, last_month).last)], separate=False)


def _day_months(t: str, year: int | None) -> _Found | None:
    pairs = _DAY_MONTH.findall(t)
    spans = [_Span(d, d) for d in (_date(_need(year), int(m), int(dd)) for dd, m in pairs)]
    return _Found(spans, separate=not _RANGE_WORDS.search(t)) if spans else None


def _year_ranges(t: str, year: int | None) -> _Found | None:
    match = _YEAR_RANGE.search(t)
    if match is None:
        return None
    first, last = int(match.group(1)), int(match.group(2))
    if last < first:
        raise _Unparsable(f"{first} - {last}")
    return _Found([_year_span(first, last)], separate=False)


def _years(t: str, year: int | None) -> _Found | None:
    found = [int(y) for y in _YEAR.findall(t)]
    return _Found([_year_span(min(found), max(found))], separate=False) if found else None


# Most specific first: a full date also contains a year, a month list a month.
_MATCHERS = (_full_dates, _months, _quarters, _halves, _day_months, _year_ranges, _years)


def _find(t: str, year: int | None) -> _Found | None:
    for matcher in _MATCHERS:
        found = matcher(t, year)
        if found is not None:
            return found
    return None


def _default_year(t: str, reference: date | None) -> int | None:
    """A list like "tháng 6 và tháng 12/2026" or a bare "15/7" borrows the nearest known year."""
    years = _YEAR.findall(t)
    if years:
        return int(years[-1])
    return reference.year if reference else None


def _weekday(t: str) -> int | None:
    match = _WEEKDAY.search(t)
    if match is None:
        return None
    word, sunday = match.groups()
    if sunday:
        return 6
    return _WEEKDAYS[word] if word in _WEEKDAYS else int(word) - 2


def _day_of_month(t: str) -> int | None:
    match = _DAY_OF_MONTH.search(t)
    if match is None:
        return None
    day = int(match.group(1))
    if not 1 <= day <= 31:
        raise _Unparsable(f"ngày {day}")
    return day


def _yearly_day_month(t: str) -> tuple[int | None, int | None]:
    pair = re.search(r"\b(\d{1,2})[/.-](\d{1,2})\b", t)
    if pair:
        day, month = int(pair.group(1)), int(pair.group(2))
        _date(2000, month, day)  # a leap year, so 29/2 is accepted and clamped later
        return day, month
    month_only = re.search(r"\bthang (\d{1,2})\b", t)
    if month_only:
        month = int(month_only.group(1))
        _month_span(2000, month)
        return None, month
    return None, None


def _clock(t: str) -> dt.time | None:
    match = _TIME.search(t)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise _Unparsable(f"{hour}h{minute}")
    return dt.time(hour, minute)


def _bound(pattern: re.Pattern[str], t: str, year: int | None, at_end: bool) -> date | None:
    match = pattern.search(t)
    found = _find(match.group(1), year) if match else None
    if found is None:
        return None
    return max(s.last for s in found.spans) if at_end else min(s.first for s in found.spans)


def _frequency(t: str) -> Frequency | None:
    if _EVERY_HALF.search(t):
        return Frequency.HALF_YEARLY
    every = _EVERY.search(t)
    if every:
        words = {"tuan": Frequency.WEEKLY, "thang": Frequency.MONTHLY, "quy": Frequency.QUARTERLY}
        return words.get(every.group(1), Frequency.YEARLY)
    return Frequency.QUARTERLY if _QUARTER_LAST_MONTH.search(t) else None


def _recurrence(t: str, reference: date | None) -> Recurrence | None:
    freq = _frequency(t)
    if freq is None:
        return None
    day: int | None = None
    month: int | None = None
    if freq is Frequency.WEEKLY:
        day = _weekday(t)
    elif freq is Frequency.YEARLY:
        day, month = _yearly_day_month(t)
    elif freq is Frequency.QUARTERLY and _OTHER_QUARTER_MONTH.search(t):
        raise _Unparsable("only days in the last month of a quarter are representable")
    else:
        day = _day_of_month(t)
    year = _default_year(t, reference)
    return Recurrence(
        freq,
        day=day,
        month=month,
        time=_clock(t),
        start=_bound(_FROM, t, year, at_end=False),
        until=_bound(_UNTIL, t, year, at_end=True),
    )


def _from_spans(text: str, found: _Found) -> Deadline:
    ends = sorted({span.last for span in found.spans})
    if found.separate and len(ends) > 1:
        return Deadline(text, DeadlineKind.MILESTONES, dates=tuple(ends))
    return Deadline(text, DeadlineKind.ONCE, dates=(ends[-1],))


def parse_deadline(text: str, reference: date | None = None) -> Deadline:
    """Read a deadline phrase; `reference` (usually the issuing date) supplies a missing year.

    Anything not understood, including impossible dates, becomes UNKNOWN with the words kept.
    """
    t = _normalize(text)
    unknown = Deadline(text, DeadlineKind.UNKNOWN)
    if not t or _NO_DEADLINE.search(t):
        return unknown
    try:
        recurrence = _recurrence(t, reference)
        if recurrence is not None:
            return Deadline(text, DeadlineKind.RECURRING, recurrence=recurrence)
        if _CONTINUOUS.search(t):
            return Deadline(text, DeadlineKind.CONTINUOUS)
        found = _find(t, _default_year(t, reference))
    except ValueError:
        return unknown
    return unknown if found is None else _from_spans(text, found)
