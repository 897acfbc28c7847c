"""The task page: filters, the lazily loaded list, and the selected task's detail below."""

from __future__ import annotations

from dataclasses import replace
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
from app.errors import DatabaseDamaged, UserError
from views import excel_export, messages
from views.background import BackgroundJob
from views.delete_questions import task_question
from views.empty_hint import EmptyHint
from views.geometry_memory import remember_splitter
from views.list_actions import confirm_and_delete, run_edit_dialog
from views.message_bar import MessageBar
from views.needs import TaskPageNeeds
from views.operations import runner
from views.report_dialog import ReportDialog
from views.task_detail import TaskDetailPanel
from views.task_dialog import TaskDialog
from views.task_filter_bar import TaskFilterBar
from views.task_selection import TaskSelection
from views.task_table_model import COL_CONTENT, COL_MISSING, PAGE_SIZE, SORT_KEYS, TaskTableModel

SAVED_BUT_HIDDEN = "Nhiệm vụ vừa lưu không hiện vì bộ lọc đang ẩn nó."
SHOW_HIDDEN = "Bỏ lọc và hiện nhiệm vụ"
NO_TASKS = "Chưa có nhiệm vụ. Nhập phụ lục bằng Tệp → Nhập phụ lục Excel… (Ctrl+I) hoặc bấm «Thêm nhiệm vụ»."
NO_MATCH = 'Không có nhiệm vụ khớp bộ lọc. «<a href="clear">Bỏ lọc</a>»'
# narrow enough that the content column (stretched) keeps ~270 px on a 1366-px-wide screen
COLUMN_WIDTHS = (90, 42, 0, 125, 100, 90, 150, 140, 96, 36)
SELECTION_STYLE = "MessageBar { background: #e7f1ff; border: 1px solid #9ec5fe; border-radius: 3px; }"


