"""The periodic report (báo cáo định kỳ) on five years of data, beside the demo, in the same run.

For each database and period, a fresh process (so its peak memory is its own) times, as the
median of ``--repeat`` runs:

- ``preview_s``: what the letter dialog waits for on a change of period (the content and the
  drafts of sections I–IV, ``LetterService.preview_report_sections``);
- ``export_s``: the whole export (content, period counts, number taken, DOCX written);

(wall clock, and the process's CPU time beside it: on a shared machine the wall clock also
counts waiting for a processor), and reports its peak resident memory (``ru_maxrss``) beside
the memory it had before the first report, and how many ORM objects one preview loaded. Then,
in this process, the time per row of the report's overdue table (``tables.overdue_table``) on
the five-year database's real lines.

Then the preview of the report on one directive (the one with most tasks), on both databases.

Periods: the previous full year (an annual report on a closed year, which replays what was
reported after its cut-off), the current year to date, and the last full month.
Aim (issue #12): preview and export <= 2 s and <= 300 MB on the five-year database; a row <= 0.3 ms.

    .venv/bin/python -m benchmarks.bench_letter_report [--db five.sqlite] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bigdb import TODAY

PERIODS = (str(TODAY.year - 1), str(TODAY.year), f"{TODAY.year}-{TODAY.month - 1:02d}")
MODULE = "benchmarks.bench_letter_report"
AIM_S, AIM_MB, AIM_ROW_MS = 2.0, 300, 0.3


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _count_loads() -> list[int]:
    """A counter of ORM instances loaded from rows (the 'load' event of every mapped class)."""
    from sqlalchemy import event

    from models.entities import Base

    seen = [0]

    def on_load(target: object, context: object) -> None:
        seen[0] += 1

    event.listen(Base, "load", on_load, propagate=True)
    return seen


def child(db: Path, period: str, repeat: int, out_dir: Path) -> dict[str, Any]:
    """One database and period in this (fresh) process: medians, peak memory, ORM loads."""
    from app.context import AppContext
    from app.errors import UserError
    from models.vn_dates import LetterFormat

    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        import docx  # noqa: F401  (the printer's import cost is not the report's)

        base_mb = _rss_mb()
        loads = _count_loads()
        previews, exports, preview_cpu, export_cpu = [], [], [], []
        content, refused = None, ""

        for i in range(repeat):
            before = loads[0]
            t0, c0 = time.perf_counter(), time.process_time()
            content, _sections = ctx.letters.preview_report_sections(period, LetterFormat.STATE)
            previews.append(time.perf_counter() - t0)
            preview_cpu.append(time.process_time() - c0)
            orm_objects = loads[0] - before
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                ctx.letters.report(period, out_dir / f"bao-cao-{period}-{i}.docx")
            except UserError as exc:  # the demo has nothing to report for a year before its plans
                refused = str(exc)
            exports.append(time.perf_counter() - t0)
            export_cpu.append(time.process_time() - c0)
        assert content is not None
        return {
            "tasks": content.total,
            "overdue_rows": len(content.overdue),
            "agency_rows": len(content.agencies),
            "preview_s": round(statistics.median(previews), 3),
            "export_s": round(statistics.median(exports), 3),
            "preview_cpu_s": round(statistics.median(preview_cpu), 3),
            "export_cpu_s": round(statistics.median(export_cpu), 3),
            "peak_mb": round(_rss_mb()),
            "before_mb": round(base_mb),
            "orm_objects_per_preview": orm_objects,
            **({"export_refused": refused} if refused else {}),
        }
    finally:
        ctx.close()


def run_child(db: Path, period: str, repeat: int, work: Path) -> dict[str, Any]:
    """``child`` in a fresh interpreter on a copy of ``db`` (an export takes a number)."""
    copy = work / f"copy-{db.stem}.sqlite"
    shutil.copyfile(db, copy)
    try:
        done = subprocess.run(
            [sys.executable, "-m", MODULE, "--child", str(copy), period, str(repeat)],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "BCD_DATA_DIR": str(work / "data")},
        )
    finally:
        copy.unlink(missing_ok=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def row_times(db: Path, repeat: int, rows: int = 2000) -> dict[str, float]:
    """ms per row of the report's overdue and agency tables, on the database's real lines."""
    from app.context import AppContext
    from app.letters import tables

    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        content = ctx.letters.preview_report(PERIODS[1])  # the current year: the demo has its tasks
    finally:
        ctx.close()
    lines = list(content.overdue) or []
    agencies = list(content.agencies)
    out: dict[str, float] = {}
    for name, build, items in (
        ("overdue_row_ms", tables.overdue_table, lines),
        ("agency_row_ms", tables.agency_table, agencies),
    ):
        if not items:
            continue
        many = (items * (rows // len(items) + 1))[:rows]
        times, cpu = [], []
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            build(many, 170)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        out[name] = round(statistics.median(times) / len(many) * 1000, 4)
        out[name.replace("_ms", "_cpu_ms")] = round(statistics.median(cpu) / len(many) * 1000, 4)
    return out


def response_times(db: Path, repeat: int) -> dict[str, Any]:
    """The report on one directive (the one with most tasks): its preview, median of ``repeat``."""
    from sqlalchemy import func, select

    from app.context import AppContext
    from models.entities import Task

    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        with ctx.db.reading() as s:
            directive_id, tasks = s.execute(
                select(Task.directive_id, func.count())
                .group_by(Task.directive_id)
                .order_by(func.count().desc())
            ).first() or (None, 0)
        if directive_id is None:
            return {}
        times, cpu, reports = [], [], 0
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            data, _drafts = ctx.letters.preview_response(directive_id)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            reports = sum(len(t.reports) for t in data.tasks)
        return {
            "tasks": tasks,
            "reports": reports,
            "preview_s": round(statistics.median(times), 3),
            "preview_cpu_s": round(statistics.median(cpu), 3),
        }
    finally:
        ctx.close()


def build_demo_db(path: Path) -> None:
    from app.context import AppContext
    from app.demo import build_demo

    ctx = AppContext(path, today=lambda: TODAY).open()
    try:
        for _ in build_demo(ctx):
            pass
    finally:
        ctx.close()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        db, period, repeat = Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
        with tempfile.TemporaryDirectory() as out:
            print(json.dumps(child(db, period, repeat, Path(out))), flush=True)
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="a five-year database already built (benchmarks.fiveyears)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["BCD_DATA_DIR"] = str(work / "data")
        big = args.db
        if big is None or not big.exists():
            from benchmarks import fiveyears

            big = big or work / "five.sqlite"
            print(json.dumps({"built": fiveyears.build(big)}, ensure_ascii=False), flush=True)
        demo = work / "demo.sqlite"
        build_demo_db(demo)
        for period in PERIODS:
            small = run_child(demo, period, args.repeat, work)
            five = run_child(big, period, args.repeat, work)
            line: dict[str, Any] = {"period": period, "demo": small, "five_years": five}
            line["within_aim"] = (
                five["preview_s"] <= AIM_S and five["export_s"] <= AIM_S and five["peak_mb"] <= AIM_MB
            )
            print(json.dumps(line), flush=True)
        response = {"demo": response_times(demo, args.repeat), "five_years": response_times(big, args.repeat)}
        print(json.dumps({"response_preview": response}), flush=True)
        rows = {"demo": row_times(demo, args.repeat), "five_years": row_times(big, args.repeat)}
        ok = all(v <= AIM_ROW_MS for r in rows.values() for k, v in r.items() if "cpu" not in k)
        print(json.dumps({"table_rows": rows, "aim_ms": AIM_ROW_MS, "within_aim": ok}), flush=True)


if __name__ == "__main__":
    main()
