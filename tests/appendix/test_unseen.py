"""Appendices unlike the KH125 sample, as other plans write them; one variety per test.

Each workbook is small and written row by row, the way an officer would type it, so the
expected values can be read straight off the test.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from app.appendix.parse import AppendixParse, read_title
from app.errors import UserError

Parse = Callable[[Path], AppendixParse]
KH45 = "(Kèm theo Kế hoạch số 45/KH-UBND ngày 03/3/2026 của Ủy ban nhân dân tỉnh)"
HEADER = [
    "STT",
    "Nội dung công việc",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian thực hiện",
    "Kết quả đầu ra",
]


def put(ws: Worksheet, rows: list[list[Any]], first_row: int = 1, first_col: int = 1) -> None:
    for r, row in enumerate(rows, start=first_row):
        for c, value in enumerate(row, start=first_col):
            if value not in (None, ""):
                ws.cell(r, c, value)


def workbook(path: Path, rows: list[list[Any]], title: str = KH45, **kw: Any) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Nhiem vu"
    put(ws, [["PHỤ LỤC"], [title], [], *rows], **kw)
    wb.save(path)
    return path


def fields(parsed: AppendixParse, *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(t.to_json().get(k) for k in keys) for t in parsed.tasks]


def test_other_header_words_with_extra_columns_ignored(tmp_path: Path, parse: Parse) -> None:
    header = [*HEADER, "Kinh phí (triệu đồng)", "Nguồn vốn", "Văn bản căn cứ", "Ghi chú"]
    rows = [
        header,
        ["I", "CÔNG TÁC CHỈ ĐẠO"],
        [
            1,
            "Xây dựng kế hoạch",
            "Sở Nội vụ",
            "Sở Tài chính",
            "Tháng 4/2026",
            "Kế hoạch",
            150,
            "Ngân sách tỉnh",
            "Nghị quyết 57-NQ/TW",
            "Đã giao",
        ],
        [
            2,
            "Kiểm tra, đôn đốc",
            "Sở Tư pháp",
            "",
            "Quý IV/2026",
            "Báo cáo",
            20.5,
            "",
            "Quyết định 01/QĐ-UBND",
        ],
    ]
    parsed = parse(workbook(tmp_path / "a.xlsx", rows))
    assert parsed.directive_number == "45/KH-UBND"
    assert fields(parsed, "group", "group_title", "content", "lead", "cooperating", "product", "due") == [
        (
            "I",
            "CÔNG TÁC CHỈ ĐẠO",
            "Xây dựng kế hoạch",
            "Sở Nội vụ",
            ["Sở Tài chính"],
            "Kế hoạch",
            "2026-04-30",
        ),
        ("I", "CÔNG TÁC CHỈ ĐẠO", "Kiểm tra, đôn đốc", "Sở Tư pháp", [], "Báo cáo", "2026-12-31"),
    ]


@pytest.mark.parametrize(
    ("cell", "lead", "cooperating"),
    [
        ("Sở Tài chính chủ trì, phối hợp với Sở Nội vụ, Sở Y tế", "Sở Tài chính", ["Sở Nội vụ", "Sở Y tế"]),
        ("Chủ trì: Sở Tài chính; Phối hợp: Sở Nội vụ, Sở Y tế", "Sở Tài chính", ["Sở Nội vụ", "Sở Y tế"]),
        (
            "- Chủ trì: Sở Tài chính\n- Phối hợp: Sở Nội vụ và Sở Y tế",
            "Sở Tài chính",
            ["Sở Nội vụ", "Sở Y tế"],
        ),
        ("Sở Tài chính (chủ trì); Sở Nội vụ, Sở Y tế", "Sở Tài chính", ["Sở Nội vụ", "Sở Y tế"]),
        ("Sở Tài chính", "Sở Tài chính", []),
    ],
)
def test_single_agencies_column_with_roles_written_in_the_cell(
    tmp_path: Path, parse: Parse, cell: str, lead: str, cooperating: list[str]
) -> None:
    rows = [
        ["TT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "Thời hạn hoàn thành", "Sản phẩm"],
        [1, "Rà soát thủ tục hành chính", cell, "30/6/2026", "Báo cáo"],
    ]
    parsed = parse(workbook(tmp_path / "a.xlsx", rows))
    assert fields(parsed, "lead", "cooperating", "due") == [(lead, cooperating, "2026-06-30")]


def test_bullets_i1_dotted_letters_and_dashes_are_tasks(tmp_path: Path, parse: Parse) -> None:
    rows = [
        HEADER,
        ["I", "Hoàn thiện thể chế"],
        ["I.1", "Nhiệm vụ một", "Sở Tư pháp", "", "Quý II/2026", "Báo cáo"],
        ["1.1.", "Nhiệm vụ hai", "Sở Nội vụ", "", "Quý III/2026", "Báo cáo"],
        ["-", "Nhiệm vụ ba", "Sở Y tế", "", "Năm 2026", "Báo cáo"],
        ["+", "Nhiệm vụ bốn", "Sở Xây dựng", "", "Năm 2026", "Báo cáo"],
    ]
    parsed = parse(workbook(tmp_path / "a.xlsx", rows))
    assert fields(parsed, "group", "index_in_group", "content", "lead") == [
        ("I", 1, "Nhiệm vụ một", "Sở Tư pháp"),
        ("I", 2, "Nhiệm vụ hai", "Sở Nội vụ"),
        ("I", 3, "Nhiệm vụ ba", "Sở Y tế"),
        ("I", 4, "Nhiệm vụ bốn", "Sở Xây dựng"),
    ]


def test_sub_tasks_a_b_under_a_numbered_task_without_agencies(tmp_path: Path, parse: Parse) -> None:
    rows = [
        HEADER,
        ["I", "CHUYỂN ĐỔI SỐ"],
        ["1", "Phát triển hạ tầng số, gồm:"],
        [
            "a)",
            "Phủ sóng 5G",
            "Các doanh nghiệp viễn thông",
            "Sở Khoa học và Công nghệ",
            "Năm 2026",
            "Trạm BTS",
        ],
        ["b)", "Cáp quang đến xã", "VNPT Hưng Yên", "", "Quý IV/2026", "Tuyến cáp"],
        [
            "2",
            "Ban hành quy chế dữ liệu",
            "Sở Khoa học và Công nghệ",
            "Sở Tư pháp",
            "Tháng 9/2026",
            "Quy chế",
        ],
    ]
    parsed = parse(workbook(tmp_path / "a.xlsx", rows))
    assert [t.content for t in parsed.tasks] == [
        "Phủ sóng 5G",
        "Cáp quang đến xã",
        "Ban hành quy chế dữ liệu",
    ]
    assert fields(parsed, "group", "group_title", "index_in_group") == [
        # the sub-heading keeps the group it sits in (issue 11: the top level was dropped)
        ("I.1", "CHUYỂN ĐỔI SỐ / Phát triển hạ tầng số, gồm", 1),
        ("I.1", "CHUYỂN ĐỔI SỐ / Phát triển hạ tầng số, gồm", 2),
        ("I", "CHUYỂN ĐỔI SỐ", 1),
    ]
    assert fields(parsed, "lead", "cooperating", "deadline_kind", "due") == [
        ("Các doanh nghiệp viễn thông", ["Sở Khoa học và Công nghệ"], "once", "2026-12-31"),
        ("VNPT Hưng Yên", [], "once", "2026-12-31"),
        ("Sở Khoa học và Công nghệ", ["Sở Tư pháp"], "once", "2026-09-30"),
    ]


def test_roman_group_code_in_a_title_merged_over_b_to_f(tmp_path: Path, parse: Parse) -> None:
    rows = [
        HEADER,
        ["II", "NHIỆM VỤ TRỌNG TÂM"],
        [1, "Nhiệm vụ một", "Sở Tư pháp", "", "Quý II/2026", "Báo cáo"],
        ["III", "Tổ chức thực hiện"],
        [2, "Nhiệm vụ hai", "Sở Nội vụ", "", "Quý III/2026", "Báo cáo"],
    ]
    path = workbook(tmp_path / "a.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    for r in (5, 7):
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=6)
        ws.cell(r, 1).font = Font(bold=True)
    wb.save(path)
    parsed = parse(path)
    assert fields(parsed, "group", "group_title", "index_in_group") == [
        ("II", "NHIỆM VỤ TRỌNG TÂM", 1),
        ("III", "Tổ chức thực hiện", 1),
    ]


def test_group_rows_in_capitals_without_a_code_or_bold(tmp_path: Path, parse: Parse) -> None:
    rows = [
        HEADER,
        ["", "NHIỆM VỤ CHUNG"],
        [1, "Nhiệm vụ một", "Sở Tư pháp", "", "Quý II/2026", "Báo cáo"],
        ["", "NHIỆM VỤ CỤ THỂ"],
        [2, "Nhiệm vụ hai", "Sở Nội vụ", "", "Quý III/2026", "Báo cáo"],
    ]
    parsed = parse(workbook(tmp_path / "a.xlsx", rows))
    assert fields(parsed, "group", "group_title", "content") == [
        ("", "NHIỆM VỤ CHUNG", "Nhiệm vụ một"),
        ("", "NHIỆM VỤ CỤ THỂ", "Nhiệm vụ hai"),
    ]


def test_header_and_numbering_repeated_at_the_top_of_a_new_page(tmp_path: Path, parse: Parse) -> None:
    numbering = ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]
    rows = [
        HEADER,
        numbering,
        ["I", "NHÓM MỘT"],
        [1, "Nhiệm vụ một", "Sở Tư pháp", "", "Quý II/2026", "Báo cáo"],
        [2, "Nhiệm vụ hai", "Sở Nội vụ", "", "Quý III/2026", "Báo cáo"],
        HEADER,
        numbering,
        [3, "Nhiệm vụ ba", "Sở Y tế", "", "Năm 2026", "Báo cáo"],
    ]
    parsed = parse(workbook(tmp_path / "a.xlsx", rows))
    assert fields(parsed, "group", "index_in_group", "content", "lead") == [
        ("I", 1, "Nhiệm vụ một", "Sở Tư pháp"),
        ("I", 2, "Nhiệm vụ hai", "Sở Nội vụ"),
        ("I", 3, "Nhiệm vụ ba", "Sở Y tế"),
    ]


@pytest.mark.parametrize(
    ("title", "number", "day"),
    [
        (
            "(Ban hành kèm theo Kế hoạch số 45/KH-UBND ngày 03 tháng 3 năm 2026 của UBND tỉnh)",
            "45/KH-UBND",
            "2026-03-03",
        ),
        (
            "(Kèm theo Công văn số 420-CV/TU ngày 15/01/2026 của Ban Thường vụ Tỉnh ủy)",
            "420-CV/TU",
            "2026-01-15",
        ),
        ("Kèm theo Quyết định số: 1234/QĐ-UBND, ngày 5/2/2026", "1234/QĐ-UBND", "2026-02-05"),
        ("(Kèm theo Kế hoạch số 45/KH-UBND ngày  03  /  3  /  2026)", "45/KH-UBND", "2026-03-03"),
    ],
)
def test_title_wordings_name_the_directive(
    tmp_path: Path, parse: Parse, title: str, number: str, day: str
) -> None:
    rows = [HEADER, [1, "Nhiệm vụ một", "Sở Tư pháp", "", "Quý II/2026", "Báo cáo"]]
    parsed = parse(workbook(tmp_path / "a.xlsx", rows, title=title))
    assert parsed.directive_number == number
    assert parsed.directive_date is not None and parsed.directive_date.isoformat() == day


def test_deadlines_as_dates_and_serial_numbers(tmp_path: Path, parse: Parse) -> None:
    rows = [
        HEADER,
        [1, "Nhiệm vụ một", "Sở Tư pháp", "", datetime(2026, 6, 30), "Báo cáo"],
        [2, "Nhiệm vụ hai", "Sở Nội vụ", "", 46295, "Báo cáo"],  # 30/9/2026 as a bare serial number
        [3, "Nhiệm vụ ba", "Sở Y tế", "", 46387.0, "Báo cáo"],  # 31/12/2026
    ]
    path = workbook(tmp_path / "a.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws.cell(6, 5).number_format = "dd/mm/yyyy"  # a serial shown as a date: openpyxl gives a datetime
    wb.save(path)
    assert fields(parse(path), "deadline_kind", "due") == [
        ("once", "2026-06-30"),
        ("once", "2026-09-30"),
        ("once", "2026-12-31"),
    ]


def test_deadline_phrases_of_other_plans(tmp_path: Path, parse: Parse) -> None:
    phrases = ["Quý I-II/2026", "Tháng 3,6,9,12/2026", "Trước 15/12 hằng năm", "Hằng năm"]
    rows = [HEADER] + [[n, f"Nhiệm vụ {n}", "Sở Tư pháp", "", p, "Báo cáo"] for n, p in enumerate(phrases, 1)]
    got = [t.to_json() for t in parse(workbook(tmp_path / "a.xlsx", rows)).tasks]
    assert [(t["deadline_text"], t["deadline_kind"]) for t in got] == [
        ("Quý I-II/2026", "once"),
        ("Tháng 3,6,9,12/2026", "milestones"),
        ("Trước 15/12 hằng năm", "recurring"),
        ("Hằng năm", "recurring"),
    ]
    assert got[0]["due"] == "2026-06-30"
    assert got[1]["milestones"] == ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"]
    assert (got[2]["recurrence"], got[2]["recurrence_day"]) == ("yearly", 15)


def test_agency_names_with_qualifiers_and_case(tmp_path: Path, parse: Parse) -> None:
    rows = [
        HEADER,
        [
            1,
            "Nhiệm vụ một",
            "Sở Tài chính (chủ trì)",
            "Công an tỉnh (PC06); SỞ NỘI VỤ",
            "Năm 2026",
            "Báo cáo",
        ],
        [2, "Nhiệm vụ hai", "sở tư pháp", "Các sở, ngành, UBND các xã, phường", "Năm 2026", "Báo cáo"],
        [3, "Nhiệm vụ ba", "Công an tỉnh (Phòng PC06)", "Sở Y tế (phối hợp)", "Năm 2026", "Báo cáo"],
    ]
    parsed = parse(workbook(tmp_path / "a.xlsx", rows))
    assert fields(parsed, "lead", "cooperating") == [
        ("Sở Tài chính", ["Công an tỉnh", "Sở Nội vụ"]),
        ("Sở Tư pháp", ["Các sở, ban, ngành", "UBND các xã, phường"]),
        ("Công an tỉnh", ["Sở Y tế"]),
    ]


def test_percent_formatted_indicator_numbers(tmp_path: Path, parse: Parse) -> None:
    rows = [
        ["STT", "Tên chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2025", "Kế hoạch năm 2026", "Cơ quan chủ trì"],
        [1, "Tỷ lệ hồ sơ trực tuyến", "%", 0.8, 0.95, "Sở Nội vụ"],
        [2, "Tỷ lệ hộ có cáp quang", "%", 0.524, 1, "Sở Khoa học và Công nghệ"],
        [3, "Số doanh nghiệp số", "Doanh nghiệp", 120, 150, "Sở Khoa học và Công nghệ"],
    ]
    path = workbook(tmp_path / "a.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    for r in (5, 6):
        for c in (4, 5):
            ws.cell(r, c).number_format = "0.0%"
    wb.save(path)
    got = [(i.baseline, i.target) for i in parse(path).indicators]
    assert got == [(80, 95), (52.4, 100), (120, 150)]


def test_hidden_sheet_and_guide_sheet_are_ignored(tmp_path: Path, parse: Parse) -> None:
    wb = openpyxl.Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = "Hướng dẫn"
    put(
        guide,
        [
            ["HƯỚNG DẪN ĐIỀN PHỤ LỤC"],
            ["Cột Nội dung nhiệm vụ: ghi tên nhiệm vụ."],
            ["Cột Chủ trì: ghi cơ quan chủ trì."],
            ["Cột Thời hạn: ghi ngày hoặc quý."],
        ],
    )
    old = wb.create_sheet("Cu")
    put(old, [HEADER, [1, "Nhiệm vụ cũ đã bỏ", "Sở Tư pháp", "", "Năm 2025", "Báo cáo"]])
    old.sheet_state = "hidden"
    tasks = wb.create_sheet("Sheet3")
    put(tasks, [["PHỤ LỤC"], [KH45], HEADER, [1, "Nhiệm vụ một", "Sở Tư pháp", "", "Quý II/2026", "Báo cáo"]])
    wb.save(tmp_path / "a.xlsx")
    parsed = parse(tmp_path / "a.xlsx")
    assert [t.content for t in parsed.tasks] == ["Nhiệm vụ một"]
    assert parsed.directive_number == "45/KH-UBND"


def test_table_starting_in_column_c_after_blank_columns(tmp_path: Path, parse: Parse) -> None:
    rows = [
        HEADER,
        ["I", "NHÓM MỘT"],
        [1, "Nhiệm vụ một", "Sở Tư pháp", "Sở Nội vụ", "Quý II/2026", "Báo cáo"],
    ]
    parsed = parse(workbook(tmp_path / "a.xlsx", rows, first_col=3))
    assert fields(parsed, "group", "content", "lead", "cooperating", "due") == [
        ("I", "Nhiệm vụ một", "Sở Tư pháp", ["Sở Nội vụ"], "2026-06-30")
    ]


def test_formatted_empty_rows_down_to_row_5000_are_fast(tmp_path: Path, parse: Parse) -> None:
    rows = [HEADER, [1, "Nhiệm vụ một", "Sở Tư pháp", "", "Quý II/2026", "Báo cáo"]]
    path = workbook(tmp_path / "a.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    for r in range(7, 5001):
        for c in range(1, 7):
            ws.cell(r, c).font = Font(name="Times New Roman", size=13)
    ws.cell(5000, 2).value = " "
    wb.save(path)
    start = time.perf_counter()
    parsed = parse(path)
    assert time.perf_counter() - start < 3
    assert [t.content for t in parsed.tasks] == ["Nhiệm vụ một"]
    assert not [i for i in parsed.issues if i.kind.value == "skipped"]


def test_lead_merged_over_rows_split_by_a_page_header(tmp_path: Path, parse: Parse) -> None:
    rows = [
        HEADER,
        [1, "Nhiệm vụ một", "Sở Tư pháp", "", "Quý II/2026", "Báo cáo"],
        [2, "Nhiệm vụ hai", "", "", "Quý III/2026", "Báo cáo"],
        [3, "Nhiệm vụ ba", "Sở Y tế", "", "Năm 2026", "Báo cáo"],
    ]
    path = workbook(tmp_path / "a.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws.merge_cells("C5:C6")
    wb.save(path)
    assert [t.lead_names for t in parse(path).tasks] == [["Sở Tư pháp"], ["Sở Tư pháp"], ["Sở Y tế"]]


def test_missing_lead_column_message_names_file_sheet_row_and_column(tmp_path: Path, parse: Parse) -> None:
    rows = [
        ["TT", "Nội dung nhiệm vụ", "Thời hạn", "Sản phẩm"],
        [1, "Nhiệm vụ một", "Quý II/2026", "Báo cáo"],
    ]
    with pytest.raises(UserError) as err:
        parse(workbook(tmp_path / "thieu-cot.xlsx", rows))
    message = str(err.value)
    assert all(w in message for w in ("thieu-cot.xlsx", "Nhiem vu", "dòng 4", "Chủ trì"))


def test_read_title_ignores_a_plain_heading() -> None:
    assert read_title(["PHỤ LỤC 02", "DANH MỤC NHIỆM VỤ NĂM 2026"]) == ("", None)


def test_time_header_split_into_start_and_finish(tmp_path: Path, parse: Parse) -> None:
    rows = [
        ["TT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "", "Thời gian thực hiện", "", "Sản phẩm"],
        ["", "", "Chủ trì", "Phối hợp", "Bắt đầu", "Hoàn thành", ""],
        [1, "Nhiệm vụ một", "Sở Tư pháp", "Sở Nội vụ", "Tháng 4/2026", "Tháng 9/2026", "Báo cáo"],
        [2, "Nhiệm vụ hai", "Sở Y tế", "", "Quý II/2026", "Quý IV/2026", "Đề án"],
    ]
    path = workbook(tmp_path / "a.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    for col in ("A", "B", "G"):
        ws.merge_cells(f"{col}4:{col}5")
    ws.merge_cells("C4:D4")
    ws.merge_cells("E4:F4")
    wb.save(path)
    assert fields(parse(path), "content", "lead", "cooperating", "product", "due") == [
        ("Nhiệm vụ một", "Sở Tư pháp", ["Sở Nội vụ"], "Báo cáo", "2026-09-30"),
        ("Nhiệm vụ hai", "Sở Y tế", [], "Đề án", "2026-12-31"),
    ]


def test_two_level_header_repeated_on_the_next_page(tmp_path: Path, parse: Parse) -> None:
    top = ["TT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "", "Thời hạn", "Sản phẩm"]
    sub = ["", "", "Chủ trì", "Phối hợp", "", ""]
    rows = [
        top,
        sub,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        [1, "Nhiệm vụ một", "Sở Tư pháp", "Sở Nội vụ", "Tháng 9/2026", "Báo cáo"],
        top,
        sub,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        [2, "Nhiệm vụ hai", "Sở Y tế", "", "Quý IV/2026", "Đề án"],
    ]
    path = workbook(tmp_path / "a.xlsx", rows)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    for first in (4, 8):
        for col in ("A", "B", "E", "F"):
            ws.merge_cells(f"{col}{first}:{col}{first + 1}")
        ws.merge_cells(f"C{first}:D{first}")
    wb.save(path)
    parsed = parse(path)
    assert fields(parsed, "content", "lead", "cooperating") == [
        ("Nhiệm vụ một", "Sở Tư pháp", ["Sở Nội vụ"]),
        ("Nhiệm vụ hai", "Sở Y tế", []),
    ]


def test_signature_block_and_recipients_under_the_table(tmp_path: Path, parse: Parse) -> None:
    rows = [
        HEADER,
        [1, "Nhiệm vụ một", "Sở Tư pháp", "", "Quý II/2026", "Báo cáo"],
        [2, "Nhiệm vụ hai", "Sở Nội vụ", "", "Quý III/2026", "Báo cáo"],
        [],
        ["", "Nơi nhận:", "", "", "TM. ỦY BAN NHÂN DÂN"],
        ["", "- Như trên;", "", "", "KT. CHỦ TỊCH"],
        ["", "- Lưu: VT, KGVX.", "", "", "PHÓ CHỦ TỊCH"],
        [],
        ["", "", "", "", "Nguyễn Văn An"],
    ]
    parsed = parse(workbook(tmp_path / "a.xlsx", rows))
    assert [t.content for t in parsed.tasks] == ["Nhiệm vụ một", "Nhiệm vụ hai"]
    assert fields(parsed, "group") == [("",), ("",)]


def test_summary_sheet_counting_tasks_per_agency_is_not_a_task_table(tmp_path: Path, parse: Parse) -> None:
    wb = openpyxl.Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "Tong hop"
    put(
        summary,
        [
            ["TỔNG HỢP SỐ NHIỆM VỤ THEO CƠ QUAN"],
            ["STT", "Cơ quan chủ trì", "Số nhiệm vụ được giao", "Ghi chú"],
            [1, "Sở Tư pháp", 5],
            [2, "Sở Nội vụ", 3],
        ],
    )
    tasks = wb.create_sheet("PL02")
    put(tasks, [[KH45], HEADER, [1, "Nhiệm vụ một", "Sở Tư pháp", "", "Quý II/2026", "Báo cáo"]])
    wb.save(tmp_path / "a.xlsx")
    parsed = parse(tmp_path / "a.xlsx")
    assert [(t.sheet, t.content) for t in parsed.tasks] == [("PL02", "Nhiệm vụ một")]


def test_lead_left_empty_on_the_next_page_is_flagged_not_guessed(tmp_path: Path, parse: Parse) -> None:
    rows = [
        HEADER,
        [1, "Nhiệm vụ một", "Sở Tư pháp", "", "Quý II/2026", "Báo cáo"],
        HEADER,
        [2, "Nhiệm vụ hai", "", "", "Quý III/2026", "Báo cáo"],
    ]
    parsed = parse(workbook(tmp_path / "a.xlsx", rows))
    assert fields(parsed, "content", "lead") == [("Nhiệm vụ một", "Sở Tư pháp"), ("Nhiệm vụ hai", "")]
    assert any(i.kind.value == "six_clear" and i.row == 7 for i in parsed.issues)
