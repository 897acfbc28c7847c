"""Sortable read-only tables whose number cells are links to the tasks behind them.

``LinkTableModel`` shows plain rows through ``LinkColumn``s; each column says its text, what a
header click sorts by (numbers as numbers, names by their Vietnamese rank, "—" before 0) and,
for a number, the ``Link`` to its tasks. ``make_link_table`` puts it behind a
QSortFilterProxyModel sorting on ``SORT_ROLE`` and turns a click on a link cell into
``on_link(link)``; a zero is not a link (nothing to list).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from views.task_selection import Link

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 21
LINK_ROLE = Qt.ItemDataRole.UserRole + 22
LINK_BLUE = QColor("#0b57d0")
ZERO_GREY = QColor("#adb5bd")  # a column of zeros recedes; the numbers that matter stand out


@dataclass(frozen=True)
class LinkColumn(Generic[R]):
    title: str
    text: Callable[[R], str]
    sort: Callable[[R], Any]
    link: Callable[[R], Link | None] | None = None
    header_tip: str = ""
    numeric: bool = True
    foreground: Callable[[R], QColor | None] | None = None
    tooltip: Callable[[R], str] | None = None
    italic: Callable[[R], bool] | None = None


class LinkTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[LinkColumn[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def link_at(self, row: int, column: int) -> Link | None:
        if not (0 <= row < len(self._rows) and 0 <= column < len(self.columns)):
            return None
        col = self.columns[column]
        if col.link is None:
            return None
        link = col.link(self._rows[row])
        return link if link is not None and link.count > 0 else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == SORT_ROLE:
            return col.sort(row)
        if role == LINK_ROLE:
            return self.link_at(index.row(), index.column()) is not None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = Qt.AlignmentFlag.AlignRight if col.numeric else Qt.AlignmentFlag.AlignLeft
            return int(align | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            color = col.foreground(row) if col.foreground is not None else None
            if color is None and self.link_at(index.row(), index.column()) is not None:
                color = LINK_BLUE
            if color is None and col.numeric and col.text(row) == "0":
                color = ZERO_GREY
            return color
        if role == Qt.ItemDataRole.FontRole:
            link = self.link_at(index.row(), index.column()) is not None
            italic = col.italic(row) if col.italic is not None else False
            if link or italic:
                font = QFont()
                font.setUnderline(link)
                font.setItalic(italic)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.tooltip is not None:
                return col.tooltip(row)
            if self.link_at(index.row(), index.column()) is not None:
                return "Bấm để xem các nhiệm vụ này trong danh sách nhiệm vụ"
            return col.text(row) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        col = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.header_tip or col.title.replace("\n", " ")
        return None


class LinkTable(QTableView):
    """The view: sorts through its proxy, a pointing hand over a link, a click (or Enter) on one
    calls ``on_link``."""

    def __init__(
        self,
        model: LinkTableModel[Any],
        on_link: Callable[[Link], None],
        widths: Sequence[int] = (),
        stretch: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self._on_link = on_link
        # the look of views.table_view.make_table
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setModel(self.proxy)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(36)
        header.setStretchLastSection(stretch is None)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate(widths):
            if width:
                self.setColumnWidth(col, width)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a click
        self.setSortingEnabled(True)
        self.setMouseTracking(True)
        self.clicked.connect(self._clicked)
        self.activated.connect(self._clicked)
        self.viewport().installEventFilter(self)

    def link_at(self, index: QModelIndex) -> Link | None:
        src = self.proxy.mapToSource(index)
        return self.source.link_at(src.row(), src.column())

    def view_index(self, row: int, column: int) -> QModelIndex:
        """The view's index of the source model's (row, column)."""
        return self.proxy.mapFromSource(self.source.index(row, column))

    def _clicked(self, index: QModelIndex) -> None:
        link = self.link_at(index)
        if link is not None:
            self._on_link(link)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.MouseMove:
            assert isinstance(event, QMouseEvent)
            over = self.indexAt(event.position().toPoint())
            linked = over.isValid() and self.link_at(over) is not None
            shape = Qt.CursorShape.PointingHandCursor if linked else Qt.CursorShape.ArrowCursor
            self.viewport().setCursor(shape)
        return super().eventFilter(watched, event)
