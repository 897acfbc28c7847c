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


def test_outdated_status_cache_of_a_big_database_is_recomputed_before_the_window(
    tmp_path: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch, demo_template: Path
) -> None:
    import shutil
    import sqlite3

    from app import context as context_module
    from app.paths import evidence_dir_for
    from app.services import progress

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(context_module, "SYNC_REFRESH_LIMIT", 0)  # treat the demo as "big"
    db = tmp_path / "cu.sqlite"
    shutil.copyfile(demo_template, db)
    # with its evidence: the automatic backup on open and close would rightly warn without it
    shutil.copytree(evidence_dir_for(demo_template), evidence_dir_for(db))
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE setting SET value = 'old' WHERE key = ?", (progress.RULES_KEY,))
    seen: list[bool] = []

    def close_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows:
            with sqlite3.connect(db) as conn:
                row = conn.execute(
                    "SELECT value FROM setting WHERE key = ?", (progress.RULES_KEY,)
                ).fetchone()
            seen.append(row == (progress.RULES_VERSION,))
            windows[0].close()
        else:
            QTimer.singleShot(100, close_when_shown)

    QTimer.singleShot(100, close_when_shown)
    assert launch.run(db) == 0
    assert seen == [True]
    assert not shown.errors


def test_deadlines_read_again_behind_the_progress_dialog_are_said_when_the_window_opens(
    tmp_path: Path, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big database under old rules: the re-read runs in the background job, and its note is
    shown once the window is up (the small-database path is tests/services/test_deadline_reread.py)."""
    from app import context as context_module
    from tests.services.test_deadline_reread import _old_database

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(context_module, "SYNC_REFRESH_LIMIT", 0)  # treat it as big
    db, _ids = _old_database(tmp_path)
    shown_when_up: list[list[str]] = []

    def close_when_shown() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows:
            shown_when_up.append(list(shown.infos))
            windows[0].close()
        else:
            QTimer.singleShot(100, close_when_shown)

    QTimer.singleShot(100, close_when_shown)
    assert launch.run(db) == 0
    assert not shown.errors
    assert len(shown_when_up) == 1 and len(shown_when_up[0]) == 1
    assert "Đã đọc lại thời hạn theo quy tắc mới: 4 nhiệm vụ đổi cách hiểu" in shown_when_up[0][0]


def test_the_composition_root_runs_commands_and_opens_this_window(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from views import launch

    opened: list[Path] = []
    monkeypatch.setattr(launch, "run", lambda path: opened.append(path) or 0)
    assert launch.main(["--db", str(tmp_path / "a.sqlite")]) == 0
    assert opened == [tmp_path / "a.sqlite"]
    assert launch.main(["--db", str(tmp_path / "b.sqlite"), "demo"]) == 0
    assert "68 nhiệm vụ" in capsys.readouterr().out
