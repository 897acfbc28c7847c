"""The follow-up rules as plain functions: occurrences over a year, one occurrence closed but
not the next, done after the deadline, the status of a past day (against a brute-force replay),
the two rates on a hand-computed case, and reporting periods."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from app.services.followup import expected_so_far
from models.deadlines import DeadlineKind, parse_deadline
from models.official import OfficialClass, official_class, on_time_rate, update_rate
from models.periods import period_span
from models.status import ReportMark, Status, coverage, progress_as_of, status_of, summarize

ANCHOR = date(2026, 1, 1)
HORIZON = date(2027, 12, 31)
MONTHLY = parse_deadline("Trước ngày 09 hằng tháng")


def test_a_monthly_duty_falls_due_twelve_times_in_a_year() -> None:
    assert MONTHLY.kind is DeadlineKind.RECURRING
    assert expected_so_far(MONTHLY, ANCHOR, date(2027, 1, 1)) == 12
    # due on the 9th itself is not yet "so far": only the occurrences before the day count
    assert expected_so_far(MONTHLY, ANCHOR, date(2026, 6, 9)) == 5
    assert expected_so_far(MONTHLY, ANCHOR, date(2026, 6, 10)) == 6
    assert expected_so_far(MONTHLY, ANCHOR, ANCHOR) == 0


def test_nothing_reported_for_a_year_is_overdue_since_the_first_occurrence() -> None:
    p = summarize(MONTHLY, [], ANCHOR, HORIZON)
    assert p.first_unmet == date(2026, 1, 9)
    assert status_of(p, MONTHLY.kind, date(2026, 12, 31)) is Status.OVERDUE
    assert status_of(p, MONTHLY.kind, date(2026, 1, 9)) is not Status.OVERDUE  # due that day


def test_a_report_closes_one_occurrence_but_not_the_next() -> None:
    jan = ReportMark(date(2026, 1, 9), date(2026, 1, 8), True)
    p, covered = coverage(MONTHLY, [jan], ANCHOR, HORIZON)
    assert covered == {date(2026, 1, 9): date(2026, 1, 8)}
    assert p.first_unmet == date(2026, 2, 9)
    assert not p.completed and not p.completed_late
    assert status_of(p, MONTHLY.kind, date(2026, 2, 9)) is Status.DUE_SOON
    assert status_of(p, MONTHLY.kind, date(2026, 2, 10)) is Status.OVERDUE


def test_done_after_the_deadline_is_done_late() -> None:
    once = parse_deadline("Trước ngày 30/6/2026")
    late = ReportMark(None, date(2026, 7, 3), True)
    p = summarize(once, [late], ANCHOR, HORIZON)
    assert p.completed and p.completed_late
    assert official_class(status_of(p, once.kind, date(2026, 8, 1))) is OfficialClass.DONE_LATE
    # before the late report arrived, the task was simply overdue
    before = progress_as_of(p, coverage(once, [late], ANCHOR, HORIZON)[1], date(2026, 7, 2))
    assert official_class(status_of(before, once.kind, date(2026, 7, 2))) is OfficialClass.OVERDUE


def test_continuous_tasks_are_never_overdue() -> None:
    always = parse_deadline("Thường xuyên")
    p = summarize(always, [], ANCHOR, HORIZON)
    assert status_of(p, always.kind, date(2030, 1, 1)) is Status.CONTINUOUS


@pytest.mark.parametrize(
    "phrase",
    [
        "Trước ngày 09 hằng tháng",
        "Hằng quý",
        "Trước 11 giờ ngày thứ 6 hằng tuần",
        "Trước ngày 30/6/2026",
        "Quý II/2026, Quý IV/2026",
    ],
)
def test_progress_as_of_a_past_day_equals_replaying_only_the_reports_received_by_then(phrase: str) -> None:
    """Brute force: for random report streams (named, unnamed, done or not, a lead's shared),
    the cached coverage cut at D must give what summarize over the reports received <= D gives."""
    deadline = parse_deadline(phrase, reference=ANCHOR)
    rng = random.Random(phrase)
    for _ in range(150):
        days = sorted(ANCHOR + timedelta(days=rng.randint(0, 330)) for _ in range(rng.randint(0, 9)))
        named = [d for d in (parse_deadline(phrase, reference=ANCHOR).dates or ())]
        reports = []
        for received in days:
            occ = None
            if rng.random() < 0.4:
                occ = rng.choice(named) if named else received + timedelta(days=rng.randint(-20, 40))
            reports.append(ReportMark(occ, received, rng.random() < 0.8))
        lead = [
            ReportMark(None, ANCHOR + timedelta(days=rng.randint(0, 330)), True)
            for _ in range(rng.randint(0, 3))
        ]
        shared = [lead] if rng.random() < 0.5 else []
        cached, covered = coverage(deadline, reports, ANCHOR, HORIZON, shared)
        for as_of in (ANCHOR + timedelta(days=k) for k in range(0, 340, 17)):
            kept = [r for r in reports if r.received <= as_of]
            kept_shared = [[r for r in s if r.received <= as_of] for s in shared]
            truth = summarize(deadline, kept, ANCHOR, HORIZON, kept_shared)
            got = progress_as_of(cached, covered, as_of)
            assert (got.first_unmet, got.completed) == (truth.first_unmet, truth.completed), (as_of, reports)
            assert status_of(got, deadline.kind, as_of) is status_of(truth, deadline.kind, as_of)


def test_the_two_rates_on_a_hand_computed_case() -> None:
    # 3 done on time, 1 done late: 3 / 4
    assert on_time_rate(3, 1) == pytest.approx(0.75)
    # 12 monthly reports expected so far, 9 received by their due date: 9 / 12
    assert update_rate(9, 12) == pytest.approx(0.75)
    # nothing done, nothing due: no rate at all rather than a 0 that accuses
    assert on_time_rate(0, 0) is None
    assert update_rate(0, 0) is None
    assert on_time_rate(0, 2) == 0.0


def test_reporting_periods() -> None:
    assert period_span("2026-06") == (date(2026, 6, 1), date(2026, 6, 30))
    assert period_span("06/2026") == (date(2026, 6, 1), date(2026, 6, 30))
    assert period_span("2026-Q2") == (date(2026, 4, 1), date(2026, 6, 30))
    assert period_span("2026-H2") == (date(2026, 7, 1), date(2026, 12, 31))
    assert period_span("2026-W01") == (date(2025, 12, 29), date(2026, 1, 4))
    assert period_span("2026") == (date(2026, 1, 1), date(2026, 12, 31))
    assert period_span("2026-02-09") == (date(2026, 2, 9), date(2026, 2, 9))
    assert period_span("09/02/2026") == (date(2026, 2, 9), date(2026, 2, 9))
    with pytest.raises(ValueError, match="không hợp lệ"):
        period_span("2026-13")
    with pytest.raises(ValueError, match="không hợp lệ"):
        period_span("tháng sáu")
