"""One agency at a glance: what it leads or cooperates on, its reports and evidence, the letters
sent to it, and its scoreboard line at past month ends.

Tasks, reports and letters are a handful of SQL statements over the agency's own rows (never a
query per row). The line over time is FollowupService.scoreboard at each month end, so its
numbers are the scoreboard's by construction.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import func, select

from app.agency_profile_dto import AgencyProfile, ProfileLetter, ProfileReport, ProfileTask, TimelinePoint
from app.errors import NotFound
from app.services.asof_query import classified_assignments
from app.services.base import Service
from app.services.followup import FollowupService
from models.entities import Agency, Assignment, Directive, Evidence, Report, Task
from models.letters import LetterKind, LetterSubject, OutgoingLetter
from models.official import OfficialClass
from models.parties import Role


def month_ends(as_of: date, count: int) -> list[date]:
    """The last ``count`` month ends on or before ``as_of``, oldest first (``as_of`` itself when it
    is one)."""
    first = as_of.replace(day=1)
    last = as_of if (as_of + timedelta(days=1)).day == 1 else first - timedelta(days=1)
    out = [last]
    while len(out) < count:
        out.append(out[-1].replace(day=1) - timedelta(days=1))
    return out[::-1]


class AgencyProfileService(Service):
    def profile(self, agency_id: int, as_of: date) -> AgencyProfile:
        """Tasks (with their class on ``as_of``), reports newest first, letters naming the agency."""
        followup = FollowupService(self.ctx)
        followup.check_as_of(as_of)
        ca = classified_assignments(as_of, followup._reopened(as_of))
        task_stmt = (
            select(
                ca.c.task_id,
                Directive.number,
                Task.content,
                Task.deadline_text,
                ca.c.role,
                ca.c.cls,
                ca.c.first_unmet,
            )
            .join(Task, Task.id == ca.c.task_id)
            .join(Directive, Directive.id == Task.directive_id)
            .where(ca.c.agency_id == agency_id)
            .order_by(Directive.issued_on.desc(), Task.seq, Task.id)
        )
        report_stmt = (
            select(
                Report.id,
                Assignment.task_id,
                Directive.number,
                Task.content,
                Report.received_on,
                Report.doc_number,
                Report.doc_date,
                Report.done,
                Report.percent,
                Report.text,
            )
            .join(Assignment, Assignment.id == Report.assignment_id)
            .join(Task, Task.id == Assignment.task_id)
            .join(Directive, Directive.id == Task.directive_id)
            .where(Assignment.agency_id == agency_id)
            .order_by(Report.received_on.desc(), Report.id.desc())
        )
        evidence_stmt = (
            select(Evidence.report_id, Evidence.original_name)
            .join(Report, Report.id == Evidence.report_id)
            .join(Assignment, Assignment.id == Report.assignment_id)
            .where(Assignment.agency_id == agency_id)
            .order_by(Evidence.id)
        )
        letter_stmt = (
            select(
                OutgoingLetter.id,
                OutgoingLetter.kind,
                OutgoingLetter.full_number,
                OutgoingLetter.issued_on,
                OutgoingLetter.subject,
                func.count(LetterSubject.task_id),
            )
            .join(LetterSubject, LetterSubject.letter_id == OutgoingLetter.id)
            .where(LetterSubject.agency_id == agency_id)
            .group_by(OutgoingLetter.id)
            .order_by(OutgoingLetter.issued_on.desc(), OutgoingLetter.id.desc())
        )
        with self.db.reading() as s:
            name = s.scalar(select(Agency.name).where(Agency.id == agency_id))
            if name is None:
                raise NotFound("Không tìm thấy cơ quan.")
            tasks = tuple(
                ProfileTask(
                    t_id,
                    number,
                    content,
                    deadline_text,
                    Role(role),
                    OfficialClass[cls],
                    (as_of - first_unmet).days if cls == OfficialClass.OVERDUE.name else None,
                )
                for t_id, number, content, deadline_text, role, cls, first_unmet in s.execute(task_stmt)
            )
            files: dict[int, list[str]] = defaultdict(list)
            for r_id, file_name in s.execute(evidence_stmt):
                files[r_id].append(file_name)
            reports = tuple(
                ProfileReport(
                    r_id,
                    t_id,
                    number,
                    content,
                    received,
                    doc_no,
                    doc_date,
                    done,
                    pct,
                    text,
                    tuple(files.get(r_id, ())),
                )
                for r_id, t_id, number, content, received, doc_no, doc_date, done, pct, text in s.execute(
                    report_stmt
                )
            )
            letters = tuple(
                ProfileLetter(l_id, LetterKind(kind), number, issued, subject, n)
                for l_id, kind, number, issued, subject, n in s.execute(letter_stmt)
            )
        return AgencyProfile(agency_id, name, as_of, tasks, reports, letters)

    def timeline(self, agency_id: int, as_of: date, months: int = 12) -> list[TimelinePoint]:
        """The agency's scoreboard line at the last ``months`` month ends (oldest first)."""
        followup = FollowupService(self.ctx)
        points = []
        for day in month_ends(as_of, months):
            line = next((x for x in followup.scoreboard(day) if x.agency_id == agency_id), None)
            if line is None:
                points.append(TimelinePoint(day, 0, 0, 0, 0, 0, None, None))
                continue
            lead = line.lead
            points.append(
                TimelinePoint(
                    day,
                    lead.assigned,
                    lead.counts[OfficialClass.DONE_ON_TIME],
                    lead.counts[OfficialClass.DONE_LATE],
                    lead.counts[OfficialClass.OVERDUE],
                    line.cooperating.counts[OfficialClass.OVERDUE],
                    lead.on_time_rate,
                    lead.update_rate,
                )
            )
        return points
