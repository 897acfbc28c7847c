"""Status is derived from the deadline and the reports received, never typed in.

The work is split in two so the database can answer "overdue as of D" with an index:
`summarize` reduces deadline + reports to a `Progress` that only changes when a report or
the deadline changes, and `status_of` turns that cached Progress into the status of any
given day. `app/services/task_query.py` mirrors `status_of` in SQL; keep them in step.

Milestones ("Khởi động quý IV/2026; hoàn thành giai đoạn 1 quý II/2027; hoàn thành 2028") are
owed like occurrences: each milestone's date is due, the next due date is the earliest milestone
no done report covers, and the task is overdue once a milestone passes uncovered (a milestone
due on the day itself is not overdue yet). A done report covers the milestone it names, or,
naming none, the earliest one uncovered when it arrived. The task is complete when every
milestone is covered.

Steps and dates differ in one thing. The steps of a progress sentence, each with its words
(`Deadline.milestones`), are stages of one piece of work: a done report naming a later step also
covers every earlier step still uncovered ("hoàn thành giai đoạn 1" says the work was started),
on the day it arrived, so late for each earlier step already passed. A bare list of dates
("Tháng 6 và tháng 12/2026": a meeting in June and one in December) is separate events: a
report on December's leaves June's open.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from models.deadlines import Deadline, DeadlineKind, first_occurrence_after, occurrences


class Status(StrEnum):
    NOT_DUE = "chưa đến hạn"
    DUE_SOON = "sắp đến hạn"
    OVERDUE = "quá hạn"
    DONE_ON_TIME = "hoàn thành đúng hạn"
    DONE_LATE = "hoàn thành quá hạn"
    CONTINUOUS = "thường xuyên"
    PAUSED = "tạm dừng"
    CANCELLED = "hủy"
    NO_DEADLINE = "chưa rõ thời hạn"


class Suspension(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class ReportMark:
    """One report as far as status cares; `occurrence` None means "the earliest one owed"."""

    occurrence: date | None
    received: date
    done: bool


@dataclass(frozen=True)
class Progress:
    """Everything status needs, small enough to cache in a row and compare in SQL."""

    first_unmet: date | None
    completed: bool
    completed_late: bool


NOTHING_OWED = Progress(first_unmet=None, completed=False, completed_late=False)


def _earliest_report_day(reports: Sequence[ReportMark]) -> date | None:
    days = [r.occurrence or r.received for r in reports]
    return min(days, default=None)


def _tracked(
    deadline: Deadline, reports: Sequence[ReportMark], anchor: date | None, horizon: date
) -> list[date]:
    """The occurrences worth looking at.

    Finite deadlines: all of them. Recurring ones: from the anchor (or the recurrence's own
    start) through max(horizon, the latest occurrence a report names), plus the first one
    after that, so `first_unmet` stays right for any as_of up to the horizon. Without any
    anchor the earliest report is the best evidence of when the duty began.
    """
    rec = deadline.recurrence
    if rec is None:
        return list(deadline.dates)
    begin = rec.start or anchor or _earliest_report_day(reports)
    if begin is None:
        return []
    named = [r.occurrence for r in reports if r.occurrence is not None]
    end = max([horizon, *named])
    tracked = occurrences(deadline, begin, end, anchor)
    # One more than there are done reports guarantees an uncovered occurrence survives
    # even when unnamed reports run ahead of the horizon.
    wanted = max(len(tracked) + 1, sum(r.done for r in reports) + 1)
    while len(tracked) < wanted:
        following = first_occurrence_after(deadline, tracked[-1] if tracked else end, anchor)
        if following is None:
            break
        tracked.append(following)
    return tracked


def _cover(tracked: list[date], reports: Sequence[ReportMark], stages: bool = False) -> dict[date, date]:
    """Map each covered occurrence to the day its done report arrived.

    Reports are replayed in arrival order so an unnamed report covers what was earliest
    unmet *at that time*. A report naming a date that is no longer an occurrence (the
    deadline was edited since) is treated as unnamed rather than lost. With ``stages``
    (milestones), a report naming a milestone also covers the earlier ones still uncovered.
    """
    covered: dict[date, date] = {}
    ordered = sorted((r for r in reports if r.done), key=lambda r: (r.received, r.occurrence is None))
    for report in ordered:
        target = report.occurrence
        named = target in tracked
        if not named:
            target = next((d for d in tracked if d not in covered), None)
        if target is None:
            continue
        if stages and named:
            for earlier in tracked:
                if earlier < target and earlier not in covered:
                    covered[earlier] = report.received
        if target not in covered:
            covered[target] = report.received
    return covered


def tracked_coverage(
    deadline: Deadline,
    reports: Sequence[ReportMark],
    anchor: date | None,
    horizon: date,
    shared: Sequence[Sequence[ReportMark]] = (),
) -> tuple[list[date], dict[date, date]]:
    """The occurrences looked at (see `_tracked`) and, of them, those a done report covers,
    each with the day its report arrived: what `summarize` and `models.missed` both read."""
    streams = [reports, *shared]
    tracked = _tracked(deadline, [r for stream in streams for r in stream], anchor, horizon)
    stages = bool(deadline.milestones)  # worded steps of one piece of work, not a list of dates
    covered: dict[date, date] = {}
    for stream in streams:
        for occurrence, received in _cover(tracked, stream, stages).items():
            if occurrence not in covered or received < covered[occurrence]:
                covered[occurrence] = received
    return tracked, covered


def summarize(
    deadline: Deadline,
    reports: Sequence[ReportMark],
    anchor: date | None,
    horizon: date,
    shared: Sequence[Sequence[ReportMark]] = (),
) -> Progress:
    """Reduce a deadline and its reports to the cacheable Progress (see `coverage`)."""
    return coverage(deadline, reports, anchor, horizon, shared)[0]


def coverage(
    deadline: Deadline,
    reports: Sequence[ReportMark],
    anchor: date | None,
    horizon: date,
    shared: Sequence[Sequence[ReportMark]] = (),
) -> tuple[Progress, dict[date, date]]:
    """The cacheable Progress, and each covered occurrence with the day its done report arrived.

    The covered map is what makes any past as-of date answerable from a cache: reports are
    replayed in arrival order, so the coverage by the reports received on or before D is
    exactly the entries whose arrival day is <= D (see models.asof).

    `horizon` should be today plus a margin (the caller's choice, e.g. a year): recurring
    occurrences are only enumerated that far, so the cache is right for any as_of up to it
    and must be refreshed before the horizon passes.

    `shared` holds other parties' report streams that also discharge this duty (a lead's,
    for a cooperating agency). Each stream covers occurrences on its own and the coverage
    is united, so two parties reporting the same month never count as two months.
    """
    if deadline.kind in (DeadlineKind.CONTINUOUS, DeadlineKind.UNKNOWN):
        return NOTHING_OWED, {}
    tracked, covered = tracked_coverage(deadline, reports, anchor, horizon, shared)
    unmet = [d for d in tracked if d not in covered]
    finite = deadline.recurrence is None or deadline.recurrence.until is not None
    progress = Progress(
        first_unmet=unmet[0] if unmet else None,
        completed=finite and bool(tracked) and not unmet,
        completed_late=any(received > occurrence for occurrence, received in covered.items()),
    )
    return progress, covered


def status_of(
    progress: Progress,
    kind: DeadlineKind,
    as_of: date,
    suspension: Suspension = Suspension.ACTIVE,
    soon_days: int = 7,
) -> Status:
    """The status on `as_of`; a date due on `as_of` itself is not overdue yet."""
    if suspension is Suspension.CANCELLED:
        return Status.CANCELLED
    if suspension is Suspension.PAUSED:
        return Status.PAUSED
    if kind is DeadlineKind.CONTINUOUS:
        return Status.CONTINUOUS
    if kind is DeadlineKind.UNKNOWN:
        return Status.NO_DEADLINE
    if progress.completed:
        return Status.DONE_LATE if progress.completed_late else Status.DONE_ON_TIME
    return _pending_status(progress.first_unmet, as_of, soon_days)


def _pending_status(first_unmet: date | None, as_of: date, soon_days: int) -> Status:
    if first_unmet is None:
        return Status.NOT_DUE
    if first_unmet < as_of:
        return Status.OVERDUE
    if first_unmet <= as_of + timedelta(days=soon_days):
        return Status.DUE_SOON
    return Status.NOT_DUE


# Worst first: what a roll-up or a dashboard should surface before anything else.
SEVERITY: tuple[Status, ...] = (
    Status.OVERDUE,
    Status.DUE_SOON,
    Status.NOT_DUE,
    Status.NO_DEADLINE,
    Status.CONTINUOUS,
    Status.DONE_LATE,
    Status.DONE_ON_TIME,
    Status.PAUSED,
    Status.CANCELLED,
)


def rollup(statuses: Iterable[Status]) -> Status | None:
    """The worst status; paused/cancelled sort last so they win only when nothing else is left."""
    return min(statuses, key=SEVERITY.index, default=None)


def count_by_status(statuses: Iterable[Status]) -> dict[Status, int]:
    """Counts for every status in SEVERITY order, zeros included, so tables keep fixed columns."""
    counts = dict.fromkeys(SEVERITY, 0)
    for status in statuses:
        counts[status] += 1
    return counts


def progress_as_of(cached: Progress, covered: Mapping[date, date], as_of: date) -> Progress:
    """The Progress the reports received on or before `as_of` alone would give.

    `cached` and `covered` are `coverage()` over every report. Replay is in arrival order, so
    the reports received by `as_of` cover exactly the entries arriving on or before it; the
    others are "reopened", and the first unmet occurrence is the earliest of those and of the
    occurrences nobody ever covered. What was complete stays so only with nothing reopened.
    """
    reopened = [occurrence for occurrence, received in covered.items() if received > as_of]
    if not reopened:
        return cached
    pending = [d for d in (cached.first_unmet, *reopened) if d is not None]
    return Progress(
        first_unmet=min(pending),
        completed=False,
        completed_late=any(occ < rec <= as_of for occ, rec in covered.items()),
    )
