"""The task list as a lazily paged table model: pages of rows are fetched as the user scrolls."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.changes import Changes
from app.context import AppContext
from app.dto import TaskFilter, TaskRow
from views.labels import capitalize, fmt_date
from views.status_colors import status_background, status_foreground

PAGE_SIZE = 200
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

COLUMNS: tuple[tuple[str, Callable[[TaskRow], str]], ...] = (
    ("Văn bản", lambda r: r.directive_number),
    ("Nhóm", lambda r: r.group_code),
    ("Nội dung nhiệm vụ", lambda r: r.content),
    ("Chủ trì", lambda r: r.lead),
    ("Phối hợp", lambda r: r.cooperating),
    ("Thời hạn", lambda r: r.deadline_text),
    ("Hạn tiếp theo", lambda r: fmt_date(r.next_due)),
    ("Trạng thái", lambda r: capitalize(r.status)),
    ("06 rõ", lambda r: r.missing),
)
COL_CONTENT = 2
COL_NEXT_DUE = 6
COL_STATUS = 7
COL_MISSING = 8

_MISSING_RED = "#b00020"


class TaskTableModel(QAbstractTableModel):
    """Rows come from ``ctx.tasks.page``; ``set_filter`` starts over with the first page."""

    loaded = Signal()  # after a reset or a fetched page

    def __init__(self, ctx: AppContext, page_size: int = PAGE_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._page_size = page_size
        self._filter = TaskFilter()
        self._rows: list[TaskRow] = []
        self._exhausted = True

    @property
    def task_filter(self) -> TaskFilter:
        return self._filter

    def set_filter(self, flt: TaskFilter) -> None:
        """Replace the filter and load the first page."""
        self.beginResetModel()
        self._filter = flt
        self._rows = []
        self._exhausted = False
        self._rows = self._next_page()
        self.endResetModel()
        self.loaded.emit()

    def refresh(self) -> None:
        """Reload with the same filter, keeping as many rows as were loaded (after an edit)."""
        wanted = max(len(self._rows), self._page_size)
        self.beginResetModel()
        self._rows = self._ctx.tasks.page(self._filter, 0, wanted)
        self._exhausted = len(self._rows) < wanted
        self.endResetModel()
        self.loaded.emit()

    def apply_changes(self, changes: Changes) -> None:
        """Bring the loaded rows up to date after an operation."""
        if changes.tasks:
            self.refresh()

    def _next_page(self) -> list[TaskRow]:
        page = self._ctx.tasks.page(self._filter, len(self._rows), self._page_size)
        if len(page) < self._page_size:
            self._exhausted = True
        return page

    # -- lazy loading ----------------------------------------------------------------------
    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted:
            return
        page = self._next_page()
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self.loaded.emit()

    def fetch_all(self) -> None:
        while self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    # -- access ----------------------------------------------------------------------------
    def row_at(self, row: int) -> TaskRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_task(self, task_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == task_id), -1)

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Only handled roles return a value; for others a plain Python None is returned,
        # which never crosses back from Qt as an "empty" value (see the None refcount test).
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[col][1](row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_STATUS:
            return status_background(row.status)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_STATUS:
                return status_foreground(row.status)
            if col == COL_MISSING and row.missing:
                return QColor(_MISSING_RED)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_NEXT_DUE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == TASK_ID_ROLE:
            return row.id
        if role == STATUS_ROLE:
            return row.status
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    @staticmethod
    def _tooltip(row: TaskRow, col: int) -> str:
        if col == COL_CONTENT:
            lines = [row.content]
            if row.deadline_text:
                lines.append(f"Thời hạn: {row.deadline_text}")
            if row.missing:
                lines.append(row.missing)
            return "\n".join(lines)
        return COLUMNS[col][1](row)
