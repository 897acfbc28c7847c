"""Run long work off the GUI thread, with a progress dialog that appears only if it is slow.

``run_in_background(parent, label, work, on_success)`` calls ``work()`` on a pool thread.
If it returns a generator, the generator is driven there and each ``(done, total)`` it
yields moves the progress bar; its ``return`` value (or the plain callable's result) is
handed to ``on_success`` back on the GUI thread. Errors come back to the GUI thread too:
a ``UserError`` is shown as its Vietnamese message (or given to ``on_error``), anything
else is logged with its traceback and a generic Vietnamese message is shown.

A cancellable generator job shows a "Dừng" button: the generator is closed at its next
yield (so its transaction rolls back) and the job ends as failed with ``Cancelled``, which
is not shown as an error. ``pool`` picks the thread pool (``views.operations`` gives one
single-thread pool for every database write).
"""

from __future__ import annotations

import logging
import types
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import UserError
from views import messages
from views.labels import APP_TITLE

log = logging.getLogger(__name__)


class Cancelled(UserError):
    """The user stopped a long job; nothing it did was kept."""

    def __init__(self) -> None:
        super().__init__("Đã dừng theo yêu cầu; phần đã hoàn tất trước khi dừng vẫn được giữ.")


SHOW_AFTER_MS = 500

# Jobs stay referenced here until they finish, so Python does not collect them mid-flight.
_running: set[BackgroundJob] = set()


class BackgroundJob(QObject):
    """One piece of work; lives on the GUI thread, its signals are emitted from the worker."""

    progress = Signal(int, int)
    _succeeded = Signal(object)
    _failed = Signal(object)
    finished = Signal(bool)  # True on success, after the callbacks ran

    def __init__(
        self,
        parent_widget: QWidget | None,
        label: str,
        work: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[UserError], None] | None = None,
        pool: QThreadPool | None = None,
        cancellable: bool = False,
    ) -> None:
        super().__init__()
        self._pool = pool
        self._cancellable = cancellable
        self._cancel_requested = False
        self._parent_widget = parent_widget
        self._label = label
        self._work = work
        self._on_success = on_success
        self._on_error = on_error
        self._dialog: QProgressDialog | None = None
        self._last: tuple[int, int] = (0, 0)
        self.done = False  # the work ended (callbacks may still be running)
        self.settled = False  # the work ended and the callbacks have run
        self.result: Any = None
        self.error: BaseException | None = None
        self.progress.connect(self._show_progress)
        self._succeeded.connect(self._finish_ok)
        self._failed.connect(self._finish_failed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._open_dialog)

    def start(self) -> None:
        _running.add(self)
        self._timer.start(SHOW_AFTER_MS)
        (self._pool or QThreadPool.globalInstance()).start(self._run)

    def cancel(self) -> None:
        """Ask a generator job to stop at its next step (thread-safe: a flag read by the worker)."""
        self._cancel_requested = True

    # -- worker thread ---------------------------------------------------------------------
    def _run(self) -> None:
        try:
            result = self._work()
            if isinstance(result, types.GeneratorType):
                result = self._drive(result)
        except BaseException as exc:
            self._failed.emit(exc)
        else:
            self._succeeded.emit(result)

    def _drive(self, gen: types.GeneratorType[tuple[int, int], None, Any]) -> Any:
        while True:
            if self._cancel_requested:
                gen.close()  # GeneratorExit inside: its transaction rolls back
                raise Cancelled()
            try:
                done, total = next(gen)
            except StopIteration as stop:
                return stop.value
            self.progress.emit(int(done), int(total))

    # -- GUI thread ------------------------------------------------------------------------
    @Slot()
    def _open_dialog(self) -> None:
        if self.done:
            return
        dlg = QProgressDialog(self._label, "Dừng", 0, 0, self._parent_widget)
        dlg.setWindowTitle(APP_TITLE)
        if self._cancellable:
            dlg.canceled.connect(self.cancel)
        else:
            dlg.setCancelButton(None)
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setMinimumWidth(380)
        self._dialog = dlg
        self._show_progress(*self._last)
        if self._dialog is dlg:  # setValue() may process events, and the job may have ended
            dlg.show()

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        self._last = (done, total)
        dlg = self._dialog
        if dlg is None:
            return
        if total > 0:
            dlg.setLabelText(f"{self._label}\n{done}/{total}")
        dlg.setMaximum(max(total, 0))
        # A modal QProgressDialog processes events inside setValue(): the job may finish there.
        dlg.setValue(min(done, total) if total > 0 else 0)

    def _close(self) -> None:
        self.done = True
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    @Slot(object)
    def _finish_ok(self, result: Any) -> None:
        self.result = result
        self._close()
        try:
            if self._on_success is not None:
                self._on_success(result)
        except UserError as exc:
            messages.show_error(self._parent_widget, str(exc))
        except Exception as exc:
            messages.show_unexpected(self._parent_widget, exc)
        self.settled = True
        _running.discard(self)
        self.finished.emit(True)

    @Slot(object)
    def _finish_failed(self, exc: BaseException) -> None:
        self.error = exc
        self._close()
        if isinstance(exc, Cancelled):
            if self._on_error is not None:  # the caller may need to re-enable its buttons
                self._on_error(exc)
        elif isinstance(exc, UserError):
            if self._on_error is not None:
                self._on_error(exc)
            else:
                messages.show_error(self._parent_widget, str(exc))
        else:
            messages.show_unexpected(self._parent_widget, exc)
        self.settled = True
        _running.discard(self)
        self.finished.emit(False)


def run_in_background(
    parent: QWidget | None,
    label: str,
    work: Callable[[], Any],
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[UserError], None] | None = None,
    pool: QThreadPool | None = None,
    cancellable: bool = False,
) -> BackgroundJob:
    """Start ``work`` on a pool thread; returns the job (``job.finished`` fires when all is done)."""
    job = BackgroundJob(parent, label, work, on_success, on_error, pool, cancellable)
    job.start()
    return job


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Block (processing events) until every running job is done; used at shutdown and in tests."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop
    from PySide6.QtWidgets import QApplication

    deadline = QDeadlineTimer(timeout_ms)
    while _running and not deadline.hasExpired():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThreadPool.globalInstance().waitForDone(10)
        for job in list(_running):
            if job._pool is not None:
                job._pool.waitForDone(10)
    return not _running
