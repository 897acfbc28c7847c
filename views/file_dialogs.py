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
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QWidget

from views.qt_vietnamese import VIETNAM

NATIVE = sys.platform in ("win32", "darwin")

SIZE_COLUMN = 1
DATE_COLUMN = 3


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
    return dialog


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
