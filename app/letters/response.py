"""The report on one directive (báo cáo kết quả thực hiện văn bản): what was asked, what was done.

Addressed to the directive's issuer ("Kính gửi: Ban Thường vụ Tỉnh ủy"), in its format, citing it.
For each task, in its order and under its groups: what was asked, the lead and cooperating
agencies, the status on the report's day, and what the agencies reported by then (text,
document number and date, evidence by file name). The narrative sections I–IV are drafted by
``app.letters.narrative`` and edited by the officer before the number is taken.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.errors import UserError
from app.letters import blocks
from app.letters.content import TaskLine, _lines, _progress_at, directive_ref, is_party_number
from app.letters.docx_xml import Column, data_table
from app.letters.issue import Draft
from app.letters.narrative import Sections
from app.letters.register import Subjects
from app.letters.response_data import STATUS_WORDS, Reported, ResponseContent, TaskResult
from app.letters.tables import due_cell, scaled
from app.services.progress import combine, task_status
from models.deadlines import DeadlineKind
from models.entities import Assignment, Directive, Report, Task
from models.letters import LetterKind
from models.parties import Role
from models.status import Progress, Status, Suspension, status_of
from models.vn_dates import LetterFormat, short_date

DOC_KIND = "BC"
# a table longer than this (tasks, or characters of reported text) goes to a landscape appendix
BODY_TABLE_TASKS = 4
BODY_TABLE_CHARS = 1800


def issuer_body(issuer: str, authority: str) -> str:
    """Who issued a directive, as a report addresses them.

    A Tỉnh ủy letter signed "T/M" is the Ban Thường vụ's ("Ban Thường vụ Tỉnh ủy"); the
    province's name is dropped as a report inside the province does ("Tỉnh ủy Hưng Yên" →
    "Tỉnh ủy"). Anything else is kept as written, less a trailing province name.
    """
    text = " ".join(issuer.split())
    for body in ("Tỉnh ủy", "Thành ủy", "Huyện ủy"):
        if text.startswith(body):
            return f"Ban Thường vụ {body}" if authority.upper().startswith("T/M") or authority == "" else body
    for level in ("tỉnh", "thành phố"):
        marker = f" {level} "
        if marker in text:
            head = text.rsplit(marker, 1)[0]
            return f"{head} {level}"
    return text


def _reported(a: Assignment, r: Report) -> Reported:
    return Reported(
        agency=a.display_name,
        role=Role(a.role),
        received_on=r.received_on,
        text=r.text,
        percent=r.percent,
        done=r.done,
        doc_number=r.doc_number,
        doc_date=r.doc_date,
        evidence=tuple(e.original_name for e in r.evidence),
    )


def response_content(
    s: Session, directive: Directive, as_of: date, soon: int, own_short_name: str
) -> ResponseContent:
    """The directive's tasks with their status and what was reported, as of ``as_of``."""
    if directive.issued_on is not None and as_of < directive.issued_on:
        raise UserError(
            f"Ngày báo cáo {short_date(as_of)} trước ngày ban hành {directive.number} "
            f"({short_date(directive.issued_on)}); hãy chọn ngày khác."
        )
    tasks = list(
        s.scalars(
            select(Task)
            .where(Task.directive_id == directive.id)
            .options(
                selectinload(Task.assignments).selectinload(Assignment.agency),
                selectinload(Task.assignments).selectinload(Assignment.group),
                selectinload(Task.assignments).selectinload(Assignment.reports).selectinload(Report.evidence),
            )
            .order_by(Task.seq, Task.id)
        )
    )
    if not tasks:
        raise UserError(f"Văn bản {directive.number} chưa có nhiệm vụ nào; không lập báo cáo.")
    lines = {line.task_id: line for line in _lines(s, [t.id for t in tasks], as_of, None, soon)}
    results = []
    for t in tasks:
        leads = [a for a in t.assignments if a.role == Role.LEAD.value]
        line = lines[t.id]
        if leads and any(r.received_on > as_of for a in t.assignments for r in a.reports):
            progress = combine(_progress_at(t, a, as_of) for a in leads)
            status = status_of(progress, DeadlineKind(t.deadline_kind), as_of, Suspension(t.suspension), soon)
            line = _due_again(line, progress, as_of)
        else:
            status = task_status(t, as_of, soon)
        ordered = sorted(t.assignments, key=lambda a: (a.role != Role.LEAD.value, a.id))
        reports = tuple(
            _reported(a, r)
            for a in ordered
            for r in sorted(a.reports, key=lambda r: (r.received_on, r.id))
            if r.received_on <= as_of
        )
        results.append(TaskResult(line=line, status=status, reports=reports))
    cited = issuer_body(directive.issuer, directive.signer_authority) if directive.issuer else ""
    self_issued = bool(cited) and _same_body(cited, own_short_name)
    party = is_party_number(directive.number)
    return ResponseContent(
        directive_id=directive.id,
        directive_number=directive.number,
        directive_ref=directive_ref(directive),
        directive_subject=_subject(directive.subject),
        addressee=upward(party) if self_issued or not cited else cited,
        cited_issuer=cited,
        self_issued=self_issued,
        party_format=party,
        as_of=as_of,
        tasks=tuple(results),
    )


