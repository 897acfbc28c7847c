"""What a deletion takes with it is counted before the user is asked, on a real database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.context import AppContext
from app.dto import (
    AgencyInput,
    DeletionCounts,
    DirectiveInput,
    IndicatorInput,
    ReportInput,
    TaskFilter,
    TaskInput,
)
from app.errors import NotFound, UserError
from app.paths import resource


def _evidence(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(name.encode() * 40)
    return path


def _plan(ctx: AppContext, tmp_path: Path) -> tuple[int, int, list[int]]:
    """A directive with 3 tasks, 3 reports (two with evidence: 3 files), 2 indicators (3 values);
    a second directive with a task and a report that must not be counted."""
    ctx.agencies.save(AgencyInput("Sở Thử nghiệm", aliases=["STN", "Sở TN"]))
    ctx.agencies.save(AgencyInput("Sở Đối chứng"))
    lead, other = ctx.agencies.resolve_or_fail("Sở Thử nghiệm"), ctx.agencies.resolve_or_fail("Sở Đối chứng")
    kh = ctx.directives.save(DirectiveInput(number="125/KH-BCĐ", kind="KH")).value
    cv = ctx.directives.save(DirectiveInput(number="420-CV/TU", kind="CV")).value
    tasks = [
        ctx.tasks.save(TaskInput(kh, f"Việc {n}", lead=[lead], cooperating=[other] if n == 0 else [])).value
        for n in range(3)
    ]
    elsewhere = ctx.tasks.save(TaskInput(cv, "Việc khác", lead=[lead])).value

    def report(task_id: int, files: list[Path]) -> None:
        assignment = ctx.tasks.get(task_id).assignments[-1].id
        ctx.reports.add(ReportInput(assignment, date(2026, 11, 1), "Đã làm", evidence_files=files))

    report(tasks[0], [_evidence(tmp_path, "a.pdf"), _evidence(tmp_path, "b.pdf")])
    report(tasks[0], [])
    report(tasks[1], [_evidence(tmp_path, "c.pdf")])
    report(elsewhere, [_evidence(tmp_path, "d.pdf")])
    i1 = ctx.indicators.save(IndicatorInput("Tỷ lệ", directive_id=kh, lead=[lead])).value
    i2 = ctx.indicators.save(IndicatorInput("Số doanh nghiệp", directive_id=kh)).value
    ctx.indicators.save(IndicatorInput("Không thuộc văn bản", directive_id=cv))
    ctx.indicators.record_value(i1, "2025", 10)
    ctx.indicators.record_value(i1, "2026", 20)
    ctx.indicators.record_value(i2, "2026", 5)
    return kh, cv, tasks


def test_directive_counts_its_tasks_reports_files_and_indicators(ctx: AppContext, tmp_path: Path) -> None:
    kh, cv, tasks = _plan(ctx, tmp_path)
    counts = ctx.directives.deletion_counts(kh)
    assert counts == DeletionCounts(tasks=3, reports=3, evidence_files=3, indicators=2, indicator_values=3)
    assert ctx.directives.deletion_counts(cv) == DeletionCounts(
        tasks=1, reports=1, evidence_files=1, indicators=1
    )

    # the counts are what the delete then removes
    reports_before = sum(len(ctx.reports.list_for_task(t)) for t in tasks)
    ctx.directives.delete(kh)
    assert reports_before == counts.reports
    assert ctx.tasks.count(TaskFilter()) == 1
    assert [i.name for i in ctx.indicators.list_indicators()] == ["Không thuộc văn bản"]
    with pytest.raises(NotFound):
        ctx.directives.deletion_counts(kh)


def test_task_counts_its_reports_and_files(ctx: AppContext, tmp_path: Path) -> None:
    _kh, _cv, tasks = _plan(ctx, tmp_path)
    assert ctx.tasks.deletion_counts(tasks[0]) == DeletionCounts(tasks=1, reports=2, evidence_files=2)
    assert ctx.tasks.deletion_counts(tasks[1]) == DeletionCounts(tasks=1, reports=1, evidence_files=1)
    assert ctx.tasks.deletion_counts(tasks[2]) == DeletionCounts(tasks=1)


def test_agency_counts_names_groups_and_what_blocks_it(ctx: AppContext, tmp_path: Path) -> None:
    _plan(ctx, tmp_path)
    used = ctx.agencies.resolve_or_fail("Sở Thử nghiệm").agency_id
    assert used is not None
    # lead of 3 + 1 tasks, and of one indicator: the service refuses, the count says why
    assert ctx.agencies.deletion_counts(used) == DeletionCounts(aliases=2, blocking=5)
    with pytest.raises(UserError):
        ctx.agencies.delete(used)

    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    unused = [a for a in ctx.agencies.list_agencies() if a.aliases and a.lead_count == 0]
    assert unused
    for agency in unused:
        assert ctx.agencies.deletion_counts(agency.id) == DeletionCounts(aliases=len(agency.aliases))
