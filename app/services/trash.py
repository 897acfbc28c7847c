"""The trash: a deletion keeps every row it removes for 30 days, and a restore puts them back.

``move_to_trash`` runs inside the deleting transaction, before the ORM delete: starting at the
deleted row it follows every ``ON DELETE CASCADE`` foreign key of the schema (directive →
tasks → assignments → reports → evidence, → indicators → values, covered occurrences…), reads
those rows and serialises them to JSON in one ``trash_entry``; references that the database
will set to NULL (a child directive's parent, a citation, a letter's task) are kept too.
Evidence bytes stay where they are: the store is content-addressed and ``stored_file`` rows
are never cascaded, so the entry only lists their SHA-256 (``blobs``) and a restore checks
they are still there.

``restore`` re-inserts the rows with their own ids, in dependency order, in one transaction,
sets the nulled references back, and removes the entry. Entries older than ``RETENTION_DAYS``
are purged whenever something is moved to the trash or the trash is listed.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, DateTime, Table, delete, insert, select, update
from sqlalchemy.orm import Session

from app import audit, change_recorder
from app.audit_dto import TrashRow
from app.errors import NotFound, UserError
from app.operation import operation
from app.services.base import Service
from app.services.progress import refresh_task
from models import letters as _letters  # noqa: F401  (its tables belong to the schema walked)
from models.audit import TrashEntry
from models.audit_text import Action, count_words, entity_label
from models.entities import Base, Directive, StoredFile, Task, directive_number_key

RETENTION_DAYS = 30
_CHUNK = 500
_SKIP = frozenset({"audit_entry", "trash_entry", "stored_file"})


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in _SKIP]


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for col in table.columns:
        v = out.get(col.name)
        if isinstance(v, str):
            if isinstance(col.type, DateTime):
                out[col.name] = datetime.fromisoformat(v)
            elif isinstance(col.type, Date):
                out[col.name] = date.fromisoformat(v)
    return out


def _in_chunks(values: list[Any]) -> list[list[Any]]:
    return [values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK)]


def snapshot(s: Session, root: Table, ident: int) -> dict[str, Any]:
    """Every row that deleting ``root``'s row ``ident`` removes, and every reference it nulls."""
    conn = s.connection()
    rows: dict[str, list[dict[str, Any]]] = {}
    pk = next(iter(root.primary_key.columns))
    rows[root.name] = [dict(r._mapping) for r in conn.execute(select(root).where(pk == ident))]
    if not rows[root.name]:
        raise NotFound("Không tìm thấy bản ghi cần xóa.")
    nulls: list[dict[str, Any]] = []
    tables = _tables()
    for table in tables:  # parents before children: one pass reaches every cascade
        if table is root:
            continue
        found: dict[tuple[Any, ...], dict[str, Any]] = {}
        for fk in table.foreign_keys:
            parent = fk.column.table
            if (fk.ondelete or "").upper() != "CASCADE" or parent.name not in rows:
                continue
            values = sorted({r[fk.column.name] for r in rows[parent.name]} - {None})
            for chunk in _in_chunks(values):
                for r in conn.execute(select(table).where(fk.parent.in_(chunk))):
                    m = dict(r._mapping)
                    found[tuple(m[c.name] for c in table.primary_key.columns)] = m
        if found:
            rows[table.name] = list(found.values())
    for table in tables:
        pks = [c.name for c in table.primary_key.columns]
        mine = {tuple(r[c] for c in pks) for r in rows.get(table.name, [])}
        for fk in table.foreign_keys:
            parent = fk.column.table
            if (fk.ondelete or "").upper() != "SET NULL" or parent.name not in rows:
                continue
            values = sorted({r[fk.column.name] for r in rows[parent.name]} - {None})
            for chunk in _in_chunks(values):
                stmt = select(*table.primary_key.columns, fk.parent).where(fk.parent.in_(chunk))
                for r in conn.execute(stmt):
                    key = tuple(r[: len(pks)])
                    if key not in mine:
                        nulls.append(
                            {
                                "table": table.name,
                                "pk": dict(zip(pks, key, strict=True)),
                                "column": fk.parent.name,
                                "value": r[-1],
                            }
                        )
    blobs = sorted(
        {
            r[fk.parent.name]
            for table in tables
            for fk in table.foreign_keys
            if fk.column.table.name == "stored_file"
            for r in rows.get(table.name, [])
            if r.get(fk.parent.name)
        }
    )
    encoded = {t: [{k: _encode(v) for k, v in r.items()} for r in rs] for t, rs in rows.items()}
    return {"rows": encoded, "nulls": [{**n, "value": _encode(n["value"])} for n in nulls], "blobs": blobs}


