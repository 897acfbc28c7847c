"""Add or edit an agency (cơ quan) and the other names it goes by."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.changes import OpResult
from app.dto import AgencyInput
from views.combo_data import select_data
from views.form_errors import error_label, with_error
from views.labels import AGENCY_KIND_LABELS, APP_TITLE
from views.needs import AgencyDialogNeeds
from views.save_dialog import SaveDialog


def split_aliases(text: str) -> list[str]:
    """One alias per line, or several on a line separated by ";"."""
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


class AgencyDialog(SaveDialog):
    def __init__(
        self, ctx: AgencyDialogNeeds, agency_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._id = agency_id
        self.setWindowTitle(("Sửa cơ quan" if agency_id else "Thêm cơ quan") + f" – {APP_TITLE}")
        self.setMinimumWidth(520)
        self.name = QLineEdit()
        self.short_name = QLineEdit()
        self.short_name.setPlaceholderText("VD: Sở KH&CN")
        self.kind = QComboBox()
        self._kinds = tuple(AGENCY_KIND_LABELS)
        for kind in self._kinds:
            self.kind.addItem(AGENCY_KIND_LABELS[kind], kind.value)
        self.aliases = QPlainTextEdit()
        self.aliases.setPlaceholderText("Mỗi dòng một tên gọi khác (hoặc cách nhau bởi dấu «;»)")
        self.aliases.setMaximumHeight(90)
        self.active = QCheckBox("Đang hoạt động")
        self.active.setChecked(True)
        self.note = QLineEdit()

        form = QFormLayout()
        form.addRow("Tên cơ quan:", with_error(self.name, self.errors.add("name", error_label())))
        form.addRow("Tên viết tắt:", self.short_name)
        form.addRow("Loại:", with_error(self.kind, self.errors.add("kind", error_label())))
        form.addRow("Tên gọi khác:", with_error(self.aliases, self.errors.add("aliases", error_label())))
        form.addRow("", self.active)
        form.addRow("Ghi chú:", self.note)
        self.finish_layout(form)
        if agency_id is not None:
            a = ctx.agencies.get(agency_id)
            self.name.setText(a.name)
            self.short_name.setText(a.short_name)
            select_data(self.kind, a.kind.value)
            self.aliases.setPlainText("\n".join(a.aliases))
            self.active.setChecked(a.active)

    def agency_input(self) -> AgencyInput:
        return AgencyInput(
            name=self.name.text(),
            short_name=self.short_name.text(),
            kind=self._kinds[max(self.kind.currentIndex(), 0)],
            aliases=split_aliases(self.aliases.toPlainText()),
            active=self.active.isChecked(),
            note=self.note.text(),
            id=self._id,
        )

    def operation(self) -> Callable[[], OpResult[int]]:
        return partial(self._ctx.agencies.save, self.agency_input())
