"""A read-only table model over a list of plain rows (the DTOs the services return), sortable
by any column: text in Vietnamese order, numbers as numbers, dates as dates."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from models.vn_collation import sort_key

R = TypeVar("R")

ROW_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    text: Callable[[R], str]
    numeric: bool = False
    tooltip: Callable[[R], str] | None = None
    foreground: Callable[[R], QColor | None] | None = None
    # what a header click sorts by; by default the shown text, read by cell_sort_key
    sort_key: Callable[[R], Any] | None = None


_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_NUMBERS, _DATES, _TEXTS, _EMPTY = 0, 1, 2, 3


def cell_sort_key(text: str) -> tuple[int, Any]:
    """How a shown value sorts: numbers as numbers, dd/mm/yyyy as dates, other text in Vietnamese
    order, empty cells after all of them (ascending). The first element keeps kinds apart, so
    a column mixing them never compares a number with a text."""
    value = text.strip()
    if not value:
        return (_EMPTY, "")
    if _NUMBER.fullmatch(value):
        return (_NUMBERS, float(value.replace(",", ".")))
    found = _DATE.fullmatch(value)
    if found:
        day, month, year = (int(g) for g in found.groups())
        try:
            return (_DATES, date(year, month, day))
        except ValueError:
            pass
    return (_TEXTS, sort_key(value))


class RowsTableModel(QAbstractTableModel, Generic[R]):
    """Handled roles return a real value; others return None from Python (see test_none_refcount)."""

    def __init__(
        self, columns: Sequence[Column[R]], row_id: Callable[[R], int], parent: QObject | None = None
    ):
        super().__init__(parent)
        self._columns = list(columns)
        self._row_id = row_id
        self._rows: list[R] = []
        self._given: list[R] = []  # the service's order, what "unsorted" (-1) returns to
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_rows(self, rows: Sequence[R]) -> None:
        """New rows, kept in the order the user last sorted by."""
        self.beginResetModel()
        self._given = list(rows)
        self._rows = self._sorted(self._given)
        self.endResetModel()

    def _sorted(self, rows: list[R]) -> list[R]:
        col = self._sort_column
        if not 0 <= col < len(self._columns):
            return list(rows)
        column = self._columns[col]
        key = column.sort_key or (lambda r: cell_sort_key(column.text(r)))
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=key, reverse=descending)  # stable: ties keep the service's order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder in place; the selection (persistent indexes) follows its rows."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        moved = [(i, self._rows[i.row()]) for i in before if 0 <= i.row() < len(self._rows)]
        self._sort_column, self._sort_order = column, order
        self._rows = self._sorted(self._given)
        where = {id(r): n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            [i for i, _ in moved], [self.index(where[id(r)], i.column()) for i, r in moved]
        )
        self.layoutChanged.emit()

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_of_id(self, row_id: int) -> int:
        for n, r in enumerate(self._rows):
            if self._row_id(r) == row_id:
                return n
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(row) if col.tooltip is not None else col.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag.AlignRight if col.numeric else Qt.AlignmentFlag.AlignLeft
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col.foreground is not None:
            color = col.foreground(row)
            return color if color is not None else None
        if role == ROW_ID_ROLE:
            return self._row_id(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].title
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._columns[section].title
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None
