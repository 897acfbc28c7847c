"""A page that lists service rows in a table: load, count, keep the selection, report changes.

The directive, agency and indicator pages differ only in what they load and which buttons act
on the selected row; the reload-and-reselect logic lives here so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel

from app.errors import DatabaseDamaged, UserError
from views import damage_notice
from views.lazy_page import LazyPage
from views.rows_model import Column, RowsTableModel
from views.table_view import make_table, selected_row


class HasId(Protocol):
    @property
    def id(self) -> int: ...


RowT = TypeVar("RowT", bound=HasId)


class RowsPage(LazyPage, Generic[RowT]):
    """Subclasses call ``init_table()``, then implement ``load_rows``, ``count_text`` and the hooks."""

    #: After a reload with nothing to keep, select the first row (so its buttons are usable).
    select_first = True

    def init_table(self, columns: Sequence[Column[RowT]], widths: Sequence[int], stretch: int | None) -> None:
        """Create ``model``, ``table`` and ``count_label``, wired to the selection hooks and to
        the change broadcast."""
        self.listen_to_changes()
        self.model: RowsTableModel[RowT] = RowsTableModel(columns, lambda r: r.id, self)
        self.table = make_table(self.model, widths, stretch=stretch)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.count_label = QLabel()

    def load_rows(self) -> list[RowT]:
        """Ask the service for the rows; a ``UserError`` is shown and the table left as it was."""
        raise NotImplementedError

    def count_text(self, count: int) -> str:
        raise NotImplementedError

    def _update_buttons(self) -> None:
        """Enable the buttons that need a selected row."""

    def _double_clicked(self, _index: QModelIndex) -> None:
        """What a double click on a row does."""

    def refresh(self, keep: int | None = None) -> None:
        self._stale = False
        keep = keep if keep is not None else self.current_id()
        try:
            rows = self.load_rows()
        except UserError as exc:
            if isinstance(exc, DatabaseDamaged):
                self.model.set_rows([])  # no rows of a database that cannot be read
            damage_notice.show_load_error(self, self.count_label, exc)
            return
        self.model.set_rows(rows)
        damage_notice.clear(self.count_label)
        self.count_label.setText(self.count_text(len(rows)))
        row = self.model.row_of_id(keep) if keep is not None else -1
        if row >= 0 or self.select_first:
            self.table.selectRow(row if row >= 0 else 0)
        self._update_buttons()

    def current_row(self) -> RowT | None:
        return self.model.row_at(selected_row(self.table))

    def current_id(self) -> int | None:
        row = self.current_row()
        return row.id if row else None

    def saved(self, row_id: int) -> None:
        """After an add or edit: the broadcast has reloaded the page; select the saved row."""
        if self._stale:
            self.refresh(keep=row_id)
            return
        row = self.model.row_of_id(row_id)
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()
