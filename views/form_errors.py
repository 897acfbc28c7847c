"""Red messages beside form fields, for the ValidationError a service raises."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.errors import UserError, ValidationError

ERROR_STYLE = "color: #b00020;"


def error_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class FieldErrors:
    """Field name → label; errors for unknown fields go to the general label."""

    def __init__(self, general: QLabel) -> None:
        self.general = general
        self._labels: dict[str, QLabel] = {}

    def add(self, field: str, label: QLabel) -> QLabel:
        self._labels[field] = label
        return label

    def clear(self) -> None:
        for label in [*self._labels.values(), self.general]:
            label.clear()
            label.setVisible(False)

    def show(self, exc: UserError) -> QLabel:
        """Show the message by its field; returns the label used."""
        self.clear()
        field = exc.field if isinstance(exc, ValidationError) else ""
        label = self._labels.get(field, self.general)
        label.setText(str(exc))
        label.setVisible(True)
        return label

    def label_for(self, field: str) -> QLabel:
        return self._labels.get(field, self.general)

    def visible_messages(self) -> list[str]:
        return [lbl.text() for lbl in [*self._labels.values(), self.general] if lbl.text()]


def with_error(field: QWidget, label: QLabel) -> QWidget:
    """The field with its error label right below it, for a form row."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(label)
    return box
