"""Names in Vietnamese alphabetical order (a ă â b c d đ e ê …), for the follow-up tables.

Qt's collator with the Vietnamese locale (ICU, shipped in the PySide6 wheels) does the work;
a table sorts by the rank this gives, so a header click is an integer comparison.
(The task tables' engineer is adding models/vn_collation.py on another branch: once merged,
``ranks`` can use its ``sort_key`` instead, with the same result for these names.)
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCollator, QLocale

_COLLATOR = QCollator(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
_COLLATOR.setNumericMode(True)  # "Quyết định 5" before "Quyết định 12"


def vn_sorted(names: Iterable[str]) -> list[str]:
    return sorted(names, key=_COLLATOR.sortKey)


def ranks(names: Iterable[str]) -> dict[str, int]:
    """Each distinct name's place in Vietnamese order (0 first)."""
    return {name: n for n, name in enumerate(vn_sorted(set(names)))}
