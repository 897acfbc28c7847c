"""Colours of the task statuses, as a user scans the list: red overdue, amber soon, green done."""

from __future__ import annotations

from PySide6.QtGui import QColor

from models.status import Status

# (background, foreground)
_COLORS: dict[str, tuple[str, str]] = {
    Status.OVERDUE.value: ("#f8d7da", "#a4161a"),
    Status.DUE_SOON.value: ("#ffe5b4", "#8a4b00"),
    Status.NOT_DUE.value: ("#f1f3f5", "#343a40"),
    Status.DONE_ON_TIME.value: ("#d3f0d8", "#1b6b2f"),
    Status.DONE_LATE.value: ("#ece8b8", "#6b6410"),
    Status.CONTINUOUS.value: ("#d6e8fb", "#134f8c"),
    Status.PAUSED.value: ("#e2e3e5", "#5c636a"),
    Status.CANCELLED.value: ("#e2e3e5", "#5c636a"),
    Status.NO_DEADLINE.value: ("#fff3cd", "#6d5200"),
}

_NEUTRAL = ("#ffffff", "#212529")


def status_background(status: str) -> QColor:
    return QColor(_COLORS.get(status, _NEUTRAL)[0])


def status_foreground(status: str) -> QColor:
    return QColor(_COLORS.get(status, _NEUTRAL)[1])
