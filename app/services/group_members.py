"""Which agencies a group stands for: the groups plans name instead of agencies.

Its own module because both the agency catalogue (member counts, member lists) and the task
writer's group expansion need it; neither service has to import the other.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.entities import Agency, AgencyGroup
from models.vn_collation import sorted_vn


def members(s: Session, group: AgencyGroup) -> list[Agency]:
    """The group's active agencies in Vietnamese order: every active agency of its kind, or its
    listed members."""
    if group.member_kind:
        stmt = select(Agency).where(Agency.kind == group.member_kind, Agency.active.is_(True))
        return sorted_vn(s.scalars(stmt), key=lambda a: a.name)
    return sorted_vn((a for a in group.members if a.active), key=lambda a: a.name)
