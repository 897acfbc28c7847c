"""The overview and the scoreboard on five years of data, beside a small database, same run.

Builds (or reuses, with --db) the five-year database of benchmarks.fiveyears and a small peer
(benchmarks.bigdb, 60 tasks), then prints one JSON line per measurement: the median of several
runs on each and their ratio. Aim (issue #10): each <= 1 s on the five-year database, today
and on a past day (a past day reads the covered occurrences received after it), and the
overview page's overdue series (twelve month ends) in its one statement beside the twelve
overviews it replaced. With --refresh, also the cached-progress recompute (``refresh_all``,
what a rules change costs) beside a Core write of the same rows, each run on a fresh copy of
the database, the median of --refresh-runs runs of each and the median of the ratios (aim:
<= 5x); --refresh-on adds other databases (such as benchmarks.bigdb's 100,000 tasks).

    .venv/bin/python -m benchmarks.bench_summary [--db five.sqlite] [--refresh [--refresh-runs 5]
        [--refresh-on big.sqlite]]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from app.context import AppContext
from benchmarks import fiveyears
from benchmarks.bigdb import TODAY
from benchmarks.bigdb import build as build_small
from models.official import OfficialClass

PAST = date(TODAY.year - 1, 6, 30)


def median_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def month_ends(day: date, n: int = 12) -> list[date]:
    """The overview page's month ends (views.followup_load.month_ends, which benchmarks of the
    services do not import)."""
    out = []
    year, month = day.year, day.month
    for _ in range(n):
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        out.append(min(last, day))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def refresh_medians(path: Path, runs: int, tmp: Path) -> dict[str, object]:
    """``fiveyears.time_refresh`` ``runs`` times, each on a fresh copy of ``path``."""
    found = []
    for n in range(runs):
        copy = tmp / f"refresh-{n}.sqlite"
        shutil.copyfile(path, copy)
        found.append(fiveyears.time_refresh(copy))
        copy.unlink()
    return {
        "db": path.name,
        "runs": runs,
        "refresh_all_s": round(statistics.median(r["refresh_all_s"] for r in found), 3),
        "core_write_peer_s": round(statistics.median(r["core_write_peer_s"] for r in found), 3),
        "ratio_median": round(statistics.median(r["ratio"] for r in found), 2),
        "ratios": [r["ratio"] for r in found],
        "within_5x": statistics.median(r["ratio"] for r in found) <= 5,
    }


def measure(path: Path) -> dict[str, float]:
    ctx = AppContext(path, today=lambda: TODAY).open()
    try:
        f = ctx.followup
        return {
            "overview_today_s": median_of(lambda: f.overview(TODAY)),
            "overview_past_s": median_of(lambda: f.overview(PAST)),
            "overdue_list_today_s": median_of(lambda: f.overdue(TODAY)),
            "scoreboard_today_s": median_of(lambda: f.scoreboard(TODAY)),
            "scoreboard_past_s": median_of(lambda: f.scoreboard(PAST)),
            "overdue_series_12_months_s": median_of(lambda: f.overdue_counts(month_ends(TODAY))),
            "overdue_series_as_12_overviews_s": median_of(
                lambda: [f.overview(d).totals.counts[OfficialClass.OVERDUE] for d in month_ends(TODAY)], 3
            ),
        }
    finally:
        ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="a five-year database already built (benchmarks.fiveyears)")
    parser.add_argument("--refresh", action="store_true", help="also time refresh_all beside a Core write")
    parser.add_argument("--refresh-runs", type=int, default=5)
    parser.add_argument("--refresh-on", type=Path, action="append", default=[], help="another database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = args.db
        if big is None or not big.exists():
            big = big or Path(tmp) / "five.sqlite"
            print(json.dumps({"built": fiveyears.build(big)}, ensure_ascii=False), flush=True)
        small = Path(tmp) / "small.sqlite"
        build_small(small, 60)
        peer = measure(small)
        five = measure(big)
        for key, value in five.items():
            line = {"measure": key, "five_years_s": round(value, 4), "small_s": round(peer[key], 4)}
            line["ratio"] = round(value / peer[key], 1) if peer[key] else None
            line["within_1s"] = value <= 1.0
            print(json.dumps(line), flush=True)
        if args.refresh:
            for path in (big, *args.refresh_on):
                line = refresh_medians(path, args.refresh_runs, Path(tmp))
                print(json.dumps({"refresh": line}), flush=True)


if __name__ == "__main__":
    main()
