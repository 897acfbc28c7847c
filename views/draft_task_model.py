"""The review screen's table of draft tasks: one row per ``ReviewTask``, in the letter's order.

The officer types in the group, content, deadline and product cells; the agencies are chosen
with the pickers under the table. The «Hiểu là» and «Lưu ý» columns are worked out again after
every edit, so an unsure deadline or an unknown agency shows as unsure until it is fixed. The
row's number is red too: «Lưu ý» is the last column, out of sight on a laptop screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.directive_text.review import ReviewTask
from models.deadline_text import understood_as
from models.directive_text.deadline_phrases import UNSURE

Index = QModelIndex | QPersistentModelIndex
UNSURE_BRUSH = QBrush(QColor("#fde2e1"))
UNSURE_TEXT = QBrush(QColor("#a4161a"))

HEADERS = ("STT", "Nhóm", "Nội dung", "Chủ trì", "Phối hợp", "Thời hạn", "Hiểu là", "Sản phẩm", "Lưu ý")
COL_SEQ, COL_GROUP, COL_CONTENT, COL_LEAD, COL_COOP, COL_DEADLINE, COL_MEANING, COL_PRODUCT, COL_NOTES = (
    range(9)
)
EDITABLE = {COL_GROUP: "group", COL_CONTENT: "content", COL_DEADLINE: "deadline_text", COL_PRODUCT: "product"}


class DraftTaskModel(QAbstractTableModel):
    def __init__(self, tasks: list[ReviewTask], reference: Callable[[], date | None]) -> None:
        super().__init__()
        self.tasks = tasks
        self._reference = reference  # the issuing date the header says now (a year for "30/6")

    def set_tasks(self, tasks: list[ReviewTask]) -> None:
        self.beginResetModel()
        self.tasks = tasks
        self.endResetModel()

    def refresh(self) -> None:
        """The header's date or a task's agencies changed: every computed cell may differ."""
        if self.tasks:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.tasks) - 1, len(HEADERS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tasks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def meaning(self, task: ReviewTask) -> tuple[str, bool]:
        if not task.deadline_text.strip():
            return UNSURE, False
        text, ok = understood_as(task.deadline_text, self._reference())
        return (text, True) if ok else (UNSURE, False)

    def notes(self, task: ReviewTask) -> list[str]:
        return task.unsure(self.meaning(task)[1])

    def _text(self, row: int, col: int) -> str:
        t = self.tasks[row]
        if col == COL_SEQ:
            return str(row + 1)
        if col == COL_LEAD:
            return "; ".join(n.display + ("" if n.ref else " (?)") for n in t.lead)
        if col == COL_COOP:
            return "; ".join(n.display + ("" if n.ref else " (?)") for n in t.cooperating)
        if col == COL_MEANING:
            return self.meaning(t)[0]
        if col == COL_NOTES:
            return "; ".join(self.notes(t))
        return str(getattr(t, EDITABLE[col]))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        t = self.tasks[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_SEQ:  # the row's mark: why it is red, without scrolling to «Lưu ý»
                notes = self.notes(t)
                return "Cần xem lại: " + "; ".join(notes) if notes else None
            return self._text(row, col) or None  # narrow cells: the whole text on hover
        unsure = (
            (col == COL_SEQ and bool(self.notes(t)))
            or (col == COL_MEANING and not self.meaning(t)[1])
            or (col == COL_NOTES and bool(self.notes(t)))
            or (col in (COL_LEAD, COL_COOP) and bool(t.unresolved))
            or (col == COL_LEAD and not t.lead)
        )
        if role == Qt.ItemDataRole.BackgroundRole and unsure:
            return UNSURE_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and unsure:
            return UNSURE_TEXT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() in EDITABLE else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        text = str(value).strip()
        if index.column() == COL_CONTENT and not text:
            return False  # a task keeps some content; «Xóa» removes a task
        setattr(self.tasks[index.row()], EDITABLE[index.column()], text)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        return True
