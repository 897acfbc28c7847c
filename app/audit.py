"""The audit trail, written by the unit of work itself so no service can forget it.

``install`` hooks every session of ``Database``: after each flush the objects inserted,
changed and deleted are read with their attribute history (old → new per column), and at
commit the collected entries are written by one ``executemany`` in the same transaction, so
an entry exists exactly when its change does. Who: ``app.actor.current_actor``.

Choices that keep it useful and fast:

- Derived columns (search keys, cached progress, models.audit_text.DERIVED_FIELDS) are not
  recorded: a recompute is not an officer's change.
- A deletion is one entry for the record the officer deleted; rows that went with it through
  ``ON DELETE CASCADE`` (a directive's tasks, reports, evidence…) are not listed one by one —
  the trash entry (app.services.trash) holds them and counts them, and the delete entry names it.
- ORM bulk inserts (the appendix importer inserts thousands of tasks by Core ``executemany``)
  are one ``import`` entry per table and directive with the row count, not a row per field.
- A row deleted and re-created alike within one transaction (a directive's citations are
  rewritten on each save) is no change and leaves no entry.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, event, insert, select
from sqlalchemy.orm import (
    InstanceState,
    ORMExecuteState,
    Session,
    object_mapper,
    object_session,
    sessionmaker,
)
from sqlalchemy.orm import attributes as orm_attributes

from app.actor import current_actor
from models.audit import AuditEntry
from models.audit_text import (
    DERIVED_FIELDS,
    LABEL_FIELDS,
    Action,
    fallback_name,
    indicator_value_name,
    letter_subject_name,
    member_name,
    party_name,
    report_name,
    value_text,
)
from models.entities import Agency, AgencyGroup, Assignment, Base, Indicator, Report, Task
from models.letters import OutgoingLetter

KEY = "audit"
# (entity, id) -> the words a delete entry carries in new_value (set by app.services.trash)
TRASHED = "audit_trashed"

# Rows the ORM deleted in the current flush (orphans included, which session.deleted omits).
DELETED = "audit_deleted"
# Settings the program keeps for itself (the rules version of the cached progress).
INTERNAL_SETTINGS = frozenset({"progress_rules"})

# Caches, content-addressed storage and the trail itself are not audited.
NOT_AUDITED = frozenset({"occurrence_cover", "stored_file", "audit_entry", "trash_entry", "alembic_version"})


@dataclass
class _Buffer:
    rows: list[dict[str, Any]] = field(default_factory=list)
    bulk: Counter[tuple[str, int | None]] = field(default_factory=Counter)
    # objects inserted in this transaction: later flushes of the same object (a service that
    # fills it in after an autoflush) are part of its creation, and its name is read at commit
    created: dict[int, tuple[dict[str, Any], Any]] = field(default_factory=dict)


def _buffer(session: Session) -> _Buffer:
    buf = session.info.get(KEY)
    if buf is None:
        buf = session.info[KEY] = _Buffer()
    return buf


def _table(obj: Any) -> Table | None:
    try:
        table = object_mapper(obj).local_table
    except Exception:
        return None
    if not isinstance(table, Table) or table.name in NOT_AUDITED:
        return None
    if table.name == "setting" and orm_attributes.instance_state(obj).dict.get("key") in INTERNAL_SETTINGS:
        return None
    return table


def _pk(state: InstanceState[Any], table: Table) -> int | None:
    cols = list(table.primary_key.columns)
    if len(cols) != 1:
        return None
    value = state.dict.get(cols[0].key)
    return value if isinstance(value, int) else None


def _label(table: str, state: InstanceState[Any]) -> str | None:
    """The record's name from its own columns; names that need other rows (a report's agency)
    are written at commit by ``_name_records``, and ``fallback_name`` covers the rest."""
    d = state.dict
    if table == "setting":
        return f"{d.get('key')} = {value_text(d.get('value'))}"
    if table == "indicator_value":
        return indicator_value_name(d.get("period"), d.get("value"))
    for name in LABEL_FIELDS:
        value = d.get(name)
        if isinstance(value, str) and value.strip():
            return value_text(value)
    return None


class _Context:
    """Which directive and task a row belongs to, looked up once per flush.

    Parents deleted in the same flush are no longer in the database: they are read from the
    objects of the flush first.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.parent: dict[tuple[str, int], int | None] = {}

    def learn(self, obj: Any) -> None:
        d = orm_attributes.instance_state(obj).dict
        if isinstance(obj, Task) and d.get("id") is not None:
            self.parent[("task", d["id"])] = d.get("directive_id")
        elif isinstance(obj, Assignment) and d.get("id") is not None:
            self.parent[("assignment", d["id"])] = d.get("task_id")
        elif isinstance(obj, Report) and d.get("id") is not None:
            self.parent[("report", d["id"])] = d.get("assignment_id")
        elif isinstance(obj, Indicator) and d.get("id") is not None:
            self.parent[("indicator", d["id"])] = d.get("directive_id")

    def _up(self, kind: str, ident: int | None) -> int | None:
        if ident is None:
            return None
        key = (kind, ident)
        if key not in self.parent:
            col = {
                "task": Task.directive_id,
                "assignment": Assignment.task_id,
                "report": Report.assignment_id,
                "indicator": Indicator.directive_id,
            }[kind]
            owner = col.class_
            self.parent[key] = (
                self.session.connection().execute(select(col).where(owner.id == ident)).scalar()
            )
        return self.parent[key]

    def of(self, table: str, d: dict[str, Any]) -> tuple[int | None, int | None]:
        """(directive_id, task_id) of a row of ``table`` with loaded values ``d``."""
        if table == "directive":
            return d.get("id"), None
        if table in ("citation", "indicator"):
            return d.get("directive_id"), None
        if table in ("indicator_value", "indicator_agency"):
            return self._up("indicator", d.get("indicator_id")), None
        task_id: int | None = None
        if table == "task":
            return d.get("directive_id"), d.get("id")
        if table in ("assignment", "letter_subject"):
            task_id = d.get("task_id")
        elif table == "report":
            task_id = self._up("assignment", d.get("assignment_id"))
        elif table == "evidence":
            task_id = self._up("assignment", self._up("report", d.get("report_id")))
        return self._up("task", task_id), task_id


