"""The detail panel: group split, suspension, the 06 rõ line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.context import AppContext
from app.dto import TaskFilter, TaskRow
from models.status import Status
from tests.letters.ids import agency
from tests.views.conftest import Shown
from views.main_window import MainWindow


def _select_first(window: MainWindow, pred: Callable[[TaskRow], bool]) -> int:
    page = window.task_page
    page.model.fetch_all()
    for n in range(page.model.rowCount()):
        row = page.model.row_at(n)
        if row is not None and pred(row):
            page.table.selectRow(n)
            return row.id
    raise AssertionError("no such task in the demo")


def test_group_assignment_can_be_split(window: MainWindow, demo_ctx: AppContext, shown: Shown) -> None:
    task_id = _select_first(window, lambda r: "Các sở, ban, ngành" in r.lead + r.cooperating)
    detail = window.task_page.detail
    assert not detail.expand_button.isEnabled()
    assert detail.task is not None
    n = next(i for i, a in enumerate(detail.task.assignments) if a.party.is_group)
    detail.assignments.selectRow(n)
    assert detail.expand_button.isEnabled()
    detail.expand_button.click()
    assert shown.infos and "Đã tách nhóm" in shown.infos[-1]
    after = demo_ctx.tasks.get(task_id)
    assert not any(a.party.name == "Các sở, ban, ngành" for a in after.assignments)
    assert any(a.from_group == "Các sở, ban, ngành" for a in after.assignments)
    assert detail.assignments.rowCount() == len(after.assignments)


def test_pause_and_resume(window: MainWindow, demo_ctx: AppContext) -> None:
    task_id = _select_first(window, lambda r: r.status == Status.OVERDUE.value)
    detail = window.task_page.detail
    assert detail.pause_button.isEnabled() and not detail.resume_button.isEnabled()
    detail.pause_button.click()
    assert demo_ctx.tasks.get(task_id).status == Status.PAUSED.value
    assert detail.status.text() == "Tạm dừng"
    assert window.task_page.current_task_id() == task_id
    assert detail.resume_button.isEnabled()
    detail.resume_button.click()
    assert demo_ctx.tasks.get(task_id).status == Status.OVERDUE.value


def test_cancel_asks_first(window: MainWindow, demo_ctx: AppContext, shown: Shown) -> None:
    cancelled = demo_ctx.tasks.count(TaskFilter(statuses=(Status.CANCELLED,)))  # the demo has one
    task_id = _select_first(window, lambda r: r.status == Status.OVERDUE.value)
    shown.answer = False
    window.task_page.detail.cancel_button.click()
    assert shown.questions and demo_ctx.tasks.get(task_id).status == Status.OVERDUE.value
    shown.answer = True
    window.task_page.detail.cancel_button.click()
    assert demo_ctx.tasks.get(task_id).status == Status.CANCELLED.value
    assert demo_ctx.tasks.count(TaskFilter(statuses=(Status.CANCELLED,))) == cancelled + 1


def test_missing_06_clear_shown_in_red(window: MainWindow) -> None:
    _select_first(window, lambda r: bool(r.missing))
    detail = window.task_page.detail
    assert detail.missing.text().startswith("Thiếu: ")
    assert "b00020" in detail.missing.styleSheet()


def test_reminders_are_shown_on_the_task(window: MainWindow, demo_ctx: AppContext, tmp_path: Path) -> None:
    police = demo_ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
    overdue = demo_ctx.tasks.page(TaskFilter(agency_id=police, statuses=(Status.OVERDUE,)), 0, 1)[0]
    detail = window.task_page.detail
    detail.show_task(overdue.id)
    assert detail.reminded.text() == "chưa đôn đốc"
    demo_ctx.letters.remind(agency(demo_ctx, "Công an tỉnh"), out=tmp_path / "1.docx")
    demo_ctx.letters.remind(agency(demo_ctx, "CA tỉnh"), out=tmp_path / "2.docx")
    detail.show_task(overdue.id)
    assert detail.reminded.text().startswith("đã đôn đốc lần 2, ngày 24/11/2026")
