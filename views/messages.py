"""Every message box of the program goes through here, so tests can replace them in one place."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from views.labels import APP_TITLE

log = logging.getLogger(__name__)

GENERIC_ERROR = (
    "Đã xảy ra lỗi ngoài dự kiến. Chi tiết đã được ghi vào nhật ký; "
    "dữ liệu đã lưu không bị ảnh hưởng. Nếu lỗi lặp lại, hãy báo cho bộ phận kỹ thuật."
)


def show_error(parent: QWidget | None, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    box.exec()


def show_info(parent: QWidget | None, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, APP_TITLE, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    box.exec()


def confirm_box(
    parent: QWidget | None, text: str, yes_text: str = "Đồng ý", no_text: str = "Không"
) -> tuple[QMessageBox, QPushButton]:
    """The question box, not yet shown, and its yes button; the default (Enter) and Esc are
    the no button, so a key pressed by habit never agrees."""
    box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE, text, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(no_text, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    return box, yes


def confirm(parent: QWidget | None, text: str, yes_text: str = "Đồng ý", no_text: str = "Không") -> bool:
    box, yes = confirm_box(parent, text, yes_text, no_text)
    box.exec()
    return box.clickedButton() is yes


def show_unexpected(parent: QWidget | None, exc: BaseException) -> None:
    """Log an unexpected exception with its traceback and show the generic message."""
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    show_error(parent, GENERIC_ERROR)
