"""A completer that ignores case and Vietnamese diacritics: "so tai chinh" finds "Sở Tài chính"."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter

from models.textfold import fold

FOLD_ROLE = Qt.ItemDataRole.UserRole + 40


class FoldCompleter(QCompleter):
    """Matches anywhere in the folded name or in any of the folded aliases given."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setCompletionRole(FOLD_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)

    def set_entries(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        """``(shown name, other names)`` pairs; all of them are searched, the name is inserted."""
        self._model.clear()
        for name, others in entries:
            item = QStandardItem(name)
            item.setData(" | ".join(fold(x) for x in [name, *others]), FOLD_ROLE)
            item.setEditable(False)
            self._model.appendRow(item)

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        return text if isinstance(text, str) else ""
