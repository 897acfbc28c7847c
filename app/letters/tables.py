"""The five data tables the letters hold, laid out to the text width of the page.

Column widths are given in proportion and scaled to the width the template leaves (portrait
for a reminder and a report, the landscape appendix for an assignment letter). Rows are
plain strings; ``docx_xml.data_table`` builds the WordprocessingML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from lxml import etree

from app.letters.content import AgencyCounts, IndicatorLine, TaskLine
from app.letters.docx_xml import Column, data_table
from models.deadline_text import letter_due
from models.parties import Role
from models.periods import period_label
from models.vn_dates import short_date

# The "Vai trò" cell of a reminder: the letter's own wording, held on one line by a no-break
# space ("Phối|hợp" in a narrow column read as two words).
ROLE_WORDS: dict[Role, str] = {Role.LEAD: "Chủ\u00a0trì", Role.COOPERATING: "Phối\u00a0hợp"}

COUNT_KEYS = ("assigned", "done_on_time", "done_late", "overdue", "in_progress")


# A date column must hold "30/11/2026" at 12 pt on one line, with the cell margins: a date has
# no break opportunity, so a narrower cell breaks it mid-number ("30/11/20|26").
DATE_COLUMN_MM = 25.0


def scaled(columns: Sequence[Column], width_mm: float) -> list[Column]:
    """The columns widened or narrowed in proportion so together they fill ``width_mm``; a
    centred column (dates, numbers, names) never below ``DATE_COLUMN_MM`` when the table is
    narrowed, the text column giving way."""
    total = sum(c.width_mm for c in columns)
    out = [replace(c, width_mm=c.width_mm * width_mm / total) for c in columns]
    short = [
        i
        for i, c in enumerate(out)
        if c.align == "center" and c.width_mm < DATE_COLUMN_MM and columns[i].width_mm >= DATE_COLUMN_MM
    ]
    if short:
        need = sum(DATE_COLUMN_MM - out[i].width_mm for i in short)
        widest = max(range(len(out)), key=lambda i: out[i].width_mm)
        for i in short:
            out[i] = replace(out[i], width_mm=DATE_COLUMN_MM)
        out[widest] = replace(out[widest], width_mm=out[widest].width_mm - need)
    return out


def nobreak(text: str) -> str:
    """A directive's number in a narrow cell: its hyphens do not break ("125/KH-" | "BCĐ")."""
    return text.replace("-", "\u2011")


def due_cell(line: TaskLine) -> str:
    """The phrase as written; for a recurring duty overdue, what it has missed after it."""
    text = letter_due(line.deadline_text, line.due)
    return f"{text} ({line.missed_note})" if line.missed_note else text


def owed_cell(line: TaskLine) -> str:
    """A reminder's "Thời hạn" cell: for a task of milestones, the milestone owed in the plan's
    words (the whole progress sentence would not say which step is late); else ``due_cell``."""
    if not line.step:
        return due_cell(line)
    return f"{line.step}; {line.missed_note}" if line.missed_note else line.step


def reminder_table(
    lines: Sequence[TaskLine], width_mm: float, late: bool, role: bool = True
) -> etree._Element:
    """A reminder's overdue list (``late``) or its due-soon list, seen from the agency; without
    the "Vai trò" column when the section already says lead or cooperating."""
    columns = [
        Column("TT", 10, "center"),
        Column("Nhiệm vụ", 62),
        Column("Văn bản giao", 30, "center"),
        Column("Vai trò", 18, "center"),
        Column("Thời hạn", 27, "center"),
        Column("Số ngày quá hạn" if late else "Đến hạn ngày", 22, "center"),
    ]
    if not role:
        del columns[3]
    cols = scaled(columns, width_mm)
    rows = [
        tuple(
            cell
            for n, cell in enumerate(
                (
                    str(i),
                    line.content,
                    nobreak(line.directive_number),
                    ROLE_WORDS[line.role] if line.role is not None else "",
                    owed_cell(line),
                    str(line.days_late) if late else (short_date(line.due) if line.due else ""),
                )
            )
            if role or n != 3
        )
        for i, line in enumerate(lines, 1)
    ]
    return data_table(cols, rows)


