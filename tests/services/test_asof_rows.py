"""`tasks --as-of D` and the task exports for a past D: statuses as they stood on D.

The small database has t2 (due 31/3/2026) reported done on 10/4: overdue on 5/4, done late
today; t1 (due 30/6) done on 20/6: not due yet on 5/4. The brute-force oracle replays only the
reports received by D."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.context import AppContext
from app.dto import TaskFilter
from app.export.service import ExportService
from app.services.asof_rows import rows_as_of
from models.official import OfficialClass, official_class
from models.status import Status
from tests.cli_run import run_cli
from tests.conftest import TODAY
from tests.export.conftest import data_rows, header_row, reopen
from tests.services.followup_data import A_NAME, B_NAME, Small, brute_force, build_small

# 15/12/2025: before the plan (issued 01/01/2026), whose tasks are then nobody's work and not listed
DAYS = [date(2025, 12, 15), date(2026, 2, 20), date(2026, 4, 5), date(2026, 6, 25), TODAY]


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Small]:
    path = tmp_path / "small.sqlite"
    ctx = AppContext(path, today=lambda: TODAY).open()
    try:
        small = build_small(ctx)
    finally:
        ctx.close()
    return path, small


def _tasks(capsys: pytest.CaptureFixture[str], db: Path, day: date, *extra: str) -> list[dict[str, object]]:
    ran = run_cli(capsys, "--db", str(db), "tasks", "--as-of", day.isoformat(), "--json", *extra)
    assert ran.returncode == 0, ran.stderr
    rows: list[dict[str, object]] = json.loads(ran.stdout)
    return rows


@pytest.mark.parametrize("day", DAYS)
def test_tasks_as_of_a_day_equal_the_reports_received_by_then(
    small: tuple[Path, Small], capsys: pytest.CaptureFixture[str], day: date
) -> None:
    db, _s = small
    rows = _tasks(capsys, db, day)
    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        truth = brute_force(ctx, day).tasks
    finally:
        ctx.close()
    assert {r["id"]: official_class(Status(r["status"])) for r in rows} == truth


def test_a_report_after_the_day_does_not_count_on_the_day(
    small: tuple[Path, Small], capsys: pytest.CaptureFixture[str]
) -> None:
    db, s = small
    then = {r["id"]: r for r in _tasks(capsys, db, date(2026, 4, 5))}
    now = {r["id"]: r for r in _tasks(capsys, db, TODAY)}
    assert then[s.t2]["status"] == Status.OVERDUE.value and then[s.t2]["next_due"] == "2026-03-31"
    assert now[s.t2]["status"] == Status.DONE_LATE.value
    assert then[s.t1]["status"] == Status.NOT_DUE.value and now[s.t1]["status"] == Status.DONE_ON_TIME.value
    # the status filter reads the statuses of the day, not today's
    overdue = _tasks(capsys, db, date(2026, 4, 5), "--status", "quá hạn")
    assert s.t2 in [r["id"] for r in overdue]
    late = _tasks(capsys, db, date(2026, 4, 5), "--status", "hoàn thành quá hạn")
    assert late == []
    # seen from one agency: its own assignments, as of the day
    mine = {r["id"]: r["status"] for r in _tasks(capsys, db, date(2026, 4, 5), "--agency", A_NAME)}
    assert mine[s.t2] == Status.OVERDUE.value
    theirs = {r["id"]: r["status"] for r in _tasks(capsys, db, date(2026, 6, 25), "--agency", B_NAME)}
    assert theirs[s.t1] == Status.DONE_ON_TIME.value  # the lead's report of 20/6 counts for B


def test_the_overdue_days_of_the_past_list(small: tuple[Path, Small]) -> None:
    db, s = small
    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        rows = {r.id: r for r in rows_as_of(ctx.services, TaskFilter(), date(2026, 4, 5))}
    finally:
        ctx.close()
    assert rows[s.t2].overdue_days == 5 and rows[s.t2].next_due == date(2026, 3, 31)


def test_task_export_as_of_a_past_day_prints_that_days_statuses(
    small: tuple[Path, Small], tmp_path: Path
) -> None:
    db, _s = small
    out = tmp_path / "cu.xlsx"
    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        ExportService(ctx.services).tasks(TaskFilter(statuses=(Status.OVERDUE,)), out, date(2026, 4, 5), "x")
        book = tmp_path / "phu-luc.xlsx"
        ExportService(ctx.services).status_workbook(book, date(2026, 4, 5), "x")
    finally:
        ctx.close()
    ws = reopen(out).active
    h = header_row(ws, "STT")
    rows = data_rows(ws, h + 1)
    texts = [str(v) for r in rows for v in r if v is not None]
    assert any("Rà soát thủ tục hành chính" in t for t in texts)
    assert all(OfficialClass.DONE_LATE.value not in t for t in texts)
    notes = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("Lưu ý")]
    assert notes == []  # no longer "counted with later reports": it is as of the day
    cells = [str(c.value) for sheet in reopen(book) for row in sheet.iter_rows() for c in row if c.value]
    assert not any("10/04/2026" in c for c in cells)  # the report of 10/4 is not yet the latest
