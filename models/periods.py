"""Reporting periods as a Vietnamese officer writes them, and as the database and JSON keep them.

Stored and printed for machines in ISO-like codes: ``2026-08`` (month), ``2026-Q3`` (quarter),
``2026-H1`` (half year), ``2026`` (year). Shown to people as ``Tháng 8/2026``, ``Quý 3/2026``,
``6 tháng đầu năm 2026``, ``6 tháng cuối năm 2026``, ``Năm 2026``. Typed in any of the common
ways: with or without diacritics, Roman quarters (``quý III/2026``), short forms (``Q3/2026``,
``T8/2026``, ``08/2026``, ``H1/2026``) and the codes themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from models.textfold import fold


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


# months in each kind's unit, so a period's first and last month follow from its index
_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}
_COUNT = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2, PeriodKind.YEAR: 1}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

MIN_YEAR, MAX_YEAR = 1900, 2999


class PeriodError(ValueError):
    """A period that cannot be read; the message is Vietnamese and names the text."""


@dataclass(frozen=True, order=True)
class Period:
    """One month, quarter, half year or year. ``index`` is 1-based; 1 for a year."""

    year: int
    kind: PeriodKind
    index: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.index <= _COUNT[self.kind]:
            raise PeriodError(f"Kỳ số {self.index} không hợp lệ (chỉ từ 1 đến {_COUNT[self.kind]}).")

    @property
    def code(self) -> str:
        """The stored form: ``2026-08``, ``2026-Q3``, ``2026-H1``, ``2026``."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.index:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.index}"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}-H{self.index}"
        return str(self.year)

    @property
    def label(self) -> str:
        """What a person reads: ``Tháng 8/2026``, ``Quý 3/2026``, ``6 tháng đầu năm 2026``, ``Năm 2026``."""
        if self.kind is PeriodKind.MONTH:
            return f"Tháng {self.index}/{self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"Quý {self.index}/{self.year}"
        if self.kind is PeriodKind.HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        return f"Năm {self.year}"

    @property
    def first_month(self) -> int:
        return (self.index - 1) * _MONTHS[self.kind] + 1

    @property
    def last_month(self) -> int:
        return self.index * _MONTHS[self.kind]

    def sort_key(self) -> tuple[int, int, int]:
        """Later end first compares greater; of two ending together the longer one is greater."""
        return (self.year, self.last_month, _MONTHS[self.kind])


_Y = r"(?P<year>\d{4})"
_SEP = r"\s*(?:/|-|\.|\s|\bnam\b)+\s*"  # "8/2026", "8-2026", "8 năm 2026", "8 2026"
# Patterns over the folded text (lowercase, no diacritics, single spaces).
_PATTERNS: tuple[tuple[PeriodKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"^{body}$"))
    for kind, body in (
        (PeriodKind.YEAR, rf"(?:nam\s*)?{_Y}"),
        (PeriodKind.MONTH, rf"{_Y}-(?P<index>\d{{1,2}})"),
        (PeriodKind.QUARTER, rf"{_Y}-q(?P<index>\d)"),
        (PeriodKind.HALF, rf"{_Y}-h(?P<index>\d)"),
        (PeriodKind.MONTH, rf"(?:thang|t)?\s*(?P<index>\d{{1,2}}){_SEP}{_Y}"),
        (PeriodKind.QUARTER, rf"(?:quy|q)\s*(?P<index>\d|iv|iii|ii|i){_SEP}{_Y}"),
        (PeriodKind.HALF, rf"h\s*(?P<index>\d){_SEP}{_Y}"),
        (PeriodKind.HALF, rf"(?P<index>dau|cuoi){_SEP}{_Y}"),  # "6 tháng đầu năm 2026", less "6 tháng"
    )
)

EXAMPLES = "Tháng 8/2026, Quý 3/2026, 6 tháng đầu năm 2026, Năm 2026"


def _index(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text in ROMAN:
        return ROMAN[text]
    return 1 if text == "dau" else 2


def parse_period(text: str) -> Period:
    """The period ``text`` names, in any of the forms the module docstring lists.

    Raises PeriodError (a ValueError) with a Vietnamese message for anything else.
    """
    folded = fold(text or "").replace("–", "-")
    folded = re.sub(r"^6 thang (dau|cuoi)\b", r"\1", folded)  # "6 tháng đầu năm 2026"
    for kind, pattern in _PATTERNS:
        m = pattern.match(folded)
        if m is None:
            continue
        year = int(m["year"])
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise PeriodError(f"Năm {year} của kỳ «{text.strip()}» không hợp lệ.")
        index = _index(m["index"]) if "index" in m.groupdict() else 1
        try:
            return Period(year, kind, index)
        except PeriodError:
            names = {PeriodKind.MONTH: "Tháng", PeriodKind.QUARTER: "Quý", PeriodKind.HALF: "Nửa năm"}
            raise PeriodError(
                f"{names[kind]} {index} của kỳ «{text.strip()}» không hợp lệ (chỉ từ 1 đến {_COUNT[kind]})."
            ) from None
    raise PeriodError(f"Kỳ báo cáo «{text.strip()}» không đọc được; hãy ghi như: {EXAMPLES}.")


def period_label(code: str) -> str:
    """The Vietnamese label of a stored code; a code this module cannot read is shown as it is."""
    try:
        return parse_period(code).label
    except PeriodError:
        return code


def current_quarter(year: int, month: int) -> Period:
    return Period(year, PeriodKind.QUARTER, (month - 1) // 3 + 1)


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


_DAY_FORMS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$"),
    re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$"),
)
_WEEK = re.compile(r"^(?P<y>\d{4})-?W(?P<w>\d{1,2})$", re.IGNORECASE)
SPAN_HELP = f"một ngày (dd/mm/yyyy), một tuần (2026-W23) hoặc một kỳ như {EXAMPLES}"


def period_span(text: str) -> tuple[date, date]:
    """First and last day of the period a report answers.

    Besides the periods above, a report may name one day or one ISO week (weekly duties:
    "trước 11 giờ ngày thứ 6"), so the occurrence of a recurring deadline inside it can be found.
    Raises PeriodError (a ValueError, Vietnamese message) for anything else.
    """
    t = (text or "").strip()
    try:
        for pattern in _DAY_FORMS:
            m = pattern.match(t)
            if m is not None:
                d = date(int(m["y"]), int(m["m"]), int(m["d"]))
                return d, d
        w = _WEEK.match(t)
        if w is not None:
            monday = date.fromisocalendar(int(w["y"]), int(w["w"]), 1)
            return monday, monday + timedelta(days=6)
    except ValueError:
        raise PeriodError(f"Kỳ báo cáo «{t}» không hợp lệ; hãy ghi {SPAN_HELP}.") from None
    try:
        period = parse_period(t)
    except PeriodError as exc:
        if "không hợp lệ" in str(exc):  # a month 13, a quarter 5: the specific message says it
            raise
        raise PeriodError(f"Kỳ báo cáo «{t}» không hợp lệ; hãy ghi {SPAN_HELP}.") from None
    return date(period.year, period.first_month, 1), _month_end(period.year, period.last_month)
