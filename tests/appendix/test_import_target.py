"""An appendix goes into the directive its title names; rows are matched to existing ones by text.

Tester's finding (issue 11, defect 2): ``import b.xlsx --directive 125/KH-BCĐ`` with a title
naming "Quyết định số 1234/QĐ-BKHCN" silently merged into KH125, and its first indicator was
matched to KH125's first indicator by row, overwriting that indicator's name and figures.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.context import AppContext
from tests.appendix.builder import build
from tests.cli_run import run_cli

EXIT_USER = 2
BKHCN = (
    "(Kèm theo Quyết định số 1234/QĐ-BKHCN ngày 15 tháng 5 năm 2026 của Bộ trưởng Bộ Khoa học và "
    "Công nghệ về Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW)"
)


def ministry_indicators(path: Path) -> Path:
    """An indicator table of another body's programme, titled as that programme."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Chỉ tiêu"
    ws["A1"] = "BỘ KHOA HỌC VÀ CÔNG NGHỆ"
    ws.merge_cells("A1:C1")
    ws["A3"] = "PHỤ LỤC II. CHỈ TIÊU"
    ws.merge_cells("A3:F3")
    ws["A4"] = BKHCN
    ws.merge_cells("A4:F4")
    for c, h in enumerate(["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Chỉ tiêu năm 2026", "Ghi chú"], 1):
        ws.cell(6, c, h)
    for c, v in enumerate([1, "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", 52, 80], 1):
        ws.cell(7, c, v)
    wb.save(path)
    return path


def kh125_indicators(db: Path) -> list[tuple[str, str, str, str]]:
    ctx = AppContext(db).open()
    try:
        return sorted((i.name, i.group_code, i.baseline, i.target) for i in ctx.indicators.list_indicators())
    finally:
        ctx.close()


@pytest.fixture
def kh125_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "a.sqlite"
    sample = build(tmp_path / "KH125.xlsx")
    done = run_cli(
        capsys,
        "--db",
        str(db),
        "import",
        str(sample),
        "--subject",
        "Hoạt động năm 2026",
        "--new-agencies",
        "create",
    )
    assert done.returncode == 0, done.stderr
    return db


def test_directive_contradicting_the_title_is_refused(
    tmp_path: Path, kh125_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = kh125_indicators(kh125_db)
    other = ministry_indicators(tmp_path / "b.xlsx")
    out = run_cli(capsys, "--db", str(kh125_db), "import", str(other), "--directive", "125/KH-BCĐ")
    assert out.returncode == EXIT_USER and out.stdout == ""
    assert (
        "1234/QĐ-BKHCN" in out.stderr and "--other-directive" in out.stderr and "Chưa nhập gì" in out.stderr
    )
    assert kh125_indicators(kh125_db) == before


def test_directive_equal_to_the_title_is_fine(
    tmp_path: Path, kh125_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = build(tmp_path / "again.xlsx")
    out = run_cli(capsys, "--db", str(kh125_db), "import", str(sample), "--directive", " 125/KH-BCĐ ")
    assert out.returncode == 0, out.stderr


def test_confirmed_other_directive_matches_indicators_by_name_never_by_row(
    tmp_path: Path, kh125_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = kh125_indicators(kh125_db)
    other = ministry_indicators(tmp_path / "b.xlsx")
    out = run_cli(
        capsys, "--db", str(kh125_db), "import", str(other), "--directive", "125/KH-BCĐ", "--other-directive"
    )
    assert out.returncode == 0, out.stderr
    after = kh125_indicators(kh125_db)
    assert set(before) < set(after)  # KH125's indicator 1 untouched; the ministry's one added
    assert ("Tỷ lệ dịch vụ công trực tuyến toàn trình", "", "52", "80") in after
    assert len(after) == len(before) + 1
