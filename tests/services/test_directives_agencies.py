"""Directives and agencies through their services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.context import AppContext
from app.dto import AgencyInput, DirectiveInput, TaskFilter, TaskInput
from app.errors import UserError, ValidationError
from app.paths import resource
from models.directive_kinds import kind_from_number
from models.status import Status

# run on SQLite and on PostgreSQL (tests/conftest.py)
BOTH_ENGINES = True


def test_citation_links_to_directive_registered_later(ctx: AppContext) -> None:
    plan = ctx.directives.save(
        DirectiveInput(number="125/KH-BCĐ", kind="KH", citations=["57-NQ/TW", "71/NQ-CP"])
    ).value
    assert [c.directive_id for c in ctx.directives.get(plan).citations] == [None, None]
    nq = ctx.directives.save(DirectiveInput(number="57-NQ/TW", kind="NQ", issued_on=date(2024, 12, 22))).value
    assert [c.directive_id for c in ctx.directives.get(plan).citations] == [nq, None]


def test_duplicate_number_is_refused(ctx: AppContext) -> None:
    ctx.directives.save(DirectiveInput(number="420-CV/TU"))
    with pytest.raises(ValidationError) as err:
        ctx.directives.save(DirectiveInput(number="420-cv/tu"))
    assert err.value.field == "number"


def test_parent_and_delete_cascades_tasks(ctx: AppContext) -> None:
    nq = ctx.directives.save(DirectiveInput(number="57-NQ/TW", kind="NQ")).value
    kh = ctx.directives.save(DirectiveInput(number="125/KH-BCĐ", kind="KH", parent_id=nq)).value
    assert ctx.directives.get(kh).parent_number == "57-NQ/TW"
    ctx.tasks.save(TaskInput(kh, "Việc"))
    ctx.directives.delete(kh)
    assert ctx.tasks.count(TaskFilter()) == 0
    assert [d.number for d in ctx.directives.list_directives()] == ["57-NQ/TW"]


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("125/KH-BCĐ", "KH"),
        ("420-CV/TU", "CV"),
        ("05/UBND-VX", "CV"),
        ("11/QĐ-BCĐCP", "QĐ"),
        ("01-CTr/BCĐ", "CTr"),
    ],
)
def test_kind_read_from_number(number: str, kind: str) -> None:
    assert kind_from_number(number) == kind


def test_catalogue_import_matches_names_and_aliases(ctx: AppContext) -> None:
    added, updated = ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx")).value
    assert (added, updated) == (28, 0)
    for name in ("Sở KH&CN", "so khcn", "VP UBND tỉnh", "  công an   tỉnh ", "Báo và PT,TH Hưng Yên"):
        assert ctx.agencies.resolve(name) is not None, name
    assert ctx.agencies.resolve_or_fail("SKHCN").name == "Sở Khoa học và Công nghệ"
    group = ctx.agencies.resolve_or_fail("UBND các xã, phường")
    assert group.is_group
    assert ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx")).value == (0, 28)


def test_catalogue_import_of_a_non_workbook_is_one_clear_message(ctx: AppContext, tmp_path: Path) -> None:
    bad = tmp_path / "danh-muc.xlsx"
    bad.write_text("không phải Excel")
    with pytest.raises(UserError, match=r"danh-muc\.xlsx"):
        ctx.agencies.import_catalogue(bad)
    assert ctx.agencies.list_agencies() == []


def test_agency_with_tasks_cannot_be_deleted(ctx: AppContext) -> None:
    aid = ctx.agencies.save(AgencyInput(name="Sở Y tế", aliases=["SYT"])).value
    d = ctx.directives.save(DirectiveInput(number="1/KH-BCĐ", kind="KH")).value
    ctx.tasks.save(TaskInput(d, "Việc", [ctx.agencies.resolve_or_fail("SYT")]))
    with pytest.raises(UserError, match="không xóa được"):
        ctx.agencies.delete(aid)
    assert ctx.agencies.get(aid).name == "Sở Y tế"


def test_alias_of_another_agency_is_refused(ctx: AppContext) -> None:
    ctx.agencies.save(AgencyInput(name="Sở Y tế", aliases=["SYT"]))
    with pytest.raises(ValidationError):
        ctx.agencies.save(AgencyInput(name="Sở Tư pháp", aliases=["syt"]))
    assert [a.name for a in ctx.agencies.list_agencies()] == ["Sở Y tế"]


def test_agency_rollup_counts_its_assignments_by_status(demo_ctx: AppContext) -> None:
    from app.dto import TaskFilter

    police = demo_ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
    assert police is not None
    counts = demo_ctx.agencies.status_counts(police)
    assert sum(counts.values()) == demo_ctx.tasks.count(TaskFilter(agency_id=police))
    overdue = demo_ctx.tasks.count(TaskFilter(agency_id=police, statuses=(Status.OVERDUE,)))
    assert counts["quá hạn"] == overdue > 0
    row = next(r for r in demo_ctx.agencies.list_agencies() if r.id == police)
    assert row.overdue_count == overdue


def test_latest_indicator_value_follows_period_end_not_text_order(ctx: AppContext) -> None:
    from app.dto import IndicatorInput

    iid = ctx.indicators.save(
        IndicatorInput(name="Tỷ lệ hồ sơ trực tuyến", unit="%", baseline=52.4, target="80")
    ).value
    ctx.indicators.record_value(iid, "2026-Q1", 55)
    ctx.indicators.record_value(iid, "2026-06", 60)
    ctx.indicators.record_value(iid, "2026-Q3", 70)
    ctx.indicators.record_value(iid, "2026-08", 65)
    [row] = ctx.indicators.list_indicators()
    assert (row.latest_period, row.latest_value) == ("2026-Q3", 70)
    assert (row.baseline, row.target) == ("52,4", "80")
    with pytest.raises(ValidationError):
        ctx.indicators.record_value(iid, "Q5/2026", 1)
    ctx.indicators.record_value(iid, "6 tháng cuối năm 2026", 75)  # typed as people write it
    [row] = ctx.indicators.list_indicators()
    assert (row.latest_period, row.latest_value) == ("2026-H2", 75)
