"""The periodic report (báo cáo tháng, quý, năm): counts, per agency, overdue list, indicators."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from app.errors import UserError
from app.letters import blocks, tables
from app.letters.content import IndicatorLine, ReportContent
from app.letters.docx_xml import Column, data_table
from app.letters.issue import Draft
from app.letters.issuers import Issuer
from app.letters.layout import spec_for
from app.letters.narrative import LISTED, Sections, reference, short
from app.letters.period_flows import PeriodFlows
from app.letters.response import upward
from models.letters import LetterKind
from models.periods import PeriodError, PeriodKind
from models.periods import parse_period as read_period
from models.status import Status
from models.textfold import fold
from models.vn_dates import ROMAN, LetterFormat, ReportPeriod, parse_period, short_date

DOC_KIND = "BC"

STATUS_ORDER = (
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


def checked_period(text: str, today: date) -> ReportPeriod:
    """The period; one still running is counted up to ``today``, not to its future cutoff."""
    try:
        typed = read_period(text)  # "Quý 3/2026", "T8/2026", "2026-Q3"…
        if typed.kind is PeriodKind.HALF:
            raise UserError(f"Chưa lập được báo cáo {typed.label}; hãy chọn một tháng, một quý hoặc một năm.")
        p = parse_period(typed.code)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if p.start > today:
        raise UserError(f"Kỳ báo cáo {p.label} chưa bắt đầu (bắt đầu từ ngày {short_date(p.start)}).")
    return replace(p, end=min(p.end, today))


def status_lines(data: ReportContent) -> list[str]:
    """``Hoàn thành đúng hạn: 12 nhiệm vụ;`` … one line per status that has any, the last with a dot."""
    lines = [(st, data.counts.get(st.value, 0)) for st in STATUS_ORDER if data.counts.get(st.value, 0)]
    return [
        f"{st.value[:1].upper()}{st.value[1:]}: {n} nhiệm vụ" + (";" if i < len(lines) - 1 else ".")
        for i, (st, n) in enumerate(lines)
    ]


# the body holds a list up to this many rows; a longer one goes to the landscape appendix
BODY_ROWS = 10
AGENCY_BODY_ROWS = 40  # one portrait page of counts
UPWARD_RECIPIENTS = {
    LetterFormat.STATE: (
        "Thường trực HĐND tỉnh",
        "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
        "Thành viên Ban Chỉ đạo",
    ),
    LetterFormat.PARTY: ("Thường trực Tỉnh ủy", "Thành viên Ban Chỉ đạo"),
}


def without_signer(items: Sequence[str], issuer: Issuer) -> list[str]:
    """Nơi nhận never names the person who signs: "Chủ tịch, các Phó Chủ tịch UBND tỉnh" signed
    by the Chủ tịch UBND tỉnh becomes "Các Phó Chủ tịch UBND tỉnh"."""
    title = fold(" ".join([*issuer.title_lines, issuer.authority]))
    out = []
    for item in items:
        if item.startswith("Chủ tịch, các Phó Chủ tịch") and "chu tich ubnd" in title and "pho" not in title:
            out.append("Các Phó Chủ tịch" + item[len("Chủ tịch, các Phó Chủ tịch") :])
            continue
        if fold(item) in title:
            continue
        out.append(item)
    return out


def agency_note(data: ReportContent) -> str:
    """Why the agency table's total differs from the number of tasks, if it does."""
    listed = sum(a.assigned for a in data.agencies)
    cancelled = data.counts.get(Status.CANCELLED.value, 0)
    if listed == data.total:
        return ""
    parts = []
    if cancelled:
        parts.append(f"không tính {cancelled} nhiệm vụ đã hủy")
    rest = data.total - cancelled - listed
    if rest < 0:
        parts.append(f"{-rest} nhiệm vụ có nhiều cơ quan cùng chủ trì được tính cho từng cơ quan")
    elif rest > 0:
        parts.append(f"{rest} nhiệm vụ chưa xác định cơ quan chủ trì")
    return f"Bảng tính {listed}/{data.total} nhiệm vụ ({'; '.join(parts)})."


def indicator_cell(x: IndicatorLine) -> str:
    """``71,5`` and, on its own line, the period it was reported for: ``(quý III/2026)``."""
    if not x.latest:
        return "Chưa có số liệu"
    return f"{x.latest}\n({readable_period(x.latest_period)})"


def readable_period(code: str) -> str:
    """``2026-Q3`` → ``quý III/2026``; ``2026-06`` → ``tháng 6/2026``; never broken inside."""
    try:
        p = read_period(code)
    except (ValueError, PeriodError):
        return code.replace("-", "\u2011")
    # no break after the word, nor on either side of the slash (LibreOffice broke before it:
    # "(quý III" / "/2026)"); the column is wide enough for "(tháng 12/2026)" on one line
    nb, slash = "\u00a0", "\u2060/\u2060"
    if p.kind is PeriodKind.QUARTER:
        return f"quý{nb}{ROMAN[p.index]}{slash}{p.year}"
    if p.kind is PeriodKind.MONTH:
        return f"tháng{nb}{p.index}{slash}{p.year}"
    if p.kind is PeriodKind.HALF:
        return f"6{nb}tháng{nb}{'đầu' if p.index == 1 else 'cuối'}{nb}năm{nb}{p.year}"
    return f"năm{nb}{p.year}"


