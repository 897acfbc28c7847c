"""Register or edit a directive (văn bản chỉ đạo)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.changes import OpResult
from app.dto import DirectiveDetail, DirectiveInput
from models.directive_kinds import AUTHORITIES, DIRECTIVE_KINDS, kind_from_number
from views import file_dialogs
from views.combo_data import combo_data, combo_id, select_data
from views.form_errors import error_label, with_error
from views.labels import APP_TITLE, DATE_FORMAT, from_qdate, to_qdate
from views.needs import DirectiveDialogNeeds
from views.save_dialog import SaveDialog

AUTHORITY_LABELS = {
    "": "(ký trực tiếp)",
    "T/M": "T/M (thay mặt)",
    "K/T": "K/T (ký thay)",
    "T/L": "T/L (thừa lệnh)",
    "TUQ": "TUQ (thừa ủy quyền)",
    "Q.": "Q. (quyền)",
}


def split_citations(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ";").split(";") if part.strip()]


class DirectiveDialog(SaveDialog):
    def __init__(
        self, ctx: DirectiveDialogNeeds, directive_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._id = directive_id
        self._kind_touched = directive_id is not None
        self.setWindowTitle(("Sửa văn bản" if directive_id else "Thêm văn bản chỉ đạo") + f" – {APP_TITLE}")
        self.setMinimumWidth(640)

        self.number = QLineEdit()
        self.number.setPlaceholderText("VD: 125/KH-BCĐ, 420-CV/TU")
        self.kind = QComboBox()
        for code, name in DIRECTIVE_KINDS.items():
            self.kind.addItem(f"{name} ({code})", code)
        self.issuer = QLineEdit()
        self.issuer.setPlaceholderText("VD: Ban Chỉ đạo tỉnh")
        self.has_date = QCheckBox("Có ngày ban hành")
        self.has_date.setChecked(True)
        self.issued_on = QDateEdit(to_qdate(ctx.services.today()))
        self.issued_on.setDisplayFormat(DATE_FORMAT)
        self.issued_on.setCalendarPopup(True)
        self.has_date.toggled.connect(self.issued_on.setEnabled)
        self.place = QLineEdit()
        self.subject = QPlainTextEdit()
        self.subject.setMaximumHeight(70)
        self.signer = QLineEdit()
        self.signer_title = QLineEdit()
        self.signer_title.setPlaceholderText("VD: Phó Chủ tịch")
        self.authority = QComboBox()
        for code in AUTHORITIES:
            self.authority.addItem(AUTHORITY_LABELS.get(code, code), code)
        self.parent_combo = QComboBox()
        self.parent_combo.addItem("(không có)", 0)
        for d in ctx.directives.list_directives(with_counts=False):
            if d.id != directive_id:
                self.parent_combo.addItem(f"{d.number} – {d.subject}"[:100], d.id)
        self.citations = QLineEdit()
        self.citations.setPlaceholderText("Các văn bản căn cứ, cách nhau bởi dấu «;»")
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(50)
        self.file_label = QLabel("(chưa có tệp)")
        self.original_file: Path | None = None
        choose = QPushButton("Chọn tệp…")
        choose.clicked.connect(self.choose_file)

        date_row = QHBoxLayout()
        date_row.addWidget(self.has_date)
        date_row.addWidget(self.issued_on)
        date_row.addStretch(1)
        date_box = QWidget()
        date_box.setLayout(date_row)
        date_row.setContentsMargins(0, 0, 0, 0)
        signer_row = QHBoxLayout()
        signer_row.addWidget(self.authority)
        signer_row.addWidget(self.signer_title, 1)
        signer_row.addWidget(self.signer, 1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose)

        form = QFormLayout()
        form.addRow("Số, ký hiệu:", with_error(self.number, self.errors.add("number", error_label())))
        form.addRow("Loại văn bản:", with_error(self.kind, self.errors.add("kind", error_label())))
        form.addRow("Cơ quan ban hành:", self.issuer)
        form.addRow("Ngày ban hành:", with_error(date_box, self.errors.add("issued_on", error_label())))
        form.addRow("Địa danh:", self.place)
        form.addRow("Trích yếu:", self.subject)
        form.addRow("Người ký:", signer_row)
        form.addRow(
            "Văn bản cấp trên:", with_error(self.parent_combo, self.errors.add("parent_id", error_label()))
        )
        form.addRow("Căn cứ:", self.citations)
        form.addRow("Tệp văn bản gốc:", file_row)
        form.addRow("Ghi chú:", self.note)

        self.finish_layout(form)

        self.kind.activated.connect(self._kind_chosen)
        self.number.textEdited.connect(self._guess_kind)
        # the row version shown: saving over another officer's newer edit is refused
        self._version: int | None = None
        if directive_id is not None:
            self._load(ctx.directives.get(directive_id))

    def _load(self, d: DirectiveDetail) -> None:
        self._version = d.version
        self.number.setText(d.number)
        select_data(self.kind, d.kind)
        self.issuer.setText(d.issuer)
        self.has_date.setChecked(d.issued_on is not None)
        if d.issued_on is not None:
            self.issued_on.setDate(to_qdate(d.issued_on))
        self.place.setText(d.place)
        self.subject.setPlainText(d.subject)
        self.signer.setText(d.signer)
        self.signer_title.setText(d.signer_title)
        select_data(self.authority, d.signer_authority)
        select_data(self.parent_combo, d.parent_id or 0)
        self.citations.setText("; ".join(c.number for c in d.citations))
        self.note.setPlainText(d.note)
        if d.file_name:
            self.file_label.setText(f"Đã lưu: {d.file_name}")

    def _kind_chosen(self, _index: int) -> None:
        self._kind_touched = True

    def _guess_kind(self, text: str) -> None:
        if not self._kind_touched:
            code = kind_from_number(text)
            if code:
                select_data(self.kind, code)

    def choose_file(self) -> None:
        name = file_dialogs.open_file_name(
            self, "Chọn tệp văn bản gốc", "", "Văn bản (*.pdf *.doc *.docx *.odt);;Mọi tệp (*)"
        )
        if name:
            self.original_file = Path(name)
            self.file_label.setText(f"Sẽ lưu: {self.original_file.name}")

    def directive_input(self) -> DirectiveInput:
        issued: date | None = from_qdate(self.issued_on.date()) if self.has_date.isChecked() else None
        authority = combo_data(self.authority)
        return DirectiveInput(
            number=self.number.text(),
            kind=str(combo_data(self.kind) or ""),
            issuer=self.issuer.text(),
            issued_on=issued,
            place=self.place.text(),
            subject=self.subject.toPlainText(),
            signer=self.signer.text(),
            signer_title=self.signer_title.text(),
            signer_authority=authority if isinstance(authority, str) else "",
            parent_id=combo_id(self.parent_combo) or None,
            citations=split_citations(self.citations.text()),
            note=self.note.toPlainText(),
            original_file=self.original_file,
            id=self._id,
            version=self._version,
        )

    def operation(self) -> Callable[[], OpResult[int]]:
        return partial(self._ctx.directives.save, self.directive_input())
