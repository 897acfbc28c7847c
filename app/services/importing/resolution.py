"""Matched appendix names → agency and group ids, inside the commit's transaction.

Known names resolve to their rows (created on the spot for catalogue entries the database
lacks: default groups, or the shipped catalogue on a first import); unknown names follow the
officer's decision, and a name mapped to an existing agency is remembered as its alias.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.services.importing.preview_types import Decision, ImportResult
from app.services.task_writer import Party
from models.agency_names import Catalogue, Match, abbreviation, name_key
from models.entities import Agency, AgencyAlias, AgencyGroup, AgencyKind, Role
from models.textfold import fold


class Parties:
    """Resolves names once per import (cached by folded name) and remembers display names."""

    def __init__(
        self, s: Session, catalogue: Catalogue, decisions: dict[str, Decision], result: ImportResult
    ):
        self.s = s
        self.catalogue = catalogue
        self.decisions = decisions
        self.result = result
        self._cache: dict[str, tuple[int | None, int | None]] = {}
        self._names: dict[tuple[int | None, int | None], str] = {}
        self._agencies = {a.name_key: a for a in s.scalars(select(Agency))}
        # by expanded key too, so "UBND tỉnh" and "Ủy ban nhân dân tỉnh" become one new agency
        self._by_expanded = {name_key(a.name): a for a in self._agencies.values()}
        self._alias_keys = {x.alias_key: x.agency_id for x in s.scalars(select(AgencyAlias))}
        self._groups = {g.name_key: g for g in s.scalars(select(AgencyGroup))}

    def display(self, agency_id: int | None, group_id: int | None) -> str:
        return self._names.get((agency_id, group_id), "")

    def assignments(self, lead: list[Match], cooperating: list[Match]) -> list[Party]:
        """The row's parties as (role, agency, group), leads first, each party once."""
        out: list[Party] = []
        seen: set[tuple[int | None, int | None]] = set()
        for role, matches in ((Role.LEAD.value, lead), (Role.COOPERATING.value, cooperating)):
            for m in matches:
                ids = self.resolve(m)
                if ids not in seen:
                    seen.add(ids)
                    out.append((role, *ids))
        return out

    def resolve(self, m: Match) -> tuple[int | None, int | None]:
        key = fold(m.canonical or m.written)
        if key not in self._cache:
            ids = self._known(m) if m.canonical is not None else self._decided(m)
            self._cache[key] = ids
        return self._cache[key]

    def _known(self, m: Match) -> tuple[int | None, int | None]:
        assert m.canonical is not None
        key = fold(m.canonical)
        if m.is_group:
            group = self._groups.get(key)
            if group is None:
                entry = self.catalogue.entry(m.canonical)
                group = AgencyGroup(
                    name=m.canonical, name_key=key, member_kind=(entry.kind if entry else "") or None
                )
                self.s.add(group)
                self.s.flush()
                self._groups[key] = group
            self._names[(None, group.id)] = group.name
            return None, group.id
        agency = self._agencies.get(key)
        if agency is None and key in self._alias_keys:
            agency = self.s.get(Agency, self._alias_keys[key])
        if agency is None:
            entry = self.catalogue.entry(m.canonical)
            agency = self._create(m.canonical, entry.kind if entry else "", entry.aliases if entry else ())
        self._names[(agency.id, None)] = agency.name
        return agency.id, None

    def _decided(self, m: Match) -> tuple[int | None, int | None]:
        decision = self.decisions.get(fold(m.written))
        if decision is None:
            raise UserError(f"Chưa chọn cách xử lý cho cơ quan «{m.written}».")
        if decision.agency_id is not None:
            agency = self.s.get(Agency, decision.agency_id)
            if agency is None:
                raise UserError(f"Cơ quan được chọn cho «{m.written}» không còn trong danh mục.")
            self._remember_alias(agency, m.written)
            self._names[(agency.id, None)] = agency.name
            return agency.id, None
        if decision.group_id is not None:
            group = self.s.get(AgencyGroup, decision.group_id)
            if group is None:
                raise UserError(f"Nhóm cơ quan được chọn cho «{m.written}» không còn trong danh mục.")
            self._names[(None, group.id)] = group.name
            return None, group.id
        if decision.create:
            name = " ".join((decision.new_name or m.written).split())
            if not name:
                raise UserError(f"Tên cơ quan mới cho «{m.written}» không được để trống.")
            entry = self.catalogue.entry(name) if decision.new_name else None
            if entry is not None:  # a catalogue name (a former name's successor): that agency or group
                agency_id, group_id = self._known(Match(m.written, entry.name, entry.is_group))
                successor = self.s.get(Agency, agency_id) if agency_id is not None else None
                if successor is not None:
                    self._remember_alias(successor, m.written)
                return agency_id, group_id
            existing = self._agencies.get(fold(name)) or self._by_expanded.get(name_key(name))
            agency = existing or self._create(name, "", ())
            if agency.name != m.written:
                self._remember_alias(agency, m.written)
            self._names[(agency.id, None)] = agency.name
            return agency.id, None
        raise UserError(f"Chưa chọn cách xử lý cho cơ quan «{m.written}».")

    def _create(self, name: str, kind: str, aliases: tuple[str, ...]) -> Agency:
        if kind not in AgencyKind._value2member_map_:
            kind = guess_kind(name)
        agency = Agency(name=name, name_key=fold(name), kind=kind, short_name=abbreviation(name, aliases))
        self.s.add(agency)
        self.s.flush()
        self._agencies[agency.name_key] = agency
        self._by_expanded.setdefault(name_key(name), agency)
        for alias in aliases:
            self._remember_alias(agency, alias, report=False)
        self.result.agencies_created.append(name)
        return agency

    def _remember_alias(self, agency: Agency, written: str, report: bool = True) -> None:
        text = " ".join(written.split())
        key = fold(text)
        if not key or key == agency.name_key or key in self._alias_keys or key in self._agencies:
            return
        self.s.add(AgencyAlias(agency_id=agency.id, alias=text, alias_key=key))
        self._alias_keys[key] = agency.id
        if report:
            self.result.aliases_added.append(f"{text} → {agency.name}")


def guess_kind(name: str) -> str:
    """The kind of a new agency from its name alone: commune, party, enterprise or provincial."""
    key = name_key(name)
    if key.startswith(("uy ban nhan dan xa", "uy ban nhan dan phuong")):
        return AgencyKind.COMMUNE.value
    if "tinh uy" in key or key.startswith("dang uy"):
        return AgencyKind.PARTY.value
    if key.startswith(("cong ty", "tap doan", "vnpt", "viettel", "mobifone")):
        return AgencyKind.ENTERPRISE.value
    return AgencyKind.PROVINCIAL.value
