"""Operations answer OpResult(value, changes): the change set names exactly what was written."""

from __future__ import annotations

from collections.abc import Generator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.changes import Changes, OpResult, Subject
from app.context import AppContext
from app.dto import DirectiveInput, ReportInput, TaskFilter, TaskInput
from app.errors import UserError
from app.operation import collecting, generator_operation, operation
from app.services.base import Service
from models.entities import Task
from models.status import Suspension


def _first_task(ctx: AppContext) -> int:
    return ctx.tasks.page(TaskFilter(), 0, 1)[0].id


def test_report_names_its_task_and_reports(demo_ctx: AppContext, tmp_path: Path) -> None:
    tid = _first_task(demo_ctx)
    assignment = demo_ctx.tasks.get(tid).assignments[0].id
    proof = tmp_path / "minh-chung.txt"
    proof.write_text("x", encoding="utf-8")
    report = ReportInput(assignment, date(2026, 5, 2), "Đang làm", evidence_files=[proof])
    result = demo_ctx.reports.add(report)
    assert isinstance(result, OpResult) and isinstance(result.value, int)
    ch = result.changes
    assert ch.task_ids == {tid} and not ch.all_tasks
    assert ch.reports and ch.tasks
    assert not (ch.directives or ch.agencies or ch.indicators or ch.letters or ch.settings)

    evidence = demo_ctx.reports.add_evidence(result.value, [proof]).changes
    assert evidence.task_ids == {tid} and evidence.reports


def test_task_edit_names_only_that_task(demo_ctx: AppContext) -> None:
    tid = _first_task(demo_ctx)
    ch = demo_ctx.tasks.set_suspension(tid, Suspension.PAUSED).changes
    assert ch == Changes.of(task_ids=[tid])
    detail = demo_ctx.tasks.get(tid)
    data = TaskInput(
        directive_id=detail.directive_id,
        content=detail.content + " (sửa)",
        lead=[a.party for a in detail.assignments if a.role == "lead"],
        cooperating=[a.party for a in detail.assignments if a.role != "lead"],
        deadline_text=detail.deadline_text,
        id=tid,
    )
    saved = demo_ctx.tasks.save(data)
    assert saved.value == tid and saved.changes.task_ids == {tid} and not saved.changes.all_tasks


def test_new_task_is_named(demo_ctx: AppContext) -> None:
    d = demo_ctx.directives.list_directives()[0].id
    saved = demo_ctx.tasks.save(TaskInput(d, "Việc mới", deadline_text="30/6/2026"))
    assert saved.changes.task_ids == {saved.value}


def test_deleting_a_directive_reloads_every_task(demo_ctx: AppContext) -> None:
    d = demo_ctx.directives.save(DirectiveInput(number="9/KH-BCĐ", kind="KH"))
    assert d.changes.directives and not d.changes.tasks
    gone = demo_ctx.directives.delete(d.value).changes
    assert gone.directives and gone.all_tasks  # its tasks went by ON DELETE CASCADE


def test_renaming_an_agency_names_the_tasks_it_appears_in(demo_ctx: AppContext) -> None:
    from app.dto import AgencyInput

    ref = demo_ctx.agencies.resolve_or_fail("Sở Khoa học và Công nghệ")
    assert ref.agency_id is not None
    a = demo_ctx.agencies.get(ref.agency_id)
    renamed = AgencyInput(a.name + " tỉnh", a.short_name, a.kind, list(a.aliases), id=a.id)
    ch = demo_ctx.agencies.save(renamed).changes
    listed = {r.id for r in demo_ctx.tasks.page(TaskFilter(agency_id=a.id), 0, 10_000)}
    assert ch.agencies and listed and ch.task_ids == listed


def test_soon_days_changes_every_status(demo_ctx: AppContext) -> None:
    ch = demo_ctx.settings.set_soon_days(14).changes
    assert ch.settings and ch.all_tasks


