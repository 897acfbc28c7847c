"""Keep the cached progress of assignments and tasks in step with deadlines and reports."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from typing import cast as typed

from sqlalchemy import Connection, Table, Text, bindparam, cast, delete, insert, select, update
from sqlalchemy.orm import Session, selectinload

from models.deadlines import Deadline, DeadlineKind, parse_deadline
from models.entities import Assignment, Directive, OccurrenceCover, Report, Role, Setting, Task
from models.missed import OWED_ONE_BY_ONE, Missed, merge, missed_periods
from models.status import Progress, ReportMark, Status, Suspension, coverage, status_of, summarize

# Bump when the rules that fill the cached progress change: databases are then recomputed on open.
# "5": the covered occurrences (occurrence_cover) are cached too.
# "6": a done report naming a step of a progress sentence also covers the earlier steps
# (models.status); tasks of several milestones count their missed ones (models.missed).
RULES_VERSION = "6"
RULES_KEY = "progress_rules"

_ASSIGNMENT = typed(Table, Assignment.__table__)
_TASK = typed(Table, Task.__table__)
_COVER = typed(Table, OccurrenceCover.__table__)

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


@dataclass(frozen=True)
class PartyMarks:
    """One assignment's reports, as the rules read them."""

    assignment_id: int
    lead: bool
    marks: tuple[ReportMark, ...]


@dataclass(frozen=True)
class TaskProgress:
    """What a refresh stores: the task's roll-up, and each assignment's progress and coverage."""

    task: Progress
    assignments: tuple[tuple[int, Progress, dict[date, date]], ...]


def compute_task(
    deadline: Deadline, anchor: date | None, parties: Sequence[PartyMarks], today: date
) -> TaskProgress:
    """Every assignment's progress from its reports; cooperating ones also count the lead's.

    A cooperating agency contributes to the lead's work: once the lead reports an occurrence
    done, nobody should be reminded about it, whether or not each cooperator wrote in. Each
    lead's reports cover occurrences on their own: a cooperator writing in for the same month
    as the lead (or two leads both reporting) must not count as two months.
    The task's roll-up is its leads' (everyone's when it names no lead).
    """
    horizon = today + timedelta(days=HORIZON_DAYS)
    lead_marks = [p.marks for p in parties if p.lead]
    results = []
    for p in parties:
        shared = () if p.lead else lead_marks
        progress, covered = coverage(deadline, p.marks, anchor, horizon, shared)
        results.append((p.assignment_id, progress, covered))
    leads = [r[1] for r, p in zip(results, parties, strict=True) if p.lead]
    rolled = combine(leads or [r[1] for r in results])
    if not results:
        rolled = summarize(deadline, [], anchor, horizon)
    return TaskProgress(rolled, tuple(results))


def assignment_progress(task: Task, assignment: Assignment, today: date) -> Progress:
    """An assignment's progress from its reports (see compute_task)."""
    parties = [_party(a) for a in task.assignments if a is assignment or a.role == Role.LEAD.value]
    for a_id, progress, _covered in compute_task(
        deadline_of(task), anchor_of(task), parties, today
    ).assignments:
        if a_id == assignment.id:
            return progress
    raise ValueError("assignment not on its task")


def _party(a: Assignment) -> PartyMarks:
    return PartyMarks(
        a.id,
        a.role == Role.LEAD.value,
        tuple(ReportMark(r.occurrence, r.received_on, r.done) for r in a.reports),
    )


def _marks(a: Assignment) -> list[ReportMark]:
    return [ReportMark(r.occurrence, r.received_on, r.done) for r in a.reports]


def task_missed(task: Task, as_of: date, agency_id: int | None = None) -> Missed | None:
    """The periods a recurring task (the milestones a task of milestones) has missed on ``as_of``
    and its next due date.

    Seen from one agency (its own assignments) when ``agency_id`` is given, otherwise from the
    leads, like the task's status. None when the task is not recurring, or is paused or
    cancelled (nothing is owed while it is), or is complete.
    """
    if task.deadline_kind not in OWED_ONE_BY_ONE or task.suspension != Suspension.ACTIVE.value:
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
    if task.deadline_kind not in OWED_ONE_BY_ONE or task.suspension != Suspension.ACTIVE.value:
        return None
    leads = [x for x in task.assignments if x.role == Role.LEAD.value]
    shared = [_marks(x) for x in leads] if a.role == Role.COOPERATING.value else []
    return missed_periods(deadline or deadline_of(task), _marks(a), anchor_of(task), as_of, shared)


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
    """Recompute every assignment's cache (progress and covered occurrences) and the task's roll-up."""
    if any(a.id is None for a in task.assignments):
        session.flush()
    computed = compute_task(deadline_of(task), anchor_of(task), [_party(a) for a in task.assignments], today)
    by_id = {a.id: a for a in task.assignments}
    for a_id, p, _covered in computed.assignments:
        a = by_id[a_id]
        a.first_unmet, a.completed, a.completed_late = p.first_unmet, p.completed, p.completed_late
    rolled = computed.task
    task.first_unmet, task.completed, task.completed_late = (
        rolled.first_unmet,
        rolled.completed,
        rolled.completed_late,
    )
    if by_id:
        session.execute(delete(OccurrenceCover).where(OccurrenceCover.assignment_id.in_(list(by_id))))
    covers = _cover_rows(computed)
    if covers:
        session.execute(insert(OccurrenceCover), covers)


