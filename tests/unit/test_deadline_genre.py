"""Deadline wordings of appendices nobody on the project wrote (issue 11): central action
programmes for NQ 57, other provinces' plans and progress tables.

Every phrase is either read, with its «Hiểu là» words, or flagged (UNKNOWN); never a guess.
"""

from __future__ import annotations

from datetime import date

import pytest

from models.deadline_text import describe_deadline, understood_as
from models.deadlines import (
    Deadline,
    DeadlineKind,
    Frequency,
    Milestone,
    Recurrence,
    occurrences,
    parse_deadline,
)

REF = date(2025, 5, 10)  # the plan's issuing date: gives a missing year
ONCE, MILESTONES = DeadlineKind.ONCE, DeadlineKind.MILESTONES
RECURRING, UNKNOWN = DeadlineKind.RECURRING, DeadlineKind.UNKNOWN
H, Q, Y = Frequency.HALF_YEARLY, Frequency.QUARTERLY, Frequency.YEARLY


# ------------------------------------------------------------------ a month and a year


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("6/2025", date(2025, 6, 30)),
        ("06/2025", date(2025, 6, 30)),
        ("T6/2026", date(2026, 6, 30)),
        ("T.6/2026", date(2026, 6, 30)),
        ("t6/2026", date(2026, 6, 30)),
        ("tháng 3/2026", date(2026, 3, 31)),
        ("3/2026", date(2026, 3, 31)),
        ("02/2028", date(2028, 2, 29)),
        ("12/2025", date(2025, 12, 31)),
        ("06-2025", date(2025, 6, 30)),
        ("06.2025", date(2025, 6, 30)),
        ("Hoàn thành 6/2025", date(2025, 6, 30)),
        ("Trước 06/2025", date(2025, 6, 30)),
        ("Trong 6/2025", date(2025, 6, 30)),
        ("Hoàn thành trước T10/2025", date(2025, 10, 31)),
        ("Quý 4/2026", date(2026, 12, 31)),  # a quarter, not April
        ("Quý 3, 4/2026", date(2026, 12, 31)),
        ("Tháng 3-5/2026", date(2026, 5, 31)),
        ("ngày 15 tháng 6/2025", date(2025, 6, 15)),
        ("15/6/2025", date(2025, 6, 15)),
        ("Hoàn thành giai đoạn 2 năm 2028", date(2028, 12, 31)),  # "2 năm 2028" is no month
    ],
)
def test_bare_month_and_year_is_the_end_of_that_month(text: str, due: date) -> None:
    assert parse_deadline(text, REF).due == due


def test_bare_month_is_understood_with_its_words() -> None:
    assert understood_as("6/2025", REF) == ("Một lần, hạn 30/06/2025", True)
    assert understood_as("T6/2026", None) == ("Một lần, hạn 30/06/2026", True)


def test_month_lists_keep_reading_as_milestones() -> None:
    assert parse_deadline("Tháng 3, 6, 9 và 12/2026", REF).dates == (
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 31),
    )
    assert parse_deadline("Tháng 6 và 12/2026", REF).dates == (date(2026, 6, 30), date(2026, 12, 31))
    assert parse_deadline("6/2026 và 12/2026", REF).dates == (date(2026, 6, 30), date(2026, 12, 31))


# ------------------------------------------------------------------ from a year on


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2025 và những năm tiếp theo", date(2025, 1, 1)),
        ("Năm 2026 và các năm tiếp theo", date(2026, 1, 1)),
        ("Năm 2025 và các năm tiếp theo", date(2025, 1, 1)),
        ("2026 và các năm sau", date(2026, 1, 1)),
        ("Năm 2026, các năm tiếp theo", date(2026, 1, 1)),
        ("Từ năm 2026 trở đi", date(2026, 1, 1)),
        ("Hằng năm, từ năm 2026", date(2026, 1, 1)),
    ],
)
def test_from_a_year_on_is_a_yearly_duty(text: str, start: date) -> None:
    parsed = parse_deadline(text, REF)
    assert parsed == Deadline(text, RECURRING, recurrence=Recurrence(Y, start=start))
    assert describe_deadline(parsed) == (f"Hằng năm, cuối tháng 12, từ năm {start.year}", True)
    assert occurrences(parsed, date(2024, 1, 1), date(2027, 12, 31))[0] == date(start.year, 12, 31)


def test_every_year_alone() -> None:
    assert parse_deadline("Hằng năm", REF) == Deadline("Hằng năm", RECURRING, recurrence=Recurrence(Y))
    assert understood_as("Hằng năm", REF) == ("Hằng năm, cuối tháng 12", True)


