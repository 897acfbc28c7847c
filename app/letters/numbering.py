"""Taking the next number of a sequence of the register (sổ văn bản đi).

A sequence is ``(format, period, series)``: the state format numbers every kind in one
sequence per calendar year; the Party format numbers each kind (CV, BC…) on its own for the
whole term of the cấp ủy. The number is read and used inside the transaction that records
the letter (``register.record``); the register's unique constraint turns a race between two
writers into an error instead of a duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.letters.issuers import Issuer
from models.letters import OutgoingLetter
from models.vn_dates import (
    LetterFormat,
    full_number,
    number_line,
    numbering_period,
    numbering_series,
    short_date,
    symbol_for,
)


@dataclass(frozen=True)
class LetterNumber:
    """A number taken for one letter, with every form it is printed and filed in."""

    format: LetterFormat
    doc_kind: str
    period: str
    series: str
    number: int
    symbol: str
    text: str  # "05/BCĐ-SKHCN" or "15-CV/BCĐ"
    line: str  # "Số: 05/BCĐ-SKHCN" or "Số 15-CV/BCĐ"


def next_number(s: Session, fmt: LetterFormat, period: str, series: str) -> int:
    """One more than the last number of the sequence; 1 for a sequence not yet used."""
    last = s.scalar(
        select(func.max(OutgoingLetter.number)).where(
            OutgoingLetter.format == fmt.value,
            OutgoingLetter.period == period,
            OutgoingLetter.series == series,
        )
    )
    return (last or 0) + 1


def refuse_back_dated(s: Session, fmt: LetterFormat, period: str, series: str, issued_on: date) -> None:
    """The register numbers letters in the order of their dates: a new number dated before the
    last one issued would read as issued out of order (number 28 of 01/07 after 27 of 26/11)."""
    last = s.execute(
        select(OutgoingLetter.full_number, OutgoingLetter.issued_on)
        .where(
            OutgoingLetter.format == fmt.value,
            OutgoingLetter.period == period,
            OutgoingLetter.series == series,
        )
        .order_by(OutgoingLetter.number.desc())
        .limit(1)
    ).first()
    if last is not None and issued_on < last.issued_on:
        raise UserError(
            f"Sổ văn bản đi đã cấp số {last.full_number} ngày {short_date(last.issued_on)}; "
            f"không cấp số mới cho văn bản đề ngày {short_date(issued_on)} (trước ngày đó). "
            "Hãy lập văn bản với ngày từ "
            f"{short_date(last.issued_on)} trở đi, hoặc in lại văn bản cũ dưới số của nó."
        )


def take_number(
    s: Session, issuer: Issuer, fmt: LetterFormat, doc_kind: str, issued_on: date
) -> LetterNumber:
    """The number the letter ``issuer`` signs on ``issued_on`` will carry."""
    period = numbering_period(fmt, issued_on, issuer.term)
    series = numbering_series(fmt, doc_kind)
    number = next_number(s, fmt, period, series)
    refuse_back_dated(s, fmt, period, series, issued_on)
    symbol = symbol_for(fmt, doc_kind, issuer.symbol, issuer.unit)
    return LetterNumber(
        format=fmt,
        doc_kind=doc_kind,
        period=period,
        series=series,
        number=number,
        symbol=symbol,
        text=full_number(fmt, number, symbol),
        line=number_line(fmt, number, symbol),
    )
