"""Outgoing letters: reminders, assignment letters and periodic reports, numbered from the register.

Each letter is one transaction: take the next number of its sequence, record the letter and
what it concerns, print the DOCX. If printing fails the transaction rolls back, so no number
is lost and no letter is registered without its file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import NotFound, UserError
from app.letters import content as C
from app.letters.docx_xml import Column, data_table
from app.letters.issuers import Issuer, load_issuer, save_issuer
from app.letters.layout import spec_for
from app.letters.render import TableBuilder, render_letter, templates_dir
from app.services.agencies import resolve_in
from app.services.base import Service
from app.services.directives import _find
from models.entities import Directive
from models.letters import LetterKind, LetterSubject, OutgoingLetter
from models.status import Status
from models.textfold import fold
from models.vn_dates import (
    CONG_VAN,
    LetterFormat,
    date_line,
    full_number,
    long_date,
    number_line,
    numbering_period,
    numbering_series,
    parse_period,
    short_date,
    symbol_for,
)

TEMPLATES = {
    (LetterKind.REMIND, LetterFormat.STATE): "don-doc-nha-nuoc.docx",
    (LetterKind.REMIND, LetterFormat.PARTY): "don-doc-dang.docx",
    (LetterKind.ASSIGN, LetterFormat.STATE): "trien-khai-nha-nuoc.docx",
    (LetterKind.ASSIGN, LetterFormat.PARTY): "trien-khai-dang.docx",
    (LetterKind.REPORT, LetterFormat.STATE): "bao-cao-nha-nuoc.docx",
    (LetterKind.REPORT, LetterFormat.PARTY): "bao-cao-dang.docx",
}

REPORT_STATUS_ORDER = (
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


@dataclass(frozen=True)
class LetterResult:
    letter_id: int
    kind: str
    format: str
    number: str  # "05/BCĐ-SKHCN" or "15-CV/BCĐ"
    number_line: str  # "Số: 05/BCĐ-SKHCN"
    issued_on: date
    subject: str
    path: Path
    task_count: int


@dataclass(frozen=True)
class LetterRow:
    id: int
    kind: str
    format: str
    number: str
    issued_on: date
    subject: str
    file_name: str


def parse_format(value: str | LetterFormat | None) -> LetterFormat:
    try:
        return LetterFormat(value or LetterFormat.STATE.value)
    except ValueError:
        raise UserError(
            f"Thể thức «{value}» không hợp lệ; chọn «state» (nhà nước) hoặc «party» (Đảng)."
        ) from None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60] or "co-quan"


def _scaled(columns: Sequence[Column], width_mm: float) -> list[Column]:
    total = sum(c.width_mm for c in columns)
    return [replace(c, width_mm=c.width_mm * width_mm / total) for c in columns]


OVERRIDE_DIR = "mau-van-ban"  # beside the database: officer-edited copies of the templates


def check_out_path(out: Path) -> Path:
    """Refuse, before any number is taken, a file the letter could not be written to."""
    if out.suffix.lower() != ".docx":
        raise UserError(f"Tệp kết quả «{out}» phải có đuôi .docx.")
    folder = out.parent
    if not folder.is_dir():
        raise UserError(f"Thư mục «{folder}» không tồn tại; hãy chọn một thư mục có sẵn để lưu văn bản.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"Không có quyền ghi vào thư mục «{folder}»; hãy chọn thư mục khác.")
    if out.exists() and (out.is_dir() or not os.access(out, os.W_OK)):
        raise UserError(f"Không ghi đè được «{out}» (tệp đang mở hoặc chỉ đọc); hãy chọn tên khác.")
    return out


def _due_text(line: C.TaskLine) -> str:
    return line.deadline_text or (short_date(line.due) if line.due else "")


class LetterService(Service):
    # -- issuing bodies ------------------------------------------------------------------------
    def issuer(self, fmt: LetterFormat | str) -> Issuer:
        with self.db.reading() as s:
            return load_issuer(s, LetterFormat(fmt))

    def save_issuer(self, issuer: Issuer) -> Issuer:
        with self.db.transaction() as s:
            return save_issuer(s, issuer)

    def template_path(self, kind: str, fmt: LetterFormat) -> Path:
        """The officer's edited copy in ``<data folder>/mau-van-ban/`` if present, else the shipped one."""
        name = TEMPLATES[(kind, fmt)]
        custom = Path(self.db.path).parent / OVERRIDE_DIR / name
        return custom if custom.is_file() else templates_dir() / name

    # -- previews (also what the printer lists) ------------------------------------------------
    def _agency_id(self, s: Session, agency_name: str) -> int:
        ref = resolve_in(s, agency_name)
        if ref is None:
            raise NotFound(f"Không tìm thấy cơ quan «{agency_name}» trong danh mục.")
        if ref.agency_id is None:
            raise UserError(
                f"«{agency_name}» là một nhóm cơ quan; công văn đôn đốc gửi từng cơ quan, "
                "hãy chọn một cơ quan cụ thể."
            )
        return ref.agency_id

    def preview_remind(self, agency_name: str, as_of: date | None = None) -> C.RemindContent:
        as_of = as_of or self.ctx.today()
        with self.db.reading() as s:
            agency_id = self._agency_id(s, agency_name)
            return C.remind_content(
                s, agency_id, as_of, self.ctx.soon_days(s), self._previous(s, agency_id, as_of)
            )

    def agencies_with_overdue(self, as_of: date | None = None) -> list[tuple[int, str]]:
        as_of = as_of or self.ctx.today()
        with self.db.reading() as s:
            return C.agencies_with_overdue(s, as_of, self.ctx.soon_days(s))

    def _directive(self, s: Session, number: str) -> Directive:
        found = _find(s, number)
        directive = s.get(Directive, found) if found is not None else None
        if directive is None:
            raise NotFound(f"Không tìm thấy văn bản số «{number}» trong danh sách văn bản chỉ đạo.")
        return directive

    def preview_assign(self, directive_number: str) -> C.AssignContent:
        with self.db.reading() as s:
            d = self._directive(s, directive_number)
            result = C.assign_content(s, d, self.ctx.today(), self.ctx.soon_days(s))
        if not result.tasks:
            raise UserError(f"Văn bản {directive_number} chưa có nhiệm vụ nào để triển khai.")
        return result

    def preview_report(self, period: str) -> C.ReportContent:
        p = self._period(period, self.ctx.today())
        with self.db.reading() as s:
            return C.report_content(s, p, self.ctx.soon_days(s))

    @staticmethod
    def _period(text: str, today: date) -> Any:
        """The period; one still running is counted up to ``today``, not to its future cutoff."""
        try:
            p = parse_period(text.strip())
        except ValueError as exc:
            raise UserError(str(exc)) from None
        if p.start > today:
            raise UserError(f"Kỳ báo cáo {p.label} chưa bắt đầu (bắt đầu từ ngày {short_date(p.start)}).")
        return replace(p, end=min(p.end, today))

    # -- the register -----------------------------------------------------------------------------
    def reminders_for_task(self, task_id: int) -> list[tuple[str, date]]:
        """Reminders that listed this task, oldest first: the n-th one is "đôn đốc lần n"."""
        with self.db.reading() as s:
            rows = s.execute(
                select(OutgoingLetter.full_number, OutgoingLetter.issued_on)
                .join(LetterSubject, LetterSubject.letter_id == OutgoingLetter.id)
                .where(LetterSubject.task_id == task_id, OutgoingLetter.kind == LetterKind.REMIND)
                .distinct()
                .order_by(OutgoingLetter.issued_on, OutgoingLetter.id)
            ).all()
            return [(number, issued) for number, issued in rows]

    def reminder_note(self, task_id: int) -> str:
        """``đã đôn đốc lần 2, ngày 24/11/2026`` — or "" if never reminded."""
        found = self.reminders_for_task(task_id)
        if not found:
            return ""
        number, issued = found[-1]
        return f"đã đôn đốc lần {len(found)}, ngày {short_date(issued)} (Công văn số {number})"

    def list_letters(self, limit: int = 500) -> list[LetterRow]:
        with self.db.reading() as s:
            stmt = select(OutgoingLetter).order_by(OutgoingLetter.issued_on.desc(), OutgoingLetter.id.desc())
            return [
                LetterRow(x.id, x.kind, x.format, x.full_number, x.issued_on, x.subject, x.file_name)
                for x in s.scalars(stmt.limit(limit))
            ]

    @staticmethod
    def _previous(s: Session, agency_id: int, as_of: date) -> tuple[tuple[str, date], ...]:
        """Reminders to this agency dated on or before ``as_of``: a letter cites no later one."""
        rows = s.execute(
            select(OutgoingLetter.full_number, OutgoingLetter.issued_on)
            .join(LetterSubject, LetterSubject.letter_id == OutgoingLetter.id)
            .where(
                LetterSubject.agency_id == agency_id,
                OutgoingLetter.kind == LetterKind.REMIND,
                OutgoingLetter.issued_on <= as_of,
            )
            .distinct()
            .order_by(OutgoingLetter.issued_on, OutgoingLetter.id)
        ).all()
        return tuple((n, d) for n, d in rows)

    @staticmethod
    def _next_number(s: Session, fmt: LetterFormat, period: str, series: str) -> int:
        last = s.scalar(
            select(func.max(OutgoingLetter.number)).where(
                OutgoingLetter.format == fmt.value,
                OutgoingLetter.period == period,
                OutgoingLetter.series == series,
            )
        )
        return (last or 0) + 1

    def _issue(
        self,
        s: Session,
        kind: str,
        fmt: LetterFormat,
        doc_kind: str,
        issued_on: date,
        subject: str,
        out: Path,
        subjects: Sequence[tuple[int | None, int | None]],
        context: dict[str, Any],
        tables: dict[str, TableBuilder],
        task_count: int,
    ) -> LetterResult:
        issuer = load_issuer(s, fmt)
        period = numbering_period(fmt, issued_on, issuer.term)
        series = numbering_series(fmt, doc_kind)
        number = self._next_number(s, fmt, period, series)
        symbol = symbol_for(fmt, doc_kind, issuer.symbol, issuer.unit)
        text = full_number(fmt, number, symbol)
        letter = OutgoingLetter(
            kind=kind,
            format=fmt.value,
            doc_kind=doc_kind,
            number=number,
            symbol=symbol,
            full_number=text,
            period=period,
            series=series,
            issued_on=issued_on,
            subject=subject,
            file_name=str(out),
        )
        letter.subjects = [LetterSubject(task_id=t, agency_id=a) for t, a in subjects]
        s.add(letter)
        try:
            s.flush()
        except IntegrityError:
            raise UserError(
                "Số văn bản vừa được cấp cho một văn bản khác (máy khác đang dùng sổ); hãy thử lại."
            ) from None
        values = {
            "issuer": issuer,
            "number": text,
            "number_line": number_line(fmt, number, symbol),
            "date_line": date_line(issuer.place, issued_on),
            "issued_short": short_date(issued_on),
            "subject_line": subject,
            **context,
        }
        spec = spec_for(fmt)
        try:
            render_letter(self.template_path(kind, fmt), values, tables, spec, issuer.name, out)
        except OSError as exc:
            raise UserError(f"Không ghi được tệp {out}: {exc.strerror or exc}.") from None
        return LetterResult(
            letter.id, kind, fmt.value, text, values["number_line"], issued_on, subject, out, task_count
        )

    # -- reminders ---------------------------------------------------------------------------------
    def remind(
        self,
        agency_name: str,
        as_of: date | None = None,
        fmt: LetterFormat | str = LetterFormat.STATE,
        out: Path | None = None,
    ) -> LetterResult:
        """A reminder to one agency listing every task overdue on ``as_of`` (lead or cooperating).

        The letter is dated ``as_of``. An agency with nothing overdue is refused: a reminder
        with an empty list would waste a number of the register.
        """
        if out is None:
            raise UserError("Hãy chọn nơi lưu tệp công văn (.docx).")
        check_out_path(out)
        fmt = parse_format(fmt)
        as_of = self._as_of(as_of)
        with self.db.transaction() as s:
            agency_id = self._agency_id(s, agency_name)
            return self._remind_one(s, agency_id, as_of, fmt, out)

    def _as_of(self, as_of: date | None) -> date:
        """The reminder's date and the day overdue is counted on; a later day lets the
        secretariat prepare a reminder dated ahead (e.g. for Monday's signing)."""
        return as_of or self.ctx.today()

    def _remind_one(
        self, s: Session, agency_id: int, as_of: date, fmt: LetterFormat, out: Path
    ) -> LetterResult:
        soon = self.ctx.soon_days(s)
        data = C.remind_content(s, agency_id, as_of, soon, self._previous(s, agency_id, as_of))
        if not data.overdue:
            raise UserError(
                f"{data.agency_name} không có nhiệm vụ quá hạn tại ngày {short_date(as_of)}; "
                "không lập công văn đôn đốc."
            )
        previous = ""
        if data.previous:
            number, issued = data.previous[-1]
            sep = "," if fmt is LetterFormat.PARTY else ""
            previous = (
                f" (đã được đôn đốc {len(data.previous)} lần, gần nhất tại Công văn số {number}{sep} "
                f"ngày {short_date(issued)})"
            )
        context = {
            "agency": data.agency_name,
            "recipient_lines": [f"{data.agency_name}."],
            "as_of_long": long_date(as_of),
            "overdue_count": f"{len(data.overdue):02d}",
            "soon_count": len(data.soon),
            "soon_days": data.soon_days,
            "soon_until": short_date(as_of + timedelta(days=data.soon_days)),
            "respond_by": f"ngày {short_date(data.respond_by)}",
            "previous_note": previous,
        }
        tables: dict[str, TableBuilder] = {
            "bang_qua_han": lambda w: self._task_table(data.overdue, w, late=True),
            "bang_sap_den_han": lambda w: self._task_table(data.soon, w, late=False),
        }
        subjects: list[tuple[int | None, int | None]] = [(None, agency_id)]
        subjects += [(line.task_id, agency_id) for line in data.overdue]
        return self._issue(
            s,
            LetterKind.REMIND,
            fmt,
            CONG_VAN,
            as_of,
            "V/v đôn đốc thực hiện nhiệm vụ quá hạn",
            out,
            subjects,
            context,
            tables,
            len(data.overdue),
        )

    @staticmethod
    def _task_table(lines: Sequence[C.TaskLine], width_mm: float, late: bool) -> Any:
        cols = _scaled(
            [
                Column("TT", 10, "center"),
                Column("Nhiệm vụ", 62),
                Column("Văn bản giao", 30, "center"),
                Column("Vai trò", 18, "center"),
                Column("Thời hạn", 25, "center"),
                Column("Số ngày quá hạn" if late else "Đến hạn ngày", 20, "center"),
            ],
            width_mm,
        )
        rows = [
            (
                str(i),
                line.content,
                line.directive_number,
                line.role,
                _due_text(line),
                str(line.days_late) if late else (short_date(line.due) if line.due else ""),
            )
            for i, line in enumerate(lines, 1)
        ]
        return data_table(cols, rows)

    def remind_all(
        self,
        as_of: date | None = None,
        fmt: LetterFormat | str = LetterFormat.STATE,
        out_dir: Path | None = None,
    ) -> Generator[tuple[int, int], None, list[LetterResult]]:
        """One reminder per agency with overdue work; yields (done, total), returns the letters.

        Each letter is its own transaction: if one fails, the ones already written stay
        registered and the error names the agency that failed.
        """
        if out_dir is None:
            raise UserError("Hãy chọn thư mục lưu các công văn.")
        check_out_path(out_dir / "x.docx")
        fmt = parse_format(fmt)
        as_of = self._as_of(as_of)
        targets = self.agencies_with_overdue(as_of)
        results: list[LetterResult] = []
        yield 0, len(targets)
        for done, (agency_id, name) in enumerate(targets, 1):
            out = out_dir / f"don-doc-{_slug(name)}-{as_of.isoformat()}.docx"
            with self.db.transaction() as s:
                results.append(self._remind_one(s, agency_id, as_of, fmt, out))
            yield done, len(targets)
        return results

    # -- assignment letters ---------------------------------------------------------------------------
    def assign(
        self,
        directive_number: str,
        out: Path,
        fmt: LetterFormat | str | None = None,
        issued_on: date | None = None,
    ) -> LetterResult:
        """The công văn sending a directive's tasks to the agencies, tasks as a landscape appendix.

        Without ``fmt`` the format follows the directive's own symbol: a Party directive
        (``420-CV/TU``) goes out from the Party body, any other from the state body.
        """
        check_out_path(out)
        issued_on = issued_on or self.ctx.today()
        with self.db.transaction() as s:
            d = self._directive(s, directive_number)
            data = C.assign_content(s, d, issued_on, self.ctx.soon_days(s))
            if not data.tasks:
                raise UserError(f"Văn bản {d.number} chưa có nhiệm vụ nào để triển khai.")
            chosen = (
                parse_format(fmt)
                if fmt
                else (LetterFormat.PARTY if data.party_format else LetterFormat.STATE)
            )
            end = spec_for(chosen).item_end
            ref = C.directive_ref(d, chosen is LetterFormat.PARTY)
            recipients = [f"{r}{end}" for r in data.recipients]
            recipients[-1] = recipients[-1][: -len(end)] + "."
            context = {
                "recipient_lines": recipients,
                "directive_ref": ref,
                "directive_ref_upper": ref.upper(),
                "directive_subject": data.directive_subject,
                "task_count": f"{len(data.tasks):02d}",
            }
            tables: dict[str, TableBuilder] = {"bang_nhiem_vu": lambda w: self._assign_table(data.tasks, w)}
            subjects: list[tuple[int | None, int | None]] = [(None, a) for a in data.agency_ids]
            subjects += [(line.task_id, None) for line in data.tasks]
            return self._issue(
                s,
                LetterKind.ASSIGN,
                chosen,
                CONG_VAN,
                issued_on,
                f"V/v triển khai thực hiện {ref}",
                out,
                subjects,
                context,
                tables,
                len(data.tasks),
            )

    @staticmethod
    def _assign_table(lines: Sequence[C.TaskLine], width_mm: float) -> Any:
        cols = _scaled(
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
            rows.append((str(i), line.content, line.lead, line.cooperating, _due_text(line), line.product))
        return data_table(cols, rows)

    # -- periodic report ----------------------------------------------------------------------------------
    def report(
        self,
        period: str,
        out: Path,
        fmt: LetterFormat | str = LetterFormat.STATE,
        issued_on: date | None = None,
    ) -> LetterResult:
        """The report for a month, quarter or year: counts, per agency, overdue list, indicators."""
        check_out_path(out)
        issued_on = issued_on or self.ctx.today()
        p = self._period(period, issued_on)
        chosen = parse_format(fmt)
        with self.db.transaction() as s:
            data = C.report_content(s, p, self.ctx.soon_days(s))
            if not data.total:
                raise UserError(
                    f"Kỳ báo cáo {p.label} chưa có nhiệm vụ nào được giao (đến ngày {short_date(p.end)}); "
                    "không lập báo cáo."
                )
            lines = [
                (st, data.counts.get(st.value, 0))
                for st in REPORT_STATUS_ORDER
                if data.counts.get(st.value, 0)
            ]
            status_lines = [
                f"{st.value[:1].upper()}{st.value[1:]}: {n} nhiệm vụ" + (";" if i < len(lines) - 1 else ".")
                for i, (st, n) in enumerate(lines)
            ]
            context = {
                "report_subject": f"Tình hình thực hiện nhiệm vụ {p.label}",
                "period_label": p.label,
                "period_window": p.window_text,
                "total": data.total,
                "status_lines": status_lines,
                "overdue_count": len(data.overdue),
                "indicator_count": len(data.indicators),
            }
            tables: dict[str, TableBuilder] = {
                "bang_co_quan": lambda w: self._agency_table(data.agencies, w),
                "bang_qua_han": lambda w: self._overdue_table(data.overdue, w),
                "bang_chi_tieu": lambda w: self._indicator_table(data.indicators, w),
            }
            return self._issue(
                s,
                LetterKind.REPORT,
                chosen,
                "BC",
                issued_on,
                f"Tình hình thực hiện nhiệm vụ {p.label}",
                out,
                [],
                context,
                tables,
                data.total,
            )

    @staticmethod
    def _agency_table(rows: Sequence[C.AgencyCounts], width_mm: float) -> Any:
        cols = _scaled(
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
        body.append(
            (
                "",
                "Tổng cộng",
                *(
                    str(sum(getattr(r, k) for r in rows))
                    for k in ("assigned", "done_on_time", "done_late", "overdue", "in_progress")
                ),
            )
        )
        return data_table(cols, body, bold_last=True)

    @staticmethod
    def _overdue_table(lines: Sequence[C.TaskLine], width_mm: float) -> Any:
        cols = _scaled(
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
                (str(i), x.content, x.directive_number, x.lead, _due_text(x), str(x.days_late))
                for i, x in enumerate(lines, 1)
            ],
        )

    @staticmethod
    def _indicator_table(lines: Sequence[C.IndicatorLine], width_mm: float) -> Any:
        cols = _scaled(
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
                    f"{x.latest} ({x.latest_period})" if x.latest else "",
                    x.percent,
                )
                for i, x in enumerate(lines, 1)
            ],
        )
