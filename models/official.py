"""The official classes a follow-up report counts in, and the two rates provinces publish.

`Status` (models.status) is finer: "not due" and "due soon" are both *in progress within the
deadline* for a report upward. Undated tasks get a class of their own rather than being
counted as "in progress within the deadline", which they cannot be said to be.
"""

from __future__ import annotations

from enum import StrEnum

from models.status import Status


class OfficialClass(StrEnum):
    DONE_ON_TIME = "hoàn thành đúng hạn"
    DONE_LATE = "hoàn thành quá hạn"
    IN_PROGRESS = "đang thực hiện trong hạn"
    OVERDUE = "quá hạn"
    CONTINUOUS = "thường xuyên"
    NO_DEADLINE = "chưa rõ thời hạn"
    PAUSED = "tạm dừng"
    CANCELLED = "hủy"


_OF_STATUS = {
    Status.DONE_ON_TIME: OfficialClass.DONE_ON_TIME,
    Status.DONE_LATE: OfficialClass.DONE_LATE,
    Status.NOT_DUE: OfficialClass.IN_PROGRESS,
    Status.DUE_SOON: OfficialClass.IN_PROGRESS,
    Status.OVERDUE: OfficialClass.OVERDUE,
    Status.CONTINUOUS: OfficialClass.CONTINUOUS,
    Status.NO_DEADLINE: OfficialClass.NO_DEADLINE,
    Status.PAUSED: OfficialClass.PAUSED,
    Status.CANCELLED: OfficialClass.CANCELLED,
}


def official_class(status: Status) -> OfficialClass:
    return _OF_STATUS[status]


def on_time_rate(done_on_time: int, done_late: int) -> float | None:
    """Done on time ÷ done (on time + late); None when nothing is done: no rate, not 0 %."""
    done = done_on_time + done_late
    return None if done == 0 else done_on_time / done


def update_rate(received_on_time: int, expected: int) -> float | None:
    """Periodic reports received on time ÷ those expected so far; None when none was expected yet."""
    return None if expected == 0 else received_on_time / expected