def upward(party: bool) -> str:
    """Whom the secretariat's own reports go to: the province's Party standing bodies."""
    return "Ban Thường vụ Tỉnh ủy" if party else "Thường trực Tỉnh ủy"


def _same_body(a: str, b: str) -> bool:
    from models.textfold import fold

    return fold(a).replace(" ", "") == fold(b).replace(" ", "")


def _due_again(line: TaskLine, progress: Progress, as_of: date) -> TaskLine:
    due = progress.first_unmet if not progress.completed else None
    late = (as_of - due).days if due is not None and due < as_of else 0
    return replace(line, due=due, days_late=late)


def _subject(subject: str) -> str:
    from app.letters.content import _subject_phrase

    return _subject_phrase(subject)


# -- the printed report ------------------------------------------------------------------------


def citation(data: ResponseContent, fmt: LetterFormat) -> str:
    """``Công văn số 420-CV/TU, ngày 17/4/2026 của Ban Thường vụ Tỉnh ủy về …``"""
    ref = data.directive_ref
    if fmt is LetterFormat.STATE:
        ref = ref.replace(", ngày", " ngày")
    by = f" của {data.cited_issuer}" if data.cited_issuer else ""
    about = f" về {data.directive_subject}" if data.directive_subject else ""
    return f"{ref}{by}{about}"


def reported_text(t: TaskResult) -> str:
    """The agencies' reports in a table cell: text, then its document and evidence, one per line."""
    if not t.reports:
        return "Chưa nhận được báo cáo."
    out = []
    for r in t.reports:
        head = f"{r.agency} ({r.source()})"
        pct = f" [{r.percent}%]" if r.percent is not None and not r.done else ""
        out.append(
            f"- {head}: {r.text.strip() or ('đã hoàn thành' if r.done else 'không nêu nội dung')}{pct}"
        )
        if r.evidence:
            out.append(f"  Tệp kèm theo: {', '.join(r.evidence)}")
    return "\n".join(out)


def status_text(t: TaskResult, as_of: date) -> str:
    word = STATUS_WORDS[t.status]
    if t.status is Status.OVERDUE and t.line.days_late:
        return f"{word} ({t.line.days_late} ngày)"
    return word


def result_table(data: ResponseContent, width_mm: float) -> Any:
    cols = scaled(
        [
            Column("TT", 10, "center"),
            Column("Nhiệm vụ", 70),
            Column("Cơ quan chủ trì, phối hợp", 40, "center"),
            Column("Thời hạn", 26, "center"),
            Column(f"Tình hình đến {short_date(data.as_of)}", 28, "center"),
            Column("Kết quả các cơ quan báo cáo", 98),
        ],
        width_mm,
    )
    rows: list[Any] = []
    group = None
    for i, t in enumerate(data.tasks, 1):
        line = t.line
        if line.group_title and (line.group_code, line.group_title) != group:
            group = (line.group_code, line.group_title)
            rows.append(("group", f"{line.group_code}. {line.group_title}".lstrip(". ")))
        agencies = f"Chủ trì: {line.lead}" + (f"\nPhối hợp: {line.cooperating}" if line.cooperating else "")
        rows.append(
            (str(i), line.content, agencies, due_cell(line), status_text(t, data.as_of), reported_text(t))
        )
    return data_table(cols, rows)