def _cover_rows(computed: TaskProgress) -> list[dict[str, Any]]:
    return [
        {"assignment_id": a_id, "occurrence": occ, "received": rec}
        for a_id, _p, covered in computed.assignments
        for occ, rec in covered.items()
    ]


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


def refresh_all(session: Session, today: date, chunk: int = 5000) -> Iterator[tuple[int, int]]:
    """Recompute every task's cached progress, yielding (done, total) for a progress dialog.

    Needed when the rules that fill the cache change (RULES_VERSION); runs in the caller's
    transaction, so an interruption leaves the old cache and the old version together.

    Core reads and writes, not ORM objects: each chunk of tasks is three plain SELECTs (tasks,
    assignments, reports), the rules run on plain values, and only rows whose cached values
    change are UPDATEd (executemany), and only covered occurrences that change are deleted or
    inserted. A task without reports gets what every other task with the
    same deadline and anchor gets, computed once. (The ORM version took about 23x a Core write
    of the same rows; benchmarks/bench_summary.py prints both figures.)
    """
    ids = list(session.scalars(select(Task.id).order_by(Task.id)))
    total = len(ids)
    yield 0, total
    conn = session.connection()
    memo: dict[tuple[str, date | None], Progress] = {}
    deadlines: dict[str, Deadline] = {}
    for start in range(0, total, chunk):
        part = ids[start : start + chunk]
        low, high = part[0], part[-1]
        tasks = conn.execute(
            select(
                Task.id,
                cast(Task.deadline, Text),
                Task.deadline_text,
                Task.created_at,
                Directive.issued_on,
                Task.first_unmet,
                Task.completed,
                Task.completed_late,
            )
            .join(Directive, Directive.id == Task.directive_id)
            .where(Task.id.between(low, high))
        ).all()
        parties: dict[int, list[tuple[int, bool, Progress]]] = {}
        for a_id, t_id, role, fu, done, late in conn.execute(
            select(
                Assignment.id,
                Assignment.task_id,
                Assignment.role,
                Assignment.first_unmet,
                Assignment.completed,
                Assignment.completed_late,
            )
            .where(Assignment.task_id.between(low, high))
            .order_by(Assignment.id)
        ):
            parties.setdefault(t_id, []).append((a_id, role == Role.LEAD.value, Progress(fu, done, late)))
        marks: dict[int, list[ReportMark]] = {}
        for a_id, occ, received, done in conn.execute(
            select(Report.assignment_id, Report.occurrence, Report.received_on, Report.done)
            .join(Assignment, Assignment.id == Report.assignment_id)
            .where(Assignment.task_id.between(low, high))
            .order_by(Report.received_on, Report.id)
        ):
            marks.setdefault(a_id, []).append(ReportMark(occ, received, done))
        task_updates: list[dict[str, Any]] = []
        a_updates: list[dict[str, Any]] = []
        covers: list[dict[str, Any]] = []
        for t_id, raw, text_, created, issued, t_fu, t_done, t_late in tasks:
            meaningful = bool(raw) and raw not in ("{}", "null")
            key = raw if meaningful else "\x00" + text_
            deadline = deadlines.get(key)
            if deadline is None:
                deadline = Deadline.from_json(json.loads(raw)) if meaningful else parse_deadline(text_)
                deadlines[key] = deadline
            anchor = issued if issued is not None else (created.date() if created is not None else None)
            mine = parties.get(t_id, [])
            if any(a_id in marks for a_id, _lead, _p in mine):
                computed = compute_task(
                    deadline,
                    anchor,
                    [PartyMarks(a_id, lead, tuple(marks.get(a_id, ()))) for a_id, lead, _p in mine],
                    today,
                )
                by_id = {a_id: p for a_id, p, _cov in computed.assignments}
                covers.extend(_cover_rows(computed))
                rolled = computed.task
            else:
                # No reports anywhere on the task: it and each assignment owe exactly what any
                # task with the same deadline and anchor owes, computed once.
                plain = memo.get((key, anchor))
                if plain is None:
                    plain = summarize(deadline, [], anchor, today + timedelta(days=HORIZON_DAYS))
                    memo[(key, anchor)] = plain
                by_id = {a_id: plain for a_id, _lead, _p in mine}
                rolled = plain
            for a_id, _lead, old in mine:
                new = by_id[a_id]
                if new != old:
                    a_updates.append(
                        {"a_id": a_id, "fu": new.first_unmet, "c": new.completed, "cl": new.completed_late}
                    )
            if rolled != Progress(t_fu, t_done, t_late):
                task_updates.append(
                    {
                        "t_id": t_id,
                        "fu": rolled.first_unmet,
                        "c": rolled.completed,
                        "cl": rolled.completed_late,
                    }
                )
        if a_updates:
            conn.execute(
                update(_ASSIGNMENT)
                .where(_ASSIGNMENT.c.id == bindparam("a_id"))
                .values(
                    first_unmet=bindparam("fu"), completed=bindparam("c"), completed_late=bindparam("cl")
                ),
                a_updates,
            )
        if task_updates:
            conn.execute(
                update(_TASK)
                .where(_TASK.c.id == bindparam("t_id"))
                .values(
                    first_unmet=bindparam("fu"), completed=bindparam("c"), completed_late=bindparam("cl")
                ),
                task_updates,
            )
        _write_cover_changes(conn, low, high, covers)
        yield min(start + chunk, total), total
    session.expire_all()
    row = session.get(Setting, RULES_KEY)
    if row is None:
        session.add(Setting(key=RULES_KEY, value=RULES_VERSION))
    else:
        row.value = RULES_VERSION


