"""A deadline in words: the one place a deadline's meaning is turned into Vietnamese text.

Pure (no Qt, no database). The task dialog shows what a typed phrase was understood as,
the import preview shows the same words in its "Hạn / chu kỳ" column, the detail panel
shows the stored kind with the next due date, and the letters print the phrase as written
(or the due date when the phrase is empty). Every one of them calls this module.
"""

from __future__ import annotations

from datetime import date

from models.deadlines import Deadline, DeadlineKind, Frequency, is_conditional, parse_deadline
from models.vn_dates import short_date

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
NOT_UNDERSTOOD = "Chưa hiểu được thời hạn"
# A phrase that waits on an event ("Sau khi Đề án được phê duyệt"): flagged, and why.
CONDITIONAL = f"{NOT_UNDERSTOOD}: hạn phụ thuộc một sự việc (sau khi…), chưa có ngày cụ thể"
NOT_ENTERED = "Chưa nhập thời hạn"
NOT_WRITTEN = "(chưa ghi)"

KIND_LABELS: dict[DeadlineKind, str] = {
    DeadlineKind.ONCE: "một lần",
    DeadlineKind.MILESTONES: "nhiều mốc",
    DeadlineKind.RECURRING: "định kỳ",
    DeadlineKind.CONTINUOUS: "thường xuyên",
    DeadlineKind.UNKNOWN: "chưa rõ",
}


def dmy(value: date) -> str:
    """``05/01/2026``: the two-digit form the window uses everywhere."""
    return value.strftime("%d/%m/%Y")


def _recurrence_text(deadline: Deadline) -> str:
    rec = deadline.recurrence
    assert rec is not None
    if rec.freq is Frequency.WEEKLY:
        text = "Hằng tuần" + (f", {WEEKDAYS[rec.day]}" if rec.day is not None else ", cuối tuần")
    elif rec.freq is Frequency.MONTHLY:
        text = "Hằng tháng, " + (f"ngày {rec.day}" if rec.day is not None else "ngày cuối tháng")
    elif rec.freq is Frequency.QUARTERLY:
        text = "Hằng quý, " + (f"ngày {rec.day} tháng cuối quý" if rec.day is not None else "ngày cuối quý")
    elif rec.freq is Frequency.HALF_YEARLY:
        text = "Hằng 6 tháng, " + (
            f"ngày {rec.day} tháng 6 và tháng 12" if rec.day is not None else "cuối tháng 6 và tháng 12"
        )
    else:
        month = rec.month or 12
        text = "Hằng năm, " + (
            f"ngày {rec.day}/{month:02d}" if rec.day is not None else f"cuối tháng {month}"
        )
    if rec.time is not None:
        text += f", {rec.time.strftime('%H:%M')}"
    if rec.start is not None and (rec.start.month, rec.start.day) == (1, 1):
        text += f", từ năm {rec.start.year}"  # "2026 và các năm tiếp theo"
    elif rec.start is not None:
        text += f", từ {dmy(rec.start)}"
    if rec.until is not None:
        text += f", đến {dmy(rec.until)}"
    return text


def describe_deadline(deadline: Deadline) -> tuple[str, bool]:
    """``(text, understood)``; not understood means the task will show «chưa rõ thời hạn»."""
    if deadline.kind is DeadlineKind.ONCE:
        if deadline.start is not None:  # "Quý II, III/2026": the stretch, then its end
            return f"Một lần, thực hiện từ {dmy(deadline.start)}, hạn {dmy(deadline.dates[0])}", True
        return f"Một lần, hạn {dmy(deadline.dates[0])}", True
    if deadline.kind is DeadlineKind.MILESTONES:
        if deadline.milestones:  # each step with the plan's own words
            return "Nhiều mốc: " + "; ".join(f"{dmy(m.due)} ({m.words})" for m in deadline.milestones), True
        return "Nhiều mốc: " + ", ".join(dmy(d) for d in deadline.dates), True
    if deadline.kind is DeadlineKind.CONTINUOUS:
        return "Thường xuyên", True
    if deadline.kind is DeadlineKind.RECURRING and deadline.recurrence is not None:
        return _recurrence_text(deadline), True
    if not deadline.text.strip():
        return NOT_ENTERED, False
    if is_conditional(deadline.text):
        return CONDITIONAL, False
    return NOT_UNDERSTOOD, False


def understood_as(text: str, reference: date | None) -> tuple[str, bool]:
    """What a phrase typed in the task dialog is understood as (``reference`` gives a missing year)."""
    return describe_deadline(parse_deadline(text, reference))


def understood_lines(text: str, reference: date | None) -> tuple[str, bool]:
    """``understood_as`` for a label with room for lines (the task dialog): each milestone of a
    progress sentence on its own line, its date first, so a long plan stays readable."""
    deadline = parse_deadline(text, reference)
    if deadline.kind is DeadlineKind.MILESTONES and deadline.milestones:
        steps = "\n".join(f"– {dmy(m.due)}: {m.words}" for m in deadline.milestones)
        return f"Nhiều mốc ({len(deadline.milestones)}):\n{steps}", True
    return describe_deadline(deadline)


def meaning_cell(deadline: Deadline) -> str:
    """The meaning in a table cell: the same words, and nothing for a phrase never entered."""
    return describe_deadline(deadline)[0] if deadline.text.strip() else ""


def kind_label(kind: DeadlineKind | str) -> str:
    """``một lần``, ``định kỳ``…; an unknown stored value is shown as it is."""
    try:
        return KIND_LABELS[DeadlineKind(kind)]
    except ValueError:
        return str(kind)


def deadline_summary(text: str, kind: DeadlineKind | str, next_due: date | None) -> str:
    """``Quý II/2026 (một lần); hạn tiếp theo: 30/06/2026`` — the detail panel's line."""
    due = f"; hạn tiếp theo: {dmy(next_due)}" if next_due is not None else ""
    return f"{text or NOT_WRITTEN} ({kind_label(kind)}){due}"


def milestone_words(deadline: Deadline, due: date | None) -> str:
    """The plan's words for the milestone due on ``due``, with its place among them
    (``Hoàn thành giai đoạn 1 quý II/2027 (mốc 2/4)``); "" when ``due`` is no worded milestone.
    What a reminder says is owed, rather than the whole progress sentence."""
    steps = deadline.milestones
    for i, step in enumerate(steps, 1):
        if step.due == due:
            return f"{step.words} (mốc {i}/{len(steps)})"
    return ""


def letter_due(text: str, due: date | None) -> str:
    """A letter's "Thời hạn" cell: the phrase as the plan wrote it, else the date (``01/4/2026``)."""
    return text or (short_date(due) if due is not None else "")
