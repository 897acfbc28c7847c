"""What a restore must not take back: outgoing letter numbers issued after the backup.

A letter issued after the backup exists on paper (its file is on disk, it may already be
sent); restoring the older database alone would give its number out again. So before the
swap the register of the current database is read, and every letter the restored copy
lacks — by its sequence and number, ``(format, period, series, number)`` — is written into
the checked copy before it replaces the database, in the same step: numbering continues after
them and the register still lists them. What a letter concerned (tasks, agencies) is kept
where the restored copy has that task or agency, and dropped (the letter itself kept) where
it does not.

The restore itself is recorded in the audit trail of the restored copy («Khôi phục từ bản sao
lưu …»), by the same person the trail names for any other change.

Plain ``sqlite3`` on files, like ``app.backup``: the restored copy may be of an older schema
revision (it is upgraded when next opened), so only the columns both sides have are copied.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.actor import workstation_user
from models.audit_text import Action

LETTER = "outgoing_letter"
SUBJECT = "letter_subject"
KEY = ("format", "period", "series", "number")


@dataclass(frozen=True)
class CarriedLetter:
    row: dict[str, Any]
    subjects: list[dict[str, Any]] = field(default_factory=list)

    @property
    def key(self) -> tuple[Any, ...]:
        return tuple(self.row.get(k) for k in KEY)

    @property
    def number(self) -> str:
        return str(self.row.get("full_number") or self.row.get("number"))


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def read_letters(db_path: Path) -> list[CarriedLetter]:
    """Every letter of the register of ``db_path`` (empty when there is no register)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return []
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        if not _columns(conn, LETTER):
            return []
        subjects: dict[int, list[dict[str, Any]]] = {}
        if _columns(conn, SUBJECT):
            for s in conn.execute(f"SELECT * FROM {SUBJECT} ORDER BY id"):
                subjects.setdefault(s["letter_id"], []).append(dict(s))
        return [
            CarriedLetter(dict(r), subjects.get(r["id"], []))
            for r in conn.execute(f"SELECT * FROM {LETTER} ORDER BY id")
        ]
    finally:
        conn.close()


def _exists(conn: sqlite3.Connection, table: str, ident: Any) -> bool:
    if ident is None or not _columns(conn, table):
        return False
    return conn.execute(f'SELECT 1 FROM "{table}" WHERE id = ?', (ident,)).fetchone() is not None


def carry_into(
    target: Path, letters: list[CarriedLetter], archive_name: str, archive_created: datetime
) -> tuple[str, ...]:
    """Write into ``target`` (the checked copy, not yet in place) the letters it lacks and the
    audit entry of the restore, in one transaction; the Vietnamese notes saying what was kept."""
    notes: list[str] = []
    conn = sqlite3.connect(target)
    try:
        with conn:
            letter_cols = _columns(conn, LETTER)
            kept: list[CarriedLetter] = []
            dropped_subjects = 0
            if letter_cols and letters:
                have = {tuple(r) for r in conn.execute(f"SELECT {', '.join(KEY)} FROM {LETTER}")}
                subject_cols = [c for c in _columns(conn, SUBJECT) if c not in ("id", "letter_id")]
                for letter in letters:
                    if letter.key in have:
                        continue  # the archive holds that number already: it is not given out again
                    cols = [c for c in letter_cols if c != "id" and c in letter.row]
                    cur = conn.execute(
                        f"INSERT INTO {LETTER} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                        [letter.row[c] for c in cols],
                    )
                    new_id = cur.lastrowid
                    for s in letter.subjects:
                        values = {c: s.get(c) for c in subject_cols}
                        for fk, table in (("task_id", "task"), ("agency_id", "agency")):
                            if values.get(fk) is not None and not _exists(conn, table, values[fk]):
                                values[fk] = None
                        if subject_cols and any(values.get(k) is not None for k in ("task_id", "agency_id")):
                            names = ["letter_id", *values]
                            conn.execute(
                                f"INSERT INTO {SUBJECT} ({', '.join(names)}) "
                                f"VALUES ({', '.join('?' * len(names))})",
                                [new_id, *values.values()],
                            )
                        else:
                            dropped_subjects += 1
                    kept.append(letter)
            if kept:
                shown = ", ".join(x.number for x in kept[:10])
                more = f" và {len(kept) - 10} văn bản khác" if len(kept) > 10 else ""
                notes.append(
                    f"Giữ lại {len(kept)} văn bản đi đã cấp số sau bản sao lưu: {shown}{more} "
                    "(vẫn có trong sổ văn bản đi; số tiếp theo cấp sau các số này)."
                )
                if dropped_subjects:
                    notes.append(
                        f"{dropped_subjects} liên kết của các văn bản đó tới nhiệm vụ/cơ quan không còn "
                        "trong bản sao lưu nên được bỏ (văn bản vẫn giữ)."
                    )
            what = f"Khôi phục từ bản sao lưu {archive_name} (ngày {archive_created:%d/%m/%Y %H:%M})"
            if kept:
                what += f"; giữ lại {len(kept)} văn bản đi cấp số sau đó: " + ", ".join(
                    x.number for x in kept
                )
            if _columns(conn, "audit_entry"):
                conn.execute(
                    "INSERT INTO audit_entry (at, actor, action, entity, entity_id, directive_id, "
                    "task_id, field, old_value, new_value) "
                    "VALUES (?, ?, ?, 'database', NULL, NULL, NULL, '', NULL, ?)",
                    (
                        datetime.now().replace(microsecond=0).isoformat(sep=" ", timespec="microseconds"),
                        workstation_user(),
                        Action.RESTORE.value,
                        what,
                    ),
                )
            else:
                notes.append(
                    "Bản sao lưu có dạng dữ liệu cũ, chưa có nhật ký thay đổi: lần khôi phục không được ghi."
                )
    finally:
        conn.close()
    return tuple(notes)
