"""The register of directives: what was issued, how many tasks it gave, how many are late."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.context import AppContext
from app.dto import DirectiveRow
from app.errors import UserError
from views import messages
from views.directive_dialog import DirectiveDialog
from views.labels import fmt_date
from views.lazy_page import LazyPage
from views.rows_model import Column, RowsTableModel
from views.table_view import make_table, selected_row

COLUMNS: tuple[Column[DirectiveRow], ...] = (
    Column("Số, ký hiệu", lambda d: d.number),
    Column("Loại", lambda d: d.kind_label),
    Column("Cơ quan ban hành", lambda d: d.issuer),
    Column("Ngày ban hành", lambda d: fmt_date(d.issued_on)),
    Column("Số nhiệm vụ", lambda d: str(d.task_count), numeric=True),
    Column(
        "Quá hạn",
        lambda d: str(d.overdue_count),
        numeric=True,
        foreground=lambda d: QColor("#a4161a") if d.overdue_count else None,
    ),
    Column("Trích yếu", lambda d: d.subject),
)


class DirectivePage(LazyPage):
    show_tasks = Signal(int)  # directive id
    data_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model: RowsTableModel[DirectiveRow] = RowsTableModel(COLUMNS, lambda d: d.id, self)
        self.table = make_table(self.model, (130, 110, 260, 110, 95, 75, 500))
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.add_button = QPushButton("Thêm văn bản")
        self.edit_button = QPushButton("Sửa")
        self.delete_button = QPushButton("Xóa")
        self.tasks_button = QPushButton("Xem nhiệm vụ")
        self.add_button.clicked.connect(self.add_directive)
        self.edit_button.clicked.connect(self.edit_directive)
        self.delete_button.clicked.connect(self.delete_directive)
        self.tasks_button.clicked.connect(self.view_tasks)
        self.count_label = QLabel()
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button, self.tasks_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def refresh(self, keep: int | None = None) -> None:
        self._stale = False
        keep = keep if keep is not None else self.current_id()
        try:
            rows = self._ctx.directives.list_directives()
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        self.model.set_rows(rows)
        self.count_label.setText(f"{len(rows)} văn bản")
        row = self.model.row_of_id(keep) if keep is not None else -1
        self.table.selectRow(row if row >= 0 else 0)
        self._update_buttons()

    def current_id(self) -> int | None:
        row = self.model.row_at(selected_row(self.table))
        return row.id if row else None

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        for b in (self.edit_button, self.delete_button, self.tasks_button):
            b.setEnabled(has)

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.view_tasks()

    def make_dialog(self, directive_id: int | None) -> DirectiveDialog:
        return DirectiveDialog(self._ctx, directive_id, parent=self)

    def add_directive(self) -> None:
        dlg = self.make_dialog(None)
        if dlg.exec() and dlg.saved_id is not None:
            self.saved(dlg.saved_id)

    def edit_directive(self) -> None:
        d_id = self.current_id()
        if d_id is None:
            return
        dlg = self.make_dialog(d_id)
        if dlg.exec() and dlg.saved_id is not None:
            self.saved(dlg.saved_id)

    def saved(self, directive_id: int) -> None:
        self.refresh(keep=directive_id)
        self.data_changed.emit()

    def delete_directive(self) -> None:
        row = self.model.row_at(selected_row(self.table))
        if row is None:
            return
        text = f"Xóa văn bản {row.number}?"
        if row.task_count:
            text += f"\n\n{row.task_count} nhiệm vụ của văn bản này và các báo cáo của chúng cũng sẽ bị xóa."
        if not messages.confirm(self, text, "Xóa"):
            return
        try:
            self._ctx.directives.delete(row.id)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        self.refresh()
        self.data_changed.emit()

    def view_tasks(self) -> None:
        d_id = self.current_id()
        if d_id is not None:
            self.show_tasks.emit(d_id)
