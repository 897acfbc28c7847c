"""Milestones owed like occurrences (models.status, models.missed): the next due date is the
earliest milestone uncovered; a milestone passed uncovered makes the task overdue and is named
with the plan's words; a report naming a later step of a progress sentence covers the earlier
steps (late for those passed), while a bare list of dates keeps its events apart.
Half-yearly and yearly-from-a-year duties are named by their periods."""

from __future__ import annotations

from datetime import date

import pytest

from models.deadline_text import milestone_words
from models.deadlines import Deadline, DeadlineKind, parse_deadline
from models.missed import Step, list_cell, missed_periods, summary
from models.status import Progress, ReportMark, Status, coverage, progress_as_of, status_of, summarize

ANCHOR = date(2026, 4, 17)
HORIZON = date(2031, 12, 31)
PLAN = "Khởi động quý IV/2026; hoàn thành giai đoạn 1 quý II/2027; hoàn thành toàn bộ năm 2028"
STEPS = (date(2026, 12, 31), date(2027, 6, 30), date(2028, 12, 31))


def done(received: date, occurrence: date | None = None) -> ReportMark:
    return ReportMark(occurrence, received, True)


def plan() -> Deadline:
    deadline = parse_deadline(PLAN, ANCHOR)
    assert deadline.kind is DeadlineKind.MILESTONES and deadline.dates == STEPS
    return deadline


def status(reports: list[ReportMark], day: date) -> Status:
    return status_of(summarize(plan(), reports, ANCHOR, HORIZON), DeadlineKind.MILESTONES, day)


# ---------------------------------------------------------------- the next due date and status


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 1), Status.NOT_DUE),
        (date(2026, 12, 24), Status.DUE_SOON),
        (date(2026, 12, 31), Status.DUE_SOON),  # due on the day itself: not overdue yet
        (date(2027, 1, 1), Status.OVERDUE),
        (date(2029, 1, 1), Status.OVERDUE),
    ],
)
def test_nothing_reported_the_first_step_decides(day: date, expected: Status) -> None:
    assert summarize(plan(), [], ANCHOR, HORIZON).first_unmet == STEPS[0]
    assert status([], day) is expected


def test_the_first_step_reported_the_second_is_next() -> None:
    reports = [done(date(2026, 12, 20))]
    assert summarize(plan(), reports, ANCHOR, HORIZON) == Progress(STEPS[1], False, False)
    assert status(reports, date(2027, 1, 1)) is Status.NOT_DUE
    assert status(reports, date(2027, 7, 1)) is Status.OVERDUE


def test_every_step_reported_on_time_is_done_on_time() -> None:
    reports = [done(date(2026, 12, 20)), done(date(2027, 6, 1)), done(date(2028, 12, 1))]
    assert summarize(plan(), reports, ANCHOR, HORIZON) == Progress(None, True, False)
    assert status(reports, date(2029, 1, 1)) is Status.DONE_ON_TIME


def test_a_later_step_named_covers_the_earlier_steps_late() -> None:
    # Nothing said about the launch; stage 1 reported done, naming its milestone, in May 2027.
    reports = [done(date(2027, 5, 20), STEPS[1])]
    progress, covered = coverage(plan(), reports, ANCHOR, HORIZON)
    assert covered == {STEPS[0]: date(2027, 5, 20), STEPS[1]: date(2027, 5, 20)}
    assert progress == Progress(STEPS[2], False, True)
    assert status(reports, date(2027, 7, 1)) is Status.NOT_DUE


def test_the_last_step_named_completes_the_work() -> None:
    reports = [done(date(2028, 12, 20), STEPS[2])]
    assert summarize(plan(), reports, ANCHOR, HORIZON) == Progress(None, True, True)


def test_a_last_step_named_before_any_step_passed_is_on_time() -> None:
    reports = [done(date(2026, 12, 1), STEPS[2])]
    assert summarize(plan(), reports, ANCHOR, HORIZON) == Progress(None, True, False)


def test_an_unnamed_report_covers_only_the_earliest_step() -> None:
    reports = [done(date(2027, 5, 20))]
    assert summarize(plan(), reports, ANCHOR, HORIZON).first_unmet == STEPS[1]


def test_a_report_not_done_covers_nothing() -> None:
    reports = [ReportMark(STEPS[1], date(2027, 5, 20), False)]
    assert summarize(plan(), reports, ANCHOR, HORIZON).first_unmet == STEPS[0]


def test_a_bare_list_of_dates_keeps_its_events_apart() -> None:
    meetings = parse_deadline("Tháng 6 và tháng 12/2026", ANCHOR)
    assert meetings.kind is DeadlineKind.MILESTONES and not meetings.milestones
    progress = summarize(meetings, [done(date(2026, 12, 20), date(2026, 12, 31))], ANCHOR, HORIZON)
    assert progress.first_unmet == date(2026, 6, 30)


def test_as_of_a_day_before_the_covering_report_the_steps_reopen() -> None:
    reports = [done(date(2027, 5, 20), STEPS[1])]
    cached, covered = coverage(plan(), reports, ANCHOR, HORIZON)
    before = progress_as_of(cached, covered, date(2027, 3, 1))
    assert before.first_unmet == STEPS[0]
    assert status_of(before, DeadlineKind.MILESTONES, date(2027, 3, 1)) is Status.OVERDUE
    assert progress_as_of(cached, covered, date(2027, 5, 20)) == cached


