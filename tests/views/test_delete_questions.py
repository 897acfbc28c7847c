"""Before a deletion the user is told what goes with the record, and Hủy is the default."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.dto import TaskFilter
from tests.views.conftest import Shown
from views import messages
from views.delete_questions import TRASH_NOTE
from views.main_window import MainWindow

real_confirm_box = messages.confirm_box


class Asked:
    """The real question boxes the code built (not shown); the user answers ``answer``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: bool) -> None:
        self.boxes: list[tuple[QMessageBox, QPushButton]] = []
        self.answer = answer
        monkeypatch.setattr(messages, "confirm", self.confirm)

    def confirm(self, parent: QWidget | None, text: str, yes: str = "Đồng ý", no: str = "Không") -> bool:
        self.boxes.append(real_confirm_box(parent, text, yes, no))
        return self.answer


def _expected_directive_counts(ctx: AppContext, directive_id: int) -> tuple[int, int, int]:
    """Counted the long way, through the lists the window shows."""
    tasks = ctx.tasks.page(TaskFilter(directive_id=directive_id), 0, 100_000)
    reports = [r for t in tasks for r in ctx.reports.list_for_task(t.id)]
    return len(tasks), len(reports), sum(len(r.evidence) for r in reports)


def test_deleting_a_directive_names_what_goes_with_it_and_cancel_is_the_default(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.directive_page
    page.ensure_loaded()
    plan = next(d for d in demo_ctx.directives.list_directives() if d.number == "125/KH-BCĐ")
    page.table.selectRow(page.model.row_of_id(plan.id))
    tasks, reports, files = _expected_directive_counts(demo_ctx, plan.id)
    assert tasks and reports and files  # the demo plan has all three: the sentence is complete
    asked = Asked(monkeypatch, answer=False)

    page.delete_button.click()

    box, yes = asked.boxes[-1]
    assert box.text().startswith(
        f"Xóa văn bản 125/KH-BCĐ cùng {tasks} nhiệm vụ, {reports} báo cáo, {files} tệp minh chứng"
    )
    assert box.text().endswith("?\n\n" + TRASH_NOTE)
    default = box.defaultButton()
    assert default is not None and default.text() == "Hủy" and box.escapeButton() is default
    assert yes.text() == "Xóa"
    # declined: nothing deleted
    assert any(d.id == plan.id for d in demo_ctx.directives.list_directives())
    assert demo_ctx.tasks.count(TaskFilter(directive_id=plan.id)) == tasks

    asked.answer = True
    page.delete_button.click()
    assert not any(d.id == plan.id for d in demo_ctx.directives.list_directives())


def test_deleting_a_task_counts_its_reports_and_files(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, shown: Shown
) -> None:
    page = window.task_page
    page.model.fetch_all()
    for n in range(page.model.rowCount()):
        row = page.model.row_at(n)
        assert row is not None
        reports = demo_ctx.reports.list_for_task(row.id)
        if reports and any(r.evidence for r in reports):
            page.table.selectRow(n)
            break
    else:
        raise AssertionError("no task with evidence in the demo")
    files = sum(len(r.evidence) for r in reports)
    shown.answer = False
    page.delete_button.click()
    assert shown.questions[-1].startswith(
        f"Xóa nhiệm vụ này cùng {len(reports)} báo cáo, {files} tệp minh chứng?"
    )
    assert row.content[:40] in shown.questions[-1]
    assert len(demo_ctx.reports.list_for_task(row.id)) == len(reports)


def test_an_agency_with_work_is_not_offered_for_deletion(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, shown: Shown
) -> None:
    page = window.agency_page
    page.ensure_loaded()
    busy = next(a for a in demo_ctx.agencies.list_agencies() if a.lead_count)
    page.table.selectRow(page.model.row_of_id(busy.id))
    page.delete_button.click()
    assert shown.questions == []  # nothing to agree to
    assert shown.errors and f"«{busy.name}» đang được giao" in shown.errors[-1]

    idle = next(
        a for a in demo_ctx.agencies.list_agencies() if demo_ctx.agencies.deletion_counts(a.id).blocking == 0
    )
    page.table.selectRow(page.model.row_of_id(idle.id))
    shown.answer = False
    page.delete_button.click()
    expected = f"Xóa cơ quan «{idle.name}» khỏi danh mục"
    if idle.aliases:
        expected += f" cùng {len(idle.aliases)} tên gọi khác"
    assert shown.questions[-1] == expected + "?\n\n" + TRASH_NOTE
