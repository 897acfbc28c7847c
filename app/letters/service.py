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

__all__ = ["LetterFormat", "LetterResult", "LetterRow", "LetterService", "RemindBatch"]


class RemindBatch(list[LetterResult]):
    """The letters of ``remind --all``, and the overdue tasks none of them lists (each as
    "task — party"), so a batch never leaves work out without saying so."""

    uncovered: tuple[str, ...] = ()


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

    def _remind_content(
        self, s: Session, agency_id: int, as_of: date, group_id: int | None = None
    ) -> C.RemindContent:
        from dataclasses import replace

        soon = self.ctx.soon_days(s)
        if group_id is not None:
            data = C.group_remind_content(s, group_id, as_of, soon)
        else:
            data = C.remind_content(s, agency_id, as_of, soon)
        ids = [x.task_id for x in data.overdue]
        if group_id is not None:
            earlier = register.previous_reminders(s, None, ids, as_of, data.agency_name)
        else:
            earlier = register.previous_reminders(s, agency_id, ids, as_of)
        return replace(data, previous=earlier)

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

    def _issue(self, s: Session, draft: Draft, out: Path, replace: bool = False) -> LetterResult:
        """Number, record and print to a temporary file; the caller commits, then ``_publish``."""
        from app.letters.issue import issue

        return issue(s, draft, out, self.template_path(draft.kind, draft.format), replace)

    def _publish(self, result: LetterResult) -> LetterResult:
        """After the commit: the printed file takes its name (``app.letters.pending``)."""
        from app.letters.issue import publish

        return publish(self.db, result)

    def _letter_date(self, out: Path, replace: bool, asked: date | None) -> date:
        """The date of a new letter, or of the registered letter ``replace`` prints again."""
        if replace:
            with self.db.reading() as s:
                old = register.letter_at(s, out.absolute())
            if old is not None:
                if asked is not None and asked != old.issued_on:
                    raise UserError(
                        f"Tệp «{out}» là văn bản số {old.full_number} ngày {old.issued_on:%d/%m/%Y}; "
                        "lập lại văn bản giữ số và ngày đó (bỏ --as-of hoặc ghi đúng ngày)."
                    )
                return old.issued_on
        return asked or self.ctx.today()

    def reprint(self, letter_id: int) -> OpResult[LetterResult]:
        """Print a registered letter again to its own file, under its own number and date, from
        today's data (a lost or damaged file; a correction before it is sent)."""
        from app.letters.report import checked_period
        from models.entities import Task
        from models.letters import OutgoingLetter

        with self.db.reading() as s:
            letter = s.get(OutgoingLetter, letter_id)
            if letter is None:
                raise NotFound(f"Không tìm thấy văn bản (mã {letter_id}) trong Sổ văn bản đi.")
            kind, fmt, day = LetterKind(letter.kind), LetterFormat(letter.format), letter.issued_on
            out, subject, recipient = Path(letter.file_name), letter.subject, letter.recipient
            agencies = [x.agency_id for x in letter.subjects if x.task_id is None and x.agency_id]
            tasks = [x.task_id for x in letter.subjects if x.task_id is not None]
            directive_id = None
            if tasks:
                first = s.get(Task, tasks[0])
                directive_id = first.directive_id if first is not None else None
            group_id = None
            if kind is LetterKind.REMIND and not agencies:
                from sqlalchemy import select

                from models.entities import AgencyGroup

                group_id = s.scalar(select(AgencyGroup.id).where(AgencyGroup.name == recipient))
        if not out.parent.is_dir():
            raise UserError(f"Thư mục «{out.parent}» của văn bản số {letter.full_number} không còn.")
        if kind is LetterKind.REMIND:
            if not agencies and group_id is None:
                raise UserError(f"Không còn biết văn bản số {letter.full_number} gửi cơ quan nào.")
            with self.db.transaction() as s:
                agency = agencies[0] if agencies else 0
                result = self._remind_one(s, agency, day, fmt, out, replace=True, group_id=group_id)
            return OpResult(self._publish(result), changes_of(s))
        if kind is LetterKind.ASSIGN:
            if directive_id is None:
                raise UserError(f"Không còn biết văn bản số {letter.full_number} triển khai văn bản nào.")
            return self.assign(directive_id, out, fmt, day, replace=True)
        if kind is LetterKind.RESPONSE:
            # the program's drafts of sections I–IV print again (the officer's edits are not stored)
            if directive_id is None:
                raise UserError(f"Không còn biết văn bản số {letter.full_number} báo cáo văn bản nào.")
            return self.response(directive_id, out, fmt, day, replace=True)
        period = subject.rsplit("nhiệm vụ ", 1)[-1]
        try:
            checked_period(period, day)
        except UserError:
            raise UserError(f"Không đọc được kỳ báo cáo của văn bản số {letter.full_number}.") from None
        return self.report(period, out, fmt, day, replace=True)

    def export_register(self, out: Path) -> Path:
        """The register (Sổ văn bản đi) as an Excel workbook, written whole or not at all."""
        from openpyxl import Workbook

        from app.export.output import check_target, save_atomically
        from models.letters import LETTER_KIND_LABELS

        check_target(out)
        rows = self.list_letters(limit=10**6)
        wb = Workbook()
        ws = wb.active
        ws.title = "Sổ văn bản đi"
        ws.append(["Số, ký hiệu", "Ngày", "Loại", "Thể thức", "Kính gửi", "Trích yếu", "Tệp"])
        for r in rows:
            ws.append(
                [
                    r.number,
                    r.issued_on.strftime("%d/%m/%Y"),
                    LETTER_KIND_LABELS[r.kind],
                    "Đảng" if r.format is LetterFormat.PARTY else "Nhà nước",
                    r.recipient,
                    r.subject,
                    r.file_name,
                ]
            )
        for col, width in zip("ABCDEFG", (18, 12, 20, 10, 40, 50, 50), strict=True):
            ws.column_dimensions[col].width = width
        ws.freeze_panes = "A2"
        save_atomically(wb, out)
        return out

    def templates_folder(self) -> Path:
        """``<data folder>/mau-van-ban``: an edited template put here replaces the shipped one of
        the same name. ``mau-goc/`` inside holds fresh copies of the shipped templates to start
        from (not used until copied up)."""
        import shutil

        from app.letters.issue import OVERRIDE_DIR, TEMPLATES
        from app.letters.render import templates_dir

        folder = Path(self.db.path).parent / OVERRIDE_DIR
        originals = folder / "mau-goc"
        try:
            originals.mkdir(parents=True, exist_ok=True)
            for name in TEMPLATES.values():
                shutil.copyfile(templates_dir() / name, originals / name)
        except OSError as exc:
            raise UserError(
                f"Không tạo được thư mục mẫu văn bản «{folder}»: {exc.strerror or exc}."
            ) from None
        return folder

    def reconcile(self) -> list[str]:
        """Finish letters a killed program left registered but not yet renamed (see ``pending``)."""
        from app.letters.pending import reconcile

        with self.db.transaction() as s:
            return reconcile(s)

    # -- reminders ---------------------------------------------------------------------------------
    def remind(
        self,
        agency_id: int,
        as_of: date | None = None,
        fmt: LetterFormat = LetterFormat.STATE,
        out: Path | None = None,
        replace: bool = False,
    ) -> OpResult[LetterResult]:
        """A reminder to one agency listing every task overdue on ``as_of`` (lead or cooperating),
        dated ``as_of`` (default: today). ``replace`` prints the letter registered under ``out``
        again, under its own number and date."""
        from app.letters.issue import check_out_path

        if out is None:
            raise UserError("Hãy chọn nơi lưu tệp công văn (.docx).")
        check_out_path(out, replace)
        fmt = LetterFormat(fmt)
        as_of = self._letter_date(out, replace, as_of)
        with self.db.transaction() as s:
            result = self._remind_one(s, agency_id, as_of, fmt, out, replace)
        return OpResult(self._publish(result), changes_of(s))

    def _remind_one(
        self,
        s: Session,
        agency_id: int,
        as_of: date,
        fmt: LetterFormat,
        out: Path,
        replace: bool = False,
        group_id: int | None = None,
    ) -> LetterResult:
        from app.letters import remind

        data = self._remind_content(s, agency_id, as_of, group_id)
        return self._issue(s, remind.draft(data, fmt), out, replace)

    def remind_all(
        self,
        as_of: date | None = None,
        fmt: LetterFormat = LetterFormat.STATE,
        out_dir: Path | None = None,
    ) -> Generator[tuple[int, int], None, OpResult[RemindBatch]]:
        """One reminder per agency with overdue work, and one per group a directive named as
        such ("Kính gửi: Các sở, ban, ngành"), each its own transaction.

        Yields ``(done, total)``; returns ``OpResult(letters, changes)`` where ``changes`` is
        the union of every letter's changes and ``letters.uncovered`` names any overdue task
        no letter of the batch lists. If one letter fails, the ones already written stay
        registered and the error names the agency that failed. File names are unique: a
        name already in the folder or in this batch gets ``-2``, ``-3``…
        """
        from app.letters import remind
        from app.letters.issue import check_out_path

        if out_dir is None:
            raise UserError("Hãy chọn thư mục lưu các công văn.")
        check_out_path(out_dir / ".kiem-tra-thu-muc.docx")
        fmt = LetterFormat(fmt)
        as_of = as_of or self.ctx.today()
        with self.db.reading() as s:
            soon = self.ctx.soon_days(s)
            targets: list[tuple[int, int | None, str]] = [
                (a, None, name) for a, name in C.agencies_with_overdue(s, as_of, soon)
            ]
            targets += [(0, g, name) for g, name in C.groups_with_overdue(s, as_of, soon)]
            expected = C.overdue_parties(s, as_of, soon)
        results = RemindBatch()
        covered: set[tuple[int, int | None, int | None]] = set()
        changes: Changes = NO_CHANGES
        taken: set[str] = set()
        yield 0, len(targets)
        for done, (agency_id, group_id, name) in enumerate(targets, 1):
            out = out_dir / remind.file_name(name, as_of, taken, out_dir)
            with self.db.transaction() as s:
                result = self._remind_one(s, agency_id, as_of, fmt, out, group_id=group_id)
                listed = register.tasks_of(s, result.letter_id)
            results.append(self._publish(result))
            covered |= {(t, agency_id if group_id is None else None, group_id) for t in listed}
            changes = changes | changes_of(s)
            yield done, len(targets)
        results.uncovered = tuple(text for key, text in expected.items() if key not in covered)
        return OpResult(results, changes)

    # -- assignment letters ---------------------------------------------------------------------------
    def assign(
        self,
        directive_id: int,
        out: Path,
        fmt: LetterFormat | None = None,
        issued_on: date | None = None,
        replace: bool = False,
    ) -> OpResult[LetterResult]:
        """The công văn sending a directive's tasks to the agencies, tasks as a landscape appendix.

        Without ``fmt`` the format follows the directive's own symbol (``app.letters.assign``).
        """
        from app.letters import assign
        from app.letters.issue import check_out_path

        check_out_path(out, replace)
        issued_on = self._letter_date(out, replace, issued_on)
        chosen = LetterFormat(fmt) if fmt else None
        with self.db.transaction() as s:
            d = _directive(s, directive_id)
            data = C.assign_content(s, d, issued_on, self.ctx.soon_days(s))
            result = self._issue(s, assign.draft(d, data, chosen, issued_on), out, replace)
        return OpResult(self._publish(result), changes_of(s))

    # -- periodic report ----------------------------------------------------------------------------------
    def report(
        self,
        period: str,
        out: Path,
        fmt: LetterFormat = LetterFormat.STATE,
        issued_on: date | None = None,
        replace: bool = False,
        sections: Sections | None = None,
    ) -> OpResult[LetterResult]:
        """The report for a month, quarter or year (``2026-06``, ``2026-Q2``, ``2026``).

        ``sections`` are the officer's edited drafts of I–IV; without them the program's drafts."""
        from app.letters import report
        from app.letters.issue import check_out_path
        from app.letters.period_flows import period_flows
        from app.letters.report_counts import report_content

        check_out_path(out, replace)
        issued_on = self._letter_date(out, replace, issued_on)
        p = report.checked_period(period, issued_on)
        fmt = LetterFormat(fmt)
        with self.db.transaction() as s:
            data = report_content(s, p, self.ctx.soon_days(s))
            flows = period_flows(s, p)
            issuer = issuers.load_issuer(s, fmt)
            draft = report.draft(data, fmt, issued_on, flows, issuer, sections)
            result = self._issue(s, draft, out, replace)
        return OpResult(self._publish(result), changes_of(s))

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
        replace: bool = False,
    ) -> OpResult[LetterResult]:
        """The BÁO CÁO answering a directive, dated and counted on ``as_of`` (default: today).

        ``sections`` are the officer's edited drafts; without them the program's drafts print.
        Without ``fmt`` the report takes the directive's own format (its issuer's). ``replace``
        prints the report registered under ``out`` again, under its own number and date; like
        every letter it is numbered, printed to a hidden file, committed, then renamed
        (``app.letters.issue``), and a date before the last issued number is refused.
        """
        from app.letters import response
        from app.letters.issue import check_out_path
        from app.letters.narrative import draft_response
        from app.letters.response import response_content

        check_out_path(out, replace)
        as_of = self._letter_date(out, replace, as_of)
        with self.db.transaction() as s:
            d = _directive(s, directive_id)
            chosen = LetterFormat(fmt) if fmt else None
            party = chosen is LetterFormat.PARTY if chosen else C.is_party_number(d.number)
            issuer = issuers.load_issuer(s, LetterFormat.PARTY if party else LetterFormat.STATE)
            data = response_content(s, d, as_of, self.ctx.soon_days(s), issuer.short_name)
            text = sections or draft_response(data)
            draft = response.draft(data, text, chosen, as_of, issuer.short_name)
            result = self._issue(s, draft, out, replace)
        return OpResult(self._publish(result), changes_of(s))
