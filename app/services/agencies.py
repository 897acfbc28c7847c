"""Agencies, their aliases and the groups directives name instead of agencies."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session, selectinload

from app.appendix.catalogue_file import DEFAULT_GROUPS, read_catalogue
from app.dto import AgencyInput, AgencyRow, GroupRow, PartyRef
from app.errors import NotFound, UserError, ValidationError
from app.operation import operation
from app.services.base import Service
from app.services.group_members import members
from app.services.task_query import status_condition
from app.services.task_writer import reindex_tasks_of_agency
from models.entities import (
    AGENCY_KIND_LABELS,
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyKind,
    Assignment,
    IndicatorAgency,
    Role,
    Task,
)
from models.status import Status
from models.textfold import fold


def _row(a: Agency) -> AgencyRow:
    kind = AgencyKind(a.kind) if a.kind in AgencyKind._value2member_map_ else AgencyKind.OTHER
    return AgencyRow(
        id=a.id,
        name=a.name,
        short_name=a.short_name,
        kind=a.kind,
        kind_label=AGENCY_KIND_LABELS[kind],
        active=a.active,
        aliases=tuple(x.alias for x in a.aliases),
    )


class AgencyService(Service):
    def list_agencies(
        self, search: str = "", include_inactive: bool = True, with_counts: bool = True
    ) -> list[AgencyRow]:
        """Agencies by name; the task counts cost a pass over the assignments, so combos skip them."""
        with self.db.reading() as s:
            stmt = select(Agency).options(selectinload(Agency.aliases)).order_by(Agency.name)
            if not include_inactive:
                stmt = stmt.where(Agency.active.is_(True))
            agencies = list(s.scalars(stmt))
            lead_counts: dict[int, int] = {}
            overdue: dict[int, int] = {}
            if with_counts:
                lead_counts = _counts(
                    s.execute(
                        select(Assignment.agency_id, func.count())
                        .where(Assignment.role == Role.LEAD.value, Assignment.agency_id.is_not(None))
                        .group_by(Assignment.agency_id)
                    ).all()
                )
                overdue_cond = status_condition(
                    Status.OVERDUE,
                    self.ctx.today(),
                    self.ctx.soon_days(s),
                    Assignment.first_unmet,
                    Assignment.completed,
                    Assignment.completed_late,
                )
                overdue = _counts(
                    s.execute(
                        select(Assignment.agency_id, func.count())
                        .join(Task)
                        .where(Assignment.agency_id.is_not(None), overdue_cond)
                        .group_by(Assignment.agency_id)
                    ).all()
                )
            key = fold(search)
            rows = []
            for a in agencies:
                if key and key not in a.name_key and not any(key in x.alias_key for x in a.aliases):
                    continue
                r = _row(a)
                counts = {"lead_count": lead_counts.get(a.id, 0), "overdue_count": overdue.get(a.id, 0)}
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
            agency.kind = data.kind
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

    @operation
    def delete(self, agency_id: int) -> None:
        """Agencies with assignments are deactivated rather than deleted, so history survives."""
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
            s.delete(a)

    def status_counts(self, agency_id: int) -> dict[str, int]:
        """The agency's roll-up: its assignments (lead or cooperating) counted by status today."""
        today = self.ctx.today()
        with self.db.reading() as s:
            soon = self.ctx.soon_days(s)
            counts = {}
            for st in Status:
                cond = status_condition(
                    st, today, soon, Assignment.first_unmet, Assignment.completed, Assignment.completed_late
                )
                stmt = select(func.count()).select_from(Assignment).join(Task)
                counts[st.value] = s.scalar(stmt.where(Assignment.agency_id == agency_id, cond)) or 0
            return counts

    # -- groups -------------------------------------------------------------------------
    def list_groups(self) -> list[GroupRow]:
        with self.db.reading() as s:
            return [
                GroupRow(g.id, g.name, len(members(s, g)))
                for g in s.scalars(select(AgencyGroup).order_by(AgencyGroup.name))
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
            for name, kind in DEFAULT_GROUPS:
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
        """Load an Excel catalogue (name | aliases separated by ';' | kind); returns (added, updated)."""
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
                s.flush()
                keep = [x.alias for x in agency.aliases]
                self._set_aliases(s, agency, keep + aliases)
            for name, member_kind in DEFAULT_GROUPS:
                if s.scalar(select(AgencyGroup).where(AgencyGroup.name_key == fold(name))) is None:
                    s.add(AgencyGroup(name=name, name_key=fold(name), member_kind=member_kind))
        return added, updated


def _counts(rows: Sequence[Row[int | None, int]]) -> dict[int, int]:
    return {k: v for k, v in rows if k is not None}


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
