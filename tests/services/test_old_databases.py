"""Databases written by earlier versions open, upgrade and keep every row (one file per schema)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from app import migrate
from app.context import AppContext
from app.dto import TaskFilter
from app.services.progress import RULES_VERSION
from models.status import Status
from tests.conftest import TODAY

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


OLD_FILES = sorted(p.name for p in FIXTURES.glob("schema-*.sqlite"))
NOT_DATA = ("alembic_version", "sqlite_", "task_fts")  # bookkeeping and the FTS index's own tables


def test_every_past_revision_has_a_database() -> None:
    """When a migration is added, the revision it replaces as head gets its file
    (tests/fixtures/make_old_databases.py makes it)."""
    scripts = ScriptDirectory.from_config(migrate._config())
    past = [s.revision for s in scripts.walk_revisions() if s.revision != migrate.head_revision()]
    assert past, "alembic lists no revision before head"
    assert [r for r in past if f"schema-{r}-demo.sqlite" not in OLD_FILES] == []


def _row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {
        t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        for t in names
        if not t.startswith(NOT_DATA)
    }


@pytest.mark.parametrize("name", OLD_FILES)
def test_old_database_upgrades_without_losing_rows(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    shutil.copyfile(FIXTURES / name, path)
    with sqlite3.connect(path) as conn:
        before = _row_counts(conn)
        old_revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        report_id, task_id, report_text = conn.execute(
            "SELECT r.id, a.task_id, r.text FROM report r JOIN assignment a ON a.id = r.assignment_id "
            "ORDER BY length(r.text) DESC, r.id LIMIT 1"
        ).fetchone()
        letters = (
            conn.execute("SELECT full_number FROM outgoing_letter").fetchall()
            if "outgoing_letter" in before
            else []
        )
    assert before["task"] > 0 and before["report"] > 0
    with AppContext(path, today=lambda: TODAY) as ctx:
        assert ctx.db is not None
        assert migrate.current_revision(ctx.db.engine) == migrate.head_revision()
        assert ctx.tasks.count(TaskFilter()) == before["task"]
        assert ctx.tasks.count(TaskFilter(search="de an")) > 0
        assert (report_id, report_text) in {(r.id, r.text) for r in ctx.reports.list_for_task(task_id)}
        assert sorted(r.number for r in ctx.letters.list_letters()) == sorted(n for (n,) in letters)
        if old_revision != migrate.head_revision():
            assert ctx.backup_made is not None and ctx.backup_made.exists()
        else:
            assert ctx.backup_made is None
    with sqlite3.connect(path) as conn:
        after = _row_counts(conn)
    # upgrades and the progress refresh add settings (soon_days, progress_rules); no other row changes
    assert after["setting"] >= before["setting"]
    assert {t: after[t] for t in before if t != "setting"} == {
        t: n for t, n in before.items() if t != "setting"
    }


def test_progress_cached_under_old_rules_is_recomputed_on_open(tmp_path: Path) -> None:
    """The schema-0002 demo was cached before cooperators shared the lead's done reports."""
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / "schema-0002-demo.sqlite", path)
    with AppContext(path, today=lambda: TODAY) as ctx:
        police = ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
        rows = ctx.tasks.page(TaskFilter(agency_id=police, statuses=(Status.OVERDUE,)), 0, 1000)
        assert rows
        for r in rows:
            assert ctx.tasks.get(r.id).status != "hoàn thành đúng hạn"
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT value FROM setting WHERE key='progress_rules'").fetchone()
        assert row == (RULES_VERSION,)
