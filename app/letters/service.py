"""Outgoing letters: reminders, assignment letters and periodic reports, numbered from the register.

A thin facade over ``app.letters``: ``numbering`` and ``register`` (the sổ văn bản đi),
``remind``, ``assign`` and ``report`` (what each kind of letter says), ``tables`` (their
data tables) and ``issue`` (number, record and print in one transaction). Callers pass ids
and a ``LetterFormat``; names typed by a person are resolved once, by the caller.

Mutating calls return ``OpResult(value, changes)``: a letter changes ``LETTERS`` and names
the tasks it lists (a reminder makes their "đã đôn đốc lần N" change). The printing modules
(python-docx, docxtpl) are imported on the first letter printed, not when the window opens.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app.change_recorder import changes_of
from app.changes import NO_CHANGES, Changes, OpResult
from app.errors import NotFound, UserError
from app.letters import content as C
from app.letters import issuers, register
from app.letters.issuers import Issuer
from app.letters.register import LetterResult, LetterRow
from app.services.base import Service
from models.entities import Directive
from models.letters import LetterKind
from models.vn_dates import LetterFormat

if TYPE_CHECKING:
    from app.letters.issue import Draft
    from app.letters.narrative import Sections
    from app.letters.response_data import ResponseContent

__all__ = ["LetterFormat", "LetterResult", "LetterRow", "LetterService"]


def _directive(s: Session, directive_id: int) -> Directive:
    directive = s.get(Directive, directive_id)
    if directive is None:
        raise NotFound(f"Không tìm thấy văn bản chỉ đạo (mã {directive_id}).")
    return directive


class LetterService(Service):
    # -- issuing bodies ------------------------------------------------------------------------
    def issuer(self, fmt: LetterFormat) -> Issuer:
        with self.db.reading() as s:
            return issuers.load_issuer(s, LetterFormat(fmt))

    def save_issuer(self, issuer: Issuer) -> OpResult[Issuer]:
        with self.db.transaction() as s:
            saved = issuers.save_issuer(s, issuer)
        return OpResult(saved, changes_of(s))

    def save_issuers(self, bodies: Sequence[Issuer]) -> OpResult[list[Issuer]]:
        """Both bodies in one transaction: if one is refused, neither is stored."""
        with self.db.transaction() as s:
            saved = [issuers.save_issuer(s, issuer) for issuer in bodies]
        return OpResult(saved, changes_of(s))

    def template_path(self, kind: LetterKind, fmt: LetterFormat) -> Path:
        """The officer's edited copy in ``<data folder>/mau-van-ban/`` if present, else the shipped one."""
        from app.letters.issue import template_path

        return template_path(Path(self.db.path).parent, kind, fmt)

    # -- previews (also what the printer lists) ------------------------------------------------
    def preview_remind(self, agency_id: int, as_of: date | None = None) -> C.RemindContent:
        as_of = as_of or self.ctx.today()
        with self.db.reading() as s:
            return self._remind_content(s, agency_id, as_of)

    def _remind_content(self, s: Session, agency_id: int, as_of: date) -> C.RemindContent:
        previous = register.previous_reminders(s, agency_id, as_of)
        return C.remind_content(s, agency_id, as_of, self.ctx.soon_days(s), previous)

    def agencies_with_overdue(self, as_of: date | None = None) -> list[tuple[int, str]]:
        as_of = as_of or self.ctx.today()
        with self.db.reading() as s:
            return C.agencies_with_overdue(s, as_of, self.ctx.soon_days(s))

    def preview_assign(self, directive_id: int) -> C.AssignContent:
        from app.letters.assign import refuse_empty

        with self.db.reading() as s:
            d = _directive(s, directive_id)
            return refuse_empty(C.assign_content(s, d, self.ctx.today(), self.ctx.soon_days(s)))

    def preview_report(self, period: str) -> C.ReportContent:
        from app.letters.report import checked_period
        from app.letters.report_counts import report_content

        p = checked_period(period, self.ctx.today())
        with self.db.reading() as s:
            return report_content(s, p, self.ctx.soon_days(s))

    def preview_report_sections(self, period: str, fmt: LetterFormat) -> tuple[C.ReportContent, Sections]:
        """The periodic report's content and the drafts of its sections I–IV, for the officer to edit."""
        from app.letters.period_flows import period_flows
        from app.letters.report import checked_period, draft_sections
        from app.letters.report_counts import report_content

        p = checked_period(period, self.ctx.today())
        with self.db.reading() as s:
            data = report_content(s, p, self.ctx.soon_days(s))
            return data, draft_sections(data, period_flows(s, p), LetterFormat(fmt))

    # -- the register -----------------------------------------------------------------------------
    def reminders_for_task(self, task_id: int) -> list[tuple[str, date]]:
        """Reminders that listed this task, oldest first: the n-th one is "đôn đốc lần n"."""
        with self.db.reading() as s:
            return register.reminders_for_task(s, task_id)

    def reminder_note(self, task_id: int) -> str:
        """``đã đôn đốc lần 2, ngày 24/11/2026`` — or "" if never reminded."""
        return register.reminder_note(self.reminders_for_task(task_id))

    def list_letters(self, limit: int = 500) -> list[LetterRow]:
        with self.db.reading() as s:
            return register.list_letters(s, limit)

    def _issue(self, s: Session, draft: Draft, out: Path) -> LetterResult:
        from app.letters.issue import issue

        return issue(s, draft, out, self.template_path(draft.kind, draft.format))

    # -- reminders ---------------------------------------------------------------------------------
    def remind(
        self,
        agency_id: int,
        as_of: date | None = None,
        fmt: LetterFormat = LetterFormat.STATE,
        out: Path | None = None,
    ) -> OpResult[LetterResult]:
        """A reminder to one agency listing every task overdue on ``as_of`` (lead or cooperating),
        dated ``as_of`` (default: today)."""
        from app.letters.issue import check_out_path

        if out is None:
            raise UserError("Hãy chọn nơi lưu tệp công văn (.docx).")
        check_out_path(out)
        fmt = LetterFormat(fmt)
        as_of = as_of or self.ctx.today()
        with self.db.transaction() as s:
            result = self._remind_one(s, agency_id, as_of, fmt, out)
        return OpResult(result, changes_of(s))

    def _remind_one(
        self, s: Session, agency_id: int, as_of: date, fmt: LetterFormat, out: Path
    ) -> LetterResult:
        from app.letters import remind

        return self._issue(s, remind.draft(self._remind_content(s, agency_id, as_of), fmt), out)

    def remind_all(
        self,
        as_of: date | None = None,
        fmt: LetterFormat = LetterFormat.STATE,
        out_dir: Path | None = None,
    ) -> Generator[tuple[int, int], None, OpResult[list[LetterResult]]]:
        """One reminder per agency with overdue work, each its own transaction.

        Yields ``(done, total)``; returns ``OpResult(letters, changes)`` where ``changes`` is
        the union of every letter's changes. If one letter fails, the ones already written
        stay registered and the error names the agency that failed.
        """
        from app.letters import remind
        from app.letters.issue import check_out_path

        if out_dir is None:
            raise UserError("Hãy chọn thư mục lưu các công văn.")
        check_out_path(out_dir / "x.docx")
        fmt = LetterFormat(fmt)
        as_of = as_of or self.ctx.today()
        targets = self.agencies_with_overdue(as_of)
        results: list[LetterResult] = []
        changes: Changes = NO_CHANGES
        yield 0, len(targets)
        for done, (agency_id, name) in enumerate(targets, 1):
            out = out_dir / remind.file_name(name, as_of)
            with self.db.transaction() as s:
                results.append(self._remind_one(s, agency_id, as_of, fmt, out))
            changes = changes | changes_of(s)
            yield done, len(targets)
        return OpResult(results, changes)

    # -- assignment letters ---------------------------------------------------------------------------
    def assign(
        self,
        directive_id: int,
        out: Path,
        fmt: LetterFormat | None = None,
        issued_on: date | None = None,
    ) -> OpResult[LetterResult]:
        """The công văn sending a directive's tasks to the agencies, tasks as a landscape appendix.

        Without ``fmt`` the format follows the directive's own symbol (``app.letters.assign``).
        """
        from app.letters import assign
        from app.letters.issue import check_out_path

        check_out_path(out)
        issued_on = issued_on or self.ctx.today()
        chosen = LetterFormat(fmt) if fmt else None
        with self.db.transaction() as s:
            d = _directive(s, directive_id)
            data = C.assign_content(s, d, issued_on, self.ctx.soon_days(s))
            result = self._issue(s, assign.draft(d, data, chosen, issued_on), out)
        return OpResult(result, changes_of(s))

    # -- periodic report ----------------------------------------------------------------------------------
    def report(
        self,
        period: str,
        out: Path,
        fmt: LetterFormat = LetterFormat.STATE,
        issued_on: date | None = None,
        sections: Sections | None = None,
    ) -> OpResult[LetterResult]:
        """The report for a month, quarter or year (``2026-06``, ``2026-Q2``, ``2026``).

        ``sections`` are the officer's edited drafts of I–IV; without them the program's drafts."""
        from app.letters import report
        from app.letters.issue import check_out_path
        from app.letters.period_flows import period_flows
        from app.letters.report_counts import report_content

        check_out_path(out)
        issued_on = issued_on or self.ctx.today()
        p = report.checked_period(period, issued_on)
        fmt = LetterFormat(fmt)
        with self.db.transaction() as s:
            data = report_content(s, p, self.ctx.soon_days(s))
            flows = period_flows(s, p)
            issuer = issuers.load_issuer(s, fmt)
            draft = report.draft(data, fmt, issued_on, flows, issuer, sections)
            result = self._issue(s, draft, out)
        return OpResult(result, changes_of(s))

    # -- the report on one directive ----------------------------------------------------------------
    def preview_response(
        self, directive_id: int, as_of: date | None = None
    ) -> tuple[ResponseContent, Sections]:
        """What the report on a directive lists, and the drafts of its sections I–IV."""
        from app.letters.narrative import draft_response

        data = self._response_content(directive_id, as_of or self.ctx.today())
        return data, draft_response(data)

    def _response_content(self, directive_id: int, as_of: date) -> ResponseContent:
        from app.letters.response import response_content

        with self.db.reading() as s:
            d = _directive(s, directive_id)
            short = issuers.load_issuer(s, LetterFormat.STATE).short_name
            party = issuers.load_issuer(s, LetterFormat.PARTY).short_name
            own = party if C.is_party_number(d.number) else short
            return response_content(s, d, as_of, self.ctx.soon_days(s), own)

    def response(
        self,
        directive_id: int,
        out: Path,
        fmt: LetterFormat | None = None,
        as_of: date | None = None,
        sections: Sections | None = None,
    ) -> OpResult[LetterResult]:
        """The BÁO CÁO answering a directive, dated and counted on ``as_of`` (default: today).

        ``sections`` are the officer's edited drafts; without them the program's drafts print.
        Without ``fmt`` the report takes the directive's own format (its issuer's).
        """
        from app.letters import response
        from app.letters.issue import check_out_path
        from app.letters.narrative import draft_response
        from app.letters.response import response_content

        check_out_path(out)
        as_of = as_of or self.ctx.today()
        with self.db.transaction() as s:
            d = _directive(s, directive_id)
            chosen = LetterFormat(fmt) if fmt else None
            party = chosen is LetterFormat.PARTY if chosen else C.is_party_number(d.number)
            issuer = issuers.load_issuer(s, LetterFormat.PARTY if party else LetterFormat.STATE)
            data = response_content(s, d, as_of, self.ctx.soon_days(s), issuer.short_name)
            text = sections or draft_response(data)
            result = self._issue(s, response.draft(data, text, chosen, as_of, issuer.short_name), out)
        return OpResult(result, changes_of(s))
