"""What the follow-up services (overview, scoreboard) hand out, and their formulas as shown.

The formulas are here, beside the numbers, so a tooltip, the user guide and the command line
say the same thing (Vietnamese: users read them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from models.official import OfficialClass, on_time_rate, update_rate
from models.parties import Role


class Measure(StrEnum):
    """A number of the scoreboard whose tasks can be listed (``FollowupService.cell_task_ids``)."""

    ASSIGNED = "assigned"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OVERDUE = "overdue"
    IN_PROGRESS = "in_progress"
    CONTINUOUS = "continuous"
    NO_DEADLINE = "no_deadline"
    PAUSED = "paused"
    CANCELLED = "cancelled"
    DONE = "done"  # the on-time rate's denominator
    PERIODIC = "periodic"  # the update rate's: active recurring tasks
    LONGEST_OVERDUE = "longest_overdue"


MEASURE_CLASS: dict[Measure, OfficialClass] = {
    Measure.DONE_ON_TIME: OfficialClass.DONE_ON_TIME,
    Measure.DONE_LATE: OfficialClass.DONE_LATE,
    Measure.OVERDUE: OfficialClass.OVERDUE,
    Measure.IN_PROGRESS: OfficialClass.IN_PROGRESS,
    Measure.CONTINUOUS: OfficialClass.CONTINUOUS,
    Measure.NO_DEADLINE: OfficialClass.NO_DEADLINE,
    Measure.PAUSED: OfficialClass.PAUSED,
    Measure.CANCELLED: OfficialClass.CANCELLED,
}

ON_TIME_RATE_FORMULA = (
    "Tỷ lệ hoàn thành đúng hạn = số nhiệm vụ hoàn thành đúng hạn ÷ số nhiệm vụ đã hoàn thành "
    "(đúng hạn + quá hạn), tính đến ngày xem. Chưa có nhiệm vụ nào hoàn thành thì không có tỷ lệ (để trống)."
)
UPDATE_RATE_FORMULA = (
    "Tỷ lệ cập nhật đúng hạn = số kỳ báo cáo định kỳ đã nhận đúng hạn ÷ số kỳ báo cáo phải nộp "
    "đến ngày xem (các kỳ có hạn trước ngày xem, của nhiệm vụ định kỳ đang thực hiện). "
    "Một kỳ tính là nhận đúng hạn khi có báo cáo hoàn thành kỳ đó nhận được không muộn hơn hạn của kỳ; "
    "với cơ quan phối hợp, báo cáo của cơ quan chủ trì cũng được tính. Chưa có kỳ nào đến hạn thì để trống."
)
LONGEST_OVERDUE_FORMULA = "Quá hạn lâu nhất = số ngày từ hạn chưa đáp ứng sớm nhất đến ngày xem."
OVERDUE_RULE = (
    "Quá hạn tại ngày D: có một kỳ (một mốc) hạn trước ngày D mà chưa có báo cáo hoàn thành "
    "nhận được đến hết ngày D. Nhiệm vụ thường xuyên không bao giờ quá hạn."
)


@dataclass(frozen=True)
class ClassCounts:
    """Counts per official class, every class present (zeros included) so columns stay fixed."""

    counts: dict[OfficialClass, int] = field(default_factory=lambda: dict.fromkeys(OfficialClass, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class DirectiveCounts:
    directive_id: int
    number: str
    counts: ClassCounts


@dataclass(frozen=True)
class Overview:
    """The first page's numbers as of a day: tasks by official class, in total and per directive."""

    as_of: date
    totals: ClassCounts
    directives: tuple[DirectiveCounts, ...]


@dataclass(frozen=True)
class DueItem:
    """A task in the overdue list or the due-soon list; ``days`` overdue (or left) as of the day."""

    task_id: int
    directive_number: str
    content: str
    lead: str
    deadline_text: str
    due: date
    days: int


@dataclass(frozen=True)
class RoleScore:
    """One party's figures in one role (lead or cooperating) as of a day; formulas above."""

    assigned: int = 0
    counts: dict[OfficialClass, int] = field(default_factory=lambda: dict.fromkeys(OfficialClass, 0))
    longest_overdue_days: int | None = None
    periodic_expected: int = 0
    periodic_on_time: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return on_time_rate(self.counts[OfficialClass.DONE_ON_TIME], self.counts[OfficialClass.DONE_LATE])

    @property
    def update_rate(self) -> float | None:
        return update_rate(self.periodic_on_time, self.periodic_expected)


@dataclass(frozen=True)
class ScoreLine:
    """An agency, or a group named on tasks as such (a row of its own), with both roles."""

    name: str
    agency_id: int | None
    group_id: int | None
    lead: RoleScore
    cooperating: RoleScore

    def role(self, role: Role) -> RoleScore:
        return self.lead if role is Role.LEAD else self.cooperating
