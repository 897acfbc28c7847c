"""A reporting period as typed ("2026-06", "2026-Q2", "2026-H1", "2026-W23", "2026", a day):
the span of days it covers, so the occurrence of a recurring deadline inside it can be named."""

from __future__ import annotations

import re
from datetime import date, timedelta

_FORMS = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "day"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{1,2})/(\d{4})$"), "my"),
    (re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE), "quarter"),
    (re.compile(r"^(\d{4})-?H([12])$", re.IGNORECASE), "half"),
    (re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE), "week"),
    (re.compile(r"^(\d{4})$"), "year"),
)

PERIOD_HELP = "YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY-Wnn hoặc YYYY"


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def period_span(text: str) -> tuple[date, date]:
    """First and last day of the period; ValueError (Vietnamese message) when it is not one."""
    t = text.strip()
    for pattern, form in _FORMS:
        m = pattern.match(t)
        if m is None:
            continue
        g = [int(x) for x in m.groups()]
        try:
            if form == "day":
                d = date(g[0], g[1], g[2])
                return d, d
            if form == "dmy":
                d = date(g[2], g[1], g[0])
                return d, d
            if form in ("month", "my"):
                year, month = (g[0], g[1]) if form == "month" else (g[1], g[0])
                return date(year, month, 1), _month_end(year, month)
            if form == "quarter":
                first = 3 * (g[1] - 1) + 1
                return date(g[0], first, 1), _month_end(g[0], first + 2)
            if form == "half":
                first = 1 if g[1] == 1 else 7
                return date(g[0], first, 1), _month_end(g[0], first + 5)
            if form == "week":
                monday = date.fromisocalendar(g[0], g[1], 1)
                return monday, monday + timedelta(days=6)
            return date(g[0], 1, 1), date(g[0], 12, 31)
        except ValueError:
            break
    raise ValueError(f"Kỳ báo cáo «{text}» không hợp lệ; hãy ghi theo dạng {PERIOD_HELP}.")
