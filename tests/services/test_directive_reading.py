"""Registering a read directive: one transaction for the directive, its original file, the cited
documents chosen for registration and the tasks; nothing when any part is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from app.context import AppContext
from app.directive_text.review import (
    ReadDirectiveInput,
    bare_directive,
    resolve_name,
    review_tasks,
    task_inputs,
    unresolved_names,
)
from app.dto import DirectiveInput, TaskFilter
from app.errors import ValidationError
from tests.conftest import SHARED

SEED = SHARED / "seeds" / "cv-420-TU-2026.txt"


@pytest.fixture
def office(ctx: AppContext) -> AppContext:
    ctx.agencies.import_catalogue(SHARED / "fixtures" / "appendix" / "danh-muc-co-quan.xlsx")
    ctx.agencies.ensure_default_groups()
    return ctx


def _input(ctx: AppContext, path: Path = SEED) -> tuple[ReadDirectiveInput, int]:
    draft = ctx.directive_reading.read_file(path)
    tasks = review_tasks(draft, ctx.directive_reading.resolve_names)
    for name in unresolved_names(tasks):
        resolve_name(tasks, name, None)  # the officer drops what the database does not know
    refs = ctx.directive_reading.references(draft)
    h = draft.header
    data = ReadDirectiveInput(
        DirectiveInput(
            number=h.number or "",
            kind=h.kind or "CV",
            issuer=h.issuer,
            issued_on=h.issued_on,
            subject=h.subject,
            citations=[r.number for r in refs],
            original_file=path,
        ),
        task_inputs(tasks),
        # the officer ticks two of the offered references for registration
        [
            bare_directive(r)
            for r in refs
            if r.directive_id is None and r.number in {"57-NQ/TW", "1734-CV/VPTW"}
        ],
    )
    return data, len(tasks)


def test_register_writes_directive_tasks_file_and_chosen_references(office: AppContext) -> None:
    data, n = _input(office)
    assert n >= 10
    result = office.directive_reading.register(data)
    d = office.directives.get(result.value)
    assert (d.number, d.task_count, d.file_name) == ("420-CV/TU", n, SEED.name)
    assert d.file_sha256 is not None
    numbers = {r.number for r in office.directives.list_directives(with_counts=False)}
    assert {"420-CV/TU", "57-NQ/TW", "1734-CV/VPTW"} <= numbers  # the two registered bare
    assert "01-CTr/BCĐ" not in numbers  # not chosen: only cited
    linked = {c.number: c.directive_id for c in d.citations}
    assert linked["57-NQ/TW"] is not None and linked["01-CTr/BCĐ"] is None
    assert result.changes.tasks and result.changes.directives
    rows = office.tasks.page(TaskFilter(directive_id=d.id), 0, 500)
    assert len(rows) == n
    dated = [r for r in rows if r.deadline_text]
    assert dated, "the block deadlines reach the tasks"


def test_register_stores_the_original_bytes(office: AppContext, tmp_path: Path) -> None:
    data, _ = _input(office)
    d_id = office.directive_reading.register(data).value
    copy = office.directives.export_original(d_id, tmp_path)
    assert copy.read_bytes() == SEED.read_bytes()


def test_a_refused_task_writes_nothing(office: AppContext) -> None:
    data, _ = _input(office)
    data.tasks[3].content = "   "
    with pytest.raises(ValidationError, match="Nhiệm vụ 4"):
        office.directive_reading.register(data)
    assert office.directives.list_directives() == []


def test_a_number_already_registered_writes_nothing(office: AppContext) -> None:
    data, _ = _input(office)
    office.directives.save(DirectiveInput(number="420-CV/TU"))
    with pytest.raises(ValidationError, match="đã có trong sổ"):
        office.directive_reading.register(data)
    assert [d.number for d in office.directives.list_directives()] == ["420-CV/TU"]


def test_an_unresolved_agency_cannot_reach_the_database(office: AppContext) -> None:
    text = (
        "UBND TỈNH X\nSố: 5/KH-UBND\n" + "Căn cứ " * 40 + ":\n"
        "1. Sở Không Có Thật chủ trì xây dựng kế hoạch. Hoàn thành trước ngày 30/6/2026.\n"
    )
    draft = office.directive_reading.read_text(text)
    tasks = review_tasks(draft, office.directive_reading.resolve_names)
    assert unresolved_names(tasks)
    with pytest.raises(ValueError):
        task_inputs(tasks)


def test_references_known_are_linked(office: AppContext) -> None:
    office.directives.save(DirectiveInput(number="57-NQ/TW", kind="NQ"))
    draft = office.directive_reading.read_file(SEED)
    refs = {r.number: r for r in office.directive_reading.references(draft)}
    assert refs["57-NQ/TW"].directive_id is not None
    assert refs["1734-CV/VPTW"].directive_id is None
    assert refs["1734-CV/VPTW"].cited_on is not None


def test_a_default_group_missing_from_an_older_database_is_created_on_save(ctx: AppContext) -> None:
    """A database whose catalogue was loaded before a group joined the defaults: the letter's
    "các cấp ủy, tổ chức đảng, cơ quan, đơn vị" needs no resolving, and Save creates the group."""
    ctx.agencies.import_catalogue(SHARED / "fixtures" / "appendix" / "danh-muc-co-quan.xlsx")
    group = "Các cấp ủy, tổ chức đảng, cơ quan, đơn vị"
    with ctx.db.transaction() as s:  # as the database was before the group was shipped
        s.execute(text("DELETE FROM agency_group WHERE name = :n"), {"n": group})
    assert group not in {g.name for g in ctx.agencies.list_groups()}
    draft = ctx.directive_reading.read_file(SEED)
    tasks = review_tasks(draft, ctx.directive_reading.resolve_names)
    assert group not in unresolved_names(tasks)
    for name in unresolved_names(tasks):
        resolve_name(tasks, name, None)
    h = draft.header
    data = ReadDirectiveInput(
        DirectiveInput(number=h.number or "", kind="CV", issued_on=h.issued_on, subject=h.subject or ""),
        task_inputs(tasks),
    )
    d = ctx.directives.get(ctx.directive_reading.register(data).value)
    groups = {g.name: g.id for g in ctx.agencies.list_groups()}
    assert group in groups
    rows = ctx.tasks.page(TaskFilter(directive_id=d.id), 0, 500)
    assert sum(r.lead == group for r in rows) == 3
