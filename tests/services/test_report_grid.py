"""The periodic-reports grid on a real database: states, report ids, cooperating agencies, the
as-of day, and agreement with the scoreboard's update rate."""

from __future__ import annotations

from datetime import date

import pytest

from app.context import AppContext
from app.dto import ReportInput
from app.errors import ValidationError
from app.report_grid_dto import ReportGrid
from models.parties import Role
from models.report_grid import CellState, GridColumn, Tally, last_weeks, year_months
from tests.services.followup_data import A_NAME, B_NAME, build_small, party

# run on SQLite and on PostgreSQL (tests/conftest.py)
BOTH_ENGINES = True

S = CellState


def _assignment(ctx: AppContext, task_id: int, name: str) -> int:
    return next(a.id for a in ctx.tasks.get(task_id).assignments if a.party.name == name)


def _states(grid: ReportGrid, party_name: str) -> list[CellState]:
    row = next(r for r in grid.rows if r.party == party_name)
    return [c.state for c in row.cells]


def test_monthly_duty_lead_and_cooperating_rows(ctx: AppContext) -> None:
    small = build_small(ctx)
    grid = ctx.report_grid.grid(date(2026, 5, 20), year_months(2026))
    # only the recurring task t3 is on the grid: its lead A and its cooperating B
    assert [(r.task_id, r.party, r.role) for r in grid.rows] == [
        (small.t3, A_NAME, Role.LEAD),
        (small.t3, B_NAME, Role.COOPERATING),
    ]
    expected = [S.ON_TIME, S.LATE, S.MISSING, S.MISSING, S.MISSING] + [S.NOT_DUE] * 7
    assert _states(grid, A_NAME) == expected
    # the lead's reports count for the cooperating agency (UPDATE_RATE_FORMULA)
    assert _states(grid, B_NAME) == expected
    lead = grid.rows[0]
    assert lead.tally == Tally(expected=5, on_time=1, late=1, missing=3)
    reports = {r.received_on: r.id for r in ctx.reports.list_for_task(small.t3)}
    assert lead.cells[0].report_ids == (reports[date(2026, 1, 8)],)
    assert lead.cells[1].report_ids == (reports[date(2026, 2, 15)],)
    assert grid.rows[1].cells[0].report_ids == (reports[date(2026, 1, 8)],)
    assert lead.cells[2].report_ids == () and lead.cells[2].to_enter is not None
    assert lead.cells[2].to_enter.occurrence == date(2026, 3, 9)


def test_a_report_for_april_turns_only_april_green(ctx: AppContext) -> None:
    small = build_small(ctx)
    aid = _assignment(ctx, small.t3, A_NAME)
    rid = ctx.reports.add(
        ReportInput(
            aid,
            date(2026, 4, 7),
            "Báo cáo tháng 4",
            done=True,
            occurrence=date(2026, 4, 9),
            doc_number="12/BC",
        )
    ).value
    grid = ctx.report_grid.grid(date(2026, 5, 20), year_months(2026))
    states = _states(grid, A_NAME)
    assert states[:5] == [S.ON_TIME, S.LATE, S.MISSING, S.ON_TIME, S.MISSING]
    cell = grid.rows[0].cells[3]
    assert cell.report_ids == (rid,) and cell.reports[0].doc_number == "12/BC"
    assert cell.slots[0].received == date(2026, 4, 7)


def test_a_past_as_of_day_ignores_reports_received_after_it(ctx: AppContext) -> None:
    small = build_small(ctx)
    # on 10/2 the January report was in, the February one (15/2) not yet and Feb 9 had passed
    grid = ctx.report_grid.grid(date(2026, 2, 10), year_months(2026))
    assert _states(grid, A_NAME)[:3] == [S.ON_TIME, S.MISSING, S.NOT_DUE]
    # due on the as-of day itself: not missing yet
    assert _states(ctx.report_grid.grid(date(2026, 2, 9), year_months(2026)), A_NAME)[1] is S.NOT_DUE
    # before the directive (1/1/2026) nothing was owed
    before = ctx.report_grid.grid(date(2026, 2, 10), year_months(2025))
    assert set(_states(before, A_NAME)) == {S.NOT_EXPECTED}
    del small


