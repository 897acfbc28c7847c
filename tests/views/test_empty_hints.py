"""Empty lists say what to do next, and tell an empty database from a filter that matches nothing."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.context import AppContext
from views.main_window import PAGE_AGENCIES, PAGE_DIRECTIVES, PAGE_INDICATORS, MainWindow


def test_an_empty_database_says_where_to_start(qtbot: QtBot, ctx: AppContext, settings: QSettings) -> None:
    w = MainWindow(ctx, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    hint = w.task_page.empty_hint
    assert hint.label.isVisible()
    assert hint.text() == (
        "Chưa có nhiệm vụ. Nhập phụ lục bằng Tệp → Nhập phụ lục Excel… (Ctrl+I) hoặc bấm «Thêm nhiệm vụ»."
    )
    # the names it quotes are the real ones
    assert w.import_action.shortcut().toString() == "Ctrl+I"
    assert w.import_action.text().startswith("&Nhập phụ lục Excel")
    assert w.task_page.add_button.text() == "Thêm nhiệm vụ"
    assert not w.task_page.detail.empty_reports.is_shown()  # no task selected: nothing to say

    w.show_page(PAGE_DIRECTIVES)
    assert w.directive_page.empty_hint.text().startswith("Chưa có văn bản chỉ đạo. Bấm «Thêm văn bản»")
    assert w.directive_page.add_button.text() == "Thêm văn bản"
    w.show_page(PAGE_INDICATORS)
    assert w.indicator_page.empty_hint.text().startswith("Chưa có chỉ tiêu. Bấm «Thêm chỉ tiêu»")
    assert w.indicator_page.add_button.text() == "Thêm chỉ tiêu"
    w.show_page(PAGE_AGENCIES)
    assert w.agency_page.empty_hint.text() == (
        "Chưa có cơ quan. Bấm «Nhập danh mục từ Excel…» để nhập danh mục, hoặc «Thêm cơ quan»."
    )
    assert w.agency_page.import_button.text() == "Nhập danh mục từ Excel…"


def test_a_filter_that_matches_nothing_offers_to_clear_it(qtbot: QtBot, window: MainWindow) -> None:
    page = window.task_page
    assert not page.empty_hint.is_shown()
    page.filter_bar.search.setText("khong the co nhiem vu nao nhu the nay")
    page.filter_bar.emit_filter()
    assert page.model.rowCount() == 0
    assert page.empty_hint.label.isVisible()
    assert page.empty_hint.text() == 'Không có nhiệm vụ khớp bộ lọc. «<a href="clear">Bỏ lọc</a>»'

    page.empty_hint.label.linkActivated.emit("clear")  # the user clicks «Bỏ lọc»

    assert page.filter_bar.search.text() == ""
    assert page.model.rowCount() > 0 and not page.empty_hint.is_shown()


def test_an_agency_search_that_finds_nothing_says_so(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page(PAGE_AGENCIES)
    page = window.agency_page
    page.search.setText("<không có>")
    page.refresh()
    assert page.empty_hint.text() == "Không có cơ quan nào khớp «&lt;không có&gt;»."


def test_a_task_without_reports_says_how_to_add_the_first(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext
) -> None:
    page = window.task_page
    page.model.fetch_all()
    with_reports = without = None
    for n in range(page.model.rowCount()):
        row = page.model.row_at(n)
        assert row is not None
        if demo_ctx.reports.list_for_task(row.id):
            with_reports = n if with_reports is None else with_reports
        elif without is None:
            without = n
    assert with_reports is not None and without is not None

    page.table.selectRow(without)
    hint = page.detail.empty_reports
    assert hint.label.isVisible()
    assert hint.text() == "Chưa có báo cáo. Bấm «Thêm báo cáo» để ghi báo cáo đầu tiên."
    assert page.detail.add_report_button.text() == "Thêm báo cáo"
    page.table.selectRow(with_reports)
    assert not hint.is_shown()
