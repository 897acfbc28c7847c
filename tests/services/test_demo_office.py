"""The demo looks like a working office on the day it is built: every status, a minority overdue,
recurring duties reported, evidence on several tasks; the plan itself (68 tasks) unchanged."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.context import AppContext
from app.demo import build_demo
from app.dto import TaskFilter
from models.deadlines import DeadlineKind
from models.status import Status

EXPECTED = {
    Status.DONE_ON_TIME,
    Status.DONE_LATE,
    Status.OVERDUE,
    Status.CONTINUOUS,
    Status.PAUSED,
    Status.CANCELLED,
}


def _build(path: Path, today: date) -> AppContext:
    c = AppContext(path, today=lambda: today).open()
    for _ in build_demo(c):
        pass
    return c


@pytest.fixture(params=[date(2026, 11, 24), date(2026, 8, 17)], ids=["november", "august"])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AppContext]:
    c = _build(tmp_path / "demo.sqlite", request.param)
    yield c
    c.close()


def test_every_status_and_a_minority_overdue(office: AppContext) -> None:
    rows = office.tasks.page(TaskFilter(), 0, 1000)
    assert len(rows) == 68
    counts = Counter(r.status for r in rows)
    assert set(counts) >= EXPECTED, counts
    assert counts[Status.NOT_DUE] + counts[Status.DUE_SOON] > 0
    overdue = counts[Status.OVERDUE] / len(rows)
    assert 0.05 <= overdue <= 0.20, counts
    done = counts[Status.DONE_ON_TIME] + counts[Status.DONE_LATE]
    assert done > counts[Status.OVERDUE] * 2


def test_reports_with_evidence_and_work_in_progress(office: AppContext) -> None:
    rows = office.tasks.page(TaskFilter(), 0, 1000)
    reports = {r.id: office.reports.list_for_task(r.id) for r in rows}
    with_evidence = [i for i, rs in reports.items() if any(x.evidence for x in rs)]
    assert len(with_evidence) >= 5
    today = office.services.today()
    assert all(x.received_on <= today for rs in reports.values() for x in rs)
    underway = [
        r
        for r in rows
        if r.status in (Status.NOT_DUE, Status.DUE_SOON) and any(not x.done for x in reports[r.id])
    ]
    assert underway, "a task within its deadline with a progress report"
    recurring = [r for r in rows if office.tasks.get(r.id).deadline_kind is DeadlineKind.RECURRING]
    reported = [r for r in recurring if sum(x.done for x in reports[r.id]) >= 2]
    assert len(reported) >= len(recurring) // 2
    behind = [r for r in recurring if r.missed is not None and r.missed.count]
    assert behind and len(behind) < len(recurring)


def test_the_police_has_an_overdue_task_for_ci_reminder(demo_ctx: AppContext) -> None:
    """.ci/run writes `letter remind --agency "CA tỉnh" --as-of 2026-11-24` on the demo."""
    police = demo_ctx.agencies.resolve_or_fail("CA tỉnh").agency_id
    assert police is not None
    content = demo_ctx.letters.preview_remind(police, date(2026, 11, 24))
    assert content.overdue
    assert any(line.missed_note for line in content.overdue)  # a recurring report behind


def test_same_day_same_database(tmp_path: Path) -> None:
    day = date(2026, 11, 24)
    a, b = _build(tmp_path / "a.sqlite", day), _build(tmp_path / "b.sqlite", day)
    try:

        def picture(c: AppContext) -> list[tuple[str, str]]:
            return [(r.content, r.status.value) for r in c.tasks.page(TaskFilter(), 0, 1000)]

        assert picture(a) == picture(b)
    finally:
        a.close()
        b.close()
