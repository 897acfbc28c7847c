"""Writing a task: its deadline, its assignments, its folded search text and its place (seq).

One module for every path that writes tasks — the task form and group expansion
(``TaskService``), the appendix import (one by one for updates, in bulk for new rows) and
agency renames — so a task reads the same whichever path wrote it. It works inside the
caller's transaction and never opens one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.services.progress import HORIZON_DAYS, refresh_task
from models.deadlines import DeadlineKind, parse_deadline
from models.entities import Assignment, Directive, Role, Task
from models.six_clear import TaskFacts, missing
from models.status import summarize
from models.textfold import fold
from models.vn_collation import stored_key

# (role, agency_id, group_id): one party of a task, exactly one of the two ids set.
Party = tuple[str, int | None, int | None]


def fold_search_text(directive_number: str, fields: Iterable[str], names: Iterable[str]) -> str:
    """The folded copy the search box matches (and the FTS index quotes)."""
    return fold(" ".join([directive_number, *fields, *names]))


def _searched_fields(task: Task) -> list[str]:
    return [task.group_title, task.content, task.product, task.deadline_text, task.note]


def search_text_for(task: Task, directive_number: str, names: list[str]) -> str:
    return fold_search_text(directive_number, _searched_fields(task), names)


LEAD_SEPARATOR = "; "  # how the list joins a task's leads (TaskService._rows)


def lead_text(names: Iterable[str]) -> str:
    return LEAD_SEPARATOR.join(names)


def gap_count(
    content: str, leads: Sequence[Party], deadline_kind: DeadlineKind, product: str, directive_number: str
) -> int:
    """How many "06 rõ" criteria a task misses (models.six_clear.missing): the stored sort key
    of the list's "06 rõ" column (Task.gaps)."""
    facts = TaskFacts(
        content=content,
        lead_count=len(leads),
        lead_is_group=any(group_id is not None for _role, _agency_id, group_id in leads),
        deadline_kind=deadline_kind,
        product=product,
        directive_number=directive_number,
    )
    return len(missing(facts))


def set_gaps(task: Task) -> None:
    """Refresh Task.gaps after its content, product, deadline, leads or directive number changed."""
    leads = [(a.role, a.agency_id, a.group_id) for a in task.assignments if a.role == Role.LEAD.value]
    task.gaps = gap_count(
        task.content, leads, DeadlineKind(task.deadline_kind), task.product, task.directive.number
    )


def reindex(task: Task) -> None:
    """Refresh the folded search copy (and so the FTS index), the sort keys of the lead and
    content columns and the "06 rõ" gap count, after anything they quote changed."""
    task.search_text = search_text_for(
        task, task.directive.number, [a.display_name for a in task.assignments]
    )
    # in id order, as the list reads them (set_assignments may have reordered the collection)
    ordered = sorted(task.assignments, key=lambda a: a.id or 0)
    leads = [a.display_name for a in ordered if a.role == Role.LEAD.value]
    task.lead_key = stored_key(lead_text(leads))
    task.content_key = stored_key(task.content)
    set_gaps(task)


def reindex_tasks_of_agency(s: Session, agency_id: int) -> None:
    """After an agency's name changed: every task it takes part in quotes the new name."""
    used = select(Assignment.task_id).where(Assignment.agency_id == agency_id)
    for task in s.scalars(select(Task).where(Task.id.in_(used))):
        reindex(task)


def next_seq(s: Session, directive_id: int) -> int:
    """The number after the directive's last task: where a task entered by hand goes."""
    last = s.scalar(select(func.max(Task.seq)).where(Task.directive_id == directive_id))
    return (last or 0) + 1


def clean_deadline_text(text: str) -> str:
    return " ".join(text.split())


def set_deadline(task: Task, text: str, reference: date) -> None:
    """Store the phrase as written (spacing normalised) and what it means, read against
    ``reference`` (the directive's issuing date, else today) for phrases without a year."""
    task.deadline_text = clean_deadline_text(text)
    meaning = parse_deadline(task.deadline_text, reference=reference)
    task.deadline, task.deadline_kind = meaning.to_json(), meaning.kind.value


