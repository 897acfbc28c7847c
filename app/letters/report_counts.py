"""The periodic report's figures as SQL aggregates: counts by status, per lead agency, overdue list.

The report used to load every task with its assignments and every report (about 530,000 ORM
objects on five years of data) to replay progress at the cut-off day in Python. The same
answer comes from the cached progress corrected by the covered occurrences received after the
cut-off (``app.services.asof_query``, the rules of ``models.status.progress_as_of``): the
statuses are a CASE over those rows (``status_case`` mirrors ``models.status.status_of``),
read as three narrow columns per task (the as-of replay runs once); the per-agency figures are
a GROUP BY; only the overdue tasks are read in full, with the names of their agencies.
Portable SQLAlchemy Core (CASE, COALESCE, GROUP BY, IN): PostgreSQL runs it as SQLite does.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import Session

from app.letters.content import AgencyCounts, ReportContent, TaskLine, directive_ref, indicator_lines
from app.services.asof_query import any_received_after, assignments_as_of, tasks_as_of
from models.deadlines import DeadlineKind
from models.entities import Agency, AgencyGroup, Assignment, Directive, Task
from models.parties import Role
from models.status import Progress, Status, Suspension
from models.vn_collation import sort_key
from models.vn_dates import ReportPeriod

A = Assignment.__table__
T = Task.__table__
AG = Agency.__table__
GR = AgencyGroup.__table__

# the per-agency columns a status counts in; every other status (but CANCELLED) is "in progress"
AGENCY_BUCKETS = {
    Status.DONE_ON_TIME: "done_on_time",
    Status.DONE_LATE: "done_late",
    Status.OVERDUE: "overdue",
}


def status_case(rows: Any, as_of: date, soon_days: int) -> ColumnElement[str]:
    """The Status *name* of a row of ``tasks_as_of`` / ``assignments_as_of`` on ``as_of``, as
    ``models.status.status_of`` decides it (keep them in step): suspension, kind, done, then
    the first unmet date against the day and the "sắp đến hạn" window."""
    soon = as_of + timedelta(days=soon_days)

    def name(st: Status) -> ColumnElement[str]:
        return literal(st.name)

    return case(
        (rows.c.suspension == Suspension.CANCELLED.value, name(Status.CANCELLED)),
        (rows.c.suspension == Suspension.PAUSED.value, name(Status.PAUSED)),
        (rows.c.deadline_kind == DeadlineKind.CONTINUOUS.value, name(Status.CONTINUOUS)),
        (rows.c.deadline_kind == DeadlineKind.UNKNOWN.value, name(Status.NO_DEADLINE)),
        ((rows.c.completed == 1) & (rows.c.completed_late == 1), name(Status.DONE_LATE)),
        (rows.c.completed == 1, name(Status.DONE_ON_TIME)),
        (rows.c.first_unmet.is_(None), name(Status.NOT_DUE)),
        (rows.c.first_unmet < as_of, name(Status.OVERDUE)),
        (rows.c.first_unmet <= soon, name(Status.DUE_SOON)),
        else_=name(Status.NOT_DUE),
    )


def task_statuses(
    s: Session, as_of: date, soon_days: int, reopened: bool = True
) -> list[tuple[int, Status, date | None]]:
    """Every task of a directive issued by ``as_of``: (id, its status on ``as_of``, its first unmet
    date then), three narrow columns, the status decided in SQL."""
    t = tasks_as_of(as_of, reopened).subquery("t")
    rows = s.execute(select(t.c.task_id, status_case(t, as_of, soon_days), t.c.first_unmet))
    return [(task_id, Status[name], due) for task_id, name, due in rows]


def directive_progress(s: Session, directive_id: int, as_of: date) -> dict[int, Progress]:
    """Each task of one directive with its progress on ``as_of`` (the cache, replayed in SQL
    where a covering report arrived later): what the report on that directive counts."""
    t = tasks_as_of(as_of).subquery("t")
    rows = s.execute(
        select(t.c.task_id, t.c.first_unmet, t.c.completed, t.c.completed_late).where(
            t.c.directive_id == directive_id
        )
    )
    return {task_id: Progress(due, bool(done), bool(late)) for task_id, due, done, late in rows}


def status_counts(s: Session, as_of: date, soon_days: int, reopened: bool = True) -> dict[Status, int]:
    """How many tasks (of directives issued by ``as_of``) are in each status on ``as_of``."""
    t = tasks_as_of(as_of, reopened).subquery("t")
    status = status_case(t, as_of, soon_days)
    return {Status[name]: int(n) for name, n in s.execute(select(status, func.count()).group_by(status))}


def agency_counts(s: Session, as_of: date, soon_days: int, reopened: bool = True) -> list[AgencyCounts]:
    """Per lead (agency or group, by its name): tasks assigned, done on time, done late, overdue,
    in progress on ``as_of``; cancelled ones are not counted. Most overdue first, then by name."""
    a = assignments_as_of(as_of, reopened).subquery("a")
    status = status_case(a, as_of, soon_days)
    name = func.coalesce(AG.c.name, GR.c.name, literal("")).label("name")

    def count_of(st: Status) -> ColumnElement[Any]:
        return func.sum(case((status == literal(st.name), 1), else_=0))

    stmt = (
        select(
            name,
            func.count(),
            count_of(Status.DONE_ON_TIME),
            count_of(Status.DONE_LATE),
            count_of(Status.OVERDUE),
        )
        .select_from(a.outerjoin(AG, AG.c.id == a.c.agency_id).outerjoin(GR, GR.c.id == a.c.group_id))
        .where(a.c.role == Role.LEAD.value, status != literal(Status.CANCELLED.name))
        .group_by(name)
    )
    out = [
        AgencyCounts(
            name=str(n),
            assigned=int(total),
            done_on_time=int(on_time or 0),
            done_late=int(late or 0),
            overdue=int(over or 0),
            in_progress=int(total) - int(on_time or 0) - int(late or 0) - int(over or 0),
        )
        for n, total, on_time, late, over in s.execute(stmt)
    ]
    return sorted(out, key=lambda r: (-r.overdue, sort_key(r.name)))


def overdue_lines(s: Session, as_of: date, soon_days: int, reopened: bool = True) -> list[TaskLine]:
    """The tasks overdue on ``as_of``, in plan order, each with its lead and cooperating names."""
    due = {t: d for t, st, d in task_statuses(s, as_of, soon_days, reopened) if st is Status.OVERDUE}
    return task_lines(s, due, as_of)


# ids per IN list: far below SQLite's and PostgreSQL's limits on bound parameters
CHUNK = 900


def task_lines(s: Session, due: dict[int, date | None], as_of: date) -> list[TaskLine]:
    """The tasks ``due`` names (id → first unmet date), in plan order, with their agencies' names."""
    ids = sorted(due)
    rows: list[Any] = []
    names: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        rows += s.execute(
            select(T.c.id, T.c.directive_id, T.c.seq, T.c.content, T.c.deadline_text, T.c.product).where(
                T.c.id.in_(part)
            )
        ).all()
        for task_id, role, name in s.execute(
            select(A.c.task_id, A.c.role, func.coalesce(AG.c.name, GR.c.name, literal("")))
            .select_from(A.outerjoin(AG, AG.c.id == A.c.agency_id).outerjoin(GR, GR.c.id == A.c.group_id))
            .where(A.c.task_id.in_(part))
            .order_by(A.c.task_id, A.c.id)
        ):
            names[task_id][role].append(name)
    rows.sort(key=lambda r: (r.directive_id, r.seq, r.id))
    wanted = Directive.id.in_({r.directive_id for r in rows})
    directives = {d.id: (d.number, directive_ref(d)) for d in s.scalars(select(Directive).where(wanted))}
    out = []
    for task_id, directive_id, _seq, content, deadline_text, product in rows:
        (number, ref), who, first = directives[directive_id], names[task_id], due[task_id]
        out.append(
            TaskLine(
                task_id=task_id,
                directive_number=number,
                directive_ref=ref,
                content=content,
                role=None,
                lead="; ".join(who[Role.LEAD.value]),
                cooperating="; ".join(who[Role.COOPERATING.value]),
                deadline_text=deadline_text,
                due=first,
                days_late=(as_of - first).days if first is not None and first < as_of else 0,
                product=product,
            )
        )
    return out


def report_content(s: Session, period: ReportPeriod, soon: int) -> ReportContent:
    """The periodic report's content on its cut-off day (``period.end``), from SQL aggregates."""
    end = period.end
    reopened = s.execute(any_received_after(end)).first() is not None
    statuses = task_statuses(s, end, soon, reopened)  # the replay in SQL runs once for all
    counts = {st.value: 0 for st in Status}
    for _id, st, _due in statuses:
        counts[st.value] += 1
    overdue = {task_id: due for task_id, st, due in statuses if st is Status.OVERDUE}
    return ReportContent(
        period=period,
        as_of=end,
        total=len(statuses),
        counts=counts,
        agencies=tuple(agency_counts(s, end, soon, reopened)),
        overdue=tuple(task_lines(s, overdue, end)),
        indicators=tuple(indicator_lines(s, period)),
    )
