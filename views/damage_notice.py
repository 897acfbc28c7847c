"""A page that cannot read its rows because the database is damaged says so in place.

A message box from a page loading at start-up would come before the window, and with it
Tệp → Khôi phục…, the way out; in the page's own count line it is seen where the rows would be.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.errors import DatabaseDamaged, UserError
from views import messages

IN_PLACE = "Không đọc được: dữ liệu bị hỏng — khôi phục bằng Tệp → Khôi phục…"
STYLE = "color: #b00020; font-weight: bold;"


def show_load_error(page: QWidget, label: QLabel, exc: UserError) -> None:
    """Damage in ``label`` (the whole message on hover); any other error in a message box."""
    if isinstance(exc, DatabaseDamaged):
        label.setText(IN_PLACE)
        label.setToolTip(str(exc))
        label.setStyleSheet(STYLE)
    else:
        messages.show_error(page, str(exc))


def clear(label: QLabel) -> None:
    """The rows were read: the count line is an ordinary one again."""
    if label.styleSheet() == STYLE:
        label.setStyleSheet("")
        label.setToolTip("")


def brief(exc: UserError) -> str:
    """A line for a page's status label: damage in a few words (the whole message goes in its
    tooltip), so that the label never widens the window past the screen."""
    return IN_PLACE if isinstance(exc, DatabaseDamaged) else str(exc)
