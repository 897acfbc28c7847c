"""One runner for every change: off the GUI thread, one writer at a time, one broadcast.

Anki's ``CollectionOp`` in our terms. A view hands the runner a callable that calls one
mutating service method (an ``OpResult`` answer, or a generator of progress that returns
one). The runner executes it on a single database worker thread, so writes are serialised
and the window keeps painting; then, back on the GUI thread, it emits ``changed(Changes)``
once and gives the value to the caller. Pages listen to ``changed`` and decide for
themselves what to refresh; nobody keeps lists of "after X refresh Y".

``run`` is for long jobs (progress dialog after a moment, optional "Dừng"). ``run_modal`` is
for a dialog's Save: the same worker, but the caller waits in a local event loop and gets the
value or the ``UserError`` back, so the dialog can show it beside the field.
"""

from __future__ import annotations

import logging
import types
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication, QWidget

from app.changes import Changes, OpResult
from app.errors import UserError
from app.operation import ChangeCollector, collecting, steps_collected
from views.background import BackgroundJob, run_in_background

log = logging.getLogger(__name__)

T = TypeVar("T")
BUSY_CURSOR_AFTER_MS = 300


class OpRunner(QObject):
    changed = Signal(object)  # Changes, after every operation that wrote something

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one writer: SQLite serialises writes anyway

    def publish(self, changes: Changes) -> None:
        """Broadcast what an operation changed (nothing is sent for an empty change set)."""
        if not changes.empty:
            self.changed.emit(changes)

    def _unwrap(self, result: Any, collected: Changes) -> Any:
        """Broadcast what the operation says it changed together with whatever its transactions
        were seen committing (the same, unless it called services outside an operation)."""
        if isinstance(result, OpResult):
            self.publish(collected | result.changes)
            return result.value
        self.publish(collected)
        return result

    def run(
        self,
        parent: QWidget | None,
        label: str,
        op: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[UserError], None] | None = None,
        cancellable: bool = False,
    ) -> BackgroundJob:
        """Run ``op`` on the database worker behind a progress dialog that appears if slow."""

        # Everything the job commits is collected here too, so that a job failing or stopped
        # after some of its transactions committed still tells the pages about those.
        collector = ChangeCollector()

        def work() -> Any:
            with collecting(collector):
                result = op()
            if isinstance(result, types.GeneratorType):
                return steps_collected(result, collector)
            return result

        def done(result: Any) -> None:
            value = self._unwrap(result, collector.changes)
            if on_success is not None:
                on_success(value)

        job = run_in_background(parent, label, work, done, on_error, self.pool, cancellable)
        job.finished.connect(lambda ok: None if ok else self.publish(collector.changes))
        return job

    def run_modal(self, parent: QWidget | None, op: Callable[[], OpResult[T]]) -> T:
        """Run ``op`` on the database worker and wait for it without freezing the window.

        Raises what ``op`` raised; broadcasts its changes before returning its value.
        ``parent`` gets a busy cursor if the wait is noticeable.
        """
        relay = _Relay()
        box: dict[str, Any] = {}
        loop = QEventLoop()

        def received(result: Any, error: Any) -> None:
            box["result"], box["error"] = result, error
            loop.quit()

        relay.finished.connect(received)

        collector = ChangeCollector()

        def work() -> None:
            try:
                with collecting(collector):
                    result = op()
            except BaseException as exc:
                relay.finished.emit(None, exc)
            else:
                relay.finished.emit(result, None)

        busy = QTimer()
        busy.setSingleShot(True)
        busy.timeout.connect(lambda: QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor)))
        busy.start(BUSY_CURSOR_AFTER_MS)
        self.pool.start(work)
        while not box:
            loop.exec()
        if busy.isActive():
            busy.stop()
        else:
            QApplication.restoreOverrideCursor()
        if box["error"] is not None:
            self.publish(collector.changes)  # what committed before the failure
            raise box["error"]
        return self._unwrap(box["result"], collector.changes)


class _Relay(QObject):
    """Carries a worker's answer to the GUI thread (a queued signal: it lives there)."""

    finished = Signal(object, object)


_runner: OpRunner | None = None


def runner() -> OpRunner:
    """The program's runner: one per application, so every window and dialog hears the same
    broadcast and every write goes through the same worker."""
    global _runner
    if _runner is None:
        app = QApplication.instance()
        _runner = OpRunner(app)
        _runner.destroyed.connect(_forget)
    return _runner


def _forget(*_: object) -> None:
    global _runner
    _runner = None
