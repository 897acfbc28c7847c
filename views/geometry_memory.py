"""Windows that fit the screen they open on, and remember their size and splitter positions.

One place decides how big a window or dialog opens: the size it would like (or the size the
user last left it at), never larger than the screen's available area (the screen less the
taskbar) once the window frame is counted, never smaller than what its layout needs. A size
or position saved on a big monitor is clamped to the current screen, so the program never
opens a window off-screen on a 1366×768 laptop. Splitters restore their last positions.

Everything is kept in ``QSettings`` (the organization and application names set in
``views.launch``); callers may pass their own ``QSettings`` (the main window does, so tests can).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QSplitter, QWidget

#: Room for the title bar and borders before the window is shown and its frame is known
#: (Windows 10: 8 + 8 wide, 31 + 8 high; GNOME/KDE title bars are 30–38 px).
FRAME_ALLOWANCE = QSize(16, 40)

SPLITTER_SAVE_DELAY_MS = 400


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The usable area (screen less taskbar) of the screen ``widget`` is on, or of the primary one."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def frame_allowance(widget: QWidget) -> QSize:
    """Frame size (frame less client area) of a shown window; an estimate before it is shown."""
    if widget.isVisible():
        frame, client = widget.frameGeometry(), widget.geometry()
        extra = QSize(frame.width() - client.width(), frame.height() - client.height())
        if extra.width() > 0 or extra.height() > 0:
            return extra
    return QSize(FRAME_ALLOWANCE)


def fit_size(wanted: QSize, minimum: QSize, room: QSize) -> QSize:
    """``wanted`` no larger than ``room``, and no smaller than ``minimum``; when the two disagree
    the room is asked for, and Qt keeps the window at its layout's minimum (which the tests
    keep within a 1366×720 screen)."""
    width = min(max(wanted.width(), minimum.width()), room.width())
    height = min(max(wanted.height(), minimum.height()), room.height())
    return QSize(max(width, 1), max(height, 1))


def fit_rect(frame: QRect, area: QRect) -> QRect:
    """``frame`` moved (and if need be shrunk) so that it lies wholly inside ``area``."""
    width, height = min(frame.width(), area.width()), min(frame.height(), area.height())
    x = min(max(frame.x(), area.x()), area.x() + area.width() - width)
    y = min(max(frame.y(), area.y()), area.y() + area.height() - height)
    return QRect(x, y, width, height)


def _settings(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def _size_value(value: object) -> QSize | None:
    return value if isinstance(value, QSize) and value.isValid() and not value.isEmpty() else None


def _point_value(value: object) -> QPoint | None:
    return value if isinstance(value, QPoint) else None


def _bool_value(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _room(widget: QWidget) -> tuple[QRect, QSize]:
    area = available_geometry(widget)
    extra = frame_allowance(widget)
    return area, QSize(area.width() - extra.width(), area.height() - extra.height())


def _minimum(widget: QWidget) -> QSize:
    return widget.minimumSize().expandedTo(widget.minimumSizeHint())


def save_window(widget: QWidget, key: str, settings: QSettings | None = None, position: bool = False) -> None:
    """Store the window's size (its normal size if maximized), and its place with ``position``;
    and any splitter position a drag has not yet stored."""
    flush_splitters()
    s = _settings(settings)
    maximized = widget.isMaximized() or widget.isFullScreen()
    s.setValue(f"{key}/maximized", maximized)
    if not maximized:  # the normal size is what to come back to after un-maximizing
        s.setValue(f"{key}/size", widget.size())
        if position:
            s.setValue(f"{key}/pos", widget.pos())
    s.sync()


def keep_on_screen(widget: QWidget) -> None:
    """Once the real frame is known: move (or shrink) the window so that all of it is visible."""
    if not widget.isVisible() or widget.isMaximized() or widget.isFullScreen():
        return
    area = available_geometry(widget)
    frame = widget.frameGeometry()
    fitted = fit_rect(frame, area)
    if fitted == frame:
        return
    extra = frame_allowance(widget)
    if fitted.size() != frame.size():
        widget.resize(fitted.width() - extra.width(), fitted.height() - extra.height())
    widget.move(fitted.topLeft())


def remember_window(
    widget: QWidget,
    key: str,
    preferred: QSize | None = None,
    settings: QSettings | None = None,
    position: bool = False,
) -> None:
    """Size ``widget`` (a window or dialog, its layout built) for the screen, and remember it.

    It opens at the size it was last left at, else at ``preferred`` (else at its own size
    hint), clamped to the screen's available area less the frame; with ``position`` its place is
    restored too (clamped to the screen), and a maximized window opens maximized. A dialog
    saves itself when it finishes; a main window calls ``save_window`` from its ``closeEvent``.
    """
    s = _settings(settings)
    area, room = _room(widget)
    saved = _size_value(s.value(f"{key}/size"))
    wanted = saved or preferred or widget.sizeHint()
    size = fit_size(wanted, _minimum(widget), room)
    widget.resize(size)
    if position:
        pos = _point_value(s.value(f"{key}/pos"))
        if pos is not None:
            extra = frame_allowance(widget)
            frame = QRect(pos, QSize(size.width() + extra.width(), size.height() + extra.height()))
            widget.move(fit_rect(frame, area).topLeft())
        if _bool_value(s.value(f"{key}/maximized")):
            widget.setWindowState(widget.windowState() | Qt.WindowState.WindowMaximized)
    if isinstance(widget, QDialog):
        # a signal, not an event filter: nothing of ours runs while Qt destroys the dialog; and
        # a weak reference, so that the connection does not keep a closed dialog alive
        dialog = weakref.ref(widget)

        def finished(_result: int) -> None:
            alive = dialog()
            if alive is not None:
                save_window(alive, key, settings, position)

        widget.finished.connect(finished)


def remember_splitter(
    splitter: QSplitter, key: str, default: list[int] | None = None, settings: QSettings | None = None
) -> None:
    """Restore ``splitter``'s last positions (else ``default`` sizes); save them when moved.

    Sizes are proportions to Qt: restored on a smaller window they shrink with it, and a pane
    dragged shut stays usable because each pane keeps its minimum size.
    """
    s = _settings(settings)
    state = s.value(f"splitters/{key}")
    restored = isinstance(state, QByteArray) and not state.isEmpty() and splitter.restoreState(state)
    if not restored and default:
        splitter.setSizes(default)
    for i in range(splitter.count()):
        splitter.setCollapsible(i, False)
    timer = QTimer(splitter)  # a drag emits a move per pixel: store once it pauses
    timer.setSingleShot(True)
    timer.setInterval(SPLITTER_SAVE_DELAY_MS)
    ref = weakref.ref(splitter)

    def save() -> None:
        _pending.pop(key, None)
        alive = ref()
        if alive is not None:
            _settings(settings).setValue(f"splitters/{key}", alive.saveState())

    def moved(_pos: int, _index: int) -> None:
        _pending[key] = save
        timer.start()

    def saved_by_timer() -> None:
        if _pending.get(key) is save:
            save()

    timer.timeout.connect(saved_by_timer)
    splitter.splitterMoved.connect(moved)


#: splitter saves waiting for their timer, run now by ``flush_splitters`` (a window closing)
_pending: dict[str, Callable[[], None]] = {}


def flush_splitters() -> None:
    for save in list(_pending.values()):
        save()
