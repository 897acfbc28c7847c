"""A thin, non-modal notice above a list: a sentence, one action button and a close button.

For what the user should know but need not stop for ("the task you saved is hidden by the
filter"): a message box would interrupt, a status-bar line would go unseen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

STYLE = "MessageBar { background: #fff3bf; border: 1px solid #f0c36d; border-radius: 3px; }"


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.action_button = QPushButton()
        self.action_button.setAutoDefault(False)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip("Đóng thông báo")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        self.action_button.clicked.connect(self._act)
        self._action: Callable[[], None] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 3, 3)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self.hide()

    def show_message(
        self, text: str, button_text: str = "", action: Callable[[], None] | None = None
    ) -> None:
        self.label.setText(text)
        self._action = action
        self.action_button.setText(button_text)
        self.action_button.setVisible(bool(button_text and action))
        self.show()

    def _act(self) -> None:
        action = self._action
        self.hide()
        if action is not None:
            action()
