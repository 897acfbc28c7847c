"""The SQLite engine: WAL, foreign keys, and one session per user action."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app import audit, change_recorder, operation


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def make_engine(db_path: Path) -> Engine:
    # URL.create, not an f-string: a folder named "100% #1?" must not be read as URL syntax.
    engine = create_engine(URL.create("sqlite", database=str(db_path)), future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


class Database:
    """Owns the engine; services ask it for a transaction scope."""

    def __init__(self, db_path: Path, engine: Engine | None = None) -> None:
        self.path = db_path
        self.engine = engine or make_engine(db_path)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        change_recorder.install(self._factory)
        audit.install(self._factory)  # the audit trail, written in each transaction

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action = one transaction: all of it is written, or none.

        What it wrote is recorded; ``change_recorder.changes_of(session)`` names it afterwards.
        """
        with self._factory() as session:
            change_recorder.start(session)
            with session.begin():
                yield session
            operation.committed(change_recorder.changes_of(session))

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._factory() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
