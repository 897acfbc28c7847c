"""Open an evidence file: verify its SHA-256, export a copy with its own name, hand it to the OS."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from views import messages
from views.background import BackgroundJob, run_in_background
from views.needs import EvidenceNeeds


@cache
def export_folder() -> Path:
    """One private temporary folder per run for the copies handed to other programs."""
    return Path(tempfile.mkdtemp(prefix="bcd-minh-chung-"))


def open_evidence(ctx: EvidenceNeeds, evidence_id: int, parent: QWidget | None = None) -> BackgroundJob:
    def work() -> Path:
        # checks the stored copy first: missing or changed (SHA-256), EvidenceCorrupt names the
        # file and its report and nothing is opened
        return ctx.reports.export_evidence(evidence_id, export_folder())

    return _open_exported(parent, "Đang kiểm tra tệp minh chứng…", work)


def open_directive_original(
    ctx: EvidenceNeeds, directive_id: int, parent: QWidget | None = None
) -> BackgroundJob:
    return _open_exported(
        parent,
        "Đang kiểm tra tệp văn bản gốc…",
        lambda: ctx.directives.export_original(directive_id, export_folder()),
    )


def _open_exported(parent: QWidget | None, label: str, work: Any) -> BackgroundJob:
    """Export (checking SHA-256) off the GUI thread, then hand the copy to the OS."""

    def opened(path: Any) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            messages.show_error(
                parent, f"Không mở được tệp {Path(path).name}: chưa có chương trình để mở loại tệp này."
            )

    return run_in_background(parent, label, work, on_success=opened)
