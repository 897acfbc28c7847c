"""The register of outgoing letters: recording a letter and what it concerns, and reading it back.

A letter concerns tasks and agencies (``letter_subject``): a reminder names the agency and
each overdue task it lists, so a task can say "đã đôn đốc lần 2" and a later reminder can
cite the earlier ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import UserError
from app.letters.numbering import LetterNumber
from models.letters import LetterKind, LetterSubject, OutgoingLetter
from models.vn_dates import LetterFormat, short_date

# (task_id, agency_id): what a letter concerns; either may be None
Subjects = Sequence[tuple[int | None, int | None]]


@dataclass(frozen=True)
class LetterResult:
    """A letter just issued: registered under its number and written to ``path``."""

    letter_id: int
    kind: LetterKind
    format: LetterFormat
    number: str  # "05/BCĐ-SKHCN" or "15-CV/BCĐ"
    number_line: str  # "Số: 05/BCĐ-SKHCN"
    issued_on: date
    subject: str
    path: Path
    task_count: int


@dataclass(frozen=True)
class LetterRow:
    """One line of the register as the register dialog lists it."""

    id: int
    kind: LetterKind
    format: LetterFormat
    number: str
    issued_on: date
    subject: str
    file_name: str


def record(
    s: Session,
    kind: LetterKind,
    number: LetterNumber,
    issued_on: date,
    subject: str,
    out: Path,
    subjects: Subjects,
) -> OutgoingLetter:
    """Add the letter and its subjects under ``number``; a number taken meanwhile is refused."""
    letter = OutgoingLetter(
        kind=kind.value,
        format=number.format.value,
        doc_kind=number.doc_kind,
        number=number.number,
        symbol=number.symbol,
        full_number=number.text,
        period=number.period,
        series=number.series,
        issued_on=issued_on,
        subject=subject,
        file_name=str(out),
    )
    letter.subjects = [LetterSubject(task_id=t, agency_id=a) for t, a in subjects]
    s.add(letter)
    try:
        s.flush()
    except IntegrityError:
        raise UserError(
            "Số văn bản vừa được cấp cho một văn bản khác (máy khác đang dùng sổ); hãy thử lại."
        ) from None
    return letter


def reminders_for_task(s: Session, task_id: int) -> list[tuple[str, date]]:
    """Reminders that listed this task, oldest first: the n-th one is "đôn đốc lần n"."""
    rows = s.execute(
        select(OutgoingLetter.full_number, OutgoingLetter.issued_on)
        .join(LetterSubject, LetterSubject.letter_id == OutgoingLetter.id)
        .where(LetterSubject.task_id == task_id, OutgoingLetter.kind == LetterKind.REMIND.value)
        # once per letter (GROUP BY, not DISTINCT: PostgreSQL orders a DISTINCT only by what it selects)
        .group_by(OutgoingLetter.id, OutgoingLetter.full_number, OutgoingLetter.issued_on)
        .order_by(OutgoingLetter.issued_on, OutgoingLetter.id)
    ).all()
    return [(number, issued) for number, issued in rows]


def reminder_note(found: Sequence[tuple[str, date]]) -> str:
    """``đã đôn đốc lần 2, ngày 24/11/2026 (Công văn số …)`` — or "" if never reminded."""
    if not found:
        return ""
    number, issued = found[-1]
    return f"đã đôn đốc lần {len(found)}, ngày {short_date(issued)} (Công văn số {number})"


def previous_reminders(s: Session, agency_id: int, as_of: date) -> tuple[tuple[str, date], ...]:
    """Reminders to this agency dated on or before ``as_of``: a letter cites no later one."""
    rows = s.execute(
        select(OutgoingLetter.full_number, OutgoingLetter.issued_on)
        .join(LetterSubject, LetterSubject.letter_id == OutgoingLetter.id)
        .where(
            LetterSubject.agency_id == agency_id,
            OutgoingLetter.kind == LetterKind.REMIND.value,
            OutgoingLetter.issued_on <= as_of,
        )
        # once per letter (GROUP BY, not DISTINCT: PostgreSQL orders a DISTINCT only by what it selects)
        .group_by(OutgoingLetter.id, OutgoingLetter.full_number, OutgoingLetter.issued_on)
        .order_by(OutgoingLetter.issued_on, OutgoingLetter.id)
    ).all()
    return tuple((n, d) for n, d in rows)


def list_letters(s: Session, limit: int = 500) -> list[LetterRow]:
    """The newest letters first."""
    stmt = select(OutgoingLetter).order_by(OutgoingLetter.issued_on.desc(), OutgoingLetter.id.desc())
    return [
        LetterRow(
            x.id,
            LetterKind(x.kind),
            LetterFormat(x.format),
            x.full_number,
            x.issued_on,
            x.subject,
            x.file_name,
        )
        for x in s.scalars(stmt.limit(limit))
    ]
