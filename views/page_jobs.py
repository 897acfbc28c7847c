"""Background reads for a page that stays usable meanwhile: no progress dialog, only the
newest answer kept.

A page recomputing on every date change or broadcast may start a read while an older one is
still running; ``PageLoads`` numbers them so a late answer to an old question is dropped, and
the page shows "Đang tính…" itself instead of a modal dialog (the window stays responsive).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from app.errors import UserError
from views.background import BackgroundJob


class QuietJob(BackgroundJob):
    """A BackgroundJob that never opens its progress dialog."""

    @Slot()
    def _open_dialog(self) -> None:
        return


class PageLoads:
    """Starts reads for ``page``; ``on_result`` gets only the result of the latest one."""

    def __init__(self, page: QWidget, on_busy: Callable[[bool], None] | None = None) -> None:
        self._page = page
        self._serial = 0
        self._on_busy = on_busy
        self.job: QuietJob | None = None

    def start(
        self,
        work: Callable[[], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[UserError], None] | None = None,
    ) -> QuietJob:
        self._serial += 1
        serial = self._serial

        def done(result: Any) -> None:
            if serial == self._serial:
                self._busy(False)
                on_result(result)

        def failed(exc: UserError) -> None:
            if serial == self._serial:
                self._busy(False)
                if on_error is not None:
                    on_error(exc)

        self._busy(True)
        job = QuietJob(self._page, "", work, done, failed)
        self.job = job
        job.start()
        return job

    def _busy(self, busy: bool) -> None:
        if self._on_busy is not None:
            self._on_busy(busy)

    @property
    def busy(self) -> bool:
        return self.job is not None and not self.job.settled
