"""What every service shares: the database, the evidence store and today's date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database import Database
from app.evidence_store import EvidenceStore
from models.entities import Setting

DEFAULT_SOON_DAYS = 7


@dataclass
class ServiceContext:
    db: Database
    store: EvidenceStore
    today: Callable[[], date] = field(default=date.today)

    def soon_days(self, session: Session) -> int:
        raw = session.scalar(select(Setting.value).where(Setting.key == "soon_days"))
        try:
            return int(raw) if raw else DEFAULT_SOON_DAYS
        except ValueError:
            return DEFAULT_SOON_DAYS


class Service:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def db(self) -> Database:
        return self.ctx.db
