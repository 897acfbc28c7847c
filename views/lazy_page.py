"""Pages load their rows when first shown, not when built.

The window then opens as fast on 100,000 tasks as on 60: only the page on screen queries.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class LazyPage(QWidget):
    """Subclasses implement ``refresh()``; others call ``mark_stale()`` when data changed."""

    _stale = True

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
