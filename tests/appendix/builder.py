"""Build appendix workbooks in tests, from the expected data of the KH125 sample.

Each option changes one thing about the layout, so a failing test names the variety that broke.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLE_DIR = SHARED / "fixtures" / "appendix"
ROOT = Path(__file__).resolve().parents[2]
EXPECTED_PATH = ROOT / "tests" / "appendix" / "data" / "KH125-expected.json"
TITLE = "(Kèm theo Kế hoạch số 125/KH-BCĐ ngày 10/4/2026 của Ban Chỉ đạo của Ủy ban nhân dân tỉnh)"

TASK_HEADER = [
    ("TT", "stt"),
    ("Nội dung nhiệm vụ", "content"),
    ("Chủ trì", "lead"),
    ("Phối hợp", "cooperating"),
    ("Sản phẩm đầu ra", "product"),
    ("Thời gian hoàn thành", "deadline_text"),
    ("Ghi chú", "note"),
]
INDICATOR_HEADER = [
    ("TT", "stt"),
    ("Chỉ tiêu", "name"),
    ("Đơn vị tính", "unit"),
    ("Thực hiện năm 2025", "baseline"),
    ("Chỉ tiêu năm 2026", "target"),
    ("Cơ quan chủ trì theo dõi", "lead"),
    ("Cơ quan phối hợp", "cooperating"),
    ("Ghi chú", "note"),
]


def expected() -> dict[str, Any]:
    """The expected JSON of the sample (a copy kept with the tests, so variants run without ../shared)."""
    data: dict[str, Any] = json.loads(EXPECTED_PATH.read_text(encoding="utf-8"))
    return data


@dataclass
class Layout:
    title_rows: list[str] = field(default_factory=lambda: ["PHỤ LỤC 02", "DANH MỤC NHIỆM VỤ", TITLE])
    blank_before_header: int = 1
    header: list[tuple[str, str]] = field(default_factory=lambda: list(TASK_HEADER))
    two_level: bool = True  # "Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"
    numbering_row: bool = True
    group_style: str = "roman"  # roman | letter | bold | none
    stt_style: str = "continuous"  # continuous | restart | dot | decimal | missing
    agency_sep: str = ";\n"
    blank_between_groups: bool = False
    totals_and_footnotes: bool = False


def _stt(style: str, seq: int, index: int, group_no: int) -> Any:
    return {
        "continuous": seq,
        "restart": index,
        "dot": f"{seq}.",
        "decimal": f"{group_no}.{index}",
        "missing": None,
    }[style]


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def write_tasks(ws: Worksheet, tasks: list[dict[str, Any]], layout: Layout) -> None:
    r = 1
    for text in layout.title_rows:
        ws.cell(r, 1, text)
        r += 1
    r += layout.blank_before_header
    labels = [label for label, _ in layout.header]
    keys = [key for _, key in layout.header]
    if layout.two_level and "lead" in keys and "cooperating" in keys:
        lead_col = keys.index("lead") + 1
        coop_col = keys.index("cooperating") + 1
        assert coop_col == lead_col + 1, "two-level header needs lead and cooperating side by side"
        for c, label in enumerate(labels, start=1):
            if c in (lead_col, coop_col):
                continue
            ws.cell(r, c, label).font = Font(bold=True)
            ws.merge_cells(start_row=r, start_column=c, end_row=r + 1, end_column=c)
        ws.cell(r, lead_col, "Cơ quan thực hiện")
        ws.merge_cells(start_row=r, start_column=lead_col, end_row=r, end_column=coop_col)
        ws.cell(r + 1, lead_col, labels[lead_col - 1])
        ws.cell(r + 1, coop_col, labels[coop_col - 1])
        r += 2
    else:
        for c, label in enumerate(labels, start=1):
            ws.cell(r, c, label).font = Font(bold=True)
        r += 1
    if layout.numbering_row:
        for c in range(1, len(labels) + 1):
            ws.cell(r, c, f"({c})")
        r += 1
    group_key = None
    group_no = 0
    content_col = keys.index("content") + 1
    for t in tasks:
        if (t["group"], t["group_title"]) != group_key:
            group_key = (t["group"], t["group_title"])
            group_no += 1
            if layout.blank_between_groups and group_no > 1:
                r += 1
            _write_group(ws, r, layout, keys, group_no, t["group_title"], content_col)
            r += 1
        values = {
            "stt": _stt(layout.stt_style, t["seq"], t["index_in_group"], group_no),
            "content": t["content"],
            "lead": t["lead"],
            "cooperating": layout.agency_sep.join(t["cooperating"]),
            "product": t["product"],
            "deadline_text": t["deadline_text"],
            "note": t.get("note", ""),
        }
        for c, key in enumerate(keys, start=1):
            if values.get(key) not in (None, ""):
                ws.cell(r, c, values[key])
        r += 1
    if layout.totals_and_footnotes:
        ws.cell(r, 2, "Tổng cộng: 61 nhiệm vụ")
        ws.cell(r + 2, 1, "Ghi chú: Các cơ quan báo cáo kết quả về Sở Khoa học và Công nghệ.")
        ws.cell(r + 3, 1, "- Thời hạn báo cáo: trước ngày 09 hằng tháng.")


def _write_group(
    ws: Worksheet, r: int, layout: Layout, keys: list[str], no: int, title: str, col: int
) -> None:
    stt_col = keys.index("stt") + 1 if "stt" in keys else None
    if layout.group_style == "none":
        return
    if layout.group_style == "bold":
        cell = ws.cell(r, col, title)
        cell.font = Font(bold=True)
        return
    code = ROMAN[no - 1] if layout.group_style == "roman" else "ABCDEFGHIJKL"[no - 1]
    if stt_col is not None:
        ws.cell(r, stt_col, code).font = Font(bold=True)
    ws.cell(r, col, title).font = Font(bold=True)
    ws.merge_cells(start_row=r, start_column=col, end_row=r, end_column=len(keys))


def write_indicators(
    ws: Worksheet, indicators: list[dict[str, Any]], title_rows: list[str] | None = None
) -> None:
    r = 1
    for text in title_rows if title_rows is not None else ["PHỤ LỤC 01", TITLE]:
        ws.cell(r, 1, text)
        r += 1
    r += 1
    for c, (label, _) in enumerate(INDICATOR_HEADER, start=1):
        ws.cell(r, c, label)
    r += 1
    group = None
    for i in indicators:
        if i["group"] != group:
            group = i["group"]
            ws.cell(r, 1, group)
            ws.cell(r, 2, f"NHÓM CHỈ TIÊU {group}")
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(INDICATOR_HEADER))
            r += 1
        values = {
            "stt": i["seq"],
            "name": i["name"],
            "unit": i["unit"],
            "baseline": i["baseline"],
            "target": i["target"],
            "lead": i["lead"],
            "cooperating": ";\n".join(i["cooperating"]),
        }
        for c, (_, key) in enumerate(INDICATOR_HEADER, start=1):
            if values.get(key) not in (None, ""):
                ws.cell(r, c, values[key])
        r += 1


def build(
    path: Path,
    layout: Layout | None = None,
    *,
    tasks: list[dict[str, Any]] | None = None,
    indicators: list[dict[str, Any]] | None = None,
    with_indicators: bool = True,
    task_sheet: str = "PL02",
    indicator_sheet: str = "PL01",
    tasks_first: bool = False,
) -> Path:
    data = expected()
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    sheets: list[tuple[str, str]] = [("tasks", task_sheet)]
    if with_indicators:
        sheets.insert(0 if not tasks_first else 1, ("indicators", indicator_sheet))
    for n, (kind, name) in enumerate(sheets):
        ws = first if n == 0 else wb.create_sheet()
        ws.title = name
        if kind == "tasks":
            write_tasks(ws, tasks if tasks is not None else data["tasks"], layout or Layout())
        else:
            write_indicators(ws, indicators if indicators is not None else data["indicators"])
    wb.save(path)
    return path
