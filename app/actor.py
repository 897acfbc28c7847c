"""Who is making a change, as the audit trail and the trash name them.

On SQLite (one workstation's file) it is the operating-system user and the machine:
``user@host``. On PostgreSQL (the shared office database) each officer signs in with a role,
so it is the role the server knows: ``SELECT current_user``. Asked once per engine.
"""

from __future__ import annotations

import getpass
import socket
import weakref

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

_cache: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def workstation_user() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no login name in the environment (a service account, a container)
        user = "?"
    return f"{user}@{socket.gethostname() or '?'}"


def current_actor(bind: Session | Engine) -> str:
    """``user@host`` on SQLite, the signed-in role on PostgreSQL."""
    if isinstance(bind, Session):
        conn = bind.connection()
        engine = conn.engine
        if engine in _cache:
            return _cache[engine]
        if conn.dialect.name == "postgresql":
            actor = str(conn.execute(text("SELECT current_user")).scalar_one())
        else:
            actor = workstation_user()
    else:
        engine = bind
        if engine in _cache:
            return _cache[engine]
        if engine.dialect.name == "postgresql":
            with engine.connect() as c:
                actor = str(c.execute(text("SELECT current_user")).scalar_one())
        else:
            actor = workstation_user()
    _cache[engine] = actor
    return actor
