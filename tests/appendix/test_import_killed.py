"""A process killed in the middle of an import leaves the database as it was: all or nothing.

The child runs a real import of a realistic appendix and kills itself (SIGKILL: no cleanup, no
rollback by Python) after every task and assignment row went in by the bulk insert, before the
commit. The parent then opens the database: SQLite's journal leaves no task, no directive.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.context import AppContext
from app.paths import resource
from benchmarks.bench_import import generate
from models.audit import AuditEntry
from models.entities import Assignment, Directive, Task

CHILD = """
import os, signal, sys
from datetime import date
from pathlib import Path
from app.context import AppContext
from app.services.importing import commit as commit_module

def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

commit_module.write_indicators = killed
ctx = AppContext(Path(sys.argv[1]), today=lambda: date(2026, 11, 24)).open()
preview = ctx.importer.preview(Path(sys.argv[2]))
ctx.importer.commit(preview, preview.default_decisions())
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_import_killed_before_commit_writes_nothing(ctx: AppContext, tmp_path: Path) -> None:
    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    db = ctx.db_path
    ctx.close()
    path = generate(tmp_path / "big.xlsx", 500)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(path)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    again = AppContext(db).open()
    try:
        assert again.db is not None
        with again.db.reading() as s:
            for table in (Task, Assignment, Directive):
                assert s.scalar(select(func.count()).select_from(table)) == 0
            assert s.scalar(select(func.count()).where(AuditEntry.action == "import")) == 0
            assert s.connection().exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        preview = again.importer.preview(path)  # and the import then goes through whole
        assert again.importer.commit(preview, preview.default_decisions()).value.tasks_added == 500
    finally:
        again.close()
