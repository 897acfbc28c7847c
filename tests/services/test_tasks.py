"""Task use cases on a real SQLite file: save, assignments, derived status, filters, search."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.context import AppContext
from app.dto import DirectiveInput, PartyRef, ReportInput, TaskFilter, TaskInput
from app.errors import UserError, ValidationError
from models.deadlines import DeadlineKind
from models.parties import Role
from models.six_clear import Clarity
from models.status import Status, Suspension
from tests.conftest import TODAY

# run on SQLite and on PostgreSQL (tests/conftest.py)
BOTH_ENGINES = True


def _directive(ctx: AppContext, number: str = "125/KH-BCĐ", issued: date = date(2026, 4, 10)) -> int:
    return ctx.directives.save(DirectiveInput(number=number, kind="KH", issued_on=issued)).value


def _agency(ctx: AppContext, name: str) -> PartyRef:
    from app.dto import AgencyInput

    ref = ctx.agencies.resolve(name)
    if ref is not None:
        return ref
    ctx.agencies.save(AgencyInput(name=name))
    return ctx.agencies.resolve_or_fail(name)


def test_task_with_lead_and_two_cooperating_round_trips(ctx: AppContext) -> None:
    d = _directive(ctx)
    lead, c1, c2 = (_agency(ctx, n) for n in ("Sở Khoa học và Công nghệ", "Công an tỉnh", "Sở Nội vụ"))
    tid = ctx.tasks.save(
        TaskInput(d, "Xây dựng Đề án chuyển đổi số", [lead], [c1, c2], "Tháng 6/2026", "Đề án")
    ).value
    t = ctx.tasks.get(tid)
    assert t.content == "Xây dựng Đề án chuyển đổi số"
    assert [(a.role, a.party.name) for a in t.assignments] == [
        (Role.LEAD, "Sở Khoa học và Công nghệ"),
        (Role.COOPERATING, "Công an tỉnh"),
        (Role.COOPERATING, "Sở Nội vụ"),
    ]
    assert t.deadline_kind is DeadlineKind.ONCE
    assert t.next_due == date(2026, 6, 30)
    assert t.status is Status.OVERDUE  # 30/06/2026 passed by 24/11/2026 with no report
    assert t.missing == ()


def test_empty_content_is_refused_and_nothing_saved(ctx: AppContext) -> None:
    d = _directive(ctx)
    with pytest.raises(ValidationError) as err:
        ctx.tasks.save(TaskInput(d, "   "))
    assert err.value.field == "content"
    assert ctx.tasks.count(TaskFilter()) == 0


def test_same_agency_twice_is_refused(ctx: AppContext) -> None:
    d = _directive(ctx)
    a = _agency(ctx, "Sở Y tế")
    with pytest.raises(ValidationError):
        ctx.tasks.save(TaskInput(d, "Việc", [a], [a]))
    assert ctx.tasks.count(TaskFilter()) == 0


def test_done_report_completes_on_time_or_late(ctx: AppContext) -> None:
    d = _directive(ctx)
    lead = _agency(ctx, "Sở Y tế")
    on_time = ctx.tasks.save(
        TaskInput(d, "Việc A", [lead], deadline_text="30/9/2026", product="Báo cáo")
    ).value
    late = ctx.tasks.save(TaskInput(d, "Việc B", [lead], deadline_text="30/9/2026", product="Báo cáo")).value
    for tid, received in ((on_time, date(2026, 9, 30)), (late, date(2026, 10, 5))):
        aid = ctx.tasks.get(tid).assignments[0].id
        ctx.reports.add(ReportInput(aid, received, "Xong", done=True))
    assert ctx.tasks.get(on_time).status == Status.DONE_ON_TIME.value
    assert ctx.tasks.get(late).status == Status.DONE_LATE.value


def test_partial_report_keeps_task_overdue_and_delete_restores(ctx: AppContext) -> None:
    d = _directive(ctx)
    lead = _agency(ctx, "Sở Y tế")
    tid = ctx.tasks.save(TaskInput(d, "Việc", [lead], deadline_text="30/9/2026", product="X")).value
    aid = ctx.tasks.get(tid).assignments[0].id
    rid = ctx.reports.add(ReportInput(aid, date(2026, 10, 1), "Đang làm", percent=50)).value
    assert ctx.tasks.get(tid).status == Status.OVERDUE.value
    done = ctx.reports.add(ReportInput(aid, date(2026, 10, 2), "Xong", done=True)).value
    assert ctx.tasks.get(tid).status == Status.DONE_LATE.value
    ctx.reports.delete(done)
    assert ctx.tasks.get(tid).status == Status.OVERDUE.value
    ctx.reports.delete(rid)
    assert ctx.reports.list_for_task(tid) == []


def test_monthly_recurrence_is_overdue_when_a_month_is_missed(ctx: AppContext) -> None:
    d = _directive(ctx, issued=date(2026, 9, 15))
    lead = _agency(ctx, "Sở Nội vụ")
    tid = ctx.tasks.save(
        TaskInput(d, "Báo cáo tháng", [lead], deadline_text="Trước ngày 09 hằng tháng", product="BC")
    ).value
    aid = ctx.tasks.get(tid).assignments[0].id
    assert ctx.tasks.get(tid).next_due == date(2026, 10, 9)
    assert ctx.tasks.get(tid).status == Status.OVERDUE.value
    ctx.reports.add(ReportInput(aid, date(2026, 10, 8), "Tháng 10", done=True, occurrence=date(2026, 10, 9)))
    ctx.reports.add(ReportInput(aid, date(2026, 11, 9), "Tháng 11", done=True, occurrence=date(2026, 11, 9)))
    t = ctx.tasks.get(tid)
    assert t.next_due == date(2026, 12, 9)
    assert t.status == Status.NOT_DUE.value


def test_due_soon_window_is_seven_days_by_default(ctx: AppContext) -> None:
    d = _directive(ctx)
    lead = _agency(ctx, "Sở Y tế")
    soon = ctx.tasks.save(
        TaskInput(d, "A", [lead], deadline_text=(TODAY + timedelta(days=7)).strftime("%d/%m/%Y"))
    ).value
    later = ctx.tasks.save(
        TaskInput(d, "B", [lead], deadline_text=(TODAY + timedelta(days=8)).strftime("%d/%m/%Y"))
    ).value
    assert ctx.tasks.get(soon).status == Status.DUE_SOON.value
    assert ctx.tasks.get(later).status == Status.NOT_DUE.value


def test_suspension_overrides_status(ctx: AppContext) -> None:
    d = _directive(ctx)
    tid = ctx.tasks.save(TaskInput(d, "A", [_agency(ctx, "Sở Y tế")], deadline_text="30/6/2026")).value
    ctx.tasks.set_suspension(tid, Suspension.PAUSED)
    assert ctx.tasks.get(tid).status is Status.PAUSED
    assert ctx.tasks.get(tid).suspension is Suspension.PAUSED
    ctx.tasks.set_suspension(tid, Suspension.CANCELLED)
    assert ctx.tasks.get(tid).status is Status.CANCELLED


def test_six_clear_flags_missing_lead_and_product(ctx: AppContext) -> None:
    d = _directive(ctx)
    tid = ctx.tasks.save(TaskInput(d, "Việc chưa rõ", deadline_text="Theo tiến độ")).value
    missing = ctx.tasks.get(tid).missing
    # no lead (người, trách nhiệm), an unknown deadline, no product; in the order the plans list them
    assert missing == (Clarity.NGUOI, Clarity.THOI_GIAN, Clarity.TRACH_NHIEM, Clarity.SAN_PHAM)
    row = ctx.tasks.page(TaskFilter(), 0, 10)[0]
    assert row.missing == missing


def test_removing_an_agency_that_reported_is_refused(ctx: AppContext) -> None:
    d = _directive(ctx)
    lead, coop = _agency(ctx, "Sở Y tế"), _agency(ctx, "Sở Tư pháp")
    tid = ctx.tasks.save(TaskInput(d, "A", [lead], [coop], "30/6/2026", "X")).value
    coop_aid = ctx.tasks.get(tid).assignments[1].id
    ctx.reports.add(ReportInput(coop_aid, date(2026, 6, 1), "Ý kiến phối hợp"))
    with pytest.raises(UserError):
        ctx.tasks.save(TaskInput(d, "A", [lead], [], "30/6/2026", "X", id=tid))
    assert len(ctx.tasks.get(tid).assignments) == 2


def test_status_sql_filter_agrees_with_python_rule(demo_ctx: AppContext) -> None:
    """Every status filter returns exactly the tasks whose derived status is that status."""
    for as_of in (date(2026, 4, 1), date(2026, 6, 25), TODAY, date(2027, 2, 1)):
        demo_ctx.services.today = lambda as_of=as_of: as_of
        rows = demo_ctx.tasks.page(TaskFilter(), 0, 10_000)
        for status in Status:
            by_sql = {r.id for r in demo_ctx.tasks.page(TaskFilter(statuses=(status,)), 0, 10_000)}
            by_rule = {r.id for r in rows if r.status == status.value}
            assert by_sql == by_rule, (as_of, status)


def test_overdue_filter_for_one_agency_as_lead(demo_ctx: AppContext) -> None:
    police = demo_ctx.agencies.resolve_or_fail("CA tỉnh")
    flt = TaskFilter(agency_id=police.agency_id, agency_role=Role.LEAD, statuses=(Status.OVERDUE,))
    rows = demo_ctx.tasks.page(flt, 0, 1000)
    assert rows
    for r in rows:
        leads = [a for a in demo_ctx.tasks.get(r.id).assignments if a.role == "lead"]
        assert any(a.party.agency_id == police.agency_id and a.status == Status.OVERDUE.value for a in leads)
    assert all(r.status == Status.OVERDUE.value for r in rows)
    assert demo_ctx.tasks.count(flt) == len(rows)
    everything = demo_ctx.tasks.page(TaskFilter(agency_id=police.agency_id, agency_role=Role.LEAD), 0, 1000)
    assert len(everything) > len(rows)


def test_search_ignores_diacritics_and_d_stroke(demo_ctx: AppContext) -> None:
    found = demo_ctx.tasks.page(TaskFilter(search="de an"), 0, 1000)
    assert any("Đề án" in r.content for r in found)
    for r in found:
        t = demo_ctx.tasks.get(r.id)
        assert "đề án" in " ".join((t.content, t.product, t.group_title, t.note)).lower()
    same = demo_ctx.tasks.page(TaskFilter(search="ĐỀ ÁN"), 0, 1000)
    assert [r.id for r in same] == [r.id for r in found]
    assert demo_ctx.tasks.page(TaskFilter(search="khong co tu nay xyz"), 0, 10) == []


def test_paging_returns_disjoint_pages_in_order(demo_ctx: AppContext) -> None:
    total = demo_ctx.tasks.count(TaskFilter())
    pages = [demo_ctx.tasks.page(TaskFilter(), off, 20) for off in range(0, total, 20)]
    ids = [r.id for p in pages for r in p]
    assert len(ids) == len(set(ids)) == total == 68


def test_expand_group_creates_one_assignment_per_member(demo_ctx: AppContext) -> None:
    rows = demo_ctx.tasks.page(TaskFilter(search="06 ro"), 0, 10)
    task = demo_ctx.tasks.get(rows[0].id)
    group = next(a for a in task.assignments if a.party.is_group and a.party.name == "Các sở, ban, ngành")
    members = demo_ctx.agencies.group_members(group.party.group_id or 0)
    added = demo_ctx.tasks.expand_group(group.id).value
    after = demo_ctx.tasks.get(task.id)
    assert added == len(members) - sum(
        1 for a in task.assignments if a.party.agency_id in {m.id for m in members}
    )
    assert all(not a.party.is_group or a.party.name != "Các sở, ban, ngành" for a in after.assignments)
    assert {a.from_group for a in after.assignments if a.from_group} == {"Các sở, ban, ngành"}


def test_task_status_helper_matches_detail(demo_ctx: AppContext) -> None:
    for r in demo_ctx.tasks.page(TaskFilter(), 0, 100):
        assert demo_ctx.tasks.get(r.id).status == r.status


def test_soon_window_is_configurable(ctx: AppContext) -> None:
    d = _directive(ctx)
    tid = ctx.tasks.save(
        TaskInput(
            d, "A", [_agency(ctx, "Sở Y tế")], deadline_text=(TODAY + timedelta(days=10)).strftime("%d/%m/%Y")
        )
    ).value
    assert ctx.settings.soon_days() == 7
    assert ctx.tasks.get(tid).status == Status.NOT_DUE.value
    ctx.settings.set_soon_days(14)
    assert ctx.tasks.get(tid).status == Status.DUE_SOON.value
    assert [r.id for r in ctx.tasks.page(TaskFilter(statuses=(Status.DUE_SOON,)), 0, 10)] == [tid]
    with pytest.raises(ValidationError):
        ctx.settings.set_soon_days(0)


def test_unknown_cooperating_agency_is_reported_on_that_field(ctx: AppContext) -> None:
    d = _directive(ctx)
    with pytest.raises(ValidationError) as err:
        ctx.tasks.save(TaskInput(d, "A", [_agency(ctx, "Sở Y tế")], [PartyRef("Sở Ma", agency_id=9999)]))
    assert err.value.field == "cooperating"
    assert ctx.tasks.count(TaskFilter()) == 0


def test_cooperating_agency_is_done_when_the_lead_reports_done(ctx: AppContext) -> None:
    d = _directive(ctx)
    lead, coop = _agency(ctx, "Sở Y tế"), _agency(ctx, "Công an tỉnh")
    tid = ctx.tasks.save(TaskInput(d, "A", [lead], [coop], "30/9/2026", "BC")).value
    police = TaskFilter(agency_id=coop.agency_id, statuses=(Status.OVERDUE,))
    assert ctx.tasks.count(police) == 1
    lead_aid = ctx.tasks.get(tid).assignments[0].id
    ctx.reports.add(ReportInput(lead_aid, date(2026, 9, 29), "Xong", done=True))
    assert ctx.tasks.count(police) == 0
    assert [a.status for a in ctx.tasks.get(tid).assignments] == [Status.DONE_ON_TIME.value] * 2


def test_monthly_duty_of_an_undated_directive_runs_from_entry(ctx: AppContext) -> None:
    d = ctx.directives.save(DirectiveInput(number="7/TB-BCĐ", kind="TB")).value  # date not recorded
    tid = ctx.tasks.save(
        TaskInput(d, "Báo cáo tháng", [_agency(ctx, "Sở Nội vụ")], [], "Hằng tháng", "BC")
    ).value
    import calendar

    entered = date.today()  # created_at is the real clock
    month_end = entered.replace(day=calendar.monthrange(entered.year, entered.month)[1])
    assert ctx.tasks.get(tid).next_due == month_end
