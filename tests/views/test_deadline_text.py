"""The words the task dialog shows for what a deadline phrase was understood as."""

from __future__ import annotations

from datetime import date

import pytest

from views.deadline_text import NOT_UNDERSTOOD, understood_as

REF = date(2026, 4, 10)


@pytest.mark.parametrize(
    ("text", "shown", "ok"),
    [
        ("Trước 30/4/2026", "Một lần, hạn 30/04/2026", True),
        ("Quý II/2026", "Một lần, hạn 30/06/2026", True),
        ("Trước ngày 09 hằng tháng", "Hằng tháng, ngày 9", True),
        ("Thường xuyên", "Thường xuyên", True),
        ("khi nào xong thì báo", NOT_UNDERSTOOD, False),
        ("", "Chưa nhập thời hạn", False),
    ],
)
def test_understood_as(text: str, shown: str, ok: bool) -> None:
    assert understood_as(text, REF) == (shown, ok)


def test_milestones_list_every_date() -> None:
    text, ok = understood_as("Tháng 6 và tháng 12/2026", REF)
    assert ok and text == "Nhiều mốc: 30/06/2026, 31/12/2026"
