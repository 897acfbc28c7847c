"""The task list sorted in SQL: every column, up and down, paged by keyset on (key, id);
Vietnamese order of lead agencies; days overdue on a hand-made case (as-of date fixed)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest

from app.context import AppContext
from app.dto import (
    AgencyInput,
    DirectiveInput,
    PartyRef,
    ReportInput,
    TaskFilter,
    TaskInput,
    TaskRow,
    TaskSort,
    TaskSortKey,
)
from app.services.task_query import NEVER
from models.status import SEVERITY, Status
from models.vn_collation import sort_key, sorted_vn, stored_key
from tests.conftest import TODAY

# run on SQLite and on PostgreSQL (tests/conftest.py)
BOTH_ENGINES = True

EVERY_SORT = [TaskSort(k, d) for k in TaskSortKey if k is not TaskSortKey.LIST for d in (False, True)]


def walk(ctx: AppContext, flt: TaskFilter, sort: TaskSort, limit: int) -> list[TaskRow]:
    out: list[TaskRow] = []
    after: tuple[Any, ...] | None = None
    while True:
        page = ctx.tasks.page_after(flt, after, limit, sort)
        out += page
        if len(page) < limit:
            return out
        after = page[-1].order


def expected_key(row: TaskRow, key: TaskSortKey) -> tuple[Any, ...]:
    """What the SQL key should be, recomputed in Python from what the row shows."""
    due = row.next_due or NEVER
    if key is TaskSortKey.LEAD:
        return (stored_key(row.lead),)
    if key is TaskSortKey.CONTENT:
        return (stored_key(row.content),)
    if key is TaskSortKey.DIRECTIVE:
        return (sort_key(row.directive_number), row.seq)
    if key is TaskSortKey.DEADLINE:
        return (due,)
    if key is TaskSortKey.STATUS:
        return (SEVERITY.index(row.status), due)
    if key is TaskSortKey.OVERDUE:
        # not overdue before any number of days
        return (row.overdue_days if row.overdue_days is not None else -1,)
    if key is TaskSortKey.CLARITY:
        return (len(row.missing),)
    raise AssertionError(key)


def filters(ctx: AppContext) -> list[TaskFilter]:
    police = ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
    return [
        TaskFilter(),
        TaskFilter(agency_id=police),
        TaskFilter(statuses=(Status.OVERDUE, Status.NOT_DUE)),
        TaskFilter(search="chuyen doi so"),
    ]


@pytest.mark.parametrize("sort", EVERY_SORT, ids=lambda s: f"{s.key}-{'desc' if s.descending else 'asc'}")
def test_every_sort_pages_by_keyset_in_the_order_the_rows_show(demo_ctx: AppContext, sort: TaskSort) -> None:
    for flt in filters(demo_ctx):
        whole = demo_ctx.tasks.page_after(flt, None, 1000, sort)
        assert whole, flt
        # first page, then each next page from the last row's key, equal the whole list
        assert [r.id for r in walk(demo_ctx, flt, sort, 7)] == [r.id for r in whole]
        assert {r.id for r in whole} == {r.id for r in demo_ctx.tasks.page_after(flt, None, 1000)}
        keys = [expected_key(r, sort.key) for r in whole]
        wanted = sorted(keys, reverse=sort.descending)
        # overdue runs the other way in SQL (by the date), so its ties run the other way too
        assert keys == wanted, (flt, sort)
        # ties broken by id, in the direction the SQL walks
        down = sort.descending != (sort.key is TaskSortKey.OVERDUE)
        for a, b in itertools.pairwise(whole):
            if expected_key(a, sort.key) == expected_key(b, sort.key):
                assert (a.id > b.id) if down else (a.id < b.id), (flt, sort, a.id, b.id)


@pytest.mark.parametrize("sort", EVERY_SORT[::3], ids=str)
def test_rows_in_filter_carry_the_same_sort_key_as_the_pages(demo_ctx: AppContext, sort: TaskSort) -> None:
    flt = TaskFilter()
    whole = demo_ctx.tasks.page_after(flt, None, 1000, sort)
    some = [r.id for r in whole[::5]]
    fresh = demo_ctx.tasks.rows_in_filter(flt, some, sort)
    by_id = {r.id: r.order for r in whole}
    assert [r.id for r in fresh] == [r.id for r in whole if r.id in set(some)]
    assert all(r.order == by_id[r.id] for r in fresh)


NAMES = [
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Đảng ủy các cơ quan Đảng tỉnh",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Dân tộc và Tôn giáo",
    "Sở Y tế",
]


def _party(ctx: AppContext, name: str) -> PartyRef:
    ctx.agencies.save(AgencyInput(name=name))
    return ctx.agencies.resolve_or_fail(name)


def test_lead_agencies_sort_in_vietnamese_order_up_and_down(ctx: AppContext) -> None:
    d = ctx.directives.save(DirectiveInput(number="1/KH-BCĐ", kind="KH", issued_on=date(2026, 4, 10))).value
    parties = {n: _party(ctx, n) for n in NAMES}
    ids = {n: ctx.tasks.save(TaskInput(d, f"Việc của {n}", [parties[n]])).value for n in NAMES}
    up = [r.lead for r in ctx.tasks.page_after(TaskFilter(), None, 100, TaskSort(TaskSortKey.LEAD))]
    assert (
        up
        == sorted_vn(NAMES)
        == [
            "Ban Tổ chức Tỉnh ủy",
            "Ban Tuyên giáo Tỉnh ủy",
            "Dân tộc và Tôn giáo",
            "Đảng ủy các cơ quan Đảng tỉnh",
            "Sở Y tế",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            "Văn phòng Ủy ban nhân dân tỉnh",
        ]
    )
    down = ctx.tasks.page_after(TaskFilter(), None, 100, TaskSort(TaskSortKey.LEAD, descending=True))
    assert [r.lead for r in down] == up[::-1]
    # renaming an agency re-sorts its tasks (the stored key follows the name)
    y_te = parties["Sở Y tế"]
    assert y_te.agency_id is not None
    ctx.agencies.save(AgencyInput(name="Ăn uống an toàn", id=y_te.agency_id))
    first = ctx.tasks.page_after(TaskFilter(), None, 1, TaskSort(TaskSortKey.LEAD))[0]
    assert first.id == ids["Sở Y tế"] and first.lead == "Ăn uống an toàn"


def test_days_overdue_on_a_hand_made_case(ctx: AppContext) -> None:
    """As of 24/11/2026: a one-off deadline of 30/06/2026 not done is 147 days overdue; a monthly
    duty reported for its first months counts from the first month missed; done or not yet due
    tasks are not overdue. Sorting by days overdue puts them in that order."""
    d = ctx.directives.save(DirectiveInput(number="2/KH-BCĐ", kind="KH", issued_on=date(2026, 4, 10))).value
    lead = _party(ctx, "Sở Khoa học và Công nghệ")
    once = ctx.tasks.save(TaskInput(d, "Đề án", [lead], [], "Trước ngày 30/6/2026", "Đề án")).value
    monthly = ctx.tasks.save(
        TaskInput(d, "Báo cáo tháng", [lead], [], "Trước ngày 25 hằng tháng", "Báo cáo")
    ).value
    done = ctx.tasks.save(TaskInput(d, "Kế hoạch", [lead], [], "Trước ngày 31/5/2026", "Kế hoạch")).value
    later = ctx.tasks.save(TaskInput(d, "Tổng kết", [lead], [], "Trước ngày 31/12/2027", "Báo cáo")).value
    aid = ctx.tasks.get(monthly).assignments[0].id
    for month in (4, 5, 6):  # April, May and June reported on time; July (25/07) is the first missed
        ctx.reports.add(ReportInput(aid, date(2026, month, 20), "Đã báo cáo", done=True))
    ctx.reports.add(ReportInput(ctx.tasks.get(done).assignments[0].id, date(2026, 5, 30), "Xong", done=True))
    rows = {r.id: r for r in ctx.tasks.page_after(TaskFilter(), None, 100)}
    assert date(2026, 11, 24) == TODAY
    assert rows[once].overdue_days == (TODAY - date(2026, 6, 30)).days == 147
    assert rows[monthly].next_due == date(2026, 7, 25)
    assert rows[monthly].overdue_days == (TODAY - date(2026, 7, 25)).days == 122
    assert rows[done].overdue_days is None and rows[done].status is Status.DONE_ON_TIME
    assert rows[later].overdue_days is None and rows[later].status is Status.NOT_DUE
    most_first = ctx.tasks.page_after(TaskFilter(), None, 100, TaskSort(TaskSortKey.OVERDUE, descending=True))
    assert [r.id for r in most_first] == [once, monthly, done, later]  # not overdue: by id
    fewest_first = ctx.tasks.page_after(TaskFilter(), None, 100, TaskSort(TaskSortKey.OVERDUE))
    assert [r.id for r in fewest_first] == [later, done, monthly, once]
    # the agency page: the agency's longest overdue assignment
    agency = next(a for a in ctx.agencies.list_agencies() if a.name == "Sở Khoa học và Công nghệ")
    assert agency.overdue_count == 2 and agency.overdue_days == 147
