"""A task saved while the filter hides it does not vanish without a word."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.dto import TaskFilter
from models.status import Status
from views.main_window import MainWindow
from views.task_dialog import TaskDialog
from views.task_page import TaskPage


def _save_through_dialog(
    page: TaskPage, monkeypatch: pytest.MonkeyPatch, fill: str, task_id: int | None = None
) -> int:
    """Click «Thêm nhiệm vụ» (or «Sửa»): the dialog is filled and saved as the user would."""
    made: list[TaskDialog] = []
    original = page.make_task_dialog

    def factory(tid: int | None) -> TaskDialog:
        dlg = original(tid)
        made.append(dlg)
        dlg.content.setPlainText(fill)
        if not dlg.lead.parties():
            assert dlg.lead.add_name("Sở Nội vụ")

        def run() -> int:
            dlg.save_button.click()
            return dlg.result()

        monkeypatch.setattr(dlg, "exec", run)
        return dlg

    monkeypatch.setattr(page, "make_task_dialog", factory)
    (page.edit_button if task_id is not None else page.add_button).click()
    saved = made[0].saved_id
    assert saved is not None
    return saved


def test_a_task_hidden_by_the_filter_is_announced_and_can_be_shown(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.task_page
    page.filter_bar.set_status(Status.DONE_ON_TIME)  # a new task is never done yet
    assert not page.notice.isVisible()

    task_id = _save_through_dialog(page, monkeypatch, "Nhiệm vụ mới bị bộ lọc ẩn")

    assert page.model.row_of_task(task_id) < 0
    assert page.notice.isVisible()
    assert page.notice.label.text() == "Nhiệm vụ vừa lưu không hiện vì bộ lọc đang ẩn nó."
    assert page.notice.action_button.text() == "Bỏ lọc và hiện nhiệm vụ"

    page.notice.action_button.click()

    assert not page.notice.isVisible()
    assert page.model.task_filter == TaskFilter() == page.filter_bar.current_filter()
    assert page.current_task_id() == task_id
    assert page.detail.task is not None and page.detail.task.id == task_id


def test_a_task_saved_in_view_is_selected_without_a_notice(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.task_page
    task_id = _save_through_dialog(page, monkeypatch, "Nhiệm vụ mới trong danh sách")
    assert page.current_task_id() == task_id
    assert not page.notice.isVisible()


def test_changing_the_filter_takes_the_notice_away(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.task_page
    page.filter_bar.set_status(Status.DONE_ON_TIME)
    _save_through_dialog(page, monkeypatch, "Nhiệm vụ khác bị ẩn")
    assert page.notice.isVisible()
    page.filter_bar.set_status(None)
    assert not page.notice.isVisible()
