"""A five-year database for the follow-up benchmarks: 20,000 tasks, 130 agencies, 200,000
reports, 50,000 evidence rows (rows only; no files), skewed leads, recurring tasks reported
period by period (mostly on time, some late, some stopped).

Tasks, agencies and parties come from benchmarks.bigdb (demo-length texts, Zipf-like leads,
groups, paused and cancelled tasks); this adds the reports of five years through Core
``executemany`` and then recomputes every cached progress with ``refresh_all`` (timed: the
"after a rules change" figure), beside a Core write of the same rows (the peer).

    .venv/bin/python -m benchmarks.fiveyears out.sqlite
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Table, bindparam, func, insert, select, update

from app.context import AppContext
from app.services.progress import anchor_of, deadline_of, refresh_all
from benchmarks.bigdb import TODAY
from benchmarks.bigdb import build as build_tasks
from models.deadlines import DeadlineKind, occurrences
from models.entities import Agency, Assignment, Directive, Evidence, Report, StoredFile, Task
from models.textfold import fold

FIVE_YEARS_AGO = date(TODAY.year - 5, TODAY.month, 1)


def _texts(rng: random.Random) -> str:
    base = (
        "Đã triển khai thực hiện nhiệm vụ theo kế hoạch; kết quả cụ thể như sau: ban hành văn bản hướng dẫn, "
        "tổ chức tập huấn cho cán bộ, công chức; cập nhật số liệu lên hệ thống theo dõi. "
    )
    return base * rng.randint(1, 4)


def add_reports(path: Path, total: int, evidence: int, seed: int = 5) -> dict[str, int]:
    rng = random.Random(seed)
    ctx = AppContext(path, today=lambda: TODAY).open()
    assert ctx.db is not None
    with ctx.db.transaction() as s:
        # directives spread over five years, so recurring duties have up to sixty months behind them
        ids = list(s.scalars(select(Directive.id)))
        s.connection().execute(
            update(Directive.__table__)
            .where(Directive.__table__.c.id == bindparam("d_id"))
            .values(issued_on=bindparam("day")),
            [{"d_id": d, "day": FIVE_YEARS_AGO + timedelta(days=rng.randint(0, 1700))} for d in ids],
        )
        n_agencies = s.scalar(select(func.count()).select_from(Agency)) or 0
        for i in range(n_agencies, 130):
            name = f"Ban quản lý dự án số {i}"
            s.add(Agency(name=name, name_key=fold(name)))
        s.flush()
        existing = s.scalar(select(func.count()).select_from(Report)) or 0
        reports: list[dict[str, Any]] = []
        recurring = list(
            s.scalars(
                select(Task).where(
                    Task.deadline_kind == DeadlineKind.RECURRING.value, Task.suspension == "active"
                )
            )
        )
        for task in recurring:
            lead = next((a for a in task.assignments if a.role == "lead"), None)
            if lead is None:
                continue
            due = occurrences(deadline_of(task), FIVE_YEARS_AGO, TODAY - timedelta(days=1), anchor_of(task))
            stop = len(due) if rng.random() < 0.7 else rng.randint(0, len(due))  # some stop reporting
            for occ in due[:stop]:
                if rng.random() < 0.1:
                    continue  # a month missed
                shift = -rng.randint(0, 10) if rng.random() < 0.75 else rng.randint(1, 25)
                reports.append(_report(lead.id, occ, min(occ + timedelta(days=shift), TODAY), True, rng))
                if len(reports) + existing >= total * 0.8:
                    break
        assignments = list(s.scalars(select(Assignment.id)))
        while len(reports) + existing < total:
            day = FIVE_YEARS_AGO + timedelta(days=rng.randint(0, (TODAY - FIVE_YEARS_AGO).days))
            reports.append(_report(rng.choice(assignments), None, day, rng.random() < 0.1, rng))
        s.expunge_all()
        s.execute(insert(Report), reports)
        report_ids = list(s.scalars(select(Report.id)))
        have = s.scalar(select(func.count()).select_from(Evidence)) or 0
        blobs = [
            {"sha256": hashlib.sha256(f"five-years-{n}".encode()).hexdigest(), "size": 50_000 + n}
            for n in range(5000)
        ]
        s.execute(insert(StoredFile), blobs)
        s.execute(
            insert(Evidence),
            [
                {
                    "report_id": rng.choice(report_ids),
                    "sha256": rng.choice(blobs)["sha256"],
                    "original_name": f"Báo cáo số {n}.pdf",
                }
                for n in range(max(0, evidence - have))
            ],
        )
        counts = {
            "agencies": s.scalar(select(func.count()).select_from(Agency)) or 0,
            "reports": s.scalar(select(func.count()).select_from(Report)) or 0,
            "evidence": s.scalar(select(func.count()).select_from(Evidence)) or 0,
            "recurring_tasks": len(recurring),
        }
    ctx.close()
    return counts


def _report(
    assignment_id: int, occurrence: date | None, received: date, done: bool, rng: random.Random
) -> dict[str, Any]:
    return {
        "assignment_id": assignment_id,
        "occurrence": occurrence,
        "received_on": received,
        "text": _texts(rng),
        "percent": 100 if done else rng.choice((10, 30, 50, 70, 90)),
        "done": done,
        "doc_number": f"{rng.randint(1, 999)}/BC-UBND",
    }


def time_refresh(path: Path) -> dict[str, float]:
    """``refresh_all`` (what a rules change costs) beside a Core write of the same rows: one
    executemany UPDATE of every task's and assignment's cached columns with their values."""
    ctx = AppContext(path, today=lambda: TODAY).open()
    assert ctx.db is not None
    try:
        with ctx.db.transaction() as s:
            t0 = time.perf_counter()
            for _ in refresh_all(s, TODAY):
                pass
            refresh_s = time.perf_counter() - t0
        with ctx.db.transaction() as s:
            t0 = time.perf_counter()
            conn = s.connection()
            for table in (Task.__table__, Assignment.__table__):
                assert isinstance(table, Table)
                rows = [
                    {"k": r[0], "fu": r[1], "c": r[2], "cl": r[3]}
                    for r in conn.execute(
                        select(table.c.id, table.c.first_unmet, table.c.completed, table.c.completed_late)
                    )
                ]
                conn.execute(
                    update(table)
                    .where(table.c.id == bindparam("k"))
                    .values(
                        first_unmet=bindparam("fu"), completed=bindparam("c"), completed_late=bindparam("cl")
                    ),
                    rows,
                )
            core_s = time.perf_counter() - t0
    finally:
        ctx.close()
    return {
        "refresh_all_s": round(refresh_s, 3),
        "core_write_peer_s": round(core_s, 3),
        "ratio": round(refresh_s / core_s, 2),
    }


def build(path: Path, tasks: int = 20_000, reports: int = 200_000, evidence: int = 50_000) -> dict[str, Any]:
    facts: dict[str, Any] = {"tasks": build_tasks(path, tasks)["tasks"]}
    facts.update(add_reports(path, reports, evidence))
    facts.update(time_refresh(path))  # also makes every cache (and the covered occurrences) consistent
    return facts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--tasks", type=int, default=20_000)
    parser.add_argument("--reports", type=int, default=200_000)
    parser.add_argument("--evidence", type=int, default=50_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    facts = build(args.path, args.tasks, args.reports, args.evidence)
    print(
        json.dumps({**facts, "build_s": round(time.perf_counter() - t0, 2)}, ensure_ascii=False), flush=True
    )


if __name__ == "__main__":
    main()
