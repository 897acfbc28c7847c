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
    r"(?:ngày\s+\d{1,2}\s*[-–]\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"  # ngày 18 - 26/9
    r"|ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?"
    r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
    r"|\d{1,2}/\d{1,2}/\d{2,4}"
    rf"|tháng\s+\d{{1,2}}{_YEAR}?(?:\s*(?:,|và)\s*(?:tháng\s+)?\d{{1,2}}{_YEAR}?)*"
    rf"|quý\s+{_ROMAN}(?:\s*(?:,|và|-)\s*(?:quý\s+)?{_ROMAN})*{_YEAR}?"
    r"|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?"
    r"|năm\s+\d{4}(?:\s+và\s+(?:những|các)\s+năm\s+tiếp\s+theo)?"
    r"|Th?\s?\d{1,2}\s*/\s*\d{4}"  # T6/2026, Th6/2026: a month as tables abbreviate it
    r"|\d{1,2}\s*/\s*\d{4}"  # 6/2026
    r"|\d{1,2}\s*/\s*\d{1,2}(?![\d/])"  # 30/6: a day of the letter's year
    r")(?![\w/])"
)
# The words that make a date a deadline. A date after none of them ("Công văn số 15-CV/BCĐ,
# ngày 01/4/2026") is a citation, never a deadline.
_CUE = (
    r"(?:(?:hoàn thành|xong|thời hạn(?:\s+hoàn thành)?|thời gian(?:\s+(?:thực hiện|hoàn thành))?)\s*:?\s*)?"
    r"(?:(?:trước|trong|chậm nhất(?:\s+là)?(?:\s+vào)?|vào|hạn)\s+|(?<=:\s)|từ\s+(?=ngày\s+\d{1,2}\s*[-–]))"
)
_ONCE = re.compile(
    _CUE
    + _WHEN
    + r"|(?:hoàn thành|thời hạn(?:\s+hoàn thành)?|thời gian(?:\s+(?:thực hiện|hoàn thành))?)\s*:?\s*"
    + _WHEN,
    re.IGNORECASE,
)
_TAIL = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|ngày\s+\d{1,2}|\d{1,2}\s*(?:giờ|h)(?:\s*\d{2})?)"
# What may stand before "hằng tuần/tháng/năm" and belong to it: "trước 11 giờ ngày thứ 6
# hằng tuần", "vào thứ Hai hằng tuần", "trước ngày 20/12 hằng năm", "trước ngày 15 hằng tháng".
_RECURRING_HEAD = (
    r"(?:(?:trước|vào|chậm nhất(?:\s+là)?|trong)\s+)?"
    r"(?:\d{1,2}\s*(?:h|giờ)\s*(?:\d{2})?\s*(?:,\s*)?)?"
    r"(?:(?:ngày\s+)?(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ nhật|\d{1,2}(?:\s*/\s*\d{1,2})?)\s+)?"
)
_RECURRING = re.compile(
    rf"(?:{_RECURRING_HEAD})?"
    r"(?:định kỳ\s+)?(?:hằng|hàng|mỗi)\s+(?:tuần|tháng|quý|năm)"
    rf"(?:[^.;\n]{{0,180}}?{_TAIL})*"
    r"|định kỳ\s+(?:6|sáu)\s+tháng(?:\s*(?:,|và)\s*(?:hằng|hàng)\s+năm)?",
    re.IGNORECASE,
)
_CONTINUOUS = re.compile(
    r"(?:nhiệm vụ|thực hiện)\s+thường xuyên"
    r"|(?:thời hạn|thời gian(?:\s+(?:thực hiện|hoàn thành))?)\s*:\s*thường xuyên"
    r"|\Athường xuyên\b",
    re.IGNORECASE,
)
_PERIODIC_ONLY = re.compile(r"\bđịnh kỳ\b", re.IGNORECASE)
# A line that is nothing but a deadline: "Hoàn thành trong tháng 5/2026."
_DEADLINE_LINE = re.compile(
    r"^\s*(?:hoàn thành|thời hạn|thời gian(?: thực hiện| hoàn thành)?|xong)\b[^.;]{0,80}[.;]?\s*$",
    re.IGNORECASE,
)
# Steps of a progress sentence, each with its own date: "khởi động quý IV/2026; hoàn thành
# giai đoạn 1 quý II/2027; duy trì đến 2030", "hoàn thành giai đoạn 1 trong tháng 9/2026,
# hoàn thành toàn bộ năm 2027". Handed to parse_deadline whole, which reads milestones.
STEP = re.compile(
    r"^(?:hoàn thành|khởi động|bắt đầu|duy trì|triển khai|giai đoạn|thời gian|thời hạn|trước|trong|chậm nhất"
    r"|đến|từ)\b",
    re.IGNORECASE,
)
_STEP_DATE = re.compile(
    r"(?:\d{1,2}/\d{4}|\d{1,2}/\d{1,2}|quý\s+[IV1-4]|tháng\s+\d{1,2}|năm\s+\d{4}|(?:đến|tới)\s+(?:năm\s+)?\d{4})",
    re.IGNORECASE,
)
_CITATION = re.compile(r"\bsố\s+\d", re.IGNORECASE)

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


