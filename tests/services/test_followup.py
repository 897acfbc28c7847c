"""Overview and scoreboard on a real database: hand-computed figures on a small one, and every
count as of past and present days against the brute-force replay of the domain rules."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.context import AppContext
from app.dto import ReportInput
from app.errors import ValidationError
from app.followup_dto import Measure, ScoreLine
from app.services.progress import refresh_all
from models.entities import Assignment, OccurrenceCover, Task
from models.official import OfficialClass as K
from models.parties import Role
from models.vn_collation import sort_key
from tests.conftest import TODAY
from tests.services.followup_data import A_NAME, B_NAME, G_NAME, brute_force, build_small

# run on SQLite and on PostgreSQL (tests/conftest.py)
BOTH_ENGINES = True


def _line(lines: list[ScoreLine], name: str) -> ScoreLine:
    return next(line for line in lines if line.name == name)


def test_scoreboard_today_by_hand(ctx: AppContext) -> None:
    small = build_small(ctx)
    lines = ctx.followup.scoreboard(TODAY)
    a, b, g = _line(lines, A_NAME), _line(lines, B_NAME), _line(lines, G_NAME)
    assert a.lead.assigned == 4 and a.cooperating.assigned == 0
    assert {k: n for k, n in a.lead.counts.items() if n} == {
        K.DONE_ON_TIME: 1,
        K.DONE_LATE: 1,
        K.OVERDUE: 1,
        K.PAUSED: 1,
    }
    assert a.lead.on_time_rate == pytest.approx(1 / 2)
    # monthly on the 9th from 01/01/2026: Jan…Nov are due before 24/11 = 11; only January on time
    assert (a.lead.periodic_on_time, a.lead.periodic_expected) == (1, 11)
    assert a.lead.update_rate == pytest.approx(1 / 11)
    assert a.lead.longest_overdue_days == (TODAY - date(2026, 3, 9)).days
    # B cooperates on t1 (the lead's report completes it) and t3 (overdue), leads t5
    assert b.lead.assigned == 1 and b.lead.counts[K.IN_PROGRESS] == 1
    assert b.cooperating.assigned == 2
    assert b.cooperating.counts[K.OVERDUE] == 1 and b.cooperating.counts[K.DONE_ON_TIME] == 1
    assert b.lead.on_time_rate is None and b.lead.update_rate is None
    # the group named on a task is a row of its own
    assert g.group_id is not None and g.agency_id is None
    assert g.lead.assigned == 1 and g.lead.counts[K.CONTINUOUS] == 1
    # the tasks behind the numbers
    ids = ctx.followup.cell_task_ids
    assert ids(TODAY, Measure.OVERDUE, Role.LEAD, agency_id=a.agency_id) == [small.t3]
    assert ids(TODAY, Measure.DONE, Role.LEAD, agency_id=a.agency_id) == [small.t1, small.t2]
    assert ids(TODAY, Measure.ASSIGNED, Role.LEAD, agency_id=a.agency_id) == [
        small.t1,
        small.t2,
        small.t3,
        small.t6,
    ]
    assert ids(TODAY, Measure.PERIODIC, Role.LEAD, agency_id=a.agency_id) == [small.t3]
    assert ids(TODAY, Measure.LONGEST_OVERDUE, Role.LEAD, agency_id=a.agency_id) == [small.t3]
    assert ids(TODAY, Measure.OVERDUE, Role.COOPERATING, agency_id=b.agency_id) == [small.t3]
    assert ids(TODAY, Measure.CONTINUOUS, Role.LEAD, group_id=g.group_id) == [small.t4]


def test_scoreboard_on_a_past_day_ignores_reports_received_after_it(ctx: AppContext) -> None:
    small = build_small(ctx)
    day = date(2026, 4, 1)  # t2's late report (10/4) and t1's (20/6) had not arrived yet
    a = _line(ctx.followup.scoreboard(day), A_NAME)
    assert {k: n for k, n in a.lead.counts.items() if n} == {K.OVERDUE: 2, K.IN_PROGRESS: 1, K.PAUSED: 1}
    assert a.lead.on_time_rate is None  # nothing done yet: no rate
    assert (a.lead.periodic_on_time, a.lead.periodic_expected) == (1, 3)  # Jan, Feb, Mar due
    assert ctx.followup.class_task_ids(day, K.OVERDUE) == [small.t2, small.t3]
    overdue = {item.task_id: item.days for item in ctx.followup.overdue(day)}
    assert overdue == {small.t2: 1, small.t3: (day - date(2026, 3, 9)).days}


def test_overview_totals_and_lists_by_hand(ctx: AppContext) -> None:
    small = build_small(ctx)
    o = ctx.followup.overview(TODAY)
    assert {k: n for k, n in o.totals.counts.items() if n} == {
        K.DONE_ON_TIME: 1,
        K.DONE_LATE: 1,
        K.OVERDUE: 1,
        K.CONTINUOUS: 1,
        K.IN_PROGRESS: 1,
        K.PAUSED: 1,
    }
    assert [d.number for d in o.directives] == ["7/KH-BCĐ"] and o.directives[0].counts.total == 6
    [late] = ctx.followup.overdue(TODAY)
    assert (late.task_id, late.lead, late.due, late.days) == (small.t3, A_NAME, date(2026, 3, 9), 260)
    soon = ctx.followup.due_within(date(2026, 12, 20), 14)
    assert [(i.task_id, i.days) for i in soon] == [(small.t5, 11)]


def test_a_day_beyond_the_cache_horizon_is_refused(ctx: AppContext) -> None:
    with pytest.raises(ValidationError, match="Chỉ tính được"):
        ctx.followup.overview(TODAY + timedelta(days=800))


def _check_against_brute_force(ctx: AppContext, day: date) -> None:
    truth = brute_force(ctx, day)
    for klass in K:
        expected = sorted(t for t, c in truth.tasks.items() if c is klass)
        assert ctx.followup.class_task_ids(day, klass) == expected, (day, klass)
    got: dict[tuple[int | None, int | None, str], Counter[K]] = {}
    for line in ctx.followup.scoreboard(day):
        for role in Role:
            score = line.role(role)
            counts = Counter({k: n for k, n in score.counts.items() if n})
            if counts:
                got[(line.agency_id, line.group_id, role.value)] = counts
    assert got == {k: v for k, v in truth.cells.items() if v}, day


def test_every_count_equals_the_brute_force_replay_on_past_and_present_days(demo_ctx: AppContext) -> None:
    """The demo with random reports (named and unnamed, done or not, on time or late) added."""
    rng = random.Random(10)
    assert demo_ctx.db is not None
    with demo_ctx.db.reading() as s:
        assignments = list(s.execute(select(Assignment.id, Task.deadline_kind).join(Task)))
    for a_id, _kind in rng.sample(assignments, 60):
        for _ in range(rng.randint(1, 4)):
            # on or after the directives' dates (17/4/2026 the later): earlier reports are refused
            received = date(2026, 4, 17) + timedelta(days=rng.randint(0, 220))
            occurrence = received + timedelta(days=rng.randint(-15, 30)) if rng.random() < 0.3 else None
            demo_ctx.reports.add(
                ReportInput(a_id, received, "Báo cáo", done=rng.random() < 0.7, occurrence=occurrence)
            )
    days = (date(2026, 3, 1), date(2026, 4, 12), date(2026, 4, 30), date(2026, 8, 31), TODAY, date(2027, 3, 1))  # noqa: E501
    for day in days:
        _check_against_brute_force(demo_ctx, day)
    # the overview page's series: every day's overdue count in one statement, also per directive
    series = demo_ctx.followup.overdue_counts(days)
    assert series == {d: sum(c is K.OVERDUE for c in brute_force(demo_ctx, d).tasks.values()) for d in days}
    assert len(set(series.values())) > 2
    month_ends = [date(2026, m, 28) for m in range(1, 12)]
    for directive in demo_ctx.followup.overview(TODAY).directives:
        assert demo_ctx.followup.overdue_counts(month_ends, directive.directive_id) == {
            d: demo_ctx.followup.overview(d, directive.directive_id).totals.counts[K.OVERDUE]
            for d in month_ends
        }


def test_refresh_all_writes_what_each_report_left(demo_ctx: AppContext) -> None:
    """The Core recompute (after a rules change) stores exactly what the per-task refresh did."""
    small = build_small(demo_ctx)
    assert demo_ctx.db is not None

    def snapshot() -> tuple[list[object], list[object], list[object]]:
        with demo_ctx.db.reading() as s:  # type: ignore[union-attr]
            t = list(
                s.execute(
                    select(Task.id, Task.first_unmet, Task.completed, Task.completed_late).order_by(Task.id)
                )
            )
            a = list(
                s.execute(
                    select(
                        Assignment.id, Assignment.first_unmet, Assignment.completed, Assignment.completed_late
                    ).order_by(Assignment.id)
                )
            )
            c = list(s.execute(select(OccurrenceCover.__table__).order_by("assignment_id", "occurrence")))
        return t, a, c

    before = snapshot()
    assert any(row[0] in {small.t3} for row in before[0])
    assert before[2], "covered occurrences are cached"
    with demo_ctx.db.transaction() as s:
        s.execute(OccurrenceCover.__table__.delete())
        s.execute(Task.__table__.update().values(first_unmet=None, completed=False, completed_late=False))
        steps = list(refresh_all(s, TODAY, chunk=7))
    assert steps[-1][0] == steps[-1][1] == len(before[0])
    assert snapshot() == before
    # only what differs is rewritten: a cover on another day, one too many, one missing
    cover = OccurrenceCover.__table__
    first, second, *_ = before[2]
    with demo_ctx.db.transaction() as s:
        s.execute(
            cover.update()
            .where(cover.c.assignment_id == first[0], cover.c.occurrence == first[1])
            .values(received=first[2] + timedelta(days=3))
        )
        s.execute(cover.delete().where(cover.c.assignment_id == second[0], cover.c.occurrence == second[1]))
        s.execute(cover.insert().values(assignment_id=first[0], occurrence=date(2019, 1, 1), received=TODAY))
    assert snapshot() != before
    with demo_ctx.db.transaction() as s:
        list(refresh_all(s, TODAY, chunk=7))
    assert snapshot() == before


def test_scoreboard_names_in_vietnamese_order(demo_ctx: AppContext) -> None:
    """The command line's `summary` and the window list agencies alike: Đ after D, Ư/Ủ among U,
    Ban Tổ chức before Ban Tuyên giáo (not Python's code-point order)."""
    names = [line.name for line in demo_ctx.followup.scoreboard(TODAY)]
    assert names == sorted(names, key=sort_key)
    u = next(i for i, n in enumerate(names) if n.startswith("Ủy ban"))
    v = next(i for i, n in enumerate(names) if n.startswith("Văn phòng"))
    d = next(i for i, n in enumerate(names) if n.startswith("Đảng ủy"))
    assert d < u < v


def test_tasks_of_a_plan_not_yet_issued_are_in_no_class(demo_ctx: AppContext) -> None:
    """As of a day before its directive was issued, a task is nobody's work yet: not counted,
    not "in progress" (the demo's plans are dated 10/04/2026 and 17/04/2026)."""
    before = demo_ctx.followup.overview(date(2026, 3, 1))
    assert before.totals.total == 0
    assert all(line.lead.assigned == 0 and line.cooperating.assigned == 0
               for line in demo_ctx.followup.scoreboard(date(2026, 3, 1)))
    between = demo_ctx.followup.overview(date(2026, 4, 12))  # 125/KH-BCĐ issued, 420-CV/TU not yet
    now = demo_ctx.followup.overview(TODAY)
    issued = {d.directive_id for d in between.directives if d.counts.total}
    assert 0 < between.totals.total < now.totals.total and len(issued) == 1
