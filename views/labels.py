"""Vietnamese labels and formatting shared by every page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from models.status import Status

APP_TITLE = "Ban Chỉ đạo – Thư ký"
DATE_FORMAT = "dd/MM/yyyy"

ROLE_LABELS: dict[str, str] = {"lead": "Chủ trì", "coop": "Phối hợp"}

# Mirrors models.entities.AgencyKind / AGENCY_KIND_LABELS (views may not import entities).
AGENCY_KINDS: dict[str, str] = {
    "provincial": "Sở, ban, ngành cấp tỉnh",
    "party": "Cơ quan Đảng",
    "commune": "UBND xã, phường",
    "enterprise": "Doanh nghiệp",
    "other": "Khác",
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
