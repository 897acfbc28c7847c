"""Record an indicator's value for a period (2026, 2026-Q3 or 2026-06)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.dto import IndicatorRow
from app.errors import UserError
from views.form_errors import FieldErrors, error_label, with_error
from views.labels import APP_TITLE


def default_period(month: int, year: int) -> str:
    return f"{year}-Q{(month - 1) // 3 + 1}"


class IndicatorValueDialog(QDialog):
    def __init__(self, ctx: AppContext, row: IndicatorRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._row = row
        self.saved = False
        self.setWindowTitle(f"Nhập số liệu chỉ tiêu – {APP_TITLE}")
        self.setMinimumWidth(480)
        today = ctx.services.today()
        name = QLabel(row.name)
        name.setWordWrap(True)
        self.period = QLineEdit(default_period(today.month, today.year))
        self.period.setPlaceholderText("VD: 2026-Q3, 2026-06 hoặc 2026")
        self.value = QDoubleSpinBox()
        self.value.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.value.setRange(-1e12, 1e12)
        self.value.setDecimals(2)
        if row.unit:
            self.value.setSuffix(f" {row.unit}")
        if row.latest_value is not None:
            self.value.setValue(row.latest_value)
        self.errors = FieldErrors(error_label())
        form = QFormLayout()
        form.addRow("Chỉ tiêu:", name)
        form.addRow("Mục tiêu:", QLabel(f"{row.target} {row.unit}".strip() or "(chưa ghi)"))
        form.addRow("Kỳ báo cáo:", with_error(self.period, self.errors.add("period", error_label())))
        form.addRow("Giá trị:", self.value)
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

    def accept(self) -> None:
        self.errors.clear()
        try:
            self._ctx.indicators.record_value(
                self._row.id, self.period.text().strip(), self.value.value(), self._ctx.services.today()
            )
        except UserError as exc:
            self.errors.show(exc)
            return
        self.saved = True
        super().accept()