def test_filters_and_lead_only(ctx: AppContext) -> None:
    small = build_small(ctx)
    cols = year_months(2026)
    as_of = date(2026, 5, 20)
    assert [r.party for r in ctx.report_grid.grid(as_of, cols, include_cooperating=False).rows] == [A_NAME]
    b = party(ctx, B_NAME)
    assert [r.role for r in ctx.report_grid.grid(as_of, cols, agency_id=b.agency_id).rows] == [
        Role.COOPERATING
    ]
    assert len(ctx.report_grid.grid(as_of, cols, task_id=small.t1).rows) == 0  # not recurring
    other = ctx.directives.list_directives(with_counts=False)[0].id + 999
    assert ctx.report_grid.grid(as_of, cols, directive_id=other).rows == ()


def test_weekly_duty_and_paused_duties_are_left_out(ctx: AppContext) -> None:
    from app.dto import DirectiveInput, TaskInput
    from models.status import Suspension

    a = party(ctx, A_NAME)
    d = ctx.directives.save(DirectiveInput(number="9/KH", kind="KH", issued_on=date(2026, 10, 1))).value
    weekly = ctx.tasks.save(
        TaskInput(d, "Báo cáo tuần", [a], [], "Trước 11 giờ ngày thứ 6 hằng tuần", "")
    ).value
    paused = ctx.tasks.save(TaskInput(d, "Báo cáo tạm dừng", [a], [], "Hằng quý", "")).value
    ctx.tasks.set_suspension(paused, Suspension.PAUSED)
    aid = _assignment(ctx, weekly, A_NAME)
    ctx.reports.add(ReportInput(aid, date(2026, 11, 6), "tuần 45", done=True, occurrence=date(2026, 11, 6)))
    ctx.reports.add(ReportInput(aid, date(2026, 11, 16), "tuần 46", done=True, occurrence=date(2026, 11, 13)))
    grid = ctx.report_grid.grid(date(2026, 11, 24), last_weeks(date(2026, 11, 24), 10))
    assert [r.task_id for r in grid.rows] == [weekly]
    got = [c.state for c in grid.rows[0].cells]
    # weeks from 22/9: before 1/10 nothing is owed; Fridays 2/10 .. 30/10 missing, 6/11 on time,
    # 13/11 late, 20/11 missing, and the week of 24/11 not yet due
    assert got == [
        S.NOT_EXPECTED,
        S.MISSING,
        S.MISSING,
        S.MISSING,
        S.MISSING,
        S.MISSING,
        S.ON_TIME,
        S.LATE,
        S.MISSING,
        S.NOT_DUE,
    ]


def test_a_day_beyond_the_cache_horizon_is_refused(ctx: AppContext) -> None:
    with pytest.raises(ValidationError):
        ctx.report_grid.grid(date(2030, 1, 1), year_months(2029))


def _months(first_year: int, last_year: int) -> tuple[GridColumn, ...]:
    return tuple(c for y in range(first_year, last_year + 1) for c in year_months(y))


@pytest.mark.parametrize("as_of", [date(2026, 11, 24), date(2026, 6, 30), date(2026, 3, 10)])
def test_grid_counts_equal_the_scoreboards_update_rate(demo_ctx: AppContext, as_of: date) -> None:
    """received on time ÷ expected, per agency and role, from the grid and from the scoreboard."""
    ctx = demo_ctx
    small = build_small(ctx)  # adds reports on a recurring duty with a lead and a cooperator
    aid = _assignment(ctx, small.t3, B_NAME)
    ctx.reports.add(
        ReportInput(aid, date(2026, 3, 8), "B báo cáo tháng 3", done=True, occurrence=date(2026, 3, 9))
    )
    grid = ctx.report_grid.grid(as_of, _months(2020, 2026))
    per: dict[tuple[int | None, int | None, Role], Tally] = {}
    for row in grid.rows:
        key = (row.agency_id, row.group_id, row.role)
        per[key] = per.get(key, Tally()) + row.tally
        cells = [s for c in row.cells for s in c.slots if s.expected and s.occurrence < as_of]
        assert row.tally.expected == len(cells)
        assert row.tally.on_time == sum(s.state is S.ON_TIME for s in cells)
    lines = ctx.followup.scoreboard(as_of)
    compared = 0
    for line in lines:
        for role in (Role.LEAD, Role.COOPERATING):
            score = line.role(role)
            t = per.get((line.agency_id, line.group_id, role), Tally())
            assert (t.on_time, t.expected) == (score.periodic_on_time, score.periodic_expected), (
                line.name,
                role,
            )
            compared += t.expected > 0
    assert compared >= 2
    b_coop = per[(party(ctx, B_NAME).agency_id, None, Role.COOPERATING)]
    assert b_coop.on_time >= 1
