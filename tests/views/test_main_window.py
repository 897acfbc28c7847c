"""The main window on the demo database: pages, counts, navigation, backup, remembered geometry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.dto import TaskFilter
from models.status import Status
from tests.views.conftest import Shown, wait_job
from views.main_window import (
    PAGE_AGENCIES,
    PAGE_DIRECTIVES,
    PAGE_OVERVIEW,
    WINDOW_KEY,
    MainWindow,
)


def test_window_opens_on_the_task_list_with_every_demo_task(window: MainWindow, demo_ctx: AppContext) -> None:
    assert window.windowTitle() == "Ban Chỉ đạo – Thư ký"
    assert [window.nav.item(n).text() for n in range(window.nav.count())] == [
        "Tổng quan",
        "Theo dõi cơ quan",
        "Văn bản chỉ đạo",
        "Nhiệm vụ",
        "Báo cáo định kỳ",
        "Cơ quan",
        "Chỉ tiêu",
        "Lịch sử thay đổi",
        "Thùng rác",
    ]
    assert window.stack.currentWidget() is window.task_page
    model = window.task_page.model
    model.fetch_all()
    total = demo_ctx.tasks.count(TaskFilter())
    assert total > 50
    assert model.rowCount(QModelIndex()) == total
    assert window.task_page.filter_bar.count_label.text() == f"{total} nhiệm vụ"
    assert f"{total} nhiệm vụ" in window.counts_label.text()
    assert str(demo_ctx.db_path) in window.path_label.text()


def test_the_first_task_is_shown_in_the_detail_panel(window: MainWindow) -> None:
    page = window.task_page
    task_id = page.current_task_id()
    assert task_id is not None
    detail = page.detail
    assert detail.task is not None and detail.task.id == task_id
    assert detail.content.text() == detail.task.content
    assert detail.assignments.rowCount() == len(detail.task.assignments)


def test_view_tasks_of_a_directive_switches_page_and_filters(
    window: MainWindow, demo_ctx: AppContext
) -> None:
    window.show_page(PAGE_DIRECTIVES)
    page = window.directive_page
    page.ensure_loaded()
    row = next(n for n, d in enumerate(page.model.rows()) if d.number == "420-CV/TU")
    page.table.selectRow(row)
    directive_id = page.model.rows()[row].id
    page.tasks_button.click()
    assert window.stack.currentWidget() is window.task_page
    model = window.task_page.model
    model.fetch_all()
    expected = demo_ctx.tasks.count(TaskFilter(directive_id=directive_id))
    assert model.rowCount(QModelIndex()) == expected > 0
    numbers = {r.directive_number for n in range(expected) if (r := model.row_at(n)) is not None}
    assert numbers == {"420-CV/TU"}
    assert page.model.rows()[row].task_count == expected


def test_backup_runs_in_the_background(
    qtbot: QtBot, window: MainWindow, shown: Shown, demo_ctx: AppContext
) -> None:
    job = window.backup()
    wait_job(qtbot, job)
    made = job.result.path
    assert made.exists() and made.parent == demo_ctx.db_path.parent / "sao-luu" and "sao-luu" in made.name
    assert shown.infos and str(made) in shown.infos[-1]
    assert not shown.errors


def test_geometry_and_page_are_remembered(qtbot: QtBot, demo_ctx: AppContext, settings: QSettings) -> None:
    w = MainWindow(demo_ctx, settings=settings)
    qtbot.addWidget(w)
    w.show()
    w.show_page(PAGE_AGENCIES)
    w.close()
    saved = settings.value(f"{WINDOW_KEY}/size")
    assert saved
    again = MainWindow(demo_ctx, settings=settings)
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is again.agency_page
    fresh = MainWindow(
        demo_ctx, settings=QSettings(str(settings.fileName()) + "-other", QSettings.Format.IniFormat)
    )
    qtbot.addWidget(fresh)
    assert fresh.stack.currentIndex() == PAGE_OVERVIEW  # «Tổng quan» is the first page


def test_hidden_pages_query_only_when_first_shown(window: MainWindow) -> None:
    """Opening the window costs only the task page; the others load on first show."""
    assert window.agency_page.model.rowCount() == 0
    window.show_page(PAGE_AGENCIES)
    assert window.agency_page.model.rowCount() > 0


def test_letter_and_issuer_dialogs_open_from_the_menu(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    for name in ("make_letter_dialog", "make_issuer_dialog"):
        made = getattr(window, name)()
        monkeypatch.setattr(type(made), "exec", lambda self, n=name: opened.append(n) or 0)
        made.deleteLater()
    window.letter_action.trigger()
    window.issuer_action.trigger()
    assert opened == ["make_letter_dialog", "make_issuer_dialog"]


def test_soon_window_setting_recolours_the_list(window: MainWindow, demo_ctx: AppContext) -> None:
    before = demo_ctx.tasks.count(TaskFilter(statuses=(Status.DUE_SOON,)))
    window.set_soon_days(60)
    after = demo_ctx.tasks.count(TaskFilter(statuses=(Status.DUE_SOON,)))
    assert after > before
    statuses = {window.task_page.model.row_at(n).status for n in range(window.task_page.model.rowCount())}  # type: ignore[union-attr]
    assert Status.DUE_SOON.value in statuses
    assert (
        "sắp đến hạn" in window.counts_label.text() and f"{after} sắp đến hạn" in window.counts_label.text()
    )


def test_imported_appendix_appears_in_the_lists(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from app.paths import resource
    from views import file_dialogs
    from views.import_dialog import ImportDialog

    sample = resource("sample", "KH125-phu-luc.xlsx")
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: str(sample))
    seen: list[ImportDialog] = []

    def run_dialog(self: ImportDialog) -> int:
        seen.append(self)
        wait_job(qtbot, self.job)
        self.commit()
        wait_job(qtbot, self.job)
        return int(self.result())

    monkeypatch.setattr(ImportDialog, "exec", run_dialog)
    before = demo_ctx.tasks.count(TaskFilter())
    window.import_action.trigger()
    assert seen and seen[0].import_result is not None
    assert (
        demo_ctx.tasks.count(TaskFilter()) == before
    )  # the demo already holds 125/KH-BCĐ: updated, not doubled
    assert window.task_page.model.rowCount() > 0


def test_the_shared_database_box_is_wide_enough_for_an_address(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QLineEdit

    dlg = window.make_shared_db_dialog()
    qtbot.addWidget(dlg)
    dlg.show()
    edit = dlg.findChild(QLineEdit)
    assert edit is not None and edit.placeholderText().startswith("VD: postgresql://")
    address = "postgresql://nguyenvana@may-chu-van-phong.tinh.gov.vn/banchidao"
    # on X11 the box shrank back to its contents whatever the dialog's minimum: the edit's own
    assert edit.minimumWidth() > edit.fontMetrics().horizontalAdvance(address)
    assert edit.width() > edit.fontMetrics().horizontalAdvance(address)
    dlg.reject()


def test_a_long_data_path_never_pushes_the_backup_and_counts_out_of_the_status_bar(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1366, 728)
    window.path_label.setText("Dữ liệu: " + "C:\\Users\\Nguyen Van A\\Documents\\" * 8 + "bcd.sqlite")
    qtbot.wait(100)  # the status bar lays out again
    bar = window.statusBar()
    assert bar.minimumSizeHint().width() <= 1366
    for label in (window.backups.label, window.counts_label):
        assert label.isVisible() and label.geometry().right() <= bar.width()
        assert label.width() >= label.sizeHint().width()  # whole, not squeezed
