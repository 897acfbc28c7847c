"""The grid of periodic reports: for each recurring task and each of its agencies, every period
of a chosen span received on time, late, missing, not yet due or not owed.

Three statements per grid, never one per cell: the (task, agency) pairs in scope, their covered
occurrences inside the span (occurrence_cover, the cache models.status.coverage fills), and the
reports that may lie behind those cells. The calendar (which due dates fall in which column) is
computed once per distinct deadline and anchor, as FollowupService does for the update rate,
so the grid's counts and the scoreboard's update rate agree (models.report_grid).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import String, Text, and_, case, cast, or_, select

from app.report_grid_dto import GridCell, GridRow, ReportGrid, SlotReport
from app.services.base import Service
from app.services.followup import _PERIODIC, FollowupService
from models.deadlines import Deadline, parse_deadline
from models.entities import Agency, AgencyGroup, Assignment, Directive, OccurrenceCover, Report, Task
from models.parties import Role
from models.report_grid import (
    Calendar,
    CellState,
    GridColumn,
    Slot,
    Split,
    calendar,
    column_state,
    owed_before,
    place_split,
    quick_tally,
    split,
)


class ReportGridService(Service):
    """Rows are the update rate's (app.services.followup._PERIODIC: recurring, active tasks), so the
    grid's counts and app.followup_dto.UPDATE_RATE_FORMULA agree."""

    def grid(
        self,
        as_of: date,
        columns: tuple[GridColumn, ...],
        directive_id: int | None = None,
        task_id: int | None = None,
        agency_id: int | None = None,
        group_id: int | None = None,
        include_cooperating: bool = True,
    ) -> ReportGrid:
        """Rows ordered by directive, task (as in its plan), lead before cooperating, then name."""
        FollowupService(self.ctx).check_as_of(as_of)
        if not columns:
            return ReportGrid(as_of, columns, ())
        low, high = columns[0].start, columns[-1].end
        where: list[Any] = [_PERIODIC]
        if directive_id is not None:
            where.append(Task.directive_id == directive_id)
        if task_id is not None:
            where.append(Task.id == task_id)
        if agency_id is not None:
            where.append(Assignment.agency_id == agency_id)
        if group_id is not None:
            where.append(Assignment.group_id == group_id)
        if not include_cooperating:
            where.append(Assignment.role == Role.LEAD.value)
        party = case((Agency.name.is_not(None), Agency.name), else_=AgencyGroup.name)
        rows_stmt = (
            select(
                Assignment.id,
                Assignment.task_id,
                Assignment.agency_id,
                Assignment.group_id,
                Assignment.role,
                party,
                Task.directive_id,
                Directive.number,
                Directive.issued_on,
                Task.created_at,
                Task.content,
                Task.deadline_text,
                cast(Task.deadline, Text),
            )
            .join(Task, Task.id == Assignment.task_id)
            .join(Directive, Directive.id == Task.directive_id)
            .outerjoin(Agency, Agency.id == Assignment.agency_id)
            .outerjoin(AgencyGroup, AgencyGroup.id == Assignment.group_id)
            .where(*where)
            .order_by(
                Directive.issued_on.desc(),
                Task.directive_id,
                Task.seq,
                Task.id,
                case((Assignment.role == Role.LEAD.value, 0), else_=1),
                party,
            )
        )
        in_scope = select(Assignment.id).join(Task, Task.id == Assignment.task_id).where(*where)
        with self.db.reading() as session:
            # Core rows straight from the connection: the ORM's result machinery doubled the time
            s = session.connection()
            rows = s.execute(rows_stmt).all()
            covers: dict[int, dict[date, date]] = defaultdict(dict)
            day = date.fromisoformat
            for a_id, occ, rec in s.execute(
                select(
                    OccurrenceCover.assignment_id,
                    _text(OccurrenceCover.occurrence),
                    _text(OccurrenceCover.received),
                ).where(
                    OccurrenceCover.occurrence.between(low, high),
                    OccurrenceCover.assignment_id.in_(in_scope),
                )
            ).all():
                covers[a_id][day(occ)] = day(rec)
            reports = self._reports(s, where, low, high, covers)
        lead_of: dict[int, list[int]] = defaultdict(list)
        lead = Role.LEAD.value
        roles = {r.value: r for r in Role}
        for r in rows:
            if r[4] == lead:
                lead_of[r[1]].append(r[0])
        cuts: dict[tuple[str, date | None], tuple[Calendar, Split, int]] = {}
        out: list[GridRow] = []
        for a_id, t_id, ag_id, gr_id, role, name, d_id, number, issued, created, content, text_, raw in rows:
            anchor = issued if issued is not None else (created.date() if created is not None else None)
            key = (raw or "", anchor)
            cut = cuts.get(key)
            if cut is None:
                cal = calendar(_deadline(raw, text_), anchor, low, high)
                cut = cuts[key] = (cal, split(cal, columns), owed_before(cal, as_of))
            covered = covers.get(a_id, {})
            streams = [a_id] if role == lead else [a_id, *lead_of.get(t_id, [])]
            indexes = [reports[a] for a in streams if a in reports]
            out.append(
                GridRow(
                    assignment_id=a_id,
                    task_id=t_id,
                    directive_id=d_id,
                    directive_number=number or "",
                    content=content or "",
                    deadline_text=text_ or "",
                    party=name or "",
                    agency_id=ag_id,
                    group_id=gr_id,
                    role=roles[role],
                    tally=quick_tally(cut[0], covered, as_of, cut[2]),
                    draw=partial(_draw, cut[1], covered, as_of, indexes),
                    state_of=partial(_state, cut[1], covered, as_of),
                )
            )
        return ReportGrid(as_of, columns, tuple(out))

    @staticmethod
    def _reports(
        s: Any, where: list[Any], low: date, high: date, covers: dict[int, dict[date, date]]
    ) -> dict[int, _Index]:
        """Per assignment, the reports that may lie behind a cell: those naming an occurrence
        inside the span, and the done ones without an occurrence received on a day some covered
        occurrence was received (an unnamed report covers what was earliest unmet then)."""
        days = [rec for per in covers.values() for rec in per.values()]
        named = Report.occurrence.between(low, high)
        cond: Any = named
        if days:
            cond = or_(
                named,
                and_(
                    Report.occurrence.is_(None), Report.done, Report.received_on.between(min(days), max(days))
                ),
            )
        # Reports of the leads count for cooperating rows, so take every party of the tasks in scope.
        tasks = select(Task.id).join(Assignment, Assignment.task_id == Task.id).where(*where)
        stmt = (
            select(
                Report.assignment_id,
                Report.id,
                _text(Report.occurrence),
                _text(Report.received_on),
                Report.done,
                Report.doc_number,
            )
            .join(Assignment, Assignment.id == Report.assignment_id)
            .where(Assignment.task_id.in_(tasks), cond)
            .order_by(Report.received_on, Report.id)
        )
        out: dict[int, _Index] = defaultdict(_Index)
        day = date.fromisoformat
        for a_id, r_id, occ_text, received_text, done, number in s.execute(stmt).all():
            occ = day(occ_text) if occ_text else None
            received = day(received_text)
            rep = SlotReport(r_id, number or "", received, bool(done))
            index = out[a_id]
            if occ is not None:
                index.named[occ].append(rep)
            elif done:
                index.unnamed[received].append(rep)
        return out


