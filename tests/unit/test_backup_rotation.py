"""Which backups the rotation keeps: the newest of each of the last 7 days, 4 weeks, 12 months."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.backup_rotation import to_keep

NOW = datetime(2026, 11, 24, 18, 0)


def test_nothing_and_one() -> None:
    assert to_keep([]) == set()
    assert to_keep([NOW]) == {NOW}


def test_several_a_day_keep_the_newest_of_each_day() -> None:
    stamps = [NOW - timedelta(hours=h) for h in range(0, 48, 4)]  # three days, every four hours
    kept = to_keep(stamps)
    assert kept == {NOW, datetime(2026, 11, 23, 22, 0), datetime(2026, 11, 22, 22, 0)}


def test_a_year_of_dailies_keeps_7_days_4_weeks_12_months() -> None:
    stamps = [NOW - timedelta(days=d) for d in range(400)]
    kept = to_keep(stamps)
    days = {NOW - timedelta(days=d) for d in range(7)}
    assert days <= kept
    weeks = {s.isocalendar()[:2] for s in kept}
    months = {(s.year, s.month) for s in kept}
    assert len(months) == 12 and (NOW.year, NOW.month) in months
    assert len(kept) <= 7 + 4 + 12
    # the newest of each kept month: its last day (or today for this month)
    assert datetime(2026, 10, 31, 18, 0) in kept and datetime(2025, 12, 31, 18, 0) in kept
    assert datetime(2025, 11, 30, 18, 0) not in kept  # the thirteenth month goes
    assert len(weeks) >= 4


def test_gaps_keep_older_backups_instead_of_empty_periods() -> None:
    """A machine off for months: the last 7 *backup* days are kept, however old."""
    stamps = [datetime(2026, 1, d, 9) for d in range(1, 11)]
    kept = to_keep(stamps)
    assert {datetime(2026, 1, d, 9) for d in range(4, 11)} <= kept


def test_the_newest_is_always_kept_and_duplicates_are_one() -> None:
    stamps = [NOW, NOW, NOW - timedelta(days=900)]
    kept = to_keep(stamps)
    assert NOW in kept and len(kept) == 2


def test_zero_periods_keep_nothing_but_the_others() -> None:
    stamps = [NOW - timedelta(days=d) for d in range(30)]
    assert to_keep(stamps, daily=0, weekly=0, monthly=1) == {NOW}
