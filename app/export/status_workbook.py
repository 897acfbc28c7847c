"""`export status-workbook`: the appendix a directive came with, each task's status and latest report
added, for the committee's meeting and for reporting upward.

One sheet per directive, because that is how a committee prints and sends it: each sheet is the
appendix of one plan or letter ("Kèm theo Kế hoạch số 125/KH-BCĐ"), with its own numbering and
its groups (I, II, …) as section rows, in the appendix's column order (TT, nội dung, chủ trì,
phối hợp, sản phẩm, thời gian hoàn thành) and the follow-up columns after them. A first sheet,
"Tổng hợp", counts each directive's tasks in the official classes, for the meeting's first page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook

from app.dto import TaskRow
from app.export.queries import AppendixColumns, DirectiveInfo, LatestReport
from app.export.sheet import Column, ExportMeta, Kind, Section, SheetWriter, fmt_date
from app.export.task_list import days_overdue, status_text
from models.directive_kinds import kind_label
from models.status import Status


def task_columns(meta: ExportMeta, with_notes: bool) -> tuple[Column, ...]:
    """The appendix's columns, then the follow-up; "Ghi chú" only when some task has a note
    (every column costs the printed page some scale)."""
    follow = f"Tình hình thực hiện đến {fmt_date(meta.as_of)}"
    columns = (
        Column("TT", 5, center=True),
        Column("Nội dung nhiệm vụ", 36),
        Column("Chủ trì", 14, group="Cơ quan thực hiện"),
        Column("Phối hợp", 16, group="Cơ quan thực hiện"),
        Column("Sản phẩm đầu ra", 14),
        Column("Thời gian hoàn thành", 12),
        Column("Trạng thái", 11, group=follow),
        Column("Hạn", 10.5, Kind.DATE, group=follow),
        Column("Quá hạn (ngày)", 7.5, Kind.INT, center=True, group=follow),
        Column("Nội dung", 27, group="Báo cáo gần nhất"),
        Column("Số văn bản", 10, group="Báo cáo gần nhất"),
        Column("Ngày nhận", 10.5, Kind.DATE, group="Báo cáo gần nhất"),
    )
    return (*columns, Column("Ghi chú", 12)) if with_notes else columns


# The official classes, in the order a committee reads them; paused and cancelled apart.
CLASSES: tuple[tuple[str, tuple[Status, ...]], ...] = (
    ("Hoàn thành đúng hạn", (Status.DONE_ON_TIME,)),
    ("Hoàn thành quá hạn", (Status.DONE_LATE,)),
    ("Đang thực hiện trong hạn", (Status.NOT_DUE, Status.DUE_SOON)),
    ("Quá hạn", (Status.OVERDUE,)),
    ("Thường xuyên", (Status.CONTINUOUS,)),
    ("Chưa rõ thời hạn", (Status.NO_DEADLINE,)),
    ("Tạm dừng, hủy", (Status.PAUSED, Status.CANCELLED)),
)

SUMMARY_COLUMNS = (
    Column("STT", 5, Kind.INT, center=True),
    Column("Văn bản", 14),
    Column("Trích yếu", 40),
    Column("Tổng số nhiệm vụ", 10, Kind.INT, center=True),
    *(Column(label, 11, Kind.INT, center=True, group="Trong đó") for label, _ in CLASSES),
)


@dataclass(frozen=True)
class StatusInputs:
    rows: Sequence[TaskRow]  # in list order (directive, then seq)
    appendix: dict[int, AppendixColumns]
    latest: dict[int, LatestReport]
    directives: dict[int, DirectiveInfo]


def _by_directive(rows: Sequence[TaskRow]) -> list[tuple[int, list[TaskRow]]]:
    """Each directive's rows (in list order), its groups kept together in order of first
    appearance: an appendix numbers its tasks group by group, so this is its own order, and a
    group entered out of order later still prints under one heading, not one per task."""
    by_directive: dict[int, dict[str, list[TaskRow]]] = {}
    for r in rows:
        by_directive.setdefault(r.directive_id, {}).setdefault(r.group_code, []).append(r)
    return [(d, [r for group in groups.values() for r in group]) for d, groups in by_directive.items()]


def _counts(rows: Sequence[TaskRow]) -> list[int]:
    tally = Counter(r.status for r in rows)
    return [sum(tally[s] for s in statuses) for _, statuses in CLASSES]


def _report_text(report: LatestReport) -> str:
    progress = "đã hoàn thành" if report.done else f"{report.percent}%" if report.percent is not None else ""
    head = f"{report.agency} ({progress})" if progress else report.agency
    return f"{head}: {report.text}" if report.text else head


def _task_values(
    inputs: StatusInputs, rows: Sequence[TaskRow], meta: ExportMeta, with_notes: bool
) -> Iterator[Any]:
    group = None
    for r in rows:
        extra = inputs.appendix.get(r.id, AppendixColumns("", "", ""))
        if (r.group_code, extra.group_title) != group:
            group = (r.group_code, extra.group_title)
            if r.group_code or extra.group_title:
                yield Section(r.group_code, extra.group_title)
        report = inputs.latest.get(r.id)
        values = [
            str(r.seq),
            r.content,
            r.lead,
            r.cooperating,
            extra.product,
            r.deadline_text,
            status_text(r.status),
            r.next_due,
            days_overdue(r, meta.as_of),
            _report_text(report) if report else None,
            report.doc_number if report else None,
            report.received_on if report else None,
        ]
        yield [*values, extra.note] if with_notes else values


def directive_caption(d: DirectiveInfo) -> str:
    """"(Kèm theo Kế hoạch số 125/KH-BCĐ ngày 10/3/2026 …)", as the appendix's third line says."""
    on = f" ngày {fmt_date(d.issued_on)}" if d.issued_on else ""
    return f"(Kèm theo {kind_label(d.kind)} số {d.number}{on})"