def shorten(text: str, width: int = 80) -> str:
    """A long content cut for a label: the first ``width`` characters and an ellipsis."""
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def move_to_trash(s: Session, obj: Any, label: str) -> int:
    """Keep ``obj`` and everything its deletion cascades to; call before ``s.delete(obj)``.

    The audit trail's delete entry for ``obj`` names the trash entry.
    """
    s.flush()
    table = obj.__table__
    ident = obj.id
    payload = snapshot(s, table, ident)
    counts = {t: len(rs) for t, rs in payload["rows"].items()}
    counts[table.name] -= 1  # the record itself is not "with" it
    directive_id = task_id = None
    if isinstance(obj, Directive):
        directive_id = obj.id
    elif isinstance(obj, Task):
        directive_id, task_id = obj.directive_id, obj.id
    entry = TrashEntry(
        deleted_at=_now(),
        actor=audit_actor(s),
        entity=table.name,
        entity_id=ident,
        label=label,
        directive_id=directive_id,
        task_id=task_id,
        counts={k: v for k, v in counts.items() if v},
        payload=json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
    )
    s.add(entry)
    s.flush()
    recorder = s.info.get(change_recorder.KEY)
    if recorder is not None:  # what the database's cascades delete, the session never sees
        for cls in _classes(payload["rows"]):
            recorder.saw_cascade(cls)
    words = count_words(counts)
    s.info.setdefault(audit.TRASHED, {})[(table.name, ident)] = f"Thùng rác #{entry.id}" + (
        f" (kèm {words})" if words else ""
    )
    purge_expired(s)
    return entry.id


def audit_actor(s: Session) -> str:
    from app.actor import current_actor

    return current_actor(s)


def purge_expired(s: Session, now: datetime | None = None) -> int:
    """Delete trash entries older than RETENTION_DAYS, each noted in the audit trail."""
    limit = (now or _now()) - timedelta(days=RETENTION_DAYS)
    old = s.execute(
        select(
            TrashEntry.id,
            TrashEntry.entity,
            TrashEntry.entity_id,
            TrashEntry.label,
            TrashEntry.directive_id,
            TrashEntry.task_id,
        ).where(TrashEntry.deleted_at < limit)
    ).all()
    for _id, entity, entity_id, label, directive_id, task_id in old:
        audit.record(
            s,
            Action.PURGE,
            entity,
            entity_id,
            (directive_id, task_id),
            old=label,
            new=f"Thùng rác #{_id} quá {RETENTION_DAYS} ngày",
        )
    if old:
        s.execute(delete(TrashEntry).where(TrashEntry.id.in_([r[0] for r in old])))
    return len(old)


