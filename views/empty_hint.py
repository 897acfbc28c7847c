"""A sentence painted over an empty list that says what to do next.

"Chưa có báo cáo. Bấm «Thêm báo cáo»…" instead of a blank table: a new user learns where to
start, and an empty result of a filter is told apart from an empty database. The hint is a
label on the view's viewport, shown while the model has no rows; the text is asked for each
time (it may depend on the filter), and an empty text shows nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel
from shiboken6 import isValid

HINT_STYLE = "color: #5c636a; font-size: 10.5pt; background: transparent;"
MARGIN = 24


class EmptyHint(QObject):
    """``text()`` may be rich text; a link in it (``<a href="x">…</a>``) calls ``on_link("x")``."""

    def __init__(
        self,
        view: QAbstractItemView,
        text: Callable[[], str],
        on_link: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._text = text
        viewport = view.viewport()
        self.label = QLabel(viewport)
        self.label.setStyleSheet(HINT_STYLE)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setOpenExternalLinks(False)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        if on_link is not None:
            self.label.linkActivated.connect(on_link)
        self.label.hide()
        viewport.installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update)
        self.update()

    def is_shown(self) -> bool:
        return not self.label.isHidden()

    def text(self) -> str:
        return self.label.text() if self.is_shown() else ""

    def update(self) -> None:
        """Show or hide the hint for the rows the model has now."""
        if not isValid(self._view) or not isValid(self.label):
            return  # a view being destroyed empties its model: nothing to show any more
        text = self._text() if self._view.model().rowCount() == 0 else ""
        if not text:
            self.label.hide()
            return
        self.label.setText(text)
        self._place()
        self.label.show()

    def _place(self) -> None:
        area = self._view.viewport().rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        self.label.setGeometry(area)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.is_shown():
            self._place()
        return False
