"""The periodic-reports grid as a Qt table: one row per (recurring task, agency), a column per
period, each cell coloured by what arrived (colours of views.status_colors)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.report_grid_dto import GridCell, GridRow, ReportGrid, cell_text, party_text
from models.report_grid import CellState, GridColumn, Slot
from models.status import Status
from views.labels import fmt_date
from views.status_colors import status_colors

# Each cell state borrows the colours of the task status it means to a reader.
STATE_STATUS: dict[CellState, Status | None] = {
    CellState.ON_TIME: Status.DONE_ON_TIME,
    CellState.LATE: Status.DONE_LATE,
    CellState.MISSING: Status.OVERDUE,
    CellState.NOT_DUE: Status.NOT_DUE,
    CellState.NOT_EXPECTED: Status.PAUSED,
    CellState.NONE: None,
}
STATE_LABEL: dict[CellState, str] = {
    CellState.ON_TIME: "Đã nhận, đúng hạn",
    CellState.LATE: "Đã nhận, trễ hạn",
    CellState.MISSING: "Thiếu (quá hạn, chưa nhận)",
    CellState.NOT_DUE: "Chưa đến hạn",
    CellState.NOT_EXPECTED: "Không phải báo cáo (trước khi giao)",
    CellState.NONE: "Không có kỳ báo cáo",
}
LEGEND: tuple[CellState, ...] = (
    CellState.ON_TIME,
    CellState.LATE,
    CellState.MISSING,
    CellState.NOT_DUE,
    CellState.NOT_EXPECTED,
)
# Sorting a period column puts the worst first.
_SEVERITY = {
    s: i for i, s in enumerate((CellState.MISSING, CellState.LATE, CellState.NOT_DUE, CellState.ON_TIME))
}

FIXED = ("Nhiệm vụ", "Cơ quan", "Đúng hạn")
COL_TASK, COL_PARTY, COL_RATE = range(3)
CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # the GridCell of a period column


def state_colors(state: CellState) -> tuple[str, str] | None:
    status = STATE_STATUS[state]
    return None if status is None else status_colors(status)






def _slot_line(slot: Slot) -> str:
    line = f"Hạn {fmt_date(slot.occurrence)}: {STATE_LABEL[slot.state].lower()}"
    if slot.received is not None:
        line += f", nhận {fmt_date(slot.received)}"
        late = (slot.received - slot.occurrence).days
        if late > 0:
            line += f" (trễ {late} ngày)"
    return line


def cell_tooltip(row: GridRow, column: GridColumn, cell: GridCell) -> str:
    lines = [f"<b>{column.title}</b> — {party_text(row)}"]
    if not cell.slots:
        lines.append("Nhiệm vụ không có kỳ báo cáo trong kỳ này.")
    lines += [_slot_line(s) for s in cell.slots]
    for r in cell.reports:
        number = f"số {r.doc_number}" if r.doc_number else "không ghi số"
        done = "" if r.done else " (chưa đánh dấu hoàn thành)"
        lines.append(f"Báo cáo {number}, nhận {fmt_date(r.received_on)}{done}")
    if cell.to_enter is not None:
        lines.append("<i>Enter hoặc nhấp đúp: nhập báo cáo cho kỳ này</i>")
    return "<br>".join(lines)


def row_tooltip(row: GridRow) -> str:
    return (
        f"<b>{row.directive_number}</b><br>{row.content}<br>Thời hạn: {row.deadline_text}<br>"
        f"Cơ quan: {party_text(row)}"
    )


class ReportGridModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: ReportGrid | None = None
        self.rows: list[GridRow] = []
        self.one_directive = False  # then the task column leaves out the directive's number
        self._bold = QFont()
        self._bold.setBold(True)

    def set_grid(self, grid: ReportGrid, one_directive: bool = False) -> None:
        self.beginResetModel()
        self.grid = grid
        self.one_directive = one_directive
        self.rows = list(grid.rows)
        self.endResetModel()

    @property
    def columns(self) -> tuple[GridColumn, ...]:
        return self.grid.columns if self.grid is not None else ()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED) + len(self.columns)

    def row_at(self, n: int) -> GridRow | None:
        return self.rows[n] if 0 <= n < len(self.rows) else None

    def cell_at(self, index: QModelIndex) -> tuple[GridRow, GridColumn, GridCell] | None:
        row = self.row_at(index.row())
        col = index.column() - len(FIXED)
        if row is None or not 0 <= col < len(self.columns):
            return None
        return row, self.columns[col], row.cells[col]

    def index_of(self, key: tuple[int, int], column: int) -> QModelIndex:
        for n, row in enumerate(self.rows):
            if row.key == key:
                return self.index(n, column)
        return QModelIndex()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section < len(FIXED):
            if role == Qt.ItemDataRole.DisplayRole:
                return FIXED[section]
            if role == Qt.ItemDataRole.ToolTipRole and section == COL_RATE:
                return "Số kỳ nhận đúng hạn / số kỳ phải nộp đến ngày xem, trong khoảng thời gian đang xem."
            return None
        col = self.columns[section - len(FIXED)]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.short
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.title
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = self.row_at(index.row())
        if row is None:
            return None
        c = index.column()
        if c < len(FIXED):
            return self._fixed(row, c, role, index.row())
        cell = row.cells[c - len(FIXED)]
        state = cell.state
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            colors = state_colors(state)
            if colors is None:
                return None
            return QBrush(QColor(colors[0] if role == Qt.ItemDataRole.BackgroundRole else colors[1]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell_tooltip(row, self.columns[c - len(FIXED)], cell)
        if role == Qt.ItemDataRole.FontRole and state is CellState.MISSING:
            return self._bold
        if role == CELL_ROLE:
            return cell
        return None

    def _same_task_as_above(self, row: GridRow, n: int) -> bool:
        above = self.row_at(n - 1)
        return above is not None and above.task_id == row.task_id

    def _fixed(self, row: GridRow, c: int, role: int, n: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if c == COL_TASK:
                return row.content if self.one_directive else f"{row.directive_number} — {row.content}"
            if c == COL_PARTY:
                return party_text(row)
            t = row.tally
            return f"{t.on_time}/{t.expected}" if t.expected else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if c == COL_RATE:
                t = row.tally
                return (
                    f"Đến ngày xem: phải nộp {t.expected} kỳ; "
                    f"đúng hạn {t.on_time}, trễ {t.late}, thiếu {t.missing}."
                )
            return row_tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and c == COL_RATE:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole and c == COL_RATE and row.tally.missing:
            return QBrush(QColor(status_colors(Status.OVERDUE)[1]))
        if role == Qt.ItemDataRole.ForegroundRole and c == COL_TASK and self._same_task_as_above(row, n):
            return QBrush(QColor("#8d949b"))  # the same task again, for its next agency: the eye skips it
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        from models.textfold import fold

        def key(row: GridRow) -> Any:
            if column == COL_TASK:
                return (row.directive_number, fold(row.content))
            if column == COL_PARTY:
                return fold(row.party)
            if column == COL_RATE:
                t = row.tally
                return (t.on_time / t.expected if t.expected else 2.0, -t.missing)
            return _SEVERITY.get(row.state_at(column - len(FIXED)), 9)

        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
