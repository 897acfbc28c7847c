"""Indicators (chỉ tiêu): baseline, target, who is responsible and the latest reported value."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.changes import Changes
from app.dto import IndicatorRow
from app.indicator_dto import IndicatorValueItem
from app.services.indicators import period_end
from models.indicator_track import TRACK_RULE, TREND_ARROW, TrackState, Trend
from models.periods import period_label
from views import excel_export
from views.background import BackgroundJob
from views.delete_questions import indicator_question
from views.empty_hint import EmptyHint
from views.geometry_memory import remember_splitter
from views.indicator_dialog import IndicatorDialog
from views.indicator_value_dialog import IndicatorValueDialog
from views.labels import fmt_number
from views.list_actions import confirm_and_delete, run_edit_dialog
from views.needs import IndicatorPageNeeds
from views.rows_model import Column, RowsTableModel
from views.rows_page import RowsPage
from views.table_view import make_table


def _percent_text(row: IndicatorRow) -> str:
    pct = row.track.percent_of_target
    return "" if pct is None else f"{pct:.0f}%"


def _percent_color(row: IndicatorRow) -> QColor | None:
    pct = row.track.percent_of_target
    if pct is None:
        return None
    return QColor("#1b6b2f") if pct >= 100 else QColor("#8a4b00")


TRACK_COLORS = {
    TrackState.ON_TRACK: QColor("#1b6b2f"),
    TrackState.BEHIND: QColor("#c92a2a"),
    TrackState.NOT_STARTED: QColor("#868e96"),
    TrackState.UNKNOWN: QColor("#868e96"),
}
TREND_WORDS = {Trend.UP: "tăng", Trend.DOWN: "giảm", Trend.FLAT: "không đổi", Trend.UNKNOWN: ""}


def _track_tooltip(row: IndicatorRow) -> str:
    t = row.track
    lines = []
    if t.expected is not None:
        lines.append(
            f"Giá trị kỳ vọng cuối {period_label(row.latest_period).lower()}: "
            f"{fmt_number(round(t.expected, 2))}"
            f" — số liệu: {fmt_number(row.latest_value) if row.latest_value is not None else ''}"
        )
    if row.target_period:
        lines.append(f"Mục tiêu phải đạt: cuối năm {row.target_period}")
    if t.reason:
        lines.append(t.reason)
    lines.append(TRACK_RULE)
    return "\n".join(lines)


def _trend_tooltip(row: IndicatorRow) -> str:
    if row.track.trend is Trend.UNKNOWN:
        return "Cần ít nhất hai kỳ có số liệu để so sánh."
    return f"So với kỳ trước: {TREND_WORDS[row.track.trend]}"


PERCENT_TIP = "% mục tiêu = số liệu gần nhất ÷ mục tiêu (mục tiêu giảm, như tỷ lệ cần hạ: mục tiêu ÷ số liệu)"

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
    Column(
        "% mục tiêu",
        _percent_text,
        numeric=True,
        foreground=_percent_color,
        tooltip=lambda r: PERCENT_TIP,
        sort_key=lambda r: -1e18 if r.track.percent_of_target is None else r.track.percent_of_target,
    ),
    Column("Xu hướng", lambda r: TREND_ARROW[r.track.trend], tooltip=_trend_tooltip),
    Column(
        "Tiến độ",
        lambda r: r.track.label,
        tooltip=_track_tooltip,
        foreground=lambda r: TRACK_COLORS[r.track.state],
    ),
)
HISTORY_COLUMNS: tuple[Column[IndicatorValueItem], ...] = (
    Column("Kỳ", lambda v: period_label(v.period), sort_key=lambda v: period_end(v.period)),
    Column("Giá trị", lambda v: fmt_number(v.value), numeric=True),
    Column(
        "Ngày báo cáo",
        lambda v: f"{v.reported_on:%d/%m/%Y}" if v.reported_on else "",
        tooltip=lambda v: "" if v.reported_on else "Không ghi ngày báo cáo",
    ),
    Column("Ghi chú", lambda v: v.note),
)


EMPTY = (
    "Chưa có chỉ tiêu. Bấm «Thêm chỉ tiêu», hoặc nhập một phụ lục có bảng chỉ tiêu bằng "
    "Tệp → Nhập phụ lục Excel… (Ctrl+I)."
)


class IndicatorPage(RowsPage[IndicatorRow]):
    def __init__(self, ctx: IndicatorPageNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        # the indicator's name (stretched) keeps ~280 px on a 1366-px-wide screen
        self.init_table(COLUMNS, (84, 44, 0, 52, 70, 64, 130, 110, 84, 56, 76, 58, 104), stretch=2)
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
        self.export_button = QPushButton("Xuất Excel…")
        self.export_button.setToolTip("Xuất các chỉ tiêu và số liệu ra tệp Excel để in (Ctrl+E)")
        self.export_button.clicked.connect(self.export_excel)
        self.export_job: BackgroundJob | None = None
        bar.addWidget(self.export_button)
        # every value entered for the selected indicator, below the list
        self.history: RowsTableModel[IndicatorValueItem] = RowsTableModel(
            HISTORY_COLUMNS, lambda v: v.id, self
        )
        self.history_table = make_table(self.history, (140, 90, 110, 0), stretch=3)
        self.history_box = QGroupBox("Lịch sử số liệu")
        h_layout = QVBoxLayout(self.history_box)
        h_layout.setContentsMargins(4, 4, 4, 4)
        h_layout.addWidget(self.history_table)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.load_history())
        top = QWidget()
        t_layout = QVBoxLayout(top)
        t_layout.setContentsMargins(0, 0, 0, 0)
        t_layout.addLayout(bar)
        t_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.history_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        remember_splitter(splitter, "indicator_page", [480, 170])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def cares_about(self, changes: Changes) -> bool:
        # rows name their directive and agencies
        return changes.indicators or changes.directives or changes.agencies

    def load_rows(self) -> list[IndicatorRow]:
        return self._ctx.indicators.list_indicators()

    def refresh(self, keep: int | None = None) -> None:
        super().refresh(keep)
        self.load_history()

    def load_history(self) -> None:
        """The history panel follows the selected indicator (a re-entered period replaces its value)."""
        row = self.current_row()
        self.history.set_rows([] if row is None else self._ctx.indicators.value_history(row.id))
        self.history_box.setTitle(
            "Lịch sử số liệu"
            if row is None
            else f"Lịch sử số liệu — {row.name} ({len(self.history.rows())} kỳ)"
        )

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
        question = indicator_question(row.name)
        confirm_and_delete(self, question, partial(self._ctx.indicators.delete, row.id))

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.record_value()

    def export_excel(self) -> None:
        as_of = self._ctx.services.today()
        export = excel_export.exporter(self._ctx.services)
        self.export_job = excel_export.run_export(
            self,
            "Xuất chỉ tiêu ra Excel",
            "chi-tieu",
            as_of,
            "chỉ tiêu",
            lambda path: export.indicators(path, as_of),
        )

    def make_dialog(self, row: IndicatorRow) -> IndicatorValueDialog:
        return IndicatorValueDialog(self._ctx, row, parent=self)

    def record_value(self) -> None:
        row = self.current_row()
        if row is None:
            return
        dlg = self.make_dialog(row)
        if dlg.exec():
            self.saved(row.id)
