"""Vietnamese document conventions as pure functions: date lines, numbers and symbols, periods.

The rules come from Nghị định 30/2020/NĐ-CP (state letters) and Hướng dẫn 36-HD/VPTW (Party
letters); both share the leading-zero rule for dates. Keeping them here, free of any I/O,
lets the letter printer, the register and the tests agree on one spelling of every string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class LetterFormat(StrEnum):
    """Which rule book a letter follows; it is decided by the issuing body, not the letter kind."""

    STATE = "state"
    PARTY = "party"


def _two(value: int) -> str:
    return f"{value:02d}"


def day_text(d: date) -> str:
    """Days below 10 take a leading zero ("05")."""
    return _two(d.day)


def month_text(d: date) -> str:
    """Only January and February take a leading zero ("01", "02", but "4", "12").

    The decree pads them so that a handwritten "1" or "2" cannot later become "11" or "12".
    """
    return _two(d.month) if d.month <= 2 else str(d.month)


def date_line(place: str, d: date) -> str:
    """The place-and-date line of the header: ``Hưng Yên, ngày 05 tháng 01 năm 2026``."""
    return f"{place}, ngày {day_text(d)} tháng {month_text(d)} năm {d.year}"


def long_date(d: date) -> str:
    """A date written in full inside the body: ``ngày 05 tháng 01 năm 2026``."""
    return f"ngày {day_text(d)} tháng {month_text(d)} năm {d.year}"


def short_date(d: date) -> str:
    """A date cited inside the body, as the seeds print it: ``01/4/2025``, ``14/01/2026``."""
    return f"{day_text(d)}/{month_text(d)}/{d.year}"


# -- number and symbol -------------------------------------------------------------------------

CONG_VAN = "CV"


def symbol_for(fmt: LetterFormat, doc_kind: str, issuer_symbol: str, unit_symbol: str = "") -> str:
    """The ký hiệu that follows the number.

    State: ``KH-BCĐ`` for most kinds, but a công văn has no kind abbreviation and carries the
    drafting unit instead (``BCĐ-SKHCN``). Party: ``CV/BCĐ`` — a Party công văn keeps ``CV``.
    """
    if fmt is LetterFormat.STATE:
        if doc_kind == CONG_VAN:
            return f"{issuer_symbol}-{unit_symbol}" if unit_symbol else issuer_symbol
        return f"{doc_kind}-{issuer_symbol}"
    return f"{doc_kind}/{issuer_symbol}"


def full_number(fmt: LetterFormat, number: int, symbol: str) -> str:
    """``05/BCĐ-SKHCN`` (state: slash after the number) or ``420-CV/TU`` (Party: hyphen).

    Numbers below 10 are padded in both formats (confirmed for state; Party per the newer
    guidance, which the Party regex of the checklist accepts either way).
    """
    sep = "/" if fmt is LetterFormat.STATE else "-"
    return f"{_two(number)}{sep}{symbol}"


def number_line(fmt: LetterFormat, number: int, symbol: str) -> str:
    """``Số: 05/BCĐ-SKHCN`` (state, with a colon) or ``Số 420-CV/TU`` (Party, no colon)."""
    text = full_number(fmt, number, symbol)
    return f"Số: {text}" if fmt is LetterFormat.STATE else f"Số {text}"


STATE_NUMBER = re.compile(r"^Số: \d{2,}/[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)+$")
PARTY_NUMBER = re.compile(r"^Số \d+-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-ZĐ0-9]*$")
DATE_LINE = re.compile(r"^(?P<place>.+), ngày (0[1-9]|[12]\d|3[01]) tháng (01|02|[3-9]|1[0-2]) năm \d{4}$")


def numbering_period(fmt: LetterFormat, issued_on: date, term: str = "") -> str:
    """The span a number sequence runs over: the calendar year (state) or the cấp ủy term (Party)."""
    if fmt is LetterFormat.STATE:
        return str(issued_on.year)
    return term.strip() or str(issued_on.year)


def numbering_series(fmt: LetterFormat, doc_kind: str) -> str:
    """Which kinds share a sequence: all kinds of one issuer (state), one kind per term (Party)."""
    return "" if fmt is LetterFormat.STATE else doc_kind


# -- report periods --------------------------------------------------------------------------

# Kế hoạch 125/KH-BCĐ: "thời gian chốt số liệu tính từ ngày mùng 8 của tháng trước, đến ngày
# mùng 7 của tháng báo cáo"; the yearly report is due before 09/12, so it closes on 07/12 too.
CUTOFF_DAY = 7

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

_PERIOD = re.compile(r"^\s*(?P<year>\d{4})(?:-(?:(?P<month>\d{1,2})|[Qq](?P<quarter>[1-4])))?\s*$")


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True)
class ReportPeriod:
    """A reporting period with its data window (both ends included) and its Vietnamese name."""

    code: str
    kind: PeriodKind
    year: int
    index: int  # month 1–12, quarter 1–4, or 0 for a year
    start: date
    end: date

    @property
    def label(self) -> str:
        """``tháng 6 năm 2026``, ``quý II năm 2026``, ``năm 2026``."""
        if self.kind is PeriodKind.MONTH:
            return f"tháng {self.index} năm {self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"quý {ROMAN[self.index]} năm {self.year}"
        return f"năm {self.year}"

    @property
    def report_title(self) -> str:
        """The word the title uses: "tháng", "quý" or "năm"."""
        return {PeriodKind.MONTH: "tháng", PeriodKind.QUARTER: "quý", PeriodKind.YEAR: "năm"}[self.kind]

    @property
    def window_text(self) -> str:
        return f"từ ngày {short_date(self.start)} đến ngày {short_date(self.end)}"

    def indicator_periods(self) -> tuple[str, ...]:
        """Indicator value periods (``2026-06``, ``2026-Q2``, ``2026``) that fall in this period."""
        y = self.year
        if self.kind is PeriodKind.MONTH:
            return (f"{y}-{self.index:02d}",)
        if self.kind is PeriodKind.QUARTER:
            months = range(3 * self.index - 2, 3 * self.index + 1)
            return (f"{y}-Q{self.index}", *(f"{y}-{m:02d}" for m in months))
        return (str(y), *(f"{y}-Q{q}" for q in range(1, 5)), *(f"{y}-{m:02d}" for m in range(1, 13)))


def _cutoff(year: int, month: int) -> date:
    return date(year, month, CUTOFF_DAY)


def _window_start(year: int, month: int) -> date:
    """The 8th of the month before ``month``."""
    prev_year, prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
    return date(prev_year, prev_month, CUTOFF_DAY + 1)


def parse_period(text: str) -> ReportPeriod:
    """``2026-06`` (month), ``2026-Q2`` (quarter) or ``2026`` (year).

    Every window closes on the 7th, as Kế hoạch 125 sets for monthly reports: June 2026 runs
    08/5–07/6, the second quarter 08/3–07/6, the year 2026 08/12/2025–07/12/2026.
    Raises ValueError with a Vietnamese message for anything else.
    """
    m = _PERIOD.match(text or "")
    if m is None:
        raise ValueError(
            f"Kỳ báo cáo «{text}» không hợp lệ; hãy ghi dạng 2026-06 (tháng), 2026-Q2 (quý) hoặc 2026 (năm)."
        )
    year = int(m["year"])
    if not 1900 <= year <= 2999:
        raise ValueError(f"Năm {year} của kỳ báo cáo không hợp lệ.")
    if m["month"] is not None:
        month = int(m["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"Tháng {month} của kỳ báo cáo «{text}» không hợp lệ (1–12).")
        return ReportPeriod(
            f"{year}-{month:02d}",
            PeriodKind.MONTH,
            year,
            month,
            _window_start(year, month),
            _cutoff(year, month),
        )
    if m["quarter"] is not None:
        q = int(m["quarter"])
        first, last = 3 * q - 2, 3 * q
        return ReportPeriod(
            f"{year}-Q{q}", PeriodKind.QUARTER, year, q, _window_start(year, first), _cutoff(year, last)
        )
    return ReportPeriod(str(year), PeriodKind.YEAR, year, 0, _window_start(year, 1), _cutoff(year, 12))
