"""The phrase parser against the wording of real plans (KH 125/KH-BCĐ and similar)."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from models.deadlines import Deadline, DeadlineKind, Frequency, Recurrence, parse_deadline

REF = date(2026, 4, 10)
FIXTURE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "fixtures"
    / "appendix"
    / "KH125-phu-luc.expected.json"
)

ONCE, MILESTONES = DeadlineKind.ONCE, DeadlineKind.MILESTONES
RECURRING, CONTINUOUS, UNKNOWN = DeadlineKind.RECURRING, DeadlineKind.CONTINUOUS, DeadlineKind.UNKNOWN
M, W, Q, Y = Frequency.MONTHLY, Frequency.WEEKLY, Frequency.QUARTERLY, Frequency.YEARLY


def d(text: str) -> date:
    return date.fromisoformat(text)


DATED: list[tuple[str, DeadlineKind, list[str]]] = [
    # the acceptance fixture's phrases
    ("Tháng 4/2026", ONCE, ["2026-04-30"]),
    ("Hoàn thành trong tháng 5/2026", ONCE, ["2026-05-31"]),
    ("Quý II/2026", ONCE, ["2026-06-30"]),
    ("Quý II, III/2026", ONCE, ["2026-09-30"]),
    ("Quý III, IV/2026", ONCE, ["2026-12-31"]),
    ("6 tháng cuối năm 2026", ONCE, ["2026-12-31"]),
    ("6 tháng đầu năm 2026", ONCE, ["2026-06-30"]),
    ("Năm 2026", ONCE, ["2026-12-31"]),
    ("Giai đoạn 2026 - 2030", ONCE, ["2030-12-31"]),
    ("30/9/2026", ONCE, ["2026-09-30"]),
    ("Trước 30/4/2026", ONCE, ["2026-04-30"]),
    ("Trước ngày 25/6/2026", ONCE, ["2026-06-25"]),
    ("31/12/2026", ONCE, ["2026-12-31"]),
    ("Tháng 6 và tháng 12/2026", MILESTONES, ["2026-06-30", "2026-12-31"]),
    # spelling and punctuation variants
    ("Quy III/2026", ONCE, ["2026-09-30"]),
    ("QUÝ IV/2026", ONCE, ["2026-12-31"]),
    ("Quý 4/2026", ONCE, ["2026-12-31"]),
    ("Quý I/2027", ONCE, ["2027-03-31"]),
    ("Quý I năm 2027", ONCE, ["2027-03-31"]),
    ("quý  II / 2026", ONCE, ["2026-06-30"]),
    ("Quý II và quý III/2026", ONCE, ["2026-09-30"]),
    ("Quý IV/2026 và Quý I/2027", ONCE, ["2027-03-31"]),
    ("Tháng 02/2028", ONCE, ["2028-02-29"]),
    ("tháng 2 năm 2026", ONCE, ["2026-02-28"]),
    ("Tháng 3, 6, 9 và 12/2026", MILESTONES, ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]),
    ("Tháng 6/2026 và tháng 3/2027", MILESTONES, ["2026-06-30", "2027-03-31"]),
    ("Tháng 3-5/2026", ONCE, ["2026-05-31"]),
    ("Trong năm 2026", ONCE, ["2026-12-31"]),
    ("Đến hết năm 2026", ONCE, ["2026-12-31"]),
    ("Chậm nhất ngày 15/10/2026", ONCE, ["2026-10-15"]),
    ("Trước ngày 15/7", ONCE, ["2026-07-15"]),
    ("Tháng 7", ONCE, ["2026-07-31"]),
    ("Quý III", ONCE, ["2026-09-30"]),
    ("15-7-2026", ONCE, ["2026-07-15"]),
    ("15.07.2026", ONCE, ["2026-07-15"]),
    ("ngày 15 tháng 7 năm 2026", ONCE, ["2026-07-15"]),
    ("Trước ngày 15 tháng 7", ONCE, ["2026-07-15"]),
    ("Trước 16h00 ngày 30/4/2026", ONCE, ["2026-04-30"]),
    ("Từ 01/5/2026 đến 30/6/2026", ONCE, ["2026-06-30"]),
    ("30/6/2026 và 31/12/2026", MILESTONES, ["2026-06-30", "2026-12-31"]),
    ("29/02/2028", ONCE, ["2028-02-29"]),
    ("9 tháng đầu năm 2026", ONCE, ["2026-09-30"]),
    ("Nửa cuối năm 2026", ONCE, ["2026-12-31"]),
    ("Giai đoạn 2026–2030", ONCE, ["2030-12-31"]),
    ("Từ năm 2026 đến năm 2028", ONCE, ["2028-12-31"]),
    ("2027", ONCE, ["2027-12-31"]),
]


@pytest.mark.parametrize(("text", "kind", "dates"), DATED)
def test_dated_phrases(text: str, kind: DeadlineKind, dates: list[str]) -> None:
    parsed = parse_deadline(text, REF)
    assert (parsed.kind, [x.isoformat() for x in parsed.dates]) == (kind, dates)
    assert parsed.due == d(dates[-1])
    assert parsed.recurrence is None
    assert parsed.text == text


RECURRING_CASES: list[tuple[str, Recurrence]] = [
    ("Trước ngày 09 hằng tháng", Recurrence(M, day=9)),
    ("Trước 16h00 ngày 25 hằng tháng", Recurrence(M, day=25, time=time(16, 0))),
    ("Hằng tháng", Recurrence(M)),
    ("Định kỳ hằng tháng", Recurrence(M)),
    ("hàng tháng", Recurrence(M)),
    ("hang thang", Recurrence(M)),
    ("Ngày cuối cùng hằng tháng", Recurrence(M)),
    ("Mỗi tháng", Recurrence(M)),
    ("mùng 5 hằng tháng", Recurrence(M, day=5)),
    ("Trước 15 giờ 30 ngày 20 hằng tháng", Recurrence(M, day=20, time=time(15, 30))),
    ("Hằng quý", Recurrence(Q)),
    ("Ngày 20 tháng cuối quý", Recurrence(Q, day=20)),
    ("trước ngày 20 của tháng cuối quý", Recurrence(Q, day=20)),
    ("Trước ngày 20 tháng cuối hằng quý", Recurrence(Q, day=20)),
    ("hằng tuần", Recurrence(W)),
    ("Thứ Sáu hằng tuần", Recurrence(W, day=4)),
    ("trước 15h00 thứ Năm hằng tuần", Recurrence(W, day=3, time=time(15, 0))),
    ("Thứ 2 hàng tuần", Recurrence(W, day=0)),
    ("Chủ nhật hằng tuần", Recurrence(W, day=6)),
    ("hằng năm", Recurrence(Y)),
    ("Trước ngày 15/12 hằng năm", Recurrence(Y, day=15, month=12)),
    ("Trước ngày 15 tháng 12 hằng năm", Recurrence(Y, day=15, month=12)),
    ("Tháng 6 hằng năm", Recurrence(Y, month=6)),
    ("Hằng tháng, từ tháng 5/2026", Recurrence(M, start=d("2026-05-01"))),
    (
        "Hằng quý từ quý II/2026 đến hết năm 2027",
        Recurrence(Q, start=d("2026-04-01"), until=d("2027-12-31")),
    ),
    ("Ngày 09 hằng tháng đến tháng 12/2026", Recurrence(M, day=9, until=d("2026-12-31"))),
]


@pytest.mark.parametrize(("text", "recurrence"), RECURRING_CASES)
def test_recurring_phrases(text: str, recurrence: Recurrence) -> None:
    parsed = parse_deadline(text, REF)
    assert parsed == Deadline(text, RECURRING, recurrence=recurrence)
    assert parsed.due is None


@pytest.mark.parametrize(
    "text",
    ["Thường xuyên", "thuong xuyen", "Liên tục", "Thường xuyên, liên tục", "THƯỜNG XUYÊN"],
)
def test_continuous_phrases(text: str) -> None:
    assert parse_deadline(text, REF) == Deadline(text, CONTINUOUS)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Theo tiến độ",
        "Chưa xác định",
        "Khi có yêu cầu",
        "Đột xuất",
        "31/2/2026",
        "30/02/2026",
        "29/2/2027",
        "32/1/2026",
        "Tháng 13/2026",
        "Quý 5/2026",
        "Quý V/2026",
        "Giai đoạn 2030 - 2026",
        "Hoàn thành trong 30 ngày",
        "ngày 32 hằng tháng",
        "Trước ngày 31/2 hằng năm",
        "25h00 hằng ngày thứ Hai hằng tuần",
        "Ngày 15 tháng đầu quý sau, hằng quý",
        "sớm nhất có thể",
        # years that are no calendar years: a school year, a term of office, a crop season
        "Năm học 2026-2027",
        "Trong năm học 2026-2027",
        "Hoàn thành trong năm học 2026 - 2027",
        "Niên độ 2026-2027",
        "Niên khóa 2026-2030",
        "Nhiệm kỳ 2025-2030",
        "Trong nhiệm kỳ 2025 - 2030",
        "Vụ Đông Xuân 2026-2027",
        "Hằng tháng trong năm học 2026-2027",
    ],
)
def test_unknown_phrases(text: str) -> None:
    assert parse_deadline(text, REF) == Deadline(text, UNKNOWN)


@pytest.mark.parametrize("text", ["Trước ngày 15/7", "Tháng 7", "Quý III", "6 tháng đầu năm"])
def test_missing_year_without_reference_is_unknown(text: str) -> None:
    assert parse_deadline(text).kind is UNKNOWN


def test_reference_is_not_the_recurrence_start() -> None:
    parsed = parse_deadline("Trước ngày 09 hằng tháng", REF)
    assert parsed.recurrence is not None
    assert parsed.recurrence.start is None


def test_explicit_year_beats_reference() -> None:
    assert parse_deadline("Quý I/2027", date(2020, 1, 1)).due == date(2027, 3, 31)


def test_month_list_borrows_the_written_year_over_reference() -> None:
    assert parse_deadline("Tháng 6 và tháng 12/2027", REF).dates == (date(2027, 6, 30), date(2027, 12, 31))


def test_decomposed_unicode_input() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Quý II, III/2026")
    assert parse_deadline(text).due == date(2026, 9, 30)


def _expected_deadline(task: dict[str, Any]) -> tuple[Any, ...]:
    rec = task.get("recurrence")
    return (
        task["deadline_kind"],
        task.get("due"),
        task.get("milestones"),
        rec,
        task.get("recurrence_day") if rec else None,
    )


def _actual_deadline(parsed: Deadline) -> tuple[Any, ...]:
    rec = parsed.recurrence
    return (
        parsed.kind.value,
        parsed.due.isoformat() if parsed.due else None,
        [x.isoformat() for x in parsed.dates] if parsed.kind is MILESTONES else None,
        rec.freq.value if rec else None,
        rec.day if rec else None,
    )


@pytest.mark.skipif(not FIXTURE.exists(), reason="shared acceptance fixture not available")
def test_acceptance_fixture_deadlines() -> None:
    tasks = json.loads(FIXTURE.read_text(encoding="utf-8"))["tasks"]
    assert tasks
    for task in tasks:
        parsed = parse_deadline(task["deadline_text"], REF)
        assert _actual_deadline(parsed) == _expected_deadline(task), task["deadline_text"]
