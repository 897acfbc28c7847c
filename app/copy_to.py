"""Move an office from its SQLite file to a shared PostgreSQL database (``copy-to URL``).

The target gets the schema from the same alembic migrations (opening it migrates it), must hold
no data of its own, and receives every table's rows in foreign-key order, evidence bytes read
(and re-hashed) from the folder beside the file into ``stored_blob``, its id sequences set past
the copied ids, all in ONE transaction: a failure leaves the target as empty as it was. Then it
is checked: each table's row count and a SHA-256 over its rows (in key order, as the ORM types
read them) equal the source's, and every blob hashes to its name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, select, text, update

from app.context import AppContext
from app.errors import UserError
from models import letters as _letters  # noqa: F401  (its tables are part of the office)
from models.entities import Base

CHUNK = 2000
# tables the migrations fill, replaced by the source's rows; any other row in them is data
SEEDED = {"setting"}


@dataclass
class CopyReport:
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    file_bytes: int = 0

    def lines(self) -> list[str]:
        out = [f"  {name}: {n} dòng" for name, n in self.rows.items() if n]
        out.append(
            f"  tệp minh chứng và văn bản gốc: {self.files} tệp, {self.file_bytes} byte (SHA-256 khớp)"
        )
        return out


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name != "stored_blob"]


def _key(table: Table) -> list[Any]:
    return list(table.primary_key.columns)


def _rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    result = conn.execute(select(table).order_by(*_key(table))).mappings()
    for row in result:
        yield dict(row)


def _digest(conn: Connection, table: Table) -> tuple[int, str]:
    h = hashlib.sha256()
    n = 0
    for row in _rows(conn, table):
        n += 1
        h.update(repr(sorted(row.items())).encode())
    return n, h.hexdigest()


def _self_refs(table: Table) -> list[str]:
    """Columns pointing into their own table (directive.parent_id): written after every row is in."""
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def copy_to(source: AppContext, target: AppContext) -> CopyReport:
    assert source.db is not None and target.db is not None
    if source.is_shared or not target.is_shared:
        raise UserError("Lệnh copy-to chép từ một tệp SQLite (--db TỆP) sang một cơ sở dữ liệu PostgreSQL.")
    report = CopyReport()
    tables = _tables()
    with source.db.engine.connect() as src, target.db.engine.begin() as dst:
        for table in tables:
            if table.name in SEEDED:
                continue
            if dst.execute(select(func.count()).select_from(table)).scalar():
                raise UserError(
                    f"Cơ sở dữ liệu đích {target.location} đã có dữ liệu (bảng {table.name}); "
                    "chỉ chép vào một cơ sở dữ liệu mới, trống. Chưa thay đổi gì."
                )
        for name in SEEDED:
            dst.execute(Base.metadata.tables[name].delete())
        for table in tables:
            later = _self_refs(table)
            pending: list[dict[str, Any]] = []
            batch: list[dict[str, Any]] = []
            n = 0
            for row in _rows(src, table):
                if later and any(row[c] is not None for c in later):
                    pending.append({"k": row[_key(table)[0].name], **{f"v_{c}": row[c] for c in later}})
                    row = {**row, **dict.fromkeys(later)}
                batch.append(row)
                n += 1
                if len(batch) >= CHUNK:
                    dst.execute(insert(table), batch)
                    batch = []
            if batch:
                dst.execute(insert(table), batch)
            if pending:
                key = _key(table)[0]
                dst.execute(
                    update(table)
                    .where(key == bindparam("k"))
                    .values({c: bindparam(f"v_{c}") for c in later}),
                    pending,
                )
            report.rows[table.name] = n
        _copy_files(source, dst, report)
        _reset_sequences(dst, tables)
        _verify(src, dst, tables, report)
    return report


def _copy_files(source: AppContext, dst: Connection, report: CopyReport) -> None:
    blob = Base.metadata.tables["stored_blob"]
    shas = [sha for (sha,) in dst.execute(text("SELECT sha256 FROM stored_file ORDER BY sha256"))]
    store = source.services.store
    for sha in shas:
        path = store.verified_path(sha)  # EvidenceCorrupt, naming the file, if missing or changed
        data = path.read_bytes()
        dst.execute(insert(blob), [{"sha256": sha, "data": data}])
        report.files += 1
        report.file_bytes += len(data)


def _reset_sequences(dst: Connection, tables: list[Table]) -> None:
    """Ids were copied as they were: each serial's next value goes past the largest."""
    for table in tables:
        for col in _key(table):
            if col.autoincrement is True or (col.autoincrement == "auto" and len(_key(table)) == 1):
                seq = dst.execute(
                    text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": col.name}
                )
                name = seq.scalar()
                if name:
                    dst.execute(
                        text(
                            f"SELECT setval(:s, COALESCE((SELECT MAX({col.name}) FROM {table.name}), 1), "
                            f"(SELECT MAX({col.name}) FROM {table.name}) IS NOT NULL)"
                        ),
                        {"s": name},
                    )


def _verify(src: Connection, dst: Connection, tables: list[Table], report: CopyReport) -> None:
    for table in tables:
        if _digest(src, table) != _digest(dst, table):
            raise UserError(
                f"Kiểm tra sau khi chép không khớp ở bảng {table.name} (số dòng hoặc mã kiểm tra); "
                "đã hủy, cơ sở dữ liệu đích không thay đổi."
            )
    for sha, data in dst.execute(text("SELECT sha256, data FROM stored_blob")):
        if hashlib.sha256(bytes(data)).hexdigest() != sha:
            raise UserError(f"Tệp {sha[:12]} chép sang không khớp mã SHA-256; đã hủy, không thay đổi gì.")
