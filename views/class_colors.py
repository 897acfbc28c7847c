"""Colours of the official classes, taken from the task statuses' (views/status_colors.py), so
a class looks the same on the overview as its tasks do in the list."""

from __future__ import annotations

from PySide6.QtGui import QColor

from models.official import OfficialClass
from models.status import Status
from views.status_colors import status_colors

# The status whose colours a class wears ("in progress within the deadline" is mostly "not due";
# its grey is too pale for a bar, so the chart darkens every colour alike, below).
_STATUS_OF: dict[OfficialClass, Status] = {
    OfficialClass.DONE_ON_TIME: Status.DONE_ON_TIME,
    OfficialClass.DONE_LATE: Status.DONE_LATE,
    OfficialClass.IN_PROGRESS: Status.NOT_DUE,
    OfficialClass.OVERDUE: Status.OVERDUE,
    OfficialClass.CONTINUOUS: Status.CONTINUOUS,
    OfficialClass.NO_DEADLINE: Status.NO_DEADLINE,
    OfficialClass.PAUSED: Status.PAUSED,
    OfficialClass.CANCELLED: Status.CANCELLED,
}

# The order a person reads them in: finished, then what is still running, then what is set aside.
CLASS_ORDER: tuple[OfficialClass, ...] = (
    OfficialClass.DONE_ON_TIME,
    OfficialClass.DONE_LATE,
    OfficialClass.IN_PROGRESS,
    OfficialClass.OVERDUE,
    OfficialClass.CONTINUOUS,
    OfficialClass.NO_DEADLINE,
    OfficialClass.PAUSED,
    OfficialClass.CANCELLED,
)
MAIN_CLASSES = CLASS_ORDER[:6]
SET_ASIDE = (OfficialClass.PAUSED, OfficialClass.CANCELLED)


def class_label(klass: OfficialClass) -> str:
    """``Hoàn thành đúng hạn``… (the enum's value, capitalised for a heading)."""
    return klass.value[:1].upper() + klass.value[1:]


def class_colors(klass: OfficialClass) -> tuple[QColor, QColor]:
    """(background, foreground) of the class."""
    bg, fg = status_colors(_STATUS_OF[klass])
    return QColor(bg), QColor(fg)


# How far toward the foreground a bar goes: paused and cancelled share their colours in the list,
# "no deadline" is close to "done late", and paused at the common depth was the grey of "in
# progress" (a tester could not tell them apart): in a stacked bar they must differ.
_DEPTH = {OfficialClass.CANCELLED: 0.9, OfficialClass.NO_DEADLINE: 0.3, OfficialClass.PAUSED: 0.2}


def chart_color(klass: OfficialClass) -> QColor:
    """A mid tone between the two, strong enough to fill a bar and tell apart from its neighbour."""
    bg, fg = class_colors(klass)
    t = _DEPTH.get(klass, 0.55)
    return QColor(
        round(bg.red() + (fg.red() - bg.red()) * t),
        round(bg.green() + (fg.green() - bg.green()) * t),
        round(bg.blue() + (fg.blue() - bg.blue()) * t),
    )