def _close_bracket(text: str, end: int) -> int:
    """Where a phrase cut inside a bracket really ends: "định kỳ hằng tháng (trước ngày 20"
    goes on to its ")" (when it closes within the sentence), never stops mid-bracket."""
    opened = text.count("(", 0, end) - text.count(")", 0, end)
    if opened <= 0:
        return end
    close = text.find(")", end)
    stop = min(
        (i for i in (text.find(".", end), text.find(";", end), text.find("\n", end)) if i >= 0), default=-1
    )
    return close + 1 if close >= 0 and (stop < 0 or close < stop) else end


def _parsed(text: str, m: re.Match[str], reference: date | None) -> FoundDeadline | None:
    start, end = m.start(), _close_bracket(text, m.end())
    phrase = text[start:end].strip(" ,;:")
    meaning = parse_deadline(phrase, reference)
    if meaning.kind is DeadlineKind.UNKNOWN:
        return None
    short = _short(phrase)
    if short != phrase and parse_deadline(short, reference) == Deadline(
        short, meaning.kind, meaning.dates, meaning.recurrence, meaning.milestones, meaning.start
    ):
        phrase, meaning = short, parse_deadline(short, reference)
    return FoundDeadline(phrase, meaning, start, end)


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence, cut at ";" and "," outside brackets."""
    out: list[tuple[int, int]] = []
    depth, at = 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in ";," or (ch == "." and text[i + 1 : i + 2] in ("", " ", "\n"))):
            out.append((at, i))
            at = i + 1
    out.append((at, len(text)))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out if text[a:b].strip()]


def _milestones(text: str, reference: date | None) -> FoundDeadline | None:
    """The last run of two or more dated steps ("khởi động quý IV/2026; …; duy trì đến 2030")
    that parse_deadline reads as milestones, else None."""
    runs: list[list[tuple[int, int]]] = [[]]
    for a, b in _clauses(text):
        clause = text[a:b]
        if STEP.match(clause) and _STEP_DATE.search(clause) and not _CITATION.search(clause):
            runs[-1].append((a, b))
        elif runs[-1]:
            runs.append([])
    for run in reversed(runs):
        if len(run) < 2:
            continue
        start, end = run[0][0], run[-1][1]
        phrase = text[start:end].strip(" ,;:")
        meaning = parse_deadline(phrase, reference)
        if meaning.kind is DeadlineKind.MILESTONES:
            return FoundDeadline(phrase, meaning, start, end)
    return None


def find_deadline(text: str, reference: date | None) -> FoundDeadline | None:
    """The deadline a sentence sets, or None: recurrence first, then a run of dated steps
    (milestones), then the last dated phrase, then "thường xuyên"."""
    for m in _RECURRING.finditer(text):
        found = _parsed(text, m, reference)
        if found is not None:
            return found
    steps = _milestones(text, reference)
    if steps is not None:
        return steps
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
