"""How the periodic report's cost grows: the 61-task plan (demo) against 5,000 tasks / 130 agencies.

Prints one JSON line per measurement (the median of five runs), with the time per task and
the ratio of the per-task costs (≤ 1 means it grows no faster than linearly).
Aim (issue #5): under 1 s for the demo.

    .venv/bin/python -m benchmarks.bench_letters [--tasks 5000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert, select

from app.context import AppContext
from app.demo import build_demo
from models.deadlines import parse_deadline
from models.entities import Agency, Assignment, Directive, Task
from models.textfold import fold

TODAY = date(2026, 11, 24)
PERIOD = "2026-Q3"


def build_big(path: Path, n_tasks: int, n_agencies: int = 130, seed: int = 5) -> None:
    """Core executemany inserts in one transaction, with cached progress filled in directly."""
    rng = random.Random(seed)
    ctx = AppContext(path, today=lambda: TODAY).open()
    assert ctx.db is not None
    with ctx.db.transaction() as s:
        names = [f"Cơ quan số {i + 1}" for i in range(n_agencies)]
        s.execute(insert(Agency), [{"name": n, "name_key": fold(n), "kind": "provincial"} for n in names])
        agency_ids = list(s.scalars(select(Agency.id)))
        n_dir = max(1, n_tasks // 500)
        s.execute(
            insert(Directive),
            [
                {"number": f"{i + 1}/KH-BCĐ", "kind": "KH", "issued_on": date(2026, 1, 10)}
                for i in range(n_dir)
            ],
        )
        dir_ids = list(s.scalars(select(Directive.id)))
        phrases = ["30/6/2026", "Quý III/2026", "Tháng 12/2026", "Thường xuyên", "31/8/2026"]
        meanings = {p: parse_deadline(p, date(2026, 1, 1)) for p in phrases}
        rows = []
        for i in range(n_tasks):
            phrase = phrases[i % len(phrases)]
            m = meanings[phrase]
            done = rng.random() < 0.3 and m.due is not None
            rows.append(
                {
                    "directive_id": dir_ids[i % n_dir],
                    "seq": i // n_dir + 1,
                    "content": f"Nhiệm vụ số {i + 1} về chuyển đổi số và dữ liệu",
                    "product": "Báo cáo",
                    "deadline_text": phrase,
                    "deadline": m.to_json(),
                    "deadline_kind": m.kind.value,
                    "search_text": fold(f"nhiem vu {i}"),
                    "first_unmet": None if done else m.due,
                    "completed": done,
                    "completed_late": False,
                    "suspension": "active",
                }
            )
        s.execute(insert(Task), rows)
        assignments = []
        for tid, first, done in s.execute(select(Task.id, Task.first_unmet, Task.completed)).all():
            for k, aid in enumerate(rng.sample(agency_ids, 2)):
                assignments.append(
                    {
                        "task_id": tid,
                        "role": "lead" if k == 0 else "coop",
                        "agency_id": aid,
                        "first_unmet": first,
                        "completed": done,
                        "completed_late": False,
                    }
                )
        s.execute(insert(Assignment), assignments)
    ctx.close()


def time_report(path: Path, out_dir: Path, repeat: int = 5) -> tuple[float, int]:
    """The median of ``repeat`` reports (each one takes a number and writes a file)."""
    ctx = AppContext(path, today=lambda: TODAY).open()
    try:
        times, n = [], 0
        for i in range(repeat):
            t0 = time.perf_counter()
            result = ctx.letters.report(PERIOD, out_dir / f"report-{path.stem}-{i}.docx").value
            times.append(time.perf_counter() - t0)
            n = result.task_count
        return statistics.median(times), n
    finally:
        ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("BCD_DATA_DIR", str(folder / "data"))
        small = folder / "demo.sqlite"
        ctx = AppContext(small, today=lambda: TODAY).open()
        for _ in build_demo(ctx):
            pass
        ctx.close()
        big = folder / "big.sqlite"
        t0 = time.perf_counter()
        build_big(big, args.tasks)
        build_s = time.perf_counter() - t0
        s_time, s_n = time_report(small, folder)
        b_time, b_n = time_report(big, folder)
        per_small, per_big = s_time / s_n, b_time / b_n
        print(
            json.dumps(
                {
                    "case": "report_demo",
                    "tasks": s_n,
                    "seconds": round(s_time, 3),
                    "ms_per_task": round(per_small * 1000, 3),
                    "aim_s": 1.0,
                    "ok": s_time < 1.0,
                }
            )
        )
        print(
            json.dumps(
                {
                    "case": "report_big",
                    "tasks": b_n,
                    "agencies": 130,
                    "build_s": round(build_s, 2),
                    "seconds": round(b_time, 3),
                    "ms_per_task": round(per_big * 1000, 3),
                }
            )
        )
        print(
            json.dumps(
                {
                    "case": "growth",
                    "per_task_ratio_big_vs_demo": round(per_big / per_small, 3),
                    "linear_or_better": per_big <= per_small * 1.2,
                }
            )
        )


if __name__ == "__main__":
    main()
