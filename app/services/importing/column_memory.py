"""The column roles and table kinds an officer chose, remembered per header layout.

Kept in the database's ``setting`` table (one row per layout, key ``import_columns:<hash>``)
rather than a per-user file: the appendices come from the office's correspondents, so a
choice made once for "this province's progress table" serves every officer working the same
database, travels with it when it is copied or backed up, and the command line (same
database) sees it too. No new table, so no migration.
"""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.appendix.headers import Role, SheetChoice, SheetKind
from models.entities import Setting

PREFIX = "import_columns:"
IGNORE = "ignore"


def setting_key(signature: str) -> str:
    return PREFIX + hashlib.sha1(signature.encode("utf-8")).hexdigest()


def load(s: Session) -> dict[str, SheetChoice]:
    """Every remembered layout: header signature → the choices made for it."""
    out: dict[str, SheetChoice] = {}
    for value in s.scalars(select(Setting.value).where(Setting.key.startswith(PREFIX))):
        try:
            data = json.loads(value)
            roles = {k: (None if v == IGNORE else Role(v)) for k, v in data["roles"].items()}
            kind = SheetKind(data["kind"]) if data.get("kind") else None
            out[data["signature"]] = SheetChoice(roles, kind)
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # a damaged entry is forgotten, never an error at import time
    return out


def save(s: Session, signature: str, choice: SheetChoice) -> None:
    value = json.dumps(
        {
            "signature": signature,
            "roles": {k: (IGNORE if v is None else v.value) for k, v in choice.roles.items()},
            "kind": choice.kind.value if choice.kind is not None else None,
        },
        ensure_ascii=False,
    )
    key = setting_key(signature)
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=value))
    else:
        row.value = value
