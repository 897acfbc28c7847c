"""The engine (SQLite file, or a shared PostgreSQL database) and one session per user action.

A database is named by a path (SQLite: one office on one machine) or by a
``postgresql://role@host/db`` URL (a shared office: several workstations at once; SQLite on a
network share is not an option, WAL does not work over a network filesystem).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app import audit, change_recorder, operation
from app.errors import DatabaseBusy, DatabaseDamaged, ReadOnlyDatabase

# How long a write waits for another program's write lock before the user is told.
BUSY_TIMEOUT_MS = 5000

# What ``--db`` may start with to name a PostgreSQL server rather than a file.
PG_SCHEMES = ("postgresql:", "postgresql+", "postgres:")


def is_pg_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(PG_SCHEMES)


def pg_url(target: str, password: str | None = None) -> URL:
    """The URL with the psycopg (v3) driver, whatever driver it named; ``password`` if given."""
    url = make_url(
        target.replace("postgres:", "postgresql:", 1) if target.startswith("postgres:") else target
    )
    url = url.set(drivername="postgresql+psycopg")
    if password is not None:
        url = url.set(password=password)
    return url


def shown_url(target: str) -> str:
    """The URL as a user may see it: never the password."""
    return pg_url(target).render_as_string(hide_password=True).replace("postgresql+psycopg", "postgresql", 1)


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def _on_connect_read_only(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")  # a second wall behind mode=ro: no statement may write
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def make_engine(db_path: Path, read_only: bool = False) -> Engine:
    # URL.create, not an f-string: a folder named "100% #1?" must not be read as URL syntax.
    if read_only:
        # SQLite's own read-only mode: the file is never written, not even its header
        url = URL.create("sqlite", database=db_path.resolve().as_uri(), query={"mode": "ro", "uri": "true"})
        engine = create_engine(url, future=True)
        event.listen(engine, "connect", _on_connect_read_only)
        return engine
    engine = create_engine(URL.create("sqlite", database=str(db_path)), future=True)
    event.listen(engine, "connect", _on_connect)
    return engine


def is_busy(exc: BaseException) -> bool:
    """Did SQLite give up waiting for another connection's lock?"""
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, sqlite3.OperationalError) and ("locked" in str(orig) or "busy" in str(orig))


def busy_error(db_path: Path) -> DatabaseBusy:
    seconds = BUSY_TIMEOUT_MS // 1000
    return DatabaseBusy(
        f"Cơ sở dữ liệu {db_path.name} đang được ghi bởi một chương trình khác (ví dụ một phần mềm "
        f"xem, sửa hoặc đồng bộ tệp SQLite) đã quá {seconds} giây; chưa thay đổi gì, thử lại sau."
    )


# SQLite's primary result codes for a file it cannot read: SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_NOTADB
_DAMAGE_CODES = {
    10: "ổ đĩa báo lỗi khi đọc tệp",
    11: "một phần tệp bị hỏng",
    26: "tệp không còn là cơ sở dữ liệu",
}
_DAMAGE_WORDS = {"disk i/o error": 10, "malformed": 11, "not a database": 26}


def damage_code(exc: BaseException) -> int | None:
    """SQLite's code when a statement failed because the file is damaged or unreadable
    ("database disk image is malformed", "file is not a database", "disk I/O error"), else None.

    Only SQLite's own errors: a PostgreSQL error never reads as a damaged file."""
    orig = getattr(exc, "orig", exc)
    if not isinstance(orig, sqlite3.DatabaseError):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int) and code & 0xFF in _DAMAGE_CODES:
        return code & 0xFF
    text = str(orig).lower()
    return next((c for word, c in _DAMAGE_WORDS.items() if word in text), None)


def damaged_error(db_path: Path, code: int) -> DatabaseDamaged:
    """What a user reads when a page of the file cannot be read: nothing changed, and the way
    to restore (the window's menu and the command line)."""
    return DatabaseDamaged(
        f"Không đọc được phần dữ liệu bị hỏng của cơ sở dữ liệu {db_path.name} "
        f"({_DAMAGE_CODES[code]}); chưa thay đổi gì. Hãy khôi phục từ bản sao lưu: Tệp → Khôi phục… "
        f'hoặc python -m app --db "{db_path}" restore TỆP_SAO_LƯU '
        f'(chi tiết: python -m app --db "{db_path}" verify).'
    )


def make_pg_engine(url: URL) -> Engine:
    """ISO dates in text (services compare dates read as text), and a lock waited for at most
    15 s: a stuck workstation gives an error, not a frozen window."""
    return create_engine(
        url,
        future=True,
        pool_pre_ping=True,
        connect_args={
            "options": "-c DateStyle=ISO -c lock_timeout=15000",
            "application_name": "bcd-thuky",
            "connect_timeout": 10,
        },
    )


class Database:
    """Owns the engine; services ask it for a transaction scope.

    ``read_only_reason`` (a damaged file, or another window holding the database) opens it in
    SQLite's read-only mode: reading works, and every ``transaction()`` is refused with that
    reason before anything is tried.
    """

    def __init__(self, db_path: Path, engine: Engine | None = None, read_only_reason: str = "") -> None:
        """``db_path``: the SQLite file; for a shared database (``engine`` given), a local stand-in
        whose folder keeps what is per workstation (app.paths.shared_cache_path)."""
        self.path = db_path
        self.read_only_reason = read_only_reason
        self.engine = engine or make_engine(db_path, read_only=bool(read_only_reason))
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        change_recorder.install(self._factory)
        audit.install(self._factory)  # the audit trail, written in each transaction

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def is_shared(self) -> bool:
        """A PostgreSQL database several workstations use at once."""
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action = one transaction: all of it is written, or none.

        What it wrote is recorded; ``change_recorder.changes_of(session)`` names it afterwards.
        """
        if self.read_only_reason:
            raise ReadOnlyDatabase(self.read_only_reason)
        try:
            with self._factory() as session:
                change_recorder.start(session)
                with session.begin():
                    yield session
                operation.committed(change_recorder.changes_of(session))
        except DBAPIError as exc:
            if is_busy(exc):
                raise busy_error(self.path) from exc
            self._raise_if_damaged(exc)
            raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reading; a page of the file that cannot be read is a ``DatabaseDamaged``
        naming the restore, not SQLAlchemy's "database disk image is malformed"."""
        try:
            with self._factory() as session:
                yield session
        except DBAPIError as exc:
            self._raise_if_damaged(exc)
            raise

    def _raise_if_damaged(self, exc: DBAPIError) -> None:
        code = damage_code(exc)
        if code is not None:
            raise damaged_error(self.path, code) from exc

    def dispose(self) -> None:
        self.engine.dispose()
