"""Fixtures for the window tests: isolated QSettings, recorded message boxes, a main window."""

from __future__ import annotations

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.context import AppContext
from views import background, messages
from views.main_window import MainWindow


@dataclass
class Shown:
    """Message boxes the code under test asked for; ``answer`` is what confirm() returns."""

    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answer: bool = True


@pytest.fixture(autouse=True)
def shown(monkeypatch: pytest.MonkeyPatch) -> Shown:
    """No real (modal) message box ever opens in a test; what would be shown is recorded."""
    record = Shown()

    def confirm(_parent: object, text: str, _yes: str = "", _no: str = "") -> bool:
        record.questions.append(text)
        return record.answer

    monkeypatch.setattr(messages, "show_error", lambda _p, text: record.errors.append(text))
    monkeypatch.setattr(messages, "show_info", lambda _p, text: record.infos.append(text))
    monkeypatch.setattr(messages, "confirm", confirm)
    return record


@pytest.fixture(autouse=True)
def _private_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings"))
    )


@pytest.fixture(autouse=True)
def _no_job_left_running(qapp: object) -> Iterator[None]:
    yield
    assert background.wait_all(10_000), "a background job did not finish"


@pytest.fixture(autouse=True, scope="session")
def _garbage_collected_on_the_gui_thread() -> Iterator[None]:
    """As in the program (views.gc_guard): a worker must never run the collector on Qt objects."""
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    if was_enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def _collect_between_tests() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, demo_ctx: AppContext, settings: QSettings) -> MainWindow:
    w = MainWindow(demo_ctx, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def wait_job(qtbot: QtBot, job: background.BackgroundJob | None, timeout: int = 10_000) -> None:
    assert job is not None
    qtbot.waitUntil(lambda: job.settled, timeout=timeout)
