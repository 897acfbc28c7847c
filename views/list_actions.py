"""Add / edit / delete as the list pages do them, so every page asks and reacts the same way.

A page builds the dialog (through its overridable factory, for tests) and says what to do after a
save; deleting always asks first and shows a refusal from the service instead of raising.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from app.changes import OpResult
from app.errors import UserError
from views import messages
from views.operations import runner


class EditDialog(Protocol):
    """What the pages need of a dialog: run it modally, then read the id it saved (if any)."""

    saved_id: int | None

    def exec(self) -> int: ...


def run_edit_dialog(dialog: EditDialog, on_saved: Callable[[int], None]) -> None:
    """Show the dialog; ``on_saved`` gets the id only when the user saved (not on Cancel)."""
    if dialog.exec() and dialog.saved_id is not None:
        on_saved(dialog.saved_id)


def confirm_and_delete(parent: QWidget, question: str, delete: Callable[[], OpResult[Any]]) -> bool:
    """Ask ``question`` (Xóa / Hủy, Hủy the default); if agreed, run the delete operation (its
    changes are broadcast). False when declined or the service refused (shown)."""
    if not messages.confirm(parent, question, "Xóa", "Hủy"):
        return False
    try:
        runner().run_modal(parent, delete)
    except UserError as exc:
        messages.show_error(parent, str(exc))
        return False
    return True
