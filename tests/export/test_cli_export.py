"""`python -m app export …` in-process, and one real process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli_common import EXIT_USER
from tests.cli_run import copy_demo, run_cli, run_process
from tests.export.conftest import data_rows, header_row, reopen


@pytest.fixture
def db(demo_template: Path, tmp_path: Path) -> Path:
    return copy_demo(demo_template, tmp_path / "demo.sqlite")


def test_export_tasks_with_the_filters_of_tasks(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filters = ("--agency", "CA tỉnh", "--status", "qua han", "--as-of", "2026-11-24")
    listed = run_cli(capsys, "--db", str(db), "tasks", "--json", *filters)
    assert listed.returncode == 0, listed.stderr
    expected = json.loads(listed.stdout)
    out = tmp_path / "ca.xlsx"
    ran = run_cli(capsys, "--db", str(db), "export", "tasks", "--out", str(out), *filters)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == f"Đã xuất {len(expected)} nhiệm vụ vào tệp {out}"
    ws = reopen(out).active
    rows = data_rows(ws, header_row(ws, "STT") + 1)
    assert [r[2] for r in rows] == [t["content"] for t in expected]
    assert "Tính đến ngày 24/11/2026" in ws.oddFooter.left.text


def test_export_status_workbook_and_indicators(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "phu-luc.xlsx"
    ran = run_cli(capsys, "--db", str(db), "export", "status-workbook", "--as-of", "2026-11-24",
                  "--out", str(book), "--directive", "125/KH-BCĐ")
    assert ran.returncode == 0, ran.stderr
    assert "61 nhiệm vụ (1 văn bản)" in ran.stdout
    assert reopen(book).sheetnames == ["Tổng hợp", "125-KH-BCĐ"]
    values = tmp_path / "chi-tieu.xlsx"
    ran = run_cli(capsys, "--db", str(db), "export", "indicators", "--out", str(values))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("Đã xuất 20 chỉ tiêu")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("grid", "--year", "1999"), "Năm 1999 không hợp lệ"),
        (("scoreboard", "--as-of", "2030-01-01"), "Chỉ tính được trạng thái đến ngày"),
        (("tasks", "--directive", "999/KH"), "Không tìm thấy văn bản số «999/KH»"),
        (("tasks", "--status", "xong"), "Không có trạng thái «xong»"),
    ],
)
def test_export_errors_are_one_vietnamese_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "x.xlsx"
    ran = run_cli(capsys, "--db", str(db), "export", *args, "--out", str(out))
    assert ran.returncode == EXIT_USER
    assert ran.stderr.startswith("Lỗi: ") and message in ran.stderr and ran.stderr.count("\n") == 1
    assert not out.exists()


def test_missing_folder_is_said_before_opening_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    never = tmp_path / "never.sqlite"
    ran = run_cli(capsys, "--db", str(never), "export", "tasks", "--out", str(tmp_path / "no" / "x.xlsx"))
    assert ran.returncode == EXIT_USER
    assert f"Không có thư mục «{tmp_path / 'no'}»" in ran.stderr
    assert not never.exists()


def test_export_in_a_real_process(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "nhiem-vu.xlsx"
    ran = run_process("--db", str(db), "export", "tasks", "--as-of", "2026-11-24", "--out", str(out))
    assert ran.returncode == 0, ran.stderr
    assert "Đã xuất 68 nhiệm vụ" in ran.stdout
    assert len(data_rows(reopen(out).active, 5)) == 68
