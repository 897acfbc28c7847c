"""Every window fits a 1366×768 laptop less its taskbar, and remembers its size and splitters."""

from __future__ import annotations

import importlib
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from tests.conftest import SHARED
from tests.views.window_fit_probe import LAPTOP_AVAILABLE, WINDOWS
from views import geometry_memory
from views.geometry_memory import FRAME_ALLOWANCE, fit_rect, fit_size, remember_splitter, remember_window
from views.main_window import WINDOW_KEY, MainWindow

ROOT = Path(__file__).resolve().parents[2]
KH125 = SHARED / "fixtures" / "appendix" / "KH125-phu-luc.xlsx"
#: The smallest screen a window must fit: 1366×768 less a taskbar (and a little more).
LAPTOP_MINIMUM = QSize(1366, 720)


def _top_level_classes() -> set[str]:
    """Every QMainWindow / QDialog subclass defined in views/ (a new dialog cannot be forgotten)."""
    found: set[str] = set()
    for path in sorted((ROOT / "views").glob("*.py")):
        if path.stem == "__main__":  # importing it would start the program
            continue
        module = importlib.import_module(f"views.{path.stem}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            ours = cls.__module__ == module.__name__ and name != "SaveDialog"  # the base of the forms
            if ours and issubclass(cls, (QDialog, QMainWindow)):
                found.add(name)
    return found


def test_every_window_and_dialog_class_is_checked() -> None:
    assert _top_level_classes() == set(WINDOWS)


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_minimum_size_fits_a_laptop_screen(qtbot: QtBot, demo_ctx: AppContext, name: str) -> None:
    widget = WINDOWS[name](demo_ctx, None, KH125)
    qtbot.addWidget(widget)
    job = getattr(widget, "job", None)
    if job is not None:  # the import preview fills in (unknown agencies…) before it is measured
        qtbot.waitUntil(lambda: job.settled, timeout=20_000)
    needed = widget.minimumSizeHint().expandedTo(widget.minimumSize()) + FRAME_ALLOWANCE
    assert needed.width() <= LAPTOP_MINIMUM.width(), f"{name} needs {needed.width()} px wide"
    assert needed.height() <= LAPTOP_MINIMUM.height(), f"{name} needs {needed.height()} px high"


@pytest.mark.skipif(not KH125.exists(), reason="the shared KH125 appendix is not here")
def test_every_window_shown_on_a_1366x768_screen_fits_it(demo_template: Path, tmp_path: Path) -> None:
    """In a process of its own whose screen is a 1366×768 laptop (the taskbar taking 40 px)."""
    screen = tmp_path / "screen.json"
    screen.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]}),
        encoding="utf-8",
    )
    db = tmp_path / "demo.sqlite"
    db.write_bytes(demo_template.read_bytes())
    out = tmp_path / "seen.json"
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
    done = subprocess.run(
        [sys.executable, "-m", "tests.views.window_fit_probe", str(db), str(KH125), str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(out.read_text(encoding="utf-8"))
    assert seen.pop("screen") == [0, 0, 1366, 768]
    assert set(seen) == set(WINDOWS)
    for name, got in seen.items():
        frame = QRect(*got["frame"])
        assert LAPTOP_AVAILABLE.contains(frame), f"{name} at {got['frame']} leaves the screen"
        assert frame.width() >= 200 and frame.height() >= 100, name
    main = QRect(*seen["MainWindow"]["frame"])  # as big as the laptop allows (it wants 1400×880)
    assert main.width() >= LAPTOP_AVAILABLE.width() - 40 and main.height() >= LAPTOP_AVAILABLE.height() - 60
    assert QRect(*seen["ImportDialog"]["frame"]).height() >= 600  # the preview gets the height


# -- the arithmetic -------------------------------------------------------------------------------
def test_fit_size_takes_the_wish_within_the_room_and_above_the_minimum() -> None:
    room = QSize(1350, 688)
    assert fit_size(QSize(1400, 880), QSize(900, 400), room) == QSize(1350, 688)
    assert fit_size(QSize(600, 300), QSize(700, 350), room) == QSize(700, 350)
    assert fit_size(QSize(800, 500), QSize(300, 200), room) == QSize(800, 500)
    assert fit_size(QSize(800, 500), QSize(2000, 900), room) == QSize(1350, 688)  # the screen wins


def test_fit_rect_brings_a_frame_back_onto_the_screen() -> None:
    area = QRect(0, 0, 1366, 728)
    assert fit_rect(QRect(10, 20, 800, 600), area) == QRect(10, 20, 800, 600)
    assert fit_rect(QRect(2500, 1300, 800, 600), area) == QRect(566, 128, 800, 600)  # a big monitor's spot
    assert fit_rect(QRect(-3000, -50, 800, 600), area) == QRect(0, 0, 800, 600)  # a left-hand monitor
    assert fit_rect(QRect(100, 100, 2560, 1400), area) == area
    second = QRect(1366, 0, 1920, 1040)  # a second screen to the right keeps its own offsets
    assert fit_rect(QRect(1400, 30, 800, 600), second) == QRect(1400, 30, 800, 600)


# -- remembering -----------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _laptop(monkeypatch: pytest.MonkeyPatch) -> None:
    """The offscreen test screen is 800×800, narrower than the main window's minimum: the
    windows here are sized for a laptop's available area instead."""
    monkeypatch.setattr(geometry_memory, "available_geometry", lambda _widget=None: QRect(LAPTOP_AVAILABLE))


def _room() -> QRect:
    return geometry_memory.available_geometry(None)


def test_main_window_size_and_place_are_restored(
    qtbot: QtBot, demo_ctx: AppContext, settings: QSettings
) -> None:
    area = _room()
    first = MainWindow(demo_ctx, settings=settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    size = first.minimumSizeHint().expandedTo(QSize(700, 500))
    first.resize(size)
    first.move(area.topLeft() + QPoint(3, 5))
    first.close()
    assert settings.value(f"{WINDOW_KEY}/size") == first.size()

    again = MainWindow(demo_ctx, settings=settings)
    qtbot.addWidget(again)
    assert again.size() == first.size()
    assert again.pos() == area.topLeft() + QPoint(3, 5)


def test_a_size_and_place_saved_on_a_big_monitor_are_clamped_to_this_screen(
    qtbot: QtBot, demo_ctx: AppContext, settings: QSettings
) -> None:
    settings.setValue(f"{WINDOW_KEY}/size", QSize(3800, 2000))
    settings.setValue(f"{WINDOW_KEY}/pos", QPoint(5200, 2100))
    w = MainWindow(demo_ctx, settings=settings)
    qtbot.addWidget(w)
    area = _room()
    planned = QRect(w.pos(), w.size() + FRAME_ALLOWANCE)
    assert area.contains(planned), (planned, area)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: area.contains(w.frameGeometry()))


def test_a_dialog_reopens_at_the_size_it_was_left_at(qtbot: QtBot, demo_ctx: AppContext) -> None:
    from views.letter_register_dialog import LetterRegisterDialog

    first = LetterRegisterDialog(demo_ctx)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(640, 420)
    first.reject()  # closing it is what saves
    again = LetterRegisterDialog(demo_ctx)
    qtbot.addWidget(again)
    assert again.size() == QSize(640, 420)
    QSettings().setValue("LetterRegisterDialog/size", QSize(5000, 3000))
    third = LetterRegisterDialog(demo_ctx)
    qtbot.addWidget(third)
    room = _room().size() - FRAME_ALLOWANCE
    assert third.width() <= room.width() and third.height() <= room.height()


def test_remember_window_uses_the_preferred_size_first_and_never_below_the_minimum(qtbot: QtBot) -> None:
    w = QDialog()
    qtbot.addWidget(w)
    w.setMinimumSize(300, 200)
    remember_window(w, "probe_dialog", QSize(500, 350))
    assert w.size() == QSize(500, 350)
    small = QDialog()
    qtbot.addWidget(small)
    small.setMinimumSize(300, 200)
    remember_window(small, "probe_small", QSize(100, 100))
    assert small.size() == QSize(300, 200)


def test_task_page_splitters_are_restored(qtbot: QtBot, demo_ctx: AppContext, settings: QSettings) -> None:
    first = MainWindow(demo_ctx, settings=settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    splitters = (first.task_page.splitter, first.task_page.detail.splitter)
    wanted = []
    for splitter in splitters:
        total = sum(splitter.sizes())
        splitter.setSizes([total // 4, total - total // 4])
        splitter.splitterMoved.emit(total // 4, 1)  # as a drag of the handle would
        wanted.append(splitter.sizes())
    first.close()

    again = MainWindow(demo_ctx, settings=settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    for splitter, sizes in zip(
        (again.task_page.splitter, again.task_page.detail.splitter), wanted, strict=True
    ):
        assert splitter.sizes() == sizes


def test_a_splitter_state_is_saved_a_moment_after_the_drag(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QSplitter

    splitter = QSplitter(Qt.Orientation.Horizontal)
    qtbot.addWidget(splitter)
    for _ in range(2):
        splitter.addWidget(QWidget())
    splitter.resize(400, 100)
    remember_splitter(splitter, "probe", [200, 200])
    splitter.show()
    qtbot.waitExposed(splitter)
    splitter.setSizes([100, 300])
    splitter.splitterMoved.emit(100, 1)
    qtbot.waitUntil(lambda: QSettings().contains("splitters/probe"))
    copy = QSplitter(Qt.Orientation.Horizontal)
    qtbot.addWidget(copy)
    for _ in range(2):
        copy.addWidget(QWidget())
    remember_splitter(copy, "probe", [200, 200])
    copy.resize(400, 100)
    copy.show()
    qtbot.waitExposed(copy)
    assert copy.sizes() == splitter.sizes()
