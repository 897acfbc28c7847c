"""Issue 11 (sheets, columns, drafts): workbooks laid out as other offices send them.

Each builds its workbook the way such files are typed: a national-motto title block, the
"Kèm theo" line, merged two-level headers, original wording; one variety per test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from app.appendix.headers import ColumnChoices, Role, SheetKind
from app.appendix.parse import AppendixParse, parse_appendix
from app.cli_common import EXIT_USER
from app.context import AppContext
from app.dto import TaskFilter
from app.errors import UserError
from models.agency_names import Catalogue
from tests.cli_run import run_cli

Parse = Callable[[Path], AppendixParse]
MOTTO = ["ỦY BAN NHÂN DÂN", "", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
TITLE = "(Kèm theo Kế hoạch số 88/KH-UBND ngày 12/5/2025 của Ủy ban nhân dân tỉnh)"
DRAFT = (
    "(Kèm theo Kế hoạch số:         /KH-UBND ngày     tháng     năm 2025 của UBND tỉnh "
    "thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị)"
)
TASK_TOP = ["STT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "", "Thời gian hoàn thành", "Sản phẩm"]
TASK_SUB = ["", "", "Chủ trì", "Phối hợp", "", ""]


def put(ws: Worksheet, rows: list[list[Any]], first: int = 1) -> None:
    for r, row in enumerate(rows, start=first):
        for c, value in enumerate(row, start=1):
            if value not in (None, ""):
                ws.cell(r, c, value)


def task_sheet(ws: Worksheet, tasks: list[list[Any]], title: str = TITLE) -> int:
    """Title block, a two-level merged header at rows 5–6, the tasks from row 7; returns next row."""
    put(ws, [MOTTO, ["PHỤ LỤC I"], [title], [], TASK_TOP, TASK_SUB])
    for col in ("A", "B", "E", "F"):
        ws.merge_cells(f"{col}5:{col}6")
    ws.merge_cells("C5:D5")
    put(ws, tasks, first=7)
    return 7 + len(tasks)


TASKS = [
    ["I", "NÂNG CAO NHẬN THỨC, ĐỔI MỚI TƯ DUY"],
    [
        1,
        "Tổ chức quán triệt Nghị quyết số 57-NQ/TW đến cán bộ chủ chốt",
        "Sở Nội vụ",
        "Các sở, ngành",
        "Quý III/2025",
        "Hội nghị",
    ],
    [
        2,
        "Xây dựng chuyên mục về chuyển đổi số trên báo, đài của tỉnh",
        "Sở Văn hóa, Thể thao và Du lịch",
        "",
        "Năm 2025",
        "Chuyên mục",
    ],
]


def save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


# ----------------------------------------------------------------------------- one bad sheet


def _with_bad_indicator_sheet(path: Path) -> Path:
    wb = openpyxl.Workbook()
    tasks = wb.active
    assert tasks is not None
    tasks.title = "Nhiệm vụ"
    task_sheet(tasks, TASKS)
    ind = wb.create_sheet("Chỉ tiêu")
    put(
        ind,
        [
            ["PHỤ LỤC II"],
            ["CÁC CHỈ TIÊU CHỦ YẾU"],
            [],
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Tình hình thực hiện"],
            [1, "Tỷ lệ hồ sơ trực tuyến toàn trình", "%", "80%"],
            [2, "Số doanh nghiệp công nghệ số", "Doanh nghiệp", 120],
        ],
    )
    return save(wb, path)


def test_an_unreadable_indicator_sheet_is_a_warning_and_the_tasks_still_come(
    tmp_path: Path, parse: Parse
) -> None:
    parsed = parse(_with_bad_indicator_sheet(tmp_path / "a.xlsx"))
    assert [t.content[:20] for t in parsed.tasks] == ["Tổ chức quán triệt N", "Xây dựng chuyên mục "]
    assert parsed.indicators == []
    [bad] = [s for s in parsed.sheets if s.warning]
    assert bad.name == "Chỉ tiêu" and bad.kind is SheetKind.INDICATORS
    assert "thiếu cột «Chỉ tiêu (mục tiêu)»" in bad.warning  # type: ignore[operator]
    assert bad.ignored_columns == ["Tình hình thực hiện"]
    assert any(i.kind.value == "sheet" and i.sheet == "Chỉ tiêu" for i in parsed.issues)


def test_the_user_maps_the_result_column_as_the_target(tmp_path: Path, catalogue: Catalogue) -> None:
    path = _with_bad_indicator_sheet(tmp_path / "a.xlsx")
    parsed = parse_appendix(path, catalogue, choices=ColumnChoices({"tinh hinh thuc hien": Role.TARGET}))
    assert [(i.name[:6], i.target) for i in parsed.indicators] == [("Tỷ lệ ", 80), ("Số doa", 120)]
    assert len(parsed.tasks) == 2  # the task sheet's "Sản phẩm" is not that column: unchanged


def test_a_sheet_without_header_continues_the_previous_table(tmp_path: Path, parse: Parse) -> None:
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.title = "PL (tiep 1)"
    task_sheet(first, TASKS)
    second = wb.create_sheet("PL (tiep 2)")
    put(
        second,
        [
            [
                3,
                "Rà soát, bãi bỏ thủ tục hành chính không cần thiết",
                "Sở Tư pháp",
                "",
                "Tháng 10/2025",
                "Báo cáo",
            ],
            ["II", "HOÀN THIỆN THỂ CHẾ"],
            [
                4,
                "Ban hành quy chế quản lý dữ liệu dùng chung của tỉnh",
                "Sở Khoa học và Công nghệ",
                "",
                "Năm 2026",
                "Quy chế",
            ],
        ],
    )
    parsed = parse(save(wb, tmp_path / "a.xlsx"))
    got = [(t.sheet, t.row, t.group, t.content[:8]) for t in parsed.tasks]
    assert got == [
        ("PL (tiep 1)", 8, "I", "Tổ chức "),
        ("PL (tiep 1)", 9, "I", "Xây dựng"),
        ("PL (tiep 2)", 1, "I", "Rà soát,"),  # its own row 1, in the group the first sheet ended in
        ("PL (tiep 2)", 3, "II", "Ban hành"),
    ]
    info = parsed.sheets[1]
    assert info.continues == "PL (tiep 1)" and info.header_row is None and info.warning is None


def test_an_investment_project_table_is_other_and_left_out(tmp_path: Path, catalogue: Catalogue) -> None:
    wb = openpyxl.Workbook()
    tasks = wb.active
    assert tasks is not None
    tasks.title = "Nhiệm vụ"
    task_sheet(tasks, TASKS)
    projects = wb.create_sheet("Dự án")
    put(
        projects,
        [
            ["DANH MỤC DỰ ÁN KÊU GỌI ĐẦU TƯ"],
            ["STT", "Tên dự án", "Nhà đầu tư", "Địa điểm", "Tổng mức đầu tư (tỷ đồng)", "Cơ quan chủ trì"],
            [
                1,
                "Khu công nghệ thông tin tập trung",
                "Công ty CP Đầu tư ABC",
                "TP Hưng Yên",
                1200,
                "Sở Tài chính",
            ],
            [2, "Trung tâm dữ liệu vùng", "Tập đoàn XYZ", "Văn Lâm", 850, "Sở Khoa học và Công nghệ"],
        ],
    )
    path = save(wb, tmp_path / "a.xlsx")
    parsed = parse_appendix(path, catalogue)
    assert len(parsed.tasks) == 2
    info = parsed.sheets[1]
    assert info.kind is SheetKind.OTHER and info.warning and "không phải nhiệm vụ" in info.warning
    chosen = parse_appendix(path, catalogue, choices=ColumnChoices(kinds={"Dự án": SheetKind.TASKS}))
    assert [t.content for t in chosen.tasks[2:]] == [
        "Khu công nghệ thông tin tập trung",
        "Trung tâm dữ liệu vùng",
    ]


def test_content_is_the_column_of_words_not_the_cross_references(tmp_path: Path, parse: Parse) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    put(
        ws,
        [
            ["PHỤ LỤC"],
            [TITLE],
            ["STT", "Nhiệm vụ tại Nghị quyết", "Kết quả đầu ra", "Cơ quan chủ trì", "Thời hạn", "Kinh phí"],
            [
                1,
                "14, 26",
                "Hoàn thiện Cổng dữ liệu mở của tỉnh, kết nối Cổng dữ liệu quốc gia",
                "Sở Khoa học và Công nghệ",
                "Quý IV/2025",
                500,
            ],
            [
                2,
                "3; 5 và 7",
                "Đề án phát triển nguồn nhân lực số giai đoạn 2025-2030",
                "Sở Nội vụ",
                "Năm 2026",
                "",
            ],
            [
                3,
                "15",
                "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
                "Văn phòng UBND tỉnh",
                "Năm 2025",
                300,
            ],
        ],
    )
    parsed = parse(save(wb, tmp_path / "a.xlsx"))
    assert [t.content[:12] for t in parsed.tasks] == ["Hoàn thiện C", "Đề án phát t", "Số hóa hồ sơ"]
    info = parsed.sheets[0]
    assert info.columns[Role.CONTENT] == "Kết quả đầu ra"
    assert info.ignored_columns == ["Nhiệm vụ tại Nghị quyết", "Kinh phí"]


# ----------------------------------------------------------------------------- the command line


def test_cli_json_lists_sheets_with_columns_and_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _with_bad_indicator_sheet(tmp_path / "a.xlsx")
    out = run_cli(capsys, "appendix", "parse", str(path), "--json")
    assert out.returncode == 0, out.stderr
    sheets = json.loads(out.stdout)["sheets"]
    assert sheets[0] == {
        "name": "Nhiệm vụ",
        "kind": "tasks",
        "header_row": 5,
        "columns": {
            "stt": "STT",
            "content": "Nội dung nhiệm vụ",
            "lead": "Cơ quan thực hiện – Chủ trì",
            "cooperating": "Cơ quan thực hiện – Phối hợp",
            "deadline": "Thời gian hoàn thành",
            "product": "Sản phẩm",
        },
        "ignored_columns": [],
        "warning": None,
    }
    assert sheets[1]["kind"] == "indicators" and "Chỉ tiêu (mục tiêu)" in sheets[1]["warning"]
    mapped = run_cli(capsys, "appendix", "parse", str(path), "--json", "--map", "Tình hình thực hiện=target")
    data = json.loads(mapped.stdout)
    assert data["sheets"][1]["columns"]["target"] == "Tình hình thực hiện" and len(data["indicators"]) == 2


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("Kết quả=muc tieu", "Không có vai trò cột «muc tieu»"),
        ("Kết quả thực hiện=target", "không có cột tiêu đề «Kết quả thực hiện»"),
        ("Kết quả", "cần dạng"),
    ],
)
def test_cli_map_mistakes_are_one_vietnamese_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str, words: str
) -> None:
    path = _with_bad_indicator_sheet(tmp_path / "a.xlsx")
    out = run_cli(capsys, "--db", str(tmp_path / "x.sqlite"), "import", str(path), "--map", spec)
    assert out.returncode == EXIT_USER and out.stdout == ""
    assert words in out.stderr and out.stderr.count("\n") == 1


def test_cli_imports_a_draft_into_the_directive_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    task_sheet(ws, TASKS, title=DRAFT)
    path = save(wb, tmp_path / "du-thao.xlsx")
    db = str(tmp_path / "x.sqlite")
    refused = run_cli(capsys, "--db", db, "import", str(path))
    assert refused.returncode == EXIT_USER and "--directive" in refused.stderr
    assert "57-NQ/TW" not in refused.stderr  # the cited resolution is not taken for the number
    made = run_cli(
        capsys, "--db", db, "import", str(path), "--directive", "15/KH-UBND", "--subject", "Thực hiện NQ 57"
    )
    assert made.returncode == 0, made.stderr
    assert "Đã tạo văn bản 15/KH-UBND" in made.stdout
    again = run_cli(capsys, "--db", db, "import", str(path), "--directive", "15/KH-UBND")
    assert again.returncode == 0 and "Văn bản 15/KH-UBND" in again.stdout and "giữ nguyên 2" in again.stdout
    ctx = AppContext(Path(db)).open()
    try:
        [d] = ctx.directives.list_directives(with_counts=False)
        assert (d.number, d.subject) == ("15/KH-UBND", "Thực hiện NQ 57")
        assert ctx.tasks.count(TaskFilter()) == 2
    finally:
        ctx.close()


def test_roles_remembered_for_the_same_headers(tmp_path: Path, ctx: AppContext) -> None:
    from app.appendix.headers import SheetChoice

    first = ctx.importer.preview(_with_bad_indicator_sheet(tmp_path / "a.xlsx"), allow_empty=True)
    header = first.parse.sheets[1].header
    assert header is not None and first.indicators == []
    ctx.importer.remember_columns(header.signature, SheetChoice({"tinh hinh thuc hien": Role.TARGET}))
    later = ctx.importer.preview(_with_bad_indicator_sheet(tmp_path / "b.xlsx"))
    assert len(later.indicators) == 2
    assert later.parse.sheets[1].columns[Role.TARGET] == "Tình hình thực hiện"


def test_nothing_to_import_is_refused_by_the_service(tmp_path: Path, ctx: AppContext) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    put(ws, [["TT", "Chỉ tiêu", "Đơn vị tính", "Tình hình thực hiện"], [1, "Tỷ lệ", "%", 80]])
    path = save(wb, tmp_path / "a.xlsx")
    with pytest.raises(UserError, match="thiếu cột «Chỉ tiêu \\(mục tiêu\\)»"):
        ctx.importer.preview(path)
    preview = ctx.importer.preview(path, allow_empty=True)
    with pytest.raises(UserError, match="chưa có nhiệm vụ hay chỉ tiêu nào để nhập"):
        ctx.importer.commit(preview, {})
