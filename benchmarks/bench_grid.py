"""A year of the periodic-reports grid on five years of data, beside a small database, same run.

Builds (or reuses, with --db) the five-year database of benchmarks.fiveyears and a small peer
(benchmarks.bigdb, 60 tasks), then prints one JSON line per measurement: the median of several
runs on each and their ratio. Aim (issue #10): a year of the grid <= 1 s on the five-year
database. Every recurring task of every directive is on the grid (the page's default, and
its largest case).

``grid_*`` is what the page waits for: every row with its figures (``tally``), the cells of
the first screenful drawn (the rest are drawn when scrolled to); ``*_all_cells`` also draws
every cell, as an export does.

    .venv/bin/python -m benchmarks.bench_grid [--db five.sqlite] [--repeat 5]
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
from app.report_grid_dto import ReportGrid
from benchmarks import fiveyears
from benchmarks.bigdb import TODAY
from benchmarks.bigdb import build as build_small
from models.report_grid import GridColumn, last_months, last_weeks, year_months

PAST = date(TODAY.year - 1, 6, 30)
SCREENFUL = 60


def median_of(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(path: Path, repeat: int) -> tuple[dict[str, float], dict[str, int]]:
    ctx = AppContext(path, today=lambda: TODAY).open()
    try:
        g = ctx.report_grid

        def page(as_of: date, columns: tuple[GridColumn, ...]) -> Callable[[], ReportGrid]:
            def run() -> ReportGrid:
                grid = g.grid(as_of, columns)
                for row in grid.rows[:SCREENFUL]:
                    _ = row.cells
                return grid

            return run

        def every_cell(as_of: date, columns: tuple[GridColumn, ...]) -> Callable[[], int]:
            def run() -> int:
                return sum(len(row.cells) for row in g.grid(as_of, columns).rows)

            return run

        year = year_months(TODAY.year - 1)
        grid = page(TODAY, year)()
        sizes = {"rows": len(grid.rows), "cells": len(grid.rows) * len(year)}
        times = {
            "grid_year_today_s": median_of(page(TODAY, year), repeat),
            "grid_year_past_s": median_of(page(PAST, year_months(PAST.year)), repeat),
            "grid_last_12_months_s": median_of(page(TODAY, last_months(TODAY)), repeat),
            "grid_12_weeks_s": median_of(page(TODAY, last_weeks(TODAY)), repeat),
            "grid_year_all_cells_s": median_of(every_cell(TODAY, year), repeat),
        }
        return times, sizes
    finally:
        ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="a five-year database already built (benchmarks.fiveyears)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = args.db
        if big is None or not big.exists():
            big = big or Path(tmp) / "five.sqlite"
            print(json.dumps({"built": fiveyears.build(big)}, ensure_ascii=False), flush=True)
        small = Path(tmp) / "small.sqlite"
        build_small(small, 60)
        peer, peer_size = measure(small, args.repeat)
        five, five_size = measure(big, args.repeat)
        print(json.dumps({"five_years": five_size, "small": peer_size}), flush=True)
        for key, value in five.items():
            line: dict[str, object] = {
                "measure": key,
                "five_years_s": round(value, 4),
                "small_s": round(peer[key], 4),
            }
            line["ratio"] = round(value / peer[key], 1) if peer[key] else None
            line["within_1s"] = value <= 1.0
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
