"""Integrity on open, migrations all-or-nothing, and the locks: a damaged database is only
read, a failed upgrade changes nothing, one database is one database whatever its name."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from app import database, migrate
from app.cli_common import EXIT_USER
from app.context import AppContext
from app.dto import DirectiveInput
from app.errors import AlreadyRunning, DatabaseBusy, MigrationFailed, ReadOnlyDatabase
from tests.cli_run import ROOT, run_cli
from tests.conftest import TODAY
from tests.services.damage import damage_page

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_page_opens_read_only_and_refuses_writes(
    demo_ctx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo_ctx.db_path
    demo_ctx.close()
    damage_page(db)
    before = _sha(db)
    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        assert ctx.read_only and ctx.damage
        assert "bị hỏng" in ctx.read_only_notice and "Khôi phục" in ctx.read_only_notice
        with pytest.raises(ReadOnlyDatabase, match="Không ghi được"):
            ctx.directives.save(DirectiveInput(number="9/KH", kind="KH", issued_on=date(2026, 1, 1)))
        with pytest.raises(ReadOnlyDatabase):
            ctx.settings.set_soon_days(10)
        assert ctx.directives.list_directives(with_counts=False)  # what is sound can still be read
    finally:
        ctx.close()
    # the command line: a write is refused in Vietnamese, naming the restore
    out = run_cli(capsys, "--db", str(db), "demo")
    assert out.returncode == EXIT_USER and "bị hỏng" in out.stderr and "restore" in out.stderr
    assert _sha(db) == before
    assert not db.with_name(db.name + "-wal").exists() or db.with_name(db.name + "-wal").stat().st_size == 0


def test_verify_names_the_damage_and_exits_non_zero(
    demo_ctx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo_ctx.db_path
    demo_ctx.close()
    damage_page(db)
    out = run_cli(capsys, "--db", str(db), "verify")
    assert out.returncode == 1 and "Cơ sở dữ liệu bị hỏng" in out.stdout


def _failing_migrations(tmp_path: Path) -> Path:
    """The program's migrations plus one that changes the schema and data, then fails."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "9999_fails_halfway.py").write_text(
        textwrap.dedent(
            f'''
            """A migration that fails after doing part of its work."""
            import sqlalchemy as sa
            from alembic import op

            revision = "9999"
            down_revision = "{migrate.HEAD_REVISION}"
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
                op.add_column("task", sa.Column("nua_chung", sa.Integer(), nullable=True))
                op.create_table("bang_moi", sa.Column("id", sa.Integer(), primary_key=True))
                op.execute("UPDATE directive SET number = number || '-X'")
                op.execute("DELETE FROM report")
                raise RuntimeError("failed halfway")


            def downgrade() -> None:
                pass
            '''
        ),
        encoding="utf-8",
    )
    return folder


def _dump(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_failed_migration_leaves_the_database_as_it_was(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, db)
    before = _dump(db)
    monkeypatch.setattr(migrate, "MIGRATIONS", _failing_migrations(tmp_path))
    monkeypatch.setattr(migrate, "HEAD_REVISION", "9999")
    with pytest.raises(MigrationFailed) as failed:
        AppContext(db, today=lambda: TODAY).open()
    message = str(failed.value)
    assert "Nâng cấp" in message and "nguyên như trước" in message and "tệp hỏng" not in message
    assert _dump(db) == before
    copies = [p for p in tmp_path.iterdir() if "truoc-nang-cap" in p.name]
    assert len(copies) == 1 and str(copies[0]) in message
    monkeypatch.undo()
    with AppContext(db, today=lambda: TODAY) as ctx:  # the program as it is still opens it
        assert not ctx.read_only and len(ctx.directives.list_directives(with_counts=False)) == 3


def test_a_real_old_database_still_upgrades_in_one_transaction(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / "schema-0001-demo.sqlite", old)
    with AppContext(old, today=lambda: TODAY) as ctx:
        assert migrate.current_revision(ctx.services.db.engine) == migrate.HEAD_REVISION
        assert ctx.backup_made is not None


def test_a_symlinked_path_is_refused_as_a_second_instance(tmp_path: Path) -> None:
    real = tmp_path / "that" / "d.sqlite"
    real.parent.mkdir()
    link = tmp_path / "lien-ket.sqlite"
    link.symlink_to(real)
    folder_link = tmp_path / "thu-muc-lien-ket"
    folder_link.symlink_to(real.parent, target_is_directory=True)
    first = AppContext(real).open()
    try:
        with pytest.raises(AlreadyRunning, match="đang được mở"):
            AppContext(link).open()
        with pytest.raises(AlreadyRunning):
            AppContext(folder_link / "d.sqlite").open()
    finally:
        first.close()
    AppContext(link).open().close()


def test_a_symlinked_path_is_refused_in_another_process(tmp_path: Path) -> None:
    real = tmp_path / "d.sqlite"
    link = tmp_path / "lien-ket.sqlite"
    link.symlink_to(real)
    first = AppContext(real).open()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(link), "demo"], cwd=ROOT, capture_output=True, text=True
        )
    finally:
        first.close()
    assert done.returncode == EXIT_USER and "đang được mở" in done.stderr


def test_another_writer_holding_the_lock_gives_a_clear_message(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    ctx.services.db.dispose()  # new connections take the shorter wait
    other = sqlite3.connect(ctx.db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # a database editor in the middle of a write
        with pytest.raises(DatabaseBusy, match=r"đang được ghi bởi một chương trình khác.*thử lại sau"):
            ctx.settings.set_soon_days(12)
    finally:
        other.execute("ROLLBACK")
        other.close()
    ctx.settings.set_soon_days(12)
    assert ctx.settings.soon_days() == 12


def test_a_busy_database_at_start_up_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "d.sqlite"
    AppContext(db).open().close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    # an old revision forces a write at open
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '0006'")
    conn.commit()
    conn.close()
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseBusy, match="thử lại sau"):
            AppContext(db).open()
    finally:
        other.execute("ROLLBACK")
        other.close()
