"""Derived status: progress from reports, then the status of a given day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models.deadlines import Deadline, DeadlineKind, Frequency, Recurrence, parse_deadline
from models.status import (
    SEVERITY,
    Progress,
    ReportMark,
    Status,
    Suspension,
    count_by_status,
    rollup,
    status_of,
    summarize,
)

ANCHOR = date(2026, 4, 10)
HORIZON = date(2027, 6, 30)
APR30 = date(2026, 4, 30)


def once(day: date) -> Deadline:
    return Deadline("x", DeadlineKind.ONCE, dates=(day,))


def monthly(day: int | None = None, start: date | None = None, until: date | None = None) -> Deadline:
    recurrence = Recurrence(Frequency.MONTHLY, day=day, start=start, until=until)
    return Deadline("x", DeadlineKind.RECURRING, recurrence=recurrence)


def done(received: date, occurrence: date | None = None) -> ReportMark:
    return ReportMark(occurrence=occurrence, received=received, done=True)


def status_on(deadline: Deadline, reports: list[ReportMark], as_of: date) -> Status:
    progress = summarize(deadline, reports, ANCHOR, as_of + timedelta(days=400))
    return status_of(progress, deadline.kind, as_of)


# ------------------------------------------------------------------ summarize: finite deadlines


def test_once_without_reports() -> None:
    assert summarize(once(APR30), [], ANCHOR, HORIZON) == Progress(APR30, False, False)


def test_once_done_on_time_and_on_the_day() -> None:
    assert summarize(once(APR30), [done(date(2026, 4, 29))], ANCHOR, HORIZON) == Progress(None, True, False)
    assert summarize(once(APR30), [done(APR30)], ANCHOR, HORIZON) == Progress(None, True, False)


def test_once_done_late() -> None:
    assert summarize(once(APR30), [done(date(2026, 5, 1))], ANCHOR, HORIZON) == Progress(None, True, True)


def test_progress_reports_that_are_not_done_do_not_count() -> None:
    report = ReportMark(occurrence=None, received=date(2026, 4, 20), done=False)
    assert summarize(once(APR30), [report], ANCHOR, HORIZON) == Progress(APR30, False, False)


def test_report_for_an_edited_away_date_still_counts() -> None:
    report = done(date(2026, 4, 20), occurrence=date(2026, 3, 31))
    assert summarize(once(APR30), [report], ANCHOR, HORIZON) == Progress(None, True, False)


def test_milestones_partially_done() -> None:
    dl = parse_deadline("Tháng 6 và tháng 12/2026")
    progress = summarize(dl, [done(date(2026, 6, 25))], ANCHOR, HORIZON)
    assert progress == Progress(date(2026, 12, 31), False, False)
    assert status_of(progress, dl.kind, date(2026, 7, 1)) is Status.NOT_DUE
    assert status_of(progress, dl.kind, date(2027, 1, 1)) is Status.OVERDUE


def test_milestones_named_report_leaves_the_earlier_one_open() -> None:
    dl = parse_deadline("Tháng 6 và tháng 12/2026")
    progress = summarize(dl, [done(date(2026, 12, 1), date(2026, 12, 31))], ANCHOR, HORIZON)
    assert progress == Progress(date(2026, 6, 30), False, False)


def test_milestones_all_done_one_late() -> None:
    dl = parse_deadline("Tháng 6 và tháng 12/2026")
    reports = [done(date(2026, 7, 2)), done(date(2026, 12, 20))]
    assert summarize(dl, reports, ANCHOR, HORIZON) == Progress(None, True, True)


def test_unnamed_reports_cover_in_arrival_order() -> None:
    dl = parse_deadline("Tháng 3, 6, 9 và 12/2026")
    # Listed out of order on purpose: the June report arrived first.
    reports = [done(date(2026, 9, 1)), done(date(2026, 6, 1), date(2026, 6, 30)), done(date(2026, 3, 1))]
    progress = summarize(dl, reports, ANCHOR, HORIZON)
    assert progress == Progress(date(2026, 12, 31), False, False)


def test_duplicate_reports_do_not_cover_twice() -> None:
    dl = parse_deadline("Tháng 6 và tháng 12/2026")
    reports = [done(date(2026, 6, 1), date(2026, 6, 30)), done(date(2026, 6, 2), date(2026, 6, 30))]
    assert summarize(dl, reports, ANCHOR, HORIZON).first_unmet == date(2026, 12, 31)


@pytest.mark.parametrize("text", ["Thường xuyên", "Theo tiến độ"])
def test_undated_kinds_owe_nothing(text: str) -> None:
    dl = parse_deadline(text)
    assert summarize(dl, [done(APR30)], ANCHOR, HORIZON) == Progress(None, False, False)


# ------------------------------------------------------------------ summarize: recurring


def test_recurring_first_unmet_starts_after_anchor() -> None:
    assert summarize(monthly(9), [], ANCHOR, HORIZON).first_unmet == date(2026, 5, 9)


def test_recurring_unnamed_reports_advance_first_unmet() -> None:
    reports = [done(date(2026, 5, 8)), done(date(2026, 6, 12))]
    progress = summarize(monthly(9), reports, ANCHOR, HORIZON)
    assert progress == Progress(date(2026, 7, 9), False, True)


def test_recurring_never_completes_when_open_ended() -> None:
    reports = [done(date(2026, 4, 1) + timedelta(days=30 * i)) for i in range(20)]
    progress = summarize(monthly(9), reports, ANCHOR, date(2026, 6, 1))
    assert not progress.completed
    assert progress.first_unmet == date(2028, 1, 9)  # 20 reports covered May 2026..Dec 2027


def test_recurring_first_unmet_beyond_horizon_is_still_found() -> None:
    reports = [done(date(2026, 5, 1), date(2026, 5, 9)), done(date(2026, 5, 2), date(2026, 6, 9))]
    progress = summarize(monthly(9), reports, ANCHOR, date(2026, 5, 20))
    assert progress.first_unmet == date(2026, 7, 9)


def test_recurring_reports_beyond_horizon_are_counted() -> None:
    far = date(2027, 9, 9)
    progress = summarize(monthly(9), [done(date(2026, 5, 1), far)], ANCHOR, date(2026, 6, 1))
    assert progress.first_unmet == date(2026, 5, 9)


def test_recurring_with_until_completes() -> None:
    dl = monthly(9, until=date(2026, 6, 30))
    reports = [done(date(2026, 5, 9)), done(date(2026, 6, 10))]
    assert summarize(dl, reports, ANCHOR, HORIZON) == Progress(None, True, True)
    assert summarize(dl, reports[:1], ANCHOR, HORIZON) == Progress(date(2026, 6, 9), False, False)


def test_recurring_without_any_anchor_starts_at_earliest_report() -> None:
    reports = [done(date(2026, 8, 1))]
    assert summarize(monthly(9), reports, None, HORIZON).first_unmet == date(2026, 9, 9)
    assert summarize(monthly(9), [], None, HORIZON) == Progress(None, False, False)


def test_recurring_own_start_beats_missing_anchor() -> None:
    assert summarize(monthly(start=date(2026, 9, 1)), [], None, HORIZON).first_unmet == date(2026, 9, 30)


def test_monthly_end_in_leap_february() -> None:
    dl = monthly(31)
    anchor = date(2028, 2, 1)
    assert summarize(dl, [], anchor, date(2028, 3, 1)).first_unmet == date(2028, 2, 29)
    assert summarize(dl, [], date(2026, 2, 1), date(2026, 3, 1)).first_unmet == date(2026, 2, 28)


def test_weekly_report_flow() -> None:
    dl = parse_deadline("Thứ Sáu hằng tuần")
    reports = [done(date(2026, 4, 17))]  # anchor Friday 10/4 is itself owed
    progress = summarize(dl, reports, ANCHOR, HORIZON)
    assert progress.first_unmet == date(2026, 4, 17)
    assert status_of(progress, dl.kind, date(2026, 4, 17)) is Status.DUE_SOON
    assert status_of(progress, dl.kind, date(2026, 4, 18)) is Status.OVERDUE


def test_quarterly_and_yearly_first_unmet() -> None:
    assert summarize(parse_deadline("Hằng quý"), [], ANCHOR, HORIZON).first_unmet == date(2026, 6, 30)
    yearly = parse_deadline("Trước ngày 15/12 hằng năm")
    assert summarize(yearly, [done(date(2026, 12, 1))], ANCHOR, HORIZON).first_unmet == date(2027, 12, 15)


# ------------------------------------------------------------------ status_of

PENDING = Progress(APR30, False, False)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 5, 1), Status.OVERDUE),  # due yesterday
        (APR30, Status.DUE_SOON),  # due today is not yet overdue
        (date(2026, 4, 23), Status.DUE_SOON),  # exactly 7 days ahead
        (date(2026, 4, 22), Status.NOT_DUE),  # 8 days ahead
        (date(2026, 1, 1), Status.NOT_DUE),
    ],
)
def test_pending_windows(as_of: date, expected: Status) -> None:
    assert status_of(PENDING, DeadlineKind.ONCE, as_of) is expected


def test_soon_days_is_configurable() -> None:
    assert status_of(PENDING, DeadlineKind.ONCE, date(2026, 4, 16), soon_days=14) is Status.DUE_SOON
    assert status_of(PENDING, DeadlineKind.ONCE, date(2026, 4, 29), soon_days=0) is Status.NOT_DUE
    assert status_of(PENDING, DeadlineKind.ONCE, APR30, soon_days=0) is Status.DUE_SOON


def test_done_statuses() -> None:
    assert status_of(Progress(None, True, False), DeadlineKind.ONCE, date(2027, 1, 1)) is Status.DONE_ON_TIME
    assert (
        status_of(Progress(None, True, True), DeadlineKind.MILESTONES, date(2027, 1, 1)) is Status.DONE_LATE
    )


@pytest.mark.parametrize("kind", list(DeadlineKind))
def test_suspension_wins_over_everything(kind: DeadlineKind) -> None:
    overdue = Progress(date(2020, 1, 1), False, False)
    assert status_of(overdue, kind, APR30, Suspension.CANCELLED) is Status.CANCELLED
    assert status_of(overdue, kind, APR30, Suspension.PAUSED) is Status.PAUSED


def test_continuous_and_unknown() -> None:
    nothing = Progress(None, False, False)
    assert status_of(nothing, DeadlineKind.CONTINUOUS, APR30) is Status.CONTINUOUS
    assert status_of(nothing, DeadlineKind.UNKNOWN, APR30) is Status.NO_DEADLINE


def test_recurring_without_first_unmet_is_not_due() -> None:
    assert status_of(Progress(None, False, False), DeadlineKind.RECURRING, APR30) is Status.NOT_DUE


def test_end_to_end_fixture_phrases() -> None:
    as_of = date(2026, 5, 1)
    assert status_on(parse_deadline("Trước 30/4/2026"), [], as_of) is Status.OVERDUE
    assert status_on(parse_deadline("Trước 30/4/2026"), [done(APR30)], as_of) is Status.DONE_ON_TIME
    assert status_on(parse_deadline("Trước ngày 09 hằng tháng"), [], as_of) is Status.NOT_DUE
    assert status_on(parse_deadline("Trước ngày 09 hằng tháng"), [], date(2026, 5, 2)) is Status.DUE_SOON
    assert status_on(parse_deadline("Quý II/2026"), [], as_of) is Status.NOT_DUE
    assert status_on(parse_deadline("Thường xuyên"), [], as_of) is Status.CONTINUOUS
    assert status_on(parse_deadline("Chưa xác định"), [], as_of) is Status.NO_DEADLINE


def test_status_labels_are_vietnamese() -> None:
    assert Status.OVERDUE == "quá hạn"
    assert Status.DONE_ON_TIME.value == "hoàn thành đúng hạn"
    assert Status.NO_DEADLINE.value == "chưa rõ thời hạn"


# ------------------------------------------------------------------ roll-up and counts


def test_severity_lists_every_status_once() -> None:
    assert sorted(SEVERITY) == sorted(Status)
    assert len(SEVERITY) == len(set(SEVERITY))
    assert SEVERITY[0] is Status.OVERDUE


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], None),
        ([Status.DONE_ON_TIME, Status.OVERDUE, Status.NOT_DUE], Status.OVERDUE),
        ([Status.DONE_ON_TIME, Status.DONE_LATE], Status.DONE_LATE),
        ([Status.CANCELLED, Status.DONE_ON_TIME], Status.DONE_ON_TIME),
        ([Status.PAUSED, Status.NOT_DUE], Status.NOT_DUE),
        ([Status.PAUSED, Status.CANCELLED], Status.PAUSED),
        ([Status.CANCELLED, Status.CANCELLED], Status.CANCELLED),
        ([Status.CONTINUOUS, Status.NO_DEADLINE], Status.NO_DEADLINE),
        ([Status.DUE_SOON, Status.NOT_DUE], Status.DUE_SOON),
    ],
)
def test_rollup(statuses: list[Status], expected: Status | None) -> None:
    assert rollup(statuses) is expected
    assert rollup(iter(statuses)) is expected


def test_count_by_status_includes_zeros_in_severity_order() -> None:
    counts = count_by_status([Status.OVERDUE, Status.OVERDUE, Status.CANCELLED])
    assert list(counts) == list(SEVERITY)
    assert counts[Status.OVERDUE] == 2
    assert counts[Status.CANCELLED] == 1
    assert counts[Status.NOT_DUE] == 0
    assert sum(count_by_status([]).values()) == 0
