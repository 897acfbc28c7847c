"""The cyclic collector never runs on a worker thread (see views/gc_guard.py for the deadlock)."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from views.gc_guard import collect_on_gui_thread


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_automatic_collection_is_off_and_the_gui_timer_collects(qtbot: QtBot, qapp: QApplication) -> None:
    timer = collect_on_gui_thread(qapp, interval_ms=50)
    assert not gc.isenabled()
    assert collect_on_gui_thread(qapp) is timer  # once per application
    c = Cycle()
    ref = weakref.ref(c)
    del c
    assert ref() is not None  # a cycle waits for the collector...
    qtbot.waitUntil(lambda: ref() is None, timeout=3000)  # ...which the GUI thread's timer runs
    timer.setInterval(5_000)
