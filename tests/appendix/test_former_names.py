"""Names from before the 2025 reorganisation on the command line (issue 11, defect 7): never
created as new agencies; ``--accept-proposed`` confirms the proposed successors."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.context import AppContext
from tests.appendix.test_sheets_columns import save, task_sheet
from tests.cli_run import run_cli

OLD = [
    ["I", "HẠ TẦNG SỐ"],
    [
        1,
        "Ban hành quy chế quản lý dữ liệu số dùng chung",
        "Sở Thông tin và Truyền thông",
        "",
        "Quý III/2025",
        "Quy chế",
    ],
    [2, "Rà soát hạ tầng mạng cấp huyện", "Sở Tài chính", "UBND cấp huyện", "Năm 2025", "Báo cáo"],
]


def old_plan(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    task_sheet(ws, OLD)
    return save(wb, path)


def test_former_names_are_listed_and_nothing_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.sqlite"
    out = run_cli(
        capsys,
        "--db",
        str(db),
        "import",
        str(old_plan(tmp_path / "a.xlsx")),
        "--subject",
        "X",
        "--new-agencies",
        "create",
    )
    assert out.returncode == 2 and out.stdout == ""
    assert "«Sở Thông tin và Truyền thông» → đề xuất «Sở Khoa học và Công nghệ»" in out.stderr
    assert "--accept-proposed" in out.stderr and "Chưa nhập gì" in out.stderr


def test_accept_proposed_files_the_tasks_under_the_successors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.sqlite"
    out = run_cli(
        capsys,
        "--db",
        str(db),
        "import",
        str(old_plan(tmp_path / "a.xlsx")),
        "--subject",
        "X",
        "--accept-proposed",
    )
    assert out.returncode == 0, out.stderr
    ctx = AppContext(db).open()
    try:
        names = {a.name for a in ctx.agencies.list_agencies(include_inactive=True)}
        assert "Sở Khoa học và Công nghệ" in names and "Sở Thông tin và Truyền thông" not in names
        assert "UBND các xã, phường" not in names  # the successor of UBND cấp huyện is a group
        assert ctx.agencies.resolve("Sở Thông tin và Truyền thông") is not None  # remembered alias
    finally:
        ctx.close()
