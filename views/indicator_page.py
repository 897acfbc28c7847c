"""Indicators (chỉ tiêu): baseline, target, who is responsible and the latest reported value."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.changes import Changes
from app.dto import IndicatorRow
from app.services.indicators import as_number
from models.periods import period_label
from views.empty_hint import EmptyHint
from views.indicator_dialog import IndicatorDialog
from views.indicator_value_dialog import IndicatorValueDialog
from views.labels import fmt_number
from views.list_actions import confirm_and_delete, run_edit_dialog
from views.needs import IndicatorPageNeeds
from views.rows_model import Column
from views.rows_page import RowsPage


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
    Column("Kỳ gần nhất", lambda r: period_label(r.latest_period)),
    Column(
        "Giá trị", lambda r: fmt_number(r.latest_value) if r.latest_value is not None else "", numeric=True
    ),
    Column("% mục tiêu", _percent_text, numeric=True, foreground=_percent_color),
)


EMPTY = (
    "Chưa có chỉ tiêu. Bấm «Thêm chỉ tiêu», hoặc nhập một phụ lục có bảng chỉ tiêu bằng "
    "Tệp → Nhập phụ lục Excel… (Ctrl+I)."
)


class IndicatorPage(RowsPage[IndicatorRow]):
    def __init__(self, ctx: IndicatorPageNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.init_table(COLUMNS, (95, 48, 0, 80, 82, 75, 170, 170, 90, 62, 88), stretch=2)
        self.empty_hint = EmptyHint(self.table, lambda: EMPTY)
        self.value_button = QPushButton("Nhập số liệu")
        self.value_button.clicked.connect(self.record_value)
        self.add_button = QPushButton("Thêm chỉ tiêu")
        self.add_button.clicked.connect(self.add_indicator)
        self.edit_button = QPushButton("Sửa")
        self.edit_button.clicked.connect(self.edit_indicator)
        self.delete_button = QPushButton("Xóa")
        self.delete_button.clicked.connect(self.delete_indicator)
        bar = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.delete_button, self.value_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)

    def cares_about(self, changes: Changes) -> bool:
        # rows name their directive and agencies
        return changes.indicators or changes.directives or changes.agencies

    def load_rows(self) -> list[IndicatorRow]:
        return self._ctx.indicators.list_indicators()

    def count_text(self, count: int) -> str:
        return f"{count} chỉ tiêu"

    def _update_buttons(self) -> None:
        for b in (self.value_button, self.edit_button, self.delete_button):
            b.setEnabled(self.current_row() is not None)

    def make_indicator_dialog(self, indicator_id: int | None) -> IndicatorDialog:
        return IndicatorDialog(self._ctx, indicator_id, parent=self)

    def add_indicator(self) -> None:
        run_edit_dialog(self.make_indicator_dialog(None), self.saved)

    def edit_indicator(self) -> None:
        row = self.current_row()
        if row is not None:
            run_edit_dialog(self.make_indicator_dialog(row.id), self.saved)

    def delete_indicator(self) -> None:
        row = self.current_row()
        if row is None:
            return
        question = f"Xóa chỉ tiêu «{row.name}» cùng các số liệu đã nhập?"
        confirm_and_delete(self, question, partial(self._ctx.indicators.delete, row.id))

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
            self.saved(row.id)
