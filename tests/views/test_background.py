"""The background wrapper: results and progress come back on the GUI thread, errors as messages."""

from __future__ import annotations

import logging
import threading
from collections.abc import Generator, Iterator

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from app.errors import UserError, ValidationError
from tests.views.conftest import Shown, wait_job
from views import background
from views.messages import GENERIC_ERROR


def test_generator_progress_and_result(qtbot: QtBot, shown: Shown) -> None:
    seen: list[tuple[int, int]] = []
    results: list[object] = []
    threads: list[bool] = []
    listening = threading.Event()

    def work() -> Generator[tuple[int, int], None, str]:
        threads.append(threading.current_thread() is threading.main_thread())
        # a signal emitted before the test connects to it reaches no one: wait for the connection
        assert listening.wait(5)
        for n in range(1, 4):
            yield n, 3
        return "xong"

    def done(result: object) -> None:
        results.append(result)
        threads.append(QThread.currentThread() is qtbot_app_thread())

    job = background.run_in_background(None, "Đang làm…", work, done)
    job.progress.connect(lambda d, t: seen.append((d, t)))
    listening.set()
    wait_job(qtbot, job)
    assert results == ["xong"] and job.result == "xong"
    assert threads == [False, True]  # worked off the GUI thread, answered on it
    assert seen == [(1, 3), (2, 3), (3, 3)]  # every step, in order, before the result
    assert not shown.errors


def qtbot_app_thread() -> QThread:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    return app.thread()


def test_user_error_is_shown_as_its_message(qtbot: QtBot, shown: Shown) -> None:
    def work() -> None:
        raise UserError("Không tìm thấy tệp X.")

    job = background.run_in_background(None, "Đang làm…", work)
    wait_job(qtbot, job)
    assert shown.errors == ["Không tìm thấy tệp X."]


def test_user_error_can_go_to_the_caller(qtbot: QtBot, shown: Shown) -> None:
    got: list[UserError] = []

    def work() -> None:
        raise ValidationError("Sai kỳ.", "period")

    job = background.run_in_background(None, "Đang làm…", work, on_error=got.append)
    wait_job(qtbot, job)
    assert [str(e) for e in got] == ["Sai kỳ."] and not shown.errors


def test_unexpected_error_is_logged_and_generic(
    qtbot: QtBot, shown: Shown, caplog: pytest.LogCaptureFixture
) -> None:
    def work() -> None:
        raise ZeroDivisionError("boom")

    with caplog.at_level(logging.ERROR):
        job = background.run_in_background(None, "Đang làm…", work)
        wait_job(qtbot, job)
    assert shown.errors == [GENERIC_ERROR]
    assert "ZeroDivisionError" in caplog.text


def test_progress_dialog_only_for_slow_jobs(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background, "SHOW_AFTER_MS", 50)
    release = threading.Event()

    def slow() -> Iterator[tuple[int, int]]:
        yield 1, 2
        release.wait(5)
        yield 2, 2

    job = background.run_in_background(None, "Đang tạo dữ liệu mẫu…", slow)
    qtbot.waitUntil(lambda: job._dialog is not None and job._dialog.isVisible(), timeout=3000)
    assert job._dialog is not None and job._dialog.maximum() == 2
    release.set()
    wait_job(qtbot, job)
    assert job._dialog is None

    fast = background.run_in_background(None, "Nhanh", lambda: 1)
    wait_job(qtbot, fast)
    assert fast._dialog is None
