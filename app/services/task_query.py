"""The task list's filters as SQL, kept in step with models.status.status_of.

Status is derived per day, but from cached progress columns that only change when a
report or deadline does, so "overdue as of D" is a plain indexed comparison.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    and_,
    bindparam,
    case,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import InstrumentedAttribute

from app.dto import TaskFilter, TaskSort, TaskSortKey
from app.services.portable_sql import IdsIn, TaskTextMatches, bool_all, bool_any, fts_query
from models.deadlines import DeadlineKind
from models.entities import Assignment, Directive, Task
from models.status import SEVERITY, Status

TIMED = (DeadlineKind.ONCE.value, DeadlineKind.MILESTONES.value, DeadlineKind.RECURRING.value)


def status_condition(
    status: Status,
    as_of: date,
    soon_days: int,
    first_unmet: InstrumentedAttribute[Any],
    completed: InstrumentedAttribute[Any],
    completed_late: InstrumentedAttribute[Any],
) -> ColumnElement[bool]:
    active = Task.suspension == "active"
    timed = and_(active, Task.deadline_kind.in_(TIMED))
    pending = and_(timed, not_(completed))
    soon = as_of + timedelta(days=soon_days)
    conditions: dict[Status, ColumnElement[bool]] = {
        Status.CANCELLED: Task.suspension == "cancelled",
        Status.PAUSED: Task.suspension == "paused",
        Status.CONTINUOUS: and_(active, Task.deadline_kind == DeadlineKind.CONTINUOUS.value),
        Status.NO_DEADLINE: and_(active, Task.deadline_kind == DeadlineKind.UNKNOWN.value),
        Status.DONE_LATE: and_(timed, completed, completed_late),
        Status.DONE_ON_TIME: and_(timed, completed, not_(completed_late)),
        Status.OVERDUE: and_(pending, first_unmet < as_of),
        Status.DUE_SOON: and_(pending, first_unmet >= as_of, first_unmet <= soon),
        Status.NOT_DUE: and_(pending, or_(first_unmet.is_(None), first_unmet > soon)),
    }
    return conditions[status]


def overdue_tasks(as_of: date) -> tuple[ColumnElement[bool], ...]:
    """``status_condition(OVERDUE)`` on the task's own progress, written so that an index
    (ix_task_progress) answers it: an equality on ``completed`` and a range on ``first_unmet``."""
    return (
        Task.completed == false(),
        Task.first_unmet < as_of,
        Task.suspension == "active",
        Task.deadline_kind.in_(TIMED),
    )


def due_soon_tasks(as_of: date, soon_days: int) -> tuple[ColumnElement[bool], ...]:
    """``status_condition(DUE_SOON)`` on the task's own progress, as ix_task_progress serves it."""
    return (
        Task.completed == false(),
        Task.first_unmet >= as_of,
        Task.first_unmet <= as_of + timedelta(days=soon_days),
        Task.suspension == "active",
        Task.deadline_kind.in_(TIMED),
    )


class TaskKey(NamedTuple):
    """A row's place in the list, whose order is (directive_id DESC, seq, id)."""

    directive_id: int
    seq: int
    id: int

    def sort_key(self) -> tuple[int, int, int]:
        """Ascending in list order."""
        return (-self.directive_id, self.seq, self.id)


class TaskTotals(NamedTuple):
    """The status bar's figures over the whole list."""

    tasks: int
    overdue: int
    due_soon: int


LIST_ORDER = (Task.directive_id.desc(), Task.seq, Task.id)


def keyset_pages(
    flt: TaskFilter, as_of: date, soon_days: int, after: TaskKey, *columns: Any
) -> tuple[Select[Any], Select[Any]]:
    """The rows after ``after`` as two index range scans of ix_task_list_order, in list order.

    The order mixes directions, so no single row-value comparison expresses "after"; the rest
    of the key's directive, then every directive below it, are each a seek on the index.
    """
    cols = columns or (Task.id, Task.directive_id, Task.seq)
    base = filtered_tasks(flt, as_of, soon_days, *cols).order_by(None)
    same = base.where(
        Task.directive_id == after.directive_id, tuple_(Task.seq, Task.id) > tuple_(after.seq, after.id)
    ).order_by(Task.seq, Task.id)
    below = base.where(Task.directive_id < after.directive_id).order_by(*LIST_ORDER)
    return same, below


