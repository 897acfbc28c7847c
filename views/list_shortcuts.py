"""The keyboard of the lists: Ctrl+N new task, Ctrl+F search, Delete, F5, in a menu that shows them.

QActions in the window's menu bar, so the menu itself teaches the keys. Delete and F5 act on the
page on screen; a line edit keeps Delete for its text (Qt asks it first: ShortcutOverride).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMainWindow, QMenu


@dataclass(frozen=True)
class PageKeys:
    """What the shortcuts do on one page (None: nothing to do there)."""

    delete: Callable[[], None] | None
    refresh: Callable[[], None]
    search: QLineEdit | None = None


@dataclass
class ListActions:
    new_task: QAction
    search: QAction
    delete: QAction
    refresh: QAction


def add_list_menu(
    window: QMainWindow,
    title: str,
    new_task: Callable[[], None],
    current_page: Callable[[], PageKeys],
    fallback_search: Callable[[], QLineEdit],
) -> ListActions:
    """Add the menu ``title`` with the four actions; ``current_page`` says what they do now.
    Ctrl+F on a page without a search box goes to ``fallback_search`` (the task list's)."""
    menu = QMenu(title, window)
    window.menuBar().addMenu(menu)

    def action(text: str, keys: QKeySequence | QKeySequence.StandardKey, do: Callable[[], None]) -> QAction:
        a = QAction(text, window)
        a.setShortcut(QKeySequence(keys))
        a.triggered.connect(do)
        menu.addAction(a)
        return a

    def search() -> None:
        box = current_page().search or fallback_search()
        box.setFocus()
        box.selectAll()

    def delete() -> None:
        do = current_page().delete
        if do is not None:
            do()

    actions = ListActions(
        new_task=action("&Thêm nhiệm vụ…", QKeySequence("Ctrl+N"), new_task),
        search=action("&Tìm kiếm", QKeySequence("Ctrl+F"), search),
        delete=action("&Xóa dòng đang chọn…", QKeySequence(QKeySequence.StandardKey.Delete), delete),
        refresh=action("&Làm mới", QKeySequence("F5"), lambda: current_page().refresh()),
    )
    menu.insertSeparator(actions.delete)
    return actions