class TrashService(Service):
    def list_entries(self) -> list[TrashRow]:
        """What can still be restored, newest first (expired entries are purged first; on a
        read-only database, damaged or held by a window, they are only left out)."""
        read_only = self.db.read_only
        with self.db.reading() if read_only else self.db.transaction() as s:
            if not read_only:
                purge_expired(s)
            limit = _now() - timedelta(days=RETENTION_DAYS)
            entries = s.execute(
                select(
                    TrashEntry.id,
                    TrashEntry.deleted_at,
                    TrashEntry.actor,
                    TrashEntry.entity,
                    TrashEntry.entity_id,
                    TrashEntry.label,
                    TrashEntry.counts,
                )
                .where(TrashEntry.deleted_at >= limit)
                .order_by(TrashEntry.deleted_at.desc(), TrashEntry.id.desc())
            ).all()
        return [
            TrashRow(
                id=i,
                deleted_at=at,
                actor=actor,
                entity=entity,
                entity_id=eid,
                label=label,
                expires_on=(at + timedelta(days=RETENTION_DAYS)).date(),
                counts=dict(counts or {}),
            )
            for i, at, actor, entity, eid, label, counts in entries
        ]

    @operation
    def purge(self) -> int:
        """Remove expired entries now (the list does it too)."""
        with self.db.transaction() as s:
            return purge_expired(s)

    @operation
    def restore(self, trash_id: int) -> str:
        """Put a deleted record back with everything that went with it; its label."""
        with self.db.transaction() as s:
            entry = s.get(TrashEntry, trash_id)
            if entry is None:
                raise NotFound(
                    f"Không có mục số {trash_id} trong thùng rác (có thể đã khôi phục hoặc quá 30 ngày)."
                )
            payload = json.loads(entry.payload)
            tables = {t.name: t for t in _tables()}
            rows = {name: [_decode(tables[name], r) for r in rs] for name, rs in payload["rows"].items()}
            self._check(s, entry, tables, rows, payload["blobs"])
            conn = s.connection()
            for name, table in tables.items():  # sorted: parents first
                if rows.get(name):
                    conn.execute(insert(table), rows[name])
            for n in payload["nulls"]:
                table = tables[n["table"]]
                col = table.c[n["column"]]
                where = [table.c[k] == v for k, v in n["pk"].items()]
                conn.execute(update(table).where(*where, col.is_(None)).values({col.name: n["value"]}))
            recorder = s.info.get(change_recorder.KEY)
            if recorder is not None:
                for cls in _classes(rows):
                    recorder.saw_bulk(cls)
            if "task" not in rows:  # a report restored: its task's progress counts it again
                for task_id in self._tasks_of(s, rows):
                    task = s.get(Task, task_id)
                    if task is not None:
                        refresh_task(s, task, self.ctx.today())
            counts = {t: len(rs) for t, rs in rows.items()}
            counts[entry.entity] -= 1
            words = count_words(counts)
            audit.record(
                s,
                Action.RESTORE,
                entry.entity,
                entry.entity_id,
                (entry.directive_id, entry.task_id),
                old=f"Thùng rác #{entry.id}",
                new=entry.label + (f" (kèm {words})" if words else ""),
            )
            label = entry.label
            s.delete(entry)
            return label

    @staticmethod
    def _tasks_of(s: Session, rows: dict[str, list[dict[str, Any]]]) -> set[int]:
        from models.entities import Assignment

        ids = {r["assignment_id"] for r in rows.get("report", [])}
        if not ids:
            return set()
        return set(s.scalars(select(Assignment.task_id).where(Assignment.id.in_(ids))))

    def _check(
        self,
        s: Session,
        entry: TrashEntry,
        tables: dict[str, Table],
        rows: dict[str, list[dict[str, Any]]],
        blobs: list[str],
    ) -> None:
        """Refuse, naming the reason, what cannot go back as it was (nothing is written)."""
        conn = s.connection()
        what = f"«{entry.label}»"
        if entry.entity == "directive":
            number = rows["directive"][0]["number"]
            key = directive_number_key(number)
            other = s.scalar(select(Directive.id).where(Directive.number_key == key).limit(1))
            if other is not None:
                raise UserError(
                    f"Không khôi phục được {what}: văn bản số {number} đã được đăng ký lại (mã {other}). "
                    "Hãy xóa hoặc đổi số văn bản đó trước."
                )
        for name, rs in rows.items():
            table = tables[name]
            pks = list(table.primary_key.columns)
            if len(pks) == 1:
                for chunk in _in_chunks([r[pks[0].name] for r in rs]):
                    taken = conn.execute(select(pks[0]).where(pks[0].in_(chunk)).limit(1)).scalar()
                    if taken is not None:
                        raise UserError(
                            f"Không khôi phục được {what}: mã {taken} của {entity_label(name).lower()} "
                            "đã được dùng cho một bản ghi mới."
                        )
            for fk in table.foreign_keys:
                parent = fk.column.table
                if parent.name == "stored_file":
                    continue
                inside = {r[fk.column.name] for r in rows.get(parent.name, [])}
                needed = sorted({r[fk.parent.name] for r in rs} - {None} - inside)
                for chunk in _in_chunks(needed):
                    have = set(conn.execute(select(fk.column).where(fk.column.in_(chunk))).scalars())
                    missing = [v for v in chunk if v not in have]
                    if not missing:
                        continue
                    if fk.parent.nullable and (fk.ondelete or "").upper() == "SET NULL":
                        for r in rs:
                            if r[fk.parent.name] in missing:
                                r[fk.parent.name] = None
                        continue
                    raise UserError(
                        f"Không khôi phục được {what}: {entity_label(parent.name).lower()} mã {missing[0]} "
                        "mà dữ liệu cần đến đã bị xóa. Hãy khôi phục mục đó trước."
                    )
        if blobs:
            have = set(s.scalars(select(StoredFile.sha256).where(StoredFile.sha256.in_(blobs))))
            lost = [b for b in blobs if b not in have or not self.ctx.store.path_for(b).is_file()]
            if lost:
                raise UserError(
                    f"Không khôi phục được {what}: {len(lost)} tệp minh chứng không còn "
                    "trong thư mục dữ liệu."
                )


def _classes(rows: dict[str, list[dict[str, Any]]]) -> list[type]:
    out = []
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) in rows:
            out.append(mapper.class_)
    return out


def referenced_blobs(s: Session) -> set[str]:
    """SHA-256 of every stored file a trash entry still needs (a backup must keep them)."""
    out: set[str] = set()
    for payload in s.scalars(select(TrashEntry.payload)):
        out.update(json.loads(payload).get("blobs", []))
    return out
