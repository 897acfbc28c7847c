"""The register of directives: what was issued, how many tasks it gave, how many are late."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QPushButton, QVBoxLayout, QWidget

from app.changes import Changes
from app.directive_text.files import SUFFIXES
from app.dto import DirectiveRow
from app.errors import UserError
from models.directive_text.reader import DirectiveDraft
from views import file_dialogs, messages
from views.background import BackgroundJob, run_in_background
from views.delete_questions import directive_question
from views.directive_dialog import DirectiveDialog
from views.directive_read_dialog import DirectiveReadDialog, PasteTextDialog
from views.empty_hint import EmptyHint
from views.evidence_list import local_files
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
    "Chưa có văn bản chỉ đạo. Bấm «Thêm văn bản», «Đọc văn bản…» (hoặc kéo thả tệp .docx, .pdf, .txt "
    "vào đây), hoặc nhập một phụ lục bằng Tệp → Nhập phụ lục Excel… (Ctrl+I)."
)
READ_FILTER = "Văn bản (*.docx *.pdf *.txt);;Mọi tệp (*)"


def readable_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    return [p for p in local_files(event) if p.suffix.lower() in SUFFIXES]


class DirectivePage(RowsPage[DirectiveRow]):
    show_tasks = Signal(int)  # directive id

    def __init__(self, ctx: DirectivePageNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        # the subject (last) takes what is left: no sideways scrolling on a 1366-px screen
        self.init_table(COLUMNS, (120, 100, 230, 105, 90, 70, 0), stretch=len(COLUMNS) - 1)
        self.empty_hint = EmptyHint(self.table, lambda: EMPTY)
        self.add_button = QPushButton("Thêm văn bản")
        self.edit_button = QPushButton("Sửa")
        self.delete_button = QPushButton("Xóa")
        self.tasks_button = QPushButton("Xem nhiệm vụ")
        self.original_button = QPushButton("Mở văn bản gốc")
        self.original_button.clicked.connect(self.open_original)
        self.read_button = QPushButton("Đọc văn bản…")
        self.read_button.setToolTip(
            "Đọc một văn bản chỉ đạo (.docx, .pdf có lớp chữ, .txt, hoặc nội dung dán vào) thành "
            "văn bản và các nhiệm vụ dự kiến, để xem lại trước khi đăng ký. Có thể kéo thả tệp vào trang này."
        )
        read_menu = QMenu(self.read_button)
        read_menu.addAction("Đọc tệp văn bản…", self.read_file)
        read_menu.addAction("Dán văn bản…", self.paste_text)
        self.read_button.setMenu(read_menu)
        self.setAcceptDrops(True)
        self.job: BackgroundJob | None = None
        self.read_dialog: DirectiveReadDialog | None = None
        self.add_button.clicked.connect(self.add_directive)
        self.edit_button.clicked.connect(self.edit_directive)
        self.delete_button.clicked.connect(self.delete_directive)
        self.tasks_button.clicked.connect(self.view_tasks)
        buttons = QHBoxLayout()
        for b in (
            self.add_button,
            self.read_button,
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

    # -- reading a directive's text («Đọc văn bản…», a dropped file) ------------------------------
    def read_file(self) -> None:
        name = file_dialogs.open_file_name(self, "Chọn văn bản chỉ đạo để đọc", "", READ_FILTER)
        if name:
            self.read_path(Path(name))

    def paste_text(self) -> None:
        dialog = PasteTextDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.pasted().strip():
            text = dialog.pasted()
            self._start_reading(lambda: self._ctx.directive_reading.read_text(text), None)

    def read_path(self, path: Path) -> None:
        self._start_reading(lambda: self._ctx.directive_reading.read_file(path), path)

    def _start_reading(self, work: Callable[[], DirectiveDraft], path: Path | None) -> None:
        """Parse off the GUI thread, then open the review (a message if the file cannot be read)."""
        self.job = run_in_background(self, "Đang đọc văn bản…", work, lambda draft: self.review(draft, path))

    def review(self, draft: DirectiveDraft, path: Path | None) -> None:
        dialog = DirectiveReadDialog(self._ctx, draft, path, parent=self)
        self.read_dialog = dialog
        dialog.finished.connect(lambda _r: self._review_closed(dialog))
        dialog.open()

    def _review_closed(self, dialog: DirectiveReadDialog) -> None:
        if dialog.saved and dialog.saved_id is not None:
            self.saved(dialog.saved_id)
        if self.read_dialog is dialog:
            self.read_dialog = None
        dialog.deleteLater()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if readable_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        files = readable_files(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.read_path(files[0])
