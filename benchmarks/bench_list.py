"""The task list and the counters at 100,000 tasks, each figure beside its peer of the same run.

    .venv/bin/python -m benchmarks.bench_list [--tasks 100000] [--big FILE] [--runs 5]

Prints JSON lines (medians of ``--runs`` runs):
- scroll_to_end: the list model fetching pages until none is left, against an indexed keyset
  walk of the same rows (task, directive number, parties) in plain sqlite3; aim <= 1.5x;
- report_added: with 10,000 rows loaded, one report added, until the list row and the counters
  are fresh (apply_changes, the filter count, the status-bar totals); aim <= 50 ms; beside the
  reload of every loaded row it replaces;
- agency_counts / agency_roll_up / directive_counts: the agency and directive pages' counts on
  the big database against the 60-task demo; aim <= 100 ms;
- sorted_first_page / sorted_next_page: the list sorted by lead agency (Vietnamese order, the
  stored key's index), by «06 rõ» (the stored gap count's index, ix_task_gaps; about 1 s a page
  when it was computed per row from each task's leads) and by days overdue (most first,
  computed per row), first page and the
  keyset page after it, through the service (rows built), beside the plain sqlite3 statement
  of the same order and its parties.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.change_recorder import changes_of
from app.changes import Changes
from app.context import AppContext
from app.demo import build_demo
from app.dto import ReportInput, TaskFilter, TaskSort, TaskSortKey
from benchmarks.bigdb import TODAY, build
from models.status import Status

PAGE = 200


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times) * 1000, 2)


def emit(**fields: object) -> None:
    print(json.dumps(fields, ensure_ascii=False), flush=True)


# -- scrolling ------------------------------------------------------------------------------
def plain_keyset_walk(path: Path) -> int:
    """What the list shows, page by page, in plain SQL on ix_task_list_order."""
    conn = sqlite3.connect(path)
    cols = (
        "t.id, t.directive_id, t.seq, t.group_code, t.content, t.product, t.deadline_text, t.deadline_kind,"
        " t.suspension, t.first_unmet, t.completed, t.completed_late, d.number"
    )
    first = (
        f"SELECT {cols} FROM task t JOIN directive d ON d.id = t.directive_id"
        " ORDER BY t.directive_id DESC, t.seq, t.id LIMIT ?"
    )
    same = (
        f"SELECT {cols} FROM task t JOIN directive d ON d.id = t.directive_id"
        " WHERE t.directive_id = ? AND (t.seq, t.id) > (?, ?) ORDER BY t.seq, t.id LIMIT ?"
    )
    below = (
        f"SELECT {cols} FROM task t JOIN directive d ON d.id = t.directive_id"
        " WHERE t.directive_id < ? ORDER BY t.directive_id DESC, t.seq, t.id LIMIT ?"
    )
    parties = (
        "SELECT a.task_id, a.role, a.agency_id, a.group_id, a.first_unmet, a.completed, a.completed_late,"
        " coalesce(ag.name, g.name) FROM assignment a LEFT JOIN agency ag ON ag.id = a.agency_id"
        " LEFT JOIN agency_group g ON g.id = a.group_id WHERE a.task_id IN ({}) ORDER BY a.id"
    )
    total = 0
    rows = conn.execute(first, (PAGE,)).fetchall()
    while rows:
        ids = [r[0] for r in rows]
        conn.execute(parties.format(",".join("?" * len(ids))), ids).fetchall()
        total += len(rows)
        if len(rows) < PAGE:
            break
        d, s, i = rows[-1][1], rows[-1][2], rows[-1][0]
        rows = conn.execute(same, (d, s, i, PAGE)).fetchall()
        if len(rows) < PAGE:
            rows += conn.execute(below, (d, PAGE - len(rows))).fetchall()
    conn.close()
    return total


def scroll(ctx: AppContext, n_tasks: int, runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from views.task_table_model import TaskTableModel

    _app = QApplication.instance() or QApplication(sys.argv)

    def model_walk() -> None:
        model = TaskTableModel(ctx, PAGE)
        model.set_filter(TaskFilter())
        model.fetch_all()
        assert model.rowCount() == n_tasks, model.rowCount()

    assert plain_keyset_walk(ctx.db_path) == n_tasks
    ours, peer = median_ms(model_walk, runs), median_ms(lambda: plain_keyset_walk(ctx.db_path), runs)
    emit(
        measure="scroll_to_end",
        tasks=n_tasks,
        page=PAGE,
        model_ms=ours,
        plain_sql_keyset_ms=peer,
        ratio=round(ours / peer, 2),
        target_ratio=1.5,
    )


# -- one report, 10,000 rows loaded ----------------------------------------------------------
def report_added(ctx: AppContext, runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from views.task_table_model import TaskTableModel

    _app = QApplication.instance() or QApplication(sys.argv)
    assert ctx.db is not None
    model = TaskTableModel(ctx, 500)
    model.set_filter(TaskFilter())
    while model.rowCount() < 10_000 and model.canFetchMore(model.index(0, 0).parent()):
        model.fetchMore(model.index(0, 0).parent())
    loaded = model.rowCount()
    # overdue, single-date tasks deep in the loaded rows: each gets one report
    overdue = [
        r.id
        for n in range(loaded // 2, loaded)
        if (r := model.row_at(n)) is not None and r.status == Status.OVERDUE.value
    ]
    targets = [t for t in overdue if ctx.tasks.get(t).deadline_kind == "once"][: runs * 2]
    fresh_ms, reload_ms = [], []
    original = ctx.db.transaction
    recorded: list[Changes] = []

    from contextlib import contextmanager

    @contextmanager
    def transaction():  # type: ignore[no-untyped-def]
        with original() as s:
            yield s
        recorded.append(changes_of(s))

    ctx.db.transaction = transaction  # type: ignore[method-assign]
    for k, task_id in enumerate(targets):
        recorded.clear()
        for a in ctx.tasks.get(task_id).assignments:  # every party reports it done
            ctx.reports.add(ReportInput(a.id, date(2026, 11, 20), "Đã hoàn thành", 100, True))
        changes = recorded[0]
        for c in recorded[1:]:
            changes = changes | c
        t0 = time.perf_counter()
        if k % 2 == 0:
            model.apply_changes(changes)
            fresh_ms.append(time.perf_counter() - t0)
        else:
            model.refresh()  # the peer: what a save did before, reload every loaded row
            reload_ms.append(time.perf_counter() - t0)
        ctx.tasks.count(model.task_filter)
        ctx.tasks.totals()
        if k % 2 == 0:
            fresh_ms[-1] = time.perf_counter() - t0
        else:
            reload_ms[-1] = time.perf_counter() - t0
        row = model.row_at(model.row_of_task(task_id))
        assert row is not None and row.status != Status.OVERDUE.value
    ctx.db.transaction = original  # type: ignore[method-assign]
    emit(
        measure="report_added",
        rows_loaded=loaded,
        apply_changes_and_counts_ms=round(statistics.median(fresh_ms) * 1000, 2),
        reload_all_rows_and_counts_ms=round(statistics.median(reload_ms) * 1000, 2),
        target_ms=50,
        runs=len(fresh_ms),
    )


# -- sorted pages ----------------------------------------------------------------------------
_COLS = (
    "t.id, t.directive_id, t.seq, t.group_code, t.content, t.product, t.deadline_text, t.deadline_kind,"
    " t.suspension, t.first_unmet, t.completed, t.completed_late, d.number"
)
_PARTIES = (
    "SELECT a.task_id, a.role, a.agency_id, a.group_id, a.first_unmet, a.completed, a.completed_late,"
    " coalesce(ag.name, g.name) FROM assignment a LEFT JOIN agency ag ON ag.id = a.agency_id"
    " LEFT JOIN agency_group g ON g.id = a.group_id WHERE a.task_id IN ({}) ORDER BY a.id"
)
_OVERDUE_SINCE = (
    "CASE WHEN t.suspension = 'active' AND t.deadline_kind IN ('once','milestones','recurring')"
    " AND NOT t.completed AND t.first_unmet < ? THEN t.first_unmet ELSE '9999-12-31' END"
)
# the best plain form: sort the ids and keys only, then read the page's columns by id
_PAGE_ROWS = (
    f"SELECT {_COLS}, p.k FROM ({{}}) p JOIN task t ON t.id = p.id"
    " JOIN directive d ON d.id = t.directive_id ORDER BY p.rn"
)
PLAIN_SORTS = {
    TaskSortKey.LEAD: (
        "SELECT t.id, t.lead_key AS k FROM task t ORDER BY t.lead_key, t.id LIMIT ?",
        "SELECT t.id, t.lead_key AS k FROM task t WHERE (t.lead_key, t.id) > (?, ?)"
        " ORDER BY t.lead_key, t.id LIMIT ?",
    ),
    TaskSortKey.CLARITY: (
        "SELECT t.id, t.gaps AS k FROM task t ORDER BY t.gaps, t.id LIMIT ?",
        "SELECT t.id, t.gaps AS k FROM task t WHERE (t.gaps, t.id) > (?, ?) ORDER BY t.gaps, t.id LIMIT ?",
    ),
    TaskSortKey.OVERDUE: (
        f"SELECT t.id, {_OVERDUE_SINCE} AS k FROM task t ORDER BY k, t.id LIMIT ?",
        f"SELECT t.id, {_OVERDUE_SINCE} AS k FROM task t WHERE (k, t.id) > (?, ?) ORDER BY k, t.id LIMIT ?",
    ),
}


def plain_sorted_page(conn: sqlite3.Connection, key: TaskSortKey, after: tuple[object, int] | None) -> list:
    first, following = PLAIN_SORTS[key]
    today = (TODAY.isoformat(),) if key is TaskSortKey.OVERDUE else ()
    sql, params = (first, (*today, PAGE)) if after is None else (following, (*today, *after, PAGE))
    numbered = f"SELECT id, k, row_number() OVER () AS rn FROM ({sql})"
    rows = conn.execute(_PAGE_ROWS.format(numbered), params).fetchall()
    ids = [r[0] for r in rows]
    conn.execute(_PARTIES.format(",".join("?" * len(ids))), ids).fetchall()
    return rows


def sorted_pages(ctx: AppContext, runs: int) -> None:
    conn = sqlite3.connect(ctx.db_path)
    try:
        for sort in (
            TaskSort(TaskSortKey.LEAD),
            TaskSort(TaskSortKey.CLARITY),
            TaskSort(TaskSortKey.OVERDUE, descending=True),
        ):
            first = ctx.tasks.page_after(TaskFilter(), None, PAGE, sort)
            plain = plain_sorted_page(conn, sort.key, None)
            assert [r.id for r in first] == [r[0] for r in plain], sort
            after = first[-1].order
            plain_after = (plain[-1][-1], plain[-1][0])
            for measure, ours, peer in (
                (
                    "sorted_first_page",
                    lambda s=sort: ctx.tasks.page_after(TaskFilter(), None, PAGE, s),
                    lambda k=sort.key: plain_sorted_page(conn, k, None),
                ),
                (
                    "sorted_next_page",
                    lambda s=sort, a=after: ctx.tasks.page_after(TaskFilter(), a, PAGE, s),
                    lambda k=sort.key, a=plain_after: plain_sorted_page(conn, k, a),
                ),
            ):
                a, b = median_ms(ours, runs), median_ms(peer, runs)
                emit(
                    measure=measure,
                    sort=f"{sort.key}{' desc' if sort.descending else ''}",
                    page=PAGE,
                    service_ms=a,
                    plain_sql_ms=b,
                    ratio=round(a / b, 2) if b else None,
                )
    finally:
        conn.close()


# -- counts ----------------------------------------------------------------------------------
def counts(small: AppContext, big: AppContext, n_tasks: int, runs: int) -> None:
    def top(ctx: AppContext) -> int:
        return max(ctx.agencies.list_agencies(), key=lambda r: r.lead_count).id

    small_top, big_top = top(small), top(big)
    measures: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
        "agency_counts": (small.agencies.list_agencies, big.agencies.list_agencies),
        "agency_roll_up_busiest": (
            lambda: small.agencies.status_counts(small_top),
            lambda: big.agencies.status_counts(big_top),
        ),
        "directive_counts": (small.directives.list_directives, big.directives.list_directives),
        "status_bar_totals": (small.tasks.totals, big.tasks.totals),
    }
    for name, (a, b) in measures.items():
        sa, sb = median_ms(a, runs), median_ms(b, runs)
        emit(measure=name, demo_60_ms=sa, **{f"tasks_{n_tasks}_ms": sb}, target_ms=100)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--big", type=Path, help="an existing big database (copied, not changed)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        big_path, small_path = tmp / "big.sqlite", tmp / "demo.sqlite"
        if args.big:
            shutil.copyfile(args.big, big_path)
        else:
            emit(measure="build", **build(big_path, args.tasks))
        small = AppContext(small_path, today=lambda: TODAY).open()
        for _ in build_demo(small):
            pass
        big = AppContext(big_path, today=lambda: TODAY).open()
        try:
            counts(small, big, args.tasks, args.runs)
            sorted_pages(big, max(5, args.runs))
            scroll(big, args.tasks, max(3, args.runs // 2))
            report_added(big, args.runs)
        finally:
            big.close()
            small.close()


if __name__ == "__main__":
    main()
