"""The task list's filters as SQL, kept in step with models.status.status_of.

Status is derived per day, but from cached progress columns that only change when a
report or deadline does, so "overdue as of D" is a plain indexed comparison.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, false, func, not_, or_, select, text, tuple_
from sqlalchemy.orm import InstrumentedAttribute

from app.dto import TaskFilter
from models.deadlines import DeadlineKind
from models.entities import Assignment, Task
from models.status import Status
from models.textfold import fold_tokens

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


def ids_in_json(ids: tuple[int, ...]) -> Select[Any]:
    """``SELECT value FROM json_each(:ids)``: any number of ids as one bound parameter (an IN list
    of 20,000 would pass SQLite's limit on parameters)."""
    each = func.json_each(json.dumps(list(ids))).table_valued("value")
    return select(each.c.value)


def fts_query(search: str) -> str | None:
    """A phrase query over folded tokens, the last one as a prefix: "de an" finds "Đề án"."""
    tokens = fold_tokens(search)
    if not tokens:
        return None
    return '"' + " ".join(tokens) + '"*'


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
        where.append(Task.id.in_(ids_in_json(flt.ids)))
    if flt.search.strip():
        query = fts_query(flt.search)
        if query is None:
            where.append(false())
        else:
            matches = select(text("rowid")).select_from(text("task_fts"))
            where.append(Task.id.in_(matches.where(text("task_fts MATCH :q").bindparams(q=query))))
    if where:
        stmt = stmt.where(*where)
    return stmt.order_by(*LIST_ORDER)
