"""The agency and directive pages' counts, now grouped queries on indexes, equal the per-row
computation they replaced (one status_condition query per agency and status), on several days.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.context import AppContext
from app.dto import ReportInput, TaskFilter
from app.services.task_query import status_condition
from models.entities import Agency, Assignment, Role, Task
from models.status import Status, Suspension

# run on SQLite and on PostgreSQL (tests/conftest.py)
BOTH_ENGINES = True

DAYS = [date(2026, 1, 1), date(2026, 5, 5), date(2026, 7, 1), date(2026, 11, 24), date(2027, 6, 30)]


def old_agency_counts(ctx: AppContext, as_of: date) -> dict[int, tuple[int, int, dict[str, int]]]:
    """Lead count, overdue count and status roll-up per agency, the way they were computed."""
    assert ctx.db is not None
    out = {}
    with ctx.db.reading() as s:
        soon = ctx.services.soon_days(s)
        cols = (Assignment.first_unmet, Assignment.completed, Assignment.completed_late)
        for agency_id in s.scalars(select(Agency.id)):
            lead = s.scalar(
                select(func.count()).where(
                    Assignment.agency_id == agency_id, Assignment.role == Role.LEAD.value
                )
            )
            by_status = {}
            for st in Status:
                stmt = select(func.count()).select_from(Assignment).join(Task)
                by_status[st.value] = (
                    s.scalar(
                        stmt.where(
                            Assignment.agency_id == agency_id, status_condition(st, as_of, soon, *cols)
                        )
                    )
                    or 0
                )
            out[agency_id] = (lead or 0, by_status[Status.OVERDUE.value], by_status)
    return out


def old_directive_counts(ctx: AppContext, as_of: date) -> dict[int, tuple[int, int]]:
    assert ctx.db is not None
    with ctx.db.reading() as s:
        soon = ctx.services.soon_days(s)
        cols = (Task.first_unmet, Task.completed, Task.completed_late)
        counts = dict(s.execute(select(Task.directive_id, func.count()).group_by(Task.directive_id)).all())
        overdue = dict(
            s.execute(
                select(Task.directive_id, func.count())
                .where(status_condition(Status.OVERDUE, as_of, soon, *cols))
                .group_by(Task.directive_id)
            ).all()
        )
    return {d: (n, overdue.get(d, 0)) for d, n in counts.items()}


def check(ctx: AppContext) -> None:
    for day in DAYS:
        ctx.services.today = lambda day=day: day  # type: ignore[misc]
        old = old_agency_counts(ctx, day)
        rows = ctx.agencies.list_agencies()
        assert {r.id for r in rows} == set(old)
        for r in rows:
            assert (r.lead_count, r.overdue_count) == old[r.id][:2], (day, r.name)
            assert ctx.agencies.status_counts(r.id) == old[r.id][2], (day, r.name)
        assert sum(r.overdue_count for r in rows) > 0 or day == DAYS[0]
        old_d = old_directive_counts(ctx, day)
        for d in ctx.directives.list_directives():
            assert (d.task_count, d.overdue_count) == old_d.get(d.id, (0, 0)), (day, d.number)


def test_counts_equal_the_per_agency_computation_on_the_demo(demo_ctx: AppContext) -> None:
    check(demo_ctx)


def test_counts_equal_after_pausing_cancelling_and_reporting(demo_ctx: AppContext) -> None:
    """Suspended and undated tasks are exactly what the grouped form subtracts: exercise them."""
    police = demo_ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
    rows = demo_ctx.tasks.page(TaskFilter(agency_id=police, statuses=(Status.OVERDUE,)), 0, 100)
    assert len(rows) >= 3
    demo_ctx.tasks.set_suspension(rows[0].id, Suspension.PAUSED)
    demo_ctx.tasks.set_suspension(rows[1].id, Suspension.CANCELLED)
    detail = demo_ctx.tasks.get(rows[2].id)
    demo_ctx.reports.add(ReportInput(detail.assignments[0].id, date(2026, 11, 20), "Xong", 100, True))
    check(demo_ctx)


def test_status_bar_totals_equal_the_filtered_counts(demo_ctx: AppContext) -> None:
    police = demo_ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
    some = demo_ctx.tasks.page(TaskFilter(agency_id=police), 0, 3)
    demo_ctx.tasks.set_suspension(some[0].id, Suspension.PAUSED)
    for day in DAYS:
        demo_ctx.services.today = lambda day=day: day  # type: ignore[misc]
        totals = demo_ctx.tasks.totals()
        assert totals.tasks == demo_ctx.tasks.count(TaskFilter())
        assert totals.overdue == demo_ctx.tasks.count(TaskFilter(statuses=(Status.OVERDUE.value,)))
        assert totals.due_soon == demo_ctx.tasks.count(TaskFilter(statuses=(Status.DUE_SOON.value,)))
    assert totals.overdue > 0
