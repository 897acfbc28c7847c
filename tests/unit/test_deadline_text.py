"""The one deadline-to-text renderer: the task dialog's hint, the import preview's cell, the
detail panel's line and a letter's "Thời hạn" cell."""

from __future__ import annotations

from datetime import date, time

import pytest

from models.deadline_text import (
    NOT_ENTERED,
    NOT_UNDERSTOOD,
    deadline_summary,
    describe_deadline,
    kind_label,
    letter_due,
    meaning_cell,
    understood_as,
)
from models.deadlines import Deadline, DeadlineKind, Frequency, Recurrence, parse_deadline

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
        ("   ", "Chưa nhập thời hạn", False),
        ("Chưa xác định", NOT_UNDERSTOOD, False),
        ("Năm 2026", "Một lần, hạn 31/12/2026", True),
        ("6 tháng đầu năm 2026", "Một lần, hạn 30/06/2026", True),
        ("Trước 16h00 ngày 25 hằng tháng", "Hằng tháng, ngày 25, 16:00", True),
        ("Định kỳ hằng tháng", "Hằng tháng, ngày cuối tháng", True),
        ("Thứ Sáu hằng tuần", "Hằng tuần, thứ Sáu", True),
        ("Hằng tuần", "Hằng tuần, cuối tuần", True),
        ("Hằng quý", "Hằng quý, ngày cuối quý", True),
        ("Ngày 20 tháng cuối quý", "Hằng quý, ngày 20 tháng cuối quý", True),
        ("Hằng năm", "Hằng năm, cuối tháng 12", True),
        ("Ngày 15/12 hằng năm", "Hằng năm, ngày 15/12", True),
        ("Ngày 09 hằng tháng đến tháng 12/2026", "Hằng tháng, ngày 9, đến 31/12/2026", True),
    ],
)
def test_understood_as(text: str, shown: str, ok: bool) -> None:
    assert understood_as(text, REF) == (shown, ok)


def test_milestones_list_every_date() -> None:
    text, ok = understood_as("Tháng 6 và tháng 12/2026", REF)
    assert ok and text == "Nhiều mốc: 30/06/2026, 31/12/2026"


def test_a_missing_year_comes_from_the_reference() -> None:
    assert understood_as("Trước 15/7", REF) == ("Một lần, hạn 15/07/2026", True)
    assert understood_as("Trước 15/7", date(2027, 1, 1)) == ("Một lần, hạn 15/07/2027", True)
    assert understood_as("Trước 15/7", None) == (NOT_UNDERSTOOD, False)


@pytest.mark.parametrize(
    ("rec", "shown"),
    [
        (Recurrence(Frequency.WEEKLY, day=0), "Hằng tuần, thứ Hai"),
        (Recurrence(Frequency.WEEKLY, day=6), "Hằng tuần, Chủ nhật"),
        (Recurrence(Frequency.MONTHLY, day=31), "Hằng tháng, ngày 31"),
        (Recurrence(Frequency.YEARLY, day=None, month=6), "Hằng năm, cuối tháng 6"),
        (Recurrence(Frequency.YEARLY, day=5, month=None), "Hằng năm, ngày 5/12"),
        (
            Recurrence(
                Frequency.MONTHLY, day=9, time=time(8, 5), start=date(2026, 2, 1), until=date(2026, 11, 30)
            ),
            "Hằng tháng, ngày 9, 08:05, từ 01/02/2026, đến 30/11/2026",
        ),
    ],
)
def test_every_recurrence_part_is_named(rec: Recurrence, shown: str) -> None:
    deadline = Deadline("x", DeadlineKind.RECURRING, recurrence=rec)
    assert describe_deadline(deadline) == (shown, True)


def test_meaning_cell_is_the_same_words_and_blank_when_nothing_was_entered() -> None:
    for text in ("Quý II/2026", "Trước ngày 09 hằng tháng", "Thường xuyên", "lúc nào cũng được"):
        d = parse_deadline(text, REF)
        assert meaning_cell(d) == describe_deadline(d)[0]
    assert meaning_cell(parse_deadline("", REF)) == ""
    assert meaning_cell(parse_deadline("  ", REF)) == ""
    assert describe_deadline(parse_deadline("", REF))[0] == NOT_ENTERED


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (DeadlineKind.ONCE, "một lần"),
        ("milestones", "nhiều mốc"),
        (DeadlineKind.RECURRING, "định kỳ"),
        ("continuous", "thường xuyên"),
        (DeadlineKind.UNKNOWN, "chưa rõ"),
        ("something-else", "something-else"),
    ],
)
def test_kind_label(kind: DeadlineKind | str, label: str) -> None:
    assert kind_label(kind) == label


def test_deadline_summary_for_the_detail_panel() -> None:
    assert (
        deadline_summary("Quý II/2026", DeadlineKind.ONCE, date(2026, 6, 30))
        == "Quý II/2026 (một lần); hạn tiếp theo: 30/06/2026"
    )
    assert deadline_summary("Thường xuyên", "continuous", None) == "Thường xuyên (thường xuyên)"
    assert deadline_summary("", DeadlineKind.UNKNOWN, None) == "(chưa ghi) (chưa rõ)"


def test_letter_due_prints_the_phrase_as_written_else_the_short_date() -> None:
    assert letter_due("Quý II/2026", date(2026, 6, 30)) == "Quý II/2026"
    assert letter_due("", date(2026, 4, 1)) == "01/4/2026"
    assert letter_due("", date(2026, 11, 5)) == "05/11/2026"
    assert letter_due("", None) == ""
