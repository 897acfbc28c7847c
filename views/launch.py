"""Start the window: the application object, the database, demo data on first run, the crash net."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from app.context import AppContext
from app.demo import build_demo
from app.errors import PasswordNeeded, UserError
from views import messages
from views.background import run_in_background, wait_all
from views.gc_guard import collect_on_gui_thread
from views.labels import APP_TITLE
from views.qt_vietnamese import install_vietnamese

log = logging.getLogger(__name__)

ORGANIZATION = "BanChiDao"
APPLICATION = "ThuKy"


def install_excepthook() -> None:
    """An exception escaping a slot is logged and shown as a Vietnamese message, never a traceback."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        if isinstance(exc, UserError):
            messages.show_error(QApplication.activeWindow(), str(exc))
            return
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        try:
            messages.show_error(QApplication.activeWindow(), messages.GENERIC_ERROR)
        except Exception:  # never let the hook itself fail
            log.exception("could not show the error dialog")

    sys.excepthook = hook


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_TITLE)
    install_vietnamese(app)  # Qt's own OK/Hủy, file dialog, menus; Vietnamese QLocale
    app.setStyle("Fusion")
    collect_on_gui_thread(app)
    return app


def open_signed_in(db: Path | str) -> AppContext | None:
    """Open the database; a shared one asks for the officer's PostgreSQL password when the
    server wants one (three tries). None when the user gave up or it cannot be opened."""
    password: str | None = None
    for _ in range(3):
        try:
            return AppContext(db, password=password).open(refresh_progress=False)
        except PasswordNeeded as exc:
            typed, ok = QInputDialog.getText(
                None, "Đăng nhập cơ sở dữ liệu dùng chung", f"{exc}\nMật khẩu:", QLineEdit.EchoMode.Password
            )
            if not ok:
                return None
            password = typed
        except UserError as exc:  # AlreadyRunning, DatabaseTooNew, unreadable file…
            messages.show_error(None, str(exc))
            return None
    messages.show_error(None, "Đăng nhập không thành công sau ba lần thử.")
    return None


def run(db_path: Path | str) -> int:
    app = make_application()
    install_excepthook()
    is_new = isinstance(db_path, Path) and not db_path.exists()
    found = open_signed_in(db_path)
    if found is None:
        return 1
    ctx = found
    try:
        windows: list[Any] = []

        def show_window(_result: Any = None) -> None:
            from views.main_window import MainWindow

            window = MainWindow(ctx)
            windows.append(window)
            window.show()
            app.setQuitOnLastWindowClosed(True)
            # letters a killed program left registered but not yet saved; deadlines re-read
            if ctx.startup_notes:
                messages.show_info(window, "\n\n".join(ctx.startup_notes))
            if ctx.read_only_notice:  # a damaged database: said once, and in the status bar
                messages.show_error(window, ctx.read_only_notice)
            else:
                window.backups.start_auto()  # daily, and on close

        if ctx.read_only_notice:
            show_window()
        elif is_new and not ctx.directives.list_directives(with_counts=False):
            # The progress dialog (or an error box) may be the only window for a while;
            # closing it must not end the program before the main window appears.
            app.setQuitOnLastWindowClosed(False)
            job = run_in_background(
                None, "Đang tạo dữ liệu mẫu cho lần chạy đầu tiên…", lambda: build_demo(ctx), show_window
            )
            job.finished.connect(lambda ok: None if ok else show_window())
        elif ctx.tasks.progress_outdated():
            # a new version reads deadlines and computes statuses differently: once, visibly

            def refreshed(result: Any) -> None:
                note = getattr(result, "value", None)  # what the deadline re-read changed
                if note:
                    ctx.startup_notes.append(note)
                show_window()

            app.setQuitOnLastWindowClosed(False)
            job = run_in_background(
                None,
                "Đang đọc lại thời hạn và cập nhật trạng thái các nhiệm vụ…",
                ctx.tasks.refresh_progress,
                refreshed,
            )
            job.finished.connect(lambda ok: None if ok else show_window())
        else:
            show_window()
        code = app.exec()
        wait_all()
        return int(code)
    finally:
        ctx.close()


def main(argv: Sequence[str] | None = None) -> int:
    """The composition root: the command line of app/, with this window for "no command".

    The frozen program starts here (views/__main__.py); ``python -m app`` reaches ``run``
    through the ``bcd_thuky.gui`` entry point instead, so that app/ never names views/.
    """
    from app.cli import main as cli_main

    return cli_main(argv, open_window=run)
