"""Agencies, their aliases and the groups directives name instead of agencies."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, case, false, func, literal, or_, select
from sqlalchemy.orm import Session, selectinload

from app.appendix.catalogue_file import ALL_GROUPS, read_catalogue
from app.dto import AgencyInput, AgencyRow, DeletionCounts, GroupRow, PartyRef
from app.errors import NotFound, UserError, ValidationError
from app.operation import operation
from app.services.base import Service
from app.services.group_members import members
from app.services.portable_sql import likely
from app.services.task_query import TIMED
from app.services.task_writer import reindex_tasks_of_agency
from app.services.trash import move_to_trash
from models.agency_names import abbreviation
from models.deadlines import DeadlineKind
from models.entities import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyKind,
    Assignment,
    IndicatorAgency,
    Role,
    Task,
)
from models.status import Status, Suspension
from models.textfold import fold
from models.vn_collation import sorted_vn


def _row(a: Agency) -> AgencyRow:
    kind = AgencyKind(a.kind) if a.kind in AgencyKind._value2member_map_ else AgencyKind.OTHER
    return AgencyRow(
        id=a.id,
        name=a.name,
        short_name=a.short_name,
        kind=kind,
        active=a.active,
        aliases=tuple(x.alias for x in a.aliases),
    )


class AgencyService(Service):
    def list_agencies(
        self, search: str = "", include_inactive: bool = True, with_counts: bool = True
    ) -> list[AgencyRow]:
        """Agencies in Vietnamese order of name; the task counts (and how long the longest overdue
        assignment is overdue) cost a pass over the assignments, so combos skip them."""
        with self.db.reading() as s:
            today = self.ctx.today()
            lead_count: Any = literal(0)
            overdue_all: Any = literal(0)
            since: Any = literal(None)
            if with_counts:
                lead_count, overdue_all = _per_agency_counts(today)
                since = _overdue_since(today)
            stmt = select(Agency, lead_count, overdue_all, since).options(selectinload(Agency.aliases))
            if not include_inactive:
                stmt = stmt.where(Agency.active.is_(True))
            found = sorted_vn(s.execute(stmt).all(), key=lambda r: r[0].name)
            agencies = [r[0] for r in found]
            lead_counts = {r[0].id: r[1] for r in found}
            oldest: dict[int, date | None] = {r[0].id: r[3] for r in found}
            overdue: dict[int, int] = {}
            if with_counts:
                # pending past due anywhere, less that in tasks paused, cancelled or undated
                not_counted = _counts(s.execute(_pending_past_due_in_inactive(today)).all())
                overdue = {r[0].id: r[2] - not_counted.get(r[0].id, 0) for r in found}
            key = fold(search)
            rows = []
            for a in agencies:
                if key and key not in a.name_key and not any(key in x.alias_key for x in a.aliases):
                    continue
                r = _row(a)
                first_missed = oldest.get(a.id)
                counts = {
                    "lead_count": lead_counts.get(a.id, 0),
                    "overdue_count": overdue.get(a.id, 0),
                    "overdue_days": (today - first_missed).days if first_missed is not None else None,
                }
                rows.append(AgencyRow(**{**r.__dict__, **counts}))
            return rows

    def get(self, agency_id: int) -> AgencyRow:
        with self.db.reading() as s:
            a = s.get(Agency, agency_id)
            if a is None:
                raise NotFound("Không tìm thấy cơ quan.")
            return _row(a)

    @operation
    def save(self, data: AgencyInput) -> int:
        name = " ".join(data.name.split())
        if not name:
            raise ValidationError("Tên cơ quan không được để trống.", "name")
        if data.kind not in AgencyKind._value2member_map_:
            raise ValidationError("Loại cơ quan không hợp lệ.", "kind")
        with self.db.transaction() as s:
            clash = s.scalar(
                select(Agency).where(Agency.name_key == fold(name), Agency.id != (data.id or -1))
            )
            if clash is not None:
                raise ValidationError(f"Đã có cơ quan «{clash.name}».", "name")
            if data.id is None:
                agency = Agency(name=name)
                s.add(agency)
            else:
                found = s.get(Agency, data.id)
                if found is None:
                    raise NotFound("Không tìm thấy cơ quan.")
                agency = found
            renamed = data.id is not None and agency.name != name
            agency.name = name
            agency.name_key = fold(name)
            agency.short_name = data.short_name.strip()
            agency.kind = AgencyKind(data.kind).value
            agency.active = data.active
            agency.note = data.note
            self._set_aliases(s, agency, data.aliases)
            s.flush()
            if renamed:
                reindex_tasks_of_agency(s, agency.id)
            return agency.id

    def _set_aliases(self, s: Session, agency: Agency, aliases: list[str]) -> None:
        wanted: dict[str, str] = {}
        for alias in aliases:
            text = " ".join(alias.split())
            key = fold(text)
            if text and key != agency.name_key:
                wanted.setdefault(key, text)
        agency.aliases[:] = [x for x in agency.aliases if x.alias_key in wanted]
        s.flush()
        have = {x.alias_key for x in agency.aliases}
        for key, text in wanted.items():
            if key in have:
                continue
            other = s.scalar(select(AgencyAlias).where(AgencyAlias.alias_key == key))
            if other is not None:
                raise ValidationError(f"Tên gọi khác «{text}» đã thuộc về cơ quan khác.", "aliases")
            agency.aliases.append(AgencyAlias(alias=text, alias_key=key))

    def deletion_counts(self, agency_id: int) -> DeletionCounts:
        """What ``delete`` would take with it (its other names), and in ``blocking`` the tasks
        and indicators assigned to it, for which ``delete`` refuses. (Groups by kind need no
        count: they list whichever agencies exist.)"""
        with self.db.reading() as s:
            if s.get(Agency, agency_id) is None:
                raise NotFound("Không tìm thấy cơ quan.")
            used = s.scalar(select(func.count()).where(Assignment.agency_id == agency_id)) or 0
            used += s.scalar(select(func.count()).where(IndicatorAgency.agency_id == agency_id)) or 0
            aliases = s.scalar(select(func.count()).where(AgencyAlias.agency_id == agency_id)) or 0
            return DeletionCounts(aliases=aliases, blocking=used)

    @operation
    def delete(self, agency_id: int) -> None:
        """Agencies with assignments or indicators are refused (the user marks them inactive
        instead), so history survives."""
        with self.db.transaction() as s:
            a = s.get(Agency, agency_id)
            if a is None:
                raise NotFound("Không tìm thấy cơ quan.")
            used = s.scalar(select(func.count()).where(Assignment.agency_id == agency_id)) or 0
            used += s.scalar(select(func.count()).where(IndicatorAgency.agency_id == agency_id)) or 0
            if used:
                raise UserError(
                    f"Cơ quan «{a.name}» đang được giao {used} nhiệm vụ/chỉ tiêu nên không xóa được; "
                    "hãy đánh dấu ngừng hoạt động."
                )
            move_to_trash(s, a, f"Cơ quan {a.name}")
            s.delete(a)

    def status_counts(self, agency_id: int) -> dict[str, int]:
        """The agency's roll-up: its assignments (lead or cooperating) counted by status today.

        Two grouped queries that read only indexes, however many assignments the agency has:
        its assignments by progress (ix_assignment_agency_progress), classified as if every task
        were active and dated, then corrected for the few in paused, cancelled or undated tasks
        (ix_task_suspension_kind, ix_assignment_task_progress). Equal to counting each
        ``task_query.status_condition`` over the agency's assignments joined to their tasks.
        """
        today = self.ctx.today()
        with self.db.reading() as s:
            soon = today + timedelta(days=self.ctx.soon_days(s))
            fu = Assignment.first_unmet
            bucket = case((fu.is_(None), _NO_DATE), (fu < today, _PAST), (fu <= soon, _SOON), else_=_LATER)
            progress = (Assignment.completed, Assignment.completed_late, bucket)
            counts = dict.fromkeys((st.value for st in Status), 0)
            mine = select(*progress, func.count()).where(Assignment.agency_id == agency_id)
            for done, late, when, n in s.execute(mine.group_by(*progress)):
                counts[_timed_status(done, late, when).value] += n
            # likely(): drive from the few inactive tasks, not from the agency's assignments
            inactive = (
                select(Task.suspension, Task.deadline_kind, *progress, func.count())
                .select_from(Task)
                .join(Assignment, Assignment.task_id == Task.id)
                .where(_inactive_task(), likely(Assignment.agency_id == agency_id))
                .group_by(Task.suspension, Task.deadline_kind, *progress)
            )
            for suspension, kind, done, late, when, n in s.execute(inactive):
                counts[_timed_status(done, late, when).value] -= n
                real = _INACTIVE_STATUS.get((suspension, kind)) or _INACTIVE_STATUS.get((suspension, None))
                if real is not None:
                    counts[real.value] += n
            return counts

    # -- groups -------------------------------------------------------------------------
    def list_groups(self) -> list[GroupRow]:
        with self.db.reading() as s:
            return [
                GroupRow(g.id, g.name, len(members(s, g)))
                for g in sorted_vn(s.scalars(select(AgencyGroup)), key=lambda g: g.name)
            ]

    def group_members(self, group_id: int) -> list[AgencyRow]:
        with self.db.reading() as s:
            g = s.get(AgencyGroup, group_id)
            if g is None:
                raise NotFound("Không tìm thấy nhóm cơ quan.")
            return [_row(a) for a in members(s, g)]

    @operation
    def ensure_default_groups(self) -> None:
        with self.db.transaction() as s:
            for name, kind in ALL_GROUPS:
                if s.scalar(select(AgencyGroup).where(AgencyGroup.name_key == fold(name))) is None:
                    s.add(AgencyGroup(name=name, name_key=fold(name), member_kind=kind))

    # -- names -----------------------------------------------------------------------------
    def resolve(self, name: str) -> PartyRef | None:
        """An agency or group by its name or any alias, ignoring case, diacritics and spacing."""
        with self.db.reading() as s:
            return resolve_in(s, name)

    def resolve_or_fail(self, name: str) -> PartyRef:
        ref = self.resolve(name)
        if ref is None:
            raise NotFound(f"Không tìm thấy cơ quan «{name}» trong danh mục.")
        return ref

    # -- catalogue import ----------------------------------------------------------------------
    @operation
    def import_catalogue(self, path: Path) -> tuple[int, int]:
        """Load an Excel catalogue (name | aliases separated by ';' | kind); returns (added, updated).

        An agency without a short name gets the catalogue's abbreviation (models.agency_names.
        abbreviation); re-importing the shipped catalogue is how an older database gets them."""
        rows = read_catalogue(path)
        added = updated = 0
        with self.db.transaction() as s:
            for name, aliases, kind in rows:
                agency = s.scalar(select(Agency).where(Agency.name_key == fold(name)))
                if agency is None:
                    agency = Agency(name=name, name_key=fold(name), kind=kind.value)
                    s.add(agency)
                    added += 1
                else:
                    agency.kind = kind.value
                    updated += 1
                if not agency.short_name:  # fills databases made before the rule; keeps what was typed
                    agency.short_name = abbreviation(name, aliases)
                s.flush()
                keep = [x.alias for x in agency.aliases]
                self._set_aliases(s, agency, keep + aliases)
            for name, member_kind in ALL_GROUPS:
                if s.scalar(select(AgencyGroup).where(AgencyGroup.name_key == fold(name))) is None:
                    s.add(AgencyGroup(name=name, name_key=fold(name), member_kind=member_kind))
        return added, updated


def _counts(rows: Sequence[Row[int | None, int]]) -> dict[int, int]:
    return {k: v for k, v in rows if k is not None}


_NO_DATE, _PAST, _SOON, _LATER = 0, 1, 2, 3
_INACTIVE_STATUS: dict[tuple[str, str | None], Status] = {
    (Suspension.CANCELLED.value, None): Status.CANCELLED,
    (Suspension.PAUSED.value, None): Status.PAUSED,
    (Suspension.ACTIVE.value, DeadlineKind.CONTINUOUS.value): Status.CONTINUOUS,
    (Suspension.ACTIVE.value, DeadlineKind.UNKNOWN.value): Status.NO_DEADLINE,
}


def _timed_status(completed: bool, completed_late: bool, when: int) -> Status:
    """An assignment's status if its task is active and dated (see task_query.status_condition)."""
    if completed:
        return Status.DONE_LATE if completed_late else Status.DONE_ON_TIME
    return {_PAST: Status.OVERDUE, _SOON: Status.DUE_SOON}.get(when, Status.NOT_DUE)


