"""Choose one or more agencies or groups: a list of chosen names and a search box to add more."""

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
from models.textfold import fold
from views.fold_completer import FoldCompleter
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
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems([name for name, _ in entries])
        self.combo.setCurrentIndex(-1)
        line = self.combo.lineEdit()
        assert line is not None  # the combo is editable
        line.setPlaceholderText(placeholder)
        completer = FoldCompleter(self.combo)
        completer.set_entries(entries)
        self.combo.setCompleter(completer)
        line.returnPressed.connect(self.add_current)
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
        if self.add_name(self.combo.currentText()):
            self.combo.setCurrentIndex(-1)
            self.combo.clearEditText()

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
