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


def _lacks(facts: TaskFacts, clarity: Clarity) -> bool:
    if clarity is Clarity.NGUOI:
        return facts.lead_count < 1
    if clarity is Clarity.VIEC:
        return not facts.content.strip()
    if clarity is Clarity.THOI_GIAN:
        return facts.deadline_kind is DeadlineKind.UNKNOWN
    if clarity is Clarity.TRACH_NHIEM:
        # "Các sở, ban, ngành" or two co-leads cannot be held to account as one body.
        return facts.lead_count != 1 or facts.lead_is_group
    if clarity is Clarity.SAN_PHAM:
        return not facts.product.strip()
    return not facts.directive_number.strip()


def missing(facts: TaskFacts) -> list[Clarity]:
    """The unmet criteria, in the order the plans list them."""
    return [clarity for clarity in Clarity if _lacks(facts, clarity)]


def describe(missing: list[Clarity]) -> str:
    """A short note for the task list; empty when the task is fully clear."""
    if not missing:
        return ""
    return "Thiếu: " + ", ".join(clarity.value for clarity in missing)
