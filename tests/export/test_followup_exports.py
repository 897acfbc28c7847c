"""`export scoreboard` and `export grid` reopened cell by cell against the services they lay out:
every scoreboard number equals `summary --json`'s, every grid cell the service's state."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from app.export.report_grid import COUNT_HEADERS, STATE_FILL, cell_text, party_text
from app.export.scoreboard import COOP_GROUP, LEAD_GROUP, ROLE_HEADERS
from app.report_grid_dto import ReportGrid
from models.report_grid import CellState, GridSpan, span_columns
from tests.cli_run import run_cli
from tests.conftest import TODAY
from tests.export.conftest import data_rows, header_row, reopen, values
from tests.services.followup_data import A_NAME, B_NAME, G_NAME, Small, build_small


@pytest.fixture
def small_db(tmp_path: Path) -> tuple[Path, Small]:
    path = tmp_path / "small.sqlite"
    ctx = AppContext(path, today=lambda: TODAY).open()
    try:
        small = build_small(ctx)
    finally:
        ctx.close()
    return path, small


def _cli(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    ran = run_cli(capsys, "--db", str(db), *args)
    assert ran.returncode == 0, ran.stderr
    return ran.stdout


def _scoreboard_rows(path: Path) -> dict[str, dict[str, Any]]:
    ws = reopen(path).active
    h = header_row(ws, "STT")
    groups = values(ws, h)
    assert groups[2] == LEAD_GROUP and groups[2 + len(ROLE_HEADERS)] == COOP_GROUP
    assert values(ws, h + 1)[2:] == list(ROLE_HEADERS) * 2
    assert ws.freeze_panes == f"C{h + 2}"
    out = {}
    n = len(ROLE_HEADERS)
    for row in data_rows(ws, h + 2):
        lead = dict(zip(ROLE_HEADERS, row[2 : 2 + n], strict=True))
        coop = dict(zip(ROLE_HEADERS, row[2 + n :], strict=True))
        out[row[1]] = {"lead": lead, "coop": coop}
    return out


@pytest.mark.parametrize("day", ["2026-11-24", "2026-04-05", "2026-02-20"])
def test_every_scoreboard_number_equals_summary_json(
    small_db: tuple[Path, Small], tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    db, _small = small_db
    out = tmp_path / "bang-diem.xlsx"
    said = _cli(capsys, db, "export", "scoreboard", "--as-of", day, "--out", str(out))
    doc = json.loads(_cli(capsys, db, "summary", "--as-of", day, "--json"))
    sheet = _scoreboard_rows(out)
    assert said.startswith(f"Đã xuất {len(doc['agencies'])} cơ quan, đơn vị")
    assert set(sheet) == {r["agency"] for r in doc["agencies"]} == {A_NAME, B_NAME, G_NAME}
    for r in doc["agencies"]:
        lead, coop = sheet[r["agency"]]["lead"], sheet[r["agency"]]["coop"]
        assert lead["Được giao"] == r["lead"]
        assert coop["Được giao"] == r["cooperating"]
        assert lead["Hoàn thành đúng hạn"] == r["done_on_time"]
        assert lead["Hoàn thành quá hạn"] == r["done_late"]
        assert lead["Quá hạn"] == r["overdue"]
        assert lead["Đang thực hiện trong hạn"] == r["in_progress"]
        assert lead["Thường xuyên"] == r["continuous"]
        assert coop["Quá hạn"] == r["cooperating_overdue"]
        assert lead["Quá hạn lâu nhất (ngày)"] == r["longest_overdue_days"]
        for header, key in (("Tỷ lệ đúng hạn", "on_time_rate"), ("Tỷ lệ cập nhật", "update_rate")):
            if r[key] is None:
                assert lead[header] is None  # nothing to divide: empty, not 0%
            else:
                assert lead[header] == pytest.approx(r[key], abs=5e-5)


def test_scoreboard_as_of_a_past_day_does_not_count_later_reports(
    small_db: tuple[Path, Small], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """t2 (lead Sở Y tế, due 31/3) was reported done on 10/4: overdue on 5/4, done late today."""
    db, _small = small_db
    past, now = tmp_path / "past.xlsx", tmp_path / "now.xlsx"
    _cli(capsys, db, "export", "scoreboard", "--as-of", "2026-04-05", "--out", str(past))
    _cli(capsys, db, "export", "scoreboard", "--as-of", "2026-11-24", "--out", str(now))
    then, today = _scoreboard_rows(past)[A_NAME]["lead"], _scoreboard_rows(now)[A_NAME]["lead"]
    assert then["Hoàn thành quá hạn"] == 0 and then["Quá hạn"] >= 1
    assert today["Hoàn thành quá hạn"] == 1
    notes = [c.value for c in reopen(past).active["A"] if isinstance(c.value, str)]
    assert not any(n.startswith("Lưu ý: trạng thái tính theo mọi báo cáo") for n in notes)
    assert any(n.startswith("Tỷ lệ hoàn thành đúng hạn =") for n in notes)


def _grid_sheet(path: Path, grid: ReportGrid) -> tuple[list[list[Any]], Any, int]:
    ws = reopen(path).active
    h = header_row(ws, "STT")
    lower = values(ws, h + 1)
    assert lower[5 : 5 + len(grid.columns)] == [c.short for c in grid.columns]
    assert lower[5 + len(grid.columns) :] == list(COUNT_HEADERS)
    return data_rows(ws, h + 2), ws, h + 2


@pytest.mark.parametrize(("columns", "span", "day"), [
    ("months", GridSpan.YEAR, date(2026, 11, 24)),
    ("months", GridSpan.YEAR, date(2026, 4, 5)),
    ("quarters", GridSpan.YEAR_QUARTERS, date(2026, 11, 24)),
    ("weeks", GridSpan.LAST_12_WEEKS, date(2026, 3, 1)),
])  # fmt: skip
def test_grid_cells_equal_the_services_states(
    small_db: tuple[Path, Small],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    columns: str,
    span: GridSpan,
    day: date,
) -> None:
    db, small = small_db
    out = tmp_path / "bao-cao.xlsx"
    said = _cli(
        capsys, db, "export", "grid", "--as-of", day.isoformat(), "--year", "2026",
        "--columns", columns, "--out", str(out),
    )  # fmt: skip
    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        grid = ctx.report_grid.grid(day, span_columns(span, 2026, day))
    finally:
        ctx.close()
    assert grid.rows and {r.task_id for r in grid.rows} == {small.t3}
    assert said.startswith(f"Đã xuất {len(grid.rows)} dòng")
    rows, ws, first = _grid_sheet(out, grid)
    assert len(rows) == len(grid.rows) + 1  # and the total
    k = len(grid.columns)
    for i, (got, row) in enumerate(zip(rows, grid.rows, strict=False)):
        assert got[:5] == [i + 1, row.directive_number, row.content, row.deadline_text, party_text(row)]
        for j, cell in enumerate(row.cells):
            assert (got[5 + j] or "") == cell_text(cell)
            fill = ws.cell(first + i, 6 + j).fill
            want = STATE_FILL[cell.state]
            assert (fill.fgColor.rgb[-6:] if fill.fill_type == "solid" else "") == want
        t = row.tally
        assert got[5 + k :] == [t.expected, t.on_time, t.late, t.missing]
    total = grid.tally
    assert rows[-1][0] == "Tổng cộng" and rows[-1][5 + k :] == [
        total.expected,
        total.on_time,
        total.late,
        total.missing,
    ]


def test_grid_shows_a_duty_that_stopped_month_by_month(
    small_db: tuple[Path, Small], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """t3 (monthly, by the 9th): January on time, February late, nothing since: missing from March."""
    db, _small = small_db
    out = tmp_path / "nam.xlsx"
    _cli(capsys, db, "export", "grid", "--as-of", "2026-11-24", "--out", str(out))
    ws = reopen(out).active
    h = header_row(ws, "STT")
    lead = next(r for r in data_rows(ws, h + 2) if r[4] == A_NAME)
    months = lead[5:17]
    assert months[:11] == ["✓", "Trễ"] + ["Thiếu"] * 9
    assert months[11] in ("", None)  # December: not yet due
    assert lead[17:] == [11, 1, 1, 9]
    legend = [c.value for c in ws["A"] if isinstance(c.value, str) and c.value.startswith("«Thiếu»")]
    assert legend and STATE_FILL[CellState.MISSING] == "F8D7DA"
