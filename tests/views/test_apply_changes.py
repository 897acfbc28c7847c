"""TaskTableModel.apply_changes: a change naming a few tasks re-reads only those rows.

The changes come from the real recorder (app.change_recorder) of the transaction that wrote
them, on a realistic 10,000-task database (benchmarks.bigdb).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from app.change_recorder import changes_of
from app.changes import Changes, Subject
from app.context import AppContext
from app.dto import ReportInput, TaskFilter, TaskInput
from benchmarks.bigdb import build
from models.status import Status
from tests.conftest import TODAY
from views.task_table_model import TaskTableModel

N_TASKS = 10_000


@pytest.fixture(scope="module")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.sqlite"
    build(path, N_TASKS)
    return path


@pytest.fixture
def big_ctx(big_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "big.sqlite"
    shutil.copyfile(big_template, path)
    c = AppContext(path, today=lambda: TODAY).open()
    yield c
    c.close()


class Recorder:
    """Wraps the database so each transaction's recorded Changes are kept, as the runner will."""

    def __init__(self, ctx: AppContext) -> None:
        assert ctx.db is not None
        self.changes: list[Changes] = []
        original = ctx.db.transaction

        @contextmanager
        def transaction() -> Iterator[Session]:
            with original() as s:
                yield s
            self.changes.append(changes_of(s))

        ctx.db.transaction = transaction  # type: ignore[method-assign]

    def take(self) -> Changes:
        out = Changes()
        for c in self.changes:
            out = out | c
        self.changes.clear()
        return out


class RowSpy:
    """Which task ids the model asks the service to read, and which signals it emits."""

    def __init__(self, ctx: AppContext, model: TaskTableModel) -> None:
        self.read: list[int] = []
        service = ctx.tasks
        original: Callable[..., Any] = service._rows

        def spy(s: Session, ids: list[int], *args: Any) -> Any:
            self.read += ids
            return original(s, ids, *args)

        service._rows = spy  # type: ignore[method-assign]
        self.changed: list[tuple[int, int]] = []
        self.removed: list[int] = []
        self.inserted: list[int] = []
        self.resets = 0
        model.dataChanged.connect(lambda a, b, _roles=(): self.changed.append((a.row(), b.row())))
        model.rowsRemoved.connect(lambda _p, first, _last: self.removed.append(first))
        model.rowsInserted.connect(lambda _p, first, _last: self.inserted.append(first))
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.resets += 1

    def clear(self) -> None:
        self.read.clear()
        self.changed.clear()
        self.removed.clear()
        self.inserted.clear()
        self.resets = 0


def loaded(model: TaskTableModel) -> list[int]:
    return [r.id for r in (model.row_at(n) for n in range(model.rowCount())) if r is not None]


def fresh(ctx: AppContext, flt: TaskFilter, n: int) -> list[int]:
    return [r.id for r in ctx.tasks.page_after(flt, None, n)]


def test_one_report_with_10000_rows_loaded_rereads_only_that_row(big_ctx: AppContext, qtbot: QtBot) -> None:
    model = TaskTableModel(big_ctx, page_size=500)
    model.set_filter(TaskFilter())
    model.fetch_all()
    assert model.rowCount() == N_TASKS
    spy, rec = RowSpy(big_ctx, model), Recorder(big_ctx)
    row = next(
        n
        for n in range(2000, N_TASKS)
        if (r := model.row_at(n)) is not None
        and r.status == Status.OVERDUE.value
        and big_ctx.tasks.get(r.id).deadline_kind == "once"
    )
    task = model.row_at(row)
    assert task is not None
    lead = big_ctx.tasks.get(task.id).assignments[0]
    big_ctx.reports.add(ReportInput(lead.id, date(2026, 11, 20), "Đã hoàn thành", 100, True))
    changes = rec.take()
    assert changes.task_ids == {task.id} and changes.reports and not changes.all_tasks
    spy.clear()

    model.apply_changes(changes)

    assert spy.read == [task.id]
    assert spy.changed == [(row, row)] and spy.resets == 0 and not spy.removed and not spy.inserted
    now = model.row_at(row)
    assert now is not None and now.id == task.id
    assert now.status == Status.DONE_LATE.value != task.status
    assert loaded(model) == fresh(big_ctx, TaskFilter(), N_TASKS)


