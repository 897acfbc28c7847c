""""Xuất Excel…": choose the file, export off the GUI thread, say where it went.

An export of 20,000 tasks takes seconds, so it runs on the operations runner's worker behind a
progress dialog that appears if it is slow; the window keeps painting. The file chooser is a
module function so tests can replace it. openpyxl and the export modules load on the first
export, not with the window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from views import messages
from views.background import BackgroundJob
from views.operations import runner

if TYPE_CHECKING:
    from app.export.service import ExportResult, ExportService
    from app.services.base import ServiceContext


def default_name(prefix: str, as_of: date) -> str:
    """"nhiem-vu-26-11-2026.xlsx": what and as of when, without characters a file name refuses."""
    return f"{prefix}-{as_of:%d-%m-%Y}.xlsx"


def ask_save_path(parent: QWidget | None, title: str, suggested: str) -> Path | None:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    start = str(folder / suggested)
    path, _ = QFileDialog.getSaveFileName(parent, title, start, "Bảng tính Excel (*.xlsx)")
    if not path:
        return None
    return Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")


def exporter(services: ServiceContext) -> ExportService:
    from app.export.service import ExportService  # openpyxl loads with the first export

    return ExportService(services)


def run_export(
    parent: QWidget,
    title: str,
    prefix: str,
    as_of: date,
    what: str,
    work: Callable[[Path], ExportResult],
) -> BackgroundJob | None:
    """Ask for the file, then run ``work(path)`` in the background; None if the user cancelled."""
    path = ask_save_path(parent, title, default_name(prefix, as_of))
    if path is None:
        return None

    def done(result: ExportResult) -> None:
        messages.show_info(parent, result.message(what))

    return runner().run(parent, "Đang xuất tệp Excel…", lambda: work(path), done)
