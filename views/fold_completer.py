"""A completer that ignores case and Vietnamese diacritics: "so tai chinh" finds "Sở Tài chính"."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit

from models.textfold import fold

FOLD_ROLE = Qt.ItemDataRole.UserRole + 40


class FoldCompleter(QCompleter):
    """Matches anywhere in the folded name or in any of the folded aliases given."""

    #: a suggestion chosen with the mouse (or Tab): its shown name
    chosen = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # the stubs do not know the overloaded signal's [str] form
        self.activated[str].connect(self.chosen)  # type: ignore[index]
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

    def matches(self, text: str) -> list[str]:
        """The names this completer suggests for ``text`` (as its list would show them)."""
        self.setCompletionPrefix(text)
        model = self.completionModel()
        return [str(model.index(n, 0).data()) for n in range(model.rowCount())]

    def highlighted_name(self) -> str | None:
        """The suggestion the user moved to with the arrow keys, while the list is open."""
        popup = self.popup()
        if popup is None or not popup.isVisible() or not popup.currentIndex().isValid():
            return None
        index = popup.currentIndex()
        text = index.data(Qt.ItemDataRole.DisplayRole)
        return text if isinstance(text, str) else None

    def hide_popup(self) -> None:
        popup = self.popup()
        if popup is not None:
            popup.hide()

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        return text if isinstance(text, str) else ""


ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterLineEdit(QLineEdit):
    """A line edit that keeps Enter to itself: ``entered`` is emitted and the key is accepted,
    so neither the combo (which would pick a row) nor the dialog (default button) sees it.

    Both the combo and the completer's popup hand Enter to the line edit by calling its
    ``event()`` directly, past any event filter: overriding ``keyPressEvent`` catches both.
    The completer offers a key to its widget first and completes only if the widget ignored
    it, so on Enter the popup is still open and its highlighted row is the user's choice.
    """

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS:
            event.accept()
            self.entered.emit()
            return
        super().keyPressEvent(event)


def pick_from_combo(combo: QComboBox, completer: FoldCompleter) -> EnterLineEdit:
    """Make an editable ``combo`` search with ``completer`` and keep Enter to itself.

    The completer is set on the line edit, not on the combo: QComboBox would otherwise answer a
    chosen suggestion by selecting a row of its own list, which refills the box after it was
    emptied. Returns the line edit, whose ``entered`` signal is Enter.
    """
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    line = EnterLineEdit(combo)
    line.setCompleter(completer)  # before setLineEdit, which adds its own completer to a bare line
    combo.setLineEdit(line)
    return line
