"""What the History page, the task detail and the Trash page show (plain values, no ORM)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class HistoryFilter:
    task_id: int | None = None
    directive_id: int | None = None
    actor: str | None = None
    since: date | None = None  # from this day on (inclusive)
    until: date | None = None  # up to this day (inclusive)
    limit: int = 5000


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str  # models.audit_text.Action value
    entity: str  # table name (models.audit_text.entity_label)
    entity_id: int | None
    directive_id: int | None
    task_id: int | None
    field: str
    old_value: str | None
    new_value: str | None


@dataclass(frozen=True)
class TrashRow:
    id: int
    deleted_at: datetime
    actor: str
    entity: str
    entity_id: int
    label: str
    expires_on: date
    counts: dict[str, int] = field(default_factory=dict)
