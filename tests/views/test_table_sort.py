"""Header clicks sort the task list (in the database) and the agency page (Vietnamese order)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.changes import Changes
from app.context import AppContext
from app.dto import TaskInput, TaskSort, TaskSortKey
from models.vn_collation import sorted_vn, stored_key
from views.main_window import PAGE_AGENCIES, MainWindow
from views.task_table_model import COL_CONTENT, COL_MISSING, COL_OVERDUE, COLUMNS

LEAD, COOPERATING = 3, 4


def click_header(qtbot: QtBot, table: QTableView, column: int) -> None:
    header = table.horizontalHeader()
    table.scrollTo(table.model().index(0, column))
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_clicking_task_headers_sorts_in_the_database_up_then_down(qtbot: QtBot, window: MainWindow) -> None:
    page = window.task_page
    model = page.model
    click_header(qtbot, page.table, LEAD)
    assert model.sort_by == TaskSort(TaskSortKey.LEAD)
    assert page.table.horizontalHeader().sortIndicatorSection() == LEAD
    model.fetch_all()
    leads = [model.row_at(n).lead for n in range(model.rowCount())]  # type: ignore[union-attr]
    assert len(leads) > 20
    assert leads == sorted(leads, key=stored_key)
    assert page.current_task_id() is not None  # a row stays selected

    click_header(qtbot, page.table, LEAD)
    assert model.sort_by == TaskSort(TaskSortKey.LEAD, descending=True)
    model.fetch_all()
    down = [model.row_at(n).lead for n in range(model.rowCount())]  # type: ignore[union-attr]
    assert down == sorted(leads, key=stored_key, reverse=True)

    click_header(qtbot, page.table, COL_OVERDUE)
    assert model.sort_by == TaskSort(TaskSortKey.OVERDUE)
    model.fetch_all()
    days = [model.row_at(n).overdue_days for n in range(model.rowCount())]  # type: ignore[union-attr]
    shown = [model.index(n, COL_OVERDUE).data() for n in range(model.rowCount())]
    assert [d if d is not None else -1 for d in days] == sorted(d if d is not None else -1 for d in days)
    assert any(days) and shown[-1] == f"quá {days[-1]} ngày"

    click_header(qtbot, page.table, COL_MISSING)
    assert model.sort_by.key is TaskSortKey.CLARITY


def test_a_column_without_an_order_returns_to_the_plan(qtbot: QtBot, window: MainWindow) -> None:
    page = window.task_page
    plan = [page.model.row_at(n).id for n in range(page.model.rowCount())]  # type: ignore[union-attr]
    click_header(qtbot, page.table, COL_CONTENT)
    assert page.model.sort_by.key is TaskSortKey.CONTENT
    click_header(qtbot, page.table, COOPERATING)
    assert page.model.sort_by == TaskSort()
    assert page.table.horizontalHeader().sortIndicatorSection() == -1
    assert [page.model.row_at(n).id for n in range(page.model.rowCount())] == plan  # type: ignore[union-attr]


def test_an_edited_row_moves_to_its_place_in_the_sorted_list(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext
) -> None:
    page = window.task_page
    model = page.model
    click_header(qtbot, page.table, COL_CONTENT)
    model.fetch_all()
    last = model.row_at(model.rowCount() - 1)
    assert last is not None
    detail = demo_ctx.tasks.get(last.id)
    lead = [a.party for a in detail.assignments if a.role.value == "lead"]
    demo_ctx.tasks.save(
        TaskInput(
            detail.directive_id,
            "Ấn định lộ trình",
            lead,
            [],
            detail.deadline_text,
            detail.product,
            id=detail.id,
        )
    )
    model.apply_changes(Changes.of(task_ids=[last.id]))
    ids = [model.row_at(n).id for n in range(model.rowCount())]  # type: ignore[union-attr]
    fresh = demo_ctx.tasks.page_after(model.task_filter, None, 1000, model.sort_by)
    assert ids == [r.id for r in fresh]
    assert ids.index(last.id) < 5  # "Ấn" files among the a-words, near the top


def test_task_list_columns_show_days_overdue_and_an_icon_for_06_ro(window: MainWindow) -> None:
    model = window.task_page.model
    assert COLUMNS[COL_OVERDUE][0] == "Quá hạn"
    overdue = next(n for n in range(model.rowCount()) if model.row_at(n).overdue_days)  # type: ignore[union-attr]
    assert model.index(overdue, COL_OVERDUE).data().startswith("quá ")
    cell = model.index(0, COL_MISSING)
    assert cell.data() == ""
    assert not cell.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert cell.data(Qt.ItemDataRole.ToolTipRole)
    assert window.task_page.table.columnWidth(COL_MISSING) < 60


def test_clicking_agency_headers_sorts_names_in_vietnamese_order(qtbot: QtBot, window: MainWindow) -> None:
    window.show_page(PAGE_AGENCIES)
    page = window.agency_page
    model = page.model
    names = [r.name for r in model.rows()]
    assert names == sorted_vn(names)  # as the service gives them
    click_header(qtbot, page.table, 0)
    assert [r.name for r in model.rows()] == sorted_vn(names)
    click_header(qtbot, page.table, 0)
    assert [r.name for r in model.rows()] == sorted_vn(names)[::-1]
    longest = next(n for n, c in enumerate(page.model._columns) if c.title == "Quá hạn lâu nhất")
    click_header(qtbot, page.table, longest)
    days = [r.overdue_days if r.overdue_days is not None else -1 for r in model.rows()]
    assert days == sorted(days) and days[-1] > 0
    # the selection follows its row through a sort
    page.table.selectRow(0)
    chosen = page.current_id()
    click_header(qtbot, page.table, longest)
    assert page.current_id() == chosen
    assert [r.overdue_days if r.overdue_days is not None else -1 for r in model.rows()] == sorted(
        days, reverse=True
    )
