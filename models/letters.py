"""The register of outgoing letters (sổ văn bản đi) and what each letter concerns.

A letter's number is taken from its sequence — ``(format, period, series)`` — in the same
transaction that records it, and the unique constraint makes two writers that raced for
the same number fail instead of printing duplicates.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.entities import Base


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class LetterKind(StrEnum):
    """What the letter does; stored as text so the register stays readable in any SQLite tool."""

    REMIND = "remind"
    ASSIGN = "assign"
    REPORT = "report"
    RESPONSE = "response"  # the report on one directive (báo cáo kết quả thực hiện văn bản)


LETTER_KIND_LABELS = {
    LetterKind.REMIND: "Đôn đốc",
    LetterKind.ASSIGN: "Triển khai nhiệm vụ",
    LetterKind.REPORT: "Báo cáo",
    LetterKind.RESPONSE: "Báo cáo thực hiện văn bản",
}


class OutgoingLetter(Base):
    __tablename__ = "outgoing_letter"
    __table_args__ = (
        UniqueConstraint("format", "period", "series", "number"),
        Index("ix_outgoing_letter_issued_on", "issued_on"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    format: Mapped[str] = mapped_column(String(10))
    doc_kind: Mapped[str] = mapped_column(String(10))
    number: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(100))
    full_number: Mapped[str] = mapped_column(String(120))
    # calendar year (state) or cấp ủy term (Party)
    period: Mapped[str] = mapped_column(String(20))
    # "" for state (one sequence for all kinds), the kind abbreviation for Party
    series: Mapped[str] = mapped_column(String(10), default="")
    issued_on: Mapped[date] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(String(500), default="")
    # whom it was sent to, as "Kính gửi" names it; "" for several recipients or an upward report
    recipient: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    subjects: Mapped[list[LetterSubject]] = relationship(
        back_populates="letter", cascade="all, delete-orphan", order_by="LetterSubject.id"
    )


class LetterSubject(Base):
    """A task and/or an agency a letter concerns, so a task can say "đã đôn đốc lần 2"."""

    __tablename__ = "letter_subject"
    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("outgoing_letter.id", ondelete="CASCADE"), index=True)
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("task.id", ondelete="SET NULL"), nullable=True, index=True
    )
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agency.id", ondelete="SET NULL"), nullable=True, index=True
    )
    letter: Mapped[OutgoingLetter] = relationship(back_populates="subjects")
