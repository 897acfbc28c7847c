"""A monthly duty never answered, seen on 26/11/2026: the task's detail, its list row, the JSON
of ``tasks --json`` and a reminder say "chưa báo cáo 7 kỳ, từ tháng 4/2026" and the next due
date 09/12/2026, not "Hạn tiếp theo 09/05/2026"."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.context import AppContext
from app.dto import DirectiveInput, ReportInput, TaskFilter, TaskInput
from models.missed import list_cell, summary
from models.parties import Role
from tests.cli_run import run_cli

DAY = date(2026, 11, 26)


@pytest.fixture
def monthly(tmp_path: Path) -> Iterator[tuple[AppContext, int]]:
    c = AppContext(tmp_path / "m.sqlite", today=lambda: DAY).open()
    c.agencies.import_catalogue(
        Path(__file__).resolve().parents[2] / "resources/sample/danh-muc-co-quan.xlsx"
    )
    plan = c.directives.save(
        DirectiveInput(number="125/KH-BCĐ", kind="KH", issued_on=date(2026, 4, 10))
    ).value
    task = c.tasks.save(
        TaskInput(
            plan,
            "Báo cáo kết quả thực hiện Đề án 06",
            lead=[c.agencies.resolve_or_fail("CA tỉnh")],
            cooperating=[c.agencies.resolve_or_fail("Sở KH&CN")],
            deadline_text="Trước ngày 09 hằng tháng",
        )
    ).value
    yield c, task
    c.close()


def test_detail_says_what_was_missed_and_the_next_due_date(monthly: tuple[AppContext, int]) -> None:
    c, task = monthly
    detail = c.tasks.get(task)
    assert detail.missed is not None
    assert detail.missed.text() == "chưa báo cáo 7 kỳ, từ tháng 4/2026"
    assert detail.missed.next_due == date(2026, 12, 9)
    assert detail.next_due == date(2026, 5, 9)  # the earliest unmet, what status and sorting use
    lead = next(a for a in detail.assignments if a.role is Role.LEAD)
    assert lead.missed is not None and list_cell(lead.missed) == "Thiếu 7 kỳ, 09/12/2026"


def test_a_report_for_may_leaves_six(monthly: tuple[AppContext, int]) -> None:
    c, task = monthly
    lead = next(a for a in c.tasks.get(task).assignments if a.role is Role.LEAD)
    c.reports.add(ReportInput(lead.id, received_on=date(2026, 5, 8), text="Tháng 4", done=True))
    m = c.tasks.get(task).missed
    assert m is not None and m.text() == "chưa báo cáo 6 kỳ, từ tháng 5/2026"
    assert summary(m) == "Chưa báo cáo 6 kỳ, từ tháng 5/2026 (hạn 09/06/2026); hạn tiếp theo 09/12/2026"


def test_list_row_and_agency_view(monthly: tuple[AppContext, int]) -> None:
    c, _ = monthly
    (row,) = c.tasks.page(TaskFilter(), 0, 10)
    assert row.missed is not None and list_cell(row.missed) == "Thiếu 7 kỳ, 09/12/2026"
    sci = c.agencies.resolve_or_fail("Sở KH&CN").agency_id
    (coop,) = c.tasks.page(TaskFilter(agency_id=sci), 0, 10)
    assert coop.missed is not None and coop.missed.count == 7


def test_paused_task_owes_nothing(monthly: tuple[AppContext, int]) -> None:
    from models.status import Suspension

    c, task = monthly
    c.tasks.set_suspension(task, Suspension.PAUSED)
    assert c.tasks.get(task).missed is None
    (row,) = c.tasks.page(TaskFilter(), 0, 10)
    assert row.missed is None


def test_cli_json_adds_fields_and_keeps_the_old_ones(
    monthly: tuple[AppContext, int], capsys: pytest.CaptureFixture[str]
) -> None:
    c, _ = monthly
    db = str(c.db_path)
    c.close()
    ran = run_cli(capsys, "--db", db, "tasks", "--json", "--as-of", "2026-11-26")
    assert ran.returncode == 0, ran.stderr
    (row,) = json.loads(ran.stdout)
    assert row["next_due"] == "2026-05-09" and row["status"] == "quá hạn"
    assert row["missed_periods"] == 7
    assert row["first_missed"] == "2026-04"
    assert row["first_missed_label"] == "tháng 4/2026"
    assert row["upcoming_due"] == "2026-12-09"


def test_reminder_names_the_missed_periods(monthly: tuple[AppContext, int]) -> None:
    c, _ = monthly
    police = c.agencies.resolve_or_fail("CA tỉnh").agency_id
    assert police is not None
    content = c.letters.preview_remind(police, DAY)
    (line,) = content.overdue
    assert line.missed_note == "chưa báo cáo tháng 4, 5, 6, 7, 8, 9, 10/2026"
    from app.letters.tables import due_cell

    assert due_cell(line) == "Trước ngày 09 hằng tháng (chưa báo cáo tháng 4, 5, 6, 7, 8, 9, 10/2026)"
