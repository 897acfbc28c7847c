"""A small hand-built database whose follow-up figures are computed by hand in the tests,
and a brute-force oracle: the domain rules replayed in Python over the reports received by D."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.context import AppContext
from app.dto import AgencyInput, DirectiveInput, PartyRef, ReportInput, TaskInput
from app.services.progress import PartyMarks, anchor_of, compute_task, deadline_of
from models.deadlines import DeadlineKind
from models.entities import Assignment, Task
from models.official import OfficialClass, official_class
from models.status import ReportMark, Suspension, status_of

A_NAME, B_NAME, G_NAME = "Sở Y tế", "Sở Tư pháp", "Các sở, ban, ngành"


@dataclass(frozen=True)
class Small:
    t1: int  # lead A, coop B, once 30/6/2026, done on time (20/6)
    t2: int  # lead A, once 31/3/2026, done late (10/4)
    t3: int  # lead A, coop B, monthly on the 9th: Jan on time (8/1), Feb late (15/2), nothing since
    t4: int  # lead: the group "Các sở, ban, ngành", continuous
    t5: int  # lead B, once 31/12/2026, in progress
    t6: int  # lead A, once 31/5/2026, paused


def party(ctx: AppContext, name: str) -> PartyRef:
    ref = ctx.agencies.resolve(name)
    if ref is None:
        ctx.agencies.save(AgencyInput(name=name))
        ref = ctx.agencies.resolve_or_fail(name)
    return ref


def build_small(ctx: AppContext) -> Small:
    ctx.agencies.ensure_default_groups()
    a, b, g = party(ctx, A_NAME), party(ctx, B_NAME), party(ctx, G_NAME)
    assert g.group_id is not None
    d = ctx.directives.save(DirectiveInput(number="7/KH-BCĐ", kind="KH", issued_on=date(2026, 1, 1))).value

    def task(content: str, lead: PartyRef, coop: list[PartyRef], deadline: str) -> int:
        return ctx.tasks.save(TaskInput(d, content, [lead], coop, deadline, "Báo cáo")).value

    def report(task_id: int, who: PartyRef, received: date) -> None:
        aid = next(x.id for x in ctx.tasks.get(task_id).assignments if x.party.name == who.name)
        ctx.reports.add(ReportInput(aid, received, "Đã xong", done=True))

    t1 = task("Xây dựng kế hoạch chuyển đổi số", a, [b], "Trước ngày 30/6/2026")
    t2 = task("Rà soát thủ tục hành chính", a, [], "Trước ngày 31/3/2026")
    t3 = task("Báo cáo tình hình thực hiện hằng tháng", a, [b], "Trước ngày 09 hằng tháng")
    t4 = task("Tuyên truyền về chuyển đổi số", g, [], "Thường xuyên")
    t5 = task("Tổng kết năm", b, [], "Trước ngày 31/12/2026")
    t6 = task("Đề án tạm dừng", a, [], "Trước ngày 31/5/2026")
    report(t1, a, date(2026, 6, 20))
    report(t2, a, date(2026, 4, 10))
    report(t3, a, date(2026, 1, 8))
    report(t3, a, date(2026, 2, 15))
    ctx.tasks.set_suspension(t6, Suspension.PAUSED)
    return Small(t1, t2, t3, t4, t5, t6)


@dataclass(frozen=True)
class Truth:
    tasks: dict[int, OfficialClass]
    # (agency_id, group_id, role) -> Counter of classes
    cells: dict[tuple[int | None, int | None, str], Counter[OfficialClass]]


def brute_force(ctx: AppContext, as_of: date) -> Truth:
    """Every task and assignment classified by the domain rules, replaying only reports received <= D."""
    assert ctx.db is not None
    tasks: dict[int, OfficialClass] = {}
    cells: dict[tuple[int | None, int | None, str], Counter[OfficialClass]] = {}
    today = ctx.services.today()
    with ctx.db.reading() as s:
        stmt = select(Task).options(
            selectinload(Task.directive), selectinload(Task.assignments).selectinload(Assignment.reports)
        )
        for t in s.scalars(stmt):
            if t.directive.issued_on is not None and t.directive.issued_on > as_of:
                continue  # a plan not yet issued: nobody's work on that day
            parties = [
                PartyMarks(
                    a.id,
                    a.role == "lead",
                    tuple(
                        ReportMark(r.occurrence, r.received_on, r.done)
                        for r in a.reports
                        if r.received_on <= as_of
                    ),
                )
                for a in t.assignments
            ]
            computed = compute_task(deadline_of(t), anchor_of(t), parties, today)
            kind, susp = DeadlineKind(t.deadline_kind), Suspension(t.suspension)
            tasks[t.id] = official_class(status_of(computed.task, kind, as_of, susp))
            by_id = {a.id: a for a in t.assignments}
            for a_id, progress, _covered in computed.assignments:
                a = by_id[a_id]
                key = (a.agency_id, a.group_id, a.role)
                cells.setdefault(key, Counter())[official_class(status_of(progress, kind, as_of, susp))] += 1
    return Truth(tasks, cells)
