"""Widgets get what they use: a page built with only the services its protocol names works."""

from __future__ import annotations

from types import SimpleNamespace

from pytestqt.qtbot import QtBot

from app.context import AppContext
from views.agency_page import AgencyPage
from views.indicator_page import IndicatorPage
from views.task_table_model import TaskTableModel


def test_pages_run_on_just_the_services_they_declare(qtbot: QtBot, demo_ctx: AppContext) -> None:
    agencies = AgencyPage(SimpleNamespace(agencies=demo_ctx.agencies))  # type: ignore[arg-type]
    qtbot.addWidget(agencies)
    agencies.ensure_loaded()
    assert agencies.model.rowCount() >= 28

    only = SimpleNamespace(
        agencies=demo_ctx.agencies,
        directives=demo_ctx.directives,
        indicators=demo_ctx.indicators,
        services=demo_ctx.services,
    )
    indicators = IndicatorPage(only)  # type: ignore[arg-type]
    qtbot.addWidget(indicators)
    indicators.ensure_loaded()
    assert indicators.model.rowCount() > 0

    model = TaskTableModel(SimpleNamespace(tasks=demo_ctx.tasks))  # type: ignore[arg-type]
    assert model.rowCount() == 0
    from app.dto import TaskFilter

    model.set_filter(TaskFilter())
    assert model.rowCount() > 0
