"""A task whose deadline is a progress sentence, through the real database: its next due date,
status, missed milestones in the detail and the list, the as-of overview, and the reminder's
"Thời hạn" cell, before and after a report naming a later step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.context import AppContext
from app.dto import DirectiveInput, ReportInput, TaskFilter, TaskInput
from app.letters.tables import owed_cell
from models.deadlines import DeadlineKind
from models.missed import list_cell
from models.official import OfficialClass
from models.parties import Role
from models.status import Status

DAY = date(2027, 8, 1)
PLAN = "Khởi động quý IV/2026; hoàn thành giai đoạn 1 quý II/2027; hoàn thành toàn bộ năm 2028"


@pytest.fixture
def staged(tmp_path: Path) -> Iterator[tuple[AppContext, int, int]]:
    c = AppContext(tmp_path / "m.sqlite", today=lambda: DAY).open()
    c.agencies.import_catalogue(
        Path(__file__).resolve().parents[2] / "resources/sample/danh-muc-co-quan.xlsx"
    )
    plan = c.directives.save(DirectiveInput(number="63-KH/TU", kind="KH", issued_on=date(2026, 4, 22))).value
    lead = c.agencies.resolve_or_fail("Sở KH&CN")
    task = c.tasks.save(
        TaskInput(plan, "Xây dựng nền tảng dữ liệu dùng chung", lead=[lead], deadline_text=PLAN)
    ).value
    assert lead.agency_id is not None
    yield c, task, lead.agency_id
    c.close()


def test_two_steps_passed_unreported(staged: tuple[AppContext, int, int]) -> None:
    c, task, agency = staged
    detail = c.tasks.get(task)
    assert detail.deadline_kind is DeadlineKind.MILESTONES
    assert detail.status is Status.OVERDUE
    assert detail.next_due == date(2026, 12, 31)  # the earliest step owed: status and sorting
    assert detail.missed is not None
    assert detail.missed.text() == "chưa báo cáo 2 mốc, từ mốc 31/12/2026 (Khởi động quý IV/2026)"
    assert detail.missed.next_due == date(2028, 12, 31)
    (row,) = c.tasks.page(TaskFilter(), 0, 10)
    assert row.missed is not None and list_cell(row.missed) == "Thiếu 2 mốc, 31/12/2028"
    overview = c.followup.overview(DAY)
    assert overview.totals.counts[OfficialClass.OVERDUE] == 1
    (line,) = c.letters.preview_remind(agency, DAY).overdue
    assert line.due == date(2026, 12, 31)
    assert owed_cell(line) == "Khởi động quý IV/2026 (mốc 1/3); chưa báo cáo 2 mốc"
    assert line.missed_note == "chưa báo cáo 2 mốc"


def report_stage_one(c: AppContext, task: int) -> None:
    """The lead reports stage 1 done on 20/06/2027, naming its milestone (30/06/2027)."""
    lead = next(a for a in c.tasks.get(task).assignments if a.role is Role.LEAD)
    done = ReportInput(
        lead.id, date(2027, 6, 20), "Xong giai đoạn 1", done=True, occurrence=date(2027, 6, 30)
    )
    c.reports.add(done)


def test_a_report_naming_stage_one_covers_the_launch(staged: tuple[AppContext, int, int]) -> None:
    c, task, agency = staged
    report_stage_one(c, task)
    detail = c.tasks.get(task)
    assert detail.status is Status.NOT_DUE
    assert detail.next_due == date(2028, 12, 31)
    assert detail.missed is not None and detail.missed.count == 0
    assert c.followup.overview(DAY).totals.counts[OfficialClass.OVERDUE] == 0
    # as of a day before the report arrived, the launch was overdue
    assert c.followup.overview(date(2027, 3, 1)).totals.counts[OfficialClass.OVERDUE] == 1
    assert c.letters.preview_remind(agency, DAY).overdue == ()


def test_the_last_step_due_soon_in_the_reminder(staged: tuple[AppContext, int, int]) -> None:
    c, task, agency = staged
    report_stage_one(c, task)
    (line,) = c.letters.preview_remind(agency, date(2028, 12, 28)).soon
    assert owed_cell(line) == "hoàn thành toàn bộ năm 2028 (mốc 3/3)"
