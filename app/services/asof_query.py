"""Status as of any day, in SQL: the cached progress corrected by the covered occurrences.

The cache (Assignment.first_unmet / completed / completed_late) holds what *all* reports give.
For a day D before the latest report, the rows of occurrence_cover whose ``received`` is after
D are the occurrences not yet covered on D ("reopened", models.status.progress_as_of), so:

- first unmet on D = the earlier of the cached first unmet and the earliest reopened occurrence;
- completed on D = cached completed and nothing reopened;
- completed late on D = cached completed late and nothing reopened (it only matters when
  completed, and a task is completed only when all its leads are).

For D on or after today nothing is reopened (no report is received in the future) and the
expressions reduce to the cache. Portable SQLAlchemy Core (CASE, MIN, EXISTS): no SQLite-only
functions, so PostgreSQL runs the same statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.sql.selectable import Subquery

from models.deadlines import DeadlineKind
from models.entities import Assignment, Directive, OccurrenceCover, Task
from models.official import OfficialClass
from models.parties import Role

A = Assignment.__table__
C = OccurrenceCover.__table__
D = Directive.__table__
T = Task.__table__


def issued_by(as_of: date) -> ColumnElement[bool]:
    """The task's directive had been issued on ``as_of`` (or names no date): a task of a plan
    issued later was nobody's work yet, so it is in no class on that day, not "in progress"."""
    return T.c.directive_id.in_(select(D.c.id).where(or_(D.c.issued_on.is_(None), D.c.issued_on <= as_of)))


def _reopened(as_of: date) -> Subquery:
    """Per assignment, the earliest occurrence whose covering report arrived after ``as_of``.

    (SQLite walks the cover table in key order for this rather than the received range; an
    expression key to force the range lost the automatic index of the outer join, far worse.)"""
    return (
        select(C.c.assignment_id, func.min(C.c.occurrence).label("reopened"))
        .where(C.c.received > as_of)
        .group_by(C.c.assignment_id)
        .subquery("reopened")
    )


def _earlier(a: ColumnElement[Any], b: ColumnElement[Any]) -> ColumnElement[Any]:
    """The earlier of two nullable dates (NULL = none), as CASE: LEAST is not in SQLite."""
    return case((b.is_(None), a), (a.is_(None), b), (a < b, a), else_=b)