def test_a_deleted_task_disappears(big_ctx: AppContext, qtbot: QtBot) -> None:
    model = TaskTableModel(big_ctx, page_size=200)
    model.set_filter(TaskFilter())
    model.fetchMore(model.index(0, 0).parent())
    spy, rec = RowSpy(big_ctx, model), Recorder(big_ctx)
    victim = model.row_at(250)
    assert victim is not None and model.rowCount() == 400
    big_ctx.tasks.delete(victim.id)
    spy.clear()

    model.apply_changes(rec.take())

    assert spy.removed == [250] and spy.resets == 0 and spy.read == []
    assert model.rowCount() == 399 and model.row_of_task(victim.id) == -1
    assert loaded(model) == fresh(big_ctx, TaskFilter(), 399)
    # the next page follows on from the new last row, without gap or repeat
    model.fetchMore(model.index(0, 0).parent())
    assert loaded(model) == fresh(big_ctx, TaskFilter(), 599)


def test_an_edit_that_leaves_the_filter_removes_the_row(big_ctx: AppContext, qtbot: QtBot) -> None:
    flt = TaskFilter(statuses=(Status.OVERDUE,))
    model = TaskTableModel(big_ctx, page_size=300)
    model.set_filter(flt)
    before = model.rowCount()
    assert before == 300
    spy, rec = RowSpy(big_ctx, model), Recorder(big_ctx)
    task = model.row_at(17)
    assert task is not None
    for a in big_ctx.tasks.get(task.id).assignments:
        big_ctx.reports.add(ReportInput(a.id, date(2026, 11, 20), "Xong", 100, True))
    spy.clear()

    model.apply_changes(rec.take())

    assert spy.removed == [17] and spy.resets == 0 and not spy.changed
    assert model.row_of_task(task.id) == -1 and model.rowCount() == before - 1
    assert loaded(model) == fresh(big_ctx, flt, before - 1)


def test_a_new_task_appears_where_it_sorts(big_ctx: AppContext, qtbot: QtBot) -> None:
    model = TaskTableModel(big_ctx, page_size=200)
    model.set_filter(TaskFilter())
    first = model.row_at(0)
    assert first is not None
    spy, rec = RowSpy(big_ctx, model), Recorder(big_ctx)
    new_id = big_ctx.tasks.save(
        TaskInput(directive_id=first.directive_id, content="Nhiệm vụ mới thêm", seq=first.seq + 1)
    ).value
    far_id = big_ctx.tasks.save(
        TaskInput(
            directive_id=min(r.directive_id for r in big_ctx.tasks.page(TaskFilter(), 0, 10**6)),
            content="Cuối",
        )
    ).value
    spy.clear()

    model.apply_changes(rec.take())

    assert spy.resets == 0 and len(spy.inserted) == 1
    assert model.rowCount() == 201 and model.row_of_task(new_id) == spy.inserted[0] > 0
    assert model.row_of_task(far_id) == -1  # it sorts after the loaded rows: a later page brings it
    assert loaded(model) == fresh(big_ctx, TaskFilter(), 201)
    model.fetch_all()
    assert loaded(model) == fresh(big_ctx, TaskFilter(), N_TASKS + 2)


@pytest.mark.parametrize("subject", [Subject.DIRECTIVES, Subject.AGENCIES, Subject.SETTINGS])
def test_changes_that_can_move_any_row_reload(big_ctx: AppContext, qtbot: QtBot, subject: Subject) -> None:
    model = TaskTableModel(big_ctx, page_size=200)
    model.set_filter(TaskFilter())
    model.fetchMore(model.index(0, 0).parent())
    spy = RowSpy(big_ctx, model)
    model.apply_changes(Changes.of(subject))
    assert spy.resets == 1 and model.rowCount() == 400
    spy.clear()
    model.apply_changes(Changes.of(all_tasks=True))
    assert spy.resets == 1 and model.rowCount() == 400
    spy.clear()
    model.apply_changes(Changes.of(Subject.LETTERS))
    assert spy.resets == 0 and spy.read == []