def fits_body(data: ResponseContent) -> bool:
    chars = sum(len(t.line.content) + len(reported_text(t)) for t in data.tasks)
    return len(data.tasks) <= BODY_TABLE_TASKS and chars <= BODY_TABLE_CHARS


def recipients(data: ResponseContent, end: str) -> tuple[str, ...]:
    items = ["Như trên" if not data.self_issued else data.addressee, "Thành viên Ban Chỉ đạo"]
    return tuple(f"- {x}{end}" for x in items)


def draft(
    data: ResponseContent, sections: Sections, fmt: LetterFormat | None, issued_on: date, short_name: str
) -> Draft:
    chosen = fmt or (LetterFormat.PARTY if data.party_format else LetterFormat.STATE)
    from app.letters.layout import spec_for

    spec = spec_for(chosen)
    cite = citation(data, chosen)
    subject = f"Kết quả thực hiện {cite.split(' của ')[0].split(' về ')[0]}"
    intro = (
        f"Thực hiện {cite}, {short_name} báo cáo kết quả thực hiện "
        f"(số liệu tính đến ngày {short_date(data.as_of)}) như sau:"
    )
    appendix_used = not fits_body(data)
    table_note = (
        "Kết quả thực hiện từng nhiệm vụ và báo cáo của các cơ quan chi tiết tại Phụ lục kèm theo."
        if appendix_used
        else "Kết quả thực hiện từng nhiệm vụ và báo cáo của các cơ quan như sau:"
    )
    closing = (
        f"Trên đây là báo cáo kết quả thực hiện {data.directive_ref.split(',')[0]} "
        f"của {short_name}, kính báo cáo {data.addressee}" + spec.body_end
    )
    body_blocks: list[blocks.Element] = [
        blocks.paragraphs(intro),
        blocks.heading("I. KẾT QUẢ THỰC HIỆN"),
        blocks.paragraphs(sections.results),
        blocks.paragraphs(table_note, keep_next=not appendix_used),
    ]
    if not appendix_used:
        body_blocks.append(blocks.table(lambda w: result_table(data, w)))
    body_blocks += [
        blocks.heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
        blocks.paragraphs(sections.shortcomings),
        blocks.heading("III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI"),
        blocks.paragraphs(sections.next_steps),
        blocks.heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        blocks.paragraphs(sections.proposals),
        blocks.paragraphs(closing),
    ]
    appendix = None
    if appendix_used:
        title_ref = data.directive_ref.split(",")[0].upper()

        def caption(values: Mapping[str, Any]) -> str:
            by = values["issuer"].short_name
            return f"(Kèm theo Báo cáo số {values['number']} ngày {values['issued_short']} của {by})"

        appendix = blocks.Appendix(
            title=f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TẠI {title_ref}",
            table=lambda w: result_table(data, w),
            caption=caption,
        )
    body = blocks.Body(
        kinh_gui=(data.addressee,),
        blocks=tuple(body_blocks),
        recipients=recipients(data, spec.item_end),
        appendix=appendix,
    )
    subjects: Subjects = [(t.line.task_id, None) for t in data.tasks]
    return Draft(
        kind=LetterKind.RESPONSE,
        format=chosen,
        issued_on=issued_on,
        subject=subject,
        context={
            "report_subject": subject,
            blocks.BODY_FIELD: blocks.BODY_MARK,
            blocks.RECIPIENTS_FIELD: blocks.RECIPIENTS_MARK,
        },
        tables={},
        task_count=len(data.tasks),
        subjects=subjects,
        doc_kind=DOC_KIND,
        finish=lambda doc, values: blocks.assemble(doc, body, spec, values),
    )
