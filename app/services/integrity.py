"""`verify`: is the database sound, and is every stored file still what was recorded?

Read-only and without the program's start-up on SQLite (no lock taken, no migration, no
progress refresh): a damaged file must be examined, not written to. SQLite's own
``PRAGMA integrity_check`` judges the pages; each stored copy (evidence and directive files)
is re-hashed against the SHA-256 the database recorded (app/evidence_store.py).

On a shared PostgreSQL database the pages are the server's business (pg_amcheck); what the
program can check there it does: the bytes of every stored file kept in the database
(table ``stored_blob``) against their SHA-256, evidence rows whose bytes are missing, and rows
pointing to rows that no longer exist. On both engines a stored original name that is a path
("../../x", "C:\\x") is named: export refuses it, `verify` says where it is.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import EvidenceCorrupt
from app.evidence_store import EvidenceStore, plain_file_name, sha256_of

if TYPE_CHECKING:
    from app.database import Database

# runs one SELECT, returns its rows
Query = Callable[[str], Iterable[Sequence[Any]]]


@dataclass
class VerifyResult:
    problems: list[str] = field(default_factory=list)
    files_checked: int = 0
    db_ok: bool = False
    # SQLite's own lines (English), printed under their own heading after the problems
    details: list[str] = field(default_factory=list)
    shared: bool = False  # a PostgreSQL database: its pages are checked by the server

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Use:
    """One place a stored file is used: its original name and where ("mã báo cáo 3")."""

    sha: str
    name: str
    where: str

    @property
    def label(self) -> str:
        return f"{self.name} ({self.where})"


def _connect_read_only(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)


def verify(db_path: Path, store: EvidenceStore) -> VerifyResult:
    """Every problem found in a SQLite file and its evidence folder, each named in one
    Vietnamese sentence."""
    from app.backup import damage_summary

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
            lines = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            lines = [str(exc)]
        if lines == ["ok"]:
            result.db_ok = True
        else:
            result.problems.append(
                f"Cơ sở dữ liệu bị hỏng: {damage_summary(lines)}. "
                "Hãy khôi phục từ bản sao lưu gần nhất (Tệp → Khôi phục… hoặc lệnh restore)."
            )
            result.details = lines

        def run(sql: str) -> list[Sequence[Any]]:
            return list(conn.execute(sql))

        try:
            uses = _uses(run)
            tables = _tables(run, "SELECT name FROM sqlite_master WHERE type = 'table'")
            _check_rows(run, tables, uses, result)
        except sqlite3.DatabaseError as exc:
            result.problems.append(
                f"Không đọc được danh sách tệp minh chứng (phần dữ liệu đó bị hỏng: {exc})."
            )
            return result
    finally:
        conn.close()
    for sha, used in sorted(uses.items(), key=lambda item: item[1][0].label):
        result.files_checked += 1
        problem = stored_problem(store, sha, _labels(used))
        if problem is not None:
            result.problems.append(problem)
    return result


def verify_shared(db: Database) -> VerifyResult:
    """What can be checked on a PostgreSQL database: every stored file's bytes (stored_blob)
    against its SHA-256, evidence whose bytes are missing, rows pointing nowhere, names that
    are paths. Read in one transaction, so the answer is one consistent moment."""
    from sqlalchemy import text

    result = VerifyResult(shared=True, db_ok=True)
    with db.reading() as s:

        def run(sql: str) -> list[Sequence[Any]]:
            return [tuple(r) for r in s.execute(text(sql))]

        uses = _uses(run)
        tables = _tables(
            run, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        _check_rows(run, tables, uses, result)
        for sha, used in sorted(uses.items(), key=lambda item: item[1][0].label):
            result.files_checked += 1
            row = s.execute(text("SELECT data FROM stored_blob WHERE sha256 = :s"), {"s": sha}).first()
            label = _labels(used)
            if row is None:
                result.problems.append(
                    f"Thiếu nội dung tệp minh chứng «{label}» trong cơ sở dữ liệu dùng chung "
                    "(không có dòng trong bảng stored_blob)."
                )
            elif hashlib.sha256(bytes(row[0])).hexdigest() != sha:
                result.problems.append(
                    f"Tệp minh chứng «{label}» trong cơ sở dữ liệu dùng chung đã bị thay đổi hoặc hỏng: "
                    "mã SHA-256 không khớp."
                )
    return result


def stored_problem(store: EvidenceStore, sha: str, label: str) -> str | None:
    """What is wrong with one stored copy, in the sentence `verify` prints (None: it is sound).

    ``label`` names the file and where it is used ("x.pdf (mã báo cáo 12)"); opening one
    evidence file says the same sentence as `verify` (app.services.reports)."""
    try:
        path = store.path_for(sha)
    except EvidenceCorrupt as exc:  # a shard folder leading out of the store
        return f"Tệp minh chứng «{label}»: {exc}"
    if not path.is_file():
        return f"Thiếu tệp minh chứng «{label}» (mong đợi tại {path})."
    if sha256_of(path) != sha:
        return f"Tệp minh chứng «{label}» đã bị thay đổi hoặc hỏng: mã SHA-256 không khớp ({path})."
    return None


def _labels(used: list[_Use]) -> str:
    return "; ".join(u.label for u in used[:3]) + (f" và {len(used) - 3} nơi khác" if len(used) > 3 else "")


def _uses(run: Query) -> dict[str, list[_Use]]:
    """Each stored file's hash with where it is used: "tên tệp (mã báo cáo N)" — the report's
    id, as the program shows it, not a document number."""
    uses: dict[str, list[_Use]] = {}
    for sha, name, report_id in run("SELECT sha256, original_name, report_id FROM evidence ORDER BY id"):
        uses.setdefault(str(sha), []).append(_Use(str(sha), str(name), f"mã báo cáo {report_id}"))
    for sha, name, number in run(
        "SELECT file_sha256, file_name, number FROM directive WHERE file_sha256 IS NOT NULL ORDER BY id"
    ):
        uses.setdefault(str(sha), []).append(_Use(str(sha), str(name or ""), f"văn bản {number}"))
    return uses


def _tables(run: Query, sql: str) -> set[str]:
    return {str(r[0]) for r in run(sql)}


def _check_rows(run: Query, tables: set[str], uses: dict[str, list[_Use]], result: VerifyResult) -> None:
    """Names that are paths, and rows pointing to rows that are gone (both engines)."""
    for used in uses.values():
        for u in used:
            if u.name and plain_file_name(u.name) is None:
                result.problems.append(
                    f"Tên tệp minh chứng «{u.name[:120]}» ({u.where}) trong cơ sở dữ liệu có chứa đường dẫn; "
                    "chương trình không xuất tệp này ra dưới tên đó (tránh ghi ra ngoài thư mục đích)."
                )
    unreadable: list[str] = []
    for child, column, parent, target in _foreign_keys():
        if child not in tables or parent not in tables:
            continue  # an older database (verify does not upgrade it)
        try:
            rows = list(
                run(
                    f'SELECT COUNT(*) FROM "{child}" c WHERE c."{column}" IS NOT NULL AND NOT EXISTS '
                    f'(SELECT 1 FROM "{parent}" p WHERE p."{target}" = c."{column}")'
                )
            )
        except sqlite3.DatabaseError:  # a damaged page (SQLite only): already said above
            if child not in unreadable:
                unreadable.append(child)
            continue
        orphans = int(rows[0][0]) if rows else 0
        if orphans:
            result.problems.append(
                f"Bảng {child}: {orphans} dòng có {column} trỏ tới dòng không còn trong bảng {parent}."
            )
    if unreadable:
        result.problems.append(
            f"Không kiểm tra được liên kết giữa các dòng của bảng {', '.join(unreadable)} "
            "(phần dữ liệu đó bị hỏng)."
        )


def _foreign_keys() -> list[tuple[str, str, str, str]]:
    """(table, column, referenced table, referenced column) of every one-column foreign key."""
    import models.audit
    import models.letters  # noqa: F401  (their tables join the metadata)
    from models.entities import Base

    out = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_key_constraints:
            if len(fk.elements) == 1:
                el = fk.elements[0]
                out.append((table.name, el.parent.name, el.column.table.name, el.column.name))
    return out
