"""What a typed deadline phrase was understood as, in words a secretary can check at a glance."""

from __future__ import annotations

from datetime import date

from models.deadlines import Deadline, DeadlineKind, Frequency, parse_deadline
from views.labels import fmt_date

_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
NOT_UNDERSTOOD = "Chưa hiểu được thời hạn"


def describe_deadline(deadline: Deadline) -> tuple[str, bool]:
    """``(text, understood)``; not understood means the task will show «chưa rõ thời hạn»."""
    if deadline.kind is DeadlineKind.ONCE:
        return f"Một lần, hạn {fmt_date(deadline.dates[0])}", True
    if deadline.kind is DeadlineKind.MILESTONES:
        return "Nhiều mốc: " + ", ".join(fmt_date(d) for d in deadline.dates), True
    if deadline.kind is DeadlineKind.CONTINUOUS:
        return "Thường xuyên", True
    rec = deadline.recurrence
    if deadline.kind is DeadlineKind.RECURRING and rec is not None:
        if rec.freq is Frequency.WEEKLY:
            text = "Hằng tuần" + (f", {_WEEKDAYS[rec.day]}" if rec.day is not None else ", cuối tuần")
        elif rec.freq is Frequency.MONTHLY:
            text = "Hằng tháng, " + (f"ngày {rec.day}" if rec.day is not None else "ngày cuối tháng")
        elif rec.freq is Frequency.QUARTERLY:
            text = "Hằng quý, " + (
                f"ngày {rec.day} tháng cuối quý" if rec.day is not None else "ngày cuối quý"
            )
        else:
            month = rec.month or 12
            text = "Hằng năm, " + (
                f"ngày {rec.day}/{month:02d}" if rec.day is not None else f"cuối tháng {month}"
            )
        if rec.time is not None:
            text += f", {rec.time.strftime('%H:%M')}"
        if rec.start is not None:
            text += f", từ {fmt_date(rec.start)}"
        if rec.until is not None:
            text += f", đến {fmt_date(rec.until)}"
        return text, True
    if not deadline.text.strip():
        return "Chưa nhập thời hạn", False
    return NOT_UNDERSTOOD, False


def understood_as(text: str, reference: date | None) -> tuple[str, bool]:
    return describe_deadline(parse_deadline(text, reference))