def _flag(condition: ColumnElement[Any]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def assignments_as_of(as_of: date, reopened: bool = True) -> Select[Any]:
    """Every assignment with its task's suspension, kind and directive and its progress on ``as_of``
    (``completed`` and ``completed_late`` as 0/1). ``reopened=False`` says no report was
    received after ``as_of`` (see ``any_received_after``), so the cache is the answer."""
    cols: list[Any] = [A.c.id.label("assignment_id"), A.c.task_id, A.c.agency_id, A.c.group_id, A.c.role]
    joined = A.join(T, T.c.id == A.c.task_id)
    if reopened:
        sub = _reopened(as_of)
        joined = joined.outerjoin(sub, sub.c.assignment_id == A.c.id)
        r = sub.c.reopened
        cols += [
            _earlier(A.c.first_unmet, r).label("first_unmet"),
            _flag(and_(A.c.completed, r.is_(None))).label("completed"),
            _flag(and_(A.c.completed_late, r.is_(None))).label("completed_late"),
        ]
    else:
        cols += [
            A.c.first_unmet,
            _flag(A.c.completed).label("completed"),
            _flag(A.c.completed_late).label("completed_late"),
        ]
    return (
        select(*cols, T.c.suspension, T.c.deadline_kind, T.c.directive_id)
        .select_from(joined)
        .where(issued_by(as_of))
    )


def any_received_after(as_of: date) -> Select[Any]:
    """One indexed probe: is any covered occurrence's report later than ``as_of``?"""
    return select(C.c.assignment_id).where(C.c.received > as_of).limit(1)


def tasks_as_of(as_of: date, reopened: bool = True) -> Select[Any]:
    """Every task with its progress on ``as_of``: its cached roll-up, or for a task with a
    reopened occurrence the roll-up recomputed in SQL as app.services.progress.combine does
    (its leads', everyone's when it names no lead)."""
    if not reopened:
        return select(
            T.c.id.label("task_id"),
            T.c.directive_id,
            T.c.suspension,
            T.c.deadline_kind,
            T.c.first_unmet,
            _flag(T.c.completed).label("completed"),
            _flag(T.c.completed_late).label("completed_late"),
        ).where(issued_by(as_of))
    aa = assignments_as_of(as_of).subquery("aa")
    lead = A.alias("lead")
    touched = select(A.c.task_id).join(C, C.c.assignment_id == A.c.id).where(C.c.received > as_of)
    has_lead = exists().where(lead.c.task_id == aa.c.task_id, lead.c.role == Role.LEAD.value)
    roll = (
        select(
            aa.c.task_id,
            func.min(aa.c.first_unmet).label("first_unmet"),
            func.min(aa.c.completed).label("completed"),
            func.max(aa.c.completed_late).label("completed_late"),
        )
        .where(aa.c.task_id.in_(touched), or_(aa.c.role == Role.LEAD.value, ~has_lead))
        .group_by(aa.c.task_id)
        .subquery("roll")
    )
    cached = roll.c.task_id.is_(None)
    return select(
        T.c.id.label("task_id"),
        T.c.directive_id,
        T.c.suspension,
        T.c.deadline_kind,
        case((cached, T.c.first_unmet), else_=roll.c.first_unmet).label("first_unmet"),
        case((cached, _flag(T.c.completed)), else_=roll.c.completed).label("completed"),
        case((cached, _flag(T.c.completed_late)), else_=roll.c.completed_late).label("completed_late"),
    ).select_from(T.outerjoin(roll, roll.c.task_id == T.c.id)).where(issued_by(as_of))


def official_class_of(rows: Any, as_of: date) -> ColumnElement[str]:
    """The OfficialClass *name* of a row of ``assignments_as_of`` / ``tasks_as_of``, mirroring
    models.status.status_of + models.official.official_class (keep them in step)."""
    return case(
        (rows.c.suspension == "cancelled", literal(OfficialClass.CANCELLED.name)),
        (rows.c.suspension == "paused", literal(OfficialClass.PAUSED.name)),
        (rows.c.deadline_kind == DeadlineKind.CONTINUOUS.value, literal(OfficialClass.CONTINUOUS.name)),
        (rows.c.deadline_kind == DeadlineKind.UNKNOWN.value, literal(OfficialClass.NO_DEADLINE.name)),
        (
            and_(rows.c.completed == 1, rows.c.completed_late == 1),
            literal(OfficialClass.DONE_LATE.name),
        ),
        (rows.c.completed == 1, literal(OfficialClass.DONE_ON_TIME.name)),
        (rows.c.first_unmet < as_of, literal(OfficialClass.OVERDUE.name)),
        else_=literal(OfficialClass.IN_PROGRESS.name),
    )


def classified_tasks(as_of: date, reopened: bool = True) -> Subquery:
    """``tasks_as_of`` with a ``cls`` column (an OfficialClass name)."""
    t = tasks_as_of(as_of, reopened).subquery("t")
    return select(*t.c, official_class_of(t, as_of).label("cls")).subquery("ct")


def classified_assignments(as_of: date, reopened: bool = True) -> Subquery:
    """``assignments_as_of`` with a ``cls`` column (an OfficialClass name)."""
    a = assignments_as_of(as_of, reopened).subquery("a")
    return select(*a.c, official_class_of(a, as_of).label("cls")).subquery("ca")


def overdue_by_day(days: Sequence[date], directive_id: int | None = None) -> Select[Any]:
    """(day, number of tasks overdue on that day) for several days in one statement, each count
    equal to ``classified_tasks(day)``'s OVERDUE count (rows only for days with some).

    The same correction as ``tasks_as_of`` with the days as a column: every active, dated task
    is paired with every day; a (task, day) with a covered occurrence received after the day is
    "touched" and rolled up afresh from its leads (everyone's when it names no lead), the others
    read the task's cache. The covers are read once for all the days, not once per day.
    """
    day_rows = [select(literal(d, Date).label("day")) for d in days]
    dd = (union_all(*day_rows) if len(day_rows) > 1 else day_rows[0]).subquery("days")
    lead = A.alias("lead")
    relevant = or_(
        A.c.role == Role.LEAD.value,
        ~exists().where(lead.c.task_id == A.c.task_id, lead.c.role == Role.LEAD.value),
    )
    # the covers received after the first day, each with its task and whether it counts for
    # the roll-up: read once (MATERIALIZED), then paired with the days it is later than
    recent = (
        select(
            A.c.task_id,
            C.c.received,
            case((relevant, C.c.occurrence)).label("occurrence"),
        )
        .select_from(C.join(A, A.c.id == C.c.assignment_id))
        .where(C.c.received > min(days))
        .cte("recent")
        .prefix_with("MATERIALIZED")
    )
    touched = (
        select(recent.c.task_id, dd.c.day, func.min(recent.c.occurrence).label("reopened"))
        .select_from(recent.join(dd, recent.c.received > dd.c.day))
        .group_by(recent.c.task_id, dd.c.day)
        .subquery("touched")
    )
    rel = (
        select(
            A.c.task_id,
            func.min(A.c.first_unmet).label("first_unmet"),
            func.min(_flag(A.c.completed)).label("completed"),
        )
        .where(relevant, A.c.task_id.in_(select(recent.c.task_id)))
        .group_by(A.c.task_id)
        .subquery("rel")
    )
    # official_class_of's OVERDUE: active, neither continuous nor undated, not completed, late;
    # the candidate tasks' few columns read once (MATERIALIZED), not once per day
    where = [
        T.c.suspension == "active",
        T.c.deadline_kind.not_in((DeadlineKind.CONTINUOUS.value, DeadlineKind.UNKNOWN.value)),
    ]
    if directive_id is not None:
        where.append(T.c.directive_id == directive_id)
    cand = (
        select(T.c.id, T.c.first_unmet, _flag(T.c.completed).label("completed"), D.c.issued_on)
        .select_from(T.join(D, D.c.id == T.c.directive_id))
        .where(*where)
        .cte("cand")
        .prefix_with("MATERIALIZED")
    )
    is_touched = touched.c.task_id.is_not(None)
    first_unmet = case(
        (is_touched, _earlier(rel.c.first_unmet, touched.c.reopened)), else_=cand.c.first_unmet
    )
    completed = case(
        (is_touched, _flag(and_(rel.c.completed == 1, touched.c.reopened.is_(None)))),
        else_=cand.c.completed,
    )
    joined = (
        cand.join(dd, true())
        .outerjoin(touched, and_(touched.c.task_id == cand.c.id, touched.c.day == dd.c.day))
        .outerjoin(rel, rel.c.task_id == cand.c.id)
    )
    return (
        select(dd.c.day, func.count())
        .select_from(joined)
        .where(
            completed != 1,
            first_unmet < dd.c.day,
            or_(cand.c.issued_on.is_(None), cand.c.issued_on <= dd.c.day),  # see issued_by
        )
        .group_by(dd.c.day)
    )
