"""The one module that writes a task, and group membership: shared by tasks, importer, agencies."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.appendix.catalogue_file import DEFAULT_GROUPS
from app.context import AppContext
from app.dto import AgencyInput, PartyRef, TaskFilter, TaskInput, TaskSort, TaskSortKey
from app.errors import UserError
from app.services.group_members import members
from app.services.task_writer import (
    fold_search_text,
    next_seq,
    reindex,
    search_text_for,
    set_assignments,
    set_deadline,
)
from models.entities import Agency, AgencyGroup, Assignment, Directive, Report, Role, Task
from models.textfold import fold
from models.vn_collation import sorted_vn

LEAD, COOP = Role.LEAD.value, Role.COOPERATING.value


# -- pure parts ---------------------------------------------------------------------------------


def test_search_text_quotes_number_fields_and_names_folded() -> None:
    t = Task(
        group_title="Nhóm I", content="Triển khai VNeID", product="Báo cáo", deadline_text="Quý II", note=""
    )
    text = search_text_for(t, "125/KH-BCĐ", ["Sở Nội vụ", "Công an tỉnh"])
    assert text == fold("125/KH-BCĐ Nhóm I Triển khai VNeID Báo cáo Quý II  Sở Nội vụ Công an tỉnh")
    assert text == fold_search_text(
        "125/KH-BCĐ", ["Nhóm I", "Triển khai VNeID", "Báo cáo", "Quý II", ""], ["Sở Nội vụ", "Công an tỉnh"]
    )
    assert "so noi vu" in text and "vneid" in text


def test_set_deadline_normalises_spacing_and_reads_the_year_from_the_reference() -> None:
    t = Task()
    set_deadline(t, "  Trước   ngày 15/7 ", date(2027, 1, 3))
    assert t.deadline_text == "Trước ngày 15/7"
    assert (t.deadline_kind, t.deadline["dates"]) == ("once", ["2027-07-15"])
    set_deadline(t, "", date(2027, 1, 3))
    assert (t.deadline_text, t.deadline_kind) == ("", "unknown")


def test_set_assignments_keeps_rows_changes_roles_and_orders_as_wanted() -> None:
    t = Task()
    a1 = Assignment(role=LEAD, agency_id=1)
    a2 = Assignment(role=COOP, agency_id=2)
    g = Assignment(role=COOP, group_id=7)
    t.assignments[:] = [a1, a2, g]
    lost = set_assignments(t, [(LEAD, 2, None), (COOP, None, 7), (COOP, 3, None)])
    assert lost == []
    assert t.assignments[0] is a2 and t.assignments[1] is g
    assert [(a.role, a.agency_id, a.group_id) for a in t.assignments] == [
        (LEAD, 2, None),
        (COOP, None, 7),
        (COOP, 3, None),
    ]
    assert a1 not in t.assignments


def test_set_assignments_keeps_a_reported_party_that_is_no_longer_wanted() -> None:
    t = Task()
    reported = Assignment(role=LEAD, agency_id=1)
    reported.reports.append(Report(received_on=date(2026, 5, 1)))
    silent = Assignment(role=COOP, agency_id=2)
    t.assignments[:] = [reported, silent]
    lost = set_assignments(t, [(LEAD, 5, None)])
    assert lost == [reported]
    assert [(a.role, a.agency_id) for a in t.assignments] == [(LEAD, 5), (LEAD, 1)]
    assert set_assignments(t, []) == [reported]
    assert t.assignments == [reported]


# -- in a database ------------------------------------------------------------------------------


def test_next_seq_follows_the_directive_last_task(demo_ctx: AppContext) -> None:
    assert demo_ctx.db is not None
    with demo_ctx.db.transaction() as s:
        d = s.scalars(select(Directive).where(Directive.tasks.any())).first()
        assert d is not None
        assert next_seq(s, d.id) == max(t.seq for t in d.tasks) + 1
        empty = Directive(number="1/KH-TEST", kind="KH")
        s.add(empty)
        s.flush()
        assert next_seq(s, empty.id) == 1


def test_task_form_refuses_to_drop_a_reported_party_and_writes_nothing(demo_ctx: AppContext) -> None:
    assert demo_ctx.db is not None
    with demo_ctx.db.reading() as s:
        a = s.scalars(
            select(Assignment).where(Assignment.reports.any(), Assignment.agency_id.is_not(None))
        ).first()
        assert a is not None
        task_id = a.task_id
    detail = demo_ctx.tasks.get(task_id)
    others = [x for x in detail.assignments if x.report_count == 0 and x.party.agency_id is not None]
    assert others, "the demo should have a task with a silent party beside a reported one"
    lead = [PartyRef(o.party.name, o.party.agency_id) for o in others[:1]]
    form = TaskInput(
        id=task_id,
        directive_id=detail.directive_id,
        content=detail.content + " (sửa)",
        lead=lead,
        deadline_text=detail.deadline_text,
    )
    with pytest.raises(UserError, match="đã có báo cáo tiến độ"):
        demo_ctx.tasks.save(form)
    after = demo_ctx.tasks.get(task_id)
    assert after.content == detail.content
    assert [x.id for x in after.assignments] == [x.id for x in detail.assignments]


def test_new_task_from_the_form_goes_last_and_is_found_by_its_parties(ctx: AppContext) -> None:
    assert ctx.db is not None
    with ctx.db.transaction() as s:
        directive = Directive(number="125/KH-BCĐ", kind="KH", issued_on=date(2026, 4, 10))
        s.add(directive)
        s.add(Agency(name="Sở Nội vụ", name_key=fold("Sở Nội vụ"), kind="provincial"))
        s.flush()
        directive_id = directive.id
    snv = ctx.agencies.resolve_or_fail("Sở Nội vụ")
    first = ctx.tasks.save(TaskInput(directive_id=directive_id, content="Một", lead=[snv]))
    second = ctx.tasks.save(TaskInput(directive_id=directive_id, content="Hai", lead=[snv]))
    seqs = {r.id: r.seq for r in ctx.tasks.page(TaskFilter(search="so noi vu"), 0, 10)}
    assert seqs == {first.value: 1, second.value: 2}


def test_agency_rename_reindexes_its_tasks(demo_ctx: AppContext) -> None:
    agency = next(a for a in demo_ctx.agencies.list_agencies() if a.lead_count > 0)
    before = {r.id for r in demo_ctx.tasks.page(TaskFilter(agency_id=agency.id), 0, 1000)}
    demo_ctx.agencies.save(
        AgencyInput(id=agency.id, name="Cơ quan Đổi Tên Thử", kind=agency.kind, aliases=list(agency.aliases))
    )
    found = {r.id for r in demo_ctx.tasks.page(TaskFilter(search="doi ten thu"), 0, 1000)}
    assert found == before and found
    assert demo_ctx.db is not None
    with demo_ctx.db.reading() as s:
        for t in s.scalars(select(Task).where(Task.id.in_(found))):
            stored = (t.search_text, t.lead_key, t.content_key)
            reindex(t)
            # what the rename stored is what reindex computes
            assert (t.search_text, t.lead_key, t.content_key) == stored


def test_group_members_by_kind_are_the_active_agencies_of_that_kind(demo_ctx: AppContext) -> None:
    assert demo_ctx.db is not None
    checked = 0
    with demo_ctx.db.reading() as s:
        for name, kind in DEFAULT_GROUPS:
            g = s.scalar(select(AgencyGroup).where(AgencyGroup.name_key == fold(name)))
            if g is None or kind is None:
                continue
            got = members(s, g)
            want = sorted_vn(  # in Vietnamese order of name
                s.scalars(select(Agency).where(Agency.kind == kind, Agency.active.is_(True))),
                key=lambda a: a.name,
            )
            assert [a.id for a in got] == [a.id for a in want]
            assert all(a.active and a.kind == kind for a in got)
            checked += len(got)
        listed = {r.name: r.member_count for r in demo_ctx.agencies.list_groups()}
        for g in s.scalars(select(AgencyGroup)):
            assert listed[g.name] == len(members(s, g))
    assert checked > 10


def _stored_gaps(ctx: AppContext) -> dict[int, int]:
    assert ctx.db is not None
    with ctx.db.reading() as s:
        return {t_id: n for t_id, n in s.execute(select(Task.id, Task.gaps))}


def test_stored_gaps_count_the_missing_criteria_the_list_shows(demo_ctx: AppContext) -> None:
    """Task.gaps (the «06 rõ» sort key) is len(missing) for every task the bulk import wrote,
    and stays so when a task loses its lead and product or gains them back."""
    rows = demo_ctx.tasks.page(TaskFilter(), 0, 10_000)
    stored = _stored_gaps(demo_ctx)
    assert {r.id: len(r.missing) for r in rows} == stored
    assert len(set(stored.values())) > 1  # the demo has tasks with and without gaps
    directive_id = rows[0].directive_id
    bare = TaskInput(directive_id=directive_id, content="Nhiệm vụ thử", deadline_text="Trước ngày 30/12/2026")
    task_id = demo_ctx.tasks.save(bare).value  # no lead (rõ người, rõ trách nhiệm), no product
    after = next(r for r in demo_ctx.tasks.page(TaskFilter(), 0, 10_000) if r.id == task_id)
    assert len(after.missing) == 3 == _stored_gaps(demo_ctx)[task_id]
    snv = demo_ctx.agencies.resolve_or_fail("Sở Nội vụ")
    demo_ctx.tasks.save(TaskInput(**{**bare.__dict__, "id": task_id, "lead": [snv], "product": "Báo cáo"}))
    assert _stored_gaps(demo_ctx)[task_id] == 0


def test_list_sorted_by_clarity_is_gaps_then_id(demo_ctx: AppContext) -> None:
    rows = demo_ctx.tasks.page(TaskFilter(), 0, 10_000)
    want = [r.id for r in sorted(rows, key=lambda r: (len(r.missing), r.id))]
    for descending in (False, True):
        sort = TaskSort(TaskSortKey.CLARITY, descending=descending)
        got: list[int] = []
        after = None
        while page := demo_ctx.tasks.page_after(TaskFilter(), after, 7, sort):
            got += [r.id for r in page]
            after = page[-1].order
        assert got == (want[::-1] if descending else want)
