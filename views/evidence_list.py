"""A list of evidence files to attach: drop files from the file manager, or pick them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from views import file_dialogs

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and Path(u.toLocalFile()).is_file()]


class DropFileList(QListWidget):
    """Accepts files dropped from the operating system."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QListWidget.DragDropMode.DropOnly)
        self.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event)
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            event.ignore()


class EvidencePicker(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._files: list[Path] = []
        self.list = DropFileList()
        self.list.setToolTip("Kéo thả tệp minh chứng vào đây, hoặc bấm «Chọn tệp…»")
        self.list.setMinimumHeight(70)
        self.list.files_dropped.connect(self.add_files)
        choose = QPushButton("Chọn tệp…")
        choose.clicked.connect(self.choose_files)
        remove = QPushButton("Bỏ")
        remove.clicked.connect(self.remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        hint = QLabel("Kéo thả tệp vào ô trên, hoặc bấm «Chọn tệp…».")
        hint.setStyleSheet("color: #6c757d;")
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(hint)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(buttons)

    def files(self) -> list[Path]:
        return list(self._files)

    def add_files(self, files: list[Path]) -> None:
        for f in files:
            if f not in self._files:
                self._files.append(f)
                self.list.addItem(f.name)
                self.list.item(self.list.count() - 1).setToolTip(str(f))

    def remove_selected(self) -> None:
        rows = sorted((self.list.row(i) for i in self.list.selectedItems()), reverse=True)
        for row in rows:
            self.list.takeItem(row)
            del self._files[row]

    def choose_files(self) -> None:
        names = file_dialogs.open_file_names(self, "Chọn tệp minh chứng", "", "Mọi tệp (*)")
        self.add_files([Path(n) for n in names])
