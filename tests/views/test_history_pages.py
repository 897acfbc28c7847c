"""The History page lists who changed what and filters it; the Trash page restores."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.actor import workstation_user
from app.context import AppContext
from app.dto import TaskFilter
from tests.views.conftest import Shown
from views.history_pages import change_text
from views.main_window import MainWindow
from views.task_detail import HISTORY_MIN_HEIGHT, NO_HISTORY


def test_deleting_a_directive_shows_in_history_and_trash_restores_it(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, shown: Shown
) -> None:
    plan = next(d for d in demo_ctx.directives.list_directives() if d.number == "125/KH-BCĐ")
    dpage = window.directive_page
    dpage.ensure_loaded()
    dpage.table.selectRow(dpage.model.row_of_id(plan.id))
    shown.answer = True
    dpage.delete_button.click()
    assert "Thùng rác" in shown.questions[-1]
    assert not any(d.id == plan.id for d in demo_ctx.directives.list_directives())

    history = window.history_page
    history.ensure_loaded()
    first = history.model.row_at(0)
    assert first is not None and first.action == "delete" and first.entity == "directive"
    assert first.actor == workstation_user()
    assert change_text(first).startswith("125/KH-BCĐ → Thùng rác #")
    assert history.model.index(0, 0).data().count("/") == 2  # dd/mm/yyyy
    history.actor_combo.setCurrentIndex(history.actor_combo.findData("khong-ai@may"))
    assert history.actor_combo.currentIndex() == 0  # unknown person: "(tất cả)" stays
    history.actor_combo.setCurrentIndex(history.actor_combo.findData(workstation_user()))
    assert history.model.rowCount() > 0

    trash = window.trash_page
    trash.ensure_loaded()
    assert trash.model.rowCount() == 1
    trash.table.selectRow(0)
    trash.restore_button.click()
    assert shown.questions[-1].startswith("Khôi phục «Văn bản 125/KH-BCĐ» cùng")
    assert any(d.id == plan.id for d in demo_ctx.directives.list_directives())
    trash.ensure_loaded()
    assert trash.model.rowCount() == 0
    history.actor_combo.setCurrentIndex(0)
    history.ensure_loaded()
    newest = history.model.row_at(0)
    assert newest is not None and newest.action == "restore"


def test_task_detail_shows_the_task_history(qtbot: QtBot, window: MainWindow, demo_ctx: AppContext) -> None:
    from app.dto import TaskFilter, TaskInput

    row = demo_ctx.tasks.page(TaskFilter(), 0, 1)[0]
    detail = demo_ctx.tasks.get(row.id)
    demo_ctx.tasks.save(
        TaskInput(
            id=row.id,
            directive_id=detail.directive_id,
            content=detail.content + " (sửa)",
            lead=[a.party for a in detail.assignments if a.role.value == "lead"],
            cooperating=[a.party for a in detail.assignments if a.role.value == "coop"],
            deadline_text=detail.deadline_text,
        )
    )
    pane = window.task_page.detail
    pane.show_task(row.id)
    texts = [pane.history_tree.topLevelItem(n).text(3) for n in range(pane.history_tree.topLevelItemCount())]
    assert any(t.startswith("Nhiệm vụ: Nội dung: ") and t.endswith("(sửa)") for t in texts)
    assert pane.history_tree.topLevelItem(0).text(0).count("/") == 2


def test_the_task_detail_history_pane_opens_with_room_to_read(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext
) -> None:
    """It is the third pane of its splitter: given sizes for two, it opened shut (0 px) and a
    user never saw it. A task no change was recorded for says so instead of a blank box."""
    window.resize(1366, 728)
    window.show_page(3)  # Nhiệm vụ
    pane = window.task_page.detail
    row = demo_ctx.tasks.page(TaskFilter(), 0, 1)[0]
    pane.show_task(row.id)
    qtbot.waitUntil(lambda: pane.history_tree.isVisible())
    sizes = pane.side_splitter.sizes()
    assert len(sizes) == 3 and min(sizes) > 0, sizes
    assert pane.history_tree.height() >= HISTORY_MIN_HEIGHT
    assert pane.history_tree.visibleRegion().boundingRect().height() >= HISTORY_MIN_HEIGHT
    assert pane.history_tree.topLevelItemCount() > 0 and not pane.empty_history.is_shown()
    pane.show_task(None)
    assert not pane.empty_history.is_shown()  # no task, no sentence
    pane.task = demo_ctx.tasks.get(row.id)
    pane.history_tree.clear()  # as for a task recorded before the trail existed
    pane.empty_history.update()
    assert pane.empty_history.text() == NO_HISTORY


def test_a_period_in_the_trail_reads_as_words_not_its_code() -> None:
    from datetime import datetime

    from app.audit_dto import AuditRow

    def row(action: str, field: str, old: str | None, new: str | None) -> AuditRow:
        return AuditRow(
            1, datetime(2026, 11, 26, 9, 0), "a@b", action, "indicator_value", 2, None, None, field, old, new
        )

    assert change_text(row("insert", "", None, "2026-Q3")) == "Quý 3/2026"
    assert change_text(row("update", "period", "2026-06", "2026-Q3")) == "Kỳ: Tháng 6/2026 → Quý 3/2026"
    assert change_text(row("update", "value", "71,5", "72")) == "Giá trị: 71,5 → 72"


def test_trash_shows_what_went_with_a_deletion_whole_and_explains_when_empty(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext
) -> None:
    """«Kèm theo» was a 230-px column cut to «61 nhiệm vụ, 75 báo cáo, 19 tệp …» beside a
    stretched column holding «Văn bản 125/KH-BCĐ»; it takes the spare width now."""
    from views.history_pages import TRASH_EMPTY

    trash = window.trash_page
    trash.ensure_loaded()
    assert trash.empty_hint.text() == TRASH_EMPTY
    plan = next(d for d in demo_ctx.directives.list_directives() if d.number == "125/KH-BCĐ")
    demo_ctx.directives.delete(plan.id)
    window.resize(1366, 728)
    window.show_page(window.stack.indexOf(trash))
    trash.refresh()  # deleted by the service directly: no broadcast
    assert not trash.empty_hint.is_shown()
    header = [trash.model.headerData(c, Qt.Orientation.Horizontal) for c in range(trash.model.columnCount())]
    with_col = header.index("Kèm theo")
    assert with_col == len(header) - 1  # the stretched one
    text = trash.model.index(0, with_col).data()
    assert text.startswith("61 nhiệm vụ")
    width = trash.table.fontMetrics().horizontalAdvance(text) + 12
    assert trash.table.columnWidth(with_col) >= width, "the whole list in sight"
