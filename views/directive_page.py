"""The register of directives: what was issued, how many tasks it gave, how many are late."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.changes import Changes
from app.dto import DirectiveRow
from app.errors import UserError
from views import messages
from views.background import BackgroundJob
from views.delete_questions import directive_question
from views.directive_dialog import DirectiveDialog
from views.empty_hint import EmptyHint
from views.evidence_open import open_directive_original
from views.labels import directive_kind_label, fmt_date
from views.list_actions import confirm_and_delete, run_edit_dialog
from views.needs import DirectivePageNeeds
from views.rows_model import Column
from views.rows_page import RowsPage

COLUMNS: tuple[Column[DirectiveRow], ...] = (
    Column("Số, ký hiệu", lambda d: d.number),
    Column("Loại", lambda d: directive_kind_label(d.kind)),
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


EMPTY = (
    "Chưa có văn bản chỉ đạo. Bấm «Thêm văn bản», hoặc nhập một phụ lục bằng "
    "Tệp → Nhập phụ lục Excel… (Ctrl+I)."
)


class DirectivePage(RowsPage[DirectiveRow]):
    show_tasks = Signal(int)  # directive id

    def __init__(self, ctx: DirectivePageNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.init_table(COLUMNS, (130, 110, 260, 110, 95, 75, 500), stretch=None)
        self.empty_hint = EmptyHint(self.table, lambda: EMPTY)
        self.add_button = QPushButton("Thêm văn bản")
        self.edit_button = QPushButton("Sửa")
        self.delete_button = QPushButton("Xóa")
        self.tasks_button = QPushButton("Xem nhiệm vụ")
        self.original_button = QPushButton("Mở văn bản gốc")
        self.original_button.clicked.connect(self.open_original)
        self.job: BackgroundJob | None = None
        self.add_button.clicked.connect(self.add_directive)
        self.edit_button.clicked.connect(self.edit_directive)
        self.delete_button.clicked.connect(self.delete_directive)
        self.tasks_button.clicked.connect(self.view_tasks)
        buttons = QHBoxLayout()
        for b in (
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.tasks_button,
            self.original_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def cares_about(self, changes: Changes) -> bool:
        # the list shows each directive's task and overdue counts
        return changes.directives or changes.tasks

    def load_rows(self) -> list[DirectiveRow]:
        return self._ctx.directives.list_directives()

    def count_text(self, count: int) -> str:
        return f"{count} văn bản"

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        for b in (self.edit_button, self.delete_button, self.tasks_button, self.original_button):
            b.setEnabled(has)

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.view_tasks()

    def make_dialog(self, directive_id: int | None) -> DirectiveDialog:
        return DirectiveDialog(self._ctx, directive_id, parent=self)

    def add_directive(self) -> None:
        run_edit_dialog(self.make_dialog(None), self.saved)

    def edit_directive(self) -> None:
        d_id = self.current_id()
        if d_id is not None:
            run_edit_dialog(self.make_dialog(d_id), self.saved)

    def delete_directive(self) -> None:
        row = self.current_row()
        if row is None:
            return
        try:
            counts = self._ctx.directives.deletion_counts(row.id)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        question = directive_question(row.number, counts)
        confirm_and_delete(self, question, partial(self._ctx.directives.delete, row.id))

    def open_original(self) -> None:
        d_id = self.current_id()
        if d_id is not None:
            self.job = open_directive_original(self._ctx, d_id, self)

    def view_tasks(self) -> None:
        d_id = self.current_id()
        if d_id is not None:
            self.show_tasks.emit(d_id)
