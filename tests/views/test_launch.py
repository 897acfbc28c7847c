"""Start-up: a locked database, the first run with demo data, the crash net."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.dto import TaskFilter
from tests.views.conftest import Shown
from views import launch
from views.main_window import MainWindow
from views.messages import GENERIC_ERROR


def test_database_in_use_shows_the_message_and_returns_1(tmp_path: Path, shown: Shown) -> None:
    db = tmp_path / "dang-mo.sqlite"
    holder = AppContext(db, today=lambda: date(2026, 11, 24)).open()
    try:
        assert launch.run(db) == 1
    finally:
        holder.close()
    assert len(shown.errors) == 1 and shown.errors[0]


def test_first_run_builds_demo_data_then_shows_the_window(
    tmp_path: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own; undo afterwards
    db = tmp_path / "moi" / "banchidao.sqlite"
    seen: list[int] = []

    def close_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows:
            seen.append(windows[0].task_page.model.rowCount())
            windows[0].close()
        else:
            QTimer.singleShot(100, close_when_shown)

    QTimer.singleShot(100, close_when_shown)
    assert launch.run(db) == 0
    assert seen and seen[0] > 0
    assert not shown.errors
    with AppContext(db) as ctx:
        assert ctx.tasks.count(TaskFilter()) > 50


def test_excepthook_logs_and_shows_a_generic_message(
    shown: Shown, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    launch.install_excepthook()
    try:
        raise RuntimeError("lỗi nội bộ")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR):
            sys.excepthook(type(exc), exc, exc.__traceback__)
    assert shown.errors == [GENERIC_ERROR]
    assert "RuntimeError" in caplog.text