def set_assignments(task: Task, wanted: Sequence[Party]) -> list[Assignment]:
    """Give the task exactly the wanted parties, keeping the rows (and reports) of those it had.

    A party that is no longer wanted but has reports stays on the task, since its reports are
    evidence; those kept rows are returned so a caller that must refuse instead can say so
    (the caller's transaction then rolls back).
    """
    current = {(a.agency_id, a.group_id): a for a in task.assignments}
    keep: list[Assignment] = []
    for role, agency_id, group_id in wanted:
        a = current.pop((agency_id, group_id), None) or Assignment(agency_id=agency_id, group_id=group_id)
        a.role = role
        keep.append(a)
    reported = [a for a in current.values() if a.reports]
    task.assignments[:] = keep + reported
    return reported


def finish(s: Session, task: Task, today: date) -> None:
    """After a task's fields or parties changed: name its parties, refresh its search text and
    its cached progress (the task's and each assignment's)."""
    s.flush()
    for a in task.assignments:
        s.refresh(a, ["agency", "group"])
    reindex(task)
    refresh_task(s, task, today)


ALL_COLUMNS = {"render_nulls": True}


@dataclass(frozen=True)
class NewTask:
    """A task to insert in bulk, with its parties and their display names (same order)."""

    group_code: str
    group_title: str
    seq: int
    index_in_group: int | None
    content: str
    product: str
    deadline_text: str
    note: str
    parties: Sequence[Party]
    names: Sequence[str]


def insert_tasks(s: Session, directive: Directive, tasks: Sequence[NewTask], today: date) -> list[int]:
    """Insert new tasks of one directive through Core ``executemany``; their ids, in order.

    ORM ``add_all`` is about 20× slower at appendix sizes of thousands of rows. Search text,
    deadline JSON and cached progress are exactly what ``set_deadline`` + ``finish`` store for
    a task without reports (so every assignment's progress is the task's own).
    """
    if not tasks:
        return []
    reference = directive.issued_on or today
    horizon = today + timedelta(days=HORIZON_DAYS)
    rows: list[dict[str, Any]] = []
    lead = Role.LEAD.value
    lead_keys: dict[str, str] = {}  # a few leads recur over thousands of tasks

    def lead_key(text: str) -> str:
        key = lead_keys.get(text)
        if key is None:
            key = lead_keys[text] = stored_key(text)
        return key

    for t in tasks:
        text = clean_deadline_text(t.deadline_text)
        meaning = parse_deadline(text, reference=reference)
        # an undated directive's recurring duties count from today, as ``anchor_of`` says later
        progress = summarize(meaning, [], directive.issued_on or today, horizon)
        fields = [t.group_title, t.content, t.product, text, t.note]
        rows.append(
            {
                "directive_id": directive.id,
                "group_code": t.group_code,
                "group_title": t.group_title,
                "seq": t.seq,
                "index_in_group": t.index_in_group,
                "content": t.content,
                "product": t.product,
                "deadline_text": text,
                "deadline": meaning.to_json(),
                "deadline_kind": meaning.kind.value,
                "note": t.note,
                "suspension": "active",
                "search_text": fold_search_text(directive.number, fields, t.names),
                "lead_key": lead_key(
                    lead_text(n for (role, *_), n in zip(t.parties, t.names, strict=True) if role == lead)
                ),
                "content_key": stored_key(t.content),
                "gaps": gap_count(
                    t.content,
                    [p for p in t.parties if p[0] == lead],
                    meaning.kind,
                    t.product,
                    directive.number,
                ),
                "first_unmet": progress.first_unmet,
                "completed": progress.completed,
                "completed_late": progress.completed_late,
            }
        )
    # Ids given, not returned: SQLAlchemy splices RETURNING batches back together in time
    # quadratic in the row count (20,000 tasks took minutes). One writer holds the database
    # (app.instance_lock) and this runs in its transaction, so the next ids are free.
    first = (s.scalar(select(func.max(Task.id))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    for task_id, row in zip(ids, rows, strict=True):
        row["id"] = task_id
    # render_nulls: the ORM otherwise leaves out None values, and rows leaving out different
    # columns (an undated task, a group as party) split the executemany into thousands
    s.execute(insert(Task), rows, execution_options=ALL_COLUMNS)
    links = [
        {
            "task_id": task_id,
            "role": role,
            "agency_id": agency_id,
            "group_id": group_id,
            "first_unmet": row["first_unmet"],
            "completed": row["completed"],
            "completed_late": row["completed_late"],
        }
        for task_id, row, t in zip(ids, rows, tasks, strict=True)
        for role, agency_id, group_id in t.parties
    ]
    if links:
        s.execute(insert(Assignment), links, execution_options=ALL_COLUMNS)
    return ids
