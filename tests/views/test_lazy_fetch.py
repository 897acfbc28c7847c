"""The task model loads pages as the view asks for more, never the whole table at once."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.dto import TaskFilter, TaskInput
from views.task_page import TaskPage
from views.task_table_model import PAGE_SIZE, TaskTableModel


def _add_tasks(ctx: AppContext, n: int) -> None:
    directive = ctx.directives.list_directives()[0].id
    lead = ctx.agencies.resolve_or_fail("Sở Nội vụ")
    for i in range(n):
        ctx.tasks.save(TaskInput(directive_id=directive, content=f"Nhiệm vụ thử số {i}", lead=[lead]))


def test_pages_of_200_are_fetched_on_demand(demo_ctx: AppContext) -> None:
    _add_tasks(demo_ctx, 450)
    total = demo_ctx.tasks.count(TaskFilter())
    assert total > 2 * PAGE_SIZE
    model = TaskTableModel(demo_ctx)
    root = QModelIndex()
    assert model.rowCount(root) == 0 and not model.canFetchMore(root)
    model.set_filter(TaskFilter())
    assert model.rowCount(root) == PAGE_SIZE
    assert model.canFetchMore(root)
    model.fetchMore(root)
    assert model.rowCount(root) == 2 * PAGE_SIZE
    model.fetchMore(root)
    assert model.rowCount(root) == total
    assert not model.canFetchMore(root)
    ids = {r.id for n in range(total) if (r := model.row_at(n)) is not None}
    assert len(ids) == total


def test_small_pages_and_a_filter_change_start_over(demo_ctx: AppContext) -> None:
    total = demo_ctx.tasks.count(TaskFilter())
    model = TaskTableModel(demo_ctx, page_size=20)
    root = QModelIndex()
    model.set_filter(TaskFilter())
    sizes = [model.rowCount(root)]
    while model.canFetchMore(root):
        model.fetchMore(root)
        sizes.append(model.rowCount(root))
    assert sizes == [min(total, n) for n in range(20, total + 20, 20)]
    model.set_filter(TaskFilter(search="de an"))
    assert model.rowCount(root) == min(20, demo_ctx.tasks.count(TaskFilter(search="de an")))


def test_the_view_fetches_more_when_scrolled_to_the_end(qtbot: QtBot, demo_ctx: AppContext) -> None:
    page = TaskPage(demo_ctx, page_size=25)
    qtbot.addWidget(page)
    page.resize(1200, 500)
    page.show()
    qtbot.waitExposed(page)
    model = page.model
    assert model.rowCount(QModelIndex()) < demo_ctx.tasks.count(TaskFilter())
    start = model.rowCount(QModelIndex())
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount(QModelIndex()) > start, timeout=3000)


def test_refresh_keeps_what_was_loaded(demo_ctx: AppContext) -> None:
    model = TaskTableModel(demo_ctx, page_size=20)
    model.set_filter(TaskFilter())
    model.fetchMore(QModelIndex())
    model.refresh()
    assert model.rowCount(QModelIndex()) == 40