def draft_sections(data: ReportContent, flows: PeriodFlows, fmt: LetterFormat) -> Sections:
    """The periodic report's sections I–IV, for the officer to edit: the period first, then the total."""
    p = data.period
    new_late = [x for x in data.overdue if x.due is not None and p.start <= x.due <= p.end]
    results = [
        f"Trong kỳ báo cáo ({p.window_text}): giao mới {flows.assigned} nhiệm vụ; "
        f"{flows.done} nhiệm vụ được cơ quan chủ trì báo cáo hoàn thành; tiếp nhận {flows.reports} báo cáo "
        f"của {flows.reporting_agencies} lượt cơ quan"
        + (f" (trong đó {flows.recurring_reports} báo cáo định kỳ)" if flows.recurring_reports else "")
        + ".",
        # the breakdown below is of every task followed, not of the done ones
        f"Lũy kế đến ngày {short_date(p.end)}: theo dõi {data.total} nhiệm vụ, trong đó:",
        *status_lines(data),
    ]
    # a short overdue list is printed as a table right under this text: the tasks are not also
    # listed here (the year report named the same ten tasks twice)
    in_table = len(data.overdue) <= BODY_ROWS
    short_late = [] if in_table else new_late[:LISTED]
    late_lines = [
        f"Đến ngày {short_date(p.end)} còn {len(data.overdue)} nhiệm vụ quá hạn chưa hoàn thành"
        + (f", trong đó {len(new_late)} nhiệm vụ đến hạn trong kỳ" if new_late else "")
        + (":" if short_late else " (danh mục dưới đây)." if in_table else ".")
    ]
    if not data.overdue:
        late_lines = ["Không có nhiệm vụ quá hạn tại thời điểm chốt số liệu."]
    late_lines += [f"- {short(x.content)} ({x.lead}; quá {x.days_late} ngày)." for x in short_late]
    if len(new_late) > len(short_late) and short_late:
        late_lines.append(f"- Và {len(new_late) - len(short_late)} nhiệm vụ khác (chi tiết tại Phụ lục).")
    if data.overdue:
        late_lines.append(
            "Nguyên nhân: một số cơ quan chủ trì chưa quan tâm đúng mức đến việc thực hiện và báo cáo "
            "kết quả; một số nhiệm vụ có nội dung phức tạp, cần nhiều cơ quan phối hợp."
        )
    soon = data.counts.get(Status.DUE_SOON.value, 0)
    # Overdue tasks are named only when there are some: section II may have just said there are none.
    next_steps = [
        f"Tiếp tục theo dõi, đôn đốc các cơ quan chủ trì hoàn thành {len(data.overdue)} nhiệm vụ quá hạn, "
        "báo cáo kết quả và nguyên nhân chậm tiến độ."
        if data.overdue
        else "Tiếp tục theo dõi, đôn đốc các cơ quan chủ trì thực hiện các nhiệm vụ đúng thời hạn.",
        f"Chuẩn bị hoàn thành {soon} nhiệm vụ sắp đến hạn; tổng hợp, báo cáo định kỳ theo quy định."
        if soon
        else "Tổng hợp, báo cáo định kỳ theo quy định.",
    ]
    addressee = upward(fmt is LetterFormat.PARTY)
    late_leads = sorted({x.lead for x in data.overdue if x.lead}, key=fold)
    proposals = (
        [
            f"Kính đề nghị {addressee} quan tâm chỉ đạo người đứng đầu các cơ quan có nhiệm vụ quá hạn "
            f"({'; '.join(late_leads[:LISTED])}) tập trung hoàn thành, báo cáo kết quả.",
        ]
        if data.overdue
        else [f"Kính đề nghị {addressee} tiếp tục quan tâm lãnh đạo, chỉ đạo việc thực hiện các nhiệm vụ."]
    )
    return Sections(
        results="\n".join(results),
        shortcomings="\n".join(late_lines),
        next_steps="\n".join(next_steps),
        proposals="\n".join(proposals),
    )


