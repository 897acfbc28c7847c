"""«These tasks»: what a number clicked on the overview or the scoreboard hands the task list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TaskSelection:
    """The task ids behind a number, and how the list's chip names them
    (``label``: "12 nhiệm vụ quá hạn tại 26/11/2026")."""

    ids: tuple[int, ...]
    label: str


@dataclass(frozen=True)
class Link:
    """A number on a page that lists its tasks when clicked: ``fetch`` (run off the GUI thread)
    returns the ids; ``what`` completes the chip's sentence after "N nhiệm vụ"."""

    count: int
    what: str
    fetch: Callable[[], list[int]]

    def selection(self, ids: list[int]) -> TaskSelection:
        return TaskSelection(tuple(ids), f"{len(ids)} nhiệm vụ {self.what}")
