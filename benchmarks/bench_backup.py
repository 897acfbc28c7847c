"""Backup and restore of the five-year database, beside a plain file copy of the same bytes.

The five-year database (benchmarks/fiveyears.py) has evidence *rows* but no files; here its
evidence rows are pointed at ``--files`` real files (random bytes, ``--file-kb`` each), so
the archive carries database and evidence as an office's would. Each figure is the median of
``--runs``:

- copy: ``shutil.copyfile`` of the database plus ``copytree`` of the evidence folder (the
  same bytes, no check at all: the peer);
- backup: ``app.backup.create_backup`` (integrity_check, SQLite backup API, zip with the
  database deflated at level 1, every file hashed, archive read back and re-hashed, fsync,
  rename);
- restore: ``app.backup.restore`` into an empty place (archive re-hashed, evidence and
  database written under temporary names, checked, renamed), and over an existing database
  (which first makes the backup of the current state).

    .venv/bin/python -m benchmarks.bench_backup [--db FIVE_YEAR.sqlite] [--runs 3]

Measured on the shared 2-CPU machine (eight sessions at work, so wall times are loaded), a
194 MB five-year database with 500 files of 64 KB, medians of 3: copy 0.66 s; backup 14.9 s
(archive 56 MB); restore into an empty place 16.5 s; restore over an existing database
29.2 s (it includes the backup of the current state). The copy reads from the page cache
and checks nothing; the backup's time goes to ``integrity_check``, the deflate of the
database, and reading the whole archive back to re-hash it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from app import backup
from app.evidence_store import EvidenceStore
from app.paths import evidence_dir_for


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def prepare(source: Path, work: Path, files: int, file_kb: int) -> Path:
    """A copy of the five-year database whose evidence rows name ``files`` real stored files."""
    db = work / "five.sqlite"
    shutil.copyfile(source, db)
    store = evidence_dir_for(db)
    shas = []
    for i in range(files):
        data = os.urandom(file_kb << 10) + i.to_bytes(4, "big")
        sha = hashlib.sha256(data).hexdigest()
        (store / sha[:2]).mkdir(parents=True, exist_ok=True)
        (store / sha[:2] / sha).write_bytes(data)
        shas.append((sha, len(data)))
    conn = sqlite3.connect(db)
    try:
        conn.executemany("INSERT OR IGNORE INTO stored_file (sha256, size) VALUES (?, ?)", shas)
        ids = [r[0] for r in conn.execute("SELECT id FROM evidence ORDER BY id")]
        pairs = [(shas[n % files][0], i) for n, i in enumerate(ids)]
        conn.executemany("UPDATE evidence SET sha256 = ? WHERE id = ?", pairs)
        conn.execute("UPDATE directive SET file_sha256 = NULL")
        conn.commit()
        conn.execute("DELETE FROM stored_file WHERE sha256 NOT IN (SELECT sha256 FROM evidence)")
        conn.commit()
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("VACUUM")
    finally:
        conn.close()
    return db


def run(db: Path, work: Path, runs: int) -> dict[str, object]:
    store = EvidenceStore(evidence_dir_for(db))
    evidence_bytes = sum(p.stat().st_size for p in store.root.rglob("*") if p.is_file())
    copies: list[float] = []
    backups: list[float] = []
    restores_fresh: list[float] = []
    restores_over: list[float] = []
    archive_size = 0
    for n in range(runs):
        target = work / f"copy-{n}"
        target.mkdir()

        def plain_copy(target: Path = target) -> None:
            shutil.copyfile(db, target / db.name)
            shutil.copytree(store.root, evidence_dir_for(target / db.name))

        copies.append(_timed(plain_copy))
        shutil.rmtree(target)

        folder = work / f"backups-{n}"
        safety = work / f"safety-{n}"
        t0 = time.perf_counter()
        made = backup.create_backup(db, store, folder, rotate_after=False)
        backups.append(time.perf_counter() - t0)
        assert made.manifest.complete
        archive_size = made.path.stat().st_size

        fresh = work / f"fresh-{n}" / "five.sqlite"
        fresh.parent.mkdir()
        fresh_store = EvidenceStore(evidence_dir_for(fresh))
        t0 = time.perf_counter()
        backup.restore(fresh, made.path, fresh_store, safety)
        restores_fresh.append(time.perf_counter() - t0)
        # over an existing database: the current state is backed up first
        t0 = time.perf_counter()
        backup.restore(fresh, made.path, fresh_store, safety)
        restores_over.append(time.perf_counter() - t0)
        shutil.rmtree(fresh.parent)
        shutil.rmtree(folder)
        shutil.rmtree(safety, ignore_errors=True)

    def med(xs: list[float]) -> float:
        return round(statistics.median(xs), 2)

    return {
        "db_mb": round(db.stat().st_size / 1e6, 1),
        "evidence_files": sum(1 for p in store.root.rglob("*") if p.is_file()),
        "evidence_mb": round(evidence_bytes / 1e6, 1),
        "archive_mb": round(archive_size / 1e6, 1),
        "runs": runs,
        "copy_s": med(copies),
        "backup_s": med(backups),
        "restore_fresh_s": med(restores_fresh),
        "restore_over_existing_s": med(restores_over),
        "backup_vs_copy": round(statistics.median(backups) / statistics.median(copies), 1),
        "restore_vs_copy": round(statistics.median(restores_fresh) / statistics.median(copies), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="a five-year database (else one is built: minutes)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--file-kb", type=int, default=64)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        work = Path(tmp)
        source = args.db
        if source is None:
            from benchmarks.fiveyears import build

            source = work / "built.sqlite"
            build(source, 20_000, 200_000, 50_000)
        db = prepare(source, work, args.files, args.file_kb)
        print(json.dumps(run(db, work, args.runs), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
