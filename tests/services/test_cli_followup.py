"""`summary`, `task find`, `report add` and `verify` as scripts call them, on a real database."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.cli_common import EXIT_USER
from app.context import AppContext
from app.paths import evidence_dir_for
from tests.cli_run import run_cli, run_process
from tests.conftest import TODAY
from tests.services.followup_data import A_NAME, B_NAME, G_NAME, Small, build_small

ROW_KEYS = {
    "agency", "lead", "cooperating", "done_on_time", "done_late", "overdue", "in_progress",
    "continuous", "cooperating_overdue", "on_time_rate", "update_rate",
}  # fmt: skip


@pytest.fixture
def small_db(tmp_path: Path) -> tuple[Path, Small]:
    path = tmp_path / "small.sqlite"
    ctx = AppContext(path, today=lambda: TODAY).open()
    try:
        small = build_small(ctx)
    finally:
        ctx.close()
    return path, small


def _summary(capsys: pytest.CaptureFixture[str], db: Path, day: str) -> dict[str, object]:
    out = run_cli(capsys, "--db", str(db), "summary", "--as-of", day, "--json")
    assert out.returncode == 0, out.stderr
    doc: dict[str, object] = json.loads(out.stdout)
    return doc


def _row(doc: dict[str, object], name: str) -> dict[str, object]:
    rows = doc["agencies"]
    assert isinstance(rows, list)
    return next(r for r in rows if r["agency"] == name)


def test_summary_json_field_by_field(
    small_db: tuple[Path, Small], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _small = small_db
    doc = _summary(capsys, db, "2026-11-24")
    assert doc["as_of"] == "2026-11-24"
    assert doc["totals"] == {
        "hoàn thành đúng hạn": 1,
        "hoàn thành quá hạn": 1,
        "đang thực hiện trong hạn": 1,
        "quá hạn": 1,
        "thường xuyên": 1,
        "chưa rõ thời hạn": 0,
        "tạm dừng": 1,
        "hủy": 0,
    }
    a = _row(doc, A_NAME)
    assert set(a) >= ROW_KEYS
    assert {k: a[k] for k in ROW_KEYS} == {
        "agency": A_NAME,
        "lead": 4,
        "cooperating": 0,
        "done_on_time": 1,
        "done_late": 1,
        "overdue": 1,
        "in_progress": 0,
        "continuous": 0,
        "cooperating_overdue": 0,
        "on_time_rate": 0.5,
        "update_rate": round(1 / 11, 4),
    }
    assert a["group"] is False and a["paused"] == 1 and a["longest_overdue_days"] == 260
    b = _row(doc, B_NAME)
    assert (b["lead"], b["cooperating"], b["in_progress"], b["cooperating_overdue"]) == (1, 2, 1, 1)
    assert b["on_time_rate"] is None and b["update_rate"] is None  # nothing done, nothing periodic led
    g = _row(doc, G_NAME)
    assert (g["group"], g["lead"], g["continuous"], g["overdue"]) == (True, 1, 1, 0)


def test_summary_of_a_past_day_and_as_a_table(
    small_db: tuple[Path, Small], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _small = small_db
    a = _row(_summary(capsys, db, "2026-04-01"), A_NAME)
    assert (a["overdue"], a["in_progress"], a["done_late"], a["on_time_rate"]) == (2, 1, 0, None)
    assert a["update_rate"] == round(1 / 3, 4)
    out = run_cli(capsys, "--db", str(db), "summary", "--as-of", "2026-11-24")
    assert out.returncode == 0, out.stderr
    assert "Tổng quan nhiệm vụ tính đến ngày 24/11/2026" in out.stdout
    line = next(x for x in out.stdout.splitlines() if x.startswith(A_NAME))
    assert line.split()[3:] == ["4", "0", "1", "1", "1", "0", "0", "0", "260", "ngày", "50%", "9%"]


def test_task_find_ignores_diacritics(
    small_db: tuple[Path, Small], capsys: pytest.CaptureFixture[str]
) -> None:
    db, small = small_db
    out = run_cli(capsys, "--db", str(db), "task", "find", "bao cao tinh hinh", "--json")
    assert out.returncode == 0, out.stderr
    [row] = json.loads(out.stdout)
    assert row["id"] == small.t3
    assert row["directive"] == "7/KH-BCĐ"
    assert row["content"] == "Báo cáo tình hình thực hiện hằng tháng"
    assert row["lead"] == A_NAME
    assert row["deadline_text"] == "Trước ngày 09 hằng tháng"
    assert row["status"] == "quá hạn"
    none = run_cli(capsys, "--db", str(db), "task", "find", "khong co gi nhu vay", "--json")
    assert json.loads(none.stdout) == []


def test_report_add_for_a_period_with_evidence(
    small_db: tuple[Path, Small], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, small = small_db
    evidence = tmp_path / "Báo cáo tháng 3.pdf"
    evidence.write_bytes(b"%PDF-1.4 bao cao thang 3")
    out = run_cli(
        capsys,
        *("--db", str(db), "report", "add", "--task", str(small.t3), "--agency", "so y te"),
        *("--date", "2026-03-20", "--period", "2026-03", "--done", "--number", "12/BC-SYT"),
        *("--evidence", str(evidence), "--json"),
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert isinstance(doc["id"], int)
    assert doc["task"] == small.t3 and doc["agency"] == A_NAME
    assert (doc["occurrence"], doc["received_on"], doc["done"], doc["percent"]) == (
        "2026-03-09",
        "2026-03-20",
        True,
        100,
    )
    assert doc["evidence"] == ["Báo cáo tháng 3.pdf"]
    # March is now covered (late): the first unmet is April, still overdue; the update rate unchanged
    a = _row(_summary(capsys, db, "2026-11-24"), A_NAME)
    assert a["longest_overdue_days"] == (TODAY - date(2026, 4, 9)).days
    assert a["update_rate"] == round(1 / 11, 4)
    # without --json: a sentence naming the new id; without --period: the earliest unmet occurrence (April)
    plain = run_cli(
        capsys, "--db", str(db), "report", "add", "--task", str(small.t3), "--agency", A_NAME,
        "--date", "2026-04-08", "--done",
    )  # fmt: skip
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.startswith(f"Đã ghi báo cáo mã {doc['id'] + 1}: nhiệm vụ {small.t3}, ")
    assert plain.stdout.endswith(f"{A_NAME}, cho kỳ sớm nhất chưa đáp ứng, hoàn thành.\n")
    a = _row(_summary(capsys, db, "2026-11-24"), A_NAME)
    assert a["longest_overdue_days"] == (TODAY - date(2026, 5, 9)).days
    assert a["update_rate"] == round(2 / 11, 4)
    assert run_cli(capsys, "--db", str(db), "verify").returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--task", "999", "--agency", A_NAME, "--date", "2026-03-20"), "Không có nhiệm vụ mã 999"),
        (("--task", "T3", "--agency", "Sở Tài chính", "--date", "2026-03-20"), "Không tìm thấy cơ quan"),
        (("--task", "T3", "--agency", G_NAME, "--date", "2026-03-20"), "không được giao nhiệm vụ"),
        (("--task", "T3", "--agency", A_NAME, "--date", "20/13/2026"), "ngày «20/13/2026»"),
        (("--task", "T3", "--agency", A_NAME, "--date", "2026-03-20", "--evidence", "/khong/co.pdf"), "Không tìm thấy tệp minh chứng"),  # noqa: E501
        (("--task", "T3", "--agency", A_NAME, "--date", "2026-03-20", "--period", "2026-13"), "không hợp lệ"),
        (("--task", "T3", "--agency", A_NAME, "--date", "2026-03-20", "--period", "2026-Q1"), "có 3 hạn"),
        (("--task", "T3", "--agency", A_NAME, "--date", "2099-01-01"), "không được sau ngày hôm nay"),
        (("--task", "T3", "--agency", A_NAME, "--date", "2020-01-01", "--done"), "trước ngày ban hành văn bản 7/KH-BCĐ (01/01/2026)"),  # noqa: E501
    ],
)  # fmt: skip
def test_report_add_refuses_bad_input_in_vietnamese_and_records_nothing(
    small_db: tuple[Path, Small], capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    db, small = small_db
    argv = [str(small.t3) if a == "T3" else a for a in args]
    out = run_cli(capsys, "--db", str(db), "report", "add", *argv)
    assert out.returncode == EXIT_USER
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM report").fetchone() == (4,)


def _with_evidence(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], small: Small) -> Path:
    evidence = tmp_path / "minh-chung.pdf"
    evidence.write_bytes(b"minh chung " * 100)
    out = run_cli(
        capsys, "--db", str(db), "report", "add", "--task", str(small.t5), "--agency", B_NAME,
        "--date", "2026-11-20", "--evidence", str(evidence),
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    [stored] = [p for p in evidence_dir_for(db).rglob("*") if p.is_file() and not p.name.startswith(".")]
    return stored


def test_verify_names_a_tampered_and_a_missing_evidence_file(
    small_db: tuple[Path, Small], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, small = small_db
    stored = _with_evidence(db, tmp_path, capsys, small)
    ok = run_cli(capsys, "--db", str(db), "verify")
    assert ok.returncode == 0, ok.stdout
    assert ok.stdout.strip() == "Kiểm tra xong: cơ sở dữ liệu nguyên vẹn, 1 tệp minh chứng đúng mã SHA-256."
    stored.write_bytes(b"da bi sua")
    bad = run_cli(capsys, "--db", str(db), "verify")
    assert bad.returncode == 1
    assert "«minh-chung.pdf (mã báo cáo 5)» đã bị thay đổi hoặc hỏng" in bad.stdout
    stored.unlink()
    gone = run_cli(capsys, "--db", str(db), "verify")
    assert gone.returncode == 1
    assert "Thiếu tệp minh chứng «minh-chung.pdf (mã báo cáo 5)»" in gone.stdout


def test_verify_detects_a_corrupted_database_page(
    small_db: tuple[Path, Small], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _small = small_db
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'task'").fetchone()[0]
    conn.close()
    with db.open("r+b") as fh:  # scribble over the middle of the task table's root page
        fh.seek((root - 1) * page_size + 100)
        fh.write(b"\xff" * (page_size - 200))
    out = run_cli(capsys, "--db", str(db), "verify")
    assert out.returncode == 1
    assert "Cơ sở dữ liệu bị hỏng" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_summary_in_a_real_process(small_db: tuple[Path, Small]) -> None:
    db, _small = small_db
    out = run_process("--db", str(db), "summary", "--as-of", "2026-11-24", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["totals"]["quá hạn"] == 1
    assert _row(doc, A_NAME)["lead"] == 4


def test_report_add_twice_for_one_occurrence_says_so(
    small_db: tuple[Path, Small], capsys: pytest.CaptureFixture[str]
) -> None:
    """The same month typed twice ("2026-03", then "03/2026") is kept, but never silently."""
    db, small = small_db
    base = ("--db", str(db), "report", "add", "--task", str(small.t3), "--agency", A_NAME, "--done")
    first = run_cli(capsys, *base, "--date", "2026-03-20", "--period", "2026-03")
    assert first.returncode == 0 and first.stderr == ""
    again = run_cli(capsys, *base, "--date", "2026-03-21", "--period", "03/2026")
    assert again.returncode == 0
    assert "Lưu ý: kỳ hạn 09/03/2026 đã có báo cáo mã" in again.stderr
    assert "(nhận 20/03/2026); báo cáo mới được ghi thêm" in again.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM report WHERE occurrence = '2026-03-09'").fetchone() == (2,)
