"""Find the deadline phrase inside an instruction's sentence.

``models.deadlines.parse_deadline`` reads a phrase ("Hoàn thành trong tháng 5/2026"); a letter
buries that phrase in a sentence full of other dates (the dates of the documents it cites).
This module only *finds* the phrase — by the words that make a date a deadline ("trước",
"trong", "chậm nhất", "hoàn thành", "thời hạn", "hằng tháng", "định kỳ") — and hands it to
``parse_deadline`` unchanged, so the meaning of a phrase is decided in one place.
A date with no such word ("Công văn số 15-CV/BCĐ, ngày 01/4/2026") is never a deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from models.deadlines import Deadline, DeadlineKind, parse_deadline

_YEAR = r"(?:\s*(?:/|năm)\s*\d{4})"
_ROMAN = r"(?:[IV]{1,3}|[1-4])"
_WHEN = (
    r"(?:ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?"
    r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
    r"|\d{1,2}/\d{1,2}/\d{4}"
    rf"|tháng\s+\d{{1,2}}{_YEAR}?(?:\s*(?:,|và)\s*(?:tháng\s+)?\d{{1,2}}{_YEAR}?)*"
    rf"|quý\s+{_ROMAN}(?:\s*(?:,|và|-)\s*(?:quý\s+)?{_ROMAN})*{_YEAR}?"
    r"|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?"
    r"|năm\s+\d{4})"
)
_ONCE = re.compile(
    r"(?:(?:hoàn thành|xong|thời hạn(?:\s+hoàn thành)?|thời gian(?:\s+(?:thực hiện|hoàn thành))?)\s*:?\s*)?"
    r"(?:(?:trước|trong|chậm nhất(?:\s+là)?(?:\s+vào)?|vào|hạn)\s+|(?<=:\s))"
    + _WHEN
    + r"|(?:hoàn thành|thời hạn(?:\s+hoàn thành)?|thời gian(?:\s+(?:thực hiện|hoàn thành))?)\s*:?\s*"
    + _WHEN,
    re.IGNORECASE,
)
_TAIL = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|ngày\s+\d{1,2}|\d{1,2}\s*(?:giờ|h)(?:\s*\d{2})?)"
_RECURRING = re.compile(
    r"(?:trước\s+(?:\d{1,2}\s*(?:h|giờ)\s*(?:\d{2})?\s*)?(?:ngày\s+\d{1,2}\s+)?)?"
    r"(?:định kỳ\s+)?(?:hằng|hàng|mỗi)\s+(?:tuần|tháng|quý|năm)"
    rf"(?:[^.;\n]{{0,180}}?{_TAIL})*"
    r"|định kỳ\s+(?:6|sáu)\s+tháng",
    re.IGNORECASE,
)
_CONTINUOUS = re.compile(
    r"(?:nhiệm vụ|thực hiện)\s+thường xuyên|thời hạn\s*:\s*thường xuyên|\Athường xuyên\b", re.IGNORECASE
)
_PERIODIC_ONLY = re.compile(r"\bđịnh kỳ\b", re.IGNORECASE)
# A line that is nothing but a deadline: "Hoàn thành trong tháng 5/2026."
_DEADLINE_LINE = re.compile(
    r"^\s*(?:hoàn thành|thời hạn|thời gian(?: thực hiện| hoàn thành)?|xong)\b[^.;]{0,80}[.;]?\s*$",
    re.IGNORECASE,
)

UNSURE = "không xác định được thời hạn"


@dataclass(frozen=True)
class FoundDeadline:
    text: str  # the words as the letter wrote them
    deadline: Deadline
    start: int
    end: int


_FREQ_HEAD = re.compile(r"^(?:định kỳ\s+)?(?:hằng|hàng|mỗi)\s+(?:tuần|tháng|quý|năm)", re.IGNORECASE)
_LAST_BEFORE = re.compile(r"\btrước\b[^,;.]*$", re.IGNORECASE)


def _short(phrase: str) -> str:
    """ "Hàng tuần, các cơ quan gửi … trước 11 giờ ngày thứ 6" → "Hàng tuần, trước 11 giờ ngày thứ 6"."""
    head, tail = _FREQ_HEAD.match(phrase), _LAST_BEFORE.search(phrase)
    if head is None or tail is None or tail.start() - head.end() < 20:
        return phrase
    return f"{head.group(0)}, {tail.group(0)}"


def _parsed(text: str, m: re.Match[str], reference: date | None) -> FoundDeadline | None:
    phrase = m.group(0).strip(" ,;:")
    meaning = parse_deadline(phrase, reference)
    if meaning.kind is DeadlineKind.UNKNOWN:
        return None
    short = _short(phrase)
    if short != phrase and parse_deadline(short, reference) == Deadline(
        short, meaning.kind, meaning.dates, meaning.recurrence
    ):
        phrase, meaning = short, parse_deadline(short, reference)
    return FoundDeadline(phrase, meaning, m.start(), m.end())


def find_deadline(text: str, reference: date | None) -> FoundDeadline | None:
    """The deadline a sentence sets, or None; recurrence first, then the last dated phrase."""
    for m in _RECURRING.finditer(text):
        found = _parsed(text, m, reference)
        if found is not None:
            return found
    last: FoundDeadline | None = None
    for m in _ONCE.finditer(text):
        found = _parsed(text, m, reference)
        if found is not None:
            last = found
    if last is not None:
        return last
    continuous = _CONTINUOUS.search(text)
    return _parsed(text, continuous, reference) if continuous else None


def says_periodic(text: str) -> bool:
    """ "định kỳ báo cáo" without a period: a recurrence the reader cannot date."""
    return _PERIODIC_ONLY.search(text) is not None


def deadline_line(text: str, reference: date | None) -> FoundDeadline | None:
    """A line that only states a deadline for the instructions above it, else None."""
    if not _DEADLINE_LINE.match(text):
        return None
    return find_deadline(text, reference)
