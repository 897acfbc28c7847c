"""The report on one directive (báo cáo kết quả thực hiện văn bản): what was asked, what was done.

Addressed to the directive's issuer ("Kính gửi: Ban Thường vụ Tỉnh ủy"), in its format, citing it.
For each task, in its order and under its groups: what was asked, the lead and cooperating
agencies, the status on the report's day, and what the agencies reported by then (text,
document number and date, evidence by file name). The narrative sections I–IV are drafted by
``app.letters.narrative`` and edited by the officer before the number is taken.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import case, func, literal, select
from sqlalchemy.orm import Session

from app.errors import UserError
from app.letters import blocks
from app.letters.content import TaskLine, _lines, directive_ref, is_party_number
from app.letters.docx_xml import Column, data_table
from app.letters.issue import Draft
from app.letters.narrative import Sections, mention_once, reference
from app.letters.register import Subjects
from app.letters.report_counts import directive_progress
from app.letters.response_data import STATUS_WORDS, Reported, ResponseContent, TaskResult
from app.letters.tables import due_cell, scaled
from models.deadlines import DeadlineKind
from models.entities import Agency, AgencyGroup, Assignment, Directive, Evidence, Report, Task
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


def _reports_by_task(s: Session, directive_id: int, as_of: date) -> dict[int, list[Reported]]:
    """What the agencies reported on the directive's tasks by ``as_of``, per task: the lead's
    first, each agency's oldest first. Narrow rows, not ORM graphs: a directive of thousands of
    tasks has tens of thousands of reports."""
    R, A, E = Report.__table__, Assignment.__table__, Evidence.__table__
    AG, GR = Agency.__table__, AgencyGroup.__table__
    tasks = select(Task.__table__.c.id).where(Task.__table__.c.directive_id == directive_id)
    is_lead = A.c.role == Role.LEAD.value
    rows = s.execute(
        select(
            A.c.task_id,
            func.coalesce(AG.c.name, GR.c.name, literal("")),
            A.c.role,
            R.c.id,
            R.c.received_on,
            R.c.text,
            R.c.percent,
            R.c.done,
            R.c.doc_number,
            R.c.doc_date,
        )
        .select_from(
            R.join(A, A.c.id == R.c.assignment_id)
            .outerjoin(AG, AG.c.id == A.c.agency_id)
            .outerjoin(GR, GR.c.id == A.c.group_id)
        )
        .where(A.c.task_id.in_(tasks), R.c.received_on <= as_of)
        .order_by(A.c.task_id, case((is_lead, 0), else_=1), A.c.id, R.c.received_on, R.c.id)
    ).all()
    files: dict[int, list[str]] = defaultdict(list)
    for report_id, name in s.execute(
        select(E.c.report_id, E.c.original_name)
        .join(R, R.c.id == E.c.report_id)
        .join(A, A.c.id == R.c.assignment_id)
        .where(A.c.task_id.in_(tasks), R.c.received_on <= as_of)
        .order_by(E.c.id)
    ):
        files[report_id].append(name)
    out: dict[int, list[Reported]] = defaultdict(list)
    for task_id, agency, role, report_id, received, text, percent, done, doc_number, doc_date in rows:
        out[task_id].append(
            Reported(
                agency=agency,
                role=Role(role),
                received_on=received,
                text=text,
                percent=percent,
                done=bool(done),
                doc_number=doc_number,
                doc_date=doc_date,
                evidence=tuple(files.get(report_id, ())),
            )
        )
    return out


NO_ISSUER = (
    "Văn bản {number} chưa ghi cơ quan ban hành nên chưa biết báo cáo gửi ai; hãy ghi cơ quan ban hành "
    "của văn bản (trang Văn bản chỉ đạo, Sửa văn bản) rồi lập lại báo cáo."
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
    tasks = s.execute(
        select(Task.id, Task.deadline_kind, Task.suspension)
        .where(Task.directive_id == directive.id)
        .order_by(Task.seq, Task.id)
    ).all()
    if not tasks:
        raise UserError(f"Văn bản {directive.number} chưa có nhiệm vụ nào; không lập báo cáo.")
    ids = [t.id for t in tasks]
    kinds = {task_id: (kind, suspension) for task_id, kind, suspension in tasks}
    lines = {line.task_id: line for line in _lines(s, ids, as_of, None, soon)}
    progress = directive_progress(s, directive.id, as_of)
    reports = _reports_by_task(s, directive.id, as_of)
    results = []
    for task_id in ids:
        kind, suspension = kinds[task_id]
        p = progress[task_id]
        status = status_of(p, DeadlineKind(kind), as_of, Suspension(suspension), soon)
        line = _due_again(lines[task_id], p, as_of)
        results.append(TaskResult(line=line, status=status, reports=tuple(reports.get(task_id, ()))))
    if not directive.issuer.strip():
        # Whom to send it to and whose document it answers are the issuer's: never guessed.
        raise UserError(NO_ISSUER.format(number=directive.number))
    cited = issuer_body(directive.issuer, directive.signer_authority)
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
    # the secretariat's own plan: its name is said once, by the subject or by the report itself
    by = f" của {data.cited_issuer}" if data.cited_issuer and not data.self_issued else ""
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
    intro = f"Thực hiện {cite}, {short_name} báo cáo kết quả thực hiện (số liệu tính đến ngày "
    intro = mention_once(mention_once(intro, data.cited_issuer), short_name)
    intro += f"{short_date(data.as_of)}) như sau:"
    appendix_used = not fits_body(data)
    table_note = (
        "Kết quả thực hiện từng nhiệm vụ và báo cáo của các cơ quan chi tiết tại Phụ lục kèm theo."
        if appendix_used
        else "Kết quả thực hiện từng nhiệm vụ và báo cáo của các cơ quan như sau:"
    )
    closing = (
        f"Trên đây là báo cáo kết quả thực hiện {data.directive_ref.split(',')[0]} "
        f"của {reference(short_name)}, kính báo cáo {data.addressee}" + spec.body_end
    )
    body_blocks: list[blocks.Element] = [
        blocks.paragraphs(intro),
        blocks.section_heading("I. KẾT QUẢ THỰC HIỆN"),
        blocks.paragraphs(sections.results),
        blocks.paragraphs(table_note, keep_next=not appendix_used),
    ]
    if not appendix_used:
        body_blocks.append(blocks.table(lambda w: result_table(data, w)))
    body_blocks += [
        blocks.section_heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
        blocks.paragraphs(sections.shortcomings),
        blocks.section_heading("III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI"),
        blocks.paragraphs(sections.next_steps),
        blocks.section_heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        # section IV goes with the closing and the signature: never a page of the signature alone
        blocks.paragraphs(sections.proposals, keep_next=True),
        blocks.paragraphs(closing),
    ]
    appendix = None
    if appendix_used:
        title_ref = data.directive_ref.split(",")[0].upper()

        def caption(values: Mapping[str, Any]) -> str:
            number, day, by = values["so_van_ban"], values["ngay_ban_hanh"], values["ten_rut_gon"]
            return f"(Kèm theo Báo cáo số {number} ngày {day} của {by})"

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
            blocks.BODY_FIELD: blocks.BODY_MARK,
            blocks.RECIPIENTS_FIELD: blocks.RECIPIENTS_MARK,
        },
        tables={},
        task_count=len(data.tasks),
        subjects=subjects,
        doc_kind=DOC_KIND,
        recipient=data.addressee,
        finish=lambda doc, values: blocks.assemble(doc, body, spec, values),
    )
