"""The first window imports only what it shows: no alembic, python-docx, docxtpl, jinja2,
openpyxl or importer until a letter, an import or an upgrade needs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.context import AppContext

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("alembic", "docx", "docxtpl", "jinja2", "openpyxl", "app.services.importing.service")

PROBE = f"""
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from app.context import AppContext
from views.main_window import MainWindow
ctx = AppContext(Path(sys.argv[1])).open(refresh_progress=False)
window = MainWindow(ctx)
window.show()
app.processEvents()
assert window.task_page.model.rowCount() > 0
shown = window.task_page.detail.reminded.text()
print(json.dumps({{"loaded": [m for m in {HEAVY!r} if m in sys.modules], "reminded": shown}}))
ctx.close()
"""


def test_first_window_imports_no_letters_importer_or_alembic(demo_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    path.write_bytes(demo_template.read_bytes())
    AppContext(path).open().close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BCD_DATA_DIR": str(tmp_path / "data")}
    cmd = [sys.executable, "-c", PROBE, str(path)]
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["loaded"] == []
    assert result["reminded"]  # the detail panel's reminder line was filled all the same


def test_start_up_benchmark_children_reach_their_first_paint(demo_template: Path, tmp_path: Path) -> None:
    """benchmarks/bench_startup.py times these two processes; both must paint and leave."""
    path = tmp_path / "demo.sqlite"
    path.write_bytes(demo_template.read_bytes())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BCD_DATA_DIR": str(tmp_path / "data")}
    for argv in (["-m", "benchmarks.app_window", str(path)], ["-m", "benchmarks.bare_window"]):
        out = subprocess.run(
            [sys.executable, *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0 and out.stdout.splitlines() == ["painted"], (argv, out.stderr)
