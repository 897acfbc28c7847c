"""Re-reading every stored deadline phrase when the rules that read them change.

A task keeps the phrase as written (``deadline_text``) and what it was read as
(``deadline`` JSON, ``deadline_kind``, and the "06 rõ" gap count that follows the kind).
When the deadline reader is corrected ("6/2025" was read as 31/12/2025), the stored readings
of an office's existing tasks would stay the old, wrong ones until each task is saved again.
So, when the rules version changes (``progress.RULES_VERSION``), every phrase is read again
exactly as saving the task would (``task_writer.set_deadline``: the spacing-normalised phrase,
against the directive's issuing date), in the caller's transaction, before the cached
progress is recomputed from the new readings. Nothing changes silently: each changed task
gets one audit entry (old → new reading, in words), and the caller tells the user once
(``note``).

Core reads and writes, chunk by chunk, as ``progress.refresh_all``: a phrase is read once per
(phrase, reference) and a stored reading decoded once per distinct JSON, so 20,000 tasks
written from a few hundred distinct phrases cost little more than reading the rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any
from typing import cast as typed

from sqlalchemy import JSON, Table, Text, bindparam, cast, select, update
from sqlalchemy.orm import Session

from app import audit
from app.services.progress import refresh_all, rules_outdated
from app.services.task_writer import clean_deadline_text, gap_count
from models.audit_text import Action
from models.deadline_text import describe_deadline, dmy
from models.deadlines import Deadline, DeadlineKind, parse_deadline
from models.entities import Assignment, Directive, Role, Task

_TASK = typed(Table, Task.__table__)

# The audit entry's field: the reading, not the phrase (which did not change).
READING_FIELD = "deadline"
UNREADABLE = "(không đọc được)"


@dataclass
class Change:
    """One task whose phrase now reads differently."""

    task_id: int
    phrase: str
    old: Deadline | None  # None: the stored reading could not be decoded
    new: Deadline


@dataclass
class RereadSummary:
    """What a re-read changed, for the start-up note."""

    changed: int = 0
    # read before (a date, a recurrence…) and now flagged «chưa rõ thời hạn»: to be reviewed
    now_unsure: int = 0
    # and the reverse: no deadline understood before, one understood now
    now_understood: int = 0
    examples: list[Change] = field(default_factory=list)

    def note(self) -> str | None:
        """The one message that tells the user, or None when no reading changed."""
        if not self.changed:
            return None
        text = f"Đã đọc lại thời hạn theo quy tắc mới: {self.changed} nhiệm vụ đổi cách hiểu"
        example = self._example()
        if example is not None:
            text += (
                f" (ví dụ «{example.phrase}»: trước là {_brief(example.old)}, nay là {_brief(example.new)})"
            )
        text += "."
        if self.now_unsure:
            text += (
                f" {self.now_unsure} nhiệm vụ trước có hạn nay được đánh dấu «chưa rõ thời hạn» vì câu chữ "
                "không đủ rõ: cần xem lại và ghi thời hạn rõ hơn."
            )
        if self.now_understood:
            text += f" {self.now_understood} nhiệm vụ trước «chưa rõ thời hạn» nay đã hiểu được hạn."
        return (
            text + " Xem trong cột «Hạn tiếp theo» của danh sách nhiệm vụ; từng thay đổi được ghi trong "
            "«Lịch sử thay đổi»."
        )

    def _example(self) -> Change | None:
        """A short, plain one: a one-off date that moved, else a change of due dates or kind,
        else the first change (a reading only made more precise, e.g. a stretch's start)."""

        def moved(c: Change) -> bool:
            return c.old is None or (c.old.kind, c.old.dates) != (c.new.kind, c.new.dates)

        plain = [
            c
            for c in self.examples
            if c.old is not None and c.old.kind is c.new.kind is DeadlineKind.ONCE and len(c.phrase) <= 40
        ]
        for candidates in (
            [c for c in plain if moved(c)],
            [c for c in self.examples if moved(c)],
            self.examples,
        ):
            if candidates:
                return candidates[0]
        return None


EXAMPLES_KEPT = 20


def _brief(d: Deadline | None) -> str:
    if d is None:
        return UNREADABLE
    if d.kind is DeadlineKind.ONCE and d.start is None:
        return dmy(d.dates[0])
    return f"«{describe_deadline(d)[0]}»"


def reading_words(d: Deadline | None) -> str:
    """The «Hiểu là» words the audit entry stores."""
    return UNREADABLE if d is None else describe_deadline(d)[0]


def _same(old: Deadline | None, new: Deadline) -> bool:
    return old is not None and replace(old, text=new.text) == new


def _decode(raw: str | None, phrase: str) -> Deadline | None:
    """The stored reading, as the program used it (``progress.deadline_of``); None if broken."""
    meaningful = bool(raw) and raw not in ("{}", "null")
    try:
        if meaningful:
            assert raw is not None
            return Deadline.from_json(json.loads(raw))
        return parse_deadline(phrase)
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _day(value: datetime | date | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def reread_deadlines(
    session: Session, today: date, summary: RereadSummary, chunk: int = 5000
) -> Iterator[tuple[int, int]]:
    """Read every task's phrase again; store and record the readings that changed.

    Yields (done, total). Runs in the caller's transaction (an interruption leaves every old
    reading). ``summary`` is filled as it goes.

    The reference for a phrase without a year is the directive's issuing date, as saving the
    task uses. A directive without one: saving used the day of saving, which is not kept, so
    the day the task was entered, the day it was last changed and today are tried, and a
    stored reading any of them gives is kept (only the rules may change a reading here,
    never the passing of time); otherwise the day it was entered, as the recurrences'
    anchor (``progress.anchor_of``).
    """
    conn = session.connection()
    ids = list(conn.scalars(select(Task.id).order_by(Task.id)))
    total = len(ids)
    yield 0, total
    decoded: dict[tuple[str | None, str], Deadline | None] = {}
    for start in range(0, total, chunk):
        part = ids[start : start + chunk]
        rows = conn.execute(
            select(
                Task.id,
                Task.directive_id,
                Task.deadline_text,
                cast(Task.deadline, Text),
                Task.deadline_kind,
                Task.created_at,
                Task.updated_at,
                Directive.issued_on,
            )
            .join(Directive, Directive.id == Task.directive_id)
            .where(Task.id.between(part[0], part[-1]))
        ).all()
        writes: list[dict[str, Any]] = []
        kind_changed: list[int] = []
        for t_id, d_id, text_, raw, kind, created, updated, issued in rows:
            phrase = clean_deadline_text(text_ or "")
            key = (raw, phrase)
            if key not in decoded:
                decoded[key] = _decode(raw, phrase)
            old = decoded[key]
            if issued is not None:
                new = parse_deadline(phrase, reference=issued)
            else:
                tried = [d for d in (_day(created), _day(updated), today) if d is not None]
                readings = [parse_deadline(phrase, reference=d) for d in tried]
                new = next((r for r in readings if _same(old, r)), readings[0])
            if _same(old, new) and kind == new.kind.value:
                continue
            writes.append({"t_id": t_id, "dl": new.to_json(), "k": new.kind.value})
            if kind != new.kind.value:
                kind_changed.append(t_id)
            summary.changed += 1
            if old is not None and old.kind is not DeadlineKind.UNKNOWN and new.kind is DeadlineKind.UNKNOWN:
                summary.now_unsure += 1
            elif (old is None or old.kind is DeadlineKind.UNKNOWN) and new.kind is not DeadlineKind.UNKNOWN:
                summary.now_understood += 1
            change = Change(t_id, phrase, old, new)
            if len(summary.examples) < EXAMPLES_KEPT:
                summary.examples.append(change)
            audit.record(
                session,
                Action.REREAD,
                "task",
                t_id,
                (d_id, t_id),
                old=reading_words(old),
                new=f"{reading_words(new)} (thời hạn «{phrase}»)" if phrase else reading_words(new),
                field=READING_FIELD,
            )
        if writes:
            conn.execute(
                update(_TASK)
                .where(_TASK.c.id == bindparam("t_id"))
                .values(
                    deadline=bindparam("dl", type_=JSON),
                    deadline_kind=bindparam("k"),
                    # a re-read is not an officer's edit: the "changed at" stays the officer's
                    updated_at=_TASK.c.updated_at,
                ),
                writes,
            )
        if kind_changed:
            _refresh_gaps(session, kind_changed)
        yield min(start + chunk, total), total


def _refresh_gaps(session: Session, task_ids: list[int]) -> None:
    """The "06 rõ" gap count of tasks whose deadline kind changed (it counts an unclear one)."""
    conn = session.connection()
    leads: dict[int, list[tuple[str, int | None, int | None]]] = {}
    for t_id, agency_id, group_id in conn.execute(
        select(Assignment.task_id, Assignment.agency_id, Assignment.group_id).where(
            Assignment.task_id.in_(task_ids), Assignment.role == Role.LEAD.value
        )
    ):
        leads.setdefault(t_id, []).append((Role.LEAD.value, agency_id, group_id))
    rows = conn.execute(
        select(Task.id, Task.content, Task.product, Task.deadline_kind, Directive.number)
        .join(Directive, Directive.id == Task.directive_id)
        .where(Task.id.in_(task_ids))
    ).all()
    conn.execute(
        update(_TASK)
        .where(_TASK.c.id == bindparam("t_id"))
        .values(gaps=bindparam("g"), updated_at=_TASK.c.updated_at),
        [
            {
                "t_id": t_id,
                "g": gap_count(content, leads.get(t_id, []), DeadlineKind(kind), product, number),
            }
            for t_id, content, product, kind, number in rows
        ],
    )


def refresh_for_new_rules(session: Session, today: date, summary: RereadSummary) -> Iterator[tuple[int, int]]:
    """Everything a new rules version asks, in the caller's one transaction: re-read every
    deadline phrase, then recompute every cached progress from the new readings (and store the
    new version). Yields (done, total) over both passes, the re-read weighing a quarter of the
    recompute (benchmarks/bench_reread.py); ``summary`` says what was re-read."""
    first = 0
    for done, total in reread_deadlines(session, today, summary):
        first = total // REREAD_SHARE
        yield done // REREAD_SHARE, first + total
    for done, total in refresh_all(session, today):
        yield first + done, first + total


# The re-read takes about a quarter of the recompute's time (benchmarks/bench_reread.py).
REREAD_SHARE = 4


def refresh_if_rules_changed(session: Session, today: date) -> str | None:
    """``refresh_for_new_rules`` when the stored rules version is not the program's; the note
    that tells the user what the re-read changed (None when nothing did or nothing ran)."""
    if not rules_outdated(session):
        return None
    summary = RereadSummary()
    for _ in refresh_for_new_rules(session, today, summary):
        pass
    return summary.note()
