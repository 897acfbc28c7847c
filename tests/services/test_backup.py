"""Backups that restore: a verified archive or nothing finished-looking; a restore that gives
back the same tables and the same evidence bytes."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from app import backup
from app.cli_common import EXIT_USER
from app.context import AppContext
from app.dto import ReportInput, TaskFilter
from app.errors import DatabaseDamaged, UserError
from app.paths import evidence_dir_for
from app.services.backups import backup_database, status_of
from tests.cli_run import ROOT, run_cli
from tests.conftest import TODAY
from tests.services.damage import damage_page


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order: what "equal to the original" means."""
    conn = sqlite3.connect(db)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        conn.close()


def _evidence_bytes(db: Path) -> dict[str, bytes]:
    root = evidence_dir_for(db)
    return {p.name: p.read_bytes() for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")}


def _finished_looking(folder: Path) -> list[Path]:
    """Files a user would take for a backup: not hidden, not in a hidden working folder."""
    return (
        [p for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")] if folder.exists() else []
    )


def _demo_with_big_evidence(demo_template: Path, tmp_path: Path, megabytes: int = 24) -> Path:
    """The demo office plus one large evidence file, so a backup takes long enough to be
    killed at several moments."""
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, db)
    shutil.copytree(evidence_dir_for(demo_template), evidence_dir_for(db))
    big = tmp_path / "ho-so-lon.pdf"
    big.write_bytes(os.urandom(megabytes << 20))
    c = AppContext(db, today=lambda: TODAY).open()
    try:
        task = c.tasks.get(c.tasks.page(TaskFilter(), 0, 1)[0].id)
        c.reports.add(
            ReportInput(task.assignments[0].id, date(2026, 11, 1), "Kèm hồ sơ", evidence_files=[big])
        )
    finally:
        c.close()
    return db


def test_backup_then_restore_gives_back_the_same_tables_and_evidence(
    demo_ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo_ctx.db_path
    made = demo_ctx.backups.backup_now()
    assert made.manifest.complete and made.path.parent == tmp_path / "sao-luu"
    demo_ctx.close()
    tables, files = _tables(db), _evidence_bytes(db)
    assert files, "the demo office has evidence files"
    # afterwards: reports deleted behind the program's back, the evidence folder lost
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM evidence")
        conn.execute("DELETE FROM report")
    shutil.rmtree(evidence_dir_for(db))
    assert _tables(db) != tables

    done = run_cli(capsys, "--db", str(db), "restore", str(made.path))
    assert done.returncode == 0, done.stderr
    assert "nhiệm vụ" in done.stdout and "tệp minh chứng" in done.stdout
    after = _tables(db)
    # the one row the restore adds: its own entry in the audit trail (who restored what, when)
    restored = [r for r in after["audit_entry"] if r[3] == "restore" and r[4] == "database"]
    assert len(restored) == 1 and made.path.name in str(restored[0])
    after["audit_entry"] = [r for r in after["audit_entry"] if r not in restored]
    assert after == tables
    assert _evidence_bytes(db) == files
    # the state before the restore was backed up first, as an archive that itself restores
    before = [p for p in (tmp_path / "sao-luu").iterdir() if p != made.path]
    assert len(before) == 1 and backup.verify_archive(before[0]).counts["reports"] == 0
    assert run_cli(capsys, "--db", str(db), "verify").returncode == 0


def test_manifest_names_date_counts_and_every_hash(demo_ctx: AppContext) -> None:
    made = demo_ctx.backups.backup_now()
    with zipfile.ZipFile(made.path) as zf:
        names = set(zf.namelist())
        for entry, (sha, size) in made.manifest.files.items():
            data = zf.read(entry)
            assert hashlib.sha256(data).hexdigest() == sha and len(data) == size
    assert names == set(made.manifest.files) | {backup.MANIFEST}
    assert made.manifest.counts["tasks"] == 68 and made.manifest.counts["directives"] == 3
    assert made.manifest.created.date() == date.today()
    status = demo_ctx.backups.status()
    assert status.last_path == made.path and not status.overdue(made.manifest.created)


def test_backup_command_prints_the_archive_path_and_takes_another_folder(
    demo_ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo_ctx.db_path
    demo_ctx.close()
    out = run_cli(capsys, "--db", str(db), "backup", "--to", str(tmp_path / "usb"))
    assert out.returncode == 0, out.stderr
    path = Path(out.stdout.strip())
    assert path.parent == tmp_path / "usb" and path.is_file()
    backup.verify_archive(path)


def test_backup_runs_while_the_window_holds_the_database(demo_ctx: AppContext) -> None:
    """It only reads (SQLite's backup API), so it does not need the instance lock."""
    made = backup_database(demo_ctx.db_path)
    assert backup.verify_archive(made.path).counts["tasks"] == 68


def test_missing_evidence_is_said_and_older_archives_are_kept(demo_ctx: AppContext) -> None:
    first = demo_ctx.backups.backup_now()
    lost = next(p for p in evidence_dir_for(demo_ctx.db_path).rglob("*") if p.is_file())
    lost.unlink()
    made = demo_ctx.backups.backup_now()
    assert not made.manifest.complete and lost.name[:12] in made.warning()
    assert first.path.exists()
    # the newest good backup is still the complete one
    assert status_of(demo_ctx.db_path).last_path == first.path


def test_backup_of_a_damaged_database_is_refused(
    demo_ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo_ctx.db_path
    demo_ctx.close()
    damage_page(db)
    with pytest.raises(DatabaseDamaged, match="bị hỏng"):
        backup_database(db)
    out = run_cli(capsys, "--db", str(db), "backup")
    assert out.returncode == EXIT_USER and "bị hỏng" in out.stderr and "restore" in out.stderr
    assert not _finished_looking(tmp_path / "sao-luu")


def test_a_bad_archive_changes_nothing(
    demo_ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = demo_ctx.backups.backup_now()
    db = demo_ctx.db_path
    demo_ctx.close()
    before = db.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(made.path.read_bytes()[: made.path.stat().st_size // 2])
    out = run_cli(capsys, "--db", str(db), "restore", str(cut))
    assert out.returncode == EXIT_USER and "sao lưu" in out.stderr
    # one byte changed inside the database entry: caught by its SHA-256 before anything is replaced
    data = bytearray(made.path.read_bytes())
    with zipfile.ZipFile(made.path) as zf:
        info = zf.getinfo(backup.DB_ENTRY)
    flipped = tmp_path / "flipped.zip"
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + 100
    data[at] ^= 0xFF
    flipped.write_bytes(bytes(data))
    out = run_cli(capsys, "--db", str(db), "restore", str(flipped))
    assert out.returncode == EXIT_USER
    assert db.read_bytes() == before


def test_restore_is_refused_while_the_window_holds_the_database(
    demo_ctx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    made = demo_ctx.backups.backup_now()
    out = run_cli(capsys, "--db", str(demo_ctx.db_path), "restore", str(made.path))
    assert out.returncode == EXIT_USER and "đang được mở" in out.stderr


def test_restore_in_the_program_carries_on_with_the_restored_data(demo_ctx: AppContext) -> None:
    made = demo_ctx.backups.backup_now()
    directive = demo_ctx.directives.list_directives(with_counts=False)[0]
    demo_ctx.directives.delete(directive.id)
    assert len(demo_ctx.directives.list_directives(with_counts=False)) == 2
    done = demo_ctx.restore(made.path)
    assert done.safety_copy is not None and done.safety_copy.exists()
    assert len(demo_ctx.directives.list_directives(with_counts=False)) == 3
    demo_ctx.settings.set_soon_days(9)  # writable again


# -- a backup killed, or out of space, leaves nothing that looks finished ---------------------

BACKUP_SCRIPT = """
import sys
from pathlib import Path
from app.services.backups import backup_database
print("start", flush=True)
made = backup_database(Path(sys.argv[1]), Path(sys.argv[2]))
print(made.path, flush=True)
"""


def _run_backup(db: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", BACKUP_SCRIPT, str(db), str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_backup_killed_at_any_moment_leaves_no_finished_looking_bad_archive(
    demo_template: Path, tmp_path: Path
) -> None:
    db = _demo_with_big_evidence(demo_template, tmp_path)
    folder = tmp_path / "sao-luu"
    # how long one whole backup takes here, from the moment it starts
    proc = _run_backup(db, folder)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "start"
    t0 = time.perf_counter()
    out, err = proc.communicate(timeout=120)
    whole = time.perf_counter() - t0
    assert proc.returncode == 0, err
    backup.verify_archive(Path(out.strip()))
    shutil.rmtree(folder)
    killed_midway = 0
    left_work = False
    for fraction in (0.02, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95):
        proc = _run_backup(db, folder)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "start"
        time.sleep(whole * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        if proc.returncode == -signal.SIGKILL:
            killed_midway += 1
            left_work |= folder.exists() and any(
                p.name.startswith(backup.TEMP_PREFIX) for p in folder.iterdir()
            )
        for path in _finished_looking(folder):  # whatever looks finished is a sound archive
            assert path.suffix == ".zip" and path.stat().st_size > 0
            backup.verify_archive(path)
    assert killed_midway >= 4 and left_work  # the kills did land while work was under way
    # the next backup sweeps what the killed ones left and succeeds
    made = backup_database(db, folder)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    assert backup.verify_archive(made.path).complete


def test_disk_full_midway_leaves_nothing_and_says_so(demo_template: Path, tmp_path: Path) -> None:
    """The file-size limit makes every write past 4 MiB fail as a full disk would (EFBIG)."""
    db = _demo_with_big_evidence(demo_template, tmp_path, megabytes=8)
    folder = tmp_path / "sao-luu"
    script = textwrap.dedent(
        """
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4 << 20, 4 << 20))
        from app.__main__ import main
        sys.exit(main(["--db", sys.argv[1], "backup", "--to", sys.argv[2]]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(db), str(folder)], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == EXIT_USER, done.stderr
    assert "Không ghi được bản sao lưu" in done.stderr and done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert list(folder.iterdir()) == []  # no part, no working folder, no 0-byte file


def test_an_archive_from_a_newer_program_is_refused(demo_ctx: AppContext, tmp_path: Path) -> None:
    made = demo_ctx.backups.backup_now()
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(made.path) as src, zipfile.ZipFile(newer, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == backup.MANIFEST:
                data = data.replace(b'"format_version": 1', b'"format_version": 99')
            dst.writestr(item, data)
    with pytest.raises(UserError, match="phiên bản mới hơn"):
        backup.verify_archive(newer)
