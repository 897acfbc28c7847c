"""The periodic report's drafted sections say what the data says, and nothing it contradicts."""

from __future__ import annotations

from datetime import date

import pytest

from app.letters.content import ReportContent, TaskLine
from app.letters.period_flows import PeriodFlows
from app.letters.report import draft_sections
from models.status import Status
from models.vn_dates import LetterFormat, parse_period

FLOWS = PeriodFlows(assigned=0, done=0, reports=0, recurring_reports=0, reporting_agencies=0)
LATE = TaskLine(
    task_id=1,
    directive_number="50/KH-UBND",
    directive_ref="Kế hoạch số 50/KH-UBND",
    content="Xây dựng kế hoạch",
    role=None,
    lead="Sở Y tế",
    cooperating="",
    deadline_text="Tháng 4/2026",
    due=date(2026, 4, 30),
    days_late=38,
    product="",
)


def _content(counts: dict[str, int], overdue: tuple[TaskLine, ...]) -> ReportContent:
    return ReportContent(
        period=parse_period("2026-Q2"),
        as_of=date(2026, 6, 7),
        total=sum(counts.values()),
        counts=counts,
        agencies=(),
        overdue=overdue,
        indicators=(),
    )


@pytest.mark.parametrize("fmt", list(LetterFormat))
def test_no_overdue_task_is_mentioned_when_there_is_none(fmt: LetterFormat) -> None:
    sections = draft_sections(_content({Status.NOT_DUE.value: 11}, ()), FLOWS, fmt)
    assert "Không có nhiệm vụ quá hạn" in sections.shortcomings
    assert "quá hạn" not in sections.next_steps + sections.proposals
    # every line starts a sentence (the tester saw a lone "tổng hợp, báo cáo định kỳ …")
    assert all(line[:1].isupper() for line in sections.next_steps.splitlines())


def test_overdue_tasks_are_counted_in_the_next_steps() -> None:
    counts = {Status.OVERDUE.value: 1, Status.DUE_SOON.value: 2}
    sections = draft_sections(_content(counts, (LATE,)), FLOWS, LetterFormat.STATE)
    lines = sections.next_steps.splitlines()
    assert "hoàn thành 1 nhiệm vụ quá hạn" in lines[0]
    assert lines[1].startswith("Chuẩn bị hoàn thành 2 nhiệm vụ sắp đến hạn")
