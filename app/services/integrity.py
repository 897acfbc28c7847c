"""`verify`: is the database file sound, and is every stored file still what was recorded?

Read-only and without the program's start-up (no lock taken, no migration, no progress
refresh): a damaged file must be examined, not written to. SQLite's own
``PRAGMA integrity_check`` judges the pages; each stored copy (evidence and directive files)
is re-hashed against the SHA-256 the database recorded (app/evidence_store.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import EvidenceCorrupt
from app.evidence_store import EvidenceStore, sha256_of


@dataclass
class VerifyResult:
    problems: list[str] = field(default_factory=list)
    files_checked: int = 0
    db_ok: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _connect_read_only(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)


def verify(db_path: Path, store: EvidenceStore) -> VerifyResult:
    """Every problem found, each named in one Vietnamese sentence."""
    result = VerifyResult()
    if not db_path.is_file():
        result.problems.append(f"Không tìm thấy tệp cơ sở dữ liệu {db_path}.")
        return result
    try:
        conn = _connect_read_only(db_path)
    except sqlite3.Error as exc:
        result.problems.append(f"Không mở được cơ sở dữ liệu {db_path}: {exc}.")
        return result
    try:
        try:
            lines = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            lines = [str(exc)]
        if lines == ["ok"]:
            result.db_ok = True
        else:
            for line in lines[:20]:
                result.problems.append(f"Cơ sở dữ liệu bị hỏng: {line}")
            if len(lines) > 20:
                result.problems.append(f"… và {len(lines) - 20} lỗi khác trong cơ sở dữ liệu.")
        try:
            stored = _stored_files(conn)
        except sqlite3.DatabaseError as exc:
            result.problems.append(f"Không đọc được danh sách tệp minh chứng: {exc}.")
            return result
    finally:
        conn.close()
    for sha, names in sorted(stored.items(), key=lambda item: item[1][0]):
        result.files_checked += 1
        label = "; ".join(names[:3]) + (f" và {len(names) - 3} nơi khác" if len(names) > 3 else "")
        problem = stored_problem(store, sha, label)
        if problem is not None:
            result.problems.append(problem)
    return result


def stored_problem(store: EvidenceStore, sha: str, label: str) -> str | None:
    """What is wrong with one stored copy, in the sentence `verify` prints (None: it is sound).

    ``label`` names the file and where it is used ("x.pdf (báo cáo số 12)"); opening one
    evidence file says the same sentence as `verify` (app.services.reports)."""
    try:
        path = store.path_for(sha)
    except EvidenceCorrupt as exc:  # a stored name that is a path, or a shard folder leading out
        return f"Tệp minh chứng «{label}»: {exc}"
    if not path.is_file():
        return f"Thiếu tệp minh chứng «{label}» (mong đợi tại {path})."
    if sha256_of(path) != sha:
        return f"Tệp minh chứng «{label}» đã bị thay đổi hoặc hỏng: mã SHA-256 không khớp ({path})."
    return None


def _stored_files(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Each stored file's hash with where it is used: "tên tệp (báo cáo số N)"."""
    uses: dict[str, list[str]] = {}
    for sha, name, report_id in conn.execute(
        "SELECT sha256, original_name, report_id FROM evidence ORDER BY id"
    ):
        uses.setdefault(sha, []).append(f"{name} (báo cáo số {report_id})")
    for sha, name, number in conn.execute(
        "SELECT file_sha256, file_name, number FROM directive WHERE file_sha256 IS NOT NULL ORDER BY id"
    ):
        uses.setdefault(sha, []).append(f"{name} (văn bản {number})")
    return uses
