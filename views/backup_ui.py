"""Backups in the window: Tệp → Sao lưu / Khôi phục… / Thư mục sao lưu…, the last good backup
in the status bar (a warning when there is none for a week), and the automatic ones (daily
while the window is open, and on close).

The work is app.services.backups and ``AppContext.restore``; this only asks, shows and
schedules. Automatic backups start with ``start_auto()`` (views.launch), so a window built
by a test never writes archives on its own.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow

from app.changes import Changes, Subject
from app.errors import UserError
from views import file_dialogs, messages
from views.background import BackgroundJob, run_in_background
from views.labels import APP_TITLE
from views.operations import runner

if TYPE_CHECKING:
    from app.services.backups import BackupStatus
    from views.needs import BackupNeeds

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 60 * 60 * 1000  # look once an hour whether the daily backup is due
WARN_STYLE = "color: #b00020; font-weight: bold;"
READ_ONLY_TITLE = "CHỈ XEM (dữ liệu bị hỏng)"


class BackupKeeper(QObject):
    def __init__(self, window: QMainWindow, ctx: BackupNeeds) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self.job: BackgroundJob | None = None
        self.auto = False
        self._closing_backup_done = False
        self.label = QLabel()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.backup_if_due)
        self.backup_action = QAction("&Sao lưu dữ liệu ngay", window)
        self.backup_action.triggered.connect(self.backup_now)
        self.restore_action = QAction("&Khôi phục từ bản sao lưu…", window)
        self.restore_action.triggered.connect(self.restore)
        self.folder_action = QAction("Chọn thư &mục sao lưu…", window)
        self.folder_action.triggered.connect(self.choose_folder)
        self.refresh_label()

    # -- the status bar ----------------------------------------------------------------------
    def status(self) -> BackupStatus:
        return self._ctx.backups.status()

    def refresh_label(self) -> None:
        if self._ctx.read_only_notice:
            self.label.setText("CHỈ XEM: dữ liệu bị hỏng, hãy khôi phục (Tệp → Khôi phục…)")
            self.label.setStyleSheet(WARN_STYLE)
            self.label.setToolTip(messages.brief(self._ctx.read_only_notice)[0])  # not 300 lines
            return
        status = self.status()
        where = status.place.describe()
        if status.last is None:
            self.label.setText("Chưa có bản sao lưu nào (Tệp → Sao lưu dữ liệu ngay)")
        else:
            self.label.setText(f"Sao lưu gần nhất: {status.last:%d/%m/%Y %H:%M}")
        overdue = status.overdue(datetime.now())
        if overdue and status.last is not None:
            self.label.setText(f"Đã hơn 7 ngày chưa sao lưu (lần cuối {status.last:%d/%m/%Y})")
        self.label.setStyleSheet(WARN_STYLE if overdue else "")
        self.label.setToolTip(f"Thư mục sao lưu: {where}")

    # -- backing up --------------------------------------------------------------------------
    def backup_now(self, quiet: bool = False) -> BackgroundJob:
        """Make an archive off the GUI thread; ``quiet`` (automatic ones): no box on success."""

        def done(made: Any) -> None:
            self.refresh_label()
            text = f"Đã sao lưu và kiểm tra ({made.manifest.summary()}) vào:\n{made.path}"
            if made.warning():
                messages.show_error(self._window, f"{text}\n\n{made.warning()}")
            elif not quiet:
                messages.show_info(self._window, text)

        def failed(err: UserError) -> None:
            self.refresh_label()
            messages.show_error(self._window, str(err))

        self.job = run_in_background(
            self._window, "Đang sao lưu dữ liệu…", self._ctx.backups.backup_now, done, on_error=failed
        )
        return self.job

    def start_auto(self) -> None:
        """Daily while the window is open (checked hourly, and now), and once more on close."""
        self.auto = True
        self.timer.start()
        QTimer.singleShot(0, self, self.backup_if_due)

    def backup_if_due(self) -> BackgroundJob | None:
        if self._ctx.read_only_notice or (self.job is not None and not self.job.settled):
            return None
        if not self.status().due(datetime.now()):
            return None
        return self.backup_now(quiet=True)

    def on_close(self, event: QCloseEvent) -> bool:
        """True when the window may close now; else a backup runs first and closes it after."""
        if not self.auto or self._closing_backup_done or self._ctx.read_only_notice:
            return True
        self._closing_backup_done = True
        event.ignore()
        job = self.backup_now(quiet=True)
        job.finished.connect(lambda _ok: self._window.close())
        return False

    # -- restoring ---------------------------------------------------------------------------
    def restore(self) -> BackgroundJob | None:
        from app.backup import from_other_database, read_manifest

        status = self.status()
        start = str(status.place.folder) if status.place.folder.is_dir() else ""
        chosen = file_dialogs.open_file_name(
            self._window, "Chọn bản sao lưu để khôi phục", start, "Bản sao lưu (*.zip)"
        )
        if not chosen:
            return None
        archive = Path(chosen)
        try:
            manifest = read_manifest(archive)
        except UserError as exc:
            messages.show_error(self._window, str(exc))
            return None
        lacks = (
            f"\n\nChú ý: bản này thiếu {len(manifest.missing)} tệp minh chứng." if manifest.missing else ""
        )
        other = from_other_database(manifest, self._ctx.db_path)
        if other:
            lacks += f"\n\nChú ý: {other}"
        question = (
            f"Khôi phục bản sao lưu {archive.name}\n{manifest.summary()}.{lacks}\n\n"
            "Dữ liệu hiện tại sẽ được sao lưu trước, rồi cơ sở dữ liệu và tệp minh chứng được thay "
            "bằng nội dung của bản này và kiểm tra lại. Tiếp tục?"
        )
        if not messages.confirm(self._window, question, "Khôi phục", "Không"):
            return None

        def done(result: Any) -> None:
            self.refresh_label()
            self._window.setWindowTitle(APP_TITLE)  # no longer «CHỈ XEM»
            runner().publish(Changes.of(*Subject, all_tasks=True))
            kept = (
                f"\nDữ liệu trước khi khôi phục được giữ tại:\n{result.safety_copy}"
                if result.safety_copy
                else ""
            )
            notes = "".join(f"\n\n{note}" for note in result.notes)
            messages.show_info(
                self._window, f"Đã khôi phục và kiểm tra: {result.manifest.summary()}.{kept}{notes}"
            )

        self.job = run_in_background(
            self._window, "Đang khôi phục dữ liệu…", lambda: self._ctx.restore(archive), done
        )
        return self.job

    def choose_folder(self) -> None:
        status = self.status()
        chosen = file_dialogs.existing_directory(
            self._window, "Chọn thư mục đặt bản sao lưu (nên ở ổ đĩa khác hoặc USB)", str(status.place.folder)
        )
        if not chosen:
            return
        runner().run_modal(self._window, lambda: self._ctx.backups.set_folder(Path(chosen)))
        self.refresh_label()
