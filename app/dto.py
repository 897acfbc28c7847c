"""Plain values the services hand out and take in. Views never hold live ORM objects.

Fields carry the domain's enums and ids, never display text: the Vietnamese labels and the
colours of statuses, roles and kinds are the views' business (views/labels.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from models.deadlines import DeadlineKind
from models.indicator_track import IndicatorTrack, TrackState
from models.missed import Missed
from models.parties import AgencyKind, Role
from models.six_clear import Clarity
from models.status import Status, Suspension


@dataclass(frozen=True)
class AgencyRow:
    id: int
    name: str
    short_name: str
    kind: AgencyKind
    active: bool
    aliases: tuple[str, ...]
    lead_count: int = 0
    overdue_count: int = 0
    # days the longest-overdue of its assignments is overdue (None: nothing overdue)
    overdue_days: int | None = None


@dataclass
class AgencyInput:
    name: str
    short_name: str = ""
    kind: AgencyKind = AgencyKind.PROVINCIAL
    aliases: list[str] = field(default_factory=list)
    active: bool = True
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    member_count: int


@dataclass(frozen=True)
class PartyRef:
    """An agency or a group as it takes part in a task or indicator."""

    name: str
    agency_id: int | None = None
    group_id: int | None = None

    @property
    def is_group(self) -> bool:
        return self.group_id is not None


@dataclass(frozen=True)
class DirectiveRow:
    id: int
    number: str
    kind: str  # a code of models.directive_kinds.DIRECTIVE_KINDS ("KH", "CV"…)
    issuer: str
    issued_on: date | None
    subject: str
    task_count: int
    overdue_count: int


@dataclass
class DirectiveInput:
    number: str
    kind: str = "CV"
    issuer: str = ""
    issued_on: date | None = None
    place: str = ""
    subject: str = ""
    signer: str = ""
    signer_title: str = ""
    signer_authority: str = ""
    parent_id: int | None = None
    citations: list[str] = field(default_factory=list)
    note: str = ""
    original_file: Path | None = None
    id: int | None = None
    # the row version the form showed (DirectiveDetail.version): a save over a newer one is refused
    version: int | None = None


@dataclass(frozen=True)
class CitationInfo:
    number: str
    directive_id: int | None


@dataclass(frozen=True)
class DirectiveDetail:
    id: int
    number: str
    kind: str
    issuer: str
    issued_on: date | None
    place: str
    subject: str
    signer: str
    signer_title: str
    signer_authority: str
    parent_id: int | None
    parent_number: str
    citations: tuple[CitationInfo, ...]
    note: str
    file_name: str
    file_sha256: str | None
    task_count: int
    version: int = 1  # the row version, handed back in DirectiveInput.version
    changed_by: str = ""  # who saved it last


@dataclass(frozen=True)
class TaskRow:
    """One line of the task list."""

    id: int
    directive_id: int
    directive_number: str
    group_code: str
    seq: int
    content: str
    lead: str
    cooperating: str
    deadline_text: str
    next_due: date | None
    status: Status
    missing: tuple[Clarity, ...]
    # days past the first missed due date, as of the list's day; None unless overdue
    overdue_days: int | None = None
    # the row's values of the list's sort key, ending with the id (the keyset of the next page)
    order: tuple[Any, ...] = ()
    # a recurring task overdue on the list's day: what it missed and its next due date
    missed: Missed | None = None


class TaskSortKey(StrEnum):
    """What the task list is sorted by (each done in SQL: app/services/task_query.py)."""

    LIST = "list"  # the plan's order: newest directive first, then the task's place in it
    DIRECTIVE = "directive"  # directive number in Vietnamese order, then place
    CONTENT = "content"
    LEAD = "lead"  # the lead agencies' names, as shown, in Vietnamese order
    DEADLINE = "deadline"  # next due date; none last
    STATUS = "status"  # worst first (models.status.SEVERITY)
    OVERDUE = "overdue"  # days overdue: not overdue first, then fewest days
    CLARITY = "clarity"  # how many of the "06 rõ" criteria are missing


@dataclass(frozen=True)
class TaskSort:
    key: TaskSortKey = TaskSortKey.LIST
    descending: bool = False


@dataclass(frozen=True)
class TaskFilter:
    directive_id: int | None = None
    agency_id: int | None = None
    agency_role: Role | None = None  # None = lead or cooperating
    statuses: tuple[Status, ...] = ()
    due_from: date | None = None
    due_to: date | None = None
    search: str = ""
    # exactly these tasks (a number clicked on the overview or the scoreboard); None = no such limit
    ids: tuple[int, ...] | None = None


@dataclass(frozen=True)
class AssignmentInfo:
    id: int
    role: Role
    party: PartyRef
    status: Status
    first_unmet: date | None
    report_count: int
    from_group: str = ""
    missed: Missed | None = None  # recurring tasks: this party's missed periods and next due date


@dataclass
class TaskInput:
    directive_id: int
    content: str
    lead: list[PartyRef] = field(default_factory=list)
    cooperating: list[PartyRef] = field(default_factory=list)
    deadline_text: str = ""
    product: str = ""
    group_code: str = ""
    group_title: str = ""
    seq: int | None = None
    note: str = ""
    id: int | None = None
    # the row version the form showed (TaskDetail.version): a save over a newer one is refused
    version: int | None = None


@dataclass(frozen=True)
class TaskDetail:
    id: int
    directive_id: int
    directive_number: str
    group_code: str
    group_title: str
    seq: int
    content: str
    product: str
    deadline_text: str
    deadline_kind: DeadlineKind
    next_due: date | None
    note: str
    suspension: Suspension
    status: Status
    missing: tuple[Clarity, ...]
    assignments: tuple[AssignmentInfo, ...]
    missed: Missed | None = None  # recurring tasks: periods missed today, and the next due date
    version: int = 1  # the row version, handed back in TaskInput.version
    changed_by: str = ""  # who saved it last


@dataclass(frozen=True)
class EvidenceInfo:
    id: int
    name: str
    sha256: str
    size: int


@dataclass
class ReportInput:
    assignment_id: int
    received_on: date
    text: str = ""
    percent: int | None = None
    done: bool = False
    occurrence: date | None = None
    doc_number: str = ""
    doc_date: date | None = None
    evidence_files: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class ReportRow:
    id: int
    assignment_id: int
    agency: str
    role: Role
    occurrence: date | None
    received_on: date
    text: str
    percent: int | None
    done: bool
    doc_number: str
    doc_date: date | None
    evidence: tuple[EvidenceInfo, ...]


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    directive_number: str
    group_code: str
    seq: int
    name: str
    unit: str
    baseline: str
    target: str
    lead: str
    cooperating: str
    latest_period: str
    latest_value: float | None
    # on track or not by models.indicator_track's straight-line rule (IndicatorService fills it)
    track: IndicatorTrack = field(default_factory=lambda: IndicatorTrack(TrackState.UNKNOWN))
    target_period: str = ""  # the period code the target is for ("2026"), "" when not known


@dataclass
class IndicatorInput:
    name: str
    unit: str = ""
    baseline: str | float | None = None
    target: str | float | None = None
    group_code: str = ""
    directive_id: int | None = None
    lead: list[PartyRef] = field(default_factory=list)
    cooperating: list[PartyRef] = field(default_factory=list)
    seq: int | None = None
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class DeletionCounts:
    """What deleting one record takes with it, counted before asking the user.

    ``blocking`` counts what makes the service refuse the deletion (an agency still assigned
    tasks or indicators): the window says so instead of asking."""

    tasks: int = 0
    reports: int = 0
    evidence_files: int = 0
    indicators: int = 0
    indicator_values: int = 0
    aliases: int = 0
    blocking: int = 0
