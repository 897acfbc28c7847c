"""Preview then commit into a real database: one transaction, no duplicates on re-import."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.changes import Subject
from app.context import AppContext
from app.dto import PartyRef, ReportInput, TaskInput
from app.errors import UserError
from app.services.importing import commit as commit_module
from app.services.importing.preview_types import Decision, RowStatus
from models.entities import Agency, AgencyAlias, Assignment, Directive, Indicator, Role, Task
from models.textfold import fold
from tests.appendix.builder import build, expected
from tests.cli_run import run_cli

# run on SQLite and on PostgreSQL (tests/conftest.py)
BOTH_ENGINES = True


def count(ctx: AppContext, table: type) -> int:
    assert ctx.db is not None
    with ctx.db.reading() as s:
        return s.scalar(select(func.count()).select_from(table)) or 0


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return build(tmp_path / "KH125.xlsx")


@pytest.fixture
def seeded(ctx: AppContext) -> AppContext:
    from app.paths import resource

    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    return ctx


def test_preview_then_commit_writes_61_tasks_and_20_indicators(seeded: AppContext, sample: Path) -> None:
    preview = seeded.importer.preview(sample)
    assert preview.directive_id is None and preview.directive_number == "125/KH-BCĐ"
    assert preview.count(RowStatus.NEW) == (61, 20)
    assert preview.unknown == []
    result = seeded.importer.commit(preview, {}).value
    assert (result.tasks_added, result.indicators_added, result.created_directive) == (61, 20, True)
    assert count(seeded, Task) == 61 and count(seeded, Indicator) == 20
    assert "Đã tạo văn bản 125/KH-BCĐ" in result.summary()
    rows = seeded.tasks.page(__import__("app.dto").dto.TaskFilter(), 0, 100)
    first = next(r for r in rows if r.seq == 1)
    assert first.lead == "Sở Khoa học và Công nghệ"
    assert first.cooperating == "Văn phòng Ủy ban nhân dân tỉnh; Công an tỉnh; Sở Nội vụ"


def test_imported_task_matches_what_task_service_save_computes(seeded: AppContext, sample: Path) -> None:
    """search_text, sort keys, deadline JSON and cached progress are those TaskService.save would store."""
    seeded.importer.commit(seeded.importer.preview(sample), {})
    assert seeded.db is not None
    with seeded.db.reading() as s:
        imported = {
            t.seq: (
                t.search_text,
                t.lead_key,
                t.content_key,
                t.deadline,
                t.deadline_kind,
                t.first_unmet,
                t.completed,
                t.completed_late,
            )
            for t in s.scalars(select(Task))
        }
        ids = {t.seq: t.id for t in s.scalars(select(Task))}
    for seq in (1, 2, 3, 11, 13, 52):
        detail = seeded.tasks.get(ids[seq])
        parties = {r: [a.party for a in detail.assignments if a.role == r] for r in ("lead", "coop")}
        seeded.tasks.save(
            TaskInput(
                id=detail.id,
                directive_id=detail.directive_id,
                content=detail.content,
                lead=[PartyRef(p.name, p.agency_id, p.group_id) for p in parties["lead"]],
                cooperating=[PartyRef(p.name, p.agency_id, p.group_id) for p in parties["coop"]],
                deadline_text=detail.deadline_text,
                product=detail.product,
                group_code=detail.group_code,
                group_title=detail.group_title,
                seq=detail.seq,
            )
        )
        with seeded.db.reading() as s:
            t = s.get(Task, ids[seq])
            assert t is not None
            assert (
                t.search_text,
                t.lead_key,
                t.content_key,
                t.deadline,
                t.deadline_kind,
                t.first_unmet,
                t.completed,
                t.completed_late,
            ) == (imported[seq])


def test_importing_again_creates_no_duplicates_and_reports_updates(
    seeded: AppContext, tmp_path: Path
) -> None:
    first = build(tmp_path / "v1.xlsx")
    seeded.importer.commit(seeded.importer.preview(first), {})
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[0]["deadline_text"] = "Tháng 5/2026"
    tasks[1]["product"] = "Thông báo kết luận"
    tasks.append({**tasks[-1], "seq": 62, "index_in_group": 4, "content": "Nhiệm vụ bổ sung về VNeID"})
    second = build(tmp_path / "v2.xlsx", tasks=tasks)
    preview = seeded.importer.preview(second)
    assert preview.directive_id is not None
    assert preview.count(RowStatus.NEW) == (1, 0)
    assert preview.count(RowStatus.UPDATED) == (2, 0)
    assert preview.count(RowStatus.UNCHANGED) == (59, 20)
    changes = {c.field: (c.old, c.new) for t in preview.tasks for c in t.changes}
    assert changes == {
        "deadline_text": ("Tháng 4/2026", "Tháng 5/2026"),
        "product": ("Thông báo kết luận phiên họp", "Thông báo kết luận"),
    }
    result = seeded.importer.commit(preview, {}).value
    assert (result.tasks_added, result.tasks_updated, result.tasks_unchanged) == (1, 2, 59)
    assert count(seeded, Task) == 62 and count(seeded, Directive) == 1 and count(seeded, Indicator) == 20
    again = seeded.importer.preview(second)
    assert again.count(RowStatus.UNCHANGED) == (62, 20)


def test_failure_in_the_middle_of_commit_leaves_the_database_unchanged(
    seeded: AppContext, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = [count(seeded, t) for t in (Directive, Task, Indicator, Agency, Assignment)]
    preview = seeded.importer.preview(sample)

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(commit_module, "write_indicators", explode)
    with pytest.raises(RuntimeError):
        seeded.importer.commit(preview, {})
    assert [count(seeded, t) for t in (Directive, Task, Indicator, Agency, Assignment)] == before


def test_invalid_decision_rolls_everything_back(seeded: AppContext, tmp_path: Path) -> None:
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[60]["lead"] = "Phòng Cảnh sát PCCC"
    preview = seeded.importer.preview(build(tmp_path / "a.xlsx", tasks=tasks))
    assert [m.written for m in preview.unknown] == ["Phòng Cảnh sát PCCC"]
    before = [count(seeded, t) for t in (Directive, Task, Indicator, Agency)]
    with pytest.raises(UserError, match="Chưa chọn cách xử lý"):
        seeded.importer.commit(preview, {})
    with pytest.raises(UserError, match="không còn trong danh mục"):
        seeded.importer.commit(preview, {fold("Phòng Cảnh sát PCCC"): Decision(agency_id=99999)})
    assert [count(seeded, t) for t in (Directive, Task, Indicator, Agency)] == before


def test_unknown_agency_mapped_to_existing_is_remembered_as_alias(seeded: AppContext, tmp_path: Path) -> None:
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[60]["lead"] = "CA Hưng Yên"
    preview = seeded.importer.preview(build(tmp_path / "a.xlsx", tasks=tasks))
    police = seeded.agencies.resolve_or_fail("Công an tỉnh")
    result = seeded.importer.commit(
        preview, {fold("CA Hưng Yên"): Decision(agency_id=police.agency_id)}
    ).value
    assert result.aliases_added == ["CA Hưng Yên → Công an tỉnh"]
    assert seeded.agencies.resolve("ca hung yen") == police
    assert count(seeded, Agency) == 28


def test_unknown_agency_created_as_new(seeded: AppContext, tmp_path: Path) -> None:
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[60]["cooperating"] = ["Phòng Cảnh sát PCCC"]
    preview = seeded.importer.preview(build(tmp_path / "a.xlsx", tasks=tasks))
    result = seeded.importer.commit(preview, preview.default_decisions()).value
    assert result.agencies_created == ["Phòng Cảnh sát PCCC"]
    assert seeded.agencies.resolve("Phòng Cảnh sát PCCC") is not None
    assert count(seeded, AgencyAlias) > 0


def test_target_directive_can_be_another_one(demo_ctx: AppContext, sample: Path) -> None:
    other = demo_ctx.directives.find_by_number("420-CV/TU")
    assert other is not None
    preview = demo_ctx.importer.preview(sample, directive_id=other)
    assert preview.directive_number == "420-CV/TU"
    demo_ctx.importer.retarget(preview, None)
    assert preview.directive_number == "125/KH-BCĐ"
    demo_ctx.importer.retarget(preview, other)
    before = count(demo_ctx, Task)
    result = demo_ctx.importer.commit(preview, preview.default_decisions()).value
    assert result.directive_number == "420-CV/TU" and not result.created_directive
    assert count(demo_ctx, Task) == before + result.tasks_added


def test_preview_edit_resolves_an_unknown_agency(seeded: AppContext, tmp_path: Path) -> None:
    from app.services.importing.cell_edits import edit_task

    tasks = copy.deepcopy(expected()["tasks"])
    tasks[0]["lead"] = "Sở Khoa học Công nghệ"
    preview = seeded.importer.preview(build(tmp_path / "a.xlsx", tasks=tasks))
    assert len(preview.unknown) == 1
    edit_task(preview, 0, "lead", "Sở KH&CN")
    assert preview.unknown == []
    assert not [i for i in preview.parse.issues if i.kind.value == "unknown_agency"]
    edit_task(preview, 0, "deadline_text", "30/6/2026")
    assert preview.tasks[0].parsed.to_json()["due"] == "2026-06-30"


def test_cli_import_into_a_new_database_then_again(
    tmp_path: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "moi.sqlite"
    run = ["--db", str(db), "import", str(sample)]
    refused = run_cli(capsys, *run)  # the KH125 title has no "về …": no subject to read
    assert refused.returncode == 2 and "--subject" in refused.stderr and refused.stdout == ""
    first = run_cli(capsys, *run, "--subject", "Hoạt động năm 2026 của Ban Chỉ đạo")
    assert first.returncode == 0, first.stderr
    assert "thêm 61" in first.stdout and "thêm 20" in first.stdout
    second = run_cli(capsys, *run)  # into the existing directive: no subject needed
    assert second.returncode == 0, second.stderr
    assert "thêm 0, cập nhật 0, giữ nguyên 61" in second.stdout
    listed = run_cli(capsys, "--db", str(db), "tasks", "--json", "--agency", "Sở KH&CN")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) > 20


def test_one_new_agency_written_two_ways_is_created_once(seeded: AppContext, tmp_path: Path) -> None:
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[59]["lead"] = "UBND tỉnh"
    tasks[60]["lead"] = "Ủy ban nhân dân tỉnh"
    preview = seeded.importer.preview(build(tmp_path / "a.xlsx", tasks=tasks))
    result = seeded.importer.commit(preview, preview.default_decisions()).value
    assert len(result.agencies_created) == 1
    assert count(seeded, Agency) == 29
    a = seeded.agencies.resolve_or_fail("UBND tỉnh")
    assert a == seeded.agencies.resolve_or_fail("Ủy ban nhân dân tỉnh")


def test_commit_names_what_it_changed(seeded: AppContext, tmp_path: Path) -> None:
    """A first import inserts in bulk (the whole list reloads); a re-import that only updates
    rows names exactly the updated tasks."""
    first = seeded.importer.commit(seeded.importer.preview(build(tmp_path / "v1.xlsx")), {})
    assert first.value.tasks_added == 61
    assert first.changes.all_tasks
    assert first.changes.touches(Subject.DIRECTIVES, Subject.INDICATORS, Subject.TASKS)
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[0]["deadline_text"] = "Tháng 5/2026"
    tasks[1]["product"] = "Thông báo kết luận"
    preview = seeded.importer.preview(build(tmp_path / "v2.xlsx", tasks=tasks))
    updated = {t.existing_id for t in preview.tasks if t.status is RowStatus.UPDATED}
    assert len(updated) == 2
    second = seeded.importer.commit(preview, {})
    assert (second.value.tasks_added, second.value.tasks_updated) == (0, 2)
    assert not second.changes.all_tasks
    assert second.changes.task_ids == updated
    assert not second.changes.indicators and not second.changes.directives


def test_reimport_keeps_a_party_that_has_reported(seeded: AppContext, tmp_path: Path) -> None:
    seeded.importer.commit(seeded.importer.preview(build(tmp_path / "v1.xlsx")), {})
    assert seeded.db is not None
    with seeded.db.reading() as s:
        first = s.scalar(select(Task).where(Task.seq == 1))
        assert first is not None
        task_id = first.id
        reported = next(a.id for a in first.assignments if a.role == Role.LEAD.value)
    seeded.reports.add(ReportInput(assignment_id=reported, received_on=date(2026, 5, 2), text="Đã ban hành"))
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[0]["lead"] = "Sở Tài chính"
    preview = seeded.importer.preview(build(tmp_path / "v2.xlsx", tasks=tasks))
    assert preview.tasks[0].status is RowStatus.UPDATED
    assert seeded.importer.commit(preview, {}).value.tasks_updated == 1
    detail = seeded.tasks.get(task_id)
    parties = [(a.role, a.party.name, a.report_count) for a in detail.assignments]
    assert ("lead", "Sở Tài chính", 0) in parties
    assert ("lead", "Sở Khoa học và Công nghệ", 1) in parties  # its report is evidence
    assert [p[1] for p in parties if p[0] == Role.COOPERATING.value] == [
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Công an tỉnh",
        "Sở Nội vụ",
    ]
    with seeded.db.reading() as s:
        searched = s.get(Task, task_id).search_text  # type: ignore[union-attr]
    assert fold("Sở Tài chính") in searched and fold("Sở Khoa học và Công nghệ") in searched