def _row(
    action: Action, table: str, ident: int | None, ctx: tuple[int | None, int | None], **kw: Any
) -> dict[str, Any]:
    return {
        "action": action.value,
        "entity": table,
        "entity_id": ident,
        "directive_id": ctx[0],
        "task_id": ctx[1],
        "field": kw.get("field", ""),
        "old_value": kw.get("old"),
        "new_value": kw.get("new"),
        # the other rows a name is made of (an assignment's agency), resolved at commit
        "_party": kw.get("party"),
    }


def _party(table: str, d: dict[str, Any]) -> tuple[Any, ...] | None:
    """What a record's name needs from other rows, read by ``_name_records`` at commit."""
    if table in ("assignment", "indicator_agency"):
        return ("party", d.get("role") or "", d.get("agency_id"), d.get("group_id"))
    if table == "report":
        return ("report", d.get("assignment_id"), d.get("received_on"), d.get("doc_number") or "")
    if table == "letter_subject":
        return ("letter_subject", d.get("letter_id"), d.get("agency_id"), d.get("task_id"))
    if table == "agency_group_member":
        return ("member", d.get("group_id"), d.get("agency_id"))
    return None


def _after_flush(session: Session, _ctx: Any) -> None:
    buf = _buffer(session)
    ctx = _Context(session)
    gone: list[Any] = session.info.pop(DELETED, [])
    for obj in (*session.new, *session.dirty, *gone):
        ctx.learn(obj)
    deleted_keys: set[tuple[str, int]] = set()
    for obj in gone:
        table = _table(obj)
        if table is not None:
            ident = _pk(orm_attributes.instance_state(obj), table)
            if ident is not None:
                deleted_keys.add((table.name, ident))
    trashed: dict[tuple[str, int], str] = session.info.get(TRASHED, {})

    for obj in session.new:
        table = _table(obj)
        if table is None:
            continue
        state = orm_attributes.instance_state(obj)
        ident = _pk(state, table)
        buf.created[id(obj)] = (
            _row(
                Action.CREATE,
                table.name,
                ident,
                ctx.of(table.name, state.dict),
                new=_label(table.name, state),
                party=_party(table.name, state.dict),
            ),
            obj,
        )
        buf.rows.append(buf.created[id(obj)][0])
    for obj in session.dirty:
        table = _table(obj)
        if table is None or id(obj) in buf.created:
            continue
        state = orm_attributes.instance_state(obj)
        where: tuple[int | None, int | None] | None = None
        for attr in state.mapper.column_attrs:
            col = attr.columns[0]
            if col.name in DERIVED_FIELDS or col.table is not table:
                continue
            hist = state.attrs[attr.key].history
            if not hist.added:
                continue
            old = value_text(hist.deleted[0]) if hist.deleted else None
            new = value_text(hist.added[0])
            if old == new:
                continue
            if where is None:
                where = ctx.of(table.name, state.dict)
            name = state.dict.get("key", col.name) if table.name == "setting" else col.name
            buf.rows.append(
                _row(Action.UPDATE, table.name, _pk(state, table), where, field=name, old=old, new=new)
            )
    for obj in gone:
        table = _table(obj)
        if table is None:
            continue
        state = orm_attributes.instance_state(obj)
        if _cascaded(table, state.dict, deleted_keys):
            continue
        ident = _pk(state, table)
        buf.rows.append(
            _row(
                Action.DELETE,
                table.name,
                ident,
                ctx.of(table.name, state.dict),
                old=_label(table.name, state),
                new=trashed.get((table.name, ident)) if ident is not None else None,
                party=_party(table.name, state.dict),
            )
        )


