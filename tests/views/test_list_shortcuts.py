"""Ctrl+N, Ctrl+F, Delete and F5: in the menu (so the menu shows them) and working."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.views.conftest import Shown
from views.main_window import PAGE_AGENCIES, PAGE_DIRECTIVES, PAGE_TASKS, MainWindow
from views.task_dialog import TaskDialog


def _press(qtbot: QtBot, window: MainWindow, keys: str) -> None:
    """The key as the user types it: delivered to the window's focus, matched by Qt's shortcut map."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    target = QApplication.focusWidget() or window
    qtbot.keySequence(target, QKeySequence(keys))


def test_the_shortcuts_are_in_the_menu(window: MainWindow) -> None:
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    menu = menus["&Danh sách"]
    assert menu is not None
    shown = {a.text(): a.shortcut().toString() for a in menu.actions() if not a.isSeparator()}
    assert shown == {
        "&Thêm nhiệm vụ…": "Ctrl+N",
        "&Tìm kiếm": "Ctrl+F",
        "&Xóa dòng đang chọn…": "Del",
        "&Làm mới": "F5",
    }


def test_ctrl_n_opens_a_new_task_dialog_from_any_page(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[TaskDialog] = []
    page = window.task_page
    original = page.make_task_dialog

    def factory(task_id: int | None) -> TaskDialog:
        dlg = original(task_id)
        monkeypatch.setattr(dlg, "exec", lambda: opened.append(dlg) or 0)
        return dlg

    monkeypatch.setattr(page, "make_task_dialog", factory)
    window.show_page(PAGE_AGENCIES)
    _press(qtbot, window, "Ctrl+N")
    assert len(opened) == 1 and opened[0].windowTitle().startswith("Thêm nhiệm vụ")
    assert window.stack.currentWidget() is page


def test_ctrl_f_goes_to_the_search_box_of_the_page(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page(PAGE_TASKS)
    _press(qtbot, window, "Ctrl+F")
    assert QApplication.focusWidget() is window.task_page.filter_bar.search
    window.show_page(PAGE_AGENCIES)
    _press(qtbot, window, "Ctrl+F")
    assert QApplication.focusWidget() is window.agency_page.search
    window.show_page(PAGE_DIRECTIVES)  # no search box there: the task list's
    _press(qtbot, window, "Ctrl+F")
    assert window.stack.currentWidget() is window.task_page
    assert QApplication.focusWidget() is window.task_page.filter_bar.search


def test_delete_asks_about_the_selected_row_and_f5_reloads(
    qtbot: QtBot, window: MainWindow, shown: Shown
) -> None:
    page = window.task_page
    window.show_page(PAGE_TASKS)
    page.table.selectRow(0)
    page.table.setFocus()
    task_id = page.current_task_id()
    shown.answer = False
    _press(qtbot, window, "Del")
    assert len(shown.questions) == 1 and shown.questions[0].startswith("Xóa nhiệm vụ này")
    assert page.current_task_id() == task_id  # declined: still there

    page.filter_bar.search.setFocus()
    page.filter_bar.search.setText("abc")
    page.filter_bar.search.setCursorPosition(0)
    _press(qtbot, window, "Del")  # in a text box Delete deletes a character, not a task
    assert len(shown.questions) == 1 and page.filter_bar.search.text() == "bc"

    window.counts_label.setText("")
    _press(qtbot, window, "F5")
    assert "nhiệm vụ" in window.counts_label.text()
