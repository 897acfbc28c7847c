"""«Tổng quan» and «Theo dõi cơ quan» on the demo database: the numbers on screen equal those of
``summary --json`` for the same day, a clicked number lists exactly its tasks in the task page,
the date chooser changes the numbers, and the charts paint the service's figures."""

from __future__ import annotations

import json
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPointF, QSettings, Qt
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.dto import ReportInput, TaskFilter
from app.followup_dto import MEASURE_CLASS, Measure
from models.deadlines import DeadlineKind
from models.official import OfficialClass
from models.parties import Role
from tests.cli_run import copy_demo, run_cli
from tests.conftest import TODAY
from views import background
from views.class_colors import class_label
from views.followup_load import month_ends, top_agencies
from views.link_table import LinkTable
from views.main_window import PAGE_KEY, PAGE_SCOREBOARD, PAGE_TASKS, MainWindow
from views.operations import runner
from views.scoreboard_page import CLASS_COLUMNS, ScoreboardPage, percent

PAST = date(2026, 6, 30)
FIELD_OF = {
    OfficialClass.DONE_ON_TIME: "done_on_time",
    OfficialClass.DONE_LATE: "done_late",
    OfficialClass.OVERDUE: "overdue",
    OfficialClass.IN_PROGRESS: "in_progress",
    OfficialClass.CONTINUOUS: "continuous",
    OfficialClass.NO_DEADLINE: "no_deadline",
    OfficialClass.PAUSED: "paused",
    OfficialClass.CANCELLED: "cancelled",
}


@pytest.fixture
def summary(demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    """``python -m app --db COPY summary --as-of D --json`` on a copy of the same demo database."""
    db = copy_demo(demo_template, tmp_path / "cli.sqlite")

    def run(day: date) -> dict[str, Any]:
        ran = run_cli(capsys, "--db", str(db), "summary", "--as-of", day.isoformat(), "--json")
        assert ran.returncode == 0, ran.stderr
        return json.loads(ran.stdout)

    return run


@pytest.fixture
def win(qtbot: QtBot, demo_ctx: AppContext, settings: QSettings) -> MainWindow:
    """A first start: the window opens on «Tổng quan»."""
    w = MainWindow(demo_ctx, settings=settings)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    settle()
    return w


def settle() -> None:
    assert background.wait_all(20_000), "a page's computation did not finish"


def cell_text(table: LinkTable, row: int, column: int) -> str:
    return str(table.proxy.index(row, column).data())


def click_cell(qtbot: QtBot, table: LinkTable, index: QModelIndex) -> None:
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())


def listed_ids(window: MainWindow) -> set[int]:
    model = window.task_page.model
    model.fetch_all()
    return {r.id for n in range(model.rowCount(QModelIndex())) if (r := model.row_at(n)) is not None}


# -- «Tổng quan» -------------------------------------------------------------------------------


def test_overview_is_the_first_page_and_its_numbers_are_summarys(win: MainWindow, summary: Any) -> None:
    page = win.overview_page
    assert win.stack.currentWidget() is page and win.nav.item(0).text() == "Tổng quan"
    assert page.day() == TODAY and page.as_of.edit.displayFormat() == "dd/MM/yyyy"
    expected = summary(TODAY)["totals"]
    on_cards = {k.value: int(c.number.text().replace(".", "")) for k, c in page.cards.cards.items()}
    assert on_cards == expected
    assert sum(expected.values()) > 50 and expected["quá hạn"] > 0
    assert page.total_label.text() == f"Tổng số: {sum(expected.values())} nhiệm vụ"  # < 1.000
    # the lists: exactly the overdue tasks, with their days; the due-soon ones within the setting
    fu = win._ctx.followup
    assert [r.task_id for r in page.overdue_model.rows()] == [d.task_id for d in fu.overdue(TODAY)]
    assert len(page.overdue_model.rows()) == expected["quá hạn"]
    first = page.overdue_model.rows()[0]
    assert first.days == (TODAY - first.due).days > 0
    soon = win._ctx.settings.soon_days()
    assert page.tabs.tabText(1).startswith(f"Đến hạn trong {soon} ngày")
    assert [r.task_id for r in page.soon_model.rows()] == [d.task_id for d in fu.due_within(TODAY, soon)]
    # per directive: the same classes, adding up to the totals
    per = page.directive_model.rows()
    for klass in OfficialClass:
        assert sum(r.counts.counts[klass] for r in per) == expected[klass.value]


