"""A restore never gives a letter number out twice, leaves its trace in the history, and the
history of a directive in the trash can still be asked for by its number (tester's defects)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from app.context import AppContext
from app.paths import evidence_dir_for
from tests.cli_run import run_cli
from tests.conftest import TODAY

PERIOD = "Tháng 10/2026"


def _db(demo_template: Path, tmp_path: Path) -> Path:
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, db)
    if evidence_dir_for(demo_template).exists():
        shutil.copytree(evidence_dir_for(demo_template), evidence_dir_for(db))
    return db


def _number(stdout: str) -> str:
    found = re.search(r"số (\S+)", stdout)
    assert found, stdout
    return found.group(1).rstrip(",.;:")


def _history(capsys: pytest.CaptureFixture[str], db: Path, *extra: str) -> list[dict[str, object]]:
    done = run_cli(capsys, "--db", str(db), "history", "--json", *extra)
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, object]] = json.loads(done.stdout)
    return rows


def test_a_number_issued_after_the_backup_is_not_given_out_again(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _db(demo_template, tmp_path)
    made = run_cli(capsys, "--db", str(db), "backup", "--to", str(tmp_path / "bk"))
    assert made.returncode == 0, made.stderr
    archive = Path(made.stdout.strip().splitlines()[0])
    first = run_cli(
        capsys, "--db", str(db), "letter", "report", "--period", PERIOD, "--out", str(tmp_path / "t10.docx")
    )
    assert first.returncode == 0, first.stderr
    n1 = _number(first.stdout)
    m = re.match(r"(\d+)(.*)", n1)
    assert m

    done = run_cli(capsys, "--db", str(db), "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert f"Giữ lại 1 văn bản đi đã cấp số sau bản sao lưu: {n1}" in done.stdout

    second = run_cli(
        capsys, "--db", str(db), "letter", "report", "--period", PERIOD, "--out", str(tmp_path / "t10b.docx")
    )
    assert second.returncode == 0, second.stderr
    n2 = _number(second.stdout)
    assert n2 == f"{int(m.group(1)) + 1:02d}{m.group(2)}", (n1, n2)

    c = AppContext(db, today=lambda: TODAY).open()
    try:
        register = {r.number: r for r in c.letters.list_letters()}
    finally:
        c.close()
    assert n1 in register and n2 in register
    assert register[n1].file_name == str(tmp_path / "t10.docx") and Path(register[n1].file_name).exists()

    # the restore is in the history, by the same person as any change, naming the archive
    entries = _history(capsys, db)
    restores = [e for e in entries if e["action"] == "restore" and e["entity"] == "database"]
    assert len(restores) == 1
    assert f"Khôi phục từ bản sao lưu {archive.name} (ngày " in str(restores[0]["new"])
    assert n1 in str(restores[0]["new"])
    assert restores[0]["actor"] == entries[-1]["actor"] or "@" in str(restores[0]["actor"])


def test_a_restore_without_later_letters_keeps_nothing_and_is_still_recorded(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _db(demo_template, tmp_path)
    archive = Path(run_cli(capsys, "--db", str(db), "backup", "--to", str(tmp_path / "bk")).stdout.split()[0])
    done = run_cli(capsys, "--db", str(db), "restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Giữ lại" not in done.stdout
    assert [e for e in _history(capsys, db) if e["action"] == "restore" and e["entity"] == "database"]


def test_history_of_a_directive_in_the_trash(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _db(demo_template, tmp_path)
    gone = run_cli(capsys, "--db", str(db), "directive", "delete", "125/KH-BCĐ")
    assert gone.returncode == 0, gone.stderr
    done = run_cli(capsys, "--db", str(db), "history", "--directive", "125/KH-BCĐ", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    deleted = [r for r in rows if r["action"] == "delete" and r["entity"] == "directive"]
    assert len(deleted) == 1 and "Thùng rác" in str(deleted[0]["new"])
    assert {r["directive_id"] for r in rows} == {deleted[0]["entity_id"]}
    # a number never registered is still refused
    none = run_cli(capsys, "--db", str(db), "history", "--directive", "999/XX")
    assert none.returncode != 0 and "Không có văn bản số" in none.stderr