def _cascaded(table: Table, d: dict[str, Any], deleted: set[tuple[str, int]]) -> bool:
    """Whether the row went with a parent deleted in the same flush (ON DELETE CASCADE)."""
    for fk in table.foreign_keys:
        if (fk.ondelete or "").upper() != "CASCADE":
            continue
        value = d.get(fk.parent.key)
        if isinstance(value, int) and (fk.column.table.name, value) in deleted:
            return True
    return False


def _on_execute(state: ORMExecuteState) -> None:
    session = state.session
    if not state.is_insert:
        return
    mapper = state.bind_mapper
    if mapper is None or not isinstance(mapper.local_table, Table):
        return
    table = mapper.local_table.name
    if table in NOT_AUDITED:
        return
    params = state.parameters
    rows = params if isinstance(params, list) else [params] if params else []
    dicts = [r for r in rows if isinstance(r, dict)]
    if dicts and "directive_id" not in dicts[0] and "task_id" in dicts[0]:
        # a task's assignments (the importer's): the entry belongs to the tasks' directive, so
        # History filtered by directive shows it
        of_task = _directives_of_tasks(session, {r.get("task_id") for r in dicts})
        counts = Counter(of_task.get(r.get("task_id")) for r in dicts)  # type: ignore[arg-type]
    else:
        counts = Counter(r.get("directive_id") for r in dicts)
    counts[None] += len(rows) - len(dicts)
    if not counts[None]:
        del counts[None]
    buf = _buffer(session)
    for directive_id, n in counts.items():
        buf.bulk[(table, directive_id)] += n


def _directives_of_tasks(session: Session, task_ids: set[Any]) -> dict[int, int | None]:
    ids = sorted(i for i in task_ids if isinstance(i, int))
    out: dict[int, int | None] = {}
    conn = session.connection()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for task_id, directive_id in conn.execute(
            select(Task.id, Task.directive_id).where(Task.id.in_(chunk))
        ):
            out[task_id] = directive_id
    return out


def _before_commit(session: Session) -> None:
    buf = session.info.get(KEY)
    if buf is None:
        return
    session.flush()
    if not buf.rows and not buf.bulk:
        return
    where = _Context(session)
    for row, obj in buf.created.values():  # names as they are at the end of the transaction
        state = orm_attributes.instance_state(obj)
        row["new_value"] = _label(row["entity"], state)
        if row["directive_id"] is None or (row["task_id"] is None and row["entity"] != "directive"):
            row["directive_id"], row["task_id"] = where.of(row["entity"], state.dict)
        row["_party"] = _party(row["entity"], state.dict) or row["_party"]
    rows = _cancel_rewrites(buf.rows)
    rows += [
        _row(Action.IMPORT, table, None, (directive_id, None), new=str(n))
        for (table, directive_id), n in buf.bulk.items()
    ]
    _name_records(session, rows)
    actor = current_actor(session)
    at = datetime.now().replace(microsecond=0)
    for r in rows:
        r.pop("_party", None)
        r["actor"], r["at"] = actor, at
    if rows:
        session.connection().execute(insert(AuditEntry), rows)
    buf.rows.clear()
    buf.bulk.clear()
    buf.created.clear()