def draft(
    data: ReportContent,
    fmt: LetterFormat,
    issued_on: date,
    flows: PeriodFlows,
    issuer: Issuer,
    sections: Sections | None = None,
) -> Draft:
    p = data.period
    if not data.total:
        raise UserError(
            f"Kỳ báo cáo {p.label} chưa có nhiệm vụ nào được giao (đến ngày {short_date(p.end)}); "
            "không lập báo cáo."
        )
    text = sections or draft_sections(data, flows, fmt)
    spec = spec_for(fmt)
    subject = f"Tình hình thực hiện nhiệm vụ {p.label}"
    addressee = upward(fmt is LetterFormat.PARTY)
    long_agencies = len(data.agencies) > AGENCY_BODY_ROWS
    long_overdue = len(data.overdue) > BODY_ROWS
    note = agency_note(data)
    body: list[blocks.Element] = [
        blocks.paragraphs(
            f"Thực hiện chế độ báo cáo định kỳ, {issuer.short_name} báo cáo tình hình thực hiện nhiệm vụ "
            f"{p.label} (số liệu {p.window_text}, chốt ngày 07 hằng tháng) như sau:"
        ),
        blocks.section_heading("I. KẾT QUẢ THỰC HIỆN"),
        blocks.paragraphs(text.results),
        blocks.section_heading("1. Kết quả theo cơ quan chủ trì (lũy kế)"),
    ]
    if long_agencies:
        body.append(blocks.paragraphs("Chi tiết tại Phụ lục kèm theo." + (f" {note}" if note else "")))
    else:
        if note:
            body.append(blocks.paragraphs(note, italic=True, keep_next=True))
        body.append(blocks.table(lambda w: tables.agency_table(data.agencies, w)))
    body.append(blocks.section_heading("2. Kết quả thực hiện các chỉ tiêu"))
    if data.indicators:
        body.append(blocks.table(lambda w: indicator_table(data.indicators, w)))
    else:
        body.append(blocks.paragraphs("Chưa có chỉ tiêu nào được theo dõi."))
    body += [
        blocks.section_heading("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
        blocks.paragraphs(text.shortcomings),
    ]
    if data.overdue and not long_overdue:
        body.append(blocks.table(lambda w: tables.overdue_table(data.overdue, w)))
    elif data.overdue:
        body.append(blocks.paragraphs(f"Danh mục {len(data.overdue)} nhiệm vụ quá hạn tại Phụ lục kèm theo."))
    body += [
        blocks.section_heading("III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI"),
        blocks.paragraphs(text.next_steps),
        blocks.section_heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        # section IV goes with the closing and the signature: never a page of the signature alone
        blocks.paragraphs(text.proposals, keep_next=True),
        blocks.paragraphs(
            f"Trên đây là báo cáo tình hình thực hiện nhiệm vụ {p.label} của {reference(issuer.short_name)}, "
            f"kính báo cáo {addressee}" + spec.body_end
        ),
    ]
    appendix = None
    if long_overdue or long_agencies:

        def appendix_table(w: float) -> Any:
            if long_overdue:
                return tables.overdue_table(data.overdue, w)
            return tables.agency_table(data.agencies, w)

        what = "DANH MỤC NHIỆM VỤ QUÁ HẠN" if long_overdue else "KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ"
        appendix = blocks.Appendix(
            title=f"{what} ĐẾN NGÀY {short_date(p.end)}",
            table=appendix_table,
            caption=lambda v: (
                f"(Kèm theo Báo cáo số {v['so_van_ban']} ngày {v['ngay_ban_hanh']} của {v['ten_rut_gon']})"
            ),
        )
        if long_overdue and long_agencies:
            body.insert(4, blocks.table(lambda w: tables.agency_table(data.agencies, w)))
    items = ["Như trên", *without_signer(UPWARD_RECIPIENTS[fmt], issuer)]
    doc_body = blocks.Body(
        kinh_gui=(addressee,),
        blocks=tuple(body),
        recipients=tuple(f"- {x}{spec.item_end}" for x in items),
        appendix=appendix,
    )
    return Draft(
        kind=LetterKind.REPORT,
        format=fmt,
        issued_on=issued_on,
        subject=subject,
        context={
            "period_label": p.label,
            blocks.BODY_FIELD: blocks.BODY_MARK,
            blocks.RECIPIENTS_FIELD: blocks.RECIPIENTS_MARK,
        },
        tables={},
        task_count=data.total,
        doc_kind=DOC_KIND,
        recipient=addressee,
        finish=lambda doc, values: blocks.assemble(doc, doc_body, spec, values),
    )


def indicator_table(lines: Sequence[IndicatorLine], width_mm: float) -> Any:
    """The indicators with their latest value in the period, its period on a line of its own."""
    cols = tables.scaled(
        [
            Column("TT", 10, "center"),
            Column("Chỉ tiêu", 51),
            Column("Đơn vị tính", 18, "center"),
            Column("Ban đầu", 17, "center"),
            Column("Mục tiêu", 17, "center"),
            Column("Kết quả mới nhất", 34, "center"),
            Column("Tỷ lệ đạt", 18, "center"),
        ],
        width_mm,
    )
    rows = [
        (str(i), x.name, x.unit, x.baseline, x.target, indicator_cell(x), x.percent)
        for i, x in enumerate(lines, 1)
    ]
    return data_table(cols, rows)
