"""A sorting layer for tables whose model is not ours to reorder (Qt's QStandardItemModel in the
import preview): a header click sorts the view, the model keeps its rows where they are.

That matters where a row number means something: the import preview's row N is the appendix's
task N, and an edited cell is written back by its source row (``QStandardItem.row()``), which the
proxy never changes. Text sorts in Vietnamese order, numbers as numbers, dd/mm/yyyy as dates
(views.rows_model.cell_sort_key, the same rule as every other table).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QTableWidgetItem

from views.rows_model import cell_sort_key


class VietnameseSortProxy(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Qt.ItemDataRole.DisplayRole)

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        a = cell_sort_key(str(left.data(Qt.ItemDataRole.DisplayRole) or ""))
        b = cell_sort_key(str(right.data(Qt.ItemDataRole.DisplayRole) or ""))
        return a < b


class VietnameseItem(QTableWidgetItem):
    """A QTableWidget cell that sorts by the same rule (a plain item compares code points: "Đ"
    after "Z", 10/4/2026 before 9/4/2026)."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return cell_sort_key(self.text()) < cell_sort_key(other.text())
