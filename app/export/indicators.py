"""`export indicators`: per indicator its baseline, target, latest value and percent of target;
every value entered on a second sheet.

"As of D" keeps the values a person could have known on D: periods that had begun by D and,
where the date a value was reported is recorded, reported by D.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook

from app.dto import IndicatorRow
from app.export.queries import ValueRow
from app.export.sheet import Column, ExportMeta, Kind, SheetWriter, fmt_date
from app.services.indicators import as_number, period_end
from models.periods import PeriodError, parse_period, period_label

SUMMARY_COLUMNS = (
    Column("STT", 5, Kind.INT, center=True),
    Column("Văn bản", 12),
    Column("Nhóm", 6, center=True),
    Column("Chỉ tiêu", 40),
    Column("Đơn vị tính", 9, center=True),
    Column("Hiện trạng (ban đầu)", 10, Kind.NUMBER),
    Column("Mục tiêu", 10, Kind.NUMBER),
    Column("Kỳ gần nhất", 11, center=True),
    Column("Giá trị gần nhất", 10, Kind.NUMBER),
    Column("% mục tiêu", 9, Kind.PERCENT),
    Column("Chủ trì theo dõi", 16),
    Column("Phối hợp", 18),
)

HISTORY_COLUMNS = (
    Column("STT", 5, Kind.INT, center=True),
    Column("Văn bản", 12),
    Column("Chỉ tiêu", 50),
    Column("Đơn vị tính", 10, center=True),
    Column("Kỳ", 13, center=True),
    Column("Giá trị", 12, Kind.NUMBER),
    Column("Ngày báo cáo", 12, Kind.DATE),
    Column("% mục tiêu", 10, Kind.PERCENT),
    Column("Ghi chú", 30),
)


def period_text(period: str) -> str:
    """The period as people write it ("Quý 2/2026"), the same words as the window's."""
    return period_label(period)


def period_start(period: str) -> date:
    """First day of a stored period; an unreadable code counts as begun (it is shown as is)."""
    try:
        p = parse_period(period)
    except PeriodError:
        return date.min
    return date(p.year, p.first_month, 1)


def known_on(value: ValueRow, as_of: date) -> bool:
    if value.reported_on is not None and value.reported_on > as_of:
        return False
    return period_start(value.period) <= as_of


def number_or_text(text: str) -> float | str | None:
    """A baseline or target as a number when it is plainly one ("52,4" → 52.4), else as written
    ("Tốp 15", "80%", and "1.250", whose dot may be a thousands separator)."""
    if not text:
        return None
    value = as_number(text)
    if value is None or f"{value:g}".replace(".", ",") != text.strip():
        return text
    return int(value) if value.is_integer() else value


def percent_of_target(value: float | None, target: str) -> float | None:
    """The latest value as a fraction of a numeric target (None when either is missing)."""
    goal = as_number(target)
    if value is None or not goal:
        return None
    return value / goal


def write_indicators(
    wb: Workbook, indicators: Sequence[IndicatorRow], values: Sequence[ValueRow], meta: ExportMeta
) -> tuple[SheetWriter, SheetWriter]:
    kept: dict[int, list[ValueRow]] = defaultdict(list)
    for v in values:
        if known_on(v, meta.as_of):
            kept[v.indicator_id].append(v)
    for series in kept.values():
        series.sort(key=lambda v: period_end(v.period))
    taken: set[str] = set()
    subtitle = [f"Tính đến ngày {fmt_date(meta.as_of)} · {len(indicators)} chỉ tiêu"]
    summary = SheetWriter(
        wb, "Chỉ tiêu", "TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU", subtitle, SUMMARY_COLUMNS, meta, taken=taken
    )
    for n, ind in enumerate(indicators, start=1):
        series = kept.get(ind.id, [])
        latest = series[-1] if series else None
        summary.row(
            [
                n,
                ind.directive_number,
                ind.group_code,
                ind.name,
                ind.unit,
                number_or_text(ind.baseline),
                number_or_text(ind.target),
                period_text(latest.period) if latest else None,
                latest.value if latest else None,
                percent_of_target(latest.value if latest else None, ind.target),
                ind.lead,
                ind.cooperating,
            ]
        )
    summary.finish(
        [
            "Giá trị gần nhất: số liệu của kỳ muộn nhất đã có đến ngày tính; "
            "% mục tiêu = giá trị gần nhất ÷ mục tiêu (khi mục tiêu là một số).",
            "Toàn bộ số liệu đã nhập theo từng kỳ: xem trang «Lịch sử số liệu».",
        ]
    )
    history = SheetWriter(
        wb,
        "Lịch sử số liệu",
        "SỐ LIỆU CÁC CHỈ TIÊU THEO KỲ",
        [f"Tính đến ngày {fmt_date(meta.as_of)}"],
        HISTORY_COLUMNS,
        meta,
        taken=taken,
    )
    for n, ind in enumerate(indicators, start=1):
        for v in kept.get(ind.id, []):
            row: list[Any] = [
                n,
                ind.directive_number,
                ind.name,
                ind.unit,
                period_text(v.period),
                v.value,
                v.reported_on,
                percent_of_target(v.value, ind.target),
                v.note,
            ]
            history.row(row)
    history.finish(["STT: số thứ tự của chỉ tiêu ở trang «Chỉ tiêu»."])
    return summary, history
