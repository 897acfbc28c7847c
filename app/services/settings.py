"""Program settings kept in the database, so every officer on the workstation sees the same."""

from __future__ import annotations

from app.errors import ValidationError
from app.operation import operation
from app.services.base import Service
from models.entities import Setting


class SettingsService(Service):
    def soon_days(self) -> int:
        with self.db.reading() as s:
            return self.ctx.soon_days(s)

    @operation
    def set_soon_days(self, days: int) -> None:
        """How many days ahead a deadline counts as "sắp đến hạn"."""
        if not 1 <= days <= 90:
            raise ValidationError("Số ngày «sắp đến hạn» phải từ 1 đến 90.", "soon_days")
        with self.db.transaction() as s:
            row = s.get(Setting, "soon_days")
            if row is None:
                s.add(Setting(key="soon_days", value=str(days)))
            else:
                row.value = str(days)