def _inactive_task() -> ColumnElement[bool]:
    """Tasks that are not (active and dated), spelled as index ranges of ix_task_suspension_kind:
    suspension is checked to be one of three values, and deadline_kind is always a DeadlineKind."""
    untimed = [k.value for k in DeadlineKind if k.value not in TIMED]
    return or_(
        Task.suspension.in_((Suspension.PAUSED.value, Suspension.CANCELLED.value)),
        and_(Task.suspension == Suspension.ACTIVE.value, Task.deadline_kind.in_(untimed)),
    )


def _per_agency_counts(today: date) -> tuple[Any, Any]:
    """Per agency row: its leads, and its assignments pending past due in any task.

    Correlated counts, each a range of an index (ix_assignment_agency_role,
    ix_assignment_agency_progress): no task row is read.
    """
    lead = (
        select(func.count())
        .select_from(Assignment)
        .where(Assignment.agency_id == Agency.id, Assignment.role == Role.LEAD.value)
        .correlate(Agency)
        .scalar_subquery()
    )
    past_due = (
        select(func.count())
        .select_from(Assignment)
        .where(
            Assignment.agency_id == Agency.id,
            Assignment.completed == false(),
            Assignment.first_unmet < today,
        )
        .correlate(Agency)
        .scalar_subquery()
    )
    return lead, past_due


