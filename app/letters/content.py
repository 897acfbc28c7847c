"""What each letter lists, gathered from the database as plain dataclasses.

The window's preview and the DOCX printer read the same objects, so what the officer sees
before exporting is exactly what is printed. Status per agency uses the same SQL condition
as the task list (``task_query.filtered_tasks``), so a reminder lists precisely the tasks the
list shows as "quá hạn" for that agency on that day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from app.dto import TaskFilter
from app.errors import NotFound
from app.services.group_members import members as group_members
from app.services.indicators import as_number
from app.services.progress import (
    missed_by_task,
)
from app.services.task_query import LIST_ORDER, filtered_tasks, status_condition
from models.deadline_text import milestone_words
from models.deadlines import Deadline, DeadlineKind
from models.directive_kinds import kind_label
from models.entities import Agency, AgencyGroup, Assignment, Directive, Indicator, Role, Task
from models.missed import OWED_ONE_BY_ONE, Missed
from models.periods import PeriodError, parse_period
from models.status import Status
from models.vn_collation import sorted_vn
from models.vn_dates import ReportPeriod, short_date

RESPONSE_DAYS = 7  # the agency answers a reminder within a week, as the secretariat's practice is


@dataclass(frozen=True)
class TaskLine:
    """A task as a letter lists it, seen from one agency when the letter is about one."""

    task_id: int
    directive_number: str
    directive_ref: str
    content: str
    role: Role | None  # the agency's part in the task; None when the letter is not about one agency
    lead: str
    cooperating: str
    deadline_text: str
    due: date | None
    days_late: int
    product: str
    group_code: str = ""
    group_title: str = ""
    # a recurring duty overdue on the letter's day: "chưa báo cáo 7 kỳ, từ tháng 4/2026", so the
    # letter does not read as if only the first missed report were owed
    missed_note: str = ""
    # a task of milestones: the words of the milestone due on ``due`` (models.deadline_text)
    step: str = ""


class Earlier(NamedTuple):
    """An earlier reminder sent to the same recipient about some of the same tasks."""

    number: str
    issued_on: date
    issuer: str  # how the issuing body names itself ("Ban Chỉ đạo của Ủy ban nhân dân tỉnh")


@dataclass(frozen=True)
class RemindContent:
    """A reminder's recipient — one agency, or a group as the directive names it ("Các sở, ban,
    ngành", ``group_id`` set and ``agency_id`` 0) — and what it has overdue and due soon."""

    agency_id: int
    agency_name: str
    as_of: date
    soon_days: int
    overdue: tuple[TaskLine, ...]
    soon: tuple[TaskLine, ...]
    respond_by: date
    previous: tuple[Earlier, ...] = ()  # earlier reminders to this recipient about these tasks
    group_id: int | None = None

    @property
    def overdue_lead(self) -> tuple[TaskLine, ...]:
        return tuple(x for x in self.overdue if x.role is not Role.COOPERATING)

    @property
    def overdue_cooperating(self) -> tuple[TaskLine, ...]:
        return tuple(x for x in self.overdue if x.role is Role.COOPERATING)


@dataclass(frozen=True)
class AssignContent:
    directive_id: int
    directive_number: str
    directive_ref: str
    directive_subject: str
    party_format: bool
    tasks: tuple[TaskLine, ...]
    recipients: tuple[str, ...]
    agency_ids: tuple[int, ...]


@dataclass(frozen=True)
class AgencyCounts:
    name: str
    assigned: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    in_progress: int = 0


@dataclass(frozen=True)
class IndicatorLine:
    name: str
    unit: str
    baseline: str
    target: str
    latest: str
    latest_period: str
    percent: str


@dataclass(frozen=True)
class ReportContent:
    period: ReportPeriod
    as_of: date
    total: int
    counts: dict[str, int]
    agencies: tuple[AgencyCounts, ...]
    overdue: tuple[TaskLine, ...]
    indicators: tuple[IndicatorLine, ...]
    extra: dict[str, str] = field(default_factory=dict)


def directive_ref(d: Directive, party_style: bool | None = None) -> str:
    """``Kế hoạch số 125/KH-BCĐ ngày 10/4/2026`` (state) or ``…số 420-CV/TU, ngày 17/4/2026`` (Party)."""
    text = f"{kind_label(d.kind)} số {d.number}"
    if d.issued_on is None:
        return text
    party = is_party_number(d.number) if party_style is None else party_style
    return f"{text}{',' if party else ''} ngày {short_date(d.issued_on)}"


def is_party_number(number: str) -> bool:
    """Party symbols put a hyphen before the kind (``420-CV/TU``); state ones a slash (``125/KH-BCĐ``)."""
    head = number.strip().split("/")[0]
    return "-" in head


