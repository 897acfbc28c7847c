"""The indicator page on the demo database: % of target, trend, the on-track flag and the history."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from app.context import AppContext
from models.indicator_track import TRACK_RULE, TrackState
from views.indicator_page import TRACK_COLORS
from views.main_window import MainWindow


def _cells(page: object, row: int) -> dict[str, QModelIndex]:
    model = page.model  # type: ignore[attr-defined]
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount(QModelIndex()))]
    return {h: model.index(row, c) for c, h in enumerate(heads)}


def test_flag_trend_and_history_shown(window: MainWindow, demo_ctx: AppContext) -> None:
    svc = demo_ctx.indicators
    first = next(r for r in svc.list_indicators() if r.latest_value == 71.5)
    svc.record_value(first.id, "Quý 2/2026", 75.0, date(2026, 7, 3))  # Q3 (71,5) fell from Q2
    page = window.indicator_page
    page.ensure_loaded()
    page.refresh()
    row = page.model.row_of_id(first.id)
    page.table.selectRow(row)
    cells = _cells(page, row)
    expected = next(r for r in svc.list_indicators() if r.id == first.id).track
    assert expected.state in (TrackState.BEHIND, TrackState.ON_TRACK)
    flag = cells["Tiến độ"]
    assert flag.data() == ("Chậm tiến độ" if expected.state is TrackState.BEHIND else "Đúng tiến độ")
    assert QColor(flag.data(Qt.ItemDataRole.ForegroundRole)) == TRACK_COLORS[expected.state]
    assert TRACK_RULE in flag.data(Qt.ItemDataRole.ToolTipRole)
    assert "Mục tiêu phải đạt: cuối năm 2026" in flag.data(Qt.ItemDataRole.ToolTipRole)
    assert cells["Xu hướng"].data() == "↓"
    assert cells["% mục tiêu"].data() == f"{71.5 / 80 * 100:.0f}%"
    # the history panel lists both periods, latest first, with the day reported
    hist = page.history
    assert hist.rowCount(QModelIndex()) == 2
    assert [hist.index(r, 0).data() for r in range(2)] == ["Quý 3/2026", "Quý 2/2026"]
    assert hist.index(1, 1).data() == "75" and hist.index(1, 2).data() == "03/07/2026"
    # sortable: by period ascending puts Q2 first
    page.history_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert page.history_table.model().index(0, 0).data() == "Quý 2/2026"


def test_rank_target_says_not_enough_data(window: MainWindow, demo_ctx: AppContext) -> None:
    rank = next(r for r in demo_ctx.indicators.list_indicators() if r.target == "Tốp 15")
    page = window.indicator_page
    page.ensure_loaded()
    cells = _cells(page, page.model.row_of_id(rank.id))
    assert cells["Tiến độ"].data() == "Chưa đủ dữ liệu"
    assert cells["% mục tiêu"].data() == ""
