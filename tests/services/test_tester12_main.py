"""The tester's defects on main for backups, verify and the command line (report tester12,
M2 evidence, M4–M9): one test each, on real files, a real SQLite file and a real PostgreSQL
cluster."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from app import backup
from app.cli_common import EXIT_USER
from app.context import AppContext
from app.dto import TaskFilter
from app.evidence_store import EvidenceStore
from app.paths import evidence_dir_for
from tests.cli_run import run_cli
from tests.conftest import TODAY, PgDatabases
from tests.services.damage import damage_page
from tests.services.test_evidence_containment import _report_with_file as _evidence_with_file


def _report_with_file(ctx: AppContext, tmp_path: Path) -> int:
    """A report with one evidence file (a fresh database's only report); its id."""
    _evidence_with_file(ctx, tmp_path)
    task = ctx.tasks.page(TaskFilter(), 0, 1)[0]
    return ctx.reports.list_for_task(task.id)[0].id


def test_stored_evidence_gets_the_permissions_of_a_new_file(ctx: AppContext, tmp_path: Path) -> None:
    """M2: a stored evidence file was 0600 (mkstemp): a colleague could not read the data folder."""
    old = os.umask(0o022)
    try:
        _report_with_file(ctx, tmp_path)
    finally:
        os.umask(old)
    [stored] = [p for p in evidence_dir_for(ctx.db_path).rglob("*") if p.is_file()]
    assert stat.S_IMODE(stored.stat().st_mode) == 0o644


def test_verify_on_postgresql_checks_stored_bytes_names_and_orphans(
    pg_url: str, pg_databases: PgDatabases, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """M4: `verify` refused PostgreSQL. It checks there what can be checked: the bytes in
    stored_blob against their SHA-256, evidence whose bytes are missing, rows pointing nowhere."""
    import psycopg
    from sqlalchemy.engine import make_url

    c = AppContext(pg_url, today=lambda: TODAY).open()
    try:
        report_id = _report_with_file(c, tmp_path)
    finally:
        c.close()
    ok = run_cli(capsys, "--db", pg_url, "verify")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "1 tệp minh chứng đúng mã SHA-256" in ok.stdout and "dùng chung" in ok.stdout

    cluster = pg_databases.cluster
    with psycopg.connect(
        host=str(cluster.socket_dir),
        port=cluster.port,
        user=cluster.user,
        dbname=make_url(pg_url).database,
        autocommit=True,
    ) as conn:
        conn.execute("UPDATE stored_blob SET data = 'sửa tay'::bytea")
        conn.execute("UPDATE evidence SET original_name = '../../x'")
        conn.execute("SET session_replication_role = replica")  # as a careless restore would
        conn.execute(
            "INSERT INTO evidence (report_id, sha256, original_name, added_at) "
            "VALUES (999999, 'ab', 'mat.pdf', now())"
        )
    bad = run_cli(capsys, "--db", pg_url, "verify")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert f"(mã báo cáo {report_id})" in bad.stdout and "mã SHA-256 không khớp" in bad.stdout
    assert "«../../x» (mã báo cáo" in bad.stdout and "có chứa đường dẫn" in bad.stdout
    assert "Bảng evidence: 1 dòng có report_id trỏ tới dòng không còn trong bảng report" in bad.stdout
    assert "Thiếu nội dung tệp minh chứng «mat.pdf (mã báo cáo 999999)»" in bad.stdout


def test_verify_names_evidence_names_that_are_paths(
    ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """M5: export refused an evidence name edited to a path, but `verify` said nothing; and it
    called the report "báo cáo số 3" (read as a document number) where export says "mã báo cáo"."""
    report_id = _report_with_file(ctx, tmp_path)
    ctx.close()
    with sqlite3.connect(ctx.db_path) as conn:
        conn.execute("UPDATE evidence SET original_name = '../../x'")
    out = run_cli(capsys, "--db", str(ctx.db_path), "verify")
    assert out.returncode == 1, out.stdout
    assert f"Tên tệp minh chứng «../../x» (mã báo cáo {report_id}) trong cơ sở dữ liệu có chứa đường dẫn" in (
        out.stdout
    )
    # a missing file is named the same way
    shutil.rmtree(evidence_dir_for(ctx.db_path))
    out = run_cli(capsys, "--db", str(ctx.db_path), "verify")
    assert f"«../../x (mã báo cáo {report_id})»" in out.stdout and "báo cáo số" not in out.stdout


def test_trash_hint_names_the_database_it_was_given(
    demo_ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """M6: `--db X directive delete …` printed "Khôi phục: python -m app trash restore 1", which
    restores into the default database; the hint repeats --db, quoted."""
    db = tmp_path / "thư mục có dấu cách" / "văn phòng.sqlite"
    db.parent.mkdir()
    demo_ctx.close()
    shutil.copyfile(demo_ctx.db_path, db)
    shutil.copytree(evidence_dir_for(demo_ctx.db_path), evidence_dir_for(db))
    out = run_cli(capsys, "--db", str(db), "directive", "delete", "125/KH-BCĐ")
    assert out.returncode == 0, out.stderr
    hint = out.stdout.split("Khôi phục: ", 1)[1].strip()
    quoted = f'"{db}"' if os.name == "nt" else f"'{db}'"
    assert hint == f"python -m app --db {quoted} trash restore 1"
    back = run_cli(capsys, "--db", str(db), "trash", "restore", "1")
    assert back.returncode == 0, back.stderr


def test_damage_is_summarised_in_vietnamese_and_detailed_only_by_verify(
    demo_ctx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    """M7: every command's notice embedded SQLite's English lines ("*** in database main *** On
    tree page 81 …"). The notice says how many problems and the first page, in Vietnamese;
    `verify` prints the raw lines under their own heading; a read that meets the damaged page
    is a Vietnamese message, not "Lỗi ngoài dự kiến"."""
    lines = [
        "*** in database main ***\nOn tree page 81 cell 23: Rowid 6101 out of order",
        "On tree page 90 cell 2: 2nd reference to page 95",
        "row 12 missing from index ix_task_status",
    ]
    assert backup.damage_summary(lines) == "SQLite phát hiện 3 lỗi, đầu tiên ở trang 81"
    db = demo_ctx.db_path
    demo_ctx.close()
    damage_page(db, "task")
    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        notice = ctx.read_only_notice
    finally:
        ctx.close()
    assert ctx.damage and "bị hỏng (SQLite" in notice
    assert not [line for line in ctx.damage if line in notice], notice
    assert "malformed" not in notice and "verify" in notice
    out = run_cli(capsys, "--db", str(db), "verify")
    assert out.returncode == 1
    head, details = out.stdout.split("Chi tiết SQLite báo (tiếng Anh", 1)
    assert "Cơ sở dữ liệu bị hỏng: SQLite" in head and "malformed" not in head
    assert all(line in details for line in ctx.damage)
    tasks = run_cli(capsys, "--db", str(db), "tasks")
    assert tasks.returncode == EXIT_USER, tasks.stderr
    assert "Không đọc được phần dữ liệu bị hỏng" in tasks.stderr and "ngoài dự kiến" not in tasks.stderr
    assert "malformed" not in tasks.stderr


def test_a_cut_archive_is_called_damaged_and_another_databases_archive_needs_force(
    demo_ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """M8: a truncated archive was "không phải là bản sao lưu của chương trình"; an archive of
    a.sqlite restored into another database without a word. The first is "bị hỏng hoặc không
    đầy đủ"; the second is refused unless --force (the window asks, naming both)."""
    made = demo_ctx.backups.backup_now(tmp_path / "sao-luu")
    db = demo_ctx.db_path
    demo_ctx.close()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(made.path.read_bytes()[:100_000])
    out = run_cli(capsys, "--db", str(db), "restore", str(cut))
    assert out.returncode == EXIT_USER and "bị hỏng hoặc không đầy đủ" in out.stderr, out.stderr
    not_zip = tmp_path / "ghi-chu.zip"
    not_zip.write_bytes(b"ghi chu")
    out = run_cli(capsys, "--db", str(db), "restore", str(not_zip))
    assert "không phải là bản sao lưu của chương trình" in out.stderr

    other = tmp_path / "khac" / "b.sqlite"
    other.parent.mkdir()
    shutil.copyfile(db, other)
    before = other.read_bytes()
    out = run_cli(capsys, "--db", str(other), "restore", str(made.path))
    assert out.returncode == EXIT_USER
    assert f"lập từ cơ sở dữ liệu «{db.name}», không phải «b.sqlite»" in out.stderr
    assert "--force" in out.stderr
    assert other.read_bytes() == before
    out = run_cli(capsys, "--db", str(other), "restore", "--force", str(made.path))
    assert out.returncode == 0, out.stderr
    assert "Đã khôi phục" in out.stdout and "Chú ý: Bản sao lưu này được lập từ" in out.stdout
    # the same database's own archive: no word, no --force
    assert backup.from_other_database(backup.read_manifest(made.path), db) == ""
    assert EvidenceStore(evidence_dir_for(other)).root.is_dir()


def test_copy_to_names_its_argument_an_address(capsys: pytest.CaptureFixture[str]) -> None:
    """M9: `copy-to --help` showed the URL as "GIÁ_TRỊ"."""
    out = run_cli(capsys, "copy-to", "--help")
    assert "copy-to [-h] ĐỊA_CHỈ" in out.stdout and "GIÁ_TRỊ" not in out.stdout
