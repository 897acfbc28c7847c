"""The task page: filters, the lazily loaded list, and the selected task's detail below."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes
from app.dto import TaskFilter
from app.errors import UserError
from views import messages
from views.delete_questions import task_question
from views.empty_hint import EmptyHint
from views.list_actions import confirm_and_delete, run_edit_dialog
from views.message_bar import MessageBar
from views.needs import TaskPageNeeds
from views.operations import runner
from views.report_dialog import ReportDialog
from views.task_detail import TaskDetailPanel
from views.task_dialog import TaskDialog
from views.task_filter_bar import TaskFilterBar
from views.task_table_model import COL_CONTENT, PAGE_SIZE, TaskTableModel

SAVED_BUT_HIDDEN = "Nhiệm vụ vừa lưu không hiện vì bộ lọc đang ẩn nó."
SHOW_HIDDEN = "Bỏ lọc và hiện nhiệm vụ"
NO_TASKS = "Chưa có nhiệm vụ. Nhập phụ lục bằng Tệp → Nhập phụ lục Excel… (Ctrl+I) hoặc bấm «Thêm nhiệm vụ»."
NO_MATCH = 'Không có nhiệm vụ khớp bộ lọc. «<a href="clear">Bỏ lọc</a>»'
COLUMN_WIDTHS = (88, 44, 0, 160, 150, 130, 96, 142, 190)


class TaskPage(QWidget):
    """Hears the change broadcast: re-reads only the rows a change names, and the detail of the
    selected task only when that task changed."""

    def __init__(self, ctx: TaskPageNeeds, page_size: int = PAGE_SIZE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._quiet = False
        self.filter_bar = TaskFilterBar(ctx)
        self.model = TaskTableModel(ctx, page_size, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_CONTENT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        header.setHighlightSections(False)
        for col, width in enumerate(COLUMN_WIDTHS):
            if width:
                self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(self._double_clicked)
        self.empty_hint = EmptyHint(self.table, self._empty_text, lambda _link: self.clear_filters())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.add_button = QPushButton("Thêm nhiệm vụ")
        self.edit_button = QPushButton("Sửa")
        self.delete_button = QPushButton("Xóa")
        self.report_button = QPushButton("Thêm báo cáo")
        self.add_button.clicked.connect(self.add_task)
        self.edit_button.clicked.connect(self.edit_task)
        self.delete_button.clicked.connect(self.delete_task)
        self.report_button.clicked.connect(self.add_report)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button, self.report_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.detail = TaskDetailPanel(ctx)
        self.detail.add_report_requested.connect(self.add_report)
        runner().changed.connect(self.on_changes)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.filter_bar)
        top_layout.addLayout(buttons)
        self.notice = MessageBar()
        top_layout.addWidget(self.notice)
        top_layout.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self.filter_bar.filter_changed.connect(self.apply_filter)
        self.apply_filter(self.filter_bar.current_filter())

    # -- list ------------------------------------------------------------------------------
    def apply_filter(self, flt: TaskFilter) -> None:
        self.notice.hide()  # it spoke of the filter before this one
        try:
            self.model.set_filter(flt)
            self.filter_bar.show_count(self._ctx.tasks.count(flt))
        except UserError as exc:
            messages.show_error(self, str(exc))
        self._select_row(0 if self.model.rowCount() else -1)

    def clear_filters(self) -> None:
        self.filter_bar.clear_filters()

    def _empty_text(self) -> str:
        """No task at all says how to get some; a filter that matches none offers to clear it."""
        try:
            return NO_MATCH if self._ctx.tasks.count(TaskFilter()) else NO_TASKS
        except UserError:
            return ""

    def refresh(self, keep_task: int | None = None) -> None:
        """Reload every loaded row; keeps the selected task selected if it is still listed."""
        self.on_changes(Changes.of(all_tasks=True), keep_task)

    def on_changes(self, changes: Changes, keep_task: int | None = None) -> None:
        """Refresh what ``changes`` concerns, and nothing else."""
        try:
            names = changes.directives or changes.agencies  # numbers and names the rows show
            if names:
                self.filter_bar.reload_choices()
                # a rename that folds to the same search text writes no task, yet every row
                # quoting it reads differently: reload what is loaded
                changes = changes | Changes.of(all_tasks=True)
            if not changes.tasks:
                return
            task_id = keep_task if keep_task is not None else self.current_task_id()
            self._quiet = True  # reselecting below must not load the detail a second time
            try:
                self.model.apply_changes(changes)
                self.filter_bar.show_count(self._ctx.tasks.count(self.model.task_filter))
                row = self.model.row_of_task(task_id) if task_id is not None else -1
                if row != self._selected_row():
                    self._select_row(row)
            finally:
                self._quiet = False
            now = self.current_task_id()
            if now is None:
                self.detail.show_task(None)
            elif now != (self.detail.task.id if self.detail.task else None) or (
                changes.all_tasks or now in changes.task_ids
            ):
                self.detail.show_task(now)
            self._update_buttons()
        except UserError as exc:
            messages.show_error(self, str(exc))

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def reload_choices(self) -> None:
        self.filter_bar.reload_choices()

    def show_directive(self, directive_id: int) -> None:
        """Called from the directive page: list only this directive's tasks."""
        self.filter_bar.reload_choices()
        self.filter_bar.set_directive(directive_id)

    def _select_row(self, row: int) -> None:
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self.table.clearSelection()
            if not self._quiet:
                self.detail.show_task(None)
        self._update_buttons()

    def current_task_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        r = self.model.row_at(rows[0].row())
        return r.id if r else None

    def _selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        if self._quiet:
            return
        self.detail.show_task(self.current_task_id())
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.current_task_id() is not None
        for b in (self.edit_button, self.delete_button, self.report_button):
            b.setEnabled(has)

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.edit_task()

    # -- actions (dialogs are created by overridable factories, for tests) -------------------
    def make_task_dialog(self, task_id: int | None) -> TaskDialog:
        directive = self.model.task_filter.directive_id
        return TaskDialog(self._ctx, task_id=task_id, directive_id=directive, parent=self)

    def make_report_dialog(self, task_id: int) -> ReportDialog:
        return ReportDialog(self._ctx, task_id, parent=self)

    def add_task(self) -> None:
        run_edit_dialog(self.make_task_dialog(None), self.task_saved)

    def edit_task(self) -> None:
        task_id = self.current_task_id()
        if task_id is not None:
            run_edit_dialog(self.make_task_dialog(task_id), self.task_saved)

    def task_saved(self, task_id: int) -> None:
        """The broadcast has refreshed the list; select the saved task if it is listed, and
        if the filter hides it, say so (it must not silently vanish) and offer to show it."""
        row = self.model.row_of_task(task_id)
        if row >= 0 and row != self._selected_row():
            self._select_row(row)
        if row < 0 and not self._ctx.tasks.rows_in_filter(self.model.task_filter, [task_id]):
            self.notice.show_message(
                SAVED_BUT_HIDDEN, SHOW_HIDDEN, lambda: self.show_task_unfiltered(task_id)
            )

    def show_task_unfiltered(self, task_id: int) -> None:
        """Clear every filter and select ``task_id``, loading pages until it is listed."""
        self.filter_bar.clear_filters()
        row = self.model.row_of_task(task_id)
        while row < 0 and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
            row = self.model.row_of_task(task_id)
        if row >= 0:
            self._select_row(row)

    def delete_task(self) -> None:
        task_id = self.current_task_id()
        if task_id is None:
            return
        row = self.model.row_at(self.model.row_of_task(task_id))
        try:
            counts = self._ctx.tasks.deletion_counts(task_id)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        question = task_question(row.content if row else "", counts)
        confirm_and_delete(self, question, partial(self._ctx.tasks.delete, task_id))

    def add_report(self) -> None:
        task_id = self.current_task_id()
        if task_id is None:
            return
        try:
            dlg = self.make_report_dialog(task_id)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        if dlg.exec() and dlg.saved_id is not None:
            self.report_saved(task_id)

    def report_saved(self, task_id: int) -> None:
        """The broadcast has refreshed the row and the detail; keep the task selected (a report
        that moves it out of the filter, as one that finishes an overdue task, needs no notice)."""
        row = self.model.row_of_task(task_id)
        if row >= 0 and row != self._selected_row():
            self._select_row(row)