# ------------------------------------------------------------------ every six months


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Định kỳ 6 tháng", None),
        ("Định kỳ 6 tháng, hằng năm", None),
        ("Định kỳ 06 tháng, hằng năm", None),
        ("Hằng 6 tháng", None),
        ("6 tháng một lần", None),
        ("Định kỳ 6 tháng và hằng năm", None),
        ("Tháng 6 và tháng 12 hằng năm", None),
        ("Trước ngày 15/6 và 15/12 hằng năm", 15),
        ("Trước ngày 15/6 và ngày 15/12 hằng năm", 15),
    ],
)
def test_half_yearly(text: str, day: int | None) -> None:
    parsed = parse_deadline(text, REF)
    assert parsed.recurrence == Recurrence(H, day=day)
    dues = occurrences(parsed, date(2026, 1, 1), date(2026, 12, 31))
    assert [d.month for d in dues] == [6, 12]  # twice a year, not once


def test_fifteenth_of_june_and_december_is_said_in_full() -> None:
    assert understood_as("Trước ngày 15/6 và 15/12 hằng năm", REF) == (
        "Hằng 6 tháng, ngày 15 tháng 6 và tháng 12",
        True,
    )


def test_four_quarter_months_a_year_are_quarterly() -> None:
    parsed = parse_deadline("Ngày 20/3, 20/6, 20/9 và 20/12 hằng năm", REF)
    assert parsed.recurrence == Recurrence(Q, day=20)


@pytest.mark.parametrize(
    "text",
    [
        "Trước ngày 15/3 và 20/9 hằng năm",  # two days no recurrence holds
        "Trước ngày 15/6 và 20/12 hằng năm",  # different days
        "Tháng 3 và tháng 9 hằng năm",
    ],
)
def test_several_days_a_year_that_fit_no_recurrence_are_flagged(text: str) -> None:
    assert parse_deadline(text, REF) == Deadline(text, UNKNOWN)


# ------------------------------------------------------------------ progress sentences

PROGRESS = (
    "Khởi động quý IV/2026; hoàn thành giai đoạn 1 quý II/2027; "
    "hoàn thành giai đoạn 2 năm 2028; duy trì đến 2030"
)


def test_progress_sentence_gives_milestones_each_with_its_words() -> None:
    parsed = parse_deadline(PROGRESS, REF)
    assert parsed.kind is MILESTONES
    assert parsed.milestones == (
        Milestone(date(2026, 12, 31), "Khởi động quý IV/2026"),
        Milestone(date(2027, 6, 30), "hoàn thành giai đoạn 1 quý II/2027"),
        Milestone(date(2028, 12, 31), "hoàn thành giai đoạn 2 năm 2028"),
        Milestone(date(2030, 12, 31), "duy trì đến 2030"),
    )
    assert parsed.due == date(2030, 12, 31)
    assert parsed.text == PROGRESS
    text, ok = describe_deadline(parsed)
    assert ok
    assert text == (
        "Nhiều mốc: 31/12/2026 (Khởi động quý IV/2026); 30/06/2027 (hoàn thành giai đoạn 1 quý II/2027); "
        "31/12/2028 (hoàn thành giai đoạn 2 năm 2028); 31/12/2030 (duy trì đến 2030)"
    )


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        (
            "Khởi động quý IV/2026, hoàn thành năm 2028",
            [(date(2026, 12, 31), "Khởi động quý IV/2026"), (date(2028, 12, 31), "hoàn thành năm 2028")],
        ),
        (
            "Xây dựng đề án tháng 6/2025;\nTriển khai thí điểm năm 2026;\nNhân rộng giai đoạn 2027 - 2030",
            [
                (date(2025, 6, 30), "Xây dựng đề án tháng 6/2025"),
                (date(2026, 12, 31), "Triển khai thí điểm năm 2026"),
                (date(2030, 12, 31), "Nhân rộng giai đoạn 2027 - 2030"),
            ],
        ),
        (
            "Ban hành kế hoạch 6/2025; tổ chức triển khai; sơ kết 12/2026",
            [
                (date(2025, 6, 30), "Ban hành kế hoạch 6/2025; tổ chức triển khai"),
                (date(2026, 12, 31), "sơ kết 12/2026"),
            ],
        ),
        (
            "Tháng 6/2026, tháng 3/2027",
            [(date(2026, 6, 30), "Tháng 6/2026"), (date(2027, 3, 31), "tháng 3/2027")],
        ),
    ],
)
def test_more_progress_sentences(text: str, steps: list[tuple[date, str]]) -> None:
    parsed = parse_deadline(text, REF)
    assert parsed.kind is MILESTONES
    assert [(m.due, m.words) for m in parsed.milestones] == steps


