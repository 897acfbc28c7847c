"""What the agency view («Hồ sơ cơ quan») shows: one agency's tasks, reports, letters and its
scoreboard line over time (app.services.agency_profile)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.letters import LetterKind
from models.official import OfficialClass
from models.parties import Role


@dataclass(frozen=True)
class ProfileTask:
    """One assignment of the agency: ``overdue_days`` only when overdue on the day viewed."""

    task_id: int
    directive_number: str
    content: str
    deadline_text: str
    role: Role
    klass: OfficialClass
    overdue_days: int | None


@dataclass(frozen=True)
class ProfileReport:
    report_id: int
    task_id: int
    directive_number: str
    task_content: str
    received_on: date
    doc_number: str
    doc_date: date | None
    done: bool
    percent: int | None
    text: str
    evidence: tuple[str, ...]  # original file names


@dataclass(frozen=True)
class ProfileLetter:
    letter_id: int
    kind: LetterKind
    number: str
    issued_on: date
    subject: str
    task_count: int  # how many of the agency's tasks the letter names


@dataclass(frozen=True)
class AgencyProfile:
    agency_id: int
    name: str
    as_of: date
    tasks: tuple[ProfileTask, ...]
    reports: tuple[ProfileReport, ...]
    letters: tuple[ProfileLetter, ...]


@dataclass(frozen=True)
class TimelinePoint:
    """The agency's scoreboard line (lead role, as the scoreboard's main columns) at a month end,
    with its overdue cooperating assignments; rates None when their denominator is 0."""

    as_of: date
    assigned: int
    done_on_time: int
    done_late: int
    overdue: int
    cooperating_overdue: int
    on_time_rate: float | None
    update_rate: float | None
