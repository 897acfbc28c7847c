"""The register of outgoing letters (sổ văn bản đi): what was sent, under which number, when."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.errors import UserError
from app.letters.register import LetterKind, LetterRow
from models.vn_dates import LetterFormat
from views import messages
from views.geometry_memory import remember_window
from views.labels import fmt_date
from views.needs import HasLetters
from views.rows_model import Column, RowsTableModel
from views.table_view import make_table

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
    Column("Trích yếu", lambda r: r.subject, tooltip=lambda r: r.subject),
    Column("Tệp", lambda r: r.file_name),
)


class LetterRegisterDialog(QDialog):
    def __init__(self, ctx: HasLetters, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sổ văn bản đi")
        self.model: RowsTableModel[LetterRow] = RowsTableModel(COLUMNS, lambda r: r.id, self)
        self.table = make_table(self.model, (120, 90, 140, 80, 420, 200))
        self.count = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        remember_window(self, "LetterRegisterDialog", QSize(1100, 560))
        try:
            rows = ctx.letters.list_letters()
        except UserError as exc:
            messages.show_error(self, str(exc))
            rows = []
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} văn bản đi (mới nhất ở trên)")
