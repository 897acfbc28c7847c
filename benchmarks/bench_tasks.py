"""How the task list's cost grows: a realistic 100,000-task database against 60 tasks.

Both databases come from benchmarks.bigdb (skewed leads, demo-length texts, reports and
evidence, tasks done late, paused, cancelled or undated). Prints one JSON line per measurement
with both sizes and their ratio, each a median of several runs. Aims (issue #3): the first
page on 100,000 tasks within 2x of 60 tasks; a diacritics-insensitive search within 50 ms, on
a phrase that matches rows (the number of rows it found is printed beside it).

    .venv/bin/python -m benchmarks.bench_tasks [--tasks 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from app.context import AppContext
from app.dto import TaskFilter
from benchmarks.bigdb import SEARCH_PHRASE, TODAY, build
from models.status import Status


def best_of(fn: Callable[[], object], repeat: int = 7) -> float:
    """The median of ``repeat`` runs (the name is historical: it is not the minimum)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def measure(path: Path) -> dict[str, float]:
    ctx = AppContext(path, today=lambda: TODAY).open()
    try:
        agency = ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
        overdue = TaskFilter(agency_id=agency, statuses=(Status.OVERDUE.value,))
        search = TaskFilter(search=SEARCH_PHRASE)
        out = {
            "first_page_service_s": best_of(lambda: ctx.tasks.page(TaskFilter(), 0, 200)),
            "overdue_one_agency_s": best_of(lambda: ctx.tasks.page(overdue, 0, 200)),
            "search_s": best_of(lambda: ctx.tasks.page(search, 0, 200)),
            "window_first_page_s": window_first_page(ctx),
            # shown in the status bar just after the first page paints
            "status_totals_s": best_of(
                lambda: [
                    ctx.tasks.count(TaskFilter(statuses=(st.value,)))
                    for st in (Status.OVERDUE, Status.DUE_SOON)
                ]
            ),
        }
        out["search_rows_found"] = float(ctx.tasks.count(search))
        return out
    finally:
        ctx.close()


def window_first_page(ctx: AppContext) -> float:
    """Open the main window and wait until the task list shows its first rows."""
    from PySide6.QtWidgets import QApplication

    from views.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        win = MainWindow(ctx)
        win.show()
        model = win.task_page.model
        while model.rowCount() == 0:
            app.processEvents()
            if time.perf_counter() - t0 > 30:
                break
        win.task_page.table.viewport().repaint()  # the first page is on screen
        times.append(time.perf_counter() - t0)
        win.close()
        win.deleteLater()
        app.processEvents()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, big = Path(tmp) / "small.sqlite", Path(tmp) / "big.sqlite"
        t0 = time.perf_counter()
        build(small, 60)
        build(big, args.tasks)
        print(json.dumps({"build_s": round(time.perf_counter() - t0, 2), "tasks": args.tasks}), flush=True)
        a, b = measure(small), measure(big)
        print(
            json.dumps(
                {
                    "search_phrase": SEARCH_PHRASE,
                    "rows_found_60": int(a.pop("search_rows_found")),
                    f"rows_found_{args.tasks}": int(b.pop("search_rows_found")),
                }
            ),
            flush=True,
        )
        for key in a:
            print(
                json.dumps(
                    {
                        "measure": key,
                        "tasks_60_ms": round(a[key] * 1000, 2),
                        f"tasks_{args.tasks}_ms": round(b[key] * 1000, 2),
                        "ratio": round(b[key] / a[key], 2) if a[key] else None,
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
