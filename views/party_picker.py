"""Choose one or more agencies or groups: a list of chosen names and a search box to add more.

Enter in the search box adds what the user picked and nothing else: the suggestion highlighted
in the list, or typed text that names one agency (or matches exactly one suggestion). It never
reaches the dialog, so it can never press the dialog's Save button, and after adding the box is
empty: the combo's own Enter handling (which would select "its" row, refilling the box with the
first agency of the list) is kept out of the way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.dto import AgencyRow, GroupRow, PartyRef
from app.errors import ValidationError
from models.textfold import fold
from views.fold_completer import FoldCompleter, pick_from_combo
from views.form_errors import error_label

PARTY_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_SUFFIX = " (nhóm)"


class PartyPicker(QWidget):
    changed = Signal()

    def __init__(
        self,
        agencies: list[AgencyRow],
        groups: list[GroupRow],
        placeholder: str = "Gõ tên cơ quan hoặc nhóm cơ quan…",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choices: dict[str, PartyRef] = {}
        entries: list[tuple[str, list[str]]] = []
        for a in agencies:
            ref = PartyRef(a.name, agency_id=a.id)
            for key in [a.name, a.short_name, *a.aliases]:
                if key:
                    self._choices.setdefault(fold(key), ref)
            entries.append((a.name, [a.short_name, *a.aliases]))
        for g in groups:
            ref = PartyRef(g.name, group_id=g.id)
            self._choices.setdefault(fold(g.name), ref)
            self._choices.setdefault(fold(g.name + GROUP_SUFFIX), ref)
            entries.append((g.name + GROUP_SUFFIX, [g.name]))

        self.list = QListWidget()
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(84)
        self.combo = QComboBox()
        self.completer = FoldCompleter(self.combo)
        self.completer.set_entries(entries)
        self.line = pick_from_combo(self.combo, self.completer)
        self.combo.addItems([name for name, _ in entries])
        self.combo.setCurrentIndex(-1)
        self.line.setPlaceholderText(placeholder)
        self.line.entered.connect(self.add_current)
        # a suggestion clicked (or chosen with Enter) in the list is picked: add it at once
        self.completer.chosen.connect(self._suggestion_chosen)
        # so is a name chosen from the combo's own drop-down list
        self.combo.activated.connect(self._row_chosen)
        self.add_button = QPushButton("Thêm")
        self.add_button.clicked.connect(self.add_current)
        self.remove_button = QPushButton("Bỏ")
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = error_label()

        row = QHBoxLayout()
        row.addWidget(self.combo, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.list)
        box.addLayout(row)
        box.addWidget(self.error)

    def lookup(self, text: str) -> PartyRef | None:
        return self._choices.get(fold(text))

    def add_name(self, text: str) -> bool:
        """Add an agency or group by any of its names; False (with a message) if unknown."""
        self.error.setVisible(False)
        if not text.strip():
            return False
        ref = self.lookup(text)
        if ref is None:
            self.error.setText(f"Không có «{text.strip()}» trong danh mục cơ quan.")
            self.error.setVisible(True)
            return False
        self.add_party(ref)
        return True

    def add_party(self, ref: PartyRef) -> None:
        if any(p == ref for p in self.parties()):
            return
        item = QListWidgetItem(ref.name + (GROUP_SUFFIX if ref.is_group else ""))
        item.setData(PARTY_ROLE, ref)
        self.list.addItem(item)
        self.changed.emit()

    def add_current(self) -> None:
        """Enter or «Thêm»: add the typed name, or the one suggestion it matches; else say why
        and leave everything as it is."""
        highlighted = self.completer.highlighted_name()
        if highlighted is not None:  # moved to with the arrow keys: that, whatever the box says
            self._suggestion_chosen(highlighted)
            return
        text = self.combo.currentText().strip()
        self.error.setVisible(False)
        if not text:
            return
        if self.lookup(text) is None:
            matches = self.completer.matches(text)
            if len(matches) == 1:
                text = matches[0]
            elif matches:
                self.error.setText(
                    f"«{text}» khớp {len(matches)} cơ quan: chọn một tên trong danh sách gợi ý "
                    "(phím ↓ rồi Enter, hoặc bấm chuột)."
                )
                self.error.setVisible(True)
                self.completer.complete()
                return
        if self.add_name(text):
            self.clear_text()

    def _suggestion_chosen(self, name: str) -> None:
        if self.add_name(name):
            self.clear_text()

    def _row_chosen(self, row: int) -> None:
        if row >= 0 and self.add_name(self.combo.itemText(row)):
            self.clear_text()

    def pending_text(self) -> str:
        """Text typed in the search box and not (yet) added."""
        return self.combo.currentText().strip()

    def refuse_pending(self, field: str) -> None:
        """Before saving: a name typed but not added would otherwise be dropped without a word
        (the user may believe it chosen). Raises ``ValidationError`` for ``field``."""
        text = self.pending_text()
        if text:
            raise ValidationError(
                f"«{text}» chưa được thêm: bấm Enter hoặc «Thêm» để thêm, hoặc xóa chữ trong ô.", field
            )

    def clear_text(self) -> None:
        self.completer.hide_popup()
        self.combo.setCurrentIndex(-1)
        self.combo.clearEditText()
        self.completer.setCompletionPrefix("")

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.changed.emit()

    def set_parties(self, parties: list[PartyRef]) -> None:
        self.list.clear()
        for p in parties:
            self.add_party(p)

    def parties(self) -> list[PartyRef]:
        out: list[PartyRef] = []
        for n in range(self.list.count()):
            ref = self.list.item(n).data(PARTY_ROLE)
            if isinstance(ref, PartyRef):
                out.append(ref)
        return out
