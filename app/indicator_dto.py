"""What the indicator history hands out: every value stored for one indicator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class IndicatorValueItem:
    """One stored value: its period code ("2026-Q3"), the number, the day reported, the note.

    The register keeps one value per period: entering a period again replaces it (the old number
    is not kept), so this is the history of periods, not of keystrokes.
    """

    id: int
    period: str
    value: float
    reported_on: date | None
    note: str