class TaskPage(QWidget):
    """Hears the change broadcast: re-reads only the rows a change names, and the detail of the
    selected task only when that task changed."""

    def __init__(self, ctx: TaskPageNeeds, page_size: int = PAGE_SIZE, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._quiet = False
        self._damage_shown = False  # the notice says the list could not be read
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
        header.setSectionResizeMode(COL_MISSING, QHeaderView.ResizeMode.Fixed)
        # the database sorts (not the view): a header click asks the model for a new first page
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)  # a third click returns to the plan's order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self.sort_by)
        self.table.doubleClicked.connect(self._double_clicked)
        self.empty_hint = EmptyHint(self.table, self._empty_text, lambda _link: self.clear_filters())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.add_button = QPushButton("Thêm nhiệm vụ")
        self.edit_button = QPushButton("Sửa")
        self.delete_button = QPushButton("Xóa")
        self.report_button = QPushButton("Thêm báo cáo")
        self.export_button = QPushButton("Xuất Excel…")
        self.export_button.setToolTip("Xuất danh sách đang lọc ra tệp Excel để in (Ctrl+E)")
        self.export_button.clicked.connect(self.export_excel)
        self.export_job: BackgroundJob | None = None
        self.add_button.clicked.connect(self.add_task)
        self.edit_button.clicked.connect(self.edit_task)
        self.delete_button.clicked.connect(self.delete_task)
        self.report_button.clicked.connect(self.add_report)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button, self.report_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

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
        # «Đang xem: 12 nhiệm vụ quá hạn tại …» while the list shows the tasks behind a number
        self.selection: TaskSelection | None = None
        self.selection_bar = MessageBar()
        self.selection_bar.setStyleSheet(SELECTION_STYLE)
        self.selection_bar.close_button.hide()  # hiding it would hide a filter still applied
        top_layout.addWidget(self.selection_bar)
        top_layout.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        remember_splitter(self.splitter, "task_page", [400, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.model.failed.connect(self.load_failed)
        self.filter_bar.filter_changed.connect(self.apply_filter)
        self.apply_filter(self.filter_bar.current_filter())

    # -- list ------------------------------------------------------------------------------
    def apply_filter(self, flt: TaskFilter) -> None:
        self.notice.hide()  # it spoke of the filter before this one
        self._damage_shown = False
        if self.selection is not None:  # the bar's filters narrow the selection further
            flt = replace(flt, ids=self.selection.ids)
        try:
            self.model.set_filter(flt)
            self.filter_bar.show_count(self._ctx.tasks.count(flt))
        except UserError as exc:
            self.load_failed(exc)
        self._select_row(0 if self.model.rowCount() else -1)

    def clear_filters(self) -> None:
        self._drop_selection()
        self.filter_bar.clear_filters()

    def show_selection(self, selection: TaskSelection) -> None:
        """Exactly these tasks (a number clicked elsewhere), the other filters cleared; the bar
        above the list names them and «Bỏ» goes back to the whole list."""
        self.selection = selection
        self.selection_bar.show_message(f"Đang xem: {selection.label}", "Bỏ", self.clear_selection)
        self.filter_bar.clear_filters()  # emits once: apply_filter adds the ids

    def clear_selection(self) -> None:
        self._drop_selection()
        self.apply_filter(self.filter_bar.current_filter())

    def _drop_selection(self) -> None:
        self.selection = None
        self.selection_bar.hide()

    def _empty_text(self) -> str:
        """No task at all says how to get some; a filter that matches none offers to clear it."""
        try:
            return NO_MATCH if self._ctx.tasks.count(TaskFilter()) else NO_TASKS
        except UserError:
            return ""

    def sort_by(self, column: int, order: Qt.SortOrder) -> None:
        """Sort the list by ``column`` (-1: the plan's order), keeping the selected task selected
        when it is among the rows loaded in the new order."""
        header = self.table.horizontalHeader()
        if column >= 0 and column not in SORT_KEYS:
            header.setSortIndicator(-1, order)  # nothing to sort "Phối hợp" by: back to the plan
            return
        task_id = self.current_task_id()
        try:
            self.model.sort(column, order)
        except UserError as exc:
            self.load_failed(exc)
        row = self.model.row_of_task(task_id) if task_id is not None else -1
        self._select_row(row if row >= 0 else (0 if self.model.rowCount() else -1))

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
            if self._damage_shown:  # read again (after a restore): the notice no longer holds
                self._damage_shown = False
                self.notice.hide()
        except UserError as exc:
            self.load_failed(exc)

    def load_failed(self, exc: UserError) -> None:
        """A damaged database is said above the list, in place: at start-up a message box would
        come before the window (and its Tệp → Khôi phục…); other errors are a message box."""
        if isinstance(exc, DatabaseDamaged):
            self._damage_shown = True
            self.notice.show_message(str(exc))
        else:
            messages.show_error(self, str(exc))

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def reload_choices(self) -> None:
        self.filter_bar.reload_choices()

    def show_directive(self, directive_id: int) -> None:
        """Called from the directive page: list only this directive's tasks."""
        had_selection = self.selection is not None
        self._drop_selection()
        self.filter_bar.reload_choices()
        before = self.filter_bar.current_filter()
        self.filter_bar.set_directive(directive_id)
        if had_selection and self.filter_bar.current_filter() == before:  # no filter_changed came
            self.apply_filter(before)

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
        self.clear_filters()
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

    # -- Excel ---------------------------------------------------------------------------------
    def export_excel(self) -> None:
        """The list as filtered now, statuses as of today, to a file the user names."""
        flt, as_of = self.model.task_filter, self._ctx.services.today()
        export = excel_export.exporter(self._ctx.services)
        self.export_job = excel_export.run_export(
            self,
            "Xuất danh sách nhiệm vụ ra Excel",
            "nhiem-vu",
            as_of,
            "nhiệm vụ",
            lambda path: export.tasks(flt, path, as_of),
        )

    def export_status_workbook(self) -> None:
        """Every task of the filter in the appendix layout, one sheet per directive."""
        flt, as_of = self.model.task_filter, self._ctx.services.today()
        export = excel_export.exporter(self._ctx.services)
        self.export_job = excel_export.run_export(
            self,
            "Xuất bảng tình hình thực hiện theo mẫu phụ lục",
            "tinh-hinh-thuc-hien",
            as_of,
            "nhiệm vụ",
            lambda path: export.status_workbook(path, as_of, flt=flt),
        )

    def report_saved(self, task_id: int) -> None:
        """The broadcast has refreshed the row and the detail; keep the task selected (a report
        that moves it out of the filter, as one that finishes an overdue task, needs no notice)."""
        row = self.model.row_of_task(task_id)
        if row >= 0 and row != self._selected_row():
            self._select_row(row)
