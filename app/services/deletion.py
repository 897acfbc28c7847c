"""Counting what a deletion cascades to, so the window can ask with the numbers.

The counts follow the ORM cascades of models.entities (directive → tasks → assignments →
reports → evidence; directive → indicators → values): each is one aggregate over indexed
foreign keys, however large the directive.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from models.entities import Assignment, Evidence, Report, Task


def reports_and_evidence(s: Session, tasks_where: ColumnElement[bool]) -> tuple[int, int]:
    """Reports and evidence files of the tasks ``tasks_where`` selects."""
    reports = (
        select(Report.id)
        .join(Assignment, Report.assignment_id == Assignment.id)
        .join(Task, Assignment.task_id == Task.id)
        .where(tasks_where)
    )
    n_reports = s.scalar(select(func.count()).select_from(reports.subquery())) or 0
    n_files = s.scalar(select(func.count()).where(Evidence.report_id.in_(reports))) or 0
    return n_reports, n_files
