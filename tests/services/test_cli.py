"""`python -m app …` as a script would call it: in-process through main(argv), and one real process."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from app import __main__ as entry
from app.cli_common import EXIT_USER
from tests.cli_run import copy_demo, run_cli, run_process

TASK_KEYS = {"id", "directive", "content", "lead", "cooperating", "deadline_text", "next_due", "status"}
OVERDUE_AT_POLICE = ("tasks", "--json", "--agency", "CA tỉnh", "--status", "quá hạn", "--as-of", "2026-11-24")


def test_demo_then_list_overdue_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.sqlite"
    made = run_cli(capsys, "--db", str(db), "demo")
    assert made.returncode == 0, made.stderr
    assert "68 nhiệm vụ" in made.stdout
    out = run_cli(capsys, "--db", str(db), *OVERDUE_AT_POLICE)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows and all(r["status"] == "quá hạn" for r in rows)
    assert set(rows[0]) >= TASK_KEYS


def test_core_commands_in_a_real_process(demo_template: Path, tmp_path: Path) -> None:
    """The smoke test of the core family: `python -m app` in a new interpreter, JSON on stdout."""
    db = copy_demo(demo_template, tmp_path / "demo.sqlite")
    out = run_process("--db", str(db), *OVERDUE_AT_POLICE)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows and all(r["status"] == "quá hạn" for r in rows)
    assert set(rows[0]) >= TASK_KEYS


def test_text_listing_and_backup(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = copy_demo(demo_template, tmp_path / "demo.sqlite")
    listed = run_cli(capsys, "--db", str(db), "tasks", "--search", "de an", "--as-of", "2026-11-24")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines and all(len(line.split("\t")) == 5 for line in lines)
    made = run_cli(capsys, "--db", str(db), "backup")
    assert made.returncode == 0, made.stderr
    copies = [p for p in (tmp_path / "sao-luu").iterdir() if p.name.startswith("demo.sao-luu-")]
    assert len(copies) == 1 and made.stdout.strip() == str(copies[0])


def test_demo_twice_is_refused_without_changes(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = copy_demo(demo_template, tmp_path / "demo.sqlite")
    before = run_cli(capsys, "--db", str(db), "tasks", "--json").stdout
    again = run_cli(capsys, "--db", str(db), "demo")
    assert again.returncode == EXIT_USER
    assert again.stderr.count("\n") == 1 and "đã có dữ liệu" in again.stderr
    assert run_cli(capsys, "--db", str(db), "tasks", "--json").stdout == before


def test_errors_are_one_vietnamese_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "x.sqlite"
    unknown = run_cli(capsys, "--db", str(db), "tasks", "--agency", "Sở Không Tồn Tại")
    assert unknown.returncode == EXIT_USER
    assert unknown.stderr.strip().startswith("Lỗi") and unknown.stderr.count("\n") == 1
    bad_date = run_cli(capsys, "--db", str(db), "tasks", "--as-of", "31/11/2026")
    assert bad_date.returncode == EXIT_USER and "31/11/2026" in bad_date.stderr
    assert bad_date.stderr.count("\n") == 1 and bad_date.stdout == ""


def test_not_a_database_is_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "hong.sqlite"
    db.write_bytes(b"this is not sqlite at all" * 100)
    out = run_cli(capsys, "--db", str(db), "tasks")
    assert out.returncode == EXIT_USER
    assert "không phải là cơ sở dữ liệu" in out.stderr and out.stderr.count("\n") == 1
    assert db.read_bytes() == b"this is not sqlite at all" * 100


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux can lack a display")
def test_no_display_is_a_clear_message_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    opened: list[Path] = []
    monkeypatch.setattr(entry, "open_window", lambda path: opened.append(path) or 0)
    out = run_cli(capsys, "--db", str(tmp_path / "x.sqlite"))
    assert out.returncode == EXIT_USER and "Không có màn hình" in out.stderr and out.stderr.count("\n") == 1
    assert opened == [] and not (tmp_path / "x.sqlite").exists()


def test_no_command_opens_the_window_through_the_composition_root(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import views.launch

    opened: list[Path] = []

    def fake_run(path: Path) -> int:
        opened.append(path)
        return 7

    monkeypatch.setattr(views.launch, "run", fake_run)
    out = run_cli(capsys, "--db", str(tmp_path / "x.sqlite"))
    assert out.returncode == 7 and opened == [tmp_path / "x.sqlite"]


def test_main_without_a_window_starter_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app import cli

    code = cli.main(["--db", str(tmp_path / "x.sqlite")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USER and err.startswith("Lỗi") and err.count("\n") == 1
