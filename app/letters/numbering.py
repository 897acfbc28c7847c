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

from app.letters.issuers import Issuer
from models.letters import OutgoingLetter
from models.vn_dates import (
    LetterFormat,
    full_number,
    number_line,
    numbering_period,
    numbering_series,
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


def take_number(
    s: Session, issuer: Issuer, fmt: LetterFormat, doc_kind: str, issued_on: date
) -> LetterNumber:
    """The number the letter ``issuer`` signs on ``issued_on`` will carry."""
    period = numbering_period(fmt, issued_on, issuer.term)
    series = numbering_series(fmt, doc_kind)
    number = next_number(s, fmt, period, series)
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