def test_a_cooperating_party_shares_the_leads_steps() -> None:
    lead = [done(date(2027, 5, 20), STEPS[1])]
    progress = summarize(plan(), [], ANCHOR, HORIZON, shared=[lead])
    assert progress.first_unmet == STEPS[2]


# ---------------------------------------------------------------- missed milestones


def test_missed_steps_are_named_by_date_and_words() -> None:
    m = missed_periods(plan(), [], ANCHOR, date(2027, 8, 1))
    assert m is not None
    assert m.due_dates == STEPS[:2]
    assert m.periods == (
        Step(STEPS[0], "Khởi động quý IV/2026"),
        Step(STEPS[1], "hoàn thành giai đoạn 1 quý II/2027"),
    )
    assert m.next_due == STEPS[2]
    assert m.noun == "mốc"
    assert m.text() == "chưa báo cáo 2 mốc, từ mốc 31/12/2026 (Khởi động quý IV/2026)"
    assert list_cell(m) == "Thiếu 2 mốc, 31/12/2028"
    assert summary(m) == (
        "Chưa báo cáo 2 mốc, từ mốc 31/12/2026 (Khởi động quý IV/2026) (hạn 31/12/2026); "
        "hạn tiếp theo 31/12/2028"
    )
    assert m.first is not None and m.first.key() == "2026-12-31"


def test_one_missed_step() -> None:
    m = missed_periods(plan(), [], ANCHOR, date(2027, 1, 2))
    assert m is not None and m.text() == "chưa báo cáo mốc 31/12/2026 (Khởi động quý IV/2026)"
    assert list_cell(m) == "Thiếu 1 mốc, 30/06/2027"


def test_nothing_missed_before_the_first_step() -> None:
    m = missed_periods(plan(), [], ANCHOR, date(2026, 12, 31))
    assert m is not None and (m.count, m.text(), m.next_due) == (0, "", STEPS[0])
    assert list_cell(m) == "31/12/2026"


def test_all_steps_missed_nothing_after() -> None:
    m = missed_periods(plan(), [], ANCHOR, date(2029, 3, 1))
    assert m is not None and m.count == 3 and m.next_due is None
    assert list_cell(m) == "Thiếu 3 mốc, hết hạn"


def test_a_later_step_named_leaves_nothing_missed_before_it() -> None:
    m = missed_periods(plan(), [done(date(2027, 5, 20), STEPS[1])], ANCHOR, date(2027, 8, 1))
    assert m is not None and (m.count, m.next_due) == (0, STEPS[2])


def test_missed_dates_without_words() -> None:
    m = missed_periods(parse_deadline("Tháng 6 và tháng 12/2026", ANCHOR), [], ANCHOR, date(2026, 8, 1))
    assert m is not None and m.text() == "chưa báo cáo mốc 30/06/2026"


def test_a_one_off_deadline_has_no_missed_list() -> None:
    assert missed_periods(parse_deadline("Quý II/2026", ANCHOR), [], ANCHOR, date(2027, 1, 1)) is None


def test_milestone_words_say_which_step() -> None:
    assert milestone_words(plan(), STEPS[1]) == "hoàn thành giai đoạn 1 quý II/2027 (mốc 2/3)"
    assert milestone_words(plan(), date(2027, 1, 1)) == ""
    assert milestone_words(parse_deadline("Quý II/2026", ANCHOR), date(2026, 6, 30)) == ""


# ---------------------------------------------------------------- half-yearly, yearly from a year


def test_half_yearly_missed_periods_are_halves() -> None:
    duty = parse_deadline("trước ngày 25 tháng 6 và tháng 12 hằng năm", ANCHOR)
    m = missed_periods(duty, [], ANCHOR, date(2027, 7, 1))
    assert m is not None
    assert m.due_dates == (date(2026, 6, 25), date(2026, 12, 25), date(2027, 6, 25))
    assert m.text() == "chưa báo cáo 3 kỳ, từ 6 tháng đầu năm 2026"
    assert [p.key() for p in m.periods] == ["2026-H1", "2026-H2", "2027-H1"]
    assert m.next_due == date(2027, 12, 25)


def test_half_yearly_one_report_named_covers_its_half() -> None:
    duty = parse_deadline("Định kỳ 6 tháng", ANCHOR)
    m = missed_periods(duty, [done(date(2026, 6, 20), date(2026, 6, 30))], ANCHOR, date(2027, 1, 5))
    assert m is not None and m.text() == "chưa báo cáo kỳ 6 tháng cuối năm 2026"


def test_yearly_from_a_later_year_owes_nothing_before_it() -> None:
    duty = parse_deadline("Tháng 12/2027 và hằng năm", ANCHOR)
    early = missed_periods(duty, [], ANCHOR, date(2027, 6, 1))
    assert early is not None and (early.count, early.next_due) == (0, date(2027, 12, 31))
    late = missed_periods(duty, [], ANCHOR, date(2029, 1, 2))
    assert late is not None and late.text() == "chưa báo cáo 2 kỳ, từ năm 2027"
    assert summarize(duty, [], ANCHOR, HORIZON).first_unmet == date(2027, 12, 31)


def test_yearly_in_june_from_2026() -> None:
    duty = parse_deadline("Quý II/2026 và hằng năm", ANCHOR)
    m = missed_periods(duty, [], ANCHOR, date(2027, 7, 1))
    assert m is not None and m.due_dates == (date(2026, 6, 30), date(2027, 6, 30))
