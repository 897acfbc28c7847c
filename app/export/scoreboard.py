"""`export scoreboard`: the per-agency scoreboard, one row per agency or group named on tasks.

The rows are FollowupService.scoreboard's (the same figures as `summary --json`'s "agencies");
this module only lays them out: two column groups, «Chủ trì» and «Phối hợp», each with the
assignments, their counts by official class, the longest overdue and the two rates. Rates are
fractions (0.75 = 75%), an empty cell where the divisor is zero (there is nothing to divide);
the formulas are printed under the table, as the page shows them in its tooltips.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from openpyxl import Workbook

from app.export.sheet import Column, ExportMeta, Kind, SheetWriter, fmt_date
from app.followup_dto import (
    LONGEST_OVERDUE_FORMULA,
    ON_TIME_RATE_FORMULA,
    OVERDUE_RULE,
    UPDATE_RATE_FORMULA,
    RoleScore,
    ScoreLine,
)
from models.official import OfficialClass

LEAD_GROUP = "Chủ trì"
COOP_GROUP = "Phối hợp"

# (header, width, kind, value of one role's figures)
_ROLE_COLUMNS: tuple[tuple[str, float, Kind, Callable[[RoleScore], Any]], ...] = (
    ("Được giao", 8, Kind.INT, lambda r: r.assigned),
    ("Hoàn thành đúng hạn", 10, Kind.INT, lambda r: r.counts[OfficialClass.DONE_ON_TIME]),
    ("Hoàn thành quá hạn", 10, Kind.INT, lambda r: r.counts[OfficialClass.DONE_LATE]),
    ("Quá hạn", 8, Kind.INT, lambda r: r.counts[OfficialClass.OVERDUE]),
    ("Đang thực hiện trong hạn", 10, Kind.INT, lambda r: r.counts[OfficialClass.IN_PROGRESS]),
    ("Thường xuyên", 9, Kind.INT, lambda r: r.counts[OfficialClass.CONTINUOUS]),
    ("Quá hạn lâu nhất (ngày)", 9, Kind.INT, lambda r: r.longest_overdue_days),
    ("Tỷ lệ đúng hạn", 9, Kind.PERCENT, lambda r: r.on_time_rate),
    ("Tỷ lệ cập nhật", 9, Kind.PERCENT, lambda r: r.update_rate),
)
ROLE_HEADERS = tuple(h for h, *_ in _ROLE_COLUMNS)

NOTES = (
    ON_TIME_RATE_FORMULA,
    UPDATE_RATE_FORMULA,
    LONGEST_OVERDUE_FORMULA,
    OVERDUE_RULE,
    "Tạm dừng, hủy và nhiệm vụ chưa xác định được hạn được tính trong «Được giao» nhưng không thuộc "
    "cột nào khác. Nhóm cơ quan được giao chung (như «Các sở, ban, ngành») là một dòng riêng.",
)


def _columns() -> list[Column]:
    cols = [Column("STT", 6, Kind.INT, center=True), Column("Cơ quan, đơn vị", 30)]
    for group in (LEAD_GROUP, COOP_GROUP):
        for header, width, kind, _get in _ROLE_COLUMNS:
            fmt = "0.0%" if kind is Kind.PERCENT else ""
            cols.append(Column(header, width, kind, group=group, center=kind is Kind.INT, number_format=fmt))
    return cols


def row_values(n: int, line: ScoreLine) -> list[Any]:
    """One printed row: number, name, then the lead figures and the cooperating figures."""
    values: list[Any] = [n, line.name]
    for role in (line.lead, line.cooperating):
        values += [get(role) for *_h, get in _ROLE_COLUMNS]
    return values


def write_scoreboard(wb: Workbook, rows: Sequence[ScoreLine], meta: ExportMeta) -> SheetWriter:
    sheet = SheetWriter(
        wb,
        "Theo cơ quan",
        "KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN, ĐƠN VỊ",
        [f"Tính đến ngày {fmt_date(meta.as_of)} · {len(rows)} cơ quan, đơn vị"],
        _columns(),
        meta,
        freeze_cols=2,
    )
    for n, line in enumerate(rows, start=1):
        sheet.row(row_values(n, line))
    sheet.finish(NOTES)
    return sheet
