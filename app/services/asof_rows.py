"""The task list as it stood on a past day: what `tasks --as-of D` and the task exports print.

The list's statuses come from the cached progress, which counts every report entered so far. For
a day D before the latest report that would print today's state labelled as D (a report received
after D closing an occurrence due before D: overdue on D, done today). So when some covered
occurrence was received after D, the rows of the tasks it touches are corrected here with the
as-of machinery (app.services.asof_query: progress on D in SQL), and the missed periods of
recurring tasks are recounted from the reports received by D alone. A status filter is applied
after the correction, on the statuses as of D.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dto import TaskFilter, TaskRow
from app.services.asof_query import (
    A,
    C,
    T,
    any_received_after,
    assignments_as_of,
    issued_by,
    tasks_as_of,
)
from app.services.base import ServiceContext
from app.services.progress import anchor_of, deadline_of, tasks_with_reports
from app.services.tasks import TaskService, next_due
from models.deadlines import DeadlineKind
from models.entities import Assignment
from models.missed import OWED_ONE_BY_ONE, Missed, merge, missed_periods
from models.parties import Role
from models.status import Progress, ReportMark, Status, Suspension, rollup, status_of

ALL_ROWS = 1_000_000_000
_CHUNK = 5_000


def reopened_after(ctx: ServiceContext, as_of: date) -> bool:
    """Whether some occurrence counted as covered in the cache was reported after ``as_of``."""
    with ctx.db.reading() as s:
        return s.execute(any_received_after(as_of)).first() is not None


def rows_as_of(ctx: ServiceContext, flt: TaskFilter, as_of: date) -> list[TaskRow]:
    """The filtered task list with statuses, next dues, days overdue and missed periods as of ``as_of``."""
    tasks = TaskService(replace(ctx, today=lambda: as_of))
    with ctx.db.reading() as s:
        # a plan issued after D was nobody's work on D: not listed (as the overview counts it)
        later = set(s.scalars(select(T.c.id).where(~issued_by(as_of))))
    if not reopened_after(ctx, as_of):
        return [r for r in tasks.page(flt, 0, ALL_ROWS) if r.id not in later]  # the cache is the answer
    rows = [r for r in tasks.page(replace(flt, statuses=()), 0, ALL_ROWS) if r.id not in later]
    with ctx.db.reading() as s:
        soon = ctx.soon_days(s)
        touched_stmt = (
            select(A.c.task_id).join(C, C.c.assignment_id == A.c.id).where(C.c.received > as_of).distinct()
        )
        touched = set(s.scalars(touched_stmt))
        fixed = {}
        ids = [r.id for r in rows if r.id in touched]
        for start in range(0, len(ids), _CHUNK):
            fixed.update(_corrected(s, ids[start : start + _CHUNK], as_of, soon, flt.agency_id))
    out = []
    for r in rows:
        found = fixed.get(r.id)
        if found is not None:
            status, due, missed = found
            overdue = (as_of - due).days if status is Status.OVERDUE and due is not None else None
            r = replace(r, status=status, next_due=due, overdue_days=overdue, missed=missed)
        if not flt.statuses or r.status in flt.statuses:
            out.append(r)
    return out


Fix = tuple[Status, date | None, Missed | None]


def _corrected(s: Session, ids: list[int], as_of: date, soon: int, agency_id: int | None) -> dict[int, Fix]:
    t = tasks_as_of(as_of).subquery("t")
    task_rows = s.execute(
        select(
            t.c.task_id, t.c.suspension, t.c.deadline_kind, t.c.first_unmet, t.c.completed, t.c.completed_late
        ).where(t.c.task_id.in_(ids))
    ).all()
    own: dict[int, list[Progress]] = {}
    if agency_id is not None:
        a = assignments_as_of(as_of).subquery("a")
        for task_id, first_unmet, completed, late in s.execute(
            select(a.c.task_id, a.c.first_unmet, a.c.completed, a.c.completed_late).where(
                a.c.task_id.in_(ids), a.c.agency_id == agency_id
            )
        ):
            own.setdefault(task_id, []).append(Progress(first_unmet, bool(completed), bool(late)))
    out: dict[int, Fix] = {}
    recurring_overdue: list[int] = []
    for task_id, suspension, kind_value, first_unmet, completed, late in task_rows:
        kind, susp = DeadlineKind(kind_value), Suspension(suspension)
        status = status_of(Progress(first_unmet, bool(completed), bool(late)), kind, as_of, susp, soon)
        due = next_due(kind, first_unmet, bool(completed))
        mine = own.get(task_id)
        if mine:
            status = rollup(status_of(p, kind, as_of, susp, soon) for p in mine) or status
            pending = [p.first_unmet for p in mine if p.first_unmet is not None and not p.completed]
            due = next_due(kind, min(pending) if pending else None, not pending)
        if kind.value in OWED_ONE_BY_ONE and susp is Suspension.ACTIVE and due is not None and due < as_of:
            recurring_overdue.append(task_id)
        out[task_id] = (status, due, None)
    for task_id, missed in _missed_as_of(s, recurring_overdue, as_of, agency_id).items():
        status, due, _none = out[task_id]
        out[task_id] = (status, due, missed)
    return out


def _missed_as_of(s: Session, ids: list[int], as_of: date, agency_id: int | None) -> dict[int, Missed]:
    """app.services.progress.task_missed, counting only the reports received by ``as_of``."""
    out: dict[int, Missed] = {}

    def marks(a: Assignment) -> list[ReportMark]:
        return [ReportMark(r.occurrence, r.received_on, r.done) for r in a.reports if r.received_on <= as_of]

    for task in tasks_with_reports(s, ids):
        deadline, anchor = deadline_of(task), anchor_of(task)
        leads = [a for a in task.assignments if a.role == Role.LEAD.value]
        if agency_id is not None:
            chosen = [a for a in task.assignments if a.agency_id == agency_id]
        else:
            chosen = leads or list(task.assignments)
        shared = [marks(x) for x in leads]
        found = (
            merge(
                missed_periods(
                    deadline, marks(a), anchor, as_of, shared if a.role == Role.COOPERATING.value else []
                )
                for a in chosen
            )
            if chosen
            else missed_periods(deadline, [], anchor, as_of)
        )
        if found is not None:
            out[task.id] = found
    return out