def _write_cover_changes(conn: Connection, low: int, high: int, covers: list[dict[str, Any]]) -> None:
    """Make the covered occurrences of the tasks ``low``..``high`` exactly ``covers``, writing
    only the rows that differ (most stay as they were: rewriting all of them was about half of
    what ``refresh_all`` cost). Dates are compared in their stored text (ISO) form, read with
    CAST so no row is turned into Python dates."""
    stored = {
        (a_id, occ): rec
        for a_id, occ, rec in conn.execute(
            select(_COVER.c.assignment_id, cast(_COVER.c.occurrence, Text), cast(_COVER.c.received, Text))
            .join(Assignment, Assignment.id == _COVER.c.assignment_id)
            .where(Assignment.task_id.between(low, high))
        )
    }
    added: list[dict[str, Any]] = []
    gone: list[dict[str, Any]] = []
    for row in covers:
        key = (row["assignment_id"], row["occurrence"].isoformat())
        before = stored.pop(key, None)
        if before == row["received"].isoformat():
            continue  # stored as it is
        if before is not None:  # covered on another day: replaced
            gone.append({"a": row["assignment_id"], "o": row["occurrence"]})
        added.append(row)
    # what is left of ``stored`` is no longer covered
    gone += [{"a": a_id, "o": date.fromisoformat(occ)} for a_id, occ in stored]
    if gone:
        conn.execute(
            delete(_COVER).where(
                _COVER.c.assignment_id == bindparam("a"), _COVER.c.occurrence == bindparam("o")
            ),
            gone,
        )
    if added:
        conn.execute(insert(_COVER), added)


def tasks_with_reports(session: Session, task_ids: Iterable[int]) -> list[Task]:
    """The tasks with their directive, assignments and reports, in two extra queries: what
    counting missed periods reads."""
    ids = list(task_ids)
    if not ids:
        return []
    stmt = (
        select(Task)
        .where(Task.id.in_(ids))
        .options(
            selectinload(Task.directive),
            selectinload(Task.assignments).selectinload(Assignment.reports),
        )
    )
    return list(session.scalars(stmt))


def missed_by_task(
    session: Session, task_ids: Iterable[int], as_of: date, agency_id: int | None = None
) -> dict[int, Missed]:
    """`task_missed` for several tasks in two queries; tasks with nothing to say are left out.

    Callers pass only the recurring tasks that are overdue on ``as_of`` (a page of the list, a
    letter's lines), so the reports loaded here stay few.
    """
    out: dict[int, Missed] = {}
    for task in tasks_with_reports(session, task_ids):
        found = task_missed(task, as_of, agency_id)
        if found is not None:
            out[task.id] = found
    return out
