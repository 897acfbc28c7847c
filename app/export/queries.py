"""What the exports read beyond the task list's rows: latest reports, appendix columns, values.

Each is one statement over the tasks the filter selects (the filter's own SQL as a subquery),
so an export of 20,000 tasks reads 20,000 rows, not 20,000 queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.dto import TaskFilter
from app.services.task_query import filtered_tasks
from models.entities import Agency, AgencyGroup, Assignment, Directive, IndicatorValue, Report, Task
from models.parties import Role
from models.status import Status


@dataclass(frozen=True)
class LatestReport:
    """The last report received on or before the as-of date for a task (or for one agency's part)."""

    agency: str
    received_on: date
    text: str
    percent: int | None
    done: bool
    doc_number: str
    doc_date: date | None

    def summary(self) -> str:
        """One cell's worth: «Sở KH&CN, 12/05/2026 (Số 12/BC, 80%): Đã triển khai…»."""
        facts = [x for x in (f"Số {self.doc_number}" if self.doc_number else "", self._progress()) if x]
        head = f"{self.agency}, {self.received_on.strftime('%d/%m/%Y')}"
        if facts:
            head += f" ({', '.join(facts)})"
        return f"{head}: {self.text}" if self.text else head

    def _progress(self) -> str:
        if self.done:
            return "đã hoàn thành"
        return f"{self.percent}%" if self.percent is not None else ""


@dataclass(frozen=True)
class AppendixColumns:
    """The appendix's columns the task list does not carry."""

    group_title: str
    product: str
    note: str


@dataclass(frozen=True)
class DirectiveInfo:
    id: int
    number: str
    kind: str
    subject: str
    issued_on: date | None


def task_ids(flt: TaskFilter, as_of: date, soon_days: int) -> Select[Any]:
    """The filter's task ids, as a subquery for IN."""
    return filtered_tasks(flt, as_of, soon_days).order_by(None)


def latest_reports(
    s: Session, flt: TaskFilter, as_of: date, soon_days: int, agency_id: int | None = None
) -> dict[int, LatestReport]:
    """Task id → its latest report up to ``as_of`` (of ``agency_id`` alone when given)."""
    name = func.coalesce(Agency.name, AgencyGroup.name, "")
    rank = (
        func.row_number()
        .over(partition_by=Assignment.task_id, order_by=(Report.received_on.desc(), Report.id.desc()))
        .label("rank")
    )
    where = [Assignment.task_id.in_(task_ids(flt, as_of, soon_days)), Report.received_on <= as_of]
    if agency_id is not None:
        where.append(Assignment.agency_id == agency_id)
    ranked = (
        select(
            Assignment.task_id,
            name.label("agency"),
            Report.received_on,
            Report.text,
            Report.percent,
            Report.done,
            Report.doc_number,
            Report.doc_date,
            rank,
        )
        .join(Assignment, Report.assignment_id == Assignment.id)
        .outerjoin(Agency, Assignment.agency_id == Agency.id)
        .outerjoin(AgencyGroup, Assignment.group_id == AgencyGroup.id)
        .where(*where)
        .subquery()
    )
    stmt = select(ranked).where(ranked.c.rank == 1)
    out: dict[int, LatestReport] = {}
    for r in s.execute(stmt):
        out[r.task_id] = LatestReport(
            agency=r.agency,
            received_on=r.received_on,
            text=" ".join((r.text or "").split()),
            percent=r.percent,
            done=bool(r.done),
            doc_number=r.doc_number or "",
            doc_date=r.doc_date,
        )
    return out


def appendix_columns(s: Session, flt: TaskFilter, as_of: date, soon_days: int) -> dict[int, AppendixColumns]:
    stmt = select(Task.id, Task.group_title, Task.product, Task.note).where(
        Task.id.in_(task_ids(flt, as_of, soon_days))
    )
    rows = s.execute(stmt)
    return {r.id: AppendixColumns(r.group_title or "", r.product or "", r.note or "") for r in rows}


def directives(s: Session) -> dict[int, DirectiveInfo]:
    stmt = select(Directive.id, Directive.number, Directive.kind, Directive.subject, Directive.issued_on)
    rows = s.execute(stmt)
    return {r.id: DirectiveInfo(r.id, r.number, r.kind, r.subject or "", r.issued_on) for r in rows}


@dataclass(frozen=True)
class ValueRow:
    indicator_id: int
    period: str
    value: float
    reported_on: date | None
    note: str


def indicator_values(s: Session) -> list[ValueRow]:
    stmt = select(
        IndicatorValue.indicator_id,
        IndicatorValue.period,
        IndicatorValue.value,
        IndicatorValue.reported_on,
        IndicatorValue.note,
    )
    return [ValueRow(r[0], r[1], r[2], r[3], r[4] or "") for r in s.execute(stmt)]


def describe_filter(s: Session, flt: TaskFilter) -> str:
    """The filter in words for the sheet's subtitle ("" for every task)."""
    parts: list[str] = []
    if flt.directive_id is not None:
        number = s.scalar(select(Directive.number).where(Directive.id == flt.directive_id))
        parts.append(f"văn bản {number or '?'}")
    if flt.agency_id is not None:
        name = s.scalar(select(Agency.name).where(Agency.id == flt.agency_id))
        roles = {Role.LEAD: " (chủ trì)", Role.COOPERATING: " (phối hợp)"}
        role = roles.get(flt.agency_role, "") if flt.agency_role is not None else ""
        parts.append(f"cơ quan {name or '?'}{role}")
    if flt.statuses:
        parts.append("trạng thái " + ", ".join(_status_text(x) for x in flt.statuses))
    if flt.due_from or flt.due_to:
        since = flt.due_from.strftime("%d/%m/%Y") if flt.due_from else "…"
        until = flt.due_to.strftime("%d/%m/%Y") if flt.due_to else "…"
        parts.append(f"hạn từ {since} đến {until}")
    if flt.search.strip():
        parts.append(f"tìm «{flt.search.strip()}»")
    return "; ".join(parts)


def _status_text(status: Status) -> str:
    return f"«{status.value}»"
