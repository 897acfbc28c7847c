"""`python -m app letter …` as the acceptance scripts call it: in-process, and one real process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli_common import EXIT_USER
from tests.cli_run import Ran, copy_demo, run_cli, run_process
from tests.letters.checklist import check_all

Run = Callable[..., Ran]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    return lambda *args: run_cli(capsys, *args)


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    return copy_demo(demo_template, tmp_path / "demo.sqlite")


def test_remind_in_a_real_process(demo_db: Path, tmp_path: Path) -> None:
    """The smoke test of the letter family: a new interpreter writes the .docx."""
    out = tmp_path / "state.docx"
    done = run_process(
        "--db",
        str(demo_db),
        "letter",
        "remind",
        "--agency",
        "CA tỉnh",
        "--as-of",
        "2026-11-24",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) == 1 and str(out) in done.stdout and "số" in done.stdout
    check_all(out, party=False, cong_van=True)


def test_remind_state_and_party(demo_db: Path, tmp_path: Path, run: Run) -> None:
    for fmt in ("state", "party"):
        out = tmp_path / f"{fmt}.docx"
        done = run(
            "--db",
            str(demo_db),
            "letter",
            "remind",
            "--agency",
            "CA tỉnh",
            "--as-of",
            "2026-11-24",
            "--format",
            fmt,
            "--out",
            str(out),
        )
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.strip().splitlines()) == 1 and str(out) in done.stdout and "số" in done.stdout
        check_all(out, party=fmt == "party", cong_van=True)


def test_assign_and_report(demo_db: Path, tmp_path: Path, run: Run) -> None:
    out = tmp_path / "assign.docx"
    done = run("--db", str(demo_db), "letter", "assign", "--directive", "125/KH-BCĐ", "--out", str(out))
    assert done.returncode == 0, done.stderr
    check_all(out, party=False, cong_van=True)
    for period in ("2026-06", "2026-Q2", "2026"):
        out = tmp_path / f"report-{period}.docx"
        done = run("--db", str(demo_db), "letter", "report", "--period", period, "--out", str(out))
        assert done.returncode == 0, done.stderr
        check_all(out, party=False, cong_van=False)


@pytest.mark.parametrize(
    "args",
    [
        ("letter", "remind", "--agency", "Không Có Cơ Quan Này", "--out", "x.docx"),
        ("letter", "assign", "--directive", "999/XX-YY", "--out", "x.docx"),
        ("letter", "report", "--period", "2026-13", "--out", "x.docx"),
        ("letter", "report", "--period", "Q3", "--out", "x.docx"),
        ("letter", "report", "--period", "2026-Q5", "--out", "x.docx"),
        ("letter", "report", "--period", "2026-06", "--out", "khong-co/x.docx"),
        ("letter", "remind", "--agency", "CA tỉnh", "--as-of", "24/13/2026", "--out", "x.docx"),
        ("letter", "remind", "--agency", "CA tỉnh", "--format", "xyz", "--out", "x.docx"),
    ],
)
def test_errors_are_one_vietnamese_line(
    demo_db: Path, tmp_path: Path, args: tuple[str, ...], run: Run
) -> None:
    fixed = [str(tmp_path / a) if a.endswith("x.docx") else a for a in args]
    done = run("--db", str(demo_db), *fixed)
    assert done.returncode == EXIT_USER  # a user's mistake, not an unexpected error (EXIT_BUG)
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not (tmp_path / "x.docx").exists() and not (tmp_path / "khong-co").exists()


def test_remind_all_writes_one_letter_per_agency_with_overdue_work(
    demo_db: Path, tmp_path: Path, run: Run
) -> None:
    db = demo_db
    out = tmp_path / "don-doc"
    out.mkdir()
    done = run("--db", str(db), "letter", "remind", "--all", "--as-of", "2026-11-24", "--out", str(out))
    assert done.returncode == 0, done.stderr
    files = sorted(out.glob("*.docx"))
    listed = [line for line in done.stdout.splitlines() if line.startswith("Đã lập")]
    assert files and len(files) == len(listed)
    assert f"Tổng cộng {len(files)} công văn đôn đốc." in done.stdout
    both = run("--db", str(db), "letter", "remind", "--all", "--agency", "CA tỉnh", "--out", str(out))
    assert both.returncode == EXIT_USER and both.stderr.count("\n") == 1


@pytest.mark.parametrize("fmt", ["state", "party"])
def test_response_report_from_the_command_line(demo_db: Path, tmp_path: Path, run: Run, fmt: str) -> None:
    for number in ("420-CV/TU", "125/KH-BCĐ"):
        out = tmp_path / f"bc-{fmt}-{number.replace('/', '-')}.docx"
        args = ("letter", "response", "--directive", number, "--as-of", "24/11/2026", "--format", fmt)
        done = run("--db", str(demo_db), *args, "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert "báo cáo kết quả thực hiện" in done.stdout and str(out) in done.stdout
        check_all(out, party=fmt == "party", cong_van=False)


def test_response_to_a_directive_without_issuer_is_refused(demo_db: Path, tmp_path: Path, run: Run) -> None:
    """No issuer recorded: whom to send it to is not guessed ("Thường trực Tỉnh ủy" was)."""
    import sqlite3

    with sqlite3.connect(demo_db) as con:
        con.execute("UPDATE directive SET issuer = '' WHERE number = '125/KH-BCĐ'")
    out = tmp_path / "bc.docx"
    args = ("letter", "response", "--directive", "125/KH-BCĐ", "--as-of", "24/11/2026")
    done = run("--db", str(demo_db), *args, "--out", str(out))
    assert done.returncode == EXIT_USER, done.stdout
    assert "chưa ghi cơ quan ban hành" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