def _cancel_rewrites(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop delete+create pairs of an equal row (same table, context and label)."""

    def key(r: dict[str, Any]) -> tuple[Any, ...]:
        return (r["entity"], r["directive_id"], r["task_id"], r["old_value"] or r["new_value"], r["_party"])

    def plain_delete(r: dict[str, Any]) -> bool:
        return r["action"] == Action.DELETE.value and r["new_value"] is None  # not to the trash

    created = Counter(key(r) for r in rows if r["action"] == Action.CREATE.value)
    deleted = Counter(key(r) for r in rows if plain_delete(r))
    drop_created = created & deleted
    drop_deleted = Counter(drop_created)
    if not drop_created:
        return rows
    out = []
    for r in rows:
        k = key(r)
        if r["action"] == Action.CREATE.value and drop_created[k] > 0:
            drop_created[k] -= 1
        elif plain_delete(r) and drop_deleted[k] > 0:
            drop_deleted[k] -= 1
        else:
            out.append(r)
    return out


def _name_records(session: Session, rows: list[dict[str, Any]]) -> None:
    """Name what a created or deleted record's own columns cannot: «Chủ trì: Sở Tài chính»,
    a report «Sở Tài chính – 01/06/2026 – 12/BC-STC», a letter's subject, a group member
    (names read now: the ids may be gone later). Anything still unnamed gets «Nhiệm vụ #12»."""
    named = (Action.CREATE.value, Action.DELETE.value)
    wanted = [r for r in rows if r.get("_party") and r["action"] in named]
    conn = session.connection()
    refs = [r["_party"] for r in wanted]
    assignment_ids = {p[1] for p in refs if p[0] == "report" and p[1] is not None}
    # a report is named by its assignment's agency (or group)
    parties: dict[int, tuple[int | None, int | None]] = {}
    if assignment_ids:
        parties = {
            i: (a, g)
            for i, a, g in conn.execute(
                select(Assignment.id, Assignment.agency_id, Assignment.group_id).where(
                    Assignment.id.in_(assignment_ids)
                )
            )
        }
    agency_ids = {a for a, _g in parties.values() if a is not None}
    group_ids = {g for _a, g in parties.values() if g is not None}
    letter_ids: set[int] = set()
    task_ids: set[int] = set()
    for p in refs:
        if p[0] == "party":
            for ids, value in ((agency_ids, p[2]), (group_ids, p[3])):
                if value is not None:
                    ids.add(value)
        elif p[0] == "letter_subject":
            for ids, value in ((letter_ids, p[1]), (agency_ids, p[2]), (task_ids, p[3])):
                if value is not None:
                    ids.add(value)
        elif p[0] == "member":
            for ids, value in ((group_ids, p[1]), (agency_ids, p[2])):
                if value is not None:
                    ids.add(value)
    agencies = _names(conn, Agency.id, Agency.name, agency_ids)
    groups = _names(conn, AgencyGroup.id, AgencyGroup.name, group_ids)
    letters = _names(conn, OutgoingLetter.id, OutgoingLetter.full_number, letter_ids)
    tasks = _names(conn, Task.id, Task.content, task_ids)

    def party(agency_id: int | None, group_id: int | None) -> str | None:
        return agencies.get(agency_id) if agency_id is not None else groups.get(group_id)  # type: ignore[arg-type]

    for r in wanted:
        p = r["_party"]
        if p[0] == "party":
            text = party_name(p[1], party(p[2], p[3]))
        elif p[0] == "report":
            text = report_name(party(*parties.get(p[1], (None, None))), p[2], p[3])
        elif p[0] == "letter_subject":
            task = tasks.get(p[3]) if p[3] is not None else None
            text = letter_subject_name(letters.get(p[1]), agencies.get(p[2]), task)
        else:
            text = member_name(groups.get(p[1]), agencies.get(p[2]))
        r["old_value" if r["action"] == Action.DELETE.value else "new_value"] = text
    for r in rows:
        if r["action"] == Action.CREATE.value and not r["new_value"]:
            r["new_value"] = fallback_name(r["entity"], r["entity_id"])
        elif r["action"] == Action.DELETE.value and not r["old_value"]:
            r["old_value"] = fallback_name(r["entity"], r["entity_id"])


def _names(conn: Any, key: Any, name: Any, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {i: n for i, n in conn.execute(select(key, name).where(key.in_(ids)))}


def _after_delete(_mapper: Any, _conn: Any, target: Any) -> None:
    session = object_session(target)
    if session is not None:
        session.info.setdefault(DELETED, []).append(target)


_mapper_hooked = False


def record(
    session: Session,
    action: Action,
    entity: str,
    entity_id: int | None,
    where: tuple[int | None, int | None] = (None, None),
    old: str | None = None,
    new: str | None = None,
    field: str = "",
) -> None:
    """An entry the unit of work cannot see (a restore from the trash, a purge, a deadline
    re-read by new rules through Core), written at commit."""
    _buffer(session).rows.append(_row(action, entity, entity_id, where, old=old, new=new, field=field))


def install(factory: sessionmaker[Session]) -> None:
    global _mapper_hooked
    if not _mapper_hooked:  # mapper events are global: hooked once for every Database
        event.listen(Base, "after_delete", _after_delete, propagate=True)
        _mapper_hooked = True
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _on_execute)
    event.listen(factory, "before_commit", _before_commit)
