"""The operation runner: one database worker, one broadcast per operation, cancellable jobs."""

from __future__ import annotations

import threading
import time
from collections.abc import Generator
from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.changes import Changes, OpResult, Subject
from app.context import AppContext
from app.dto import ReportInput, TaskFilter
from app.errors import UserError
from models.entities import Task
from models.status import Status
from tests.views.conftest import Shown, wait_job
from views.main_window import MainWindow
from views.operations import OpRunner, runner
from views.report_dialog import ReportDialog


def test_run_broadcasts_once_and_works_off_the_gui_thread(qtbot: QtBot, shown: Shown) -> None:
    ops = OpRunner()
    heard: list[Changes] = []
    values: list[object] = []
    where: list[bool] = []
    ops.changed.connect(heard.append)

    def op() -> OpResult[str]:
        where.append(threading.current_thread() is threading.main_thread())
        return OpResult("xong", Changes.of(Subject.REPORTS, task_ids=[7]))

    wait_job(qtbot, ops.run(None, "Đang làm…", op, values.append))
    assert values == ["xong"] and where == [False]
    assert heard == [Changes.of(Subject.REPORTS, task_ids=[7])]
    assert not shown.errors


def test_writes_are_serialised_on_one_worker(qtbot: QtBot) -> None:
    ops = OpRunner()
    inside = 0
    most = 0
    lock = threading.Lock()
    workers: set[int] = set()

    def op() -> OpResult[None]:
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
            workers.add(threading.get_ident())
        time.sleep(0.03)
        with lock:
            inside -= 1
        return OpResult(None, Changes())

    jobs = [ops.run(None, "…", op) for _ in range(4)]
    for job in jobs:
        wait_job(qtbot, job)
    assert most == 1 and len(workers) == 1


def test_run_modal_returns_the_value_or_raises_the_refusal(qtbot: QtBot) -> None:
    ops = OpRunner()
    heard: list[Changes] = []
    ops.changed.connect(heard.append)
    assert ops.run_modal(None, lambda: OpResult(5, Changes.of(Subject.LETTERS))) == 5
    assert heard == [Changes.of(Subject.LETTERS)]

    def refused() -> OpResult[int]:
        raise UserError("Không được.")

    with pytest.raises(UserError, match="Không được"):
        ops.run_modal(None, refused)
    assert len(heard) == 1  # a refusal changes nothing and says nothing


def test_a_stopped_job_keeps_nothing_and_broadcasts_nothing(
    qtbot: QtBot, demo_ctx: AppContext, shown: Shown
) -> None:
    ops = OpRunner()
    heard: list[Changes] = []
    ops.changed.connect(heard.append)
    ids = [r.id for r in demo_ctx.tasks.page(TaskFilter(), 0, 50)]
    gate = threading.Event()
    assert demo_ctx.db is not None

    def slow() -> Generator[tuple[int, int], None, OpResult[int]]:
        with demo_ctx.db.transaction() as s:  # type: ignore[union-attr]
            for n, i in enumerate(ids, 1):
                s.get(Task, i).note = "dừng giữa chừng"  # type: ignore[union-attr]
                s.flush()
                yield n, len(ids)
                gate.wait(5)
        return OpResult(len(ids), Changes.of(task_ids=ids))

    job = ops.run(None, "Đang làm…", slow, cancellable=True)
    qtbot.waitUntil(lambda: job._last[0] >= 1, timeout=5000)
    job.cancel()
    gate.set()
    wait_job(qtbot, job)
    assert job.error is not None and not shown.errors  # stopping is not an error to show
    assert heard == []
    with demo_ctx.db.reading() as s:
        assert s.scalar(select(func.count()).where(Task.note == "dừng giữa chừng")) == 0


def test_report_refreshes_its_row_detail_and_counters(qtbot: QtBot, window: MainWindow) -> None:
    page = window.task_page
    page.table.selectRow(0)
    task_id = page.current_task_id()
    assert task_id is not None
    before = page.detail.report_tree.topLevelItemCount()
    heard: list[Changes] = []
    runner().changed.connect(heard.append)
    dlg = ReportDialog(window._ctx, task_id, parent=page)
    qtbot.addWidget(dlg)
    dlg.text.setPlainText("Đã hoàn thành, gửi kèm báo cáo")
    dlg.done_box.setChecked(True)
    dlg.accept()
    wait_job(qtbot, dlg.job)
    assert heard and task_id in heard[-1].task_ids and heard[-1].reports
    # the panel, the row and the status bar followed without anyone telling them
    assert page.detail.report_tree.topLevelItemCount() == before + 1
    row = page.model.row_at(page.model.row_of_task(task_id))
    assert row is not None and row.status.startswith("hoàn thành")
    assert page.current_task_id() == task_id


def test_the_window_hears_a_change_made_elsewhere(qtbot: QtBot, window: MainWindow) -> None:
    """Whatever performs an operation, every page and the status bar hear it."""
    ctx = window._ctx
    page = window.task_page
    page.table.selectRow(0)
    task_id = page.current_task_id()
    assert task_id is not None
    assignment = ctx.tasks.get(task_id).assignments[0].id
    runner().run_modal(
        None, lambda: ctx.reports.add(ReportInput(assignment, date(2026, 5, 2), "Xong", done=True))
    )
    assert any(r.text == "Xong" for r in page.detail.reports)
    overdue = ctx.tasks.count(TaskFilter(statuses=(Status.OVERDUE,)))
    assert f"{overdue} quá hạn" in window.counts_label.text()
