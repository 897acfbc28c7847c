"""Every `--help` and every argparse error is Vietnamese; dates are typed dd/mm/yyyy or ISO."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest

from app.cli import build_parser
from app.cli_common import EXIT_USER, date_arg, parse_date
from tests.cli_run import copy_demo, run_cli, run_process

ENGLISH = ("usage:", "options:", "show this help", "positional arguments", "error:", "required", "invalid")
# English prose in a description or epilog (a JSON shape keeps its English keys, never sentences)
ENGLISH_PROSE = (" the ", " a list", " newest ", " are ", " when ", " with ")


def _all_commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path (``()``, ``("letter",)``, ``("letter", "remind")`` …) the parser knows."""
    found = [prefix]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += _all_commands(sub, (*prefix, name))
    return found


COMMANDS = _all_commands(build_parser())


def test_the_parser_has_all_the_commands() -> None:
    assert {(), ("tasks",), ("import",), ("appendix", "parse"), ("letter", "report")} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "(chính)")
def test_every_help_is_vietnamese(command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(capsys, *command, "--help")
    assert out.returncode == 0
    assert out.stdout.startswith("cách dùng: python -m app")
    assert "tùy chọn:" in out.stdout and "in hướng dẫn này rồi thoát" in out.stdout
    assert not [w for w in ENGLISH if w in out.stdout.lower()]
    assert not [w for w in ENGLISH_PROSE if w in out.stdout.lower()]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--bogus"], "tham số không nhận ra: --bogus"),
        (["letter"], "thiếu tham số bắt buộc"),
        (["letter", "report", "--out", "a.docx"], "thiếu tham số bắt buộc: --period"),
        (["letter", "remind", "--all", "--out", "x", "--format", "x"], "không có lựa chọn 'x'"),
        (["tasks", "--as-of"], "cần một giá trị"),
        (["tasks", "--as-of", "31/02/2026"], "ngày «31/02/2026» không có trên lịch"),
        (["tasks", "--as-of", "hôm qua"], "dd/mm/yyyy"),
        (["nhiem-vu"], "không có lựa chọn 'nhiem-vu'"),
    ],
)
def test_argparse_errors_are_one_vietnamese_line(
    args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run_cli(capsys, *args)
    assert out.returncode == EXIT_USER
    assert out.stdout == ""
    assert words in out.stderr and out.stderr.startswith("Lỗi tham số dòng lệnh: ")
    assert out.stderr.count("\n") == 1
    assert not [w for w in ("usage:", "error:", "invalid", "expected", "required") if w in out.stderr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24", date(2026, 11, 24)),
        ("24/11/2026", date(2026, 11, 24)),
        ("4/1/2026", date(2026, 1, 4)),
        ("04/01/2026", date(2026, 1, 4)),
        ("24-11-2026", date(2026, 11, 24)),
        ("24.11.2026", date(2026, 11, 24)),
        (" 24/11/2026 ", date(2026, 11, 24)),
        ("29/02/2028", date(2028, 2, 29)),
    ],
)
def test_dates_in_both_forms(text: str, expected: date) -> None:
    assert parse_date(text) == expected
    assert date_arg(text) == expected


@pytest.mark.parametrize("text", ["29/02/2026", "11/24/2026", "2026/11/24", "24/11/26", "", "24 11 2026"])
def test_impossible_or_ambiguous_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="ngày «"):
        parse_date(text)
    with pytest.raises(argparse.ArgumentTypeError):
        date_arg(text)


def test_a_dd_mm_yyyy_as_of_lists_the_same_as_iso(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = copy_demo(demo_template, tmp_path / "demo.sqlite")
    iso = run_cli(capsys, "--db", str(db), "tasks", "--json", "--as-of", "2026-07-15")
    vn = run_cli(capsys, "--db", str(db), "tasks", "--json", "--as-of", "15/07/2026")
    later = run_cli(capsys, "--db", str(db), "tasks", "--json", "--as-of", "15/12/2026")
    assert iso.returncode == vn.returncode == 0
    assert vn.stdout == iso.stdout
    assert later.stdout != iso.stdout  # the date is really read, not ignored


def test_help_in_a_real_process_is_vietnamese() -> None:
    out = run_process("letter", "remind", "--help")
    assert out.returncode == 0
    assert out.stdout.startswith("cách dùng:") and "dd/mm/yyyy" in out.stdout


def test_letter_report_takes_the_period_as_people_write_it(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = copy_demo(demo_template, tmp_path / "demo.sqlite")
    base = ("--db", str(db), "letter", "report", "--out")
    iso = run_cli(capsys, *base, str(tmp_path / "a.docx"), "--period", "2026-Q3")
    vn = run_cli(capsys, *base, str(tmp_path / "b.docx"), "--period", "Quý III/2026")
    assert iso.returncode == vn.returncode == 0, vn.stderr
    assert (tmp_path / "b.docx").stat().st_size > 0
    half = run_cli(capsys, *base, str(tmp_path / "c.docx"), "--period", "6 tháng đầu năm 2026")
    assert half.returncode == EXIT_USER
    assert "6 tháng đầu năm 2026" in half.stderr and half.stderr.count("\n") == 1
    assert not (tmp_path / "c.docx").exists()
