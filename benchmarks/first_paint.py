"""The finishing line of the start-up benchmark, shared by the program and the bare window.

An application-wide event filter waits for the first paint of a table's viewport that shows
rows, lets it finish, then prints ``painted`` and leaves at once (no teardown is timed).
Both child processes install it the same way, before anything else of Qt is imported.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication


class _FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            view = watched.parent()
            if isinstance(view, QAbstractItemView) and watched is view.viewport():
                model = view.model()
                if model is not None and model.rowCount() > 0:
                    self.done = True
                    QTimer.singleShot(0, _finish)  # after this paint has been carried out
        return False


def _finish() -> None:
    sys.stdout.write("painted\n")
    sys.stdout.flush()
    os._exit(0)


_filter: _FirstPaint | None = None


def application() -> QApplication:
    """The QApplication, created here so the filter sees every event from the start."""
    global _filter
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    _filter = _FirstPaint()
    app.installEventFilter(_filter)
    return app
