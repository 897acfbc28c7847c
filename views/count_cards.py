"""The overview's big numbers: one card per official class, clicked to list its tasks."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from models.official import OfficialClass
from views.class_colors import MAIN_CLASSES, SET_ASIDE, class_colors, class_label


def fmt_count(n: int) -> str:
    """``20.000``: thousands separated by dots, as Vietnamese write them."""
    return f"{n:,}".replace(",", ".")


class CountCard(QFrame):
    """A class's name and its count; a click (or Enter/Space when focused) emits ``clicked``."""

    clicked = Signal(object)  # OfficialClass

    def __init__(self, klass: OfficialClass, small: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.klass = klass
        self.count = 0
        bg, fg = class_colors(klass)
        self.setObjectName("card")
        self.setStyleSheet(
            f"QFrame#card {{ background: {bg.name()}; border: 1px solid {fg.name()}; border-radius: 6px; }}"
            f"QFrame#card:focus {{ border: 2px solid {fg.name()}; }}"
            f"QLabel {{ color: {fg.name()}; background: transparent; border: none; }}"
        )
        self.number = QLabel("…")
        self.number.setStyleSheet(f"font-size: {'15' if small else '22'}pt; font-weight: bold;")
        self.title = QLabel(class_label(klass))
        self.title.setWordWrap(True)
        layout = QVBoxLayout(self) if not small else QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.setSpacing(0 if not small else 8)
        if small:
            layout.addWidget(self.title)
            layout.addWidget(self.number)
        else:
            layout.addWidget(self.number)
            layout.addWidget(self.title)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.set_count(None)

    def set_count(self, n: int | None) -> None:
        """``None`` while the count is being computed."""
        self.count = n or 0
        self.number.setText("…" if n is None else fmt_count(n))
        tip = "Đang tính…" if n is None else f"{class_label(self.klass)}: {n} nhiệm vụ."
        if n:
            tip += " Bấm để xem các nhiệm vụ này."
        self.setToolTip(tip)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.klass)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.klass)
            return
        super().keyPressEvent(event)


class CountCards(QWidget):
    """The six classes a report counts in, big; paused and cancelled apart, smaller."""

    clicked = Signal(object)  # OfficialClass

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: dict[OfficialClass, CountCard] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for klass in MAIN_CLASSES:
            card = CountCard(klass)
            layout.addWidget(card, 1)
            self.cards[klass] = card
        aside = QVBoxLayout()
        aside.setSpacing(3)
        note = QLabel("Không tính vào tiến độ:")
        note.setStyleSheet("color: #5c636a;")
        aside.addWidget(note)
        for klass in SET_ASIDE:
            card = CountCard(klass, small=True)
            aside.addWidget(card)
            self.cards[klass] = card
        layout.addSpacing(12)
        layout.addLayout(aside)
        for card in self.cards.values():
            card.clicked.connect(self.clicked)

    def set_counts(self, counts: dict[OfficialClass, int] | None) -> None:
        for klass, card in self.cards.items():
            card.set_count(None if counts is None else counts.get(klass, 0))
