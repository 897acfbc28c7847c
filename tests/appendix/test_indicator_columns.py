"""Which column of an indicator table is the target, the baseline and the lead (issue 11, defect 1).

The tester's workbooks (a province's indicator table headed "Năm 2025 | Kết quả | Cơ quan theo
dõi") had last year's figure taken silently as the goal. A column read from weak words is
flagged for the user, never silent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from app.appendix.parse import AppendixParse, IssueKind

Parse = Callable[[Path], AppendixParse]


def indicator_table(path: Path, header: list[str], rows: list[tuple[object, ...]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Chỉ tiêu"
    ws["A1"] = "UBND TỈNH THANH HÓA"
    ws.merge_cells("A1:C1")
    ws["A3"] = "CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2026"
    ws.merge_cells("A3:F3")
    ws["A4"] = "(Kèm theo Kế hoạch số 77/KH-UBND ngày 10/3/2026 của UBND tỉnh về chuyển đổi số năm 2026)"
    ws.merge_cells("A4:F4")
    for c, h in enumerate(header, 1):
        ws.cell(6, c, h)
    for i, row in enumerate(rows):
        for c, v in enumerate(row, 1):
            if v not in (None, ""):
                ws.cell(7 + i, c, v)
    wb.save(path)
    return path


def column_issues(p: AppendixParse) -> list[str]:
    return [i.message for i in p.issues if i.kind is IssueKind.SHEET]


def test_ket_qua_beside_last_year_is_the_target_and_theo_doi_the_lead(tmp_path: Path, parse: Parse) -> None:
    path = indicator_table(
        tmp_path / "c3.xlsx",
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Kết quả", "Cơ quan theo dõi"],
        [
            (1, "Tỷ lệ hồ sơ trực tuyến", "%", 52, 80, "Văn phòng UBND tỉnh"),
            (2, "Số DN KH&CN", "DN", 12, 20, "Sở KH&CN"),
        ],
    )
    p = parse(path)
    [info] = p.sheets
    assert info.columns == {
        "stt": "STT",
        "name": "Chỉ tiêu",
        "unit": "Đơn vị tính",
        "baseline": "Năm 2025",
        "target": "Kết quả",
        "lead": "Cơ quan theo dõi",
    }
    assert info.ignored_columns == []
    assert [(i.baseline, i.target) for i in p.indicators] == [(52, 80), (12, 20)]
    assert [i.lead[0].canonical for i in p.indicators] == [
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Sở Khoa học và Công nghệ",
    ]
    assert column_issues(p) == []


@pytest.mark.parametrize(
    ("baseline", "target"),
    [
        ("Hiện trạng", "Mục tiêu"),
        ("Năm gốc", "Chỉ tiêu năm 2030"),
        ("Năm 2025", "Mục tiêu"),
        ("Kết quả đạt được năm 2025", "Mục tiêu năm 2030"),
    ],
)
def test_baseline_and_target_wordings(tmp_path: Path, parse: Parse, baseline: str, target: str) -> None:
    path = indicator_table(
        tmp_path / "c.xlsx",
        ["STT", "Tên chỉ tiêu", "ĐVT", baseline, target, "Cơ quan chủ trì"],
        [(1, "Tỷ lệ hồ sơ trực tuyến", "%", 61.8, 90, "Văn phòng UBND tỉnh")],
    )
    p = parse(path)
    assert (p.sheets[0].columns["baseline"], p.sheets[0].columns["target"]) == (baseline, target)
    assert [(i.baseline, i.target) for i in p.indicators] == [(61.8, 90)]
    assert column_issues(p) == []


@pytest.mark.parametrize("only", ["Kết quả", "Năm 2026"])
def test_a_lone_figure_column_is_a_flagged_guess(tmp_path: Path, parse: Parse, only: str) -> None:
    path = indicator_table(
        tmp_path / "c1.xlsx",
        ["STT", "Tên chỉ tiêu", "ĐVT", only, "Ghi chú"],
        [(1, "Tỷ lệ hồ sơ trực tuyến", "%", 80, ""), (2, "Số nền tảng số dùng chung", "nền tảng", 5, "")],
    )
    p = parse(path)
    assert [i.target for i in p.indicators] == [80, 5]  # imported, not refused
    [message] = column_issues(p)
    assert f"Cột «{only}» được đoán là «Chỉ tiêu (mục tiêu)»" in message and "=baseline" in message


def test_a_chosen_role_is_no_longer_a_guess(tmp_path: Path, catalogue: object) -> None:
    from app.appendix.headers import ColumnChoices, Role, header_key
    from app.appendix.parse import parse_appendix

    path = indicator_table(
        tmp_path / "c1.xlsx",
        ["STT", "Tên chỉ tiêu", "ĐVT", "Kết quả"],
        [(1, "Tỷ lệ hồ sơ trực tuyến", "%", 80)],
    )
    p = parse_appendix(path, catalogue, None, ColumnChoices({header_key("Kết quả"): Role.TARGET}))  # type: ignore[arg-type]
    assert column_issues(p) == [] and p.indicators[0].target == 80
