"""LibreOffice opens an export and evaluates nothing in it: formula-looking text survives as text."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from app.context import AppContext
from app.dto import TaskFilter, TaskInput
from app.export.service import ExportService
from tests.conftest import TODAY

TEXTS = ("=1+1", "=SUM(A1:A3)", "-5 đơn vị", "+84 912 345 678", "@x")


@pytest.mark.slow
def test_libreoffice_reads_formula_looking_text_as_text(demo_ctx: AppContext, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    directive = demo_ctx.directives.find_by_number("420-CV/TU")
    assert directive is not None
    lead = [demo_ctx.agencies.resolve_or_fail("Sở Nội vụ")]
    for text in TEXTS:
        demo_ctx.tasks.save(TaskInput(directive_id=directive, content=text, lead=lead, deadline_text=text))
    out = tmp_path / "xuat" / "cong-thuc.xlsx"
    out.parent.mkdir()
    ExportService(demo_ctx.services).tasks(TaskFilter(directive_id=directive), out, TODAY, "x")
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path / "csv"),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    converted = tmp_path / "csv" / "cong-thuc.csv"
    if not converted.exists():
        pytest.skip(f"LibreOffice could not convert spreadsheets here (Calc missing?): {done.stderr[-200:]}")
    rows = list(csv.reader(converted.read_text(encoding="utf-8").splitlines()))
    contents = [r[2] for r in rows if len(r) > 2]
    deadlines = [r[5] for r in rows if len(r) > 5]
    for text in TEXTS:
        assert text in contents, (text, contents[-8:])
        assert text in deadlines
    assert "2" not in contents and "#NAME?" not in contents and "Err:" not in " ".join(contents)
