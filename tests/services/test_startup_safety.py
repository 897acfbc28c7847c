"""The safety nets at start-up: one instance per database, a backup before every upgrade."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic import command

from app import migrate
from app.cli_common import EXIT_USER
from app.context import AppContext
from app.database import Database
from app.errors import AlreadyRunning, DatabaseTooNew, UserError
from tests.cli_run import run_cli

ROOT = Path(__file__).resolve().parents[2]


def test_second_context_on_same_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    first = AppContext(path).open()
    try:
        with pytest.raises(AlreadyRunning, match="đang được mở"):
            AppContext(path).open()
    finally:
        first.close()
    AppContext(path).open().close()  # free again once the first one closed


def test_second_process_is_refused_while_first_holds_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "b.sqlite"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from pathlib import Path
                from app.context import AppContext
                ctx = AppContext(Path({str(path)!r})).open()
                print("ready", flush=True)
                sys.stdin.readline()
                ctx.close()
                """
            ),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = run_cli(capsys, "--db", str(path), "demo")
        assert result.returncode == EXIT_USER
        assert "đang được mở" in result.stderr and result.stderr.count("\n") == 1
        # a command that only reads runs beside the window (SQLite WAL readers), writing nothing
        listed = run_cli(capsys, "--db", str(path), "tasks", "--json")
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout.strip() == "[]"
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)


def _old_database(path: Path) -> None:
    """A database left at the first schema revision, holding one directive."""
    db = Database(path)
    cfg = migrate._config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO directive (number, kind, issuer, place, subject, signer, signer_title,"
            " signer_authority, file_name, note, created_at) VALUES ('125/KH-BCĐ', 'KH', '', '',"
            " '', '', '', '', '', '', '2026-04-10 00:00:00')"
        )
    db.dispose()


def test_upgrade_backs_up_the_old_database_first(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _old_database(path)
    with AppContext(path) as ctx:
        backup = ctx.backup_made
        assert migrate.current_revision(ctx.db.engine) == migrate.head_revision()  # type: ignore[union-attr]
    assert backup is not None and backup.exists() and backup != path
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert conn.execute("SELECT number FROM directive").fetchall() == [("125/KH-BCĐ",)]


def test_up_to_date_database_is_not_backed_up_again(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    AppContext(path).open().close()
    with AppContext(path) as ctx:
        assert ctx.backup_made is None
    assert sorted(p.name for p in tmp_path.glob("new.*.sqlite")) == []


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    AppContext(path).open().close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="phiên bản mới hơn"):
        AppContext(path).open()
    assert path.read_bytes() == before
    with pytest.raises(DatabaseTooNew):
        AppContext(path).open()


def test_database_is_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    with AppContext(tmp_path / "w.sqlite") as ctx:
        assert ctx.db is not None
        with ctx.db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "khac.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('x')")
    before = path.read_bytes()
    with pytest.raises(UserError, match="chương trình khác"):
        AppContext(path).open()
    assert path.read_bytes() == before
    assert list(tmp_path.glob("khac.*.sqlite")) == []


def test_a_folder_given_as_database_is_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="là một thư mục"):
        AppContext(tmp_path).open()
