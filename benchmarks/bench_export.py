"""Excel export on a five-year database (20,000 tasks) beside its peers.

For the status workbook (every task, one sheet per directive) and the full task list, prints
one JSON line each with the median of several runs of:
- ``export_s``: the whole export as the window and `export` run it (read, lay out, save);
- ``bare_s``: a bare openpyxl write-only workbook of the very same cell values (read back from
  the export), no styles, no print setup: what openpyxl itself costs for these cells;
- ``ratio``: export ÷ bare, the formatting's and the reading's overhead;
- the same two as CPU seconds of this process (``*_cpu_s``), steadier on a busy machine;
and the demo database's export time in the same run, for scale. Aim (issue #10): the status
workbook of 20,000 tasks in ≤ 5 s. ``maxrss_mb`` is the process's peak memory after the runs.

    .venv/bin/python -m benchmarks.bench_export [--tasks 20000] [--runs 3] [--big FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from openpyxl import Workbook, load_workbook

from app.context import AppContext
from app.demo import build_demo
from app.dto import TaskFilter
from app.export.service import ExportService
from benchmarks.bigdb import TODAY, build


def _median(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds (CPU time is what a shared, busy machine distorts least)."""
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def _bare_peer(exported: Path, target: Path) -> Callable[[], None]:
    """A bare write-only save of the cell values ``exported`` holds, sheet by sheet."""
    wb_in = load_workbook(exported, read_only=True)
    sheets = [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb_in]
    wb_in.close()

    def write() -> None:
        wb = Workbook(write_only=True)
        for title, rows in sheets:
            ws = wb.create_sheet(title)
            for r in rows:
                ws.append(r)
        wb.save(target)

    return write


def _measure(ctx: AppContext, label: str, folder: Path, runs: int) -> list[dict[str, Any]]:
    export = ExportService(ctx.services)
    out: list[dict[str, Any]] = []
    jobs: list[tuple[str, Callable[[Path], Any]]] = [
        ("status-workbook", lambda p: export.status_workbook(p, TODAY, "bench")),
        ("tasks", lambda p: export.tasks(TaskFilter(), p, TODAY, "bench")),
    ]
    for name, job in jobs:
        target = folder / f"{label}-{name}.xlsx"
        job(target)  # warm: imports, SQLite page cache
        export_s, export_cpu = _median(partial(job, target), runs)
        bare_s, bare_cpu = _median(_bare_peer(target, folder / f"{label}-{name}-bare.xlsx"), runs)
        out.append(
            {
                "db": label,
                "export": name,
                "tasks": ctx.tasks.count(TaskFilter()),
                "export_s": round(export_s, 3),
                "bare_s": round(bare_s, 3),
                "ratio": round(export_s / bare_s, 2) if bare_s else None,
                "export_cpu_s": round(export_cpu, 3),
                "bare_cpu_s": round(bare_cpu, 3),
                "file_kb": target.stat().st_size // 1024,
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big", type=Path, help="reuse this big database (from benchmarks.bigdb) instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        demo_path = folder / "demo.sqlite"
        demo = AppContext(demo_path, today=lambda: TODAY).open()
        for _ in build_demo(demo):
            pass
        results = _measure(demo, "demo", folder, args.runs)
        demo.close()
        big_path = args.big or folder / "big.sqlite"
        facts: dict[str, Any] = {"reused": str(big_path)} if args.big else dict(build(big_path, args.tasks))
        big = AppContext(big_path, today=lambda: TODAY).open()
        results += _measure(big, "big", folder, args.runs)
        big.close()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        for r in results:
            print(json.dumps({**r, "runs": args.runs, "maxrss_mb": peak}, ensure_ascii=False), flush=True)
        print(json.dumps({"bigdb": facts, "as_of": date.isoformat(TODAY)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
