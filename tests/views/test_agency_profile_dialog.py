"""«Hồ sơ cơ quan» on the demo database: opened from the agency page and the scoreboard, its
numbers equal the scoreboard's for that agency on the same day, a task opens in the task list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel
from pytestqt.qtbot import QtBot

from app.context import AppContext
from models.official import OfficialClass
from models.parties import Role
from tests.conftest import TODAY
from views.agency_profile_dialog import MONTHS, AgencyProfileDialog
from views.main_window import MainWindow


def _busiest(ctx: AppContext) -> int:
    lines = [x for x in ctx.followup.scoreboard(TODAY) if x.agency_id is not None]
    best = max(lines, key=lambda x: x.lead.assigned)
    assert best.agency_id is not None
    return best.agency_id


def _loaded(qtbot: QtBot, dlg: AgencyProfileDialog) -> None:
    qtbot.waitUntil(
        lambda: dlg.profile is not None and dlg.timeline.rowCount(QModelIndex()) == MONTHS, timeout=20_000
    )


def test_opened_from_the_agency_page_numbers_equal_the_scoreboard(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext
) -> None:
    a_id = _busiest(demo_ctx)
    page = window.agency_page
    page.ensure_loaded()
    page.table.selectRow(page.model.row_of_id(a_id))
    page.profile_button.click()
    dlg = window.agency_profile_dialog
    qtbot.addWidget(dlg)
    _loaded(qtbot, dlg)
    line = next(x for x in demo_ctx.followup.scoreboard(TODAY) if x.agency_id == a_id)
    tasks = dlg.tasks.rows()
    for role in Role:
        assert sum(t.role is role for t in tasks) == line.role(role).assigned
    status_col = 4
    shown_overdue = sum(
        dlg.tasks.index(r, status_col).data() == OfficialClass.OVERDUE.value.capitalize()
        for r in range(len(tasks))
    )
    assert (
        shown_overdue
        == line.lead.counts[OfficialClass.OVERDUE] + line.cooperating.counts[OfficialClass.OVERDUE]
    )
    # the last month end's line is the scoreboard's on that day
    last = dlg.timeline.rows()[-1]
    board = next(x for x in demo_ctx.followup.scoreboard(last.as_of) if x.agency_id == a_id)
    row = MONTHS - 1
    assert dlg.timeline.index(row, 1).data() == str(board.lead.assigned)
    assert dlg.timeline.index(row, 2).data() == str(board.lead.counts[OfficialClass.DONE_ON_TIME])
    assert dlg.timeline.index(row, 4).data() == str(board.lead.counts[OfficialClass.OVERDUE])
    rate = board.lead.on_time_rate
    assert dlg.timeline.index(row, 6).data() == ("—" if rate is None else f"{rate * 100:.0f}%")
    assert dlg.tabs.tabText(0) == f"Nhiệm vụ ({len(tasks)})"
    # a double click on a task shows it in the task list
    dlg.task_table.selectRow(0)
    dlg._open_task(dlg.task_table.currentIndex())
    assert window.stack.currentWidget() is window.task_page


def test_double_click_on_a_scoreboard_name_opens_the_profile(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext
) -> None:
    a_id = _busiest(demo_ctx)
    board = window.scoreboard_page
    board.ensure_loaded()
    qtbot.waitUntil(lambda: board.model.rowCount() > 0, timeout=20_000)
    proxy = board.table.model()
    assert isinstance(proxy, QSortFilterProxyModel)
    target = next(
        r
        for r in range(proxy.rowCount())
        if board.model.rows()[proxy.mapToSource(proxy.index(r, 0)).row()].agency_id == a_id
    )
    window._scoreboard_double_clicked(proxy.index(target, 0))
    dlg = window.agency_profile_dialog
    qtbot.addWidget(dlg)
    _loaded(qtbot, dlg)
    assert dlg.agency_id == a_id and dlg.as_of == board.shown_as_of
    assert dlg.windowTitle().startswith("Hồ sơ cơ quan — ")
    # another column does nothing
    window.agency_profile_dialog = None  # type: ignore[assignment]
    window._scoreboard_double_clicked(proxy.index(target, 1))
    assert window.agency_profile_dialog is None
