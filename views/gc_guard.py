"""Python's cyclic garbage collector runs only on the GUI thread.

The collector runs in whichever thread happens to allocate. When that is a background job
and the garbage holds Qt objects made on the GUI thread, their C++ destructors run in the
worker: seen here as a deadlock, the worker inside ``~QObject`` waiting for the GIL while the
GUI thread, holding the GIL, waited for Qt's lock in ``connect``. Anki does the same: the
automatic collector is off, and the GUI thread collects on a timer.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QTimer

INTERVAL_MS = 5_000
_TIMER_NAME = "gc_guard_timer"


def collect_on_gui_thread(app: QCoreApplication, interval_ms: int = INTERVAL_MS) -> QTimer:
    """Turn automatic collection off and collect from a timer of ``app`` (idempotent)."""
    gc.disable()
    existing = app.findChild(QTimer, _TIMER_NAME)
    if isinstance(existing, QTimer):
        return existing
    timer = QTimer(app)
    timer.setObjectName(_TIMER_NAME)
    timer.setInterval(interval_ms)
    timer.timeout.connect(_collect)
    timer.start()
    return timer


def _collect() -> None:
    gc.collect()


__all__ = ["collect_on_gui_thread"]
