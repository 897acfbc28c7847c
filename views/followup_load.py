"""What the overview page shows as of a day, gathered in one call made off the GUI thread.

Plain functions over the follow-up service (app.services.followup); the page only lays out
what ``load_overview`` returns. ``month_ends`` and ``top_agencies`` decide what the two charts
cover and are unit-tested on their own.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.followup_dto import DueItem, Overview, ScoreLine
from app.services.followup import FollowupService
from models.official import OfficialClass

MONTHS = 12
TOP_AGENCIES = 12


@dataclass(frozen=True)
class MonthPoint:
    """Tasks overdue as of ``day`` (a month's last day, or the as-of day for its own month)."""

    day: date
    overdue: int


@dataclass(frozen=True)
class OverviewData:
    as_of: date
    directive_id: int | None
    soon_days: int
    overview: Overview
    overdue: list[DueItem]
    due_soon: list[DueItem]
    agencies: list[ScoreLine]  # the chart's: top agencies by tasks led, most first
    leading: int  # how many parties lead some task (the chart shows at most TOP_AGENCIES)


@dataclass(frozen=True)
class OverdueSeries:
    """The trend chart's bars: computed apart (twelve as-of counts), so the numbers above need
    not wait for it."""

    directive_id: int | None
    points: list[MonthPoint]


def month_ends(as_of: date, n: int = MONTHS) -> list[date]:
    """The last day of each of the ``n`` months ending with ``as_of``'s, oldest first; the
    as-of month (not over yet) is counted at ``as_of`` itself."""
    days: list[date] = []
    year, month = as_of.year, as_of.month
    for _ in range(n):
        last = date(year, month, calendar.monthrange(year, month)[1])
        days.append(min(last, as_of))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return days[::-1]


def top_agencies(lines: Sequence[ScoreLine], n: int = TOP_AGENCIES) -> list[ScoreLine]:
    """The ``n`` parties that lead the most tasks (ties: the more overdue first, then the
    service's name order), leaving out those that lead none."""
    leading = [line for line in lines if line.lead.assigned > 0]
    order = sorted(
        range(len(leading)),
        key=lambda i: (-leading[i].lead.assigned, -leading[i].lead.counts[OfficialClass.OVERDUE], i),
    )
    return [leading[i] for i in order[:n]]


def overdue_series(fu: FollowupService, as_of: date, directive_id: int | None) -> OverdueSeries:
    """For each month end of the last year, the number of tasks overdue on that day
    (runs on a worker thread)."""
    counts = fu.overdue_counts(month_ends(as_of), directive_id)  # one statement for the year
    points = [MonthPoint(day, n) for day, n in counts.items()]
    return OverdueSeries(directive_id, points)


def load_overview(fu: FollowupService, as_of: date, directive_id: int | None, soon_days: int) -> OverviewData:
    """Everything the overview page shows but the month-end series (runs on a worker thread)."""
    lines = fu.scoreboard(as_of)
    return OverviewData(
        as_of=as_of,
        directive_id=directive_id,
        soon_days=soon_days,
        overview=fu.overview(as_of, directive_id),
        overdue=fu.overdue(as_of, directive_id),
        due_soon=fu.due_within(as_of, soon_days, directive_id),
        agencies=top_agencies(lines),
        leading=sum(1 for line in lines if line.lead.assigned > 0),
    )
