"""Follow-up at a glance: tasks by official class as of any day, the overdue and due-soon lists,
and the per-agency scoreboard, every number with the task ids behind it.

Counts are SQL aggregates over app.services.asof_query (the cached progress corrected for the
day), never a Python pass over every row. The one figure the calendar decides, how many
periodic reports were expected so far, is computed once per distinct recurring deadline and
anchor and summed over the ids of the recurring assignments.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Text, and_, cast, func, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.followup_dto import (
    MEASURE_CLASS,
    ClassCounts,
    DirectiveCounts,
    DueItem,
    Measure,
    Overview,
    RoleScore,
    ScoreLine,
)
from app.services.asof_query import (
    C,
    any_received_after,
    classified_assignments,
    classified_tasks,
    overdue_by_day,
)
from app.services.base import Service
from app.services.progress import HORIZON_DAYS, anchor_of, deadline_of
from models.deadlines import Deadline, DeadlineKind, occurrences
from models.entities import Agency, AgencyGroup, Assignment, Directive, Task
from models.official import OfficialClass
from models.parties import Role
from models.vn_collation import sort_key

# Tasks that owe periodic reports, as far as the update rate is concerned.
_PERIODIC = and_(Task.deadline_kind == DeadlineKind.RECURRING.value, Task.suspension == "active")


def expected_so_far(deadline: Deadline, anchor: date | None, as_of: date) -> int:
    """How many occurrences of a recurring deadline fell due before ``as_of`` (from its anchor:
    the recurrence's own start, else the directive's date, else the task's entry)."""
    rec = deadline.recurrence
    if rec is None:
        return 0
    begin = rec.start or anchor
    if begin is None or begin >= as_of:
        return 0
    return len(occurrences(deadline, begin, as_of - timedelta(days=1), anchor))


class FollowupService(Service):
    def _reopened(self, as_of: date) -> bool:
        """Whether some covered occurrence was reported after ``as_of`` (never so for today)."""
        with self.db.reading() as s:
            return s.execute(any_received_after(as_of)).first() is not None

    def _tasks(self, as_of: date) -> Any:
        return classified_tasks(as_of, self._reopened(as_of))

    def _assignments(self, as_of: date) -> Any:
        return classified_assignments(as_of, self._reopened(as_of))

    def check_as_of(self, as_of: date) -> None:
        """The cache answers any day up to its horizon; further ahead it would be wrong, so refuse."""
        limit = self.ctx.today() + timedelta(days=HORIZON_DAYS - 1)
        if as_of > limit:
            raise ValidationError(
                f"Chỉ tính được trạng thái đến ngày {limit:%d/%m/%Y} (không quá {HORIZON_DAYS - 1} ngày "
                "sau hôm nay).",
                "as_of",
            )

    # ------------------------------------------------------------------ overview

    def overview(self, as_of: date, directive_id: int | None = None) -> Overview:
        """Tasks by official class on ``as_of``, in total and per directive (one grouped query)."""
        self.check_as_of(as_of)
        ct = self._tasks(as_of)
        stmt = select(ct.c.directive_id, ct.c.cls, func.count()).group_by(ct.c.directive_id, ct.c.cls)
        if directive_id is not None:
            stmt = stmt.where(ct.c.directive_id == directive_id)
        totals = ClassCounts()
        per: dict[int, ClassCounts] = {}
        with self.db.reading() as s:
            for d_id, cls, n in s.execute(stmt):
                klass = OfficialClass[cls]
                totals.counts[klass] += n
                per.setdefault(d_id, ClassCounts()).counts[klass] += n
            numbers = {
                i: n
                for i, n in s.execute(
                    select(Directive.id, Directive.number).where(Directive.id.in_(list(per)))
                )
            }
        directives = tuple(
            DirectiveCounts(d_id, numbers.get(d_id, ""), counts) for d_id, counts in sorted(per.items())
        )
        return Overview(as_of, totals, directives)

    def overdue_counts(self, days: Sequence[date], directive_id: int | None = None) -> dict[date, int]:
        """How many tasks were overdue on each of ``days`` (each equal to ``overview(day)``'s
        OVERDUE count), in one statement: the overview page's series of month ends."""
        if not days:
            return {}
        for day in days:
            self.check_as_of(day)
        with self.db.reading() as s:
            found: dict[date, int] = {d: n for d, n in s.execute(overdue_by_day(days, directive_id))}
        return {day: found.get(day, 0) for day in days}

    def class_task_ids(self, as_of: date, klass: OfficialClass, directive_id: int | None = None) -> list[int]:
        """The tasks behind one overview number, in id order."""
        self.check_as_of(as_of)
        ct = self._tasks(as_of)
        stmt = select(ct.c.task_id).where(ct.c.cls == klass.name).order_by(ct.c.task_id)
        if directive_id is not None:
            stmt = stmt.where(ct.c.directive_id == directive_id)
        with self.db.reading() as s:
            return list(s.scalars(stmt))

    def overdue(self, as_of: date, directive_id: int | None = None) -> list[DueItem]:
        """Tasks overdue on ``as_of``, longest overdue first; ``days`` = as_of − first unmet date."""
        self.check_as_of(as_of)
        ct = self._tasks(as_of)
        where = [ct.c.cls == OfficialClass.OVERDUE.name]
        return self._due_items(as_of, ct, where, directive_id, sign=1)

    def due_within(self, as_of: date, days: int, directive_id: int | None = None) -> list[DueItem]:
        """Tasks in progress whose next due date is within ``days`` days from ``as_of`` (inclusive);
        ``days`` of an item = days left."""
        self.check_as_of(as_of)
        ct = self._tasks(as_of)
        where = [
            ct.c.cls == OfficialClass.IN_PROGRESS.name,
            ct.c.first_unmet >= as_of,
            ct.c.first_unmet <= as_of + timedelta(days=days),
        ]
        return self._due_items(as_of, ct, where, directive_id, sign=-1)

    def _due_items(
        self, as_of: date, ct: Any, where: list[Any], directive_id: int | None, sign: int
    ) -> list[DueItem]:
        if directive_id is not None:
            where.append(ct.c.directive_id == directive_id)
        stmt = (
            select(ct.c.task_id, ct.c.first_unmet, Directive.number, Task.content, Task.deadline_text)
            .join(Task, Task.id == ct.c.task_id)
            .join(Directive, Directive.id == ct.c.directive_id)
            .where(*where)
            .order_by(ct.c.first_unmet, ct.c.task_id)
        )
        with self.db.reading() as s:
            rows = s.execute(stmt).all()
            leads = self._lead_names(s, select(ct.c.task_id).where(*where))
        return [
            DueItem(t_id, number, content, leads.get(t_id, ""), text, due, sign * (as_of - due).days)
            for t_id, due, number, content, text in rows
        ]

    @staticmethod
    def _lead_names(s: Session, task_ids: Any) -> dict[int, str]:
        stmt = (
            select(Assignment.task_id, Agency.name, AgencyGroup.name)
            .outerjoin(Agency, Agency.id == Assignment.agency_id)
            .outerjoin(AgencyGroup, AgencyGroup.id == Assignment.group_id)
            .where(Assignment.role == Role.LEAD.value, Assignment.task_id.in_(task_ids))
            .order_by(Assignment.task_id, Assignment.id)
        )
        names: dict[int, list[str]] = defaultdict(list)
        for t_id, agency, group in s.execute(stmt):
            names[t_id].append(agency or group or "")
        return {t_id: "; ".join(n) for t_id, n in names.items()}

    def occurrence_in_period(self, task_id: int, start: date, end: date) -> date:
        """The one due date of the task inside a period (the occurrence a report is for).

        Raises a Vietnamese ValidationError when the period holds none or several (a weekly
        duty inside a month: name the day)."""
        with self.db.reading() as s:
            found = occurrences_in(s, task_id, start, end)
        if not found:
            raise ValidationError(
                f"Nhiệm vụ {task_id} không có kỳ báo cáo nào từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}.",
                "period",
            )
        if len(found) > 1:
            days = ", ".join(f"{d:%d/%m/%Y}" for d in found)
            raise ValidationError(
                f"Trong kỳ này nhiệm vụ {task_id} có {len(found)} hạn ({days}); hãy ghi rõ ngày của kỳ.",
                "period",
            )
        return found[0]

    # ------------------------------------------------------------------ scoreboard

    def scoreboard(self, as_of: date) -> list[ScoreLine]:
        """Each agency and each group named on tasks, as lead and as cooperating, on ``as_of``.

        Per role: assigned (assignments), counts by official class, the longest overdue (days
        since the earliest unmet occurrence among its overdue ones), and the two rates
        (app.followup_dto: ON_TIME_RATE_FORMULA, UPDATE_RATE_FORMULA; None when the denominator
        is 0). Agencies with nothing assigned are left out. Rows in name order (the views sort
        them the Vietnamese way).
        """
        self.check_as_of(as_of)
        ca = self._assignments(as_of)
        # Grouped by "id + 0", not the bare ids: on the bare ids SQLite walks every assignment
        # through ix_assignment_agency_task for the grouping's sake (each row fetched out of
        # order, then sorted anyway), about half the speed of the plain scan it does here.
        agency_key, group_key = ca.c.agency_id + 0, ca.c.group_id + 0
        counts = select(
            agency_key,
            group_key,
            ca.c.role,
            ca.c.cls,
            func.count(),
            func.min(ca.c.first_unmet),
        ).group_by(agency_key, group_key, ca.c.role, ca.c.cls)
        on_time = (
            select(Assignment.agency_id, Assignment.group_id, Assignment.role, func.count())
            .select_from(C.join(Assignment, Assignment.id == C.c.assignment_id))
            .join(Task, Task.id == Assignment.task_id)
            .where(_PERIODIC, C.c.occurrence < as_of, C.c.received <= C.c.occurrence)
            .group_by(Assignment.agency_id, Assignment.group_id, Assignment.role)
        )
        Key = tuple[int | None, int | None, str]
        acc: dict[Key, dict[str, Any]] = defaultdict(
            lambda: {
                "assigned": 0,
                "counts": dict.fromkeys(OfficialClass, 0),
                "oldest": None,
                "exp": 0,
                "ok": 0,
            }
        )
        with self.db.reading() as s:
            for agency_id, group_id, role, cls, n, oldest in s.execute(counts):
                cell = acc[(agency_id, group_id, role)]
                cell["assigned"] += n
                cell["counts"][OfficialClass[cls]] += n
                if cls == OfficialClass.OVERDUE.name:
                    cell["oldest"] = oldest
            for agency_id, group_id, role, n in s.execute(on_time):
                acc[(agency_id, group_id, role)]["ok"] += n
            for key, n in self._expected(s, as_of).items():
                acc[key]["exp"] += n
            agencies = {i: n for i, n in s.execute(select(Agency.id, Agency.name))}
            groups = {i: n for i, n in s.execute(select(AgencyGroup.id, AgencyGroup.name))}

        def score(key: Key) -> RoleScore:
            cell = acc.get(key)
            if cell is None:
                return RoleScore()
            oldest = cell["oldest"]
            return RoleScore(
                assigned=cell["assigned"],
                counts=cell["counts"],
                longest_overdue_days=None if oldest is None else (as_of - oldest).days,
                periodic_expected=cell["exp"],
                periodic_on_time=cell["ok"],
            )

        parties = list(dict.fromkeys((a, g) for a, g, _role in acc))
        lines = [
            ScoreLine(
                name=agencies.get(a, "") if a is not None else groups.get(g or 0, ""),
                agency_id=a,
                group_id=g,
                lead=score((a, g, Role.LEAD.value)),
                cooperating=score((a, g, Role.COOPERATING.value)),
            )
            for a, g in parties
        ]
        # Vietnamese alphabetical order, as every list the window shows (models.vn_collation)
        return sorted(lines, key=lambda line: (sort_key(line.name), line.agency_id or 0, line.group_id or 0))

    def _expected(self, s: Session, as_of: date) -> dict[tuple[int | None, int | None, str], int]:
        """Periodic reports expected so far per (agency, group, role): the calendar count per
        distinct (deadline, anchor), summed over the recurring assignments."""
        per_task: dict[int, int] = {}
        memo: dict[tuple[str, date | None], int] = {}
        stmt = (
            select(Task.id, cast(Task.deadline, Text), Directive.issued_on, Task.created_at)
            .join(Directive, Directive.id == Task.directive_id)
            .where(_PERIODIC)
        )
        for t_id, raw, issued, created in s.execute(stmt):
            anchor = issued if issued is not None else (created.date() if created is not None else None)
            key = (raw or "", anchor)
            if key not in memo:
                try:
                    deadline = Deadline.from_json(json.loads(raw))
                except (TypeError, ValueError, KeyError):
                    deadline = None
                memo[key] = 0 if deadline is None else expected_so_far(deadline, anchor, as_of)
            per_task[t_id] = memo[key]
        out: dict[tuple[int | None, int | None, str], int] = defaultdict(int)
        parties = (
            select(Assignment.agency_id, Assignment.group_id, Assignment.role, Assignment.task_id)
            .join(Task, Task.id == Assignment.task_id)
            .where(_PERIODIC)
        )
        for agency_id, group_id, role, t_id in s.execute(parties):
            out[(agency_id, group_id, role)] += per_task.get(t_id, 0)
        return out

    def cell_task_ids(
        self,
        as_of: date,
        measure: Measure,
        role: Role,
        agency_id: int | None = None,
        group_id: int | None = None,
    ) -> list[int]:
        """The tasks behind one scoreboard number (an agency's or a group's, in one role)."""
        self.check_as_of(as_of)
        ca = self._assignments(as_of)
        party = ca.c.agency_id == agency_id if agency_id is not None else ca.c.group_id == group_id
        where: list[Any] = [party, ca.c.role == role.value]
        if measure in MEASURE_CLASS:
            where.append(ca.c.cls == MEASURE_CLASS[measure].name)
        elif measure is Measure.DONE:
            where.append(ca.c.cls.in_((OfficialClass.DONE_ON_TIME.name, OfficialClass.DONE_LATE.name)))
        elif measure is Measure.PERIODIC:
            where.append(ca.c.task_id.in_(select(Task.id).where(_PERIODIC)))
        elif measure is Measure.LONGEST_OVERDUE:
            inner = self._assignments(as_of)
            inner_party = (
                inner.c.agency_id == agency_id if agency_id is not None else inner.c.group_id == group_id
            )
            oldest = select(func.min(inner.c.first_unmet)).where(
                inner_party, inner.c.role == role.value, inner.c.cls == OfficialClass.OVERDUE.name
            )
            where += [ca.c.cls == OfficialClass.OVERDUE.name, ca.c.first_unmet == oldest.scalar_subquery()]
        stmt = select(ca.c.task_id).where(*where).distinct().order_by(ca.c.task_id)
        with self.db.reading() as s:
            return list(s.scalars(stmt))


def occurrences_in(session: Session, task_id: int, start: date, end: date) -> list[date]:
    """The due dates of a task's deadline inside [start, end] (its recurrence from its anchor)."""
    task = session.get(Task, task_id)
    if task is None:
        return []
    return occurrences(deadline_of(task), start, end, anchor_of(task))