def filtered_tasks(flt: TaskFilter, as_of: date, soon_days: int, *columns: Any) -> Select[Any]:
    """Select task ids (or ``columns``) matching the filter, in list order."""
    stmt = select(*(columns or (Task.id,)))
    where: list[ColumnElement[bool]] = []
    if flt.directive_id is not None:
        where.append(Task.directive_id == flt.directive_id)
    if flt.agency_id is not None:
        a_where: list[ColumnElement[bool]] = [Assignment.agency_id == flt.agency_id]
        if flt.agency_role:
            a_where.append(Assignment.role == flt.agency_role.value)
        if flt.statuses:
            a_where.append(
                or_(
                    *(
                        status_condition(
                            s,
                            as_of,
                            soon_days,
                            Assignment.first_unmet,
                            Assignment.completed,
                            Assignment.completed_late,
                        )
                        for s in flt.statuses
                    )
                )
            )
        if flt.due_from is not None:
            a_where.append(Assignment.first_unmet >= flt.due_from)
        if flt.due_to is not None:
            a_where.append(Assignment.first_unmet <= flt.due_to)
        # IN over the (agency_id, task_id) index beats a correlated EXISTS per task
        where.append(Task.id.in_(select(Assignment.task_id).join(Task).where(*a_where)))
    else:
        if flt.statuses:
            where.append(
                or_(
                    *(
                        status_condition(
                            s, as_of, soon_days, Task.first_unmet, Task.completed, Task.completed_late
                        )
                        for s in flt.statuses
                    )
                )
            )
        if flt.due_from is not None:
            where.append(Task.first_unmet >= flt.due_from)
        if flt.due_to is not None:
            where.append(Task.first_unmet <= flt.due_to)
    if flt.ids is not None:
        where.append(IdsIn(Task.id, flt.ids))
    if flt.search.strip():
        if fts_query(flt.search) is None:
            where.append(false())
        else:
            where.append(TaskTextMatches(Task.id, flt.search))
    if where:
        stmt = stmt.where(*where)
    return stmt.order_by(*LIST_ORDER)


# -- sorting ----------------------------------------------------------------------------------
# A date no deadline reaches: what "no next due date" / "not overdue" sorts as, so that every
# sort key is non-NULL and a row-value comparison (the keyset) never meets a NULL.
NEVER = date(9999, 12, 31)


def progress_columns(flt: TaskFilter) -> tuple[Any, Any, Any]:
    """(first_unmet, completed, completed_late) as the list shows them: the task's own, or, in a
    list filtered by an agency, that agency's assignment's (as TaskService._rows shows them).

    An agency holds a task once (the task form refuses twice); should old data hold it twice,
    its earliest pending date counts and the task is done when both are, as the row shows.
    """
    if flt.agency_id is None:
        return Task.first_unmet, Task.completed, Task.completed_late
    own = (Assignment.task_id == Task.id, Assignment.agency_id == flt.agency_id)

    def one(expr: Any, *where: Any) -> Any:
        return select(expr).where(*own, *where).correlate(Task).scalar_subquery()

    first_unmet = one(func.min(Assignment.first_unmet), Assignment.completed == false())
    completed = one(bool_all(Assignment.completed))
    late = one(bool_any(Assignment.completed_late))
    return first_unmet, completed, late


def overdue_since(flt: TaskFilter, as_of: date, soon_days: int) -> ColumnElement[Any]:
    """The first missed due date of an overdue row, else NEVER: days overdue on ``as_of`` is
    ``as_of - overdue_since``, so ordering by this date is ordering by days overdue, reversed,
    and it does not change from day to day as the count does."""
    first_unmet, completed, late = progress_columns(flt)
    overdue = status_condition(Status.OVERDUE, as_of, soon_days, first_unmet, completed, late)
    return case((overdue, first_unmet), else_=literal(NEVER, Date))


def _next_due(flt: TaskFilter) -> ColumnElement[Any]:
    """tasks.next_due in SQL: the first unmet date of a timed task not done, else NEVER."""
    first_unmet, completed, _late = progress_columns(flt)
    return case(
        (
            and_(Task.deadline_kind.in_(TIMED), not_(completed), first_unmet.is_not(None)),
            first_unmet,
        ),
        else_=literal(NEVER, Date),
    )