def test_a_refused_operation_changes_nothing_and_says_so(demo_ctx: AppContext) -> None:
    with collecting() as seen, pytest.raises(UserError):
        demo_ctx.tasks.delete(10_000_000)
    assert seen.changes.empty


def test_reading_is_not_a_change(demo_ctx: AppContext) -> None:
    with collecting() as seen:
        demo_ctx.tasks.get(_first_task(demo_ctx))
        demo_ctx.directives.list_directives()
    assert seen.changes.empty


class _Twice(Service):
    """An operation made of two transactions and a nested operation."""

    @operation
    def two(self, first: int, second: int) -> str:
        self.one(first)
        with self.db.transaction() as s:
            s.get(Task, second).note = "hai"  # type: ignore[union-attr]
        return "xong"

    @operation
    def one(self, task_id: int) -> None:
        with self.db.transaction() as s:
            s.get(Task, task_id).note = "một"  # type: ignore[union-attr]

    @generator_operation
    def slowly(self, ids: list[int]) -> Generator[tuple[int, int], None, int]:
        with self.db.transaction() as s:
            for n, i in enumerate(ids, 1):
                s.get(Task, i).note = "dần"  # type: ignore[union-attr]
                s.flush()
                yield n, len(ids)
        return len(ids)


def test_nested_operations_and_several_transactions_add_up(demo_ctx: AppContext) -> None:
    ids = [r.id for r in demo_ctx.tasks.page(TaskFilter(), 0, 3)]
    svc = _Twice(demo_ctx.services)
    result = svc.two(ids[0], ids[1])
    assert result.value == "xong" and result.changes.task_ids == {ids[0], ids[1]}


def test_generator_operation_returns_its_changes_and_closing_it_rolls_back(demo_ctx: AppContext) -> None:
    ids = [r.id for r in demo_ctx.tasks.page(TaskFilter(), 0, 3)]
    svc = _Twice(demo_ctx.services)
    gen = svc.slowly(ids)
    steps = []
    try:
        while True:
            steps.append(next(gen))
    except StopIteration as stop:
        result = stop.value
    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert result.value == 3 and result.changes.task_ids == set(ids)

    stopped = svc.slowly(ids[:2])
    next(stopped)
    stopped.close()  # what "Dừng" does: the transaction rolls back
    with demo_ctx.db.reading() as s:  # type: ignore[union-attr]
        notes = s.scalar(select(func.count()).where(Task.note == "dần"))
    assert notes == 3  # the first run's three, nothing more


def test_changes_merge() -> None:
    a = Changes.of(Subject.REPORTS, task_ids=[1])
    b = Changes.of(Subject.LETTERS, task_ids=[2])
    both = a | b
    assert both.task_ids == {1, 2} and both.reports and both.letters and both.tasks
    assert not both.all_tasks and Changes().empty
    assert (a | Changes.of(all_tasks=True)).all_tasks


def test_deleting_a_directive_tells_the_indicator_and_report_pages(demo_ctx: AppContext) -> None:
    """Its indicators and reports go by ON DELETE CASCADE, which the session never sees: the
    trash's snapshot names them, so the Indicators page refreshes too."""
    with_indicators = {i.directive_number for i in demo_ctx.indicators.list_indicators()}
    d = next(r for r in demo_ctx.directives.list_directives() if r.number in with_indicators)
    gone = demo_ctx.directives.delete(d.id).changes
    assert gone.directives and gone.all_tasks and gone.indicators and gone.reports
    assert not any(i.directive_number == d.number for i in demo_ctx.indicators.list_indicators())
    # and back: the restore names them as well
    entry = demo_ctx.trash.list_entries()[0].id
    back = demo_ctx.trash.restore(entry).changes
    assert back.indicators and back.directives


def test_deleting_a_directive_without_indicators_leaves_that_page_alone(demo_ctx: AppContext) -> None:
    d = demo_ctx.directives.save(DirectiveInput(number="9/KH-BCĐ", kind="KH"))
    gone = demo_ctx.directives.delete(d.value).changes
    assert gone.directives and not gone.indicators
