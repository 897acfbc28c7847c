"""The agency view's service on the demo database: its numbers are the scoreboard's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.context import AppContext
from app.services.agency_profile import month_ends
from models.official import OfficialClass
from models.parties import Role
from tests.conftest import TODAY


def test_month_ends() -> None:
    assert month_ends(date(2026, 11, 24), 3) == [date(2026, 8, 31), date(2026, 9, 30), date(2026, 10, 31)]
    assert month_ends(date(2026, 3, 31), 2) == [date(2026, 2, 28), date(2026, 3, 31)]


def _busiest(ctx: AppContext) -> tuple[int, str]:
    lines = ctx.followup.scoreboard(TODAY)
    best = max((x for x in lines if x.agency_id is not None), key=lambda x: x.lead.assigned)
    assert best.agency_id is not None
    return best.agency_id, best.name


def test_profile_tasks_match_the_scoreboard(demo_ctx: AppContext) -> None:
    a_id, name = _busiest(demo_ctx)
    prof = demo_ctx.agency_profile.profile(a_id, TODAY)
    line = next(x for x in demo_ctx.followup.scoreboard(TODAY) if x.agency_id == a_id)
    assert prof.name == name
    for role in Role:
        mine = [t for t in prof.tasks if t.role is role]
        assert len(mine) == line.role(role).assigned
        for klass in OfficialClass:
            assert sum(t.klass is klass for t in mine) == line.role(role).counts[klass]
    overdue = [t for t in prof.tasks if t.klass is OfficialClass.OVERDUE]
    assert all(t.overdue_days is not None and t.overdue_days > 0 for t in overdue)
    if overdue and line.lead.longest_overdue_days is not None:
        lead_days = [t.overdue_days for t in overdue if t.role is Role.LEAD]
        assert max(lead_days, default=None) == line.lead.longest_overdue_days  # type: ignore[type-var]


def test_profile_reports_evidence_and_letters(demo_ctx: AppContext, tmp_path: Path) -> None:
    a_id, _ = _busiest(demo_ctx)
    prof = demo_ctx.agency_profile.profile(a_id, TODAY)
    ids = {t.task_id for t in prof.tasks}
    assert all(r.task_id in ids for r in prof.reports)
    assert [r.received_on for r in prof.reports] == sorted(
        (r.received_on for r in prof.reports), reverse=True
    )
    # a reminder names the agency: it appears among the letters sent to it
    overdue = [t.task_id for t in prof.tasks if t.klass is OfficialClass.OVERDUE]
    before = len(prof.letters)
    assert overdue
    demo_ctx.letters.remind(a_id, TODAY, out=tmp_path / "nhac.docx")
    after = demo_ctx.agency_profile.profile(a_id, TODAY).letters
    assert len(after) == before + 1 and after[0].task_count == len(overdue)


def test_timeline_equals_the_scoreboard_at_each_month_end(demo_ctx: AppContext) -> None:
    a_id, _ = _busiest(demo_ctx)
    points = demo_ctx.agency_profile.timeline(a_id, TODAY, months=4)
    assert [p.as_of for p in points] == month_ends(TODAY, 4)
    for p in points:
        line = next((x for x in demo_ctx.followup.scoreboard(p.as_of) if x.agency_id == a_id), None)
        if line is None:
            assert p.assigned == 0
            continue
        assert p.assigned == line.lead.assigned
        assert p.done_on_time == line.lead.counts[OfficialClass.DONE_ON_TIME]
        assert p.overdue == line.lead.counts[OfficialClass.OVERDUE]
        assert p.cooperating_overdue == line.cooperating.counts[OfficialClass.OVERDUE]
        assert p.on_time_rate == line.lead.on_time_rate and p.update_rate == line.lead.update_rate
