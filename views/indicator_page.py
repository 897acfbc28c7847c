"""Indicators (chỉ tiêu): baseline, target, who is responsible and the latest reported value."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.context import AppContext
from app.dto import IndicatorRow
from app.errors import UserError
from app.services.indicators import as_number
from views import messages
from views.indicator_value_dialog import IndicatorValueDialog
from views.labels import fmt_number
from views.lazy_page import LazyPage
from views.rows_model import Column, RowsTableModel
from views.table_view import make_table, selected_row


def percent_of_target(row: IndicatorRow) -> float | None:
    target = as_number(row.target)
    if row.latest_value is None or not target:
        return None
    return row.latest_value / target * 100


def _percent_text(row: IndicatorRow) -> str:
    pct = percent_of_target(row)
    return "" if pct is None else f"{pct:.0f}%"


def _percent_color(row: IndicatorRow) -> QColor | None:
    pct = percent_of_target(row)
    if pct is None:
        return None
    return QColor("#1b6b2f") if pct >= 100 else QColor("#8a4b00")


COLUMNS: tuple[Column[IndicatorRow], ...] = (
    Column("Văn bản", lambda r: r.directive_number),
    Column("Nhóm", lambda r: r.group_code),
    Column("Chỉ tiêu", lambda r: r.name),
    Column("Đơn vị", lambda r: r.unit),
    Column("Hiện trạng", lambda r: r.baseline, numeric=True),
    Column("Mục tiêu", lambda r: r.target, numeric=True),
    Column("Chủ trì", lambda r: r.lead),
    Column("Phối hợp", lambda r: r.cooperating),
    Column("Kỳ gần nhất", lambda r: r.latest_period),
    Column(
        "Giá trị", lambda r: fmt_number(r.latest_value) if r.latest_value is not None else "", numeric=True
    ),
    Column("% mục tiêu", _percent_text, numeric=True, foreground=_percent_color),
)


class IndicatorPage(LazyPage):
    data_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model: RowsTableModel[IndicatorRow] = RowsTableModel(COLUMNS, lambda r: r.id, self)
        self.table = make_table(self.model, (95, 48, 0, 80, 82, 75, 170, 170, 90, 62, 88), stretch=2)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.value_button = QPushButton("Nhập số liệu")
        self.value_button.clicked.connect(self.record_value)
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.value_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def refresh(self, keep: int | None = None) -> None:
        self._stale = False
        keep = keep if keep is not None else self.current_id()
        try:
            rows = self._ctx.indicators.list_indicators()
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        self.model.set_rows(rows)
        self.count_label.setText(f"{len(rows)} chỉ tiêu")
        row = self.model.row_of_id(keep) if keep is not None else -1
        self.table.selectRow(row if row >= 0 else 0)
        self._update_buttons()

    def current_row(self) -> IndicatorRow | None:
        return self.model.row_at(selected_row(self.table))

    def current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row else None

    def _update_buttons(self) -> None:
        self.value_button.setEnabled(self.current_row() is not None)

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.record_value()

    def make_dialog(self, row: IndicatorRow) -> IndicatorValueDialog:
        return IndicatorValueDialog(self._ctx, row, parent=self)

    def record_value(self) -> None:
        row = self.current_row()
        if row is None:
            return
        dlg = self.make_dialog(row)
        if dlg.exec():
            self.refresh(keep=row.id)
            self.data_changed.emit()
