"""Real appendices vary; each test builds one variety of the sample with openpyxl and parses it.

One variety per test, so a failure names what broke. The expected values come from the
sample's expected JSON, adjusted only where the variety itself changes them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.appendix.parse import AppendixParse, IssueKind
from models.legacy_vn_text import to_tcvn3, to_vni
from tests.appendix.builder import INDICATOR_HEADER, TASK_HEADER, TITLE, Layout, build, expected

Parse = Callable[[Path], AppendixParse]


def tasks_json(parsed: AppendixParse) -> list[dict[str, Any]]:
    return [t.to_json() for t in parsed.tasks]


def without_sheets(parsed: AppendixParse) -> dict[str, Any]:
    """The JSON as the expected file has it (its "sheets" part is tested on its own)."""
    out = parsed.to_json()
    del out["sheets"]
    return out


def test_header_on_row_1_without_title(tmp_path: Path, parse: Parse) -> None:
    path = build(tmp_path / "a.xlsx", Layout(title_rows=[], blank_before_header=0), with_indicators=False)
    parsed = parse(path)
    assert tasks_json(parsed) == expected()["tasks"]
    assert parsed.directive_number == ""
    assert any(i.kind is IssueKind.DIRECTIVE for i in parsed.issues)


def test_header_at_row_15(tmp_path: Path, parse: Parse) -> None:
    titles = [f"Dòng tiêu đề {n}" for n in range(1, 13)] + [TITLE]
    path = build(tmp_path / "a.xlsx", Layout(title_rows=titles, blank_before_header=1))
    parsed = parse(path)
    assert parsed.sheets[1].header_row == 15
    assert tasks_json(parsed) == expected()["tasks"]
    assert parsed.directive_number == "125/KH-BCĐ"


@pytest.mark.parametrize(
    ("task_sheet", "indicator_sheet"), [("Sheet1", "Sheet2"), ("PL02", "PL01"), ("Nhiem vu", "Chi tieu")]
)
def test_any_sheet_names(tmp_path: Path, parse: Parse, task_sheet: str, indicator_sheet: str) -> None:
    path = build(tmp_path / "a.xlsx", task_sheet=task_sheet, indicator_sheet=indicator_sheet)
    parsed = parse(path)
    assert parsed.to_json()["tasks"] == expected()["tasks"]
    assert parsed.to_json()["indicators"] == expected()["indicators"]


def test_sheets_in_swapped_order(tmp_path: Path, parse: Parse) -> None:
    path = build(tmp_path / "a.xlsx", tasks_first=True, task_sheet="Sheet1", indicator_sheet="Sheet2")
    parsed = parse(path)
    assert [s.kind.value for s in parsed.sheets if s.kind] == ["tasks", "indicators"]
    assert without_sheets(parsed) == expected()


def test_only_the_tasks_sheet(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(build(tmp_path / "a.xlsx", with_indicators=False))
    assert tasks_json(parsed) == expected()["tasks"]
    assert parsed.indicators == []


def test_single_level_header(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(build(tmp_path / "a.xlsx", Layout(two_level=False), with_indicators=False))
    assert tasks_json(parsed) == expected()["tasks"]


def test_no_numbering_row(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(build(tmp_path / "a.xlsx", Layout(numbering_row=False), with_indicators=False))
    assert tasks_json(parsed) == expected()["tasks"]


@pytest.mark.parametrize(
    "header",
    [
        [
            ("STT", "stt"),
            ("Tên nhiệm vụ", "content"),
            ("Thời hạn", "deadline_text"),
            ("Đơn vị chủ trì", "lead"),
            ("Đơn vị phối hợp", "cooperating"),
            ("Kết quả, sản phẩm", "product"),
        ],
        [
            ("Số TT", "stt"),
            ("Sản phẩm", "product"),
            ("Nhiệm vụ", "content"),
            ("Cơ quan chủ trì", "lead"),
            ("Cơ quan phối hợp", "cooperating"),
            ("Tiến độ", "deadline_text"),
        ],
        [
            ("TT", "stt"),
            ("Nội dung công việc", "content"),
            ("Cơ quan chủ trì thực hiện", "lead"),
            ("Cơ quan phối hợp thực hiện", "cooperating"),
            ("Thời gian thực hiện", "deadline_text"),
            ("Sản phẩm dự kiến", "product"),
            ("Ghi chú", "note"),
        ],
    ],
    ids=["ten-nhiem-vu/thoi-han", "nhiem-vu/tien-do/product-first", "noi-dung-cong-viec/thoi-gian-thuc-hien"],
)
def test_other_header_wordings_and_column_order(
    tmp_path: Path, parse: Parse, header: list[tuple[str, str]]
) -> None:
    path = build(tmp_path / "a.xlsx", Layout(header=header, two_level=False), with_indicators=False)
    assert tasks_json(parse(path)) == expected()["tasks"]


@pytest.mark.parametrize("style", ["restart", "dot", "decimal", "missing"])
def test_numbering_styles(tmp_path: Path, parse: Parse, style: str) -> None:
    path = build(tmp_path / "a.xlsx", Layout(stt_style=style), with_indicators=False)
    assert tasks_json(parse(path)) == expected()["tasks"]


def test_group_rows_as_letters(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(build(tmp_path / "a.xlsx", Layout(group_style="letter"), with_indicators=False))
    letters = "ABCDEFGHIJK"
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
    want = copy.deepcopy(expected()["tasks"])
    for t in want:
        t["group"] = letters[romans.index(t["group"])]
    assert tasks_json(parsed) == want


def test_group_rows_as_bold_titles_without_code(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(build(tmp_path / "a.xlsx", Layout(group_style="bold"), with_indicators=False))
    want = copy.deepcopy(expected()["tasks"])
    for t in want:
        t["group"] = ""
    assert tasks_json(parsed) == want


def test_group_title_with_its_code_in_one_merged_cell(tmp_path: Path, parse: Parse) -> None:
    path = build(tmp_path / "a.xlsx", with_indicators=False)
    wb = openpyxl.load_workbook(path)
    ws = wb["PL02"]
    for row in range(1, ws.max_row + 1):
        code = ws.cell(row, 1).value
        if code in ("I", "II", "III"):
            title = ws.cell(row, 2).value
            ws.unmerge_cells(start_row=row, start_column=2, end_row=row, end_column=7)
            ws.cell(row, 2).value = None
            ws.cell(row, 1).value = f"{code}. {title}"
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=7)
    wb.save(path)
    assert tasks_json(parse(path)) == expected()["tasks"]


def test_vertically_merged_lead_cell_applies_to_every_row(tmp_path: Path, parse: Parse) -> None:
    path = build(tmp_path / "a.xlsx", with_indicators=False)
    wb = openpyxl.load_workbook(path)
    ws = wb["PL02"]
    rows = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value in (1, 2, 3, 4, 5)]
    assert len(rows) == 5
    for r in rows[1:]:
        ws.cell(r, 3).value = None
    ws.merge_cells(start_row=rows[0], start_column=3, end_row=rows[-1], end_column=3)
    wb.save(path)
    parsed = tasks_json(parse(path))
    assert [t["lead"] for t in parsed[:5]] == ["Sở Khoa học và Công nghệ"] * 5
    assert parsed == expected()["tasks"]


def test_real_date_cells_as_deadlines(tmp_path: Path, parse: Parse) -> None:
    path = build(tmp_path / "a.xlsx", with_indicators=False)
    wb = openpyxl.load_workbook(path)
    ws = wb["PL02"]
    changed = 0
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 6).value in ("30/9/2026", "25/6/2026", "31/12/2026"):
            d, m, y = (int(x) for x in ws.cell(r, 6).value.split("/"))
            ws.cell(r, 6).value = datetime(y, m, d)
            ws.cell(r, 6).number_format = "dd/mm/yyyy"
            changed += 1
    wb.save(path)
    assert changed == 4
    assert tasks_json(parse(path)) == expected()["tasks"]


def test_totals_and_footnote_rows_are_skipped_with_a_reason(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(build(tmp_path / "a.xlsx", Layout(totals_and_footnotes=True), with_indicators=False))
    assert tasks_json(parsed) == expected()["tasks"]
    reasons = [i.message for i in parsed.issues if i.kind is IssueKind.SKIPPED]
    assert any("tổng cộng" in r for r in reasons)
    assert sum("ghi chú" in r for r in reasons) == 2


def test_blank_rows_between_groups(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(build(tmp_path / "a.xlsx", Layout(blank_between_groups=True), with_indicators=False))
    assert tasks_json(parsed) == expected()["tasks"]


def test_line_breaks_and_stray_spaces_in_cells(tmp_path: Path, parse: Parse) -> None:
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[0]["content"] = "  Xây dựng, ban hành Kế hoạch hoạt động năm 2026\n  của Ban Chỉ đạo  "
    tasks[0]["product"] = "Kế hoạch   của Ban Chỉ đạo "
    tasks[4]["deadline_text"] = "Quý II,\nIII/2026"
    parsed = tasks_json(parse(build(tmp_path / "a.xlsx", tasks=tasks, with_indicators=False)))
    assert len(parsed) == 61
    assert parsed[0]["content"] == "Xây dựng, ban hành Kế hoạch hoạt động năm 2026\ncủa Ban Chỉ đạo"
    assert parsed[0]["product"] == "Kế hoạch của Ban Chỉ đạo"
    assert (parsed[4]["deadline_kind"], parsed[4]["due"]) == ("once", "2026-09-30")


@pytest.mark.parametrize(
    ("baseline", "target", "want_baseline", "want_target"),
    [
        ("52,4", "80%", 52.4, 80),
        ("52.4", "80", 52.4, 80),
        ("1.250", "2.000,5", 1250, 2000.5),
        (" 17 ", "Tốp 15", 17, "Tốp 15"),
    ],
    ids=["comma-and-percent", "dot", "thousands", "words"],
)
def test_numbers_written_as_text(
    tmp_path: Path, parse: Parse, baseline: str, target: str, want_baseline: Any, want_target: Any
) -> None:
    indicators = copy.deepcopy(expected()["indicators"])
    indicators[0]["baseline"], indicators[0]["target"] = baseline, target
    parsed = parse(build(tmp_path / "a.xlsx", indicators=indicators))
    first = parsed.to_json()["indicators"][0]
    assert (first["baseline"], first["target"]) == (want_baseline, want_target)
    assert parsed.to_json()["indicators"][1:] == expected()["indicators"][1:]


@pytest.mark.parametrize(
    "sep", [";\n", "; ", ", ", "\n", " và "], ids=["semicolon-newline", "semicolon", "comma", "newline", "va"]
)
def test_agency_separators_with_names_containing_commas(tmp_path: Path, parse: Parse, sep: str) -> None:
    parsed = parse(build(tmp_path / "a.xlsx", Layout(agency_sep=sep), with_indicators=False))
    assert tasks_json(parsed) == expected()["tasks"]
    # task 12 cooperates with "Sở Văn hóa, Thể thao và Du lịch", a name with a comma and "và"
    assert tasks_json(parsed)[11]["cooperating"][0] == "Sở Văn hóa, Thể thao và Du lịch"


def test_aliases_and_abbreviations_resolve_to_catalogue_names(tmp_path: Path, parse: Parse) -> None:
    tasks = copy.deepcopy(expected()["tasks"])
    written = {
        0: ("Sở KH&CN", ["VP UBND tỉnh", "CA tỉnh", "Sở Nội Vụ"]),
        1: ("Sở Khoa học & Công nghệ", ["các sở, ban, ngành"]),
        2: ("sở  khoa hoc va cong nghe", ["Công an Tỉnh", "SNV", "Văn phòng UBND tỉnh"]),
        3: ("SKHCN", ["VPTU", "Văn phòng Ủy ban nhân dân tỉnh"]),
    }
    for index, (lead, coop) in written.items():
        tasks[index]["lead"], tasks[index]["cooperating"] = lead, coop
    parsed = parse(build(tmp_path / "a.xlsx", tasks=tasks, with_indicators=False))
    assert tasks_json(parsed) == expected()["tasks"]
    assert not [i for i in parsed.issues if i.kind is IssueKind.UNKNOWN_AGENCY]


def test_unknown_agency_is_reported_with_candidates(tmp_path: Path, parse: Parse) -> None:
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[0]["lead"] = "Sở Khoa học Công nghệ"
    tasks[0]["cooperating"] = ["Phòng Văn hóa - Thông tin xã"]
    parsed = parse(build(tmp_path / "a.xlsx", tasks=tasks, with_indicators=False))
    first = parsed.tasks[0]
    assert first.lead[0].canonical is None
    assert first.lead[0].candidates[0][0] == "Sở Khoa học và Công nghệ"
    unknown = [i for i in parsed.issues if i.kind is IssueKind.UNKNOWN_AGENCY]
    assert [(i.sheet, i.row, i.column) for i in unknown] == [("PL02", 9, "C"), ("PL02", 9, "D")]
    assert "Sở Khoa học Công nghệ" in unknown[0].message and "Gần giống" in unknown[0].message
    assert [m.written for m in parsed.unknown_names] == [
        "Sở Khoa học Công nghệ",
        "Phòng Văn hóa - Thông tin xã",
    ]


def _lower_marked_capitals(text: str) -> str:
    """TCVN3 has no code for marked capitals (they came from a second font): "Ủy" comes back "ủy"."""
    return "".join(
        ch.lower() if not ch.isascii() and ch.isupper() and ch not in "ĂÂĐÊÔƠƯ" else ch for ch in text
    )


def _rewrite_all_text(path: Path, fn: Callable[[str], str]) -> None:
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = fn(cell.value)
    wb.save(path)


def test_tcvn3_mojibake_is_converted_and_reported(tmp_path: Path, parse: Parse) -> None:
    path = build(tmp_path / "a.xlsx")
    _rewrite_all_text(path, to_tcvn3)
    parsed = parse(path)
    assert parsed.encoding is not None and parsed.encoding.value == "TCVN3"
    assert parsed.directive_number == "125/KH-BCĐ"
    want = expected()
    got = parsed.to_json()
    assert [t["lead"] for t in got["tasks"]] == [t["lead"] for t in want["tasks"]]
    assert [t["cooperating"] for t in got["tasks"]] == [t["cooperating"] for t in want["tasks"]]
    assert [t["content"] for t in got["tasks"]] == [
        _lower_marked_capitals(t["content"]) for t in want["tasks"]
    ]
    assert [t["deadline_kind"] for t in got["tasks"]] == [t["deadline_kind"] for t in want["tasks"]]
    assert got["indicators"] == want["indicators"]
    assert any(i.kind is IssueKind.LEGACY_FONT and "TCVN3" in i.message for i in parsed.issues)


def test_vni_mojibake_is_converted_and_reported(tmp_path: Path, parse: Parse) -> None:
    path = build(tmp_path / "a.xlsx")
    _rewrite_all_text(path, to_vni)
    parsed = parse(path)
    assert parsed.encoding is not None and parsed.encoding.value == "VNI"
    assert without_sheets(parsed) == expected()
    assert any(i.kind is IssueKind.LEGACY_FONT and "VNI" in i.message for i in parsed.issues)


def test_legacy_xls_through_calamine(tmp_path: Path, parse: Parse) -> None:
    xlwt = pytest.importorskip("xlwt", reason="xlwt (dev extra) writes the .xls used here")
    data = expected()
    book = xlwt.Workbook(encoding="utf-8")
    for name, header, rows in (
        ("PL01", [h for h, _ in INDICATOR_HEADER], _indicator_rows(data["indicators"])),
        ("PL02", [h for h, _ in TASK_HEADER], _task_rows(data["tasks"])),
    ):
        ws = book.add_sheet(name)
        ws.write(0, 0, TITLE)
        for c, label in enumerate(header):
            ws.write(2, c, label)
        for r, values in enumerate(rows, start=3):
            for c, value in enumerate(values):
                if value not in (None, ""):
                    ws.write(r, c, value)
    path = tmp_path / "a.xls"
    book.save(str(path))
    parsed = parse(path)
    assert parsed.reader == "calamine"
    assert without_sheets(parsed) == data


def _task_rows(tasks: list[dict[str, Any]]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    group = None
    for t in tasks:
        if t["group"] != group:
            group = t["group"]
            rows.append([group, t["group_title"]])
        rows.append(
            [
                t["seq"],
                t["content"],
                t["lead"],
                ";\n".join(t["cooperating"]),
                t["product"],
                t["deadline_text"],
            ]
        )
    return rows


def _indicator_rows(indicators: list[dict[str, Any]]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    group = None
    for i in indicators:
        if i["group"] != group:
            group = i["group"]
            rows.append([group, f"NHÓM {group}"])
        rows.append(
            [
                i["seq"],
                i["name"],
                i["unit"],
                i["baseline"],
                i["target"],
                i["lead"],
                ";\n".join(i["cooperating"]),
            ]
        )
    return rows


def test_sub_heading_numbered_1_over_1_1(tmp_path: Path, parse: Parse) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    rows = [
        ["TT", "Nội dung nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Sản phẩm"],
        ["1", "Nhóm nhiệm vụ về dữ liệu"],
        ["1.1", "Làm sạch dữ liệu dân cư", "Công an tỉnh", "Sở Tư pháp", "Quý III/2026", "Dữ liệu"],
        ["1.2", "Chia sẻ dữ liệu", "Công an tỉnh", "", "Tháng 12/2026", "Báo cáo"],
        ["2", "Nhóm nhiệm vụ về hạ tầng"],
        ["2.1", "Phủ sóng 5G", "Các doanh nghiệp viễn thông", "Sở KH&CN", "Năm 2026", "Trạm BTS"],
    ]
    for row in rows:
        ws.append(row)
    wb.save(tmp_path / "a.xlsx")
    got = tasks_json(parse(tmp_path / "a.xlsx"))
    assert [(t["group"], t["group_title"], t["index_in_group"]) for t in got] == [
        ("1", "Nhóm nhiệm vụ về dữ liệu", 1),
        ("1", "Nhóm nhiệm vụ về dữ liệu", 2),
        ("2", "Nhóm nhiệm vụ về hạ tầng", 1),
    ]


def test_task_with_gaps_is_kept_and_flagged(tmp_path: Path, parse: Parse) -> None:
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[0]["lead"], tasks[0]["product"], tasks[0]["deadline_text"] = "", "", "Khi có yêu cầu"
    parsed = parse(build(tmp_path / "a.xlsx", tasks=tasks, with_indicators=False))
    assert len(parsed.tasks) == 61
    gaps = [i.message for i in parsed.issues if i.kind is IssueKind.SIX_CLEAR and i.row == 9]
    assert gaps and all(w in gaps[0] for w in ("rõ người", "rõ thời gian", "rõ sản phẩm"))


def test_deadline_not_understood_is_reported_with_its_column(tmp_path: Path, parse: Parse) -> None:
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[0]["deadline_text"] = "Sau khi có hướng dẫn của Bộ"
    parsed = parse(build(tmp_path / "a.xlsx", tasks=tasks, with_indicators=False))
    issue = next(i for i in parsed.issues if i.kind is IssueKind.DEADLINE)
    assert (issue.sheet, issue.row, issue.column) == ("PL02", 9, "F")
    assert parsed.tasks[0].to_json()["deadline_kind"] == "unknown"
