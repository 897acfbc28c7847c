"""The exports as the window and the command line call them: read, lay out, save atomically.

Exports only read; they are not operations (nothing to broadcast). "As of D" is the same rule
as `python -m app tasks --as-of D`: the task list's statuses as they stood on day D, reports
received after D not counted (app.services.asof_rows; the scoreboard and the grid are as of D
by their own services).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from app.dto import TaskFilter, TaskRow
from app.export import queries
from app.export.indicators import write_indicators
from app.export.output import check_target, save_atomically
from app.export.report_grid import write_report_grid
from app.export.scoreboard import write_scoreboard
from app.export.sheet import ExportMeta
from app.export.status_workbook import StatusInputs, write_status_workbook
from app.export.task_list import write_task_list
from app.services.asof_rows import rows_as_of
from app.services.base import Service
from app.services.followup import FollowupService
from app.services.indicators import IndicatorService
from app.services.report_grid import ReportGridService
from models.report_grid import GridColumn
from models.vn_collation import sort_key


def current_user() -> str:
    """The operating-system user, for the footer ("" when the system cannot say)."""
    try:
        return getpass.getuser()
    except Exception:  # no USER/LOGNAME and no password entry: not worth failing an export over
        return ""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int  # tasks, indicators or agencies written
    sheets: int

    def message(self, what: str) -> str:
        return f"Đã xuất {self.rows} {what} vào tệp {self.path}"


class ExportService(Service):
    def _meta(self, as_of: date | None, exported_by: str | None) -> ExportMeta:
        return ExportMeta(as_of or self.ctx.today(), current_user() if exported_by is None else exported_by)

    def _task_rows(self, flt: TaskFilter, as_of: date) -> list[TaskRow]:
        """Statuses as of ``as_of`` (reports received after it not counted: app.services.asof_rows)."""
        return rows_as_of(self.ctx, flt, as_of)

    def tasks(
        self, flt: TaskFilter, out: Path, as_of: date | None = None, exported_by: str | None = None
    ) -> ExportResult:
        """The filtered task list (statuses and next dues are the filtered agency's, as listed)."""
        check_target(out)
        meta = self._meta(as_of, exported_by)
        rows = self._task_rows(flt, meta.as_of)
        # the statuses were filtered as of the day, the cache's may differ: read by the other filters
        every = replace(flt, statuses=())
        with self.db.reading() as s:
            soon = self.ctx.soon_days(s)
            latest = queries.latest_reports(s, every, meta.as_of, soon, flt.agency_id)
            text = queries.describe_filter(s, flt)
        wb = Workbook(write_only=True)
        write_task_list(wb, rows, latest, meta, text, ())
        save_atomically(wb, out)
        return ExportResult(out, len(rows), 1)

    def status_workbook(
        self,
        out: Path,
        as_of: date | None = None,
        exported_by: str | None = None,
        flt: TaskFilter | None = None,
    ) -> ExportResult:
        """The appendix layout, one sheet per directive, with status and latest report."""
        check_target(out)
        flt = flt or TaskFilter()
        meta = self._meta(as_of, exported_by)
        rows = self._task_rows(flt, meta.as_of)
        # the statuses were filtered as of the day, the cache's may differ: read by the other filters
        every = replace(flt, statuses=())
        with self.db.reading() as s:
            soon = self.ctx.soon_days(s)
            inputs = StatusInputs(
                rows=rows,
                appendix=queries.appendix_columns(s, every, meta.as_of, soon),
                latest=queries.latest_reports(s, every, meta.as_of, soon, flt.agency_id),
                directives=queries.directives(s),
            )
            text = queries.describe_filter(s, flt)
        wb = Workbook(write_only=True)
        sheets = write_status_workbook(wb, inputs, meta, text, ())
        save_atomically(wb, out)
        return ExportResult(out, len(rows), len(sheets))

    def indicators(
        self,
        out: Path,
        as_of: date | None = None,
        exported_by: str | None = None,
        directive_id: int | None = None,
    ) -> ExportResult:
        check_target(out)
        meta = self._meta(as_of, exported_by)
        rows = IndicatorService(self.ctx).list_indicators(directive_id)
        with self.db.reading() as s:
            values = queries.indicator_values(s)
        wb = Workbook(write_only=True)
        write_indicators(wb, rows, values, meta)
        save_atomically(wb, out)
        return ExportResult(out, len(rows), 2)

    def scoreboard(
        self, out: Path, as_of: date | None = None, exported_by: str | None = None
    ) -> ExportResult:
        """FollowupService.scoreboard on the as-of day (as of that day, reports after it not
        counted), in Vietnamese name order."""
        check_target(out)
        meta = self._meta(as_of, exported_by)
        lines = FollowupService(self.ctx).scoreboard(meta.as_of)
        lines.sort(key=lambda line: (line.group_id is not None, sort_key(line.name)))
        wb = Workbook(write_only=True)
        write_scoreboard(wb, lines, meta)
        save_atomically(wb, out)
        return ExportResult(out, len(lines), 1)

    def report_grid(
        self,
        out: Path,
        columns: tuple[GridColumn, ...],
        as_of: date | None = None,
        exported_by: str | None = None,
        directive_id: int | None = None,
        include_cooperating: bool = True,
    ) -> ExportResult:
        """ReportGridService.grid over ``columns`` (the page's range), as the page shows it."""
        check_target(out)
        meta = self._meta(as_of, exported_by)
        grid = ReportGridService(self.ctx).grid(
            meta.as_of, columns, directive_id=directive_id, include_cooperating=include_cooperating
        )
        with self.db.reading() as s:
            scope = queries.describe_filter(s, TaskFilter(directive_id=directive_id))
        wb = Workbook(write_only=True)
        write_report_grid(wb, grid, meta, scope.capitalize() if scope else "")
        save_atomically(wb, out)
        return ExportResult(out, len(grid.rows), 1)
