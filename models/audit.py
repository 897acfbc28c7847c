"""The audit trail and the trash: who changed what, and what a deletion took away.

Neither table has a foreign key to the records it names: an audit entry outlives the row it
describes, and a trash entry holds rows that no longer exist. ``directive_id`` and ``task_id``
name the context (the directive or task an entry belongs to) so the task detail and the
History page can filter without joins to rows that may be gone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.entities import Base


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_at", "at"),
        Index("ix_audit_entry_task", "task_id", "at"),
        Index("ix_audit_entry_directive", "directive_id", "at"),
        Index("ix_audit_entry_actor", "actor", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    # models.audit_text.Action values: create, update, delete, import, restore, purge
    action: Mapped[str] = mapped_column(String(10))
    # a table name (models.audit_text.ENTITY_LABELS gives its Vietnamese name)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    directive_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    task_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    field: Mapped[str] = mapped_column(String(100), default="")
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)


class TrashEntry(Base):
    """One deletion, restorable: the deleted rows of every table, serialised to JSON."""

    __tablename__ = "trash_entry"
    __table_args__ = (Index("ix_trash_entry_deleted_at", "deleted_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(Text, default="")
    directive_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    task_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # {table name: number of rows}, for the list and the confirmation
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # app.services.trash payload: {"rows": {table: [row, ...]}, "nulls": [...], "blobs": [...]}
    payload: Mapped[str] = mapped_column(Text)
