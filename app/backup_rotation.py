"""Which backups to keep: the newest of each of the last 7 days, 4 ISO weeks and 12 months.

A pure function of the archives' dates, so the rule is tested densely without files.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import datetime

DAILY = 7
WEEKLY = 4
MONTHLY = 12


def _newest_per(stamps: list[datetime], key: Callable[[datetime], Hashable], count: int) -> set[datetime]:
    """The newest stamp of each of the ``count`` most recent periods that have one."""
    kept: dict[Hashable, datetime] = {}
    for when in stamps:  # newest first
        k = key(when)
        if k not in kept:
            if len(kept) == count:
                break
            kept[k] = when
    return set(kept.values())


def to_keep(
    stamps: Iterable[datetime], daily: int = DAILY, weekly: int = WEEKLY, monthly: int = MONTHLY
) -> set[datetime]:
    """The stamps to keep; the newest is always among them."""
    ordered = sorted(set(stamps), reverse=True)
    return (
        _newest_per(ordered, lambda d: d.date(), daily)
        | _newest_per(ordered, lambda d: d.isocalendar()[:2], weekly)
        | _newest_per(ordered, lambda d: (d.year, d.month), monthly)
    )
