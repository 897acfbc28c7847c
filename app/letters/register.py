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
from app.letters.content import Earlier
from app.letters.issuers import load_issuer
from app.letters.numbering import LetterNumber
from app.letters.pending import Pending
from models.letters import LetterKind, LetterSubject, OutgoingLetter
from models.vn_dates import LetterFormat, number_line, short_date

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
    # set between the commit and the rename of the printed file (``issue.publish``)
    pending: Pending | None = None


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
    recipient: str = ""


def record(
    s: Session,
    kind: LetterKind,
    number: LetterNumber,
    issued_on: date,
    subject: str,
    out: Path,
    subjects: Subjects,
    recipient: str = "",
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
        recipient=recipient[:300],
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


def tasks_of(s: Session, letter_id: int) -> set[int]:
    """The tasks a letter lists."""
    found = s.scalars(
        select(LetterSubject.task_id).where(
            LetterSubject.letter_id == letter_id, LetterSubject.task_id.is_not(None)
        )
    )
    return {t for t in found if t is not None}


def letter_at(s: Session, path: Path) -> OutgoingLetter | None:
    """The newest registered letter printed to ``path`` (absolute), if any."""
    return s.scalars(
        select(OutgoingLetter)
        .where(OutgoingLetter.file_name.in_({str(path), str(path.resolve())}))
        .order_by(OutgoingLetter.id.desc())
        .limit(1)
    ).first()


def number_of(letter: OutgoingLetter) -> LetterNumber:
    """The number a registered letter carries, in every printed form."""
    fmt = LetterFormat(letter.format)
    return LetterNumber(
        format=fmt,
        doc_kind=letter.doc_kind,
        period=letter.period,
        series=letter.series,
        number=letter.number,
        symbol=letter.symbol,
        text=letter.full_number,
        line=number_line(fmt, letter.number, letter.symbol),
    )


def rerecord(
    s: Session, letter: OutgoingLetter, subject: str, subjects: Subjects, recipient: str = ""
) -> OutgoingLetter:
    """A letter printed again under its own number: what it concerns is what it lists now."""
    letter.subject = subject
    letter.recipient = recipient[:300]
    letter.subjects = [LetterSubject(task_id=t, agency_id=a) for t, a in subjects]
    s.flush()
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


def previous_reminders(
    s: Session, agency_id: int | None, task_ids: Sequence[int], as_of: date, group_name: str = ""
) -> tuple[Earlier, ...]:
    """Reminders sent before ``as_of`` to this agency (None: a group, whose letters name no
    agency) about any of ``task_ids``, oldest first, with the body that issued each.

    Only earlier days count: a letter of the other format on the same day, or the same letter
    printed again, is not an earlier reminder."""
    if not task_ids:
        return ()
    who = (
        LetterSubject.agency_id == agency_id
        if agency_id is not None
        else (LetterSubject.agency_id.is_(None) & (OutgoingLetter.recipient == group_name))
    )
    rows = s.execute(
        select(OutgoingLetter.id, OutgoingLetter.full_number, OutgoingLetter.issued_on, OutgoingLetter.format)
        .join(LetterSubject, LetterSubject.letter_id == OutgoingLetter.id)
        .where(
            who,
            LetterSubject.task_id.in_(list(task_ids)),
            OutgoingLetter.kind == LetterKind.REMIND.value,
            OutgoingLetter.issued_on < as_of,
        )
        # once per letter (GROUP BY, not DISTINCT: PostgreSQL orders a DISTINCT only by what it selects)
        .group_by(OutgoingLetter.id, OutgoingLetter.full_number, OutgoingLetter.issued_on)
        .order_by(OutgoingLetter.issued_on, OutgoingLetter.id)
    ).all()
    names = {fmt: load_issuer(s, fmt).short_name for fmt in LetterFormat}
    return tuple(Earlier(n, d, names[LetterFormat(f)]) for _, n, d, f in rows)


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
            x.recipient,
        )
        for x in s.scalars(stmt.limit(limit))
    ]
