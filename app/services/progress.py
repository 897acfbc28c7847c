"""Keep the cached progress of assignments and tasks in step with deadlines and reports."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models.deadlines import Deadline, DeadlineKind, parse_deadline
from models.entities import Assignment, Role, Setting, Task
from models.missed import Missed, merge, missed_periods
from models.status import Progress, ReportMark, Status, Suspension, status_of, summarize

# Bump when the rules that fill the cached progress change: databases are then recomputed on open.
RULES_VERSION = "4"
RULES_KEY = "progress_rules"

# Reports may be recorded for occurrences a little ahead of today; this margin keeps them counted.
HORIZON_DAYS = 400


def deadline_of(task: Task) -> Deadline:
    if task.deadline:
        return Deadline.from_json(task.deadline)
    return parse_deadline(task.deadline_text)


def anchor_of(task: Task) -> date | None:
    """Recurrences run from the directive's date; with none recorded, from when the task was entered
    (otherwise a monthly duty of an undated directive would never fall due)."""
    if task.directive is not None and task.directive.issued_on is not None:
        return task.directive.issued_on
    return task.created_at.date() if task.created_at is not None else None


def _marks(a: Assignment) -> list[ReportMark]:
    return [ReportMark(r.occurrence, r.received_on, r.done) for r in a.reports]


def task_missed(task: Task, as_of: date, agency_id: int | None = None) -> Missed | None:
    """The periods a recurring task has missed on ``as_of`` and its next due date.

    Seen from one agency (its own assignments) when ``agency_id`` is given, otherwise from the
    leads, like the task's status. None when the task is not recurring, or is paused or
    cancelled (nothing is owed while it is), or is complete.
    """
    if task.deadline_kind != DeadlineKind.RECURRING.value or task.suspension != Suspension.ACTIVE.value:
        return None
    if task.completed and agency_id is None:
        return None
    deadline = deadline_of(task)
    leads = [a for a in task.assignments if a.role == Role.LEAD.value]
    if agency_id is not None:
        chosen = [a for a in task.assignments if a.agency_id == agency_id]
    else:
        chosen = leads or list(task.assignments)
    if not chosen:
        return missed_periods(deadline, [], anchor_of(task), as_of)
    return merge(assignment_missed(task, a, as_of, deadline) for a in chosen)


def assignment_missed(
    task: Task, a: Assignment, as_of: date, deadline: Deadline | None = None
) -> Missed | None:
    """One party's missed periods; a cooperating agency's count the lead's reports too."""
    if task.deadline_kind != DeadlineKind.RECURRING.value or task.suspension != Suspension.ACTIVE.value:
        return None
    leads = [x for x in task.assignments if x.role == Role.LEAD.value]
    shared = [_marks(x) for x in leads] if a.role == Role.COOPERATING.value else []
    return missed_periods(deadline or deadline_of(task), _marks(a), anchor_of(task), as_of, shared)


def assignment_progress(task: Task, assignment: Assignment, today: date) -> Progress:
    """An assignment's progress from its reports; cooperating ones also count the lead's.

    A cooperating agency contributes to the lead's work: once the lead reports an occurrence
    done, nobody should be reminded about it, whether or not each cooperator wrote in.
    """

    # Each lead's reports cover occurrences on their own: a cooperator writing in for the
    # same month as the lead (or two leads both reporting) must not count as two months.
    shared: list[list[ReportMark]] = []
    if assignment.role == Role.COOPERATING.value:
        shared = [_marks(a) for a in task.assignments if a.role == Role.LEAD.value]
    horizon = today + timedelta(days=HORIZON_DAYS)
    return summarize(deadline_of(task), _marks(assignment), anchor_of(task), horizon, shared)


