"""Schema upgrades with a safety net: a dated backup first, and refusal of a newer database.

Opening an up-to-date database must not pay for alembic (about a tenth of a second of
imports): the stored revision is read with one plain query and compared with
``HEAD_REVISION``, a constant a test keeps equal to the head of ``migrations/versions``.
Alembic is imported only when there is something to upgrade.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.pool import NullPool

from app.errors import DatabaseTooNew, MigrationFailed, UserError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"

# The newest revision in migrations/versions (tests/services/test_migrate_head.py checks it).
HEAD_REVISION = "0010"


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return HEAD_REVISION


def script_head() -> str:
    """The head as alembic's script directory computes it (slow: imports alembic)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database, or None for a new (or pre-alembic) file."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            has_table = conn.execute(
                text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
            ).first()
        else:  # PostgreSQL: the table in the role's search path
            has_table = conn.execute(text("SELECT to_regclass('alembic_version')")).scalar()
        if has_table is None:
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    # one linear history: never more than one row
    return rows[0] if rows else None


def backup(db_path: Path, reason: str = "truoc-nang-cap") -> Path:
    """Copy through SQLite's online backup API, which is safe on a WAL database in use."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.stem}.{reason}-{stamp}{db_path.suffix}")
    n = 1
    while target.exists():
        target = db_path.with_name(f"{db_path.stem}.{reason}-{stamp}-{n}{db_path.suffix}")
        n += 1
    src = sqlite3.connect(db_path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade(engine: Engine, db_path: Path | None) -> Path | None:
    """Bring the schema to head; returns the backup made, if any.

    ``db_path`` None: a PostgreSQL database, whose migration runs in one transaction (DDL is
    transactional there) and whose backups are the server's business (pg_dump)."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_config())
    if current is not None and not _known(scripts, current):
        name = db_path.name if db_path is not None else str(engine.url.database)
        raise DatabaseTooNew(
            f"Cơ sở dữ liệu {name} được tạo bởi phiên bản mới hơn của chương trình "
            f"(phiên bản dữ liệu {current}). Hãy cập nhật chương trình trước khi mở."
        )
    made = None
    if current is not None and db_path is not None:
        try:
            made = backup(db_path)
        except (OSError, sqlite3.Error) as exc:
            raise UserError(
                f"Không sao lưu được {db_path.name} trước khi nâng cấp ({exc}); chưa thay đổi gì. "
                "Hãy kiểm tra chỗ trống trên đĩa và quyền ghi của thư mục."
            ) from None
    cfg = _config()
    try:
        with one_transaction(engine) as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except Exception as exc:
        from app.database import busy_error, is_busy

        if is_busy(exc) and db_path is not None:
            raise busy_error(db_path) from exc
        log.exception("upgrade of %s failed", db_path)
        kept = f"; bản sao trước khi nâng cấp: {made}" if made else ""
        name = db_path.name if db_path is not None else str(engine.url.database)
        raise MigrationFailed(
            f"Nâng cấp cơ sở dữ liệu {name} lên phiên bản dữ liệu {HEAD_REVISION} không thành "
            f"công ({type(exc).__name__}); dữ liệu vẫn nguyên như trước khi nâng cấp{kept}. "
            "Hãy dùng phiên bản chương trình cũ, hoặc báo cho người phụ trách kỹ thuật kèm tệp nhật ký."
        ) from exc
    return made


@contextmanager
def one_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection whose every statement, DDL included, is in one SQLite transaction.

    Python's sqlite3 module opens a transaction only before INSERT/UPDATE/DELETE, so a
    ``CREATE TABLE`` or ``ALTER TABLE`` of a migration would be committed on its own and a
    failure halfway would leave half a schema. Here the driver's own transaction handling
    is off and ``BEGIN`` is sent explicitly (SQLAlchemy's documented recipe for pysqlite).
    """
    from app.database import _on_connect

    if engine.dialect.name != "sqlite":  # PostgreSQL: DDL is transactional as it is
        with engine.begin() as conn:
            yield conn
        return
    own = create_engine(engine.url, poolclass=NullPool)

    def autocommit_driver(dbapi_conn: Any, record: Any) -> None:
        _on_connect(dbapi_conn, record)
        dbapi_conn.isolation_level = None

    def begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(own, "connect", autocommit_driver)
    event.listen(own, "begin", begin)
    try:
        with own.begin() as conn:
            yield conn
    finally:
        own.dispose()


def is_known_revision(revision: str) -> bool:
    """Does this program know ``revision`` (it is not from a newer version)?"""
    from alembic.script import ScriptDirectory

    return _known(ScriptDirectory.from_config(_config()), revision)


def check_is_ours(db_path: Path) -> None:
    """Refuse, before any connection changes the file, what is not a database of this program.

    Even switching a file to WAL rewrites its header, so this looks read-only first.
    """
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    with db_path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise UserError(f"Tệp {db_path.name} không phải là cơ sở dữ liệu (SQLite) của chương trình.")
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise UserError(f"Không đọc được cơ sở dữ liệu {db_path.name}: {exc}.") from None
    if names and "alembic_version" not in names:
        raise UserError(
            f"Tệp {db_path.name} là cơ sở dữ liệu của chương trình khác, không phải của "
            "Ban Chỉ đạo – Thư ký; không mở để tránh làm hỏng dữ liệu."
        )


def _known(scripts: ScriptDirectory, revision: str) -> bool:
    try:
        return scripts.get_revision(revision) is not None
    except Exception:  # alembic raises for revisions it has never heard of
        return False
