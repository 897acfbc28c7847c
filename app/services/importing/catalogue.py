"""The names the database knows — agencies with their aliases, and groups — that appendix
names are matched against. Reads only."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.appendix.catalogue_file import DEFAULT_GROUPS
from models.agency_names import Catalogue, Entry
from models.entities import Agency, AgencyGroup


def load_catalogue(s: Session, seed: Catalogue | None = None) -> Catalogue:
    """Agencies and groups of the database, plus the default groups and, if given, a seed
    catalogue, each only for names the database lacks."""
    entries: list[Entry] = []
    for a in s.scalars(select(Agency).options(selectinload(Agency.aliases)).order_by(Agency.id)):
        entries.append(Entry(a.name, tuple(x.alias for x in a.aliases), False, a.kind))
    for g in s.scalars(select(AgencyGroup).order_by(AgencyGroup.id)):
        entries.append(Entry(g.name, (), True, g.member_kind or ""))
    catalogue = Catalogue(entries)
    extra = [Entry(name, (), True, kind or "") for name, kind in DEFAULT_GROUPS]
    if seed is not None:
        extra += seed.entries
    for entry in extra:
        if catalogue.lookup(entry.name) is None:
            catalogue.add(entry)
    return catalogue


def has_agencies(s: Session) -> bool:
    return s.scalar(select(Agency.id).limit(1)) is not None
