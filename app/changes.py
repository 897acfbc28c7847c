"""What an operation changed, so each page can decide for itself what to refresh.

Anki's ``OpChanges`` idea: a mutating use case hands back its result together with a
``Changes`` value, one runner broadcasts it, and every view looks only at the flags it cares
about. The value is built from the unit of work itself (see ``app.change_recorder``), so a
service cannot forget to mention a table it touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, TypeVar

T = TypeVar("T", covariant=True)


class Subject(Enum):
    """The kinds of records a page may show."""

    TASKS = "tasks"
    DIRECTIVES = "directives"
    AGENCIES = "agencies"
    REPORTS = "reports"
    INDICATORS = "indicators"
    LETTERS = "letters"
    SETTINGS = "settings"


@dataclass(frozen=True)
class Changes:
    """Which records one operation wrote.

    ``task_ids`` names the tasks whose row in the list may look different (content, parties,
    status, reports); ``all_tasks`` says "too many to name, reload the list" (an import, a
    recompute). The other subjects are flags: their pages are small and reload whole.
    """

    task_ids: frozenset[int] = field(default_factory=frozenset)
    all_tasks: bool = False
    subjects: frozenset[Subject] = field(default_factory=frozenset)

    @staticmethod
    def of(*subjects: Subject, task_ids: Iterable[int] = (), all_tasks: bool = False) -> Changes:
        ids = frozenset(task_ids)
        subs = set(subjects)
        if ids or all_tasks:
            subs.add(Subject.TASKS)
        return Changes(ids, all_tasks, frozenset(subs))

    @property
    def empty(self) -> bool:
        return not self.subjects

    def touches(self, *subjects: Subject) -> bool:
        return any(s in self.subjects for s in subjects)

    @property
    def tasks(self) -> bool:
        return Subject.TASKS in self.subjects

    @property
    def reports(self) -> bool:
        return Subject.REPORTS in self.subjects

    @property
    def directives(self) -> bool:
        return Subject.DIRECTIVES in self.subjects

    @property
    def agencies(self) -> bool:
        return Subject.AGENCIES in self.subjects

    @property
    def indicators(self) -> bool:
        return Subject.INDICATORS in self.subjects

    @property
    def letters(self) -> bool:
        return Subject.LETTERS in self.subjects

    @property
    def settings(self) -> bool:
        return Subject.SETTINGS in self.subjects

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.task_ids | other.task_ids,
            self.all_tasks or other.all_tasks,
            self.subjects | other.subjects,
        )


NO_CHANGES = Changes()


@dataclass(frozen=True)
class OpResult(Generic[T]):
    """A mutating use case's answer: its value and what it changed."""

    value: T
    changes: Changes
