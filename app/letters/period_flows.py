"""What happened within a report's period, counted by SQL over the window (not a snapshot).

The status counts of ``report_counts.report_content`` describe the cut-off day, so a month and the
quarter that ends with it would read alike; these counts belong to the window itself: tasks
assigned by directives issued in it, one-off tasks whose lead reported them done in it (the
first "done" report), the progress reports received in it, and those of recurring duties.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from models.deadlines import DeadlineKind
from models.entities import Assignment, Directive, Report, Task
from models.parties import Role
from models.vn_dates import ReportPeriod


@dataclass(frozen=True)
class PeriodFlows:
    assigned: int  # tasks of directives issued within the window
    done: int  # one-off tasks first reported done by their lead within the window
    reports: int  # progress reports received within the window (any role)
    recurring_reports: int  # of which reports on recurring duties
    reporting_agencies: int  # distinct assignments (agency or group) that reported


def period_flows(s: Session, period: ReportPeriod) -> PeriodFlows:
    start, end = period.start, period.end
    assigned = s.scalar(
        select(func.count(Task.id))
        .join(Directive, Directive.id == Task.directive_id)
        .where(Directive.issued_on.between(start, end))
    )
    first_done = (
        select(Assignment.task_id.label("task_id"), func.min(Report.received_on).label("at"))
        .join(Report, Report.assignment_id == Assignment.id)
        .join(Task, Task.id == Assignment.task_id)
        .where(
            Assignment.role == Role.LEAD.value,
            Report.done.is_(True),
            Task.deadline_kind != DeadlineKind.RECURRING.value,
        )
        .group_by(Assignment.task_id)
        .subquery()
    )
    done = s.scalar(select(func.count()).select_from(first_done).where(first_done.c.at.between(start, end)))
    in_window = Report.received_on.between(start, end)
    reports, recurring, reporting = s.execute(
        select(
            func.count(Report.id),
            func.count(Report.id).filter(Task.deadline_kind == DeadlineKind.RECURRING.value),
            func.count(func.distinct(Report.assignment_id)),
        )
        .join(Assignment, and_(Assignment.id == Report.assignment_id))
        .join(Task, Task.id == Assignment.task_id)
        .where(in_window)
    ).one()
    return PeriodFlows(
        assigned=int(assigned or 0),
        done=int(done or 0),
        reports=int(reports or 0),
        recurring_reports=int(recurring or 0),
        reporting_agencies=int(reporting or 0),
    )
