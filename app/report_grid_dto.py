"""What the periodic-reports grid hands out: plain frozen dataclasses (the window, the command
line and the Excel export read the same rows)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from models.parties import Role
from models.report_grid import CellState, GridColumn, Slot, Tally, combined_state, slot_to_enter

GRID_RULE = (
    "Mỗi nhiệm vụ định kỳ đang thực hiện phải có một báo cáo hoàn thành cho mỗi kỳ, của mỗi cơ quan "
    "chủ trì và phối hợp (với cơ quan phối hợp, báo cáo của cơ quan chủ trì cũng được tính). "
    "Kỳ có hạn trước ngày xem mà chưa nhận báo cáo là «thiếu»; kỳ trước ngày bắt đầu của nhiệm vụ "
    "(ngày ban hành văn bản) không phải báo cáo."
)

# What a one-occurrence cell shows (the page and the Excel export alike); a column holding
# several due dates shows "received/owed" (cell_text).
STATE_MARK: dict[CellState, str] = {
    CellState.ON_TIME: "✓",
    CellState.LATE: "Trễ",
    CellState.MISSING: "Thiếu",
    CellState.NOT_DUE: "",
    CellState.NOT_EXPECTED: "–",
    CellState.NONE: "",
}


@dataclass(frozen=True)
class SlotReport:
    """A report behind a slot: its id, number and day (for the tooltip and to open it)."""

    report_id: int
    doc_number: str
    received_on: date
    done: bool


class GridCell(NamedTuple):
    """One column of one row: its due dates with their states, and the reports behind them.

    (A NamedTuple, like Slot: a year of the grid on five years of data holds about 90,000.)"""

    slots: tuple[Slot, ...] = ()
    reports: tuple[SlotReport, ...] = ()

    @property
    def state(self) -> CellState:
        return combined_state([s.state for s in self.slots])

    @property
    def report_ids(self) -> tuple[int, ...]:
        return tuple(r.report_id for r in self.reports)

    @property
    def owed(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.expected)

    @property
    def to_enter(self) -> Slot | None:
        """The occurrence a report entered from this cell answers (models.report_grid.slot_to_enter)."""
        return slot_to_enter(self.slots)


@dataclass(eq=False)  # not frozen: a frozen init costs more, and a grid has thousands of rows
class GridRow:
    """One (recurring task, agency or group) pair: an assignment, and its cells column by column.

    ``tally`` counts the occurrences inside the grid's span as the update rate does."""

    assignment_id: int
    task_id: int
    directive_id: int
    directive_number: str
    content: str
    deadline_text: str
    party: str
    agency_id: int | None
    group_id: int | None
    role: Role
    tally: Tally
    # Draws the cells on first use (``cells``): a page shows a screenful, so a year of the grid on
    # five years of data need not build ninety thousand cells before it can show anything.
    draw: Callable[[], tuple[GridCell, ...]] = field(repr=False, compare=False)
    # The state of column i without drawing the row (for sorting by a period column).
    state_of: Callable[[int], CellState] = field(repr=False, compare=False)

    @cached_property
    def cells(self) -> tuple[GridCell, ...]:
        return self.draw()

    def state_at(self, column: int) -> CellState:
        drawn = self.__dict__.get("cells")
        return drawn[column].state if drawn is not None else self.state_of(column)

    @property
    def key(self) -> tuple[int, int]:
        return (self.task_id, self.assignment_id)


@dataclass(frozen=True)
class ReportGrid:
    as_of: date
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]

    @property
    def tally(self) -> Tally:
        total = Tally()
        for row in self.rows:
            total = total + row.tally
        return total


def cell_text(cell: GridCell) -> str:
    """The mark of a one-occurrence cell, or "received/owed" for a column of several due dates."""
    owed = cell.owed
    if len(owed) <= 1:
        return STATE_MARK[cell.state]
    received = sum(s.state in (CellState.ON_TIME, CellState.LATE) for s in owed)
    return f"{received}/{len(owed)}"


def party_text(row: GridRow) -> str:
    return row.party + (" (phối hợp)" if row.role is Role.COOPERATING else "")
