"""The overview and the scoreboard on five years of data, beside a small database, same run.

Builds (or reuses, with --db) the five-year database of benchmarks.fiveyears and a small peer
(benchmarks.bigdb, 60 tasks), then prints one JSON line per measurement: the median of several
runs on each and their ratio. Aim (issue #10): each <= 1 s on the five-year database, today
and on a past day (a past day reads the covered occurrences received after it). With
--refresh, also the cached-progress recompute beside a Core write of the same rows (aim: <= 5x).

    .venv/bin/python -m benchmarks.bench_summary [--db five.sqlite] [--refresh]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.context import AppContext
from benchmarks import fiveyears
from benchmarks.bigdb import TODAY
from benchmarks.bigdb import build as build_small

PAST = date(TODAY.year - 1, 6, 30)


def median_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


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
        }
    finally:
        ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="a five-year database already built (benchmarks.fiveyears)")
    parser.add_argument("--refresh", action="store_true", help="also time refresh_all beside a Core write")
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
            print(json.dumps({"refresh": fiveyears.time_refresh(big)}), flush=True)


if __name__ == "__main__":
    main()