def write_status_workbook(
    wb: Workbook, inputs: StatusInputs, meta: ExportMeta, filter_text: str, notes: Sequence[str] = ()
) -> list[SheetWriter]:
    taken: set[str] = set()
    parts = _by_directive(inputs.rows)
    as_of = fmt_date(meta.as_of)
    subtitles = [f"Tính đến ngày {as_of} · {len(parts)} văn bản · {len(inputs.rows)} nhiệm vụ"]
    if filter_text:
        subtitles.append(f"Điều kiện lọc: {filter_text}")
    summary = SheetWriter(
        wb, "Tổng hợp", "TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", subtitles, SUMMARY_COLUMNS, meta, taken=taken
    )
    for n, (directive_id, rows) in enumerate(parts, start=1):
        d = inputs.directives[directive_id]
        summary.row([n, d.number, d.subject, len(rows), *_counts(rows)])
    summary.total("Tổng cộng", [len(inputs.rows), *_counts(inputs.rows)])
    summary.finish(
        [
            "Đang thực hiện trong hạn: chưa đến hạn hoặc sắp đến hạn. Quá hạn: có hạn trước ngày tính "
            "chưa có báo cáo hoàn thành.",
            "Chi tiết từng nhiệm vụ: mỗi văn bản một trang, theo bố cục phụ lục của văn bản.",
            *notes,
        ]
    )
    sheets = [summary]
    for directive_id, rows in parts:
        d = inputs.directives[directive_id]
        title = "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"
        lines = [directive_caption(d)]
        if d.subject:
            lines.insert(0, d.subject.upper() if len(d.subject) <= 160 else d.subject)
        with_notes = any(inputs.appendix[r.id].note for r in rows if r.id in inputs.appendix)
        columns = task_columns(meta, with_notes)
        sheet = SheetWriter(
            wb, d.number, title, lines, columns, meta, number_row=True, freeze_cols=2, taken=taken
        )
        sheet.rows(_task_values(inputs, rows, meta, with_notes))
        sheet.finish(
            [
                "Hạn: hạn chưa hoàn thành gần nhất; Quá hạn (ngày): số ngày từ hạn đó đến ngày tính.",
                "Báo cáo gần nhất: báo cáo nhận muộn nhất đến ngày tính, của cơ quan chủ trì hoặc phối hợp.",
                *notes,
            ]
        )
        sheets.append(sheet)
    return sheets
