"""The task list by keyset: the same rows as by position, on an index that serves the order."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.dialects import sqlite as sqlite_dialect

from app.context import AppContext
from app.dto import DirectiveInput, TaskFilter, TaskInput
from app.services.task_query import TaskKey, filtered_tasks, keyset_pages
from app.services.tasks import _ROW_COLUMNS
from models.entities import Directive, Task
from models.status import Status
from tests.conftest import TODAY


def walk(ctx: AppContext, flt: TaskFilter, limit: int) -> list[int]:
    out: list[int] = []
    after: TaskKey | None = None
    while True:
        page = ctx.tasks.page_after(flt, after, limit)
        out += [r.id for r in page]
        if len(page) < limit:
            return out
        last = page[-1]
        after = TaskKey(last.directive_id, last.seq, last.id)


def filters(ctx: AppContext) -> list[TaskFilter]:
    police = ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
    directive = ctx.directives.find_by_number("125/KH-BCĐ")
    return [
        TaskFilter(),
        TaskFilter(directive_id=directive),
        TaskFilter(agency_id=police),
        TaskFilter(agency_id=police, statuses=(Status.OVERDUE, Status.DUE_SOON)),
        TaskFilter(statuses=(Status.NOT_DUE,)),
        TaskFilter(search="chuyen doi so"),
    ]


@pytest.mark.parametrize("limit", [1, 7, 200])
def test_keyset_pages_give_the_list_in_order(demo_ctx: AppContext, limit: int) -> None:
    for flt in filters(demo_ctx):
        everything = [r.id for r in demo_ctx.tasks.page(flt, 0, 10_000)]
        assert walk(demo_ctx, flt, limit) == everything, flt
        assert len(everything) == demo_ctx.tasks.count(flt)
    assert len(walk(demo_ctx, TaskFilter(), 7)) > 50


def test_ties_on_seq_across_directives_are_broken_by_id(ctx: AppContext) -> None:
    """Duplicate numbers (an appendix numbered twice) must neither repeat nor skip rows."""
    d1 = ctx.directives.save(DirectiveInput(number="1/KH", kind="KH")).value
    d2 = ctx.directives.save(DirectiveInput(number="2/KH", kind="KH")).value
    for d in (d1, d2, d1, d2, d1):
        for seq in (3, 1, 1, 2, 1):
            ctx.tasks.save(TaskInput(directive_id=d, content=f"Nhiệm vụ {d}-{seq}", seq=seq))
    expected = [r.id for r in ctx.tasks.page(TaskFilter(), 0, 1000)]
    assert len(expected) == 25
    keys = [(r.directive_id, r.seq, r.id) for r in ctx.tasks.page(TaskFilter(), 0, 1000)]
    assert keys == sorted(keys, key=lambda k: (-k[0], k[1], k[2]))
    for limit in (1, 2, 3, 4, 24, 25, 26):
        assert walk(ctx, TaskFilter(), limit) == expected
        assert walk(ctx, TaskFilter(directive_id=d1), limit) == [
            r.id for r in ctx.tasks.page(TaskFilter(directive_id=d1), 0, 1000)
        ]


def plan(conn: sqlite3.Connection, stmt: object) -> str:
    sql = str(stmt.compile(dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True}))  # type: ignore[attr-defined]
    return " | ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql))


def test_list_order_is_served_by_the_index_without_sorting(demo_ctx: AppContext) -> None:
    directive = demo_ctx.directives.find_by_number("125/KH-BCĐ")
    assert directive is not None
    after = TaskKey(directive, 3, 10)
    with sqlite3.connect(demo_ctx.db_path) as conn:
        for flt in (TaskFilter(), TaskFilter(directive_id=directive)):
            first = plan(conn, filtered_tasks(flt, TODAY, 14).limit(200))
            same, below = keyset_pages(flt, TODAY, 14, after)
            for text in (first, plan(conn, same.limit(200)), plan(conn, below.limit(200))):
                assert "TEMP B-TREE" not in text, (flt, text)
                assert "ix_task_list_order" in text or "ix_task_directive_seq" in text, (flt, text)
        unfiltered = plan(conn, filtered_tasks(TaskFilter(), TODAY, 14).limit(200))
        assert "ix_task_list_order" in unfiltered
        # the pages as TaskService.page_after reads them: the row's columns, the directive joined
        on = (Directive, Directive.id == Task.directive_id)
        rows = filtered_tasks(TaskFilter(), TODAY, 14, *_ROW_COLUMNS).join(*on).limit(200)
        same, below = keyset_pages(TaskFilter(), TODAY, 14, after, *_ROW_COLUMNS)
        for text in (plan(conn, rows), plan(conn, same.join(*on)), plan(conn, below.join(*on))):
            assert "TEMP B-TREE" not in text and "ix_task_list_order" in text, text


def test_rows_are_read_in_chunks_under_the_variable_limit(
    demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import tasks as task_service

    whole = demo_ctx.tasks.page_after(TaskFilter(), None, 1000)
    monkeypatch.setattr(task_service, "_CHUNK", 7)
    assert demo_ctx.tasks.page_after(TaskFilter(), None, 1000) == whole
    assert len(whole) > 7 * 3