def test_the_date_chooser_changes_the_numbers(qtbot: QtBot, win: MainWindow, summary: Any) -> None:
    page, board = win.overview_page, win.scoreboard_page
    before = {k: c.count for k, c in page.cards.cards.items()}
    page.as_of.set_day(PAST)
    settle()
    expected = summary(PAST)["totals"]
    after = {k: c.count for k, c in page.cards.cards.items()}
    assert {k.value: n for k, n in after.items()} == expected
    assert after != before
    assert page.data is not None and page.data.as_of == PAST
    assert board.day() == PAST  # the other page counts as of the same day
    page.as_of.today_button.click()
    settle()
    assert page.day() == TODAY and {k: c.count for k, c in page.cards.cards.items()} == before


def test_a_card_lists_exactly_its_tasks_and_the_chip_takes_them_away(qtbot: QtBot, win: MainWindow) -> None:
    fu, page = win._ctx.followup, win.overview_page
    card = page.cards.cards[OfficialClass.OVERDUE]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    settle()
    assert win.stack.currentWidget() is win.task_page
    expected = fu.class_task_ids(TODAY, OfficialClass.OVERDUE)
    assert listed_ids(win) == set(expected) and len(expected) == card.count
    bar = win.task_page.selection_bar
    assert bar.isVisible()
    assert bar.label.text() == f"Đang xem: {len(expected)} nhiệm vụ quá hạn tại 24/11/2026"
    assert win.task_page.filter_bar.count_label.text() == f"{len(expected)} nhiệm vụ"
    bar.action_button.click()  # «Bỏ»
    assert not bar.isVisible()
    assert len(listed_ids(win)) == win._ctx.tasks.count(TaskFilter())


def test_a_directive_cell_lists_its_tasks(qtbot: QtBot, win: MainWindow) -> None:
    page, fu = win.overview_page, win._ctx.followup
    page.tabs.setCurrentWidget(page.directive_table)
    table = page.directive_table
    src_col = next(
        n for n, c in enumerate(page.directive_model.columns) if c.header_tip == "Đang thực hiện trong hạn"
    )
    row = next(
        n for n, r in enumerate(page.directive_model.rows()) if r.counts.counts[OfficialClass.IN_PROGRESS]
    )
    d = page.directive_model.rows()[row]
    click_cell(qtbot, table, table.view_index(row, src_col))
    settle()
    assert win.stack.currentWidget() is win.task_page
    assert listed_ids(win) == set(fu.class_task_ids(TODAY, OfficialClass.IN_PROGRESS, d.directive_id))
    assert d.number in win.task_page.selection_bar.label.text()


def test_the_directive_chooser_limits_every_number(win: MainWindow) -> None:
    page, fu = win.overview_page, win._ctx.followup
    directive = page.directive_model.rows()[0]
    page.directive.setCurrentIndex(page.directive.findData(directive.directive_id))
    settle()
    assert {k: c.count for k, c in page.cards.cards.items()} == directive.counts.counts
    assert [r.task_id for r in page.overdue_model.rows()] == [
        d.task_id for d in fu.overdue(TODAY, directive.directive_id)
    ]