def _state(cut: Split, covered: dict[date, date], as_of: date, column: int) -> CellState:
    return column_state(cut[column], covered, as_of)


def _draw(cut: Split, covered: dict[date, date], as_of: date, indexes: list[_Index]) -> tuple[GridCell, ...]:
    placed, _tally = place_split(cut, covered, as_of)
    if indexes:
        return tuple(GridCell(slots, _behind(slots, indexes)) for slots in placed)
    return tuple(GridCell(slots) for slots in placed)


class _Index:
    """One assignment's reports: by the occurrence they name, and (unnamed done ones) by arrival."""

    def __init__(self) -> None:
        self.named: dict[date, list[SlotReport]] = defaultdict(list)
        self.unnamed: dict[date, list[SlotReport]] = defaultdict(list)


def _text(column: Any) -> Any:
    """A date column read as its ISO text: ``date.fromisoformat`` is several times faster than the
    dialect's result processing, and tens of thousands of dates are read per grid."""
    return cast(column, String)


def _deadline(raw: str | None, text_: str) -> Deadline:
    try:
        return Deadline.from_json(json.loads(raw or "null"))
    except (TypeError, ValueError, KeyError, AttributeError):
        return parse_deadline(text_)


def _behind(slots: tuple[Slot, ...], indexes: list[_Index]) -> tuple[SlotReport, ...]:
    """The reports of a cell: any naming one of its dates, and unnamed done ones that arrived the
    day one of its dates was covered."""
    if not slots:
        return ()
    found: dict[int, SlotReport] = {}
    for index in indexes:
        named, unnamed = index.named, index.unnamed
        for occurrence, _state, received in slots:
            if occurrence in named:
                for rep in named[occurrence]:
                    found[rep.report_id] = rep
            if received is not None and received in unnamed:
                for rep in unnamed[received]:
                    found[rep.report_id] = rep
    if len(found) < 2:
        return tuple(found.values())
    return tuple(sorted(found.values(), key=lambda r: (r.received_on, r.report_id)))