def vn_number(value: float) -> str:
    """``71,5`` — Vietnamese decimal comma, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


# -- reminders ------------------------------------------------------------------------------------


def _lines(
    s: Session, ids: list[int], as_of: date, agency_id: int | None, soon: int, group_id: int | None = None
) -> list[TaskLine]:
    if not ids:
        return []
    tasks = {
        t.id: t
        for t in s.scalars(
            select(Task)
            .where(Task.id.in_(ids))
            .options(
                selectinload(Task.assignments).selectinload(Assignment.agency),
                selectinload(Task.assignments).selectinload(Assignment.group),
                selectinload(Task.directive),
            )
        )
    }
    late_recurring = [
        i for i in ids if tasks[i].deadline_kind in OWED_ONE_BY_ONE and tasks[i].first_unmet is not None
    ]
    missed = missed_by_task(s, late_recurring, as_of, agency_id)
    out = []
    for i in ids:
        t = tasks[i]
        names: dict[str, list[str]] = defaultdict(list)
        for a in t.assignments:
            names[a.role].append(a.display_name)
        own = [
            a
            for a in t.assignments
            if (agency_id is not None and a.agency_id == agency_id)
            or (group_id is not None and a.group_id == group_id)
        ]
        if own:
            pending = [a.first_unmet for a in own if a.first_unmet is not None and not a.completed]
            due = min(pending) if pending else None
            role: Role | None = Role.LEAD if any(a.role == Role.LEAD.value for a in own) else Role.COOPERATING
        else:
            due = t.first_unmet if not t.completed else None
            role = None
        late = (as_of - due).days if due is not None and due < as_of else 0
        out.append(
            TaskLine(
                task_id=t.id,
                directive_number=t.directive.number,
                directive_ref=directive_ref(t.directive),
                content=t.content,
                role=role,
                lead="; ".join(names[Role.LEAD.value]),
                cooperating="; ".join(names[Role.COOPERATING.value]),
                deadline_text=t.deadline_text,
                due=due,
                days_late=late,
                product=t.product,
                group_code=t.group_code,
                group_title=t.group_title,
                missed_note=_missed_note(missed.get(i)) if late else "",
                step=_step(t, due),
            )
        )
    return out


def _missed_note(m: Missed | None) -> str:
    """What a late line adds: the missed periods; for milestones only their count when several
    (the owed milestone's words are the line's ``step``)."""
    if m is None:
        return ""
    if m.noun == "mốc":
        return f"chưa báo cáo {m.count} mốc" if m.count > 1 else ""
    return m.periods_text()


def _step(t: Task, due: date | None) -> str:
    if t.deadline_kind != DeadlineKind.MILESTONES.value or not t.deadline:
        return ""
    return milestone_words(Deadline.from_json(t.deadline), due)


def agency_tasks(s: Session, agency_id: int, status: Status, as_of: date, soon: int) -> list[TaskLine]:
    """The agency's tasks in ``status`` on ``as_of`` (lead or cooperating), in list order."""
    flt = TaskFilter(agency_id=agency_id, statuses=(status,))
    ids = list(s.scalars(filtered_tasks(flt, as_of, soon)))
    return _lines(s, ids, as_of, agency_id, soon)


def remind_content(
    s: Session, agency_id: int, as_of: date, soon: int, previous: tuple[Earlier, ...] = ()
) -> RemindContent:
    agency = s.get(Agency, agency_id)
    if agency is None:
        raise NotFound(f"Không tìm thấy cơ quan (mã {agency_id}) trong danh mục.")
    return RemindContent(
        agency_id=agency_id,
        agency_name=agency.name,
        as_of=as_of,
        soon_days=soon,
        overdue=tuple(agency_tasks(s, agency_id, Status.OVERDUE, as_of, soon)),
        soon=tuple(agency_tasks(s, agency_id, Status.DUE_SOON, as_of, soon)),
        respond_by=as_of + timedelta(days=RESPONSE_DAYS),
        previous=previous,
    )


def _assignment_is(status: Status, as_of: date, soon: int) -> ColumnElement[bool]:
    """An assignment's own status on ``as_of`` (the task list's condition; joins Task)."""
    return status_condition(
        status, as_of, soon, Assignment.first_unmet, Assignment.completed, Assignment.completed_late
    )


def _group_task_ids(s: Session, group_id: int, status: Status, as_of: date, soon: int) -> list[int]:
    cond = _assignment_is(status, as_of, soon)
    own = select(Assignment.task_id).join(Task).where(Assignment.group_id == group_id, cond)
    return list(s.scalars(select(Task.id).where(Task.id.in_(own)).order_by(*LIST_ORDER)))


def group_remind_content(
    s: Session, group_id: int, as_of: date, soon: int, previous: tuple[Earlier, ...] = ()
) -> RemindContent:
    """A reminder to a group the directive named as such ("Các sở, ban, ngành"): its own tasks."""
    group = s.get(AgencyGroup, group_id)
    if group is None:
        raise NotFound(f"Không tìm thấy nhóm cơ quan (mã {group_id}).")
    overdue = _group_task_ids(s, group_id, Status.OVERDUE, as_of, soon)
    due_soon = _group_task_ids(s, group_id, Status.DUE_SOON, as_of, soon)
    return RemindContent(
        agency_id=0,
        agency_name=group.name,
        as_of=as_of,
        soon_days=soon,
        overdue=tuple(_lines(s, overdue, as_of, None, soon, group_id)),
        soon=tuple(_lines(s, due_soon, as_of, None, soon, group_id)),
        respond_by=as_of + timedelta(days=RESPONSE_DAYS),
        previous=previous,
        group_id=group_id,
    )


