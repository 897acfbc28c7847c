"""The services hand out enums, never display text: a str where an enum belongs fails here.

Status, Role… are StrEnums, so ``row.status == "quá hạn"`` would hold for a bare string too;
these tests check the type itself, on the demo database.
"""

from __future__ import annotations

from app.context import AppContext
from app.dto import TaskFilter, TaskRow
from models.deadlines import DeadlineKind
from models.directive_kinds import DIRECTIVE_KINDS
from models.parties import AgencyKind, Role
from models.six_clear import Clarity
from models.status import Status, Suspension


def _all_rows(ctx: AppContext, flt: TaskFilter | None = None) -> list[TaskRow]:
    return ctx.tasks.page(flt or TaskFilter(), 0, 10_000)


def test_task_rows_carry_status_and_gaps_as_enums(demo_ctx: AppContext) -> None:
    rows = _all_rows(demo_ctx)
    assert rows
    assert all(type(r.status) is Status for r in rows)
    assert all(isinstance(r.missing, tuple) for r in rows)
    assert all(type(c) is Clarity for r in rows for c in r.missing)
    assert any(r.missing for r in rows)  # the demo has tasks with "06 rõ" gaps
    # an agency's view of the list rolls its own statuses up: still a Status
    police = demo_ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
    own = _all_rows(demo_ctx, TaskFilter(agency_id=police))
    assert own and all(type(r.status) is Status for r in own)


def test_task_detail_and_assignments_carry_enums(demo_ctx: AppContext) -> None:
    seen_roles: set[Role] = set()
    for row in _all_rows(demo_ctx):
        t = demo_ctx.tasks.get(row.id)
        assert type(t.status) is Status and t.status is row.status
        assert type(t.deadline_kind) is DeadlineKind
        assert type(t.suspension) is Suspension
        assert all(type(c) is Clarity for c in t.missing)
        for a in t.assignments:
            assert type(a.role) is Role and type(a.status) is Status
            seen_roles.add(a.role)
    assert seen_roles == {Role.LEAD, Role.COOPERATING}


def test_reports_carry_the_role_not_its_label(demo_ctx: AppContext) -> None:
    reports = [r for row in _all_rows(demo_ctx) for r in demo_ctx.reports.list_for_task(row.id)]
    assert reports
    assert all(type(r.role) is Role for r in reports)


def test_agency_and_directive_rows_carry_codes_without_labels(demo_ctx: AppContext) -> None:
    agencies = demo_ctx.agencies.list_agencies()
    assert agencies and all(type(a.kind) is AgencyKind for a in agencies)
    assert type(demo_ctx.agencies.get(agencies[0].id).kind) is AgencyKind
    assert not hasattr(agencies[0], "kind_label")
    directives = demo_ctx.directives.list_directives()
    assert directives and {d.kind for d in directives} <= set(DIRECTIVE_KINDS)
    assert not hasattr(directives[0], "kind_label")


def test_filters_take_enums(demo_ctx: AppContext) -> None:
    overdue = _all_rows(demo_ctx, TaskFilter(statuses=(Status.OVERDUE,)))
    assert overdue and {r.status for r in overdue} == {Status.OVERDUE}
    police = demo_ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
    lead = {r.id for r in _all_rows(demo_ctx, TaskFilter(agency_id=police, agency_role=Role.LEAD))}
    coop = {r.id for r in _all_rows(demo_ctx, TaskFilter(agency_id=police, agency_role=Role.COOPERATING))}
    either = {r.id for r in _all_rows(demo_ctx, TaskFilter(agency_id=police))}
    assert lead and coop and lead | coop == either
