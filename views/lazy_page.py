"""Pages load their rows when first shown, not when built.

The window then opens as fast on 100,000 tasks as on 60: only the page on screen queries.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from app.changes import Changes
from views.operations import runner


class LazyPage(QWidget):
    """Subclasses implement ``refresh()`` and say which changes concern them (``cares_about``);
    a change they care about reloads them now if on screen, else when next shown."""

    _stale = True

    def listen_to_changes(self) -> None:
        runner().changed.connect(self.on_changes)

    def cares_about(self, changes: Changes) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError

    def on_changes(self, changes: Changes) -> None:
        if self.cares_about(changes):
            self.mark_stale()

    def refresh(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def mark_stale(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def ensure_loaded(self) -> None:
        """For callers (and tests) that need the rows without showing the page."""
        if self._stale:
            self.refresh()