def test_the_charts_paint_the_services_figures(qtbot: QtBot, win: MainWindow) -> None:
    page, fu = win.overview_page, win._ctx.followup
    agencies, trend = page.agency_chart, page.trend_chart
    for chart in (agencies, trend):
        pixmap = chart.grab()
        assert not pixmap.isNull() and pixmap.width() > 300 and pixmap.height() > 150
    lines = top_agencies(fu.scoreboard(TODAY))
    assert 0 < len(agencies.rows) <= 12
    leading = sum(1 for x in fu.scoreboard(TODAY) if x.lead.assigned)
    assert leading > 12 and agencies.title.endswith(f"(12/{leading} cơ quan nhiều việc nhất)")
    assert [(r.name, r.counts) for r in agencies.rows] == [(x.name, x.lead.counts) for x in lines]
    assert [p.day for p in trend.points] == month_ends(TODAY) and trend.points[-1].day == TODAY
    assert [p.overdue for p in trend.points] == [
        fu.overview(d).totals.counts[OfficialClass.OVERDUE] for d in month_ends(TODAY)
    ]
    # tooltips say the exact number; a click lists the tasks behind the bar
    (rect, key) = next((r, k) for r, k in agencies.hit_keys() if isinstance(k, tuple))
    i, klass = key
    n = agencies.rows[i].counts[klass]
    assert f"{class_label(klass)}: {n} / {agencies.rows[i].total}" in agencies.tooltip_at(rect.center())
    qtbot.mouseClick(agencies, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    settle()
    line = lines[i]
    measure = {v: k for k, v in MEASURE_CLASS.items()}[klass]
    expected = fu.cell_task_ids(TODAY, measure, Role.LEAD, line.agency_id, line.group_id)
    assert win.stack.currentWidget() is win.task_page and listed_ids(win) == set(expected)
    last = trend.hit_keys()[-1][0]
    assert trend.tooltip_at(last.center()).startswith(
        f"Quá hạn tại 24/11/2026: {trend.points[-1].overdue} nhiệm vụ"
    )
    assert trend.tooltip_at(QPointF(-5, -5)) == ""


def test_a_report_recomputes_the_overview(qtbot: QtBot, win: MainWindow) -> None:
    page, ctx = win.overview_page, win._ctx
    overdue = page.cards.cards[OfficialClass.OVERDUE].count
    task_id = next(  # one deadline: a done report takes it out of the overdue
        r.task_id
        for r in page.overdue_model.rows()
        if ctx.tasks.get(r.task_id).deadline_kind is DeadlineKind.ONCE
    )
    for a in ctx.tasks.get(task_id).assignments:
        runner().run_modal(None, partial(ctx.reports.add, ReportInput(a.id, TODAY, "Xong", done=True)))
    settle()
    assert page.cards.cards[OfficialClass.OVERDUE].count == overdue - 1
    assert task_id not in [r.task_id for r in page.overdue_model.rows()]


# -- «Theo dõi cơ quan» ----------------------------------------------------------------------


def board_rows(page: ScoreboardPage) -> dict[tuple[str, bool], list[str]]:
    t = page.table
    out = {}
    for row in range(t.proxy.rowCount()):
        src = page.model.rows()[t.proxy.mapToSource(t.proxy.index(row, 0)).row()]
        out[(src.name, src.group_id is not None)] = [
            cell_text(t, row, c) for c in range(t.proxy.columnCount())
        ]
    return out


def test_scoreboard_numbers_are_summarys(win: MainWindow, summary: Any) -> None:
    win.show_page(PAGE_SCOREBOARD)
    settle()
    page = win.scoreboard_page
    data = summary(TODAY)["agencies"]
    lead = board_rows(page)
    leading = [a for a in data if a["lead"]]
    assert len(lead) == len(leading) > 10
    for a in leading:
        cells = lead[(a["agency"], a["group"])]
        assert cells[1] == str(a["lead"])
        for n, (_title, _tip, measure) in enumerate(CLASS_COLUMNS):
            assert cells[2 + n] == str(a[measure.value]), (a["agency"], measure)
        assert cells[-3] == percent(a["on_time_rate"])
        assert cells[-2] == percent(a["update_rate"])
        assert cells[-1] == ("" if a["longest_overdue_days"] is None else str(a["longest_overdue_days"]))
    assert "—" in {c[-3] for c in lead.values()}  # no rate is not 0 %
    # groups named on tasks are rows of their own
    assert any(group for _name, group in lead)
    # the cooperating view: assigned and overdue as cooperating
    page.coop_button.click()
    coop = board_rows(page)
    cooperating = [a for a in data if a["cooperating"]]
    assert len(coop) == len(cooperating)
    overdue_col = 2 + [m for _t, _h, m in CLASS_COLUMNS].index(Measure.OVERDUE)
    for a in cooperating:
        cells = coop[(a["agency"], a["group"])]
        assert cells[1] == str(a["cooperating"]) and cells[overdue_col] == str(a["cooperating_overdue"])


def test_scoreboard_sorts_names_in_vietnamese_order_and_numbers_as_numbers(win: MainWindow) -> None:
    win.show_page(PAGE_SCOREBOARD)
    settle()
    t = win.scoreboard_page.table
    names = [cell_text(t, r, 0) for r in range(t.proxy.rowCount())]
    # đ after d, Ủy (U) before V, "Sở" entries together
    assert (
        names.index("Công an tỉnh") < names.index("Đảng ủy Ủy ban nhân dân tỉnh") < names.index("Sở Nội vụ")
    )
    assert names.index("Văn phòng Ủy ban nhân dân tỉnh") > names.index("Ủy ban Kiểm tra Tỉnh ủy")
    t.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assigned = [int(cell_text(t, r, 1)) for r in range(t.proxy.rowCount())]
    assert assigned == sorted(assigned, reverse=True) and assigned[0] >= 10


def test_scoreboard_headers_give_the_formulas(win: MainWindow) -> None:
    from app.followup_dto import LONGEST_OVERDUE_FORMULA, ON_TIME_RATE_FORMULA, UPDATE_RATE_FORMULA

    model = win.scoreboard_page.model
    tips = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) for c in range(13)]
    assert tips[-3:] == [ON_TIME_RATE_FORMULA, UPDATE_RATE_FORMULA, LONGEST_OVERDUE_FORMULA]


