"""Two officers editing one row: the second save is refused, naming who changed it.

Each edited row (task, directive) carries ``version`` and ``changed_by``. A form remembers the
version it showed; the save compares it with the row's (``check``), so an edit made meanwhile by
another workstation is never silently overwritten. Two saves racing each other are caught by
the ORM (``version_id_col``: the UPDATE says WHERE version = as read; the loser's StaleDataError
becomes the same message through ``stale_message``). The number moves only with an edit (``bump``),
not when cached progress is recomputed, so a report arriving does not void an open form.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.errors import UserError


class ConcurrentEdit(UserError):
    """The row changed since the form showed it; the message names who changed it."""


def actor(session: Session) -> str:
    """Who is saving: the PostgreSQL role signed in (a shared office), else the OS user at this
    workstation; the same name the audit trail records (app/actor.py)."""
    from app.actor import current_actor

    return current_actor(session)


def stale_message(what: str, changed_by: str, changed_at: datetime | None = None) -> str:
    who = f"«{changed_by}»" if changed_by else "một người dùng khác"
    when = f" lúc {changed_at:%H:%M %d/%m/%Y}" if changed_at is not None else ""
    return (
        f"{what} vừa được {who} sửa{when}, sau khi anh/chị mở ra. Thay đổi của anh/chị chưa được lưu "
        "để không ghi đè lên thay đổi đó; hãy đóng, mở lại để xem bản mới rồi sửa tiếp."
    )


def check(row: object, expected: int | None, what: str) -> None:
    """Refuse the save when the row's version is not the one the form showed (None: not checked)."""
    version = getattr(row, "version", None)
    if expected is not None and version != expected:
        raise ConcurrentEdit(
            stale_message(what, getattr(row, "changed_by", ""), getattr(row, "updated_at", None))
        )


def bump(session: Session, row: object) -> None:
    """Mark an edit: the next version, and who made it."""
    row.version = (getattr(row, "version", None) or 1) + 1  # type: ignore[attr-defined]
    row.changed_by = actor(session)  # type: ignore[attr-defined]
