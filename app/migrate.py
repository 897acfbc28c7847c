"""Schema upgrades with a safety net: a dated backup first, and refusal of a newer database."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.errors import DatabaseTooNew, UserError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


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


def upgrade(engine: Engine, db_path: Path) -> Path | None:
    """Bring the schema to head; returns the backup made, if any."""
    scripts = ScriptDirectory.from_config(_config())
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    if current is not None and not _known(scripts, current):
        raise DatabaseTooNew(
            f"Cơ sở dữ liệu {db_path.name} được tạo bởi phiên bản mới hơn của chương trình "
            f"(phiên bản dữ liệu {current}). Hãy cập nhật chương trình trước khi mở."
        )
    made = None
    if current is not None:
        try:
            made = backup(db_path)
        except (OSError, sqlite3.Error) as exc:
            raise UserError(
                f"Không sao lưu được {db_path.name} trước khi nâng cấp ({exc}); chưa thay đổi gì. "
                "Hãy kiểm tra chỗ trống trên đĩa và quyền ghi của thư mục."
            ) from None
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return made


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