def test_one_dated_step_with_words_is_one_deadline() -> None:
    assert parse_deadline("Quý II/2026; báo cáo kết quả", REF).dates == (date(2026, 6, 30),)


@pytest.mark.parametrize(
    "text",
    [
        "Quý IV/2026 hoàn thành năm 2028",  # a year the reading left out
        "Quý II/2026; hằng quý",  # a dated step and a recurring one: no single reading holds both
        "Khởi động quý IV/2026; hoàn thành quý V/2027",  # a step that names an impossible date
        "Năm 2025, hoàn thành tháng 13/2026",
    ],
)
def test_partly_read_sentences_are_flagged(text: str) -> None:
    parsed = parse_deadline(text, REF)
    assert parsed == Deadline(text, UNKNOWN)
    assert describe_deadline(parsed) == ("Chưa hiểu được thời hạn", False)


def test_continuous_work_with_periodic_reports_stays_recurring() -> None:
    parsed = parse_deadline("Thường xuyên; báo cáo hằng quý", REF)
    assert parsed.recurrence == Recurrence(Q)


# ------------------------------------------------------------------ quarters and day ranges


@pytest.mark.parametrize(
    ("text", "kind", "dates"),
    [
        ("Quý II, III/2026", ONCE, [date(2026, 9, 30)]),
        ("Quý III, IV/2026", ONCE, [date(2026, 12, 31)]),
        ("Quý II và quý IV/2026", MILESTONES, [date(2026, 6, 30), date(2026, 12, 31)]),  # a gap
        ("Quý I, III/2027", MILESTONES, [date(2027, 3, 31), date(2027, 9, 30)]),
        ("Quý II - III/2026", ONCE, [date(2026, 9, 30)]),
        ("18 - 26/9", ONCE, [date(2025, 9, 26)]),
        ("18-26/9", ONCE, [date(2025, 9, 26)]),
        ("Từ 18 - 26/9", ONCE, [date(2025, 9, 26)]),
        ("Ngày 18 - 26/9/2026", ONCE, [date(2026, 9, 26)]),
    ],
)
def test_quarter_lists_and_day_ranges(text: str, kind: DeadlineKind, dates: list[date]) -> None:
    parsed = parse_deadline(text, REF)
    assert (parsed.kind, list(parsed.dates)) == (kind, dates)


def test_consecutive_quarters_are_one_stretch_and_say_so() -> None:
    """ "Quý II, III/2026" was 30/09 without a word; the reading now names the stretch."""
    parsed = parse_deadline("Quý II, III/2026", REF)
    assert parsed.start == date(2026, 4, 1)
    assert understood_as("Quý II, III/2026", REF) == (
        "Một lần, thực hiện từ 01/04/2026, hạn 30/09/2026",
        True,
    )
    assert understood_as("Quý IV/2026 và Quý I/2027", REF) == (
        "Một lần, thực hiện từ 01/10/2026, hạn 31/03/2027",
        True,
    )
    assert understood_as("Quý II/2026", REF) == ("Một lần, hạn 30/06/2026", True)
    assert Deadline.from_json(parsed.to_json()) == parsed
    assert Deadline.from_json({**parsed.to_json(), "start": None}).start is None


def test_day_range_without_year_and_without_reference_is_flagged() -> None:
    assert parse_deadline("18 - 26/9").kind is UNKNOWN


# ------------------------------------------------------------------ storage


def test_milestone_words_round_trip_through_json() -> None:
    parsed = parse_deadline(PROGRESS, REF)
    stored = parsed.to_json()
    assert stored["milestones"][0] == {"due": "2026-12-31", "words": "Khởi động quý IV/2026"}
    assert Deadline.from_json(stored) == parsed


def test_json_without_milestones_keeps_its_old_shape() -> None:
    stored = parse_deadline("Tháng 6 và tháng 12/2026", REF).to_json()
    assert set(stored) == {"text", "kind", "dates", "recurrence"}
    old = {"text": "x", "kind": "milestones", "dates": ["2026-06-30", "2026-12-31"], "recurrence": None}
    assert Deadline.from_json(old).dates == (date(2026, 6, 30), date(2026, 12, 31))


def test_milestone_words_must_match_the_dates() -> None:
    with pytest.raises(ValueError):
        Deadline("x", ONCE, dates=(date(2026, 1, 1),), milestones=(Milestone(date(2026, 1, 1), "a"),))
    with pytest.raises(ValueError):
        Deadline(
            "x",
            MILESTONES,
            dates=(date(2026, 1, 1), date(2026, 2, 1)),
            milestones=(Milestone(date(2026, 1, 1), "a"), Milestone(date(2026, 3, 1), "b")),
        )
