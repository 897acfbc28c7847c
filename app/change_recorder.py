"""Build an operation's ``Changes`` from the unit of work, so no service can forget a table.

``Database.transaction()`` puts a ``ChangeRecorder`` in the session; SQLAlchemy's flush
events hand it every object written, and ORM bulk statements (the importer's inserts) are
seen through ``do_orm_execute``. ``changes_of(session)`` gives the result after the ``with``
block. Plain ``text()`` SQL is not seen: it is used only for the derived search index.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from app.changes import NO_CHANGES, Changes, Subject
from models.entities import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyGroupMember,
    Assignment,
    Citation,
    Directive,
    Evidence,
    Indicator,
    IndicatorAgency,
    IndicatorValue,
    Report,
    Setting,
    Task,
)
from models.letters import LetterSubject, OutgoingLetter

KEY = "change_recorder"

# Settings whose value changes every task's status (and so every row of the list).
_STATUS_SETTINGS = {"soon_days"}

_SUBJECT_OF: dict[type, Subject] = {
    Task: Subject.TASKS,
    Assignment: Subject.TASKS,
    Report: Subject.REPORTS,
    Evidence: Subject.REPORTS,
    Directive: Subject.DIRECTIVES,
    Citation: Subject.DIRECTIVES,
    Agency: Subject.AGENCIES,
    AgencyAlias: Subject.AGENCIES,
    AgencyGroup: Subject.AGENCIES,
    AgencyGroupMember: Subject.AGENCIES,
    Indicator: Subject.INDICATORS,
    IndicatorAgency: Subject.INDICATORS,
    IndicatorValue: Subject.INDICATORS,
    OutgoingLetter: Subject.LETTERS,
    LetterSubject: Subject.LETTERS,
    Setting: Subject.SETTINGS,
}

# Deleting one of these cascades in the database to rows the session never saw.
_CASCADES_TO_TASKS = (Directive, Agency, AgencyGroup)


class ChangeRecorder:
    def __init__(self) -> None:
        self.subjects: set[Subject] = set()
        self.task_ids: set[int] = set()
        self.all_tasks = False
        self._report_ids: set[int] = set()
        self._assignment_ids: set[int] = set()
        self._resolved: Changes | None = None

    def saw(self, obj: Any, deleted: bool) -> None:
        subject = _SUBJECT_OF.get(type(obj))
        if subject is None:
            return
        self.subjects.add(subject)
        self._resolved = None
        if isinstance(obj, Task):
            self.task_ids.add(obj.id)
        elif isinstance(obj, Assignment | LetterSubject):
            if obj.task_id is not None:
                self.task_ids.add(obj.task_id)
        elif isinstance(obj, Report):
            self._assignment_ids.add(obj.assignment_id)
        elif isinstance(obj, Evidence):
            self._report_ids.add(obj.report_id)
        elif isinstance(obj, Setting) and obj.key in _STATUS_SETTINGS:
            self.all_tasks = True
        if deleted and isinstance(obj, _CASCADES_TO_TASKS):
            self.all_tasks = True

    def saw_bulk(self, cls: type) -> None:
        subject = _SUBJECT_OF.get(cls)
        if subject is None:
            return
        self.subjects.add(subject)
        self._resolved = None
        if subject is Subject.TASKS:
            self.all_tasks = True

    def saw_cascade(self, cls: type) -> None:
        """Rows of ``cls`` the database deletes by cascade, unseen by the session (a directive's
        indicators, an agency's reports): their page must refresh all the same. Which tasks
        changed is said by the deleted parent (see ``_CASCADES_TO_TASKS``)."""
        subject = _SUBJECT_OF.get(cls)
        if subject is not None:
            self.subjects.add(subject)
            self._resolved = None

    def resolve(self, session: Session) -> None:
        """Name the tasks behind reports and evidence, while the transaction is still open."""
        ids = set(self.task_ids)
        if self._report_ids:
            rows = session.execute(
                select(Report.assignment_id).where(Report.id.in_(self._report_ids))
            ).scalars()
            self._assignment_ids.update(rows)
        if self._assignment_ids:
            ids.update(
                session.execute(
                    select(Assignment.task_id).where(Assignment.id.in_(self._assignment_ids))
                ).scalars()
            )
        subjects = set(self.subjects)
        if ids or self.all_tasks:
            subjects.add(Subject.TASKS)
        self._resolved = Changes(frozenset(ids), self.all_tasks, frozenset(subjects))

    def result(self) -> Changes:
        if self._resolved is None:
            raise RuntimeError("changes read before the transaction committed")
        return self._resolved


def _after_flush(session: Session, _ctx: Any) -> None:
    rec = session.info.get(KEY)
    if rec is None:
        return
    for obj in session.new:
        rec.saw(obj, deleted=False)
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            rec.saw(obj, deleted=False)
    for obj in session.deleted:
        rec.saw(obj, deleted=True)


def _before_commit(session: Session) -> None:
    rec = session.info.get(KEY)
    if rec is not None:
        session.flush()
        rec.resolve(session)


def _on_execute(state: ORMExecuteState) -> None:
    rec = state.session.info.get(KEY)
    if rec is None or not (state.is_insert or state.is_update or state.is_delete):
        return
    mapper = state.bind_mapper
    if mapper is not None:
        rec.saw_bulk(mapper.class_)


def install(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "do_orm_execute", _on_execute)


def start(session: Session) -> None:
    session.info[KEY] = ChangeRecorder()


def changes_of(session: Session) -> Changes:
    """What the committed transaction of ``session`` changed."""
    rec = session.info.get(KEY)
    return rec.result() if rec is not None else NO_CHANGES