def assign_table(lines: Sequence[TaskLine], width_mm: float) -> etree._Element:
    """The assignment letter's appendix: every task of the directive, under its group headings."""
    cols = scaled(
        [
            Column("TT", 12, "center"),
            Column("Nội dung nhiệm vụ", 92),
            Column("Cơ quan chủ trì", 36, "center"),
            Column("Cơ quan phối hợp", 40, "center"),
            Column("Thời hạn", 30, "center"),
            Column("Sản phẩm", 42),
        ],
        width_mm,
    )
    rows: list[Any] = []
    group = None
    for i, line in enumerate(lines, 1):
        if line.group_title and (line.group_code, line.group_title) != group:
            group = (line.group_code, line.group_title)
            rows.append(("group", f"{line.group_code}. {line.group_title}".lstrip(". ")))
        # the deadline as assigned: what is missed so far is a reminder's business, not this letter's
        due = letter_due(line.deadline_text, line.due)
        rows.append((str(i), line.content, line.lead, line.cooperating, due, line.product))
    return data_table(cols, rows)


def agency_table(rows: Sequence[AgencyCounts], width_mm: float) -> etree._Element:
    """The report's counts per lead agency, with a bold Tổng cộng row."""
    cols = scaled(
        [
            Column("TT", 10, "center"),
            Column("Cơ quan chủ trì", 55),
            Column("Được giao", 20, "center"),
            Column("Hoàn thành đúng hạn", 20, "center"),
            Column("Hoàn thành quá hạn", 20, "center"),
            Column("Quá hạn", 20, "center"),
            Column("Đang thực hiện", 20, "center"),
        ],
        width_mm,
    )
    body: list[Any] = [
        (
            str(i),
            r.name,
            str(r.assigned),
            str(r.done_on_time),
            str(r.done_late),
            str(r.overdue),
            str(r.in_progress),
        )
        for i, r in enumerate(rows, 1)
    ]
    body.append(("", "Tổng cộng", *(str(sum(getattr(r, k) for r in rows)) for k in COUNT_KEYS)))
    return data_table(cols, body, bold_last=True)


def overdue_table(lines: Sequence[TaskLine], width_mm: float) -> etree._Element:
    """The report's list of tasks overdue at the cut-off day."""
    cols = scaled(
        [
            Column("TT", 10, "center"),
            Column("Nhiệm vụ", 53),
            Column("Văn bản giao", 28, "center"),
            Column("Cơ quan chủ trì", 30, "center"),
            Column("Thời hạn", 25, "center"),
            Column("Số ngày quá hạn", 19, "center"),
        ],
        width_mm,
    )
    return data_table(
        cols,
        [
            (str(i), x.content, x.directive_number, x.lead, owed_cell(x), str(x.days_late))
            for i, x in enumerate(lines, 1)
        ],
    )


def indicator_table(lines: Sequence[IndicatorLine], width_mm: float) -> etree._Element:
    """The report's indicators with their latest value and the share of the target reached."""
    cols = scaled(
        [
            Column("TT", 10, "center"),
            Column("Chỉ tiêu", 51),
            Column("Đơn vị tính", 18, "center"),
            Column("Ban đầu", 19, "center"),
            Column("Mục tiêu", 19, "center"),
            Column("Kết quả mới nhất", 28, "center"),
            Column("Tỷ lệ đạt", 20, "center"),
        ],
        width_mm,
    )
    return data_table(
        cols,
        [
            (
                str(i),
                x.name,
                x.unit,
                x.baseline,
                x.target,
                f"{x.latest} ({period_label(x.latest_period)})" if x.latest else "",
                x.percent,
            )
            for i, x in enumerate(lines, 1)
        ],
    )
