"""«Báo cáo định kỳ»: the grid on screen, and entering a missing report from a cell by keyboard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.context import AppContext
from models.report_grid import CellState
from tests.services.followup_data import A_NAME, B_NAME, build_small
from tests.views.conftest import Shown, wait_job
from views.combo_data import combo_id
from views.labels import from_qdate, to_qdate
from views.main_window import PAGE_REPORT_GRID, MainWindow
from views.report_grid_model import CELL_ROLE, COL_RATE, FIXED

MARCH = len(FIXED) + 2  # the year's months: column of March


def _show(qtbot: QtBot, window: MainWindow) -> None:
    page = window.report_grid_page
    window.show_page(PAGE_REPORT_GRID)
    wait_job(qtbot, page.job)


def _row(window: MainWindow, task_id: int, party: str) -> int:
    model = window.report_grid_page.model
    return next(n for n, r in enumerate(model.rows) if r.task_id == task_id and r.party == party)


def test_enter_on_a_missing_cell_opens_the_dialog_prefilled_and_saving_turns_it_green(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, tmp_path: Path, shown: Shown
) -> None:
    small = build_small(demo_ctx)  # monthly duty from 1/1/2026: Jan on time, Feb late, nothing since
    page = window.report_grid_page
    _show(qtbot, window)
    assert page.range.currentData() == "year" and page.year.value() == 2026
    model = page.model
    n = _row(window, small.t3, A_NAME)
    states = [model.index(n, c).data(CELL_ROLE).state for c in range(len(FIXED), model.columnCount())]
    assert states[:4] == [CellState.ON_TIME, CellState.LATE, CellState.MISSING, CellState.MISSING]
    assert model.index(n, COL_RATE).data() == "1/11"  # on time / owed by 24/11/2026 (9/1 .. 9/11)
    march = model.index(n, MARCH)
    assert march.data() == "Thiếu" and "09/03/2026" in march.data(Qt.ItemDataRole.ToolTipRole)
    # the cooperating agency owes the same months; the lead's reports count for it
    b = _row(window, small.t3, B_NAME)
    assert model.index(b, len(FIXED)).data(CELL_ROLE).state is CellState.ON_TIME

    page.table.setFocus()
    page.table.setCurrentIndex(march)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dlg = page.dialog
    assert dlg is not None and dlg.isVisible()
    aid = next(a.id for a in demo_ctx.tasks.get(small.t3).assignments if a.party.name == A_NAME)
    assert combo_id(dlg.agency) == aid
    # the cell's due date is the one shown: no other "hạn" beside the agency to contradict it
    assert "– hạn" not in dlg.agency.currentText()
    assert dlg.has_occurrence.isChecked() and from_qdate(dlg.occurrence.date()) == date(2026, 3, 9)
    assert dlg.done_box.isChecked()

    evidence = tmp_path / "BC thang 3.pdf"
    evidence.write_bytes(b"%PDF-1.4 bao cao thang 3")
    dlg.evidence.add_files([evidence])
    dlg.received.setDate(to_qdate(date(2026, 3, 8)))
    dlg.doc_number.setText("25/BC-SYT")
    dlg.accept()
    wait_job(qtbot, dlg.job)
    assert dlg.saved_id is not None and not shown.errors

    # the broadcast reloads the grid: March is received on time, the selection stays on it
    qtbot.waitUntil(
        lambda: page.job is not None and page.job.settled and page.model.rows != [], timeout=10_000
    )
    n = _row(window, small.t3, A_NAME)
    qtbot.waitUntil(lambda: model.index(n, MARCH).data(CELL_ROLE).state is CellState.ON_TIME, timeout=10_000)
    cell = model.index(n, MARCH).data(CELL_ROLE)
    assert cell.report_ids == (dlg.saved_id,)
    assert "25/BC-SYT" in model.index(n, MARCH).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(n, COL_RATE).data() == "2/11"
    assert page.table.currentIndex().row() == n and page.table.currentIndex().column() == MARCH
    report = next(r for r in demo_ctx.reports.list_for_task(small.t3) if r.id == dlg.saved_id)
    assert report.occurrence == date(2026, 3, 9) and [e.name for e in report.evidence] == ["BC thang 3.pdf"]


def test_as_of_day_weeks_and_lead_only(qtbot: QtBot, window: MainWindow, demo_ctx: AppContext) -> None:
    small = build_small(demo_ctx)
    page = window.report_grid_page
    _show(qtbot, window)
    page.as_of.setDate(to_qdate(date(2026, 2, 10)))
    wait_job(qtbot, page.job)
    n = _row(window, small.t3, A_NAME)
    cells = [page.model.index(n, c).data(CELL_ROLE).state for c in range(len(FIXED), len(FIXED) + 3)]
    assert cells == [CellState.ON_TIME, CellState.MISSING, CellState.NOT_DUE]

    page.cooperating.setChecked(False)
    wait_job(qtbot, page.job)
    assert all(r.role.value == "lead" for r in page.model.rows)

    page.range.setCurrentIndex(page.range.findData("weeks"))
    wait_job(qtbot, page.job)
    assert page.model.columnCount() == len(FIXED) + 12
    assert not page.year.isEnabled()
    header = page.model.headerData(len(FIXED), Qt.Orientation.Horizontal)
    assert header.startswith("Tuần")


def test_a_cell_with_nothing_owed_opens_nothing(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext
) -> None:
    small = build_small(demo_ctx)
    page = window.report_grid_page
    _show(qtbot, window)
    page.year.setValue(2025)  # before the directive of 1/1/2026: nothing owed
    wait_job(qtbot, page.job)
    n = _row(window, small.t3, A_NAME)
    index = page.model.index(n, MARCH)
    assert index.data(CELL_ROLE).state is CellState.NOT_EXPECTED and index.data() == "–"
    assert page.enter_report(index) is None and page.dialog is None


def test_sorting_by_a_period_puts_the_missing_first(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext
) -> None:
    build_small(demo_ctx)
    page = window.report_grid_page
    _show(qtbot, window)
    model = page.model
    page.table.sortByColumn(MARCH, Qt.SortOrder.AscendingOrder)
    states = [model.index(n, MARCH).data(CELL_ROLE).state for n in range(model.rowCount())]
    order = [CellState.MISSING, CellState.LATE, CellState.NOT_DUE, CellState.ON_TIME]
    ranks = [order.index(s) if s in order else 9 for s in states]
    assert ranks == sorted(ranks) and states[0] is CellState.MISSING
    page.table.sortByColumn(COL_RATE, Qt.SortOrder.AscendingOrder)
    rates = [r.tally.on_time / r.tally.expected for r in model.rows if r.tally.expected]
    assert rates == sorted(rates)
