"""`export tasks`: any filtered task list, as the task page or `python -m app tasks` lists it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook

from app.dto import TaskRow
from app.export.queries import LatestReport
from app.export.sheet import Column, ExportMeta, Kind, SheetWriter, fmt_date
from models.status import Status

COLUMNS = (
    Column("STT", 5, Kind.INT, center=True),
    Column("Văn bản", 12),
    Column("Nội dung nhiệm vụ", 40),
    Column("Chủ trì", 15),
    Column("Phối hợp", 18),
    Column("Thời hạn", 13),
    Column("Hạn", 10.5, Kind.DATE),
    Column("Trạng thái", 11),
    Column("Quá hạn (ngày)", 7.5, Kind.INT, center=True),
    Column("Báo cáo gần nhất", 32),
)


def status_text(status: Status) -> str:
    """"quá hạn" → "Quá hạn", as a table cell starts."""
    return status.value[:1].upper() + status.value[1:]


def days_overdue(row: TaskRow, as_of: date) -> int | None:
    if row.status is Status.OVERDUE and row.next_due is not None:
        return (as_of - row.next_due).days
    return None


def _values(rows: Sequence[TaskRow], latest: dict[int, LatestReport], as_of: date) -> Iterator[list[Any]]:
    for n, r in enumerate(rows, start=1):
        report = latest.get(r.id)
        yield [
            n,
            r.directive_number,
            r.content,
            r.lead,
            r.cooperating,
            r.deadline_text,
            r.next_due,
            status_text(r.status),
            days_overdue(r, as_of),
            report.summary() if report else None,
        ]


def write_task_list(
    wb: Workbook,
    rows: Sequence[TaskRow],
    latest: dict[int, LatestReport],
    meta: ExportMeta,
    filter_text: str,
    notes: Sequence[str] = (),
) -> SheetWriter:
    subtitles = [f"Tính đến ngày {fmt_date(meta.as_of)} · {len(rows)} nhiệm vụ"]
    if filter_text:
        subtitles.append(f"Điều kiện lọc: {filter_text}")
    sheet = SheetWriter(wb, "Nhiệm vụ", "DANH SÁCH NHIỆM VỤ", subtitles, COLUMNS, meta, freeze_cols=0)
    sheet.rows(_values(rows, latest, meta.as_of))
    sheet.finish(
        [
            "Hạn: hạn chưa hoàn thành gần nhất; Quá hạn (ngày): số ngày từ hạn đó đến ngày tính.",
            "Báo cáo gần nhất: báo cáo nhận muộn nhất đến ngày tính "
            "(cơ quan, ngày nhận, số văn bản, tiến độ).",
            *notes,
        ]
    )
    return sheet
