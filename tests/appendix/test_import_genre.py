"""An older province plan built the way real ones are (title block, merged two-row header,
the original wording): month-formatted date cells, bare "6/2025" texts, pre-2025 agency names,
and `import --new-agencies fail|create` (issue 11)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.appendix.parse import default_catalogue, parse_appendix
from app.appendix.reader import month_only_format
from tests.cli_run import run_cli

TITLE = (
    "(Kèm theo Kế hoạch số 45/KH-UBND ngày 15/3/2025 của Ủy ban nhân dân tỉnh về chuyển đổi số "
    "và phát triển khoa học, công nghệ năm 2025)"
)
ROWS = [
    # content, lead, cooperating, deadline cell, its number format
    (
        "Xây dựng kho dữ liệu dùng chung của tỉnh",
        "Sở Thông tin và Truyền thông",
        "Sở KH&CN tỉnh",
        datetime(2025, 6, 1),
        "mm/yyyy",
    ),
    (
        "Số hóa hồ sơ đất đai",
        "Sở TN&MT",
        "Các Sở: Tài chính, Nội vụ, Tư pháp",
        datetime(2025, 9, 1),
        "mmm-yy",
    ),
    (
        "Rà soát danh mục dự án đầu tư công",
        "Sở Kế hoạch và Đầu tư (chủ trì)",
        "Sở Tài chính",
        "06/2025",
        "General",
    ),
    (
        "Phủ sóng 5G các khu công nghiệp",
        "Sở KH-CN",
        "Các doanh nghiệp viễn thông (Viettel, VNPT, Mobifone)",
        "T10/2025",
        "General",
    ),
    (
        "Tập huấn kỹ năng số cho cán bộ",
        "Sở Nội vụ",
        "các sở, ngành liên quan",
        "2025 và những năm tiếp theo",
        "General",
    ),
    ("Báo cáo sơ kết", "Sở Khoa học và Công nghệ", "Sở Tài chính", datetime(2025, 12, 15), "dd/mm/yyyy"),
]


def build(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PL01"
    ws["A1"] = "ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN"
    ws["E1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A3"] = "PHỤ LỤC"
    ws["A4"] = "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025"
    ws["A5"] = TITLE
    for cell in ("A3:F3", "A4:F4", "A5:F5"):
        ws.merge_cells(cell)
    ws["A7"], ws["B7"], ws["C7"], ws["E7"], ws["F7"] = (
        "TT",
        "Nội dung nhiệm vụ",
        "Cơ quan thực hiện",
        "Thời gian hoàn thành",
        "Ghi chú",
    )
    ws["C8"], ws["D8"] = "Chủ trì", "Phối hợp"
    for rng in ("A7:A8", "B7:B8", "C7:D7", "E7:E8", "F7:F8"):
        ws.merge_cells(rng)
    for n, (content, lead, coop, due, fmt) in enumerate(ROWS, start=1):
        r = 8 + n
        ws.cell(r, 1, n)
        ws.cell(r, 2, content)
        ws.cell(r, 3, lead)
        ws.cell(r, 4, coop)
        cell = ws.cell(r, 5, due)
        cell.number_format = fmt
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("fmt", "month_only"),
    [
        ("mm/yyyy", True),
        ("mmm-yy", True),
        ("m/yyyy", True),
        ("[$-409]mmmm yyyy;@", True),
        ('"Tháng" mm/yyyy', True),
        ("dd/mm/yyyy", False),
        ("d-mmm-yy", False),
        ("h:mm", False),
        ("mm:ss", False),
        ("General", False),
        ("0.00", False),
    ],
)
def test_month_only_formats(fmt: str, month_only: bool) -> None:
    assert month_only_format(fmt) is month_only


def test_parse_reads_month_cells_and_proposes_successors(tmp_path: Path) -> None:
    parsed = parse_appendix(build(tmp_path / "KH45.xlsx"), default_catalogue())
    dues = [t.deadline.due for t in parsed.tasks]
    assert dues[:4] == [date(2025, 6, 30), date(2025, 9, 30), date(2025, 6, 30), date(2025, 10, 31)]
    assert dues[5] == date(2025, 12, 15)  # a real day stays that day
    assert parsed.tasks[0].deadline_text == "6/2025"
    yearly = parsed.tasks[4].deadline
    assert yearly.recurrence is not None and yearly.recurrence.start == date(2025, 1, 1)
    leads = [t.lead[0] for t in parsed.tasks]
    assert [(m.canonical, m.proposed) for m in leads[:3]] == [
        (None, "Sở Khoa học và Công nghệ"),
        (None, "Sở Nông nghiệp và Môi trường"),
        (None, "Sở Tài chính"),
    ]
    assert leads[3].canonical == "Sở Khoa học và Công nghệ"  # "Sở KH-CN" is a spelling
    assert [m.canonical for m in parsed.tasks[1].cooperating] == ["Sở Tài chính", "Sở Nội vụ", "Sở Tư pháp"]
    assert [m.written for m in parsed.tasks[3].cooperating] == ["Viettel", "VNPT", "Mobifone"]
    assert [m.canonical for m in parsed.tasks[4].cooperating] == ["Các sở, ban, ngành"]
    messages = [i.message for i in parsed.issues]
    assert any("tên cũ trước sắp xếp năm 2025; đề xuất «Sở Tài chính» (cần xác nhận)" in x for x in messages)
    assert not any("«Thể thao" in x or "Mobifone)" in x for x in messages)  # no fragments


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as con:
        return int(con.execute(f"select count(*) from {table}").fetchone()[0])


def test_cli_import_refuses_unknown_agencies_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = build(tmp_path / "KH45.xlsx")
    db = tmp_path / "a.sqlite"
    done = run_cli(capsys, "--db", str(db), "import", str(book))
    assert done.returncode == 2 and done.stdout == ""
    err = done.stderr
    assert "Chưa nhập gì" in err and "--new-agencies create" in err
    assert "- «Sở Thông tin và Truyền thông» → đề xuất «Sở Khoa học và Công nghệ»" in err
    assert "--accept-proposed" in err
    assert "- «Mobifone»" in err
    assert "«Sở KH-CN»" not in err  # a spelling of a known agency is not unknown
    assert _count(db, "task") == 0 and _count(db, "directive") == 0


def test_cli_import_create_keeps_the_old_behaviour(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = build(tmp_path / "KH45.xlsx")
    db = tmp_path / "a.sqlite"
    former = run_cli(capsys, "--db", str(db), "import", str(book), "--new-agencies", "create")
    assert former.returncode == 2 and "Sở Thông tin và Truyền thông" in former.stderr  # never revived
    done = run_cli(
        capsys, "--db", str(db), "import", str(book), "--new-agencies", "create", "--accept-proposed"
    )
    assert done.returncode == 0, done.stderr
    assert _count(db, "task") == len(ROWS)
    with sqlite3.connect(db) as con:
        names = {r[0] for r in con.execute("select name from agency")}
        stored = [json.loads(r[0]) for r in con.execute("select deadline from task order by id")]
    assert "Mobifone" in names and "Mobifone)" not in names
    assert "Sở Thông tin và Truyền thông" not in names  # filed under its confirmed successor
    assert "Sở Khoa học và Công nghệ" in names
    assert stored[0]["dates"] == ["2025-06-30"]


def test_cli_import_option_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = build(tmp_path / "KH45.xlsx")
    done = run_cli(capsys, "--db", str(tmp_path / "a.sqlite"), "import", str(book), "--new-agencies", "guess")
    assert done.returncode != 0
