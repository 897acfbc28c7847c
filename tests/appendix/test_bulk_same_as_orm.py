"""The importer's bulk insert stores every task exactly as the one-by-one writer would.

New tasks go in by one Core ``executemany`` (app.services.task_writer.insert_tasks); the task
form and a re-import write through ``set_deadline`` + ``finish`` on ORM objects. Here every
imported task is rewritten through the ORM path and its row (search text, sort keys, deadline
JSON and kind, "06 rõ" gaps, cached progress of the task and of each assignment) must not move.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.context import AppContext
from app.paths import resource
from app.services.task_writer import finish, set_deadline
from benchmarks.bench_import import generate
from models.entities import Assignment, Task


class _Undo(Exception):
    pass


SKIPPED = {"created_at", "updated_at"}
TODAY = date(2026, 11, 24)  # the ctx fixture's today


def _rows(s: Any, entity: type) -> dict[int, dict[str, Any]]:
    cols = [c for c in entity.__table__.columns if c.name not in SKIPPED]  # type: ignore[attr-defined]
    return {r.id: dict(r._mapping) for r in s.execute(select(*cols).order_by(entity.id))}  # type: ignore[attr-defined]


def test_bulk_imported_rows_equal_what_the_orm_path_writes(ctx: AppContext, tmp_path: Path) -> None:
    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    for path in (resource("sample", "KH125-phu-luc.xlsx"), generate(tmp_path / "big.xlsx", 400)):
        preview = ctx.importer.preview(path)
        assert ctx.importer.commit(preview, preview.default_decisions()).value.tasks_added > 0
    today = TODAY
    assert ctx.db is not None
    with pytest.raises(_Undo), ctx.db.transaction() as s:
        tasks_before, links_before = _rows(s, Task), _rows(s, Assignment)
        assert len(tasks_before) >= 400
        kinds = {t["deadline_kind"] for t in tasks_before.values()}
        assert {"once", "recurring", "continuous", "milestones"} <= kinds, kinds
        assert any(t["first_unmet"] is None for t in tasks_before.values())
        assert any(a["group_id"] is not None for a in links_before.values())
        for task in s.scalars(select(Task)):
            set_deadline(task, task.deadline_text, task.directive.issued_on or today)
            finish(s, task, today)
        s.flush()
        tasks_after, links_after = _rows(s, Task), _rows(s, Assignment)
        for ident, row in tasks_before.items():
            assert tasks_after[ident] == row, ident
        assert links_after == links_before
        raise _Undo  # the transaction rolls back: the test writes nothing


def test_first_task_id_follows_the_highest_even_after_deletions(ctx: AppContext, tmp_path: Path) -> None:
    """Ids are given by the bulk insert: after the last tasks were deleted, still no clash."""
    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    preview = ctx.importer.preview(resource("sample", "KH125-phu-luc.xlsx"))
    ctx.importer.commit(preview, preview.default_decisions())
    assert ctx.db is not None
    with ctx.db.transaction() as s:
        top = s.scalar(select(Task).order_by(Task.id.desc()).limit(1))
        assert top is not None
        s.delete(top)
    path = generate(tmp_path / "more.xlsx", 30)
    preview = ctx.importer.preview(path)
    added = ctx.importer.commit(preview, preview.default_decisions()).value
    assert added.tasks_added == 30
    with ctx.db.reading() as s:
        ids = list(s.scalars(select(Task.id).where(Task.directive_id == added.directive_id)))
        assert len(ids) == 60 + 30 and len(set(ids)) == 90  # same directive number as the sample
