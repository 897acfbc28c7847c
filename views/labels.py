"""Vietnamese labels and formatting shared by every page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from models.deadline_text import KIND_LABELS as DEADLINE_KIND_LABELS
from models.deadlines import DeadlineKind
from models.directive_kinds import DIRECTIVE_KINDS
from models.parties import AgencyKind, Role
from models.six_clear import Clarity
from models.status import Status

APP_TITLE = "Ban Chỉ đạo – Thư ký"
DATE_FORMAT = "dd/MM/yyyy"

# Every member of each enum has its label here; tests/unit/test_view_labels.py keeps it so.
STATUS_LABELS: dict[Status, str] = {
    Status.NOT_DUE: "chưa đến hạn",
    Status.DUE_SOON: "sắp đến hạn",
    Status.OVERDUE: "quá hạn",
    Status.DONE_ON_TIME: "hoàn thành đúng hạn",
    Status.DONE_LATE: "hoàn thành quá hạn",
    Status.CONTINUOUS: "thường xuyên",
    Status.PAUSED: "tạm dừng",
    Status.CANCELLED: "hủy",
    Status.NO_DEADLINE: "chưa rõ thời hạn",
}

ROLE_LABELS: dict[Role, str] = {Role.LEAD: "Chủ trì", Role.COOPERATING: "Phối hợp"}

AGENCY_KIND_LABELS: dict[AgencyKind, str] = {
    AgencyKind.PROVINCIAL: "Sở, ban, ngành cấp tỉnh",
    AgencyKind.PARTY: "Cơ quan Đảng",
    AgencyKind.COMMUNE: "UBND xã, phường",
    AgencyKind.ENTERPRISE: "Doanh nghiệp",
    AgencyKind.OTHER: "Khác",
}

CLARITY_LABELS: dict[Clarity, str] = {
    Clarity.NGUOI: "rõ người",
    Clarity.VIEC: "rõ việc",
    Clarity.THOI_GIAN: "rõ thời gian",
    Clarity.TRACH_NHIEM: "rõ trách nhiệm",
    Clarity.SAN_PHAM: "rõ sản phẩm",
    Clarity.THAM_QUYEN: "rõ thẩm quyền",
}

STATUS_ORDER: tuple[Status, ...] = (
    Status.OVERDUE,
    Status.DUE_SOON,
    Status.NOT_DUE,
    Status.DONE_ON_TIME,
    Status.DONE_LATE,
    Status.CONTINUOUS,
    Status.NO_DEADLINE,
    Status.PAUSED,
    Status.CANCELLED,
)


def status_label(status: Status) -> str:
    """``quá hạn``…, lower case as in a sentence; ``capitalize`` it for a cell."""
    return STATUS_LABELS[status]


def role_label(role: Role) -> str:
    return ROLE_LABELS[role]


def agency_kind_label(kind: AgencyKind) -> str:
    return AGENCY_KIND_LABELS[kind]


def directive_kind_label(code: str) -> str:
    """``Kế hoạch`` for ``KH``; a code outside the catalogue is shown as it is."""
    return DIRECTIVE_KINDS.get(code, code)


def deadline_kind_label(kind: DeadlineKind) -> str:
    """``một lần``, ``định kỳ``… (models.deadline_text writes the same words into the deadline line)."""
    return DEADLINE_KIND_LABELS[kind]


def missing_text(missing: tuple[Clarity, ...]) -> str:
    """``Thiếu: rõ người, rõ sản phẩm``; empty when the task is fully clear."""
    return "Thiếu: " + ", ".join(CLARITY_LABELS[c] for c in missing) if missing else ""


def fmt_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value is not None else ""


def fmt_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB".replace(".", ",")
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def fmt_number(value: float) -> str:
    """Vietnamese style: decimal comma, no trailing zeros."""
    return f"{value:g}".replace(".", ",")


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]
