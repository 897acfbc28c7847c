"""The task list as a lazily paged table model: pages of rows are fetched as the user scrolls."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from app.changes import Changes, Subject
from app.dto import TaskFilter, TaskRow, TaskSort, TaskSortKey
from app.errors import UserError
from app.services.task_query import position
from models.missed import list_cell, summary
from views.labels import capitalize, fmt_date, missing_text, status_label
from views.needs import HasTasks
from views.status_colors import status_background, status_foreground

PAGE_SIZE = 200
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def overdue_text(days: int | None) -> str:
    """``quá 179 ngày``; empty when the row is not overdue."""
    return f"quá {days} ngày" if days is not None else ""


COLUMNS: tuple[tuple[str, Callable[[TaskRow], str]], ...] = (
    ("Văn bản", lambda r: r.directive_number),
    ("Nhóm", lambda r: r.group_code),
    ("Nội dung nhiệm vụ", lambda r: r.content),
    ("Chủ trì", lambda r: r.lead),
    ("Phối hợp", lambda r: r.cooperating),
    ("Thời hạn", lambda r: r.deadline_text),
    ("Hạn tiếp theo", lambda r: list_cell(r.missed) if r.missed else fmt_date(r.next_due)),
    ("Trạng thái", lambda r: capitalize(status_label(r.status))),
    ("Quá hạn", lambda r: overdue_text(r.overdue_days)),
    ("06 rõ", lambda r: ""),  # an icon; the text is its tooltip
)
COL_CONTENT = 2
COL_NEXT_DUE = 6
COL_STATUS = 7
COL_OVERDUE = 8
COL_MISSING = 9

# What a click on each header sorts by; a column not named here keeps the current order.
SORT_KEYS: dict[int, TaskSortKey] = {
    0: TaskSortKey.DIRECTIVE,
    1: TaskSortKey.DIRECTIVE,  # groups are parts of a directive's plan, in its order
    COL_CONTENT: TaskSortKey.CONTENT,
    3: TaskSortKey.LEAD,
    5: TaskSortKey.DEADLINE,
    COL_NEXT_DUE: TaskSortKey.DEADLINE,
    COL_STATUS: TaskSortKey.STATUS,
    COL_OVERDUE: TaskSortKey.OVERDUE,
    COL_MISSING: TaskSortKey.CLARITY,
}

_MISSING_RED = "#b00020"
_CLEAR_TIP = "Đủ 06 rõ (rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền)"


def _clarity_icons() -> tuple[QIcon, QIcon]:
    """(clear, missing): the style's own check and warning glyphs, so they match the platform."""
    style = QApplication.style()
    return (
        style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
        style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
    )


class TaskTableModel(QAbstractTableModel):
    """Rows come from ``ctx.tasks.page_after`` (keyset pages) in the order of ``sort_by``, which
    the database applies; ``set_filter`` and ``sort`` start over."""

    loaded = Signal()  # after a reset or a fetched page
    failed = Signal(object)  # a page fetched while the view paints could not be read (UserError)

    def __init__(self, ctx: HasTasks, page_size: int = PAGE_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._page_size = page_size
        self._filter = TaskFilter()
        self._rows: list[TaskRow] = []
        self._exhausted = True
        self._sort = TaskSort()
        self._icons: tuple[QIcon, QIcon] | None = None

    @property
    def sort_by(self) -> TaskSort:
        return self._sort

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: reload from the first page in the new order (the database sorts).

        A column with no order of its own (-1 or "Phối hợp") returns to the plan's order."""
        key = SORT_KEYS.get(column, TaskSortKey.LIST)
        wanted = TaskSort(key, key is not TaskSortKey.LIST and order == Qt.SortOrder.DescendingOrder)
        if wanted == self._sort:
            return
        self._sort = wanted
        self.set_filter(self._filter)

    @property
    def task_filter(self) -> TaskFilter:
        return self._filter

    def set_filter(self, flt: TaskFilter) -> None:
        """Replace the filter and load the first page."""
        self.beginResetModel()
        self._filter = flt
        self._rows = []
        self._exhausted = False
        try:
            self._rows = self._next_page()
        except UserError:
            self._exhausted = True  # an empty list that asks no more (a damaged page stays unread)
            raise
        finally:
            self.endResetModel()
        self.loaded.emit()

    def refresh(self) -> None:
        """Reload with the same filter, keeping as many rows as were loaded (after an edit)."""
        wanted = max(len(self._rows), self._page_size)
        self.beginResetModel()
        try:
            self._rows = self._ctx.tasks.page_after(self._filter, None, wanted, self._sort)
            self._exhausted = len(self._rows) < wanted
        except UserError:
            self._rows, self._exhausted = [], True
            raise
        finally:
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
        fresh = {r.id: r for r in self._ctx.tasks.rows_in_filter(self._filter, ids, self._sort)}
        sort = self._sort

        def place(r: TaskRow) -> Any:
            return position(r.order, sort)

        last = place(self._rows[-1]) if self._rows else None
        # rows that left the filter, or whose place changed, go first (bottom up keeps positions)
        for n in reversed([n for n, r in enumerate(self._rows) if r.id in ids]):
            old = self._rows[n]
            new = fresh.get(old.id)
            if new is not None and new.order == old.order:
                self._rows[n] = new
                del fresh[old.id]
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))
                continue
            self.beginRemoveRows(QModelIndex(), n, n)
            del self._rows[n]
            self.endRemoveRows()
        # newly matching or moved rows: inserted where they sort, if that is within what is loaded
        for row in sorted(fresh.values(), key=place):
            k = place(row)
            if not self._exhausted and (last is None or k > last):
                continue  # a later page will bring it
            at = bisect_left(self._rows, k, key=place)
            self.beginInsertRows(QModelIndex(), at, at)
            self._rows.insert(at, row)
            self.endInsertRows()
        self.loaded.emit()

    def _next_page(self) -> list[TaskRow]:
        after = self._rows[-1].order if self._rows else None
        page = self._ctx.tasks.page_after(self._filter, after, self._page_size, self._sort)
        if len(page) < self._page_size:
            self._exhausted = True
        return page

    # -- lazy loading ----------------------------------------------------------------------
    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted:
            return
        try:
            page = self._next_page()
        except UserError as exc:  # called by the view while it paints: nowhere to raise to
            self._exhausted = True
            self.failed.emit(exc)
            return
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
            if col == COL_OVERDUE:
                return QColor(_MISSING_RED)
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == COL_MISSING:
            if self._icons is None:
                self._icons = _clarity_icons()
            return self._icons[1] if row.missing else self._icons[0]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_NEXT_DUE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_OVERDUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TASK_ID_ROLE:
            return row.id
        if role == STATUS_ROLE:
            return row.status
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return _HEADER_TIPS.get(section)
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
        if col == COL_MISSING:
            return missing_text(row.missing) if row.missing else _CLEAR_TIP
        if col == COL_OVERDUE and row.overdue_days is not None and row.next_due is not None:
            return (
                f"Quá hạn {row.overdue_days} ngày, tính từ hạn chưa hoàn thành đầu tiên "
                f"({fmt_date(row.next_due)})"
            )
        if col == COL_NEXT_DUE and row.missed is not None:
            return summary(row.missed)
        return COLUMNS[col][1](row)


_HEADER_TIPS = {
    COL_OVERDUE: "Số ngày quá hạn tính đến hôm nay, từ hạn (hoặc kỳ báo cáo) đầu tiên chưa hoàn thành",
    COL_MISSING: "Nhiệm vụ đã đủ «06 rõ» chưa: di chuột lên biểu tượng để xem tiêu chí còn thiếu",
}
