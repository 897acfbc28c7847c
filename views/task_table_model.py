"""The task list as a lazily paged table model: pages of rows are fetched as the user scrolls."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.changes import Changes, Subject
from app.dto import TaskFilter, TaskRow
from app.services.task_query import TaskKey
from models.missed import list_cell, summary
from views.labels import capitalize, fmt_date, missing_text, status_label
from views.needs import HasTasks
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
    ("Hạn tiếp theo", lambda r: list_cell(r.missed) if r.missed else fmt_date(r.next_due)),
    ("Trạng thái", lambda r: capitalize(status_label(r.status))),
    ("06 rõ", lambda r: missing_text(r.missing)),
)
COL_CONTENT = 2
COL_NEXT_DUE = 6
COL_STATUS = 7
COL_MISSING = 8

_MISSING_RED = "#b00020"


def key_of(row: TaskRow) -> TaskKey:
    return TaskKey(row.directive_id, row.seq, row.id)


class TaskTableModel(QAbstractTableModel):
    """Rows come from ``ctx.tasks.page_after`` (keyset pages); ``set_filter`` starts over."""

    loaded = Signal()  # after a reset or a fetched page

    def __init__(self, ctx: HasTasks, page_size: int = PAGE_SIZE, parent: QObject | None = None) -> None:
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
        self._rows = self._ctx.tasks.page_after(self._filter, None, wanted)
        self._exhausted = len(self._rows) < wanted
        self.endResetModel()
        self.loaded.emit()

    def apply_changes(self, changes: Changes) -> None:
        """Bring the list up to date after an operation, re-reading only the rows it names.

        Changes to directives, agencies or settings can move or relabel any row (a renumbered
        directive, a renamed agency, another "due soon" window), as can an import: those reload.
        Otherwise each named task is re-read through the filter: a row that no longer matches
        leaves, a changed row is replaced in place (or moved if its place in the order changed),
        and a task that now matches appears where it sorts within the loaded rows; one that sorts
        after them arrives with a later page.
        """
        if changes.all_tasks or changes.touches(Subject.DIRECTIVES, Subject.AGENCIES, Subject.SETTINGS):
            self.refresh()
            return
        if not changes.task_ids:
            return
        ids = changes.task_ids
        fresh = {r.id: r for r in self._ctx.tasks.rows_in_filter(self._filter, ids)}
        last = key_of(self._rows[-1]).sort_key() if self._rows else None
        # rows that left the filter, or whose place changed, go first (bottom up keeps positions)
        for n in reversed([n for n, r in enumerate(self._rows) if r.id in ids]):
            old = self._rows[n]
            new = fresh.get(old.id)
            if new is not None and key_of(new) == key_of(old):
                self._rows[n] = new
                del fresh[old.id]
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))
                continue
            self.beginRemoveRows(QModelIndex(), n, n)
            del self._rows[n]
            self.endRemoveRows()
        # newly matching or moved rows: inserted where they sort, if that is within what is loaded
        for row in sorted(fresh.values(), key=lambda r: key_of(r).sort_key()):
            k = key_of(row).sort_key()
            if not self._exhausted and (last is None or k > last):
                continue  # a later page will bring it
            at = bisect_left(self._rows, k, key=lambda r: key_of(r).sort_key())
            self.beginInsertRows(QModelIndex(), at, at)
            self._rows.insert(at, row)
            self.endInsertRows()
        self.loaded.emit()

    def _next_page(self) -> list[TaskRow]:
        after = key_of(self._rows[-1]) if self._rows else None
        page = self._ctx.tasks.page_after(self._filter, after, self._page_size)
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
                lines.append(missing_text(row.missing))
            return "\n".join(lines)
        if col == COL_NEXT_DUE and row.missed is not None:
            return summary(row.missed)
        return COLUMNS[col][1](row)
