"""«Báo cáo định kỳ»: which periodic reports each agency sent, period by period.

The grid is computed off the GUI thread (views.background) whenever the choices change or a
change it cares about is broadcast; Enter (or a double click) on a cell opens the report dialog
pre-filled for that task, agency and occurrence, and the saved report turns the cell green.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes
from app.errors import DatabaseDamaged, UserError
from app.report_grid_dto import GRID_RULE, ReportGrid
from app.services.progress import HORIZON_DAYS
from models.report_grid import GridColumn, GridSpan, span_columns
from views import damage_notice, excel_export, messages
from views.background import BackgroundJob, run_in_background
from views.combo_data import combo_id
from views.labels import from_qdate, to_qdate
from views.lazy_page import LazyPage
from views.needs import ReportGridPageNeeds
from views.report_dialog import ReportDialog, date_edit
from views.report_grid_model import FIXED, LEGEND, STATE_LABEL, ReportGridModel, state_colors
from views.table_view import make_table

RANGES: tuple[tuple[GridSpan, str], ...] = (
    (GridSpan.YEAR, "Năm, theo tháng"),
    (GridSpan.LAST_12_MONTHS, "12 tháng gần nhất"),
    (GridSpan.LAST_12_WEEKS, "12 tuần gần nhất"),
    (GridSpan.YEAR_QUARTERS, "Năm, theo quý"),
    (GridSpan.YEAR_HALVES, "Năm, theo 6 tháng"),
)

EMPTY = (
    "Không có nhiệm vụ định kỳ (hằng tuần, hằng tháng, hằng quý, 6 tháng…) đang thực hiện "
    "trong phạm vi đã chọn."
)


def _chip(text: str, colors: tuple[str, str]) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(
        f"QLabel {{ background: {colors[0]}; color: {colors[1]}; border: 1px solid #c9ccd1; "
        "border-radius: 3px; padding: 1px 6px; }"
    )
    return label


class ReportGridPage(LazyPage):
    def __init__(self, ctx: ReportGridPageNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.job: BackgroundJob | None = None
        self.dialog: ReportDialog | None = None
        self._generation = 0
        self._keep: tuple[tuple[int, int], int] | None = None
        self._one_directive = False
        today = ctx.services.today()

        self.directive = QComboBox()
        self.directive.setMinimumWidth(220)
        self.directive.setMaximumWidth(360)
        self.range = QComboBox()
        for span, label in RANGES:
            self.range.addItem(label, span.value)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.as_of = date_edit(to_qdate(today))
        # the cached coverage answers up to its horizon (FollowupService.check_as_of)
        self.as_of.setMaximumDate(to_qdate(today + timedelta(days=HORIZON_DAYS - 1)))
        self.cooperating = QCheckBox("Cả cơ quan phối hợp")
        self.cooperating.setChecked(True)
        self.cooperating.setToolTip(
            "Cơ quan phối hợp cũng phải báo cáo; báo cáo của cơ quan chủ trì được tính cho họ."
        )
        self.directive.currentIndexChanged.connect(lambda *_: self.refresh())
        self.range.currentIndexChanged.connect(self._range_changed)
        self.year.valueChanged.connect(lambda *_: self.refresh())
        self.as_of.dateChanged.connect(lambda *_: self.refresh())
        self.cooperating.toggled.connect(lambda *_: self.refresh())

        bar = QHBoxLayout()
        for text, widget in (
            ("Văn bản:", self.directive),
            ("Xem:", self.range),
            ("", self.year),
            ("Tính đến ngày:", self.as_of),
        ):
            if text:
                bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        bar.addWidget(self.cooperating)
        bar.addStretch(1)
        self.export_button = QPushButton("Xuất Excel…")
        self.export_button.setToolTip("Xuất bảng báo cáo định kỳ đang xem ra Excel để in (Ctrl+E)")
        self.export_button.clicked.connect(self.export_excel)
        bar.addWidget(self.export_button)

        legend = QHBoxLayout()
        legend.addWidget(QLabel("Chú giải:"))
        for state in LEGEND:
            colors = state_colors(state)
            assert colors is not None
            legend.addWidget(_chip(STATE_LABEL[state], colors))
        legend.addStretch(1)
        self.count_label = QLabel()

        self.model = ReportGridModel(self)
        self.table = make_table(self.model, stretch=None)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setAlternatingRowColors(False)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setToolTip("")
        # Enter and a double click both "activate" a cell
        self.table.activated.connect(self.enter_report)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.empty_label = QLabel(EMPTY)
        self.empty_label.setStyleSheet("color: #5c636a; padding: 12px;")
        self.empty_label.setVisible(False)
        rule = QLabel(GRID_RULE)
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #5c636a;")

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(legend)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.count_label)
        layout.addWidget(rule)
        self._fill_directives()
        self.listen_to_changes()

    # -- choices ---------------------------------------------------------------------------
    def _fill_directives(self) -> None:
        current = combo_id(self.directive)
        self.directive.blockSignals(True)
        self.directive.clear()
        self.directive.addItem("Tất cả văn bản", None)
        try:
            for d in self._ctx.directives.list_directives(with_counts=False):
                text = d.number if not d.subject else f"{d.number} – {d.subject}"
                self.directive.addItem(text if len(text) <= 70 else text[:69] + "…", d.id)
                self.directive.setItemData(self.directive.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        except UserError as exc:
            messages.show_error(self, str(exc))
        n = self.directive.findData(current) if current is not None else 0
        self.directive.setCurrentIndex(max(n, 0))
        self.directive.blockSignals(False)

    def _range_changed(self) -> None:
        self.year.setEnabled(self.span().uses_year)
        self.refresh()

    def span(self) -> GridSpan:
        return GridSpan(self.range.currentData() or GridSpan.YEAR)

    def columns(self) -> tuple[GridColumn, ...]:
        return span_columns(self.span(), self.year.value(), from_qdate(self.as_of.date()))

    # -- loading ---------------------------------------------------------------------------
    def cares_about(self, changes: Changes) -> bool:
        return changes.reports or changes.tasks or changes.directives or changes.agencies

    def on_changes(self, changes: Changes) -> None:
        if changes.directives:
            self._fill_directives()
        super().on_changes(changes)

    def export_excel(self) -> None:
        """The grid as shown (range, directive, cooperating), off the GUI thread."""
        as_of = from_qdate(self.as_of.date())
        columns, directive_id = self.columns(), combo_id(self.directive)
        cooperating = self.cooperating.isChecked()
        export = excel_export.exporter(self._ctx.services)
        self.export_job = excel_export.run_export(
            self,
            "Xuất bảng báo cáo định kỳ ra Excel",
            "bao-cao-dinh-ky",
            as_of,
            "dòng (nhiệm vụ định kỳ × cơ quan)",
            lambda path: export.report_grid(
                path, columns, as_of, directive_id=directive_id, include_cooperating=cooperating
            ),
        )

    def refresh(self) -> None:
        """Start computing the grid in the background; a newer request supersedes an older one."""
        self._stale = False
        if self._keep is None:
            current = self.table.currentIndex()
            row = self.model.row_at(current.row()) if current.isValid() else None
            if row is not None:
                self._keep = (row.key, current.column())
        self._generation += 1
        generation = self._generation
        self.count_label.setText("Đang tính…")
        as_of = from_qdate(self.as_of.date())
        columns = self.columns()
        directive_id = combo_id(self.directive)
        cooperating = self.cooperating.isChecked()
        grids = self._ctx.report_grid

        self._one_directive = directive_id is not None

        def work() -> ReportGrid:
            grid = grids.grid(as_of, columns, directive_id=directive_id, include_cooperating=cooperating)
            for row in grid.rows[:60]:  # the first screenful's cells, drawn here rather than on paint
                _ = row.cells
            return grid

        self.job = run_in_background(
            self,
            "Đang tính bảng báo cáo định kỳ…",
            work,
            lambda grid: self._loaded(generation, grid),
            lambda exc: self._failed(generation, exc),
        )

    def _failed(self, generation: int, exc: UserError) -> None:
        if generation == self._generation:
            damage_notice.show_load_error(self, self.count_label, exc)
        elif not isinstance(exc, DatabaseDamaged):
            messages.show_error(self, str(exc))

    def _loaded(self, generation: int, grid: Any) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self.model.set_grid(grid, one_directive=self._one_directive)
        damage_notice.clear(self.count_label)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 180)
        self.table.setColumnWidth(2, 62)
        width = 60 if grid.columns and grid.columns[0].short.startswith("Tuần") else 48
        if grid.columns and grid.columns[0].kind.value in ("quarter", "half"):
            width = 90
        for c in range(len(FIXED), self.model.columnCount()):
            self.table.setColumnWidth(c, width)
        t = grid.tally
        rate = f" ({t.on_time / t.expected:.0%})" if t.expected else ""
        self.count_label.setText(
            f"{len(grid.rows)} dòng · đúng hạn {t.on_time}/{t.expected}{rate} · "
            f"trễ {t.late} · thiếu {t.missing}"
        )
        self.empty_label.setVisible(not grid.rows)
        keep, self._keep = self._keep, None
        if keep is not None:
            index = self.model.index_of(keep[0], keep[1])
            if index.isValid():
                self.table.setCurrentIndex(index)

    # -- entering a report -----------------------------------------------------------------
    def make_report_dialog(self, task_id: int, assignment_id: int, occurrence: date) -> ReportDialog:
        return ReportDialog(
            self._ctx, task_id, self, assignment_id=assignment_id, occurrence=occurrence, done=True
        )

    def enter_report(self, index: QModelIndex | None = None) -> ReportDialog | None:
        """Open the report dialog for the cell: its task, agency and the occurrence owed there."""
        index = index if index is not None and index.isValid() else self.table.currentIndex()
        found = self.model.cell_at(index)
        if found is None:
            return None
        row, _column, cell = found
        slot = cell.to_enter
        if slot is None:
            return None
        self._keep = (row.key, index.column())
        try:
            dlg = self.make_report_dialog(row.task_id, row.assignment_id, slot.occurrence)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return None
        self.dialog = dlg
        dlg.finished.connect(lambda *_: self.table.setFocus())
        dlg.open()
        return dlg
