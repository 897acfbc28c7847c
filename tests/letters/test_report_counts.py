"""The periodic report's SQL aggregates against a straightforward Python recount, on the demo.

The recount is the report's former way: every task with its assignments and reports loaded,
each lead's progress replayed from the reports received by the cut-off day when any arrived
later. Every month, quarter and the year of the demo's plans are compared, so the months whose
reports arrived after their cut-off (the replayed case) are among them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

import pytest
from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.context import AppContext
from app.dto import ReportInput
from app.letters import report_counts
from app.letters.content import AgencyCounts, TaskLine, directive_ref
from app.letters.docx_xml import (
    Column,
    Para,
    Span,
    add_row,
    data_table,
    fit_columns,
    make_paragraph,
    mm,
    table_element,
)
from app.letters.report import checked_period
from app.services.progress import anchor_of, combine, deadline_of
from models.deadlines import DeadlineKind
from models.entities import Assignment, Directive, Report, Task
from models.parties import Role
from models.status import Progress, ReportMark, Status, Suspension, status_of, summarize
from models.vn_collation import sort_key
from models.vn_dates import ReportPeriod

PERIODS = ("2026", "2026-Q2", "2026-Q3", "2026-Q4", *(f"2026-{m:02d}" for m in range(4, 12)))


def _progress_at(task: Task, a: Assignment, end: date) -> Progress:
    """The assignment's progress replayed from the reports received by ``end`` alone."""
    if all(r.received_on <= end for r in a.reports):
        return Progress(a.first_unmet, a.completed, a.completed_late)
    marks = [ReportMark(r.occurrence, r.received_on, r.done) for r in a.reports if r.received_on <= end]
    return summarize(deadline_of(task), marks, anchor_of(task), end + timedelta(days=400))


def recount(
    s: Session, period: ReportPeriod, soon: int
) -> tuple[dict[str, int], list[AgencyCounts], list[TaskLine]]:
    """Status counts, per-lead counts and overdue lines from whole ORM graphs, in Python."""
    end = period.end
    tasks = s.scalars(
        select(Task)
        .join(Directive)
        .where((Directive.issued_on.is_(None)) | (Directive.issued_on <= end))
        .options(selectinload(Task.assignments).selectinload(Assignment.reports))
        .order_by(Task.directive_id, Task.seq, Task.id)
    ).all()
    counts = {st.value: 0 for st in Status}
    agencies: dict[str, dict[str, int]] = {}
    overdue = []
    for t in tasks:
        kind, suspension = DeadlineKind(t.deadline_kind), Suspension(t.suspension)
        leads = [a for a in t.assignments if a.role == Role.LEAD.value]
        later = any(r.received_on > end for a in t.assignments for r in a.reports)
        progress = (
            combine(_progress_at(t, a, end) for a in leads)
            if later and leads
            else Progress(t.first_unmet, t.completed, t.completed_late)
        )
        status = status_of(progress, kind, end, suspension, soon)
        counts[status.value] += 1
        for a in leads:
            st = status_of(_progress_at(t, a, end), kind, end, suspension, soon)
            if st is Status.CANCELLED:
                continue
            row = agencies.setdefault(a.display_name, defaultdict(int))
            row["assigned"] += 1
            row[report_counts.AGENCY_BUCKETS.get(st, "in_progress")] += 1
        if status is Status.OVERDUE:
            due = progress.first_unmet
            assert due is not None
            overdue.append(
                TaskLine(
                    task_id=t.id,
                    directive_number=t.directive.number,
                    directive_ref=directive_ref(t.directive),
                    content=t.content,
                    role=None,
                    lead="; ".join(a.display_name for a in leads),
                    cooperating="; ".join(a.display_name for a in t.assignments if a.role != Role.LEAD.value),
                    deadline_text=t.deadline_text,
                    due=due,
                    days_late=(end - due).days,
                    product=t.product,
                )
            )
    rows = [AgencyCounts(name=name, **values) for name, values in agencies.items()]
    return counts, sorted(rows, key=lambda r: (-r.overdue, sort_key(r.name))), overdue


@pytest.mark.parametrize("code", PERIODS)
def test_sql_counts_equal_a_python_recount(demo_ctx: AppContext, code: str) -> None:
    p = checked_period(code, demo_ctx.services.today())
    with demo_ctx.db.reading() as s:
        soon = demo_ctx.services.soon_days(s)
        counts, agencies, overdue = recount(s, p, soon)
        got = report_counts.report_content(s, p, soon)
    assert got.total == sum(counts.values())
    assert got.counts == counts
    assert list(got.agencies) == agencies
    assert list(got.overdue) == overdue


def test_the_demo_has_periods_replayed_and_not(demo_ctx: AppContext) -> None:
    """The comparison above covers both ways: months with reports received after their cut-off
    (the status is replayed) and the current one (the cache is the answer)."""
    replayed = []
    with demo_ctx.db.reading() as s:
        for code in PERIODS:
            end = checked_period(code, demo_ctx.services.today()).end
            replayed.append(s.scalar(select(Report.id).where(Report.received_on > end).limit(1)) is not None)
        assert sum(report_counts.status_counts(s, demo_ctx.services.today(), 7).values()) > 0
    assert any(replayed) and not all(replayed)


