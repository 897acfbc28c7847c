"""`--db SQLITE copy-to postgresql://…` moves an office over, checked by counts and checksums;
every command accepts `--db postgresql://…` (a real throwaway server, tests/conftest.py)."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.context import AppContext
from app.dto import DirectiveInput, ReportInput, TaskFilter
from app.paths import evidence_dir_for
from models.entities import Directive, StoredBytes
from tests.cli_run import run_cli
from tests.conftest import TODAY, PgDatabases


@pytest.fixture
def office(demo_template: Path, tmp_path: Path) -> Path:
    """The demo office, with a report carrying evidence and a directive whose parent has a higher id."""
    path = tmp_path / "office.sqlite"
    shutil.copyfile(demo_template, path)
    if evidence_dir_for(demo_template).exists():
        shutil.copytree(evidence_dir_for(demo_template), evidence_dir_for(path))
    with AppContext(path, today=lambda: TODAY) as c:
        child = c.directives.save(DirectiveInput(number="1/TB-BCĐ", kind="TB")).value
        parent = c.directives.save(DirectiveInput(number="2/KH-BCĐ", kind="KH")).value
        d = c.directives.get(child)
        c.directives.save(
            DirectiveInput(number=d.number, kind=d.kind, parent_id=parent, id=child, version=d.version)
        )
        row = c.tasks.page(TaskFilter(), 0, 1)[0]
        aid = c.tasks.get(row.id).assignments[0].id
        src = tmp_path / "bien-ban.pdf"
        src.write_bytes(b"%PDF bien ban hop " * 50)
        c.reports.add(ReportInput(aid, date(2026, 11, 20), "Đã họp", evidence_files=[src]))
    return path


def _counts(ctx: AppContext) -> dict[str, int]:
    from app.copy_to import _tables

    assert ctx.db is not None
    with ctx.db.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in _tables()}


def test_copy_to_moves_rows_files_and_sequences(
    office: Path, pg_databases: PgDatabases, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pg_databases.admin("CREATE DATABASE moved")
    url = pg_databases.cluster.url("moved")
    ran = run_cli(capsys, "--db", str(office), "copy-to", url)
    assert ran.returncode == 0, ran.stderr
    assert "Đã kiểm tra" in ran.stdout and "tệp minh chứng" in ran.stdout
    with AppContext(office, today=lambda: TODAY) as src, AppContext(url, today=lambda: TODAY) as dst:
        assert _counts(src) == _counts(dst)
        assert _counts(dst)["task"] > 50 and _counts(dst)["evidence"] >= 1
        # the same list, search and statuses on both
        assert src.tasks.page(TaskFilter(search="chuyen doi so"), 0, 50) == dst.tasks.page(
            TaskFilter(search="chuyen doi so"), 0, 50
        )
        # evidence bytes moved, with their SHA-256
        assert dst.db is not None
        with dst.db.reading() as s:
            blobs = s.scalars(select(StoredBytes)).all()
            assert blobs and all(hashlib.sha256(bytes(b.data)).hexdigest() == b.sha256 for b in blobs)
            assert s.scalar(select(Directive.parent_id).where(Directive.number == "1/TB-BCĐ")) is not None
        tid = dst.tasks.page(TaskFilter(), 0, 1)[0].id
        ev = dst.reports.list_for_task(tid)[0].evidence[0]
        assert dst.reports.export_evidence(ev.id, tmp_path / "mo").read_bytes() == b"%PDF bien ban hop " * 50
        # the sequences run on past the copied ids: a new directive gets a fresh id
        new = dst.directives.save(DirectiveInput(number="99/CV-BCĐ", kind="CV")).value
        with dst.db.reading() as s:
            assert new == s.scalar(select(func.max(Directive.id)))
    # a second copy into a database that has data is refused, changing nothing
    again = run_cli(capsys, "--db", str(office), "copy-to", url)
    assert again.returncode != 0 and "đã có dữ liệu" in again.stderr


def test_commands_accept_a_postgresql_url(
    demo_template: Path,
    pg_demo_template: str,
    pg_databases: PgDatabases,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the same demo office on both engines (templates built once per run, tests/conftest.py)
    on_file = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, on_file)
    pg_url = pg_databases.cluster.url(pg_databases.copy_of(pg_demo_template))
    for args in (("tasks", "--search", "đề án", "--json"), ("tasks", "--status", "quá hạn", "--json")):
        shared = run_cli(capsys, "--db", pg_url, *args)
        assert shared.returncode == 0, shared.stderr
        rows: list[dict[str, Any]] = json.loads(shared.stdout)
        assert rows
        # the same answer as the same office on SQLite
        assert shared.stdout == run_cli(capsys, "--db", str(on_file), *args).stdout
    refused = run_cli(capsys, "--db", pg_url, "backup")
    assert refused.returncode != 0 and "pg_dump" in refused.stderr


def test_a_wrong_role_gives_a_clear_message(
    pg_databases: PgDatabases, capsys: pytest.CaptureFixture[str]
) -> None:
    ran = run_cli(capsys, "--db", pg_databases.cluster.url("postgres", user="khong_co_ai"), "tasks")
    assert ran.returncode != 0
    assert "Không kết nối được cơ sở dữ liệu dùng chung" in ran.stderr and "Traceback" not in ran.stderr
