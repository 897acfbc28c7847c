"""What a new rules version costs at open: every deadline phrase read again
(``deadline_reread.reread_deadlines``), timed beside the plain status recompute
(``progress.refresh_all``) in the same run, on the five-year database (benchmarks.fiveyears).

A copy of the database is marked as cached under the previous rules and a share of its
one-off readings (``--stale``, default one in five, as in a real central appendix) is set to
what the old reader stored for a bare month ("Tháng 6/2026" → 31/12/2026), so the re-read
writes and records that many changes. Each pass runs in a transaction that is rolled back, so
every pass starts from the same state; the full open path (re-read, recompute, audit entries,
commit) is timed last.

    .venv/bin/python -m benchmarks.bench_reread five.sqlite       # builds it first if absent
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sqlalchemy import Table, Text, bindparam, cast, func, select, update

from app.context import AppContext
from app.services.deadline_reread import RereadSummary, reread_deadlines
from app.services.progress import RULES_KEY, refresh_all
from benchmarks.bigdb import TODAY
from models.audit import AuditEntry
from models.deadlines import DeadlineKind
from models.entities import Setting, Task


def _stale_copy(source: Path, folder: Path, every: int) -> tuple[Path, int]:
    """A copy cached under rules "5" with every ``every``-th one-off reading moved to its
    year's end (what the old reader made of a bare month); how many were moved."""
    path = folder / "old-rules.sqlite"
    shutil.copyfile(source, path)
    ctx = AppContext(path, today=lambda: TODAY).open()
    assert ctx.db is not None
    try:
        with ctx.db.transaction() as s:
            conn = s.connection()
            rows = conn.execute(
                select(Task.id, cast(Task.deadline, Text))
                .where(Task.deadline_kind == DeadlineKind.ONCE.value)
                .order_by(Task.id)
            ).all()
            writes = []
            for n, (t_id, raw) in enumerate(rows):
                if n % every:
                    continue
                data = json.loads(raw)
                year = date.fromisoformat(data["dates"][-1]).year
                if data["dates"] == [date(year, 12, 31).isoformat()]:
                    continue  # "Năm 2027": the year's end already, the old reading too
                data["dates"] = [date(year, 12, 31).isoformat()]
                data.pop("start", None)
                writes.append({"t_id": t_id, "dl": data})
            table = Task.__table__
            assert isinstance(table, Table)
            conn.execute(
                update(table).where(table.c.id == bindparam("t_id")).values(deadline=bindparam("dl")), writes
            )
            s.get(Setting, RULES_KEY).value = "5"  # type: ignore[union-attr]
    finally:
        ctx.close()
    return path, len(writes)


def _timed(passes: Iterator[tuple[int, int]]) -> float:
    t0 = time.perf_counter()
    for _ in passes:
        pass
    return time.perf_counter() - t0


def run(source: Path, every: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        path, moved = _stale_copy(source, Path(tmp), every)
        ctx = AppContext(path, today=lambda: TODAY).open(refresh_progress=False)
        assert ctx.db is not None
        try:
            factory = ctx.db._factory  # rolled-back passes: the same starting state for each
            refresh_s = float("inf")
            for _ in range(2):  # the first pass also warms the file's pages: the better of two
                with factory() as s, s.begin():
                    refresh_s = min(refresh_s, _timed(refresh_all(s, TODAY)))
                    s.rollback()
            with factory() as s, s.begin():
                summary = RereadSummary()
                reread_s = _timed(reread_deadlines(s, TODAY, summary))
                s.rollback()
            # what the window runs behind its progress dialog, committed
            open_s = _timed(ctx.tasks.refresh_progress())
            with ctx.db.reading() as s:
                entries = s.scalar(select(func.count()).where(AuditEntry.action == "reread"))
                tasks = s.scalar(select(func.count()).select_from(Task))
        finally:
            ctx.close()
    return {
        "tasks": tasks,
        "readings_moved": moved,
        "reread_changed": summary.changed,
        "audit_entries": entries,
        "refresh_all_s": round(refresh_s, 3),
        "reread_s": round(reread_s, 3),
        "reread_over_refresh": round(reread_s / refresh_s, 2),
        "whole_open_s": round(open_s, 3),
        "whole_over_refresh": round(open_s / refresh_s, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path, help="the five-year database (built there if absent)")
    parser.add_argument("--stale", type=int, default=5, help="one one-off reading in N is the old one")
    args = parser.parse_args()
    if not args.path.exists():
        from benchmarks.fiveyears import build

        build(args.path)
    print(json.dumps(run(args.path, args.stale), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
