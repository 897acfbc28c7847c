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


# A message taller than this would push its button below a 768-px screen (a damaged database's
# SQLite report ran to hundreds of lines): its middle goes behind «Xem chi tiết…».
MAX_LINES = 10
MAX_CHARS = 1000  # about 12 wrapped lines of a message box
TAIL_CHARS = 400


def brief(text: str) -> tuple[str, str]:
    """``(shown, details)``: the text itself if it is short; else its start and its end (where
    a message says what to do), and the whole of it as details."""
    lines = text.splitlines()
    if len(text) <= MAX_CHARS and len(lines) <= MAX_LINES:
        return text, ""
    if len(lines) > MAX_LINES:
        head, tail = "\n".join(lines[: MAX_LINES - 3]), lines[-1]
    else:
        head, tail = text, text
    head = head[: MAX_CHARS - TAIL_CHARS].rsplit(" ", 1)[0] if len(head) > MAX_CHARS - TAIL_CHARS else head
    tail = tail[-TAIL_CHARS:].split(" ", 1)[-1] if len(tail) > TAIL_CHARS else tail
    return f"{head}\n…\n{tail}\n\n(Toàn văn: bấm «Xem chi tiết…».)", text


def message_box(icon: QMessageBox.Icon, parent: QWidget | None, text: str) -> QMessageBox:
    """The box, not yet shown: a long text cut to what fits the screen, the whole in its details."""
    shown, details = brief(text)
    box = QMessageBox(icon, APP_TITLE, shown, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    if details:
        box.setDetailedText(details)
    return box


def show_error(parent: QWidget | None, text: str) -> None:
    message_box(QMessageBox.Icon.Warning, parent, text).exec()


def show_info(parent: QWidget | None, text: str) -> None:
    message_box(QMessageBox.Icon.Information, parent, text).exec()


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
