"""The register of outgoing letters (sổ văn bản đi): what was sent, to whom, under which number,
when; open a letter's file, print it again under its own number, export the register to Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.letters.register import LetterKind, LetterRow
from models.vn_dates import LetterFormat
from views import file_dialogs, messages
from views.empty_hint import EmptyHint
from views.geometry_memory import remember_window
from views.labels import APP_TITLE, fmt_date
from views.needs import HasLetters
from views.operations import runner
from views.rows_model import Column, RowsTableModel
from views.table_view import make_table, selected_row

KIND_LABELS = {
    LetterKind.REMIND: "Đôn đốc",
    LetterKind.ASSIGN: "Triển khai nhiệm vụ",
    LetterKind.REPORT: "Báo cáo",
    LetterKind.RESPONSE: "Báo cáo thực hiện văn bản",
}
FORMAT_LABELS = {LetterFormat.STATE: "Nhà nước", LetterFormat.PARTY: "Đảng"}

COLUMNS: tuple[Column[LetterRow], ...] = (
    Column("Số, ký hiệu", lambda r: r.number),
    Column("Ngày", lambda r: fmt_date(r.issued_on)),
    Column("Loại", lambda r: KIND_LABELS[r.kind]),
    Column("Thể thức", lambda r: FORMAT_LABELS[r.format]),
    Column("Kính gửi", lambda r: r.recipient, tooltip=lambda r: r.recipient),
    Column("Trích yếu", lambda r: r.subject, tooltip=lambda r: r.subject),
    # the name: a full path pushed the column out of the window; the path is on hover
    Column("Tệp", lambda r: Path(r.file_name).name, tooltip=lambda r: r.file_name),
)
# fit a 1100-px dialog without a horizontal scroll bar; «Trích yếu» takes what is left
WIDTHS = (120, 85, 130, 75, 220, 0, 170)
STRETCH = 5
EMPTY_TEXT = (
    "Chưa có văn bản đi nào. Văn bản lập ở «Văn bản đi → Soạn văn bản đi…» được cấp số và ghi vào sổ này."
)


class LetterRegisterDialog(QDialog):
    def __init__(self, ctx: HasLetters, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(f"Sổ văn bản đi – {APP_TITLE}")
        self.model: RowsTableModel[LetterRow] = RowsTableModel(COLUMNS, lambda r: r.id, self)
        self.table = make_table(self.model, WIDTHS, stretch=STRETCH)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.empty = EmptyHint(self.table, lambda: EMPTY_TEXT)
        self.count = QLabel()
        self.open_button = QPushButton("&Mở tệp")
        self.open_button.setToolTip("Mở tệp .docx của văn bản đang chọn")
        self.open_button.clicked.connect(self.open_selected)
        self.reprint_button = QPushButton("&In lại với số cũ")
        self.reprint_button.setToolTip(
            "Lập lại văn bản đang chọn vào đúng tệp của nó, giữ số và ngày (không cấp số mới)"
        )
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.export_button = QPushButton("&Xuất Excel…")
        self.export_button.clicked.connect(self.export_excel)
        row = QHBoxLayout()
        for b in (self.open_button, self.reprint_button, self.export_button):
            row.addWidget(b)
        row.addStretch(1)
        for b in (self.open_button, self.reprint_button, self.export_button):
            b.setAutoDefault(False)  # Enter in the list must not open or reprint a letter
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        layout.addLayout(row)
        layout.addWidget(buttons)
        remember_window(self, "LetterRegisterDialog", QSize(1100, 560))
        self.reload()

    def reload(self) -> None:
        try:
            rows = self._ctx.letters.list_letters()
        except UserError as exc:
            messages.show_error(self, str(exc))
            rows = []
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} văn bản đi (mới nhất ở trên)")

    def _update_buttons(self) -> None:
        """Open and reprint act on the chosen letter; export needs a letter in the register."""
        chosen = self.current() is not None
        self.open_button.setEnabled(chosen)
        self.reprint_button.setEnabled(chosen)
        self.export_button.setEnabled(self.model.rowCount() > 0)

    def current(self) -> LetterRow | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row >= 0 else None

    def open_selected(self) -> None:
        letter = self.current()
        if letter is None:
            messages.show_info(self, "Hãy chọn một văn bản trong sổ.")
            return
        path = Path(letter.file_name)
        if not path.is_file():
            messages.show_error(
                self,
                f"Không còn tệp «{path}» của văn bản số {letter.number}. "
                "Dùng «In lại với số cũ» để lập lại tệp.",
            )
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            messages.show_error(self, f"Không mở được tệp {path.name}: chưa có chương trình mở tệp .docx.")

    def reprint_selected(self) -> None:
        letter = self.current()
        if letter is None:
            messages.show_info(self, "Hãy chọn một văn bản trong sổ.")
            return
        letter_id = letter.id

        def done(result: Any) -> None:
            self.reload()
            messages.show_info(self, f"Đã lập lại văn bản số {result.number}: {result.path}")

        runner().run(
            self,
            "Đang lập lại văn bản…",
            lambda: self._ctx.letters.reprint(letter_id),
            done,
            lambda exc: messages.show_error(self, str(exc)),
        )

    def export_excel(self) -> None:
        name = file_dialogs.save_file_name(self, "Xuất Sổ văn bản đi", "so-van-ban-di.xlsx", "Excel (*.xlsx)")
        if not name:
            return
        out = Path(name if name.lower().endswith(".xlsx") else name + ".xlsx")
        try:
            self._ctx.letters.export_register(out)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(self, f"Đã xuất Sổ văn bản đi: {out}")
