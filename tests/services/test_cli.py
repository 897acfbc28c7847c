"""`python -m app …` as a script would call it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True)


def test_demo_then_list_overdue_as_json(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    made = run("--db", str(db), "demo")
    assert made.returncode == 0, made.stderr
    assert "68 nhiệm vụ" in made.stdout
    out = run(
        "--db",
        str(db),
        "tasks",
        "--json",
        "--agency",
        "CA tỉnh",
        "--status",
        "quá hạn",
        "--as-of",
        "2026-11-24",
    )
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows and all(r["status"] == "quá hạn" for r in rows)
    assert {
        "id",
        "directive",
        "content",
        "lead",
        "cooperating",
        "deadline_text",
        "next_due",
        "status",
    } <= set(rows[0])


def test_demo_twice_is_refused_without_changes(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite"
    assert run("--db", str(db), "demo").returncode == 0
    again = run("--db", str(db), "demo")
    assert again.returncode != 0
    assert again.stderr.count("\n") == 1 and "đã có dữ liệu" in again.stderr


def test_errors_are_one_vietnamese_line(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite"
    unknown = run("--db", str(db), "tasks", "--agency", "Sở Không Tồn Tại")
    assert unknown.returncode != 0
    assert unknown.stderr.strip().startswith("Lỗi") and "Traceback" not in unknown.stderr
    bad_date = run("--db", str(db), "tasks", "--as-of", "24/11/2026")
    assert bad_date.returncode != 0 and "YYYY-MM-DD" in bad_date.stderr and "Traceback" not in bad_date.stderr


def test_not_a_database_is_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "hong.sqlite"
    db.write_bytes(b"this is not sqlite at all" * 100)
    out = run("--db", str(db), "tasks")
    assert out.returncode != 0
    assert "không phải là cơ sở dữ liệu" in out.stderr and "Traceback" not in out.stderr
    assert db.read_bytes() == b"this is not sqlite at all" * 100


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux can lack a display")
def test_no_display_is_a_clear_message_not_a_crash(tmp_path: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(tmp_path / "x.sqlite")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode != 0 and "Không có màn hình" in out.stderr and "Traceback" not in out.stderr
