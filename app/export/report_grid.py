"""`export grid`: the periodic-reports grid, one row per (recurring task, agency), a column per period.

The rows are ReportGridService.grid's, exactly as the page draws them: each period cell carries
the mark the page shows (✓ received on time, «Trễ» late, «Thiếu» missing, "k/n" for a column
holding several due dates, "–" before the duty began) and is filled with the page's colour for
its state; after the periods, the row's counts over the span (owed so far, on time, late,
missing) as the update rate counts them. A legend and the rule are printed under the table.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl import Workbook

from app.export.sheet import Column, ExportMeta, Kind, SheetWriter, fmt_date
from app.report_grid_dto import GRID_RULE, ReportGrid, cell_text, party_text
from models.report_grid import CellState

# Background per state: the page's colours (views.status_colors of the status each state borrows).
STATE_FILL: dict[CellState, str] = {
    CellState.ON_TIME: "D3F0D8",
    CellState.LATE: "ECE8B8",
    CellState.MISSING: "F8D7DA",
    CellState.NOT_DUE: "F1F3F5",
    CellState.NOT_EXPECTED: "E2E3E5",
    CellState.NONE: "",
}
LEGEND: tuple[tuple[CellState, str], ...] = (
    (CellState.ON_TIME, "«✓» (nền xanh): đã nhận báo cáo hoàn thành, đúng hạn"),
    (CellState.LATE, "«Trễ» (nền vàng): đã nhận, sau hạn của kỳ"),
    (CellState.MISSING, "«Thiếu» (nền đỏ): đã quá hạn của kỳ mà chưa nhận báo cáo hoàn thành"),
    (CellState.NOT_DUE, "Ô trống nền xám nhạt: chưa đến hạn"),
    (CellState.NOT_EXPECTED, "«–» (nền xám): không phải báo cáo (kỳ trước khi giao nhiệm vụ)"),
)
SEVERAL = "«k/n» (kỳ có nhiều hạn, ví dụ báo cáo tuần trong một tháng): đã nhận k trên n hạn phải nộp."
COUNT_HEADERS = ("Phải nộp đến ngày xem", "Đúng hạn", "Trễ hạn", "Thiếu")






def write_report_grid(
    wb: Workbook, grid: ReportGrid, meta: ExportMeta, scope: str = "", extra_notes: Sequence[str] = ()
) -> SheetWriter:
    columns = [
        Column("STT", 6, Kind.INT, center=True),
        Column("Văn bản", 13),
        Column("Nhiệm vụ", 36),
        Column("Thời hạn", 16),
        Column("Cơ quan", 22),
    ]
    width = 6 if len(grid.columns) > 8 else 9
    columns += [Column(c.short, width, center=True, group="Kỳ báo cáo") for c in grid.columns]
    columns += [Column(h, 9, Kind.INT, center=True, group="Số kỳ") for h in COUNT_HEADERS]
    first, last = (grid.columns[0], grid.columns[-1]) if grid.columns else (None, None)
    span = f"Từ {fmt_date(first.start)} đến {fmt_date(last.end)} · " if first and last else ""
    subtitles = [f"{span}Tính đến ngày {fmt_date(meta.as_of)} · {len(grid.rows)} dòng"]
    if scope:
        subtitles.append(scope)
    sheet = SheetWriter(
        wb, "Báo cáo định kỳ", "TÌNH HÌNH NỘP BÁO CÁO ĐỊNH KỲ", subtitles, columns, meta, freeze_cols=5
    )
    lead_cols = 5
    for n, row in enumerate(grid.rows, start=1):
        cells = row.cells
        t = row.tally
        values = [n, row.directive_number, row.content, row.deadline_text, party_text(row)]
        values += [cell_text(c) for c in cells]
        values += [t.expected, t.on_time, t.late, t.missing]
        fills = [""] * lead_cols + [STATE_FILL[c.state] for c in cells] + [""] * len(COUNT_HEADERS)
        sheet.row(values, fills)
    total = grid.tally
    sheet.total("Tổng cộng", [total.expected, total.on_time, total.late, total.missing])
    notes = [*extra_notes, "Chú thích:", *(text for _s, text in LEGEND), SEVERAL, GRID_RULE]
    sheet.finish(notes)
    return sheet