def test_a_report_after_the_cut_off_does_not_count_in_the_period(demo_ctx: AppContext) -> None:
    """A one-off task reported done after a month's cut-off is still overdue in that month."""
    with demo_ctx.db.transaction() as s:
        a = s.scalars(
            select(Assignment)
            .join(Task)
            .where(
                Assignment.role == Role.LEAD.value,
                Task.deadline_kind == DeadlineKind.ONCE.value,
                Task.suspension == Suspension.ACTIVE.value,
                Task.completed.is_(False),
                Task.first_unmet < date(2026, 10, 1),
            )
            .order_by(Assignment.id)
        ).first()
        assert a is not None
        a_id, task_id = a.id, a.task_id
    p = checked_period("2026-10", demo_ctx.services.today())
    with demo_ctx.db.reading() as s:
        before = report_counts.report_content(s, p, 7)
    assert task_id in {x.task_id for x in before.overdue}
    demo_ctx.reports.add(
        ReportInput(
            assignment_id=a_id,
            received_on=demo_ctx.services.today() - timedelta(days=1),
            text="Xong.",
            done=True,
        )
    )
    with demo_ctx.db.reading() as s:
        after = report_counts.report_content(s, p, 7)
        counts, agencies, overdue = recount(s, p, 7)
        now = report_counts.overdue_lines(s, demo_ctx.services.today(), 7)
    assert after.counts == before.counts == counts
    assert list(after.agencies) == agencies and list(after.overdue) == overdue
    assert task_id in {x.task_id for x in after.overdue}
    assert task_id not in {x.task_id for x in now}  # on the day after the report, it is done


def reference_table(columns: list[Column], rows: list[tuple[str, ...]], bold_last: bool) -> etree._Element:
    """The data table element by element, as ``add_row`` and ``make_paragraph`` make each row
    (columns widened for their longest word as ``data_table`` does)."""
    columns = fit_columns(columns, rows, 12)
    widths = [mm(c.width_mm) for c in columns]
    tbl = table_element(widths, borders=True, cell_margin=mm(1.5))
    head = Para(align="center", before=2, after=2, line=1.0)
    add_row(
        tbl, widths, [[make_paragraph([Span(c.title, 12, bold=True)], head)] for c in columns], header=True
    )
    for n, row in enumerate(rows):
        bold = bold_last and n == len(rows) - 1
        cells = [
            [
                make_paragraph([Span(line, 12, bold=bold)], Para(align=c.align, before=2, after=2, line=1.0))
                for line in (value.split("\n") if value else [""])
            ]
            for c, value in zip(columns, row, strict=True)
        ]
        add_row(tbl, widths, cells)
    return tbl


@pytest.mark.parametrize("bold_last", [False, True])
def test_rows_copied_from_a_prototype_are_the_rows_built_one_by_one(bold_last: bool) -> None:
    cols = [Column("TT", 10, "center"), Column("Nhiệm vụ", 60), Column("Thời hạn", 25, "center")]
    rows = [
        ("1", 'Xây dựng cơ sở dữ liệu <chuyên ngành> & "dùng chung"', "30/6/2026"),
        ("2", "", "Hằng tháng\n(chưa báo cáo 3 kỳ)"),
        ("", "Tổng cộng", "2"),
    ]
    fast = etree.tostring(data_table(cols, rows, bold_last=bold_last))
    assert fast == etree.tostring(reference_table(cols, rows, bold_last))


def test_normalize_fonts_touches_what_is_not_yet_in_times_new_roman() -> None:
    """The XPath that picks what to fix misses nothing: bare runs, themed fonts, another font, a
    themed colour, a paragraph mark; what is already right stays byte for byte."""
    from docx import Document
    from docx.oxml import parse_xml

    from app.letters.docx_xml import FONT, W_NS, normalize_fonts, run_props

    doc = Document()
    body = doc.element.body
    w = f'xmlns:w="{W_NS}"'
    for xml in (
        f"<w:p {w}><w:r><w:t>bare</w:t></w:r></w:p>",
        f'<w:p {w}><w:r><w:rPr><w:rFonts w:asciiTheme="minorHAnsi"/></w:rPr><w:t>t</w:t></w:r></w:p>',
        f'<w:p {w}><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr><w:t>a</w:t></w:r></w:p>',
        f'<w:p {w}><w:r><w:rPr><w:b/><w:color w:val="FF0000" w:themeColor="accent1"/></w:rPr></w:r></w:p>',
        f'<w:p {w}><w:pPr><w:rPr><w:sz w:val="20"/></w:rPr></w:pPr></w:p>',
    ):
        body.append(parse_xml(xml))
    right = parse_xml(f"<w:p {w}><w:r><w:t>ok</w:t></w:r></w:p>")
    right[0].insert(0, run_props(13, bold=True))
    body.append(right)
    before = etree.tostring(right)
    normalize_fonts(doc)
    props = body.xpath(".//w:r/w:rPr | .//w:pPr/w:rPr")  # python-docx's xpath knows the w: prefix
    assert len(props) == 6 and not body.xpath(".//w:r[not(w:rPr)]")
    for rpr in props:
        fonts = rpr.find(f"{{{W_NS}}}rFonts")
        assert fonts is not None
        assert [fonts.get(f"{{{W_NS}}}{s}") for s in ("ascii", "hAnsi", "eastAsia", "cs")] == [FONT] * 4
        assert fonts.get(f"{{{W_NS}}}asciiTheme") is None
        color = rpr.find(f"{{{W_NS}}}color")
        assert color is None or (color.get(f"{{{W_NS}}}val"), color.get(f"{{{W_NS}}}themeColor")) == (
            "000000",
            None,
        )
    assert etree.tostring(right) == before
