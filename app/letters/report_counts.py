"""The periodic report's figures as SQL aggregates: counts by status, per lead agency, overdue list.

The report used to load every task with its assignments and every report (about 530,000 ORM
objects on five years of data) to replay progress at the cut-off day in Python. The same
answer comes from the cached progress corrected by the covered occurrences received after the
cut-off (``app.services.asof_query``, the rules of ``models.status.progress_as_of``): the
statuses are a CASE over those rows (``status_case`` mirrors ``models.status.status_of``),
counted by GROUP BY; only the overdue tasks are read row by row, with the names of their
agencies. Portable SQLAlchemy Core (CASE, COALESCE, GROUP BY): PostgreSQL runs it as SQLite does.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import Subquery

from app.letters.content import AgencyCounts, ReportContent, TaskLine, directive_ref, indicator_lines
from app.services.asof_query import any_received_after, assignments_as_of, tasks_as_of
from models.deadlines import DeadlineKind
from models.entities import Agency, AgencyGroup, Assignment, Directive, Task
from models.parties import Role
from models.status import Status, Suspension
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


def _tasks(as_of: date, soon_days: int, reopened: bool) -> Subquery:
    t = tasks_as_of(as_of, reopened).subquery("t")
    return select(*t.c, status_case(t, as_of, soon_days).label("status")).subquery("st")


def status_counts(s: Session, as_of: date, soon_days: int, reopened: bool = True) -> dict[Status, int]:
    """How many tasks (of directives issued by ``as_of``) are in each status on ``as_of``."""
    st = _tasks(as_of, soon_days, reopened)
    rows = s.execute(select(st.c.status, func.count()).group_by(st.c.status))
    return {Status[name]: int(n) for name, n in rows}


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
    st = _tasks(as_of, soon_days, reopened)
    overdue = select(st.c.task_id, st.c.first_unmet).where(st.c.status == Status.OVERDUE.name).subquery("od")
    rows = s.execute(
        select(
            T.c.id,
            T.c.directive_id,
            T.c.content,
            T.c.deadline_text,
            T.c.product,
            overdue.c.first_unmet,
        )
        .join(overdue, overdue.c.task_id == T.c.id)
        .order_by(T.c.directive_id, T.c.seq, T.c.id)
    ).all()
    if not rows:
        return []
    names: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for task_id, role, name in s.execute(
        select(A.c.task_id, A.c.role, func.coalesce(AG.c.name, GR.c.name, literal("")))
        .select_from(A.outerjoin(AG, AG.c.id == A.c.agency_id).outerjoin(GR, GR.c.id == A.c.group_id))
        .where(A.c.task_id.in_(select(overdue.c.task_id)))
        .order_by(A.c.task_id, A.c.id)
    ):
        names[task_id][role].append(name)
    directives = {
        d.id: d for d in s.scalars(select(Directive).where(Directive.id.in_({r.directive_id for r in rows})))
    }
    out = []
    for task_id, directive_id, content, deadline_text, product, due in rows:
        d = directives[directive_id]
        who = names[task_id]
        out.append(
            TaskLine(
                task_id=task_id,
                directive_number=d.number,
                directive_ref=directive_ref(d),
                content=content,
                role=None,
                lead="; ".join(who[Role.LEAD.value]),
                cooperating="; ".join(who[Role.COOPERATING.value]),
                deadline_text=deadline_text,
                due=due,
                days_late=(as_of - due).days if due is not None and due < as_of else 0,
                product=product,
            )
        )
    return out


def report_content(s: Session, period: ReportPeriod, soon: int) -> ReportContent:
    """The periodic report's content on its cut-off day (``period.end``), from SQL aggregates."""
    end = period.end
    reopened = s.execute(any_received_after(end)).first() is not None
    by_status = status_counts(s, end, soon, reopened)
    counts = {st.value: by_status.get(st, 0) for st in Status}
    return ReportContent(
        period=period,
        as_of=end,
        total=sum(by_status.values()),
        counts=counts,
        agencies=tuple(agency_counts(s, end, soon, reopened)),
        overdue=tuple(overdue_lines(s, end, soon, reopened)),
        indicators=tuple(indicator_lines(s, period)),
    )
