"""Colours of the task statuses, as a user scans the list: red overdue, amber soon, green done."""

from __future__ import annotations

from PySide6.QtGui import QColor

from models.status import Status

# (background, foreground)
_COLORS: dict[Status, tuple[str, str]] = {
    Status.OVERDUE: ("#f8d7da", "#a4161a"),
    Status.DUE_SOON: ("#ffe5b4", "#8a4b00"),
    Status.NOT_DUE: ("#f1f3f5", "#343a40"),
    Status.DONE_ON_TIME: ("#d3f0d8", "#1b6b2f"),
    Status.DONE_LATE: ("#ece8b8", "#6b6410"),
    Status.CONTINUOUS: ("#d6e8fb", "#134f8c"),
    Status.PAUSED: ("#e2e3e5", "#5c636a"),
    Status.CANCELLED: ("#e2e3e5", "#5c636a"),
    Status.NO_DEADLINE: ("#fff3cd", "#6d5200"),
}


def status_colors(status: Status) -> tuple[str, str]:
    """(background, foreground) as ``#rrggbb``; every Status has its pair (a test checks)."""
    return _COLORS[status]


def status_background(status: Status) -> QColor:
    return QColor(_COLORS[status][0])


def status_foreground(status: Status) -> QColor:
    return QColor(_COLORS[status][1])