def combine(progresses: Iterable[Progress]) -> Progress:
    """The task's progress from its leads': the worst pending date decides, all must be done."""
    items = list(progresses)
    if not items:
        return Progress(None, False, False)
    pending = [p.first_unmet for p in items if p.first_unmet is not None]
    return Progress(
        first_unmet=min(pending) if pending else None,
        completed=all(p.completed for p in items),
        completed_late=any(p.completed_late for p in items),
    )


def refresh_task(session: Session, task: Task, today: date) -> None:
    """Recompute every assignment's cache and the task's roll-up (leads only, else everyone)."""
    results: list[tuple[Assignment, Progress]] = []
    for a in task.assignments:
        p = assignment_progress(task, a, today)
        a.first_unmet, a.completed, a.completed_late = p.first_unmet, p.completed, p.completed_late
        results.append((a, p))
    leads = [p for a, p in results if a.role == Role.LEAD.value]
    rolled = combine(leads or [p for _, p in results])
    if not results:
        rolled = summarize(deadline_of(task), [], anchor_of(task), today + timedelta(days=HORIZON_DAYS))
    task.first_unmet, task.completed, task.completed_late = (
        rolled.first_unmet,
        rolled.completed,
        rolled.completed_late,
    )


def task_status(task: Task, as_of: date, soon_days: int) -> Status:
    return status_of(
        Progress(task.first_unmet, task.completed, task.completed_late),
        DeadlineKind(task.deadline_kind),
        as_of,
        Suspension(task.suspension),
        soon_days,
    )


def assignment_status(task: Task, a: Assignment, as_of: date, soon_days: int) -> Status:
    return status_of(
        Progress(a.first_unmet, a.completed, a.completed_late),
        DeadlineKind(task.deadline_kind),
        as_of,
        Suspension(task.suspension),
        soon_days,
    )


def rules_outdated(session: Session) -> bool:
    row = session.get(Setting, RULES_KEY)
    return row is None or row.value != RULES_VERSION


def refresh_all(session: Session, today: date, chunk: int = 500) -> Iterator[tuple[int, int]]:
    """Recompute every task's cached progress, yielding (done, total) for a progress dialog.

    Needed when the rules that fill the cache change (RULES_VERSION); runs in the caller's
    transaction, so an interruption leaves the old cache and the old version together.
    """
    ids = list(session.scalars(select(Task.id).order_by(Task.id)))
    total = len(ids)
    yield 0, total
    for start in range(0, total, chunk):
        part = ids[start : start + chunk]
        stmt = (
            select(Task)
            .where(Task.id.in_(part))
            .options(
                selectinload(Task.directive),
                selectinload(Task.assignments).selectinload(Assignment.reports),
            )
        )
        for task in session.scalars(stmt):
            refresh_task(session, task, today)
        session.flush()
        session.expunge_all()
        yield min(start + chunk, total), total
    row = session.get(Setting, RULES_KEY)
    if row is None:
        session.add(Setting(key=RULES_KEY, value=RULES_VERSION))
    else:
        row.value = RULES_VERSION


def refresh_all_if_rules_changed(session: Session, today: date) -> int:
    """Recompute every task's cached progress when it was cached under older rules."""
    if not rules_outdated(session):
        return 0
    steps = list(refresh_all(session, today))
    return steps[-1][1]


def missed_by_task(
    session: Session, task_ids: Iterable[int], as_of: date, agency_id: int | None = None
) -> dict[int, Missed]:
    """`task_missed` for several tasks in two queries; tasks with nothing to say are left out.

    Callers pass only the recurring tasks that are overdue on ``as_of`` (a page of the list, a
    letter's lines), so the reports loaded here stay few.
    """
    ids = list(task_ids)
    if not ids:
        return {}
    stmt = (
        select(Task)
        .where(Task.id.in_(ids))
        .options(
            selectinload(Task.directive),
            selectinload(Task.assignments).selectinload(Assignment.reports),
        )
    )
    out: dict[int, Missed] = {}
    for task in session.scalars(stmt):
        found = task_missed(task, as_of, agency_id)
        if found is not None:
            out[task.id] = found
    return out