def _severity(flt: TaskFilter, as_of: date, soon_days: int) -> ColumnElement[int]:
    """The row's status as its place in models.status.SEVERITY (worst first)."""
    first_unmet, completed, late = progress_columns(flt)
    whens = [
        (status_condition(status, as_of, soon_days, first_unmet, completed, late), n)
        for n, status in enumerate(SEVERITY)
    ]
    return case(*whens, else_=len(SEVERITY))


def sort_columns(sort: TaskSort, flt: TaskFilter, as_of: date, soon_days: int) -> tuple[Any, ...]:
    """The SQL key of ``sort`` before the id that breaks ties (see ``with_directive``).

    The lead and content keys and the "06 rõ" gap count are stored and indexed with the id
    (ix_task_lead_key, ix_task_content_key, ix_task_gaps; task_writer.reindex writes them), so
    those sorts page like the plain list; the others are computed
    per row and sorted, which is still one statement over the filtered rows.
    """
    key = sort.key
    if key is TaskSortKey.DIRECTIVE:
        return (Directive.number_sort, Task.seq)
    if key is TaskSortKey.CONTENT:
        return (Task.content_key,)
    if key is TaskSortKey.LEAD:
        return (Task.lead_key,)
    if key is TaskSortKey.DEADLINE:
        return (_next_due(flt),)
    if key is TaskSortKey.STATUS:
        return (_severity(flt, as_of, soon_days), _next_due(flt))
    if key is TaskSortKey.OVERDUE:
        return (overdue_since(flt, as_of, soon_days),)
    if key is TaskSortKey.CLARITY:
        return (Task.gaps,)
    raise ValueError(key)


def with_directive(sort: TaskSort, stmt: Select[Any]) -> Select[Any]:
    """Join the directive when the sort key reads it (its number); the other sorts stay on task
    alone, which leaves the planner free to walk a task index."""
    if sort.key is TaskSortKey.DIRECTIVE:
        return stmt.join(Directive, Directive.id == Task.directive_id)
    return stmt


def sql_descending(sort: TaskSort) -> bool:
    """Whether the SQL order runs down: days overdue go up as the date they count from goes down."""
    return sort.descending != (sort.key is TaskSortKey.OVERDUE)


def sorted_pages(
    sort: TaskSort, flt: TaskFilter, as_of: date, soon_days: int
) -> tuple[Select[Any], Select[Any], int]:
    """(first page, page after a key, how many key values) for a sort other than LIST.

    Every part of the key runs the same way as the id, so "after" is one row-value comparison
    ``(k1, …, id) > (:k0, …, :kn)`` (``<`` going down), which an index on (key, id) serves.
    The statements select the id, then the key's values and the id again (the row's ``order``):
    a computed key is sorted over every filtered row, so the sorter carries only these, and the
    page's columns are read for its ids afterwards.
    """
    keys = sort_columns(sort, flt, as_of, soon_days)
    parts = (*keys, Task.id)
    base = with_directive(sort, filtered_tasks(flt, as_of, soon_days, Task.id, *parts).order_by(None))
    order = order_clauses(sort, parts)
    down = sql_descending(sort)
    bound: list[Any] = [bindparam(f"k{n}") for n in range(len(parts))]
    row_value = tuple_(*parts)
    after_cond = row_value < tuple_(*bound) if down else row_value > tuple_(*bound)
    return base.order_by(*order), base.where(after_cond).order_by(*order), len(parts)


def order_clauses(sort: TaskSort, parts: tuple[Any, ...]) -> list[Any]:
    """ORDER BY for a key and its id: every part the same way, as the keyset needs."""
    down = sql_descending(sort)
    return [p.desc() if down else p.asc() for p in parts]


class _Descending:
    """A sort position compared the other way round (keys mix strings, dates and numbers, so
    they cannot be negated)."""

    __slots__ = ("value",)

    def __init__(self, value: tuple[Any, ...]) -> None:
        self.value = value

    def __lt__(self, other: _Descending) -> bool:
        return other.value < self.value

    def __gt__(self, other: _Descending) -> bool:
        return other.value > self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)


def position(order: tuple[Any, ...], sort: TaskSort) -> Any:
    """A row's place in the list as Python compares it, equal to the SQL order: what the table
    model inserts a changed row by."""
    if sort.key is TaskSortKey.LIST:
        return TaskKey(*order).sort_key()
    return _Descending(order) if sql_descending(sort) else order
