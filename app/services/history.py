"""Reading the audit trail: a task's history, and the History page's filtered list."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from app.audit_dto import AuditRow, HistoryFilter
from app.services.base import Service
from models.audit import AuditEntry
from models.entities import directive_number_key


class HistoryService(Service):
    def entries(self, flt: HistoryFilter) -> list[AuditRow]:
        """Newest first, at most ``flt.limit`` entries."""
        e = AuditEntry
        stmt = select(e).order_by(e.at.desc(), e.id.desc()).limit(flt.limit)
        if flt.task_id is not None:
            stmt = stmt.where(e.task_id == flt.task_id)
        if flt.directive_id is not None:
            stmt = stmt.where(e.directive_id == flt.directive_id)
        if flt.actor:
            stmt = stmt.where(e.actor == flt.actor)
        if flt.since is not None:
            stmt = stmt.where(e.at >= datetime.combine(flt.since, time()))
        if flt.until is not None:
            stmt = stmt.where(e.at < datetime.combine(flt.until + timedelta(days=1), time()))
        with self.db.reading() as s:
            return [_row(x) for x in s.scalars(stmt)]

    def for_task(self, task_id: int) -> list[AuditRow]:
        """The task's own entries and those of its assignments, reports and evidence."""
        return self.entries(HistoryFilter(task_id=task_id))

    def directive_in_trail(self, number: str) -> int | None:
        """The id a directive numbered ``number`` had, read from the trail (its creation, its
        deletion, a change of its number): the directive may be in the trash or purged, which
        is exactly when its history is asked for. The newest such directive; None if never."""
        key = directive_number_key(number)
        e = AuditEntry
        stmt = (
            select(e.entity_id, e.old_value, e.new_value)
            .where(e.entity == "directive", e.entity_id.is_not(None), e.field.in_(("", "number")))
            .order_by(e.at.desc(), e.id.desc())
        )
        with self.db.reading() as s:
            for ident, old, new in s.execute(stmt):
                if ident is not None and any(v and directive_number_key(v) == key for v in (old, new)):
                    return int(ident)
        return None

    def actors(self) -> list[str]:
        """Everyone who has changed something, for the History page's person filter."""
        with self.db.reading() as s:
            return sorted(s.scalars(select(AuditEntry.actor).distinct()))


def _row(x: AuditEntry) -> AuditRow:
    return AuditRow(
        id=x.id,
        at=x.at,
        actor=x.actor,
        action=x.action,
        entity=x.entity,
        entity_id=x.entity_id,
        directive_id=x.directive_id,
        task_id=x.task_id,
        field=x.field,
        old_value=x.old_value,
        new_value=x.new_value,
    )
