"""The names the database knows — agencies with their aliases, and groups — that appendix
names are matched against. Reads only."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.appendix.catalogue_file import GROUP_ALIASES, default_group_entries
from models.agency_names import Catalogue, Entry
from models.entities import Agency, AgencyGroup
from models.textfold import fold


def load_catalogue(s: Session, seed: Catalogue | None = None) -> Catalogue:
    """Agencies and groups of the database, plus the default groups and, if given, a seed
    catalogue, each only for names the database lacks."""
    entries: list[Entry] = []
    for a in s.scalars(select(Agency).options(selectinload(Agency.aliases)).order_by(Agency.id)):
        entries.append(Entry(a.name, tuple(x.alias for x in a.aliases), False, a.kind))
    aliases = {fold(name): spellings for name, spellings in GROUP_ALIASES.items()}
    for g in s.scalars(select(AgencyGroup).order_by(AgencyGroup.id)):
        entries.append(Entry(g.name, aliases.get(g.name_key, ()), True, g.member_kind or ""))
    catalogue = Catalogue(entries)
    extra = default_group_entries()
    if seed is not None:
        extra += seed.entries
    for entry in extra:
        if catalogue.lookup(entry.name) is None:
            catalogue.add(entry)
    return catalogue


def has_agencies(s: Session) -> bool:
    return s.scalar(select(Agency.id).limit(1)) is not None
