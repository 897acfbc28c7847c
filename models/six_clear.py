"""The "06 rõ" rule: a task is assignable only when who, what, when, responsibility,
product and authority are all clear. Checked on import so gaps are fixed at the source."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.deadlines import DeadlineKind


@dataclass(frozen=True)
class TaskFacts:
    content: str
    lead_count: int
    lead_is_group: bool
    deadline_kind: DeadlineKind
    product: str
    directive_number: str


class Clarity(StrEnum):
    NGUOI = "rõ người"
    VIEC = "rõ việc"
    THOI_GIAN = "rõ thời gian"
    TRACH_NHIEM = "rõ trách nhiệm"
    SAN_PHAM = "rõ sản phẩm"
    THAM_QUYEN = "rõ thẩm quyền"


def missing(facts: TaskFacts) -> list[Clarity]:
    """The unmet criteria, in the order the plans list them.

    Written out test by test (not a loop over the enum): the task list runs it for every row
    it reads, 100,000 times when scrolled to the end."""
    out = []
    if facts.lead_count < 1:
        out.append(Clarity.NGUOI)
    if not facts.content.strip():
        out.append(Clarity.VIEC)
    if facts.deadline_kind is DeadlineKind.UNKNOWN:
        out.append(Clarity.THOI_GIAN)
    # "Các sở, ban, ngành" or two co-leads cannot be held to account as one body.
    if facts.lead_count != 1 or facts.lead_is_group:
        out.append(Clarity.TRACH_NHIEM)
    if not facts.product.strip():
        out.append(Clarity.SAN_PHAM)
    if not facts.directive_number.strip():
        out.append(Clarity.THAM_QUYEN)
    return out


def describe(missing: list[Clarity]) -> str:
    """A short note for the task list; empty when the task is fully clear."""
    if not missing:
        return ""
    return "Thiếu: " + ", ".join(clarity.value for clarity in missing)
