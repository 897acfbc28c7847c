"""Recurring duties of a directive created from a draft appendix, which carries no date
(issue 11, defect 3): they come due counting from the import date, and the officer is told so;
``--date`` gives the directive its issuing date instead.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.context import AppContext
from app.dto import TaskFilter
from tests.appendix.test_sheets_columns import DRAFT, save, task_sheet
from tests.cli_run import Ran, run_cli

RECURRING = [
    ["I", "CHẾ ĐỘ BÁO CÁO"],
    [1, "Tổ chức đánh giá kết quả chuyển đổi số", "Sở Nội vụ", "", "Hằng năm", "Báo cáo"],
    [2, "Báo cáo tình hình thực hiện Kế hoạch", "Sở Nội vụ", "", "Định kỳ 6 tháng", "Báo cáo"],
    [3, "Báo cáo sơ kết", "Sở Nội vụ", "", "Định kỳ 6 tháng, hằng năm", "Báo cáo"],
    [4, "Rà soát quy chế", "Sở Nội vụ", "", "Quý III/2026", "Quy chế"],
]


def draft(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    task_sheet(ws, RECURRING, title=DRAFT)
    return save(wb, path)


def import_draft(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[str, Path]:

    db = tmp_path / "x.sqlite"
    out = run_cli(
        capsys,
        "--db",
        str(db),
        "import",
        str(draft(tmp_path / "du-thao.xlsx")),
        "--directive",
        "45/KH-UBND",
        "--subject",
        "Chuyển đổi số năm 2026",
        *extra,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout, db


def dues(db: Path) -> tuple[date | None, list[tuple[str, date | None]]]:
    ctx = AppContext(db).open()
    try:
        [d] = ctx.directives.list_directives(with_counts=False)
        rows = ctx.tasks.page(TaskFilter(), 0, 10)
        return d.issued_on, sorted((r.deadline_text, r.next_due) for r in rows)
    finally:
        ctx.close()


def test_undated_directive_counts_recurring_duties_from_the_import_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stdout, db = import_draft(tmp_path, capsys)
    assert "Văn bản 45/KH-UBND chưa có ngày ban hành: 3 nhiệm vụ định kỳ" in stdout
    assert "chưa có mốc bắt đầu" in stdout and "--date" in stdout
    issued, rows = dues(db)
    assert issued is None
    due = dict(rows)
    today = date.today()
    year_end = date(today.year, 12, 31)
    half_end = date(today.year, 6, 30) if today.month <= 6 else year_end
    assert due["Hằng năm"] == year_end
    assert due["Định kỳ 6 tháng"] == half_end and due["Định kỳ 6 tháng, hằng năm"] == half_end


def test_date_option_gives_the_created_directive_its_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stdout, db = import_draft(tmp_path, capsys, "--date", "05/01/2026")
    assert "chưa có mốc bắt đầu" not in stdout
    issued, rows = dues(db)
    assert issued == date(2026, 1, 5)
    assert all(due is not None for _, due in rows)


def test_a_bad_date_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run_cli(
        capsys,
        "--db",
        str(tmp_path / "x.sqlite"),
        "import",
        str(draft(tmp_path / "du-thao.xlsx")),
        "--directive",
        "45/KH-UBND",
        "--subject",
        "X",
        "--date",
        "31/02/2026",
    )
    assert out.returncode == 2 and "--date" in out.stderr and "không có trên lịch" in out.stderr
    assert out.stdout == ""


def _reimport(tmp_path: Path, capsys: pytest.CaptureFixture[str], db: Path, when: str) -> Ran:
    return run_cli(
        capsys,
        "--db",
        str(db),
        "import",
        str(tmp_path / "du-thao.xlsx"),
        "--directive",
        "45/KH-UBND",
        "--subject",
        "Chuyển đổi số năm 2026",
        "--date",
        when,
    )


def test_reimport_with_the_same_date_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, db = import_draft(tmp_path, capsys, "--date", "05/01/2026")
    out = _reimport(tmp_path, capsys, db, "5/1/2026")  # the same day, written another way
    assert out.returncode == 0, out.stderr
    issued, rows = dues(db)
    assert issued == date(2026, 1, 5) and len(rows) == 4


def test_reimport_with_another_date_is_refused_naming_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, db = import_draft(tmp_path, capsys, "--date", "05/01/2026")
    out = _reimport(tmp_path, capsys, db, "06/01/2026")
    assert out.returncode == 2
    assert "05/01/2026" in out.stderr and "06/01/2026" in out.stderr
    assert dues(db)[0] == date(2026, 1, 5)
