"""The filter bar: agency + status, free-text search without diacritics, the count label."""

from __future__ import annotations

import json

from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.dto import TaskFilter
from app.paths import resource
from models.parties import Role
from models.status import Status
from views.main_window import MainWindow
from views.task_table_model import COL_STATUS, STATUS_ROLE, TASK_ID_ROLE


def _agency_with_overdue(ctx: AppContext) -> tuple[int, int]:
    best = (0, 0)
    for a in ctx.agencies.list_agencies():
        n = ctx.tasks.count(TaskFilter(agency_id=a.id, statuses=(Status.OVERDUE,)))
        if n > best[1]:
            best = (a.id, n)
    assert best[1] > 1
    return best


def test_agency_and_overdue_filter(window: MainWindow, demo_ctx: AppContext) -> None:
    page = window.task_page
    agency_id, expected = _agency_with_overdue(demo_ctx)
    page.filter_bar.set_agency(agency_id)
    page.filter_bar.set_status(Status.OVERDUE)
    model = page.model
    model.fetch_all()
    assert model.task_filter.agency_id == agency_id
    assert model.task_filter.statuses == (Status.OVERDUE,)
    assert type(model.task_filter.statuses[0]) is Status
    assert model.rowCount(QModelIndex()) == expected
    assert page.filter_bar.count_label.text() == f"{expected} nhiệm vụ"
    for n in range(expected):
        assert model.index(n, COL_STATUS).data() == "Quá hạn"
        assert model.index(n, 0).data(STATUS_ROLE) == "quá hạn"


def test_role_filter_narrows_to_lead(window: MainWindow, demo_ctx: AppContext) -> None:
    page = window.task_page
    agency_id, _ = _agency_with_overdue(demo_ctx)
    page.filter_bar.set_agency(agency_id)
    page.filter_bar.role.setCurrentIndex(1)  # Chủ trì
    assert page.filter_bar.role.currentText() == "Chủ trì"
    assert page.model.task_filter.agency_role is Role.LEAD
    expected = demo_ctx.tasks.count(TaskFilter(agency_id=agency_id, agency_role=Role.LEAD))
    page.model.fetch_all()
    assert page.model.rowCount(QModelIndex()) == expected
    assert expected <= demo_ctx.tasks.count(TaskFilter(agency_id=agency_id))
    page.filter_bar.status.setCurrentIndex(0)
    page.filter_bar.role.setCurrentIndex(0)  # lead or cooperating
    assert page.model.task_filter.agency_role is None and page.model.task_filter.statuses == ()


def test_typed_agency_name_selects_it(window: MainWindow, demo_ctx: AppContext) -> None:
    bar = window.task_page.filter_bar
    agency = demo_ctx.agencies.list_agencies()[3]
    line = bar.agency.lineEdit()
    assert line is not None
    line.setText(agency.name)
    line.editingFinished.emit()
    assert window.task_page.model.task_filter.agency_id == agency.id


def test_search_without_diacritics_is_debounced(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext
) -> None:
    data = json.loads(resource("demo", "demo.json").read_text(encoding="utf-8"))
    contents = [t["content"] for d in data["directives"] for t in d.get("tasks", [])]
    assert any("Đề án" in c for c in contents)
    page = window.task_page
    qtbot.keyClicks(page.filter_bar.search, "de an")
    assert page.model.task_filter.search == ""  # not yet: waits 250 ms after the last key
    qtbot.waitUntil(lambda: page.model.task_filter.search == "de an", timeout=2000)
    page.model.fetch_all()
    n = page.model.rowCount(QModelIndex())
    assert n == demo_ctx.tasks.count(TaskFilter(search="de an")) > 0
    shown = [page.model.row_at(i) for i in range(n)]
    assert any(r is not None and "Đề án" in r.content for r in shown)
    ids = {page.model.index(i, 0).data(TASK_ID_ROLE) for i in range(n)}
    assert ids == {r.id for r in shown if r is not None}


def test_due_range_filter(window: MainWindow, demo_ctx: AppContext) -> None:
    from datetime import date

    from views.labels import to_qdate

    bar = window.task_page.filter_bar
    bar.due_from.setDate(to_qdate(date(2026, 4, 1)))
    bar.due_to.setDate(to_qdate(date(2026, 6, 30)))
    bar.use_dates.setChecked(True)
    flt = window.task_page.model.task_filter
    assert (flt.due_from, flt.due_to) == (date(2026, 4, 1), date(2026, 6, 30))
    window.task_page.model.fetch_all()
    assert window.task_page.model.rowCount(QModelIndex()) == demo_ctx.tasks.count(flt)
