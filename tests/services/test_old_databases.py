"""Databases written by earlier versions open, upgrade and keep every row (one file per schema)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app import migrate
from app.context import AppContext
from app.dto import TaskFilter
from app.services.progress import RULES_VERSION
from tests.conftest import TODAY

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("schema-*.sqlite")))
def test_old_database_upgrades_without_losing_rows(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    shutil.copyfile(FIXTURES / name, path)
    with sqlite3.connect(path) as conn:
        before = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("task", "assignment", "report")
        }
        old_revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    with AppContext(path, today=lambda: TODAY) as ctx:
        assert ctx.db is not None
        assert migrate.current_revision(ctx.db.engine) == migrate.head_revision()
        assert ctx.tasks.count(TaskFilter()) == before["task"]
        assert ctx.tasks.count(TaskFilter(search="de an")) > 0
        if old_revision != migrate.head_revision():
            assert ctx.backup_made is not None and ctx.backup_made.exists()
    with sqlite3.connect(path) as conn:
        after = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before


def test_progress_cached_under_old_rules_is_recomputed_on_open(tmp_path: Path) -> None:
    """The schema-0002 demo was cached before cooperators shared the lead's done reports."""
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / "schema-0002-demo.sqlite", path)
    with AppContext(path, today=lambda: TODAY) as ctx:
        police = ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
        rows = ctx.tasks.page(TaskFilter(agency_id=police, statuses=("quá hạn",)), 0, 1000)
        assert rows
        for r in rows:
            assert ctx.tasks.get(r.id).status != "hoàn thành đúng hạn"
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT value FROM setting WHERE key='progress_rules'").fetchone()
        assert row == (RULES_VERSION,)
