"""Reading a combo box's current item data without ever asking Qt for an empty value."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def combo_data(combo: QComboBox) -> int | str | None:
    """The current item's data (int or str); None when no item is current."""
    if combo.currentIndex() < 0:
        return None
    value = combo.currentData()
    return value if isinstance(value, int | str) else None


def combo_id(combo: QComboBox) -> int | None:
    value = combo_data(combo)
    return value if isinstance(value, int) else None


def select_data(combo: QComboBox, value: int | str | None, fallback: int = 0) -> None:
    n = combo.findData(value) if value is not None else -1
    combo.setCurrentIndex(n if n >= 0 else fallback)