@pytest.mark.parametrize(
    ("role", "column", "measure"),
    [
        (Role.LEAD, 1, Measure.ASSIGNED),
        (Role.LEAD, 4, Measure.OVERDUE),
        (Role.LEAD, 10, Measure.DONE),
        (Role.LEAD, 12, Measure.LONGEST_OVERDUE),
        (Role.COOPERATING, 4, Measure.OVERDUE),
    ],
)
def test_a_scoreboard_cell_lists_exactly_its_tasks(
    qtbot: QtBot, win: MainWindow, role: Role, column: int, measure: Measure
) -> None:
    win.show_page(PAGE_SCOREBOARD)
    settle()
    page, fu = win.scoreboard_page, win._ctx.followup
    page.set_role(role)
    row = next(r for r in range(len(page.model.rows())) if page.model.link_at(r, column) is not None)
    line = page.model.rows()[row]
    click_cell(qtbot, page.table, page.table.view_index(row, column))
    settle()
    expected = fu.cell_task_ids(TODAY, measure, role, line.agency_id, line.group_id)
    assert win.stack.currentWidget() is win.task_page
    assert expected and listed_ids(win) == set(expected)
    assert line.name in win.task_page.selection_bar.label.text()


def test_a_zero_is_not_a_link(qtbot: QtBot, win: MainWindow) -> None:
    win.show_page(PAGE_SCOREBOARD)
    settle()
    page = win.scoreboard_page
    row, col = next(
        (r, c)
        for r in range(len(page.model.rows()))
        for c in range(1, 10)
        if page.model.index(r, c).data() == "0"
    )
    assert page.model.link_at(row, col) is None
    click_cell(qtbot, page.table, page.table.view_index(row, col))
    settle()
    assert win.stack.currentWidget() is page


def test_the_window_stays_on_the_task_list_when_left_there(
    qtbot: QtBot, demo_ctx: AppContext, settings: QSettings
) -> None:
    settings.setValue(PAGE_KEY, "Nhiệm vụ")
    w = MainWindow(demo_ctx, settings=settings)
    qtbot.addWidget(w)
    assert w.stack.currentIndex() == PAGE_TASKS
    w.show_page(PAGE_SCOREBOARD)
    w.close()
    assert settings.value(PAGE_KEY) == "Theo dõi cơ quan"
    settle()


def test_pressing_delete_on_the_overview_deletes_nothing(win: MainWindow, shown: Any) -> None:
    before = win._ctx.tasks.count(TaskFilter())
    win.list_actions.delete.trigger()
    settle()
    assert win._ctx.tasks.count(TaskFilter()) == before and not shown.questions


def test_the_numbers_are_computed_off_the_gui_thread(
    win: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from views import overview_page

    threads: list[threading.Thread] = []
    real = overview_page.load_overview

    def spy(*args: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(overview_page, "load_overview", spy)
    page = win.overview_page
    page.refresh()
    # the call returned at once: the page says it is counting, the old numbers are not shown as current
    assert page.cards.cards[OfficialClass.OVERDUE].number.text() == "…"
    assert page.status_label.text().startswith("Đang tính")
    settle()
    assert threads and threads[0] is not threading.main_thread()
    assert page.cards.cards[OfficialClass.OVERDUE].number.text() != "…" and not page.status_label.text()