def groups_with_overdue(s: Session, as_of: date, soon: int) -> list[tuple[int, str]]:
    """Every group a directive named as a party (not its members) with overdue work on ``as_of``."""
    cond = _assignment_is(Status.OVERDUE, as_of, soon)
    ids = select(Assignment.group_id).distinct().join(Task).where(Assignment.group_id.is_not(None), cond)
    found = s.scalars(select(AgencyGroup).where(AgencyGroup.id.in_(ids)))
    return [(g.id, g.name) for g in sorted_vn(found, key=lambda g: g.name)]


def overdue_parties(s: Session, as_of: date, soon: int) -> dict[tuple[int, int | None, int | None], str]:
    """Every overdue assignment on ``as_of`` as (task, agency, group) → "task text — party name":
    what a batch of reminders must cover, to say what it left out."""
    cond = _assignment_is(Status.OVERDUE, as_of, soon)
    rows = s.scalars(
        select(Assignment)
        .join(Task)
        .where(cond)
        .options(
            selectinload(Assignment.agency), selectinload(Assignment.group), selectinload(Assignment.task)
        )
    )
    return {(a.task_id, a.agency_id, a.group_id): f"{a.task.content[:80]} — {a.display_name}" for a in rows}


def agencies_with_overdue(s: Session, as_of: date, soon: int) -> list[tuple[int, str]]:
    """Every agency (not group) with at least one overdue assignment on ``as_of``, by name."""
    cond = _assignment_is(Status.OVERDUE, as_of, soon)
    ids = select(Assignment.agency_id).distinct().join(Task).where(Assignment.agency_id.is_not(None), cond)
    found = s.scalars(select(Agency).where(Agency.id.in_(ids)))
    return [(a.id, a.name) for a in sorted_vn(found, key=lambda a: a.name)]


# -- assignment letters -------------------------------------------------------------------------


def assign_content(s: Session, directive: Directive, as_of: date, soon: int) -> AssignContent:
    ids = [t.id for t in directive.tasks]
    lines = _lines(s, ids, as_of, None, soon)
    recipients: list[str] = []
    agency_ids: list[int] = []
    groups: dict[int, AgencyGroup] = {}
    for t in directive.tasks:
        for a in sorted(t.assignments, key=lambda x: x.role != Role.LEAD.value):
            if a.display_name and a.display_name not in recipients:
                recipients.append(a.display_name)
            if a.agency_id is not None and a.agency_id not in agency_ids:
                agency_ids.append(a.agency_id)
            if a.group is not None:
                groups[a.group.id] = a.group
    # "Kính gửi: Các sở, ban, ngành" and then the same sở one by one: a group the letter names
    # already addresses its members
    covered = {m.name for g in groups.values() for m in group_members(s, g)}
    recipients = [r for r in recipients if r not in covered]
    return AssignContent(
        directive_id=directive.id,
        directive_number=directive.number,
        directive_ref=directive_ref(directive),
        directive_subject=_subject_phrase(directive.subject),
        party_format=is_party_number(directive.number),
        tasks=tuple(lines),
        recipients=tuple(recipients),
        agency_ids=tuple(agency_ids),
    )


def _subject_phrase(subject: str) -> str:
    """A directive's trích yếu as it reads after "về": drop a leading "V/v" or "Về"."""
    text = " ".join(subject.split())
    for prefix in ("V/v ", "v/v ", "Về việc ", "Về ", "về "):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


# -- periodic report ------------------------------------------------------------------------------


def _period_start(code: str) -> date | None:
    """The first day of a stored indicator period (month, quarter, half year or year)."""
    try:
        p = parse_period(code)
    except PeriodError:
        return None
    return date(p.year, p.first_month, 1)


def indicator_lines(s: Session, period: ReportPeriod) -> list[IndicatorLine]:
    """Each indicator with its latest value reported for a period that began by the cut-off."""
    out = []
    stmt = (
        select(Indicator)
        .options(selectinload(Indicator.values))
        .order_by(Indicator.directive_id, Indicator.seq, Indicator.id)
    )
    for ind in s.scalars(stmt):
        usable = [
            (start, v)
            for v in ind.values
            if (start := _period_start(v.period)) is not None and start <= period.end
        ]
        latest = max(usable, key=lambda sv: (sv[0], -len(sv[1].period)))[1] if usable else None
        percent = ""
        target = as_number(ind.target)
        if latest is not None and target:
            percent = vn_number(latest.value / target * 100) + "%"
        out.append(
            IndicatorLine(
                name=ind.name,
                unit=ind.unit,
                baseline=ind.baseline,
                target=ind.target,
                latest=vn_number(latest.value) if latest is not None else "",
                latest_period=latest.period if latest is not None else "",
                percent=percent,
            )
        )
    return out
