"""Choosing files and folders in a dialog that speaks Vietnamese.

On Windows and macOS the system's own dialog is used: it speaks the language of the operating
system, which is what an office computer's users know. Elsewhere (Linux desktops) the native
dialog is whatever the desktop provides, so Qt's own dialog is used: its words come from
views.qt_vietnamese, and its size and date columns, which Qt formats with the *system* locale
(English on most Linux installs), are rewritten here in Vietnamese (``24/11/2026 09:05``,
``4,9 KB``).

Call sites use these four functions, never QFileDialog's static ones; tests replace them here.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QIdentityProxyModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QSplitter, QTreeView, QWidget

from views.qt_vietnamese import VIETNAM

NATIVE = sys.platform in ("win32", "darwin")

SIZE_COLUMN = 1
TYPE_COLUMN = 2
DATE_COLUMN = 3
DIALOG_SIZE = (940, 560)
SIDEBAR_WIDTH = 140


class VietnameseFileColumns(QIdentityProxyModel):
    """The file system model as it is, with sizes and modification times in Vietnamese."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (SIZE_COLUMN, DATE_COLUMN):
            source = self.sourceModel()
            if isinstance(source, QFileSystemModel):
                at = self.mapToSource(index)
                if index.column() == DATE_COLUMN:
                    return source.lastModified(at).toString("dd/MM/yyyy HH:mm")
                if source.isDir(at):
                    return ""
                return VIETNAM.formattedDataSize(
                    source.size(at), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
                )
        return super().data(index, role)


def make_dialog(parent: QWidget | None, caption: str, directory: str = "", filters: str = "") -> QFileDialog:
    """Qt's own (non-native) file dialog, with the Vietnamese columns; not shown yet."""
    dialog = QFileDialog(parent, caption, directory, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setProxyModel(VietnameseFileColumns(dialog))
    _roomy(dialog)
    return dialog


def _roomy(dialog: QFileDialog) -> None:
    """Qt's default (about 620 px) cut «Ngày sửa» to «26/11/… 17:07», «Loại» to «Kho…zip» and
    «Máy tính» in the side bar: at least DIALOG_SIZE (within the screen) and columns wide enough
    for a date and a size; wider ones a user left (Qt remembers them) are kept."""
    screen = dialog.screen().availableGeometry() if dialog.screen() is not None else None
    width, height = DIALOG_SIZE
    if screen is not None:
        width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
    dialog.resize(max(dialog.width(), width), max(dialog.height(), height))
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        header = tree.header()
        metrics = tree.fontMetrics()
        least = {
            0: 320,
            SIZE_COLUMN: metrics.horizontalAdvance("1 023,9 KB") + 24,
            TYPE_COLUMN: 120,
            DATE_COLUMN: metrics.horizontalAdvance("30/12/2026 23:59") + 24,
        }
        for col, at_least in least.items():
            if header.sectionSize(col) < at_least:
                header.resizeSection(col, at_least)
        header.setStretchLastSection(True)  # no blank strip right of «Ngày sửa»
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None and splitter.count() == 2 and splitter.sizes()[0] < SIDEBAR_WIDTH:
        total = sum(splitter.sizes())
        splitter.setSizes([SIDEBAR_WIDTH, max(total - SIDEBAR_WIDTH, 1)])


def _run(dialog: QFileDialog) -> list[str]:
    try:
        return dialog.selectedFiles() if dialog.exec() else []
    finally:
        dialog.deleteLater()


def open_file_name(parent: QWidget | None, caption: str, directory: str = "", filters: str = "") -> str:
    """One existing file, or "" when the user cancels."""
    if NATIVE:
        return QFileDialog.getOpenFileName(parent, caption, directory, filters)[0]
    dialog = make_dialog(parent, caption, directory, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    chosen = _run(dialog)
    return chosen[0] if chosen else ""


def open_file_names(
    parent: QWidget | None, caption: str, directory: str = "", filters: str = ""
) -> list[str]:
    """Existing files, possibly none."""
    if NATIVE:
        return QFileDialog.getOpenFileNames(parent, caption, directory, filters)[0]
    dialog = make_dialog(parent, caption, directory, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(dialog)


def save_file_name(parent: QWidget | None, caption: str, directory: str = "", filters: str = "") -> str:
    """Where to write a file (an existing one only after «ghi đè?» was answered), or ""."""
    if NATIVE:
        return QFileDialog.getSaveFileName(parent, caption, directory, filters)[0]
    dialog = make_dialog(parent, caption, directory, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    chosen = _run(dialog)
    return chosen[0] if chosen else ""


def existing_directory(parent: QWidget | None, caption: str, directory: str = "") -> str:
    """An existing folder, or ""."""
    if NATIVE:
        return QFileDialog.getExistingDirectory(parent, caption, directory)
    dialog = make_dialog(parent, caption, directory)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _run(dialog)
    return chosen[0] if chosen else ""