def _overdue_since(today: date) -> Any:
    """Per agency row: the first missed due date of its longest-overdue assignment (lead or
    cooperating), counting only what is overdue (the task active and dated, as
    task_query.status_condition says); NULL when nothing is."""
    return (
        select(func.min(Assignment.first_unmet))
        .join(Task, Task.id == Assignment.task_id)
        .where(
            Assignment.agency_id == Agency.id,
            Assignment.completed == false(),
            Assignment.first_unmet < today,
            Task.suspension == Suspension.ACTIVE.value,
            Task.deadline_kind.in_(TIMED),
        )
        .correlate(Agency)
        .scalar_subquery()
    )


def _pending_past_due_in_inactive(today: date) -> Select[int | None, int]:
    """Per agency: pending-past-due assignments in tasks that cannot be overdue (paused,
    cancelled, continuous or undated), which ``_per_agency_counts`` included.

    Overdue is "active, timed, not done, first unmet before today" (task_query.status_condition);
    those few tasks come from ix_task_suspension_kind, their assignments from
    ix_assignment_task_progress.
    """
    inactive = select(Task.id).where(_inactive_task())
    return (
        select(Assignment.agency_id, func.count())
        .where(
            Assignment.task_id.in_(inactive),
            Assignment.agency_id.is_not(None),
            Assignment.completed == false(),
            Assignment.first_unmet < today,
        )
        .group_by(Assignment.agency_id)
    )


def resolve_in(s: Session, name: str) -> PartyRef | None:
    key = fold(name)
    if not key:
        return None
    agency = s.scalar(select(Agency).where(Agency.name_key == key))
    if agency is None:
        alias = s.scalar(select(AgencyAlias).where(AgencyAlias.alias_key == key))
        agency = alias.agency if alias is not None else None
    if agency is not None:
        return PartyRef(agency.name, agency_id=agency.id)
    group = s.scalar(select(AgencyGroup).where(AgencyGroup.name_key == key))
    if group is not None:
        return PartyRef(group.name, group_id=group.id)
    return None
