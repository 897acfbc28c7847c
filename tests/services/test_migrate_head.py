"""Opening an up-to-date database costs no alembic; migration 0004's lookup key and indexes."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from app import migrate
from app.context import AppContext
from app.dto import DirectiveInput
from models.entities import directive_number_key
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def test_head_constant_matches_the_migration_scripts() -> None:
    assert migrate.script_head() == migrate.HEAD_REVISION


def test_current_revision_reads_the_stored_one(ctx: AppContext, tmp_path: Path) -> None:
    assert ctx.db is not None
    assert migrate.current_revision(ctx.db.engine) == migrate.HEAD_REVISION
    old = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / "schema-0002-demo.sqlite", old)
    from app.database import Database

    db = Database(old)
    try:
        assert migrate.current_revision(db.engine) == "0002"
    finally:
        db.dispose()
    empty = Database(tmp_path / "empty.sqlite")
    try:
        assert migrate.current_revision(empty.engine) is None
    finally:
        empty.dispose()


PROBE = """
import json, sys
from pathlib import Path
from app.context import AppContext
ctx = AppContext(Path(sys.argv[1])).open()
heavy = ("alembic", "docx", "docxtpl", "jinja2", "openpyxl")
heavy += ("app.services.importing.service", "app.letters.service")
loaded = {m: m in sys.modules for m in heavy}
ctx.letters  # first use loads the letters service
loaded["letters_after_use"] = "app.letters.service" in sys.modules
ctx.close()
print(json.dumps(loaded))
"""


def test_opening_an_up_to_date_database_imports_no_alembic_importer_or_letters(tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite"
    AppContext(path).open().close()  # created and migrated in this process
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == {
        "alembic": False,
        "docx": False,
        "docxtpl": False,
        "jinja2": False,
        "openpyxl": False,
        "app.services.importing.service": False,
        "app.letters.service": False,
        "letters_after_use": True,
    }


def test_upgrade_backfills_the_directive_number_key(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / "schema-0002-demo.sqlite", path)
    with sqlite3.connect(path) as conn:
        numbers = [r[0] for r in conn.execute("SELECT number FROM directive ORDER BY id")]
    assert numbers
    with AppContext(path, today=lambda: TODAY) as ctx:
        for n in numbers:
            found = ctx.directives.find_by_number(n.lower().replace("/", " / ").replace("đ", "Đ"))
            assert found is not None
            assert ctx.directives.get(found).number == n
    with sqlite3.connect(path) as conn:
        keys = dict(conn.execute("SELECT number, number_key FROM directive"))
        indexes = {r[1] for r in conn.execute("SELECT type, name FROM sqlite_master WHERE type='index'")}
    assert keys == {n: directive_number_key(n) for n in numbers}
    assert {
        "ix_directive_number_key",
        "ix_task_list_order",
        "ix_assignment_agency_role",
        "ix_assignment_agency_progress",
        "ix_assignment_task_progress",
        "ix_task_suspension_kind",
        "ix_task_progress",
    } <= indexes


def test_lookup_follows_a_renumbered_directive(ctx: AppContext) -> None:
    d = ctx.directives.save(DirectiveInput(number="125/KH-BCĐ", kind="KH")).value
    assert ctx.directives.find_by_number("125 / kh-bcd") == d
    detail = ctx.directives.get(d)
    ctx.directives.save(DirectiveInput(number="126/KH-BCĐ", kind="KH", id=d, issued_on=detail.issued_on))
    assert ctx.directives.find_by_number("125/KH-BCĐ") is None
    assert ctx.directives.find_by_number("126/kh-bcđ") == d
    assert ctx.directives.find_by_number("999/KH") is None


def test_lookup_uses_the_index(ctx: AppContext) -> None:
    assert ctx.db is not None
    with sqlite3.connect(ctx.db_path) as conn:
        sql = "EXPLAIN QUERY PLAN SELECT id FROM directive WHERE number_key = ?"
        plan = " ".join(r[3] for r in conn.execute(sql, ("x",)))
    assert "ix_directive_number_key" in plan
