"""The shared shape of the edit dialogs: a form, red error labels, and a Save / Cancel row.

Every dialog that saves through a service behaves the same way: Save reads the form into an
operation (one mutating service call), the operation runner executes it on the database worker
and broadcasts what changed; a ``UserError`` (usually a ``ValidationError``) is shown beside
its field and the dialog stays open so the user can fix it; on success ``saved_id`` holds what
the service returned and the dialog closes. Keeping that here means one place decides it,
not one copy per dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QPushButton, QVBoxLayout, QWidget

from app.changes import OpResult
from app.errors import UserError
from views.form_errors import FieldErrors, error_label
from views.geometry_memory import remember_window
from views.operations import runner


def save_cancel_buttons(dialog: QDialog, save_text: str = "Lưu") -> QDialogButtonBox:
    """A Save / Cancel row in Vietnamese, wired to the dialog's accept() and reject()."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy bỏ")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def form_layout(dialog: QDialog, form: QLayout, errors: FieldErrors, buttons: QWidget) -> QVBoxLayout:
    """Form on top, then the general error label (for errors of no particular field), then buttons."""
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(errors.general)
    layout.addWidget(buttons)
    return layout


class SaveDialog(QDialog):
    """Base for dialogs whose Save runs one operation; subclasses implement ``operation()``.

    ``saved_id`` is None until a save succeeded, so callers (and tests) can construct the dialog,
    fill it, call ``accept()`` and look, without ``exec()``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved_id: int | None = None
        self.saved = False
        self._saving = False
        self.errors = FieldErrors(error_label())

    def operation(self) -> Callable[[], OpResult[int | None]]:
        """Read the form (here, on the GUI thread) into the service call to run; raise
        ``UserError`` to keep the dialog open."""
        raise NotImplementedError

    def save(self) -> int | None:
        """Run the operation through the program's runner; its changes are broadcast."""
        return runner().run_modal(self, self.operation())

    def finish_layout(self, form: QLayout) -> None:
        """Lay out the form with the error label and Save / Cancel row; sets ``save_button``."""
        buttons = save_cancel_buttons(self)
        self.save_button: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Save)
        form_layout(self, form, self.errors, buttons)
        remember_window(self, type(self).__name__)  # fits the screen; opens at its last size

    def accept(self) -> None:
        if self._saving:  # Save clicked again (or Enter) while the worker is still writing
            return
        self.errors.clear()
        self._saving = True
        self.setEnabled(False)
        try:
            saved_id = self.save()
        except UserError as exc:
            self.errors.show(exc)
            return
        finally:
            self._saving = False
            self.setEnabled(True)
        self.saved_id = saved_id
        self.saved = True
        super().accept()

    def reject(self) -> None:
        if not self._saving:  # Esc while saving would hide a save that still happens
            super().reject()
