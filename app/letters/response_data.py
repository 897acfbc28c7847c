"""What the report on one directive lists: plain dataclasses the dialog, the drafts and the printer share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.letters.content import TaskLine
from models.parties import Role
from models.status import Status
from models.vn_dates import short_date

STATUS_WORDS: dict[Status, str] = {
    Status.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Status.DONE_LATE: "Hoàn thành quá hạn",
    Status.OVERDUE: "Quá hạn, chưa hoàn thành",
    Status.DUE_SOON: "Đang thực hiện (sắp đến hạn)",
    Status.NOT_DUE: "Đang thực hiện (trong hạn)",
    Status.CONTINUOUS: "Thường xuyên, đang thực hiện",
    Status.NO_DEADLINE: "Đang thực hiện (chưa xác định thời hạn)",
    Status.PAUSED: "Tạm dừng",
    Status.CANCELLED: "Đã hủy",
}


@dataclass(frozen=True)
class Reported:
    """One progress report an agency sent for a task, as the report on the directive cites it."""

    agency: str
    role: Role
    received_on: date
    text: str
    percent: int | None
    done: bool
    doc_number: str
    doc_date: date | None
    evidence: tuple[str, ...]

    def source(self) -> str:
        """``Văn bản số 12/BC-SNV ngày 05/5/2026`` or ``báo cáo nhận ngày 05/5/2026``."""
        if self.doc_number:
            when = f" ngày {short_date(self.doc_date)}" if self.doc_date else ""
            return f"Văn bản số {self.doc_number}{when}"
        return f"báo cáo nhận ngày {short_date(self.received_on)}"


@dataclass(frozen=True)
class TaskResult:
    line: TaskLine
    status: Status
    reports: tuple[Reported, ...]  # by the report's day, lead first, oldest first

    @property
    def lead_reports(self) -> tuple[Reported, ...]:
        return tuple(r for r in self.reports if r.role is Role.LEAD)

    @property
    def reason(self) -> str:
        """What the lead said last about a task not done: the reason the report gives for delay."""
        for r in reversed(self.lead_reports):
            if not r.done and r.text.strip():
                return r.text.strip()
        return ""


@dataclass(frozen=True)
class ResponseContent:
    directive_id: int
    directive_number: str
    directive_ref: str  # "Công văn số 420-CV/TU, ngày 17/4/2026"
    directive_subject: str  # after "về"
    addressee: str  # "Ban Thường vụ Tỉnh ủy"
    cited_issuer: str  # "Ban Thường vụ Tỉnh ủy" — who issued it, as the text names them
    self_issued: bool  # the secretariat's own plan: the report goes upward instead
    party_format: bool
    as_of: date
    tasks: tuple[TaskResult, ...]

    def count(self, *statuses: Status) -> int:
        return sum(1 for t in self.tasks if t.status in statuses)
