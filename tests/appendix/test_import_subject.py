"""A directive created by an import gets its subject from the title, the officer, or says it has none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.appendix.parse import read_subject
from app.context import AppContext
from tests.appendix.builder import TITLE, build
from tests.cli_run import run_cli

ABOUT = "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2026"


def with_about(path: Path) -> Path:
    """The builder's workbook with a title line that ends in "về …", as many plans write it."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == TITLE:
                    cell.value = TITLE[:-1] + f" về {ABOUT})"
    wb.save(path)
    return path


def subjects(db: Path) -> list[str]:
    c = AppContext(db, today=lambda: date(2026, 11, 24)).open()
    try:
        return [d.subject for d in c.directives.list_directives(with_counts=False)]
    finally:
        c.close()


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        (TITLE[:-1] + f" về {ABOUT})", "P" + ABOUT[1:]),
        (
            "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 5/1/2026 về quy chế làm việc).",
            "Quy chế làm việc",
        ),
        (TITLE, ""),  # KH125 as published: no "về", no subject to read
        ("PHỤ LỤC 02", ""),
        ("Các nhiệm vụ về chuyển đổi số", ""),  # "về" outside the attaching line is not a subject
    ],
)
def test_subject_from_the_title_line(title: str, subject: str) -> None:
    assert read_subject(["PHỤ LỤC 02", title]) == subject


def test_cli_import_takes_the_subject_from_the_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = with_about(build(tmp_path / "KH125-phu-luc.xlsx"))
    db = tmp_path / "a.sqlite"
    done = run_cli(capsys, "--db", str(db), "import", str(sample))
    assert done.returncode == 0, done.stderr
    assert subjects(db) == ["P" + ABOUT[1:]]


def test_cli_import_subject_option_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = with_about(build(tmp_path / "KH125-phu-luc.xlsx"))
    db = tmp_path / "a.sqlite"
    done = run_cli(capsys, "--db", str(db), "import", str(sample), "--subject", "  Hoạt động   năm 2026 ")
    assert done.returncode == 0, done.stderr
    assert subjects(db) == ["Hoạt động năm 2026"]


def test_cli_import_without_any_subject_is_refused_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = build(tmp_path / "KH125-phu-luc.xlsx")
    db = tmp_path / "a.sqlite"
    done = run_cli(capsys, "--db", str(db), "import", str(sample))
    assert done.returncode == 2 and done.stdout == ""
    assert "--subject" in done.stderr and "KH125-phu-luc.xlsx" in done.stderr
    assert done.stderr.count("\n") == 1
    assert subjects(db) == []


def test_a_service_commit_without_subject_says_it_has_none(ctx: AppContext, tmp_path: Path) -> None:
    preview = ctx.importer.preview(build(tmp_path / "KH125-phu-luc.xlsx"))
    assert preview.directive_subject == ""
    ctx.importer.commit(preview, preview.default_decisions())
    [subject] = [d.subject for d in ctx.directives.list_directives(with_counts=False)]
    assert subject.startswith("(Chưa có trích yếu") and "KH125-phu-luc.xlsx" in subject
