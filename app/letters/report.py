"""The periodic report (báo cáo tháng, quý, năm): counts, per agency, overdue list, indicators."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.errors import UserError
from app.letters import tables
from app.letters.content import ReportContent
from app.letters.issue import Draft
from app.letters.render import TableBuilder
from models.letters import LetterKind
from models.periods import PeriodKind
from models.periods import parse_period as read_period
from models.status import Status
from models.vn_dates import LetterFormat, ReportPeriod, parse_period, short_date

DOC_KIND = "BC"

STATUS_ORDER = (
    Status.DONE_ON_TIME,
    Status.DONE_LATE,
    Status.OVERDUE,
    Status.DUE_SOON,
    Status.NOT_DUE,
    Status.CONTINUOUS,
    Status.NO_DEADLINE,
    Status.PAUSED,
    Status.CANCELLED,
)


def checked_period(text: str, today: date) -> ReportPeriod:
    """The period; one still running is counted up to ``today``, not to its future cutoff."""
    try:
        typed = read_period(text)  # "Quý 3/2026", "T8/2026", "2026-Q3"…
        if typed.kind is PeriodKind.HALF:
            raise UserError(f"Chưa lập được báo cáo {typed.label}; hãy chọn một tháng, một quý hoặc một năm.")
        p = parse_period(typed.code)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if p.start > today:
        raise UserError(f"Kỳ báo cáo {p.label} chưa bắt đầu (bắt đầu từ ngày {short_date(p.start)}).")
    return replace(p, end=min(p.end, today))


def status_lines(data: ReportContent) -> list[str]:
    """``Hoàn thành đúng hạn: 12 nhiệm vụ;`` … one line per status that has any, the last with a dot."""
    lines = [(st, data.counts.get(st.value, 0)) for st in STATUS_ORDER if data.counts.get(st.value, 0)]
    return [
        f"{st.value[:1].upper()}{st.value[1:]}: {n} nhiệm vụ" + (";" if i < len(lines) - 1 else ".")
        for i, (st, n) in enumerate(lines)
    ]


def draft(data: ReportContent, fmt: LetterFormat, issued_on: date) -> Draft:
    p = data.period
    if not data.total:
        raise UserError(
            f"Kỳ báo cáo {p.label} chưa có nhiệm vụ nào được giao (đến ngày {short_date(p.end)}); "
            "không lập báo cáo."
        )
    context = {
        "report_subject": f"Tình hình thực hiện nhiệm vụ {p.label}",
        "period_label": p.label,
        "period_window": p.window_text,
        "total": data.total,
        "status_lines": status_lines(data),
        "overdue_count": len(data.overdue),
        "indicator_count": len(data.indicators),
    }
    table_builders: dict[str, TableBuilder] = {
        "bang_co_quan": lambda w: tables.agency_table(data.agencies, w),
        "bang_qua_han": lambda w: tables.overdue_table(data.overdue, w),
        "bang_chi_tieu": lambda w: tables.indicator_table(data.indicators, w),
    }
    return Draft(
        kind=LetterKind.REPORT,
        format=fmt,
        issued_on=issued_on,
        subject=f"Tình hình thực hiện nhiệm vụ {p.label}",
        context=context,
        tables=table_builders,
        task_count=data.total,
        doc_kind=DOC_KIND,
    )
