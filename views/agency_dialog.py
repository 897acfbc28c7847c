"""Add or edit an agency (cơ quan) and the other names it goes by."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.dto import AgencyInput
from app.errors import UserError
from views.combo_data import combo_data, select_data
from views.form_errors import FieldErrors, error_label, with_error
from views.labels import AGENCY_KINDS, APP_TITLE


def split_aliases(text: str) -> list[str]:
    """One alias per line, or several on a line separated by ";"."""
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


class AgencyDialog(QDialog):
    def __init__(self, ctx: AppContext, agency_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._id = agency_id
        self.saved_id: int | None = None
        self.setWindowTitle(("Sửa cơ quan" if agency_id else "Thêm cơ quan") + f" – {APP_TITLE}")
        self.setMinimumWidth(520)
        self.name = QLineEdit()
        self.short_name = QLineEdit()
        self.short_name.setPlaceholderText("VD: Sở KH&CN")
        self.kind = QComboBox()
        for code, label in AGENCY_KINDS.items():
            self.kind.addItem(label, code)
        self.aliases = QPlainTextEdit()
        self.aliases.setPlaceholderText("Mỗi dòng một tên gọi khác (hoặc cách nhau bởi dấu «;»)")
        self.aliases.setMaximumHeight(90)
        self.active = QCheckBox("Đang hoạt động")
        self.active.setChecked(True)
        self.note = QLineEdit()

        self.errors = FieldErrors(error_label())
        form = QFormLayout()
        form.addRow("Tên cơ quan:", with_error(self.name, self.errors.add("name", error_label())))
        form.addRow("Tên viết tắt:", self.short_name)
        form.addRow("Loại:", with_error(self.kind, self.errors.add("kind", error_label())))
        form.addRow("Tên gọi khác:", with_error(self.aliases, self.errors.add("aliases", error_label())))
        form.addRow("", self.active)
        form.addRow("Ghi chú:", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy bỏ")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        if agency_id is not None:
            a = ctx.agencies.get(agency_id)
            self.name.setText(a.name)
            self.short_name.setText(a.short_name)
            select_data(self.kind, a.kind)
            self.aliases.setPlainText("\n".join(a.aliases))
            self.active.setChecked(a.active)

    def agency_input(self) -> AgencyInput:
        return AgencyInput(
            name=self.name.text(),
            short_name=self.short_name.text(),
            kind=str(combo_data(self.kind) or ""),
            aliases=split_aliases(self.aliases.toPlainText()),
            active=self.active.isChecked(),
            note=self.note.text(),
            id=self._id,
        )

    def accept(self) -> None:
        self.errors.clear()
        try:
            self.saved_id = self._ctx.agencies.save(self.agency_input())
        except UserError as exc:
            self.errors.show(exc)
            return
        super().accept()
