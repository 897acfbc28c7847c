"""Edit the two issuing bodies (state and Party) whose names, symbols and signers the letters print."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.letters.issuers import Issuer, validate_issuer
from models.vn_dates import LetterFormat
from views import messages
from views.geometry_memory import remember_window
from views.labels import APP_TITLE
from views.needs import HasLetters
from views.operations import runner

FIELDS: tuple[tuple[str, str, str], ...] = (
    ("parent", "Cơ quan chủ quản (in hoa, có thể để trống)", "line"),
    ("name", "Tên cơ quan ban hành (in hoa)", "text"),
    ("short_name", "Tên gọi trong nội dung văn bản", "line"),
    ("symbol", "Ký hiệu cơ quan (trong số văn bản)", "line"),
    ("unit", "Đơn vị soạn thảo / nơi lưu", "line"),
    ("office", "Cơ quan thường trực (nhận báo cáo)", "line"),
    ("place", "Địa danh", "line"),
    ("authority", "Thẩm quyền ký (TM., KT.… / T/M, K/T…; trống nếu người đứng đầu ký)", "line"),
    ("title", "Chức vụ (mỗi dòng một chức danh)", "text"),
    ("signer", "Họ tên người ký", "line"),
    ("term", "Nhiệm kỳ (thể thức Đảng, ví dụ 2025-2030)", "line"),
)


class IssuerForm(QWidget):
    def __init__(self, issuer: Issuer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._issuer = issuer
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        form = QFormLayout(self)
        for name, label, kind in FIELDS:
            if name == "term" and issuer.format != "party":
                continue
            value = str(getattr(issuer, name))
            edit: QLineEdit | QPlainTextEdit
            if kind == "text":
                edit = QPlainTextEdit(value)
                edit.setFixedHeight(60)
            else:
                edit = QLineEdit(value)
            self.edits[name] = edit
            form.addRow(QLabel(label), edit)

    def value(self) -> Issuer:
        values = {
            name: (e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text())
            for name, e in self.edits.items()
        }
        return replace(self._issuer, **values)


class IssuerSettingsDialog(QDialog):
    def __init__(self, ctx: HasLetters, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(f"Cơ quan ban hành văn bản – {APP_TITLE}")
        self.setMinimumWidth(640)
        self.state = IssuerForm(ctx.letters.issuer(LetterFormat.STATE))
        self.party = IssuerForm(ctx.letters.issuer(LetterFormat.PARTY))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.state, "Thể thức nhà nước (Ban Chỉ đạo của UBND tỉnh)")
        self.tabs.addTab(self.party, "Thể thức Đảng (Ban Chỉ đạo của Tỉnh ủy)")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        remember_window(self, "IssuerSettingsDialog")

    def save(self) -> None:
        """Both bodies are validated before either is stored, so a half-saved pair never exists."""
        forms = (self.state, self.party)
        try:
            for index, form in enumerate(forms):
                self.tabs.setCurrentIndex(index)  # the tab of a refused body stays in front
                validate_issuer(form.value())
            bodies = [form.value() for form in forms]
            runner().run_modal(self, partial(self._ctx.letters.save_issuers, bodies))
        except ValidationError as exc:
            messages.show_error(self, str(exc))
            return
        self.accept()
