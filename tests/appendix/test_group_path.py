"""Nested headings keep their whole path: "I. HOÀN THIỆN THỂ CHẾ…" over "1. …" over "1.1 task".

Built as the tester's KH50 appendix was: a title block, a draft number left blank, a two-level
header with "Cơ quan thực hiện" merged over "Chủ trì" | "Phối hợp", Roman group rows, numbered
sub-headings "1.", "2." over tasks "1.1", "1.2", then a Roman group whose tasks are "1", "2".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl

from app.appendix.parse import AppendixParse

Parse = Callable[[Path], AppendixParse]


def _kh50(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Phụ lục I"
    ws["A1"] = "PHỤ LỤC I"
    ws["A2"] = "DANH MỤC NHIỆM VỤ TRIỂN KHAI NGHỊ QUYẾT SỐ 57-NQ/TW"
    ws["A3"] = "(Kèm theo Kế hoạch số:      /KH-UBND ngày     /     /2026 của UBND tỉnh)"
    for r in (1, 2, 3):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
    ws["A5"], ws["B5"], ws["C5"] = "STT", "Nội dung nhiệm vụ", "Cơ quan thực hiện"
    ws["E5"], ws["F5"], ws["G5"] = "Sản phẩm", "Thời gian hoàn thành", "Ghi chú"
    ws["C6"], ws["D6"] = "Chủ trì", "Phối hợp"
    ws.merge_cells("A5:A6")
    ws.merge_cells("B5:B6")
    ws.merge_cells("C5:D5")
    for col in "EFG":
        ws.merge_cells(f"{col}5:{col}6")
    rows = [
        ["I.", "HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH"],
        ["1.", "Xây dựng cơ chế, chính sách phát triển khoa học, công nghệ"],
        [
            "1.1",
            "Xây dựng Nghị quyết HĐND tỉnh về hỗ trợ đổi mới sáng tạo",
            "Sở Khoa học và Công nghệ",
            "Sở Tài chính; Sở Tư pháp",
            "Nghị quyết",
            "Quý III/2026",
        ],
        [
            "1.2",
            "Rà soát thủ tục hành chính trên môi trường điện tử",
            "Văn phòng UBND tỉnh",
            "Các sở, ngành",
            "Báo cáo",
            "Tháng 9/2026",
        ],
        ["2.", "Hạ tầng số"],
        [
            "2.1",
            "Nâng cấp Trung tâm tích hợp dữ liệu tỉnh",
            "Sở Khoa học và Công nghệ",
            "Công an tỉnh",
            "Trung tâm",
            "Năm 2026",
        ],
        ["II.", "CHẾ ĐỘ BÁO CÁO"],
        [
            "1",
            "Báo cáo kết quả thực hiện Nghị quyết 57",
            "Sở Nội vụ",
            "Sở Khoa học và Công nghệ",
            "Báo cáo",
            "Hằng năm",
        ],
        ["2", "Tổng kết, đánh giá hằng năm", "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Báo cáo", "Năm 2026"],
    ]
    for i, row in enumerate(rows, start=7):
        for c, value in enumerate(row, start=1):
            ws.cell(i, c, value)
    wb.save(path)
    return path


def test_top_heading_is_kept_above_numbered_sub_headings(tmp_path: Path, parse: Parse) -> None:
    parsed = parse(_kh50(tmp_path / "kh50.xlsx"))
    got = [(t.group, t.group_title, t.index_in_group, t.content[:20]) for t in parsed.tasks]
    top = "HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH"
    sub1 = f"{top} / Xây dựng cơ chế, chính sách phát triển khoa học, công nghệ"
    assert got == [
        ("I.1", sub1, 1, "Xây dựng Nghị quyết "),
        ("I.1", sub1, 2, "Rà soát thủ tục hành"),
        ("I.2", f"{top} / Hạ tầng số", 1, "Nâng cấp Trung tâm t"),
        ("II", "CHẾ ĐỘ BÁO CÁO", 1, "Báo cáo kết quả thực"),
        ("II", "CHẾ ĐỘ BÁO CÁO", 2, "Tổng kết, đánh giá h"),
    ]
