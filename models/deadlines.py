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
from itertools import pairwise
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
class Milestone:
    """One step of a progress sentence ("hoàn thành giai đoạn 1 quý II/2027") and its due date."""

    due: date
    words: str


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: DeadlineKind
    dates: tuple[date, ...] = ()
    recurrence: Recurrence | None = None
    # The words of each milestone, when the phrase names them ("Khởi động quý IV/2026; …");
    # empty for a bare list of dates. `dates` stays the source of truth for due dates.
    milestones: tuple[Milestone, ...] = ()
    # First day of the stretch of work a one-off deadline closes, when the phrase names
    # several periods ("Quý II, III/2026" → 01/04/2026); shown, never used for status.
    start: date | None = None

    def __post_init__(self) -> None:
        steps = tuple(sorted(self.milestones, key=lambda m: m.due))
        object.__setattr__(self, "milestones", steps)
        # Sorted and de-duplicated here so `due` and equality never depend on input order.
        dates = self.dates or tuple(m.due for m in steps)
        object.__setattr__(self, "dates", tuple(sorted(set(dates))))
        if steps and (self.kind is not DeadlineKind.MILESTONES or {m.due for m in steps} != set(self.dates)):
            raise ValueError("milestone words go with a milestones deadline and cover its dates")
        if self.start is not None and (self.kind is not DeadlineKind.ONCE or self.start > self.dates[0]):
            raise ValueError("a stretch start goes with a one-off deadline, before its date")
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
        out: dict[str, Any] = {
            "text": self.text,
            "kind": self.kind.value,
            "dates": [d.isoformat() for d in self.dates],
            "recurrence": None if rec is None else _recurrence_to_json(rec),
        }
        # Only when present, so deadlines stored before keep their exact shape.
        if self.milestones:
            out["milestones"] = [{"due": m.due.isoformat(), "words": m.words} for m in self.milestones]
        if self.start is not None:
            out["start"] = self.start.isoformat()
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Deadline:
        rec = data.get("recurrence")
        return cls(
            text=str(data.get("text", "")),
            kind=DeadlineKind(data.get("kind", DeadlineKind.UNKNOWN)),
            dates=tuple(date.fromisoformat(d) for d in data.get("dates") or ()),
            recurrence=None if not rec else _recurrence_from_json(rec),
            milestones=tuple(
                Milestone(date.fromisoformat(m["due"]), str(m.get("words", "")))
                for m in data.get("milestones") or ()
            ),
            start=date.fromisoformat(data["start"]) if data.get("start") else None,
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
# A deadline that waits on an event ("Sau khi Đề án được phê duyệt", "Trong vòng 30 ngày kể từ
# ngày ban hành"): no date can be read from the words alone, whatever dates they also name.
_CONDITIONAL = re.compile(
    r"\b(?:sau khi|ngay sau|ke tu (?:khi|ngay (?!\d))|trong vong \d+ (?:ngay|tuan|thang))\b"
)
# Only when work starts ("Từ năm 2026", "Triển khai từ quý III/2026"): its date is no deadline.
_ONLY_START = re.compile(
    r"^(?:(?:thuc hien|trien khai|bat dau|ap dung)\s+)?tu\b"
    r"(?!.*(?:\b(?:den|toi|truoc|hoan thanh|cham nhat|han)\b|\d\s*-\s*\d))"
)
_CONTINUOUS = re.compile(r"\b(?:thuong xuyen|lien tuc|hang ngay|moi ngay)\b")
# A day of the month the report is sent in, or the month after the period it covers:
# "Gửi trước ngày 09 của tháng báo cáo", "trước ngày 05 của tháng sau" (monthly, on that day).
_MONTH_AFTER = re.compile(r"\bngay \d{1,2} (?:cua )?thang (?:sau|tiep theo|ke tiep|bao cao)\b")
_EVERY_HALF = re.compile(
    r"\b(?:(?:hang|moi|dinh ky) (?:0?6|sau) thang|(?:0?6|sau) thang (?:mot|1) lan|0?6 thang/lan"
    r"|(?:hang|moi|dinh ky) nua nam|nua nam (?:mot|1) lan)\b"
)
_EVERY = re.compile(r"\b(?:hang|moi|dinh ky)\s+(tuan|thang|quy|nam)\b")
# "2025 và những năm tiếp theo", "Năm 2026 và các năm tiếp theo", "từ năm 2026 trở đi"
_FOLLOWING_YEARS = re.compile(
    r"\b(?:tu )?(?:nam )?(\d{4})\s*(?:,|va|-)?\s*(?:(?:duy tri|tiep tuc|thuc hien|trien khai) )?(?:trong )?"
    r"(?:(?:nhung|cac) nam (?:tiep theo|sau|ke tiep|tiep)|tro di|ve sau)\b"
)
_QUARTER_LAST_MONTH = re.compile(r"\bthang cuoi (?:cua )?(?:moi |hang )?quy\b")
_OTHER_QUARTER_MONTH = re.compile(r"\bthang (?:dau|giua)\b|\bquy sau\b")
_TIME = re.compile(r"\b(\d{1,2})\s*(?:h|gio|:)\s*(\d{2})?\b")
_WEEKDAY = re.compile(r"\bthu (hai|ba|tu|nam|sau|bay|[2-7])\b|\b(chu nhat|cn)\b")
_DAY_OF_MONTH = re.compile(r"\b(?:ngay|mung|mong) (\d{1,2})\b(?![/.-]\d)")  # not "ngày 01/5/2026"
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
# Periods named by years that are not calendar years: a school year ("năm học 2026-2027" runs
# roughly September to May, set each year by the ministry), a fiscal or academic term
# ("niên độ", "niên khóa"), a term of office ("nhiệm kỳ 2025-2030", whose end is a congress, not
# 31/12), a crop season ("vụ Đông Xuân 2026-2027"). Reading their years as a calendar range would
# give a date shown as understood but wrong: flagged instead.
_NOT_CALENDAR = re.compile(
    r"\b(?:nam hoc|nien hoc|nien do|nien khoa|nhiem ky|vu (?:dong xuan|he thu|mua|thu dong))\b"
)


_SHORT_MONTH = re.compile(r"\bth?\.?\s?(\d{1,2})(?=[/.-]\d{4}\b)")  # "T6/2026", "Th6/2026"
# "II/2026": a quarter written without "quý"; not after words that number other things
# ("giai đoạn II/2026", "đợt II/2026"), which stay unread and are flagged.
_BARE_QUARTER = re.compile(r"(?<![\w/.-])(i{1,3}|iv)/(\d{4})\b")
_NUMBERED_THING = re.compile(r"\b(?:quy|thang|giai doan|dot|phan|muc|ky|buoc|phase|khoa)\s*$")
# "Đầu năm 2027", "giữa năm", "đầu quý III": a part of a period that no date pins down.
_VAGUE_PART = re.compile(r"(?<!thang )\b(?:dau|giua)\s+(?:nam|quy|thang)\b")
# "25/12 - 5/1", "25/12/2026 - 05/01/2027": a stretch of days from one date to another.
_DATE_RANGE = re.compile(
    r"(?<![\w/.-])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?\s*(?:-|den|toi)\s*"
    r"(?:ngay\s+)?(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}))?(?![\w/.-])"
)
# "Tháng 11/2026 - Tháng 3/2027": two months joined as one stretch, like "Tháng 6-9/2026".
_MONTH_TO_MONTH = re.compile(r"^\s*(?:-|den|toi)\s*(?:het\s+)?$")
_BARE_MONTH_YEAR = re.compile(r"(?<![\w/.-])(\d{1,2})[/.-](\d{4})\b(?![/.-]\d)")
_LISTED_BEFORE = re.compile(rf"\b(?:quy|thang) [ivx\d]+(?:{_LIST_SEP}[ivx\d]+)*{_LIST_SEP}$")


# "18 - 26/9": a stretch of days, due on its last; the first day alone is no date.
_DAY_RANGE = re.compile(r"(?<![\w/.-])\d{1,2}\s*-\s*(\d{1,2}[/.]\d{1,2})\b")
_MONTH_OR_QUARTER_YEAR = re.compile(r"\b(\d{1,2}|[ivx]+),? nam (\d{4})\b")


def _listed_after_month_or_quarter(before: str) -> bool:
    return before.endswith(("quy ", "thang ")) or _LISTED_BEFORE.search(before) is not None


def _slash_year(match: re.Match[str]) -> str:
    """ "tháng 2 năm 2026" → "tháng 2/2026", but "giai đoạn 2 năm 2028" keeps its words."""
    if _listed_after_month_or_quarter(match.string[: match.start()]):
        return f"{match.group(1)}/{match.group(2)}"
    return match.group(0)


def _numbered_roman(t: str) -> bool:
    """ "Giai đoạn II/2026": a numbered stage with a year, which no date of its own pins down."""
    return any(not re.search(r"\b(?:quy|thang)\s*$", t[: m.start()]) for m in _BARE_QUARTER.finditer(t))


def _bare_quarter(match: re.Match[str]) -> str:
    if _NUMBERED_THING.search(match.string[: match.start()]):
        return match.group(0)
    return f"quy {match.group(1)}/{match.group(2)}"


def _month_year(match: re.Match[str]) -> str:
    """ "6/2025" is the month of June 2025, unless it ends a list begun by "quý"/"tháng"."""
    if _listed_after_month_or_quarter(match.string[: match.start()]):
        return match.group(0)
    return f"thang {match.group(1)}/{match.group(2)}"


def _normalize(text: str) -> str:
    """Fold, then rewrite "năm" spellings to slashes so one set of patterns fits both.

    A bare month and year ("6/2025", "06/2025", "T6/2026") becomes "tháng 6/2025": it
    names that month, never the whole year.
    """
    t = fold(text.replace("–", "-").replace("—", "-"))
    t = re.sub(r"\s*/\s*", "/", t)
    t = re.sub(r"\bngay (\d{1,2}) thang (\d{1,2}),? nam (\d{4})\b", r"\1/\2/\3", t)
    t = re.sub(r"\bngay (\d{1,2}) thang (\d{1,2})\b", r"ngay \1/\2", t)
    t = _MONTH_OR_QUARTER_YEAR.sub(_slash_year, t)
    t = _DAY_RANGE.sub(r"\1", t)
    t = _SHORT_MONTH.sub(r"thang \1", t)
    t = _BARE_QUARTER.sub(_bare_quarter, t)
    return _BARE_MONTH_YEAR.sub(_month_year, t)


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
    end = None
    for match in _MONTHS.finditer(t):
        listed, explicit = match.groups()
        joined = end is not None and _MONTH_TO_MONTH.match(t[end : match.start()]) is not None
        ranged = ranged or "-" in listed or joined
        end = match.end()
        group_year = int(explicit) if explicit else _need(year)
        spans += [_month_span(group_year, int(m)) for m in _split_list(listed, "thang")]
    return _Found(spans, separate=not ranged and not _RANGE_WORDS.search(t)) if spans else None


def _quarters(t: str, year: int | None) -> _Found | None:
    # Consecutive quarters ("Quý II, III/2026") name one stretch of work, due at the end of the
    # last; the reading says the stretch ("thực hiện từ 01/04/2026"). The plans' own progress
    # reports bear this out: "60% by 20/9" is on time for "Quý II, III". Quarters with a gap
    # ("Quý II và quý IV/2026") are separate milestones.
    spans: list[_Span] = []
    for match in _QUARTERS.finditer(t):
        listed, explicit = match.groups()
        group_year = int(explicit) if explicit else _need(year)
        spans += [_quarter_span(group_year, q) for q in _split_list(listed, "quy")]
    ordered = sorted(spans)
    gaps = any(b.first - a.last > timedelta(days=1) for a, b in pairwise(ordered))
    return _Found(spans, separate=gaps and not _RANGE_WORDS.search(t)) if spans else None


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


def _date_ranges(t: str, year: int | None) -> _Found | None:
    """ "25/12 - 5/1": from one day to another, the first written without its year. The stretch
    ends on its last day, in the next year when that day comes earlier in the calendar."""
    match = _DATE_RANGE.search(t)
    if match is None or match.group(3):
        return None  # both years written: the full dates' own rules (a list or a range)
    d1, m1, _, d2, m2, y2 = match.groups()
    first, last = (int(m1), int(d1)), (int(m2), int(d2))
    if y2:
        end_year = int(y2)
        start_year = end_year if first <= last else end_year - 1
    else:
        start_year = _need(year)
        end_year = start_year if first <= last else start_year + 1
    start, end = _date(start_year, first[0], first[1]), _date(end_year, last[0], last[1])
    return _Found([_Span(start, start), _Span(end, end)], separate=False)


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
_MATCHERS = (_date_ranges, _full_dates, _months, _quarters, _halves, _day_months, _year_ranges, _years)


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


_YEARLY_PAIR = re.compile(r"(?<![\d/.-])\b(\d{1,2})[/.-](\d{1,2})\b(?![/.-]\d)")
# The months of a year that another frequency's occurrences fall in (day clamped alike).
_MONTH_SETS = {(6, 12): Frequency.HALF_YEARLY, (3, 6, 9, 12): Frequency.QUARTERLY}


def _days_a_year(t: str) -> tuple[list[int], set[int]]:
    """The months, and the days in them, a yearly phrase names: "15/6 và 15/12" → ([6, 12], {15});
    "ngày 25 tháng 6 và tháng 12" → ([6, 12], {25}); months of a dated list ("tháng 6/2026") are
    no yearly days."""
    pairs = {(int(d), int(m)) for d, m in _YEARLY_PAIR.findall(t)}
    months = [m for _, m in pairs]
    days = {d for d, _ in pairs}
    for match in _MONTHS.finditer(t):
        if not match.group(2):
            months += [int(m) for m in _split_list(match.group(1), "thang")]
    named_day = _day_of_month(t)
    if named_day is not None:
        days.add(named_day)
    return sorted(months), days


def _yearly_several(t: str) -> tuple[Frequency, int | None] | None:
    """ "Trước ngày 15/6 và 15/12 hằng năm": several days a year, when another frequency fits.

    Returns None when at most one month is written; raises when the days cannot be one
    recurrence ("15/3 và 20/9 hằng năm"), so the phrase is flagged, not cut to its first day.
    """
    months, days = _days_a_year(t)
    if len(months) < 2:
        return None
    freq = _MONTH_SETS.get(tuple(months))
    if freq is None or len(days) > 1:
        raise _Unparsable("several days a year that no recurrence holds")
    return freq, days.pop() if days else None


def _half_yearly_day(t: str) -> int | None:
    """The day of a half-yearly duty: "Định kỳ 6 tháng (trước 15/6 và 15/12)" → 15; days in
    other months than June and December cannot be one (flagged)."""
    months, days = _days_a_year(t)
    if len(days) > 1 or not set(months) <= {6, 12}:
        raise _Unparsable("a half-yearly day outside June and December")
    return days.pop() if days else None


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
    if _MONTH_AFTER.search(t):
        return Frequency.MONTHLY
    if _QUARTER_LAST_MONTH.search(t):
        return Frequency.QUARTERLY
    return Frequency.YEARLY if _FOLLOWING_YEARS.search(t) else None


def _recurrence(t: str, reference: date | None) -> Recurrence | None:
    freq = _frequency(t)
    if freq is None:
        return None
    day: int | None = None
    month: int | None = None
    if freq not in (Frequency.WEEKLY, Frequency.MONTHLY) and _MONTH_AFTER.search(t):
        raise _Unparsable("a day in the month after a quarter, half or year is not representable")
    if freq is Frequency.WEEKLY:
        day = _weekday(t)
    elif freq is Frequency.YEARLY and (several := _yearly_several(t)) is not None:
        freq, day = several
    elif freq is Frequency.YEARLY:
        day, month = _yearly_day_month(t)
    elif freq is Frequency.HALF_YEARLY:
        day = _half_yearly_day(t)
    elif freq is Frequency.QUARTERLY and _OTHER_QUARTER_MONTH.search(t):
        raise _Unparsable("only days in the last month of a quarter are representable")
    else:
        day = _day_of_month(t)
    year = _default_year(t, reference)
    start = _bound(_FROM, t, year, at_end=False)
    following = _FOLLOWING_YEARS.search(t)
    if start is None and following is not None:
        start = date(int(following.group(1)), 1, 1)
    first = _first_named_period(t) if start is None else None
    if first is not None:
        # "Tháng 12/2026 và hằng năm", "Quý II/2026 và hằng năm": from that year, in that month
        start = period_start(freq, first.first)
        if freq is Frequency.YEARLY and day is None and (month is None or month == first.last.month):
            month = first.last.month
            day = first.last.day if first.first == first.last else None
    return Recurrence(
        freq,
        day=day,
        month=month,
        time=_clock(t),
        start=start,
        until=_bound(_UNTIL, t, year, at_end=True),
    )


def _first_named_period(t: str) -> _Span | None:
    """The earliest period with its own year a recurring phrase names outside its "đến …" bound
    ("Tháng 12/2026 và hằng năm" → December 2026): where the duty starts."""
    bare = _UNTIL.sub("", t)
    if not _YEAR.search(bare):
        return None
    try:
        found = _find(bare, None)
    except _Unparsable:
        return None
    return min(found.spans) if found is not None else None


def _check_years_covered(t: str, found: _Found) -> None:
    """A year written in the phrase but outside every date read means part of it was missed
    ("Quý IV/2026, hoàn thành năm 2028" read as 31/12/2026): flag it rather than guess."""
    covered = {y for s in found.spans for y in range(s.first.year, s.last.year + 1)}
    missed = {int(y) for y in _YEAR.findall(t)} - covered
    if missed:
        raise _Unparsable(f"year(s) {sorted(missed)} not read")


def _from_spans(text: str, found: _Found) -> Deadline:
    ends = sorted({span.last for span in found.spans})
    if found.separate and len(ends) > 1:
        return Deadline(text, DeadlineKind.MILESTONES, dates=tuple(ends))
    # A stretch of several named periods ("Quý II, III/2026") says where it starts.
    start = min(span.first for span in found.spans) if len(found.spans) > 1 else None
    return Deadline(text, DeadlineKind.ONCE, dates=(ends[-1],), start=start)


_CLAUSE_BREAK = re.compile(r"\s*[;\n\r]+\s*")
_COMMA = re.compile(r"\s*,\s*")
_DIGIT = re.compile(r"\d")


def _clauses(text: str) -> list[str]:
    """The steps of a progress sentence: parts between ";" or line breaks, else between commas
    when every comma part carries its own year ("Khởi động quý IV/2026, hoàn thành năm 2028")."""
    parts = [p.strip(" .,;") for p in _CLAUSE_BREAK.split(text)]
    parts = [p for p in parts if p]
    if len(parts) >= 2:
        return parts
    pieces = [p.strip(" .") for p in _COMMA.split(text.strip(" .;"))]
    each_dated = all(_YEAR.search(fold(p)) for p in pieces)
    if len(pieces) >= 2 and each_dated and not _RANGE_WORDS.search(fold(text)):
        return pieces
    return [text]


def _progress(text: str, clauses: list[str], reference: date | None) -> Deadline | None:
    """Milestones, each with its words, from a sentence of several dated steps; None when the
    sentence has fewer than two dated steps (the whole phrase is then read as one)."""
    steps: list[Milestone] = []
    loose: list[str] = []  # undated words ("báo cáo kết quả") join the step before them
    unreadable = False
    for clause in clauses:
        meaning = parse_deadline(clause, reference)
        if meaning.kind in (DeadlineKind.ONCE, DeadlineKind.MILESTONES):
            words = "; ".join([*loose, clause])
            loose = []
            steps += meaning.milestones or [Milestone(d, words) for d in meaning.dates]
        elif meaning.kind is DeadlineKind.UNKNOWN and not _DIGIT.search(clause):
            if steps:
                last = steps.pop()
                steps.append(Milestone(last.due, f"{last.words}; {clause}"))
            else:
                loose.append(clause)
        else:
            unreadable = True  # a recurring or dated-but-unknown step among dated ones
    dated = len({m.due for m in steps})
    if dated < 2 and not (unreadable and steps):
        return None
    if unreadable:
        return Deadline(text, DeadlineKind.UNKNOWN)
    return Deadline(text, DeadlineKind.MILESTONES, milestones=tuple(steps))


def is_conditional(text: str) -> bool:
    """Whether the phrase makes its deadline wait on an event ("Sau khi …"): flagged, and said so."""
    return _CONDITIONAL.search(_normalize(text)) is not None


# Pure and its answer immutable, so remembered: an appendix repeats a few dozen phrases over
# thousands of tasks, and the preview and the commit both read each one.
@functools.lru_cache(maxsize=4096)
def parse_deadline(text: str, reference: date | None = None) -> Deadline:
    """Read a deadline phrase; `reference` (usually the issuing date) supplies a missing year.

    Anything not understood, including impossible dates, becomes UNKNOWN with the words kept;
    so does a phrase only part of which was understood. A sentence of several dated steps
    becomes milestones, each with its words.
    """
    t = _normalize(text)
    unknown = Deadline(text, DeadlineKind.UNKNOWN)
    if not t or _NO_DEADLINE.search(t) or _CONDITIONAL.search(t) or _NOT_CALENDAR.search(t):
        return unknown
    clauses = _clauses(text)
    if len(clauses) >= 2:
        progress = _progress(text, clauses, reference)
        if progress is not None:
            return progress
    try:
        recurrence = _recurrence(t, reference)
        if recurrence is not None:
            return Deadline(text, DeadlineKind.RECURRING, recurrence=recurrence)
        if _CONTINUOUS.search(t):
            return Deadline(text, DeadlineKind.CONTINUOUS)
        if (
            _ONLY_START.search(fold(text))
            or _VAGUE_PART.search(t)
            or _numbered_roman(t)
            or _NOT_CALENDAR.search(t)
        ):
            return unknown
        found = _find(t, _default_year(t, reference))
        if found is not None:
            _check_years_covered(t, found)
    except ValueError:
        return unknown
    return unknown if found is None else _from_spans(text, found)
