"""Record an indicator's value for a period, typed as people write it ("Quý 3/2026", "Tháng 8/2026")."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.changes import OpResult
from app.dto import IndicatorRow
from models.periods import current_quarter
from views.form_errors import error_label, with_error
from views.labels import APP_TITLE
from views.needs import IndicatorValueNeeds
from views.save_dialog import SaveDialog


def default_period(month: int, year: int) -> str:
    """The current quarter, as shown: ``Quý 4/2026``."""
    return current_quarter(year, month).label


class IndicatorValueDialog(SaveDialog):
    """Sets ``saved`` (there is no new id to report) once the value is recorded."""

    def __init__(self, ctx: IndicatorValueNeeds, row: IndicatorRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._row = row
        self.setWindowTitle(f"Nhập số liệu chỉ tiêu – {APP_TITLE}")
        self.setMinimumWidth(480)
        today = ctx.services.today()
        name = QLabel(row.name)
        name.setWordWrap(True)
        self.period = QLineEdit(default_period(today.month, today.year))
        self.period.setPlaceholderText("VD: Quý 3/2026, Tháng 8/2026, 6 tháng đầu năm 2026, Năm 2026")
        self.period.setToolTip(
            "Kỳ báo cáo: Tháng 8/2026 (hoặc T8/2026, 08/2026), Quý 3/2026 (hoặc quý III/2026, Q3/2026), "
            "6 tháng đầu năm 2026, 6 tháng cuối năm 2026, Năm 2026."
        )
        self.value = QDoubleSpinBox()
        self.value.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.value.setRange(-1e12, 1e12)
        self.value.setDecimals(2)
        if row.unit:
            self.value.setSuffix(f" {row.unit}")
        if row.latest_value is not None:
            self.value.setValue(row.latest_value)
        form = QFormLayout()
        form.addRow("Chỉ tiêu:", name)
        form.addRow("Mục tiêu:", QLabel(f"{row.target} {row.unit}".strip() or "(chưa ghi)"))
        form.addRow("Kỳ báo cáo:", with_error(self.period, self.errors.add("period", error_label())))
        form.addRow("Giá trị:", self.value)
        self.finish_layout(form)

    def operation(self) -> Callable[[], OpResult[None]]:
        return partial(
            self._ctx.indicators.record_value,
            self._row.id,
            self.period.text().strip(),
            self.value.value(),
            self._ctx.services.today(),
        )
