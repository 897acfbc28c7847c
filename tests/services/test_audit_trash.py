"""The audit trail (who, when, what: old → new) and the trash (30 days, restorable).

Every change goes through the unit of work's recorder (app/audit.py), so these tests change
records through the services, as the window and the CLI do, and read the trail back.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from app.actor import current_actor, workstation_user
from app.audit_dto import AuditRow, HistoryFilter
from app.context import AppContext
from app.dto import AgencyInput, DirectiveInput, IndicatorInput, PartyRef, ReportInput, TaskInput
from app.errors import UserError
from app.paths import evidence_dir_for
from models.audit import TrashEntry
from tests.cli_run import run_cli
from tests.conftest import TODAY

ME = workstation_user()
BOTH_ENGINES = True  # the audit trail and the trash on SQLite and on PostgreSQL


def trail(ctx: AppContext, **kw: object) -> list[AuditRow]:
    return ctx.history.entries(HistoryFilter(**kw))  # type: ignore[arg-type]


def changes(rows: list[AuditRow], entity: str) -> dict[str, tuple[str | None, str | None]]:
    return {r.field: (r.old_value, r.new_value) for r in rows if r.entity == entity and r.action == "update"}


@pytest.fixture
def office(ctx: AppContext) -> tuple[AppContext, int, int, int]:
    """A directive, an agency and a task led by it."""
    agency = ctx.agencies.save(AgencyInput(name="Sở Khoa học và Công nghệ", short_name="KHCN")).value
    directive = ctx.directives.save(
        DirectiveInput(number="125/KH-BCĐ", kind="KH", issued_on=TODAY - timedelta(days=100))
    ).value
    task = ctx.tasks.save(
        TaskInput(
            directive_id=directive,
            content="Xây dựng cơ sở dữ liệu",
            lead=[PartyRef("Sở Khoa học và Công nghệ", agency_id=agency)],
            deadline_text="Quý IV/2026",
        )
    ).value
    return ctx, directive, agency, task


def me(ctx: AppContext) -> str:
    """Who this test's changes are recorded as: the OS user at this machine on SQLite, the
    signed-in role on PostgreSQL."""
    assert ctx.db is not None
    return ME if ctx.db.engine.dialect.name == "sqlite" else str(ctx.db.engine.url.username)


def test_actor_is_user_at_host_on_sqlite_and_the_role_on_postgresql(ctx: AppContext) -> None:
    assert ctx.db is not None
    assert current_actor(ctx.db.engine) == me(ctx)
    with ctx.db.reading() as s:
        assert current_actor(s) == me(ctx)
    if ctx.db.engine.dialect.name == "sqlite":
        assert "@" in ME
    else:
        with ctx.db.reading() as s:
            assert me(ctx) == s.execute(text("SELECT current_user")).scalar_one()


def test_creations_are_recorded_with_who_and_context(office: tuple[AppContext, int, int, int]) -> None:
    ctx, directive, agency, task = office
    rows = trail(ctx)
    created = {(r.entity, r.entity_id): r for r in rows if r.action == "create"}
    assert created[("directive", directive)].new_value == "125/KH-BCĐ"
    assert created[("agency", agency)].new_value == "Sở Khoa học và Công nghệ"
    t = created[("task", task)]
    assert (t.new_value, t.directive_id, t.task_id) == ("Xây dựng cơ sở dữ liệu", directive, task)
    lead = next(r for r in rows if r.entity == "assignment" and r.action == "create")
    assert (lead.new_value, lead.task_id, lead.directive_id) == (
        "Chủ trì: Sở Khoa học và Công nghệ",
        task,
        directive,
    )
    assert {r.actor for r in rows} == {me(ctx)}
    assert all(abs(r.at - datetime.now()) < timedelta(minutes=5) for r in rows)
    # derived caches (search text, sort keys, cached progress) are never listed as changes
    assert not {r.field for r in rows} & {"search_text", "lead_key", "first_unmet", "number_key", "gaps"}


def test_directive_update_records_each_field_old_to_new(office: tuple[AppContext, int, int, int]) -> None:
    ctx, directive, _agency, _task = office
    before = ctx.directives.get(directive)
    ctx.directives.save(
        DirectiveInput(
            number="126/KH-BCĐ", kind="KH", issued_on=before.issued_on, subject="Chuyển đổi số", id=directive
        )
    )
    got = changes(trail(ctx, directive_id=directive), "directive")
    assert got == {"number": ("125/KH-BCĐ", "126/KH-BCĐ"), "subject": ("", "Chuyển đổi số")}
    # saving again unchanged records nothing, and rewritten citations are no change
    n = len(trail(ctx))
    ctx.directives.save(
        DirectiveInput(
            number="126/KH-BCĐ", kind="KH", issued_on=before.issued_on, subject="Chuyển đổi số", id=directive
        )
    )
    assert len(trail(ctx)) == n


def test_task_update_and_history_of_the_task(office: tuple[AppContext, int, int, int]) -> None:
    ctx, directive, agency, task = office
    ctx.tasks.save(
        TaskInput(
            id=task,
            directive_id=directive,
            content="Xây dựng kho dữ liệu",
            lead=[PartyRef("Sở Khoa học và Công nghệ", agency_id=agency)],
            deadline_text="Trước 31/12/2026",
        )
    )
    got = changes(ctx.history.for_task(task), "task")
    assert got["content"] == ("Xây dựng cơ sở dữ liệu", "Xây dựng kho dữ liệu")
    assert got["deadline_text"] == ("Quý IV/2026", "Trước 31/12/2026")
    assert "deadline" not in got and "deadline_kind" not in got


def test_report_create_update_delete(office: tuple[AppContext, int, int, int], tmp_path: Path) -> None:
    ctx, _directive, _agency, task = office
    assignment = ctx.tasks.get(task).assignments[0].id
    proof = tmp_path / "Báo cáo.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    rid = ctx.reports.add(
        ReportInput(
            assignment_id=assignment, received_on=TODAY, text="Đang làm", percent=40, evidence_files=[proof]
        )
    ).value
    rows = ctx.history.for_task(task)
    assert {(r.entity, r.action) for r in rows} >= {("report", "create"), ("evidence", "create")}
    assert next(r for r in rows if r.entity == "evidence").new_value == "Báo cáo.pdf"
    ctx.reports.delete(rid)
    deleted = [r for r in ctx.history.for_task(task) if r.action == "delete"]
    # one entry: the evidence went with its report and is not listed on its own
    assert [(r.entity, r.entity_id) for r in deleted] == [("report", rid)]
    assert deleted[0].new_value is not None and deleted[0].new_value.startswith("Thùng rác #")
    assert "1 tệp minh chứng" in deleted[0].new_value


def test_agency_update_and_delete(ctx: AppContext) -> None:
    a = ctx.agencies.save(AgencyInput(name="Sở Nội vụ", short_name="SNV")).value
    ctx.agencies.save(AgencyInput(name="Sở Nội vụ", short_name="NV", active=False, id=a))
    got = changes(trail(ctx), "agency")
    assert got == {"short_name": ("SNV", "NV"), "active": ("có", "không")}
    ctx.agencies.delete(a)
    gone = [r for r in trail(ctx) if r.action == "delete"]
    assert [(r.entity, r.entity_id, r.old_value) for r in gone] == [("agency", a, "Sở Nội vụ")]


def test_indicator_create_update_delete(office: tuple[AppContext, int, int, int]) -> None:
    ctx, directive, agency, _task = office
    lead = [PartyRef("Sở Khoa học và Công nghệ", agency_id=agency)]
    ind = ctx.indicators.save(
        IndicatorInput(
            name="Tỷ lệ hồ sơ trực tuyến", unit="%", target="80", directive_id=directive, lead=lead
        )
    ).value
    ctx.indicators.save(
        IndicatorInput(
            name="Tỷ lệ hồ sơ trực tuyến", unit="%", target="90", directive_id=directive, lead=lead, id=ind
        )
    )
    rows = trail(ctx, directive_id=directive)
    assert any(r.entity == "indicator" and r.action == "create" and r.entity_id == ind for r in rows)
    assert changes(rows, "indicator") == {"target": ("80", "90")}
    ctx.indicators.delete(ind)
    gone = [r for r in trail(ctx, directive_id=directive) if r.action == "delete"]
    assert [(r.entity, r.entity_id) for r in gone] == [("indicator", ind)]


def test_failed_change_leaves_no_entry(office: tuple[AppContext, int, int, int]) -> None:
    ctx, _directive, _agency, _task = office
    n = len(trail(ctx))
    with pytest.raises(UserError):
        ctx.directives.save(DirectiveInput(number="125/KH-BCĐ", kind="KH"))  # a duplicate number
    assert len(trail(ctx)) == n


def test_filters_by_person_day_and_directive(office: tuple[AppContext, int, int, int]) -> None:
    ctx, directive, _agency, task = office
    assert ctx.db is not None
    other = ctx.directives.save(DirectiveInput(number="9/CV", kind="CV")).value
    with ctx.db.transaction() as s:  # as if another officer had done it last month
        from models.audit import AuditEntry

        s.execute(
            update(AuditEntry)
            .where(AuditEntry.directive_id == other)
            .values(actor="lan@may-2", at=datetime(2026, 10, 1, 9, 0))
        )
    assert ctx.history.actors() == sorted({me(ctx), "lan@may-2"})
    assert {r.entity_id for r in trail(ctx, actor="lan@may-2")} == {other}
    assert {r.directive_id for r in trail(ctx, directive_id=directive)} == {directive}
    until_oct = trail(ctx, until=datetime(2026, 10, 1).date())
    assert until_oct and all(r.actor == "lan@may-2" for r in until_oct)
    since_oct2 = trail(ctx, since=datetime(2026, 10, 2).date())
    assert since_oct2 and all(r.actor == me(ctx) for r in since_oct2)
    assert all(r.task_id == task for r in ctx.history.for_task(task))


def test_bulk_import_is_one_entry_per_table_with_counts(ctx: AppContext, tmp_path: Path) -> None:
    from app.paths import resource
    from tests.appendix.builder import build

    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    before = len(trail(ctx))
    ctx.importer.commit(ctx.importer.preview(build(tmp_path / "KH125.xlsx")), {})
    rows = trail(ctx)[: len(trail(ctx)) - before]
    imports = {r.entity: r for r in rows if r.action == "import"}
    assert imports["task"].new_value == "61"
    assert imports["task"].directive_id == ctx.directives.find_by_number("125/KH-BCĐ")
    assert int(imports["assignment"].new_value or 0) > 61
    assert not any(r.entity == "task" and r.action == "create" for r in rows)  # no row per task
    assert len(rows) < 200  # 61 tasks, 20 indicators: entries for the indicators, not per field


def _table_counts(path: Path) -> dict[str, int]:
    tables = (
        "directive",
        "task",
        "assignment",
        "report",
        "evidence",
        "indicator",
        "indicator_value",
        "indicator_agency",
        "citation",
        "occurrence_cover",
        "task_fts",
    )
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _evidence_bytes(ctx: AppContext) -> dict[int, str]:
    assert ctx.db is not None
    from models.entities import Evidence

    with ctx.db.reading() as s:
        ids = list(s.scalars(select(Evidence.id)))
    return {i: hashlib.sha256(ctx.reports.evidence_path(i).read_bytes()).hexdigest() for i in ids}


def test_cli_audit_names_who_deleted_a_directive_and_the_trash_brings_it_back(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, db)
    shutil.copytree(evidence_dir_for(demo_template), evidence_dir_for(db))
    with AppContext(db, today=lambda: TODAY) as ctx:
        bytes_before = _evidence_bytes(ctx)
        directive = ctx.directives.find_by_number("125/KH-BCĐ")
        tasks_before = ctx.tasks.count(__import__("app.dto").dto.TaskFilter(directive_id=directive))
    counts_before = _table_counts(db)
    assert counts_before["task"] > 60 and counts_before["report"] > 0 and counts_before["evidence"] > 0

    ran = run_cli(capsys, "--db", str(db), "directive", "delete", "125/KH-BCĐ")
    assert ran.returncode == 0, ran.stderr
    assert "thùng rác" in ran.stdout
    after_delete = _table_counts(db)
    assert after_delete["task"] == counts_before["task"] - tasks_before

    ran = run_cli(capsys, "--db", str(db), "history", "--since", TODAY.strftime("%d/%m/%Y"), "--json")
    assert ran.returncode == 0, ran.stderr
    deleted = [e for e in json.loads(ran.stdout) if e["action"] == "delete" and e["entity"] == "directive"]
    assert len(deleted) == 1
    assert deleted[0]["actor"] == ME and deleted[0]["entity_id"] == directive
    assert deleted[0]["old"] == "125/KH-BCĐ" and f"{tasks_before} nhiệm vụ" in deleted[0]["new"]

    ran = run_cli(capsys, "--db", str(db), "trash", "list", "--json")
    entries = json.loads(ran.stdout)
    assert [(e["entity"], e["entity_id"], e["actor"]) for e in entries] == [("directive", directive, ME)]
    assert entries[0]["counts"]["task"] == tasks_before
    assert (
        entries[0]["expires_on"]
        == (datetime.fromisoformat(entries[0]["deleted_at"]) + timedelta(days=30)).date().isoformat()
    )

    ran = run_cli(capsys, "--db", str(db), "trash", "restore", str(entries[0]["id"]))
    assert ran.returncode == 0, ran.stderr
    assert _table_counts(db) == counts_before
    with AppContext(db, today=lambda: TODAY) as ctx:
        assert ctx.directives.find_by_number("125/KH-BCĐ") == directive
        assert _evidence_bytes(ctx) == bytes_before
        assert ctx.trash.list_entries() == []
        restored = [r for r in trail(ctx, directive_id=directive) if r.action == "restore"]
        assert len(restored) == 1 and restored[0].actor == ME
        # search finds the restored tasks again (the full-text index follows the rows)
        assert ctx.tasks.count(__import__("app.dto").dto.TaskFilter(search="chuyen doi so")) > 0

    ran = run_cli(capsys, "--db", str(db), "trash", "restore", str(entries[0]["id"]))
    assert ran.returncode != 0 and "thùng rác" in ran.stderr


def test_task_restore_brings_back_its_reports_and_status(demo_ctx: AppContext) -> None:
    from app.dto import TaskFilter

    rows = demo_ctx.tasks.page(TaskFilter(), 0, 200)
    with_reports = next(r for r in rows if demo_ctx.reports.list_for_task(r.id))
    n_reports = len(demo_ctx.reports.list_for_task(with_reports.id))
    demo_ctx.tasks.delete(with_reports.id)
    entry = demo_ctx.trash.list_entries()[0]
    assert entry.entity == "task" and entry.counts["report"] == n_reports
    demo_ctx.trash.restore(entry.id)
    back = demo_ctx.tasks.rows([with_reports.id])[0]
    assert (back.status, back.content, back.lead) == (
        with_reports.status,
        with_reports.content,
        with_reports.lead,
    )
    assert len(demo_ctx.reports.list_for_task(with_reports.id)) == n_reports


def test_report_restore_recounts_the_task(demo_ctx: AppContext) -> None:
    from app.dto import TaskFilter

    rows = demo_ctx.tasks.page(TaskFilter(), 0, 200)
    task = next(r for r in rows if any(x.done for x in demo_ctx.reports.list_for_task(r.id)))
    done = next(x for x in demo_ctx.reports.list_for_task(task.id) if x.done)
    demo_ctx.reports.delete(done.id)
    demo_ctx.trash.restore(demo_ctx.trash.list_entries()[0].id)
    assert demo_ctx.tasks.rows([task.id])[0].status == task.status


def test_restore_refuses_a_directive_number_registered_again(
    office: tuple[AppContext, int, int, int],
) -> None:
    ctx, directive, _agency, _task = office
    ctx.directives.delete(directive)
    ctx.directives.save(DirectiveInput(number="125/KH-BCĐ", kind="KH"))
    entry = ctx.trash.list_entries()[0]
    with pytest.raises(UserError, match="đã được đăng ký lại"):
        ctx.trash.restore(entry.id)
    assert ctx.trash.list_entries()[0].id == entry.id  # still there, nothing written


def test_restore_refuses_ids_taken_by_new_records(office: tuple[AppContext, int, int, int]) -> None:
    ctx, directive, agency, task = office
    assert ctx.db is not None
    if ctx.db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL sequences never hand out a freed id again")
    ctx.tasks.delete(task)
    # SQLite gives the freed id to the next task
    again = ctx.tasks.save(
        TaskInput(directive_id=directive, content="Khác", lead=[PartyRef("KHCN", agency_id=agency)])
    ).value
    assert again == task
    with pytest.raises(UserError, match="đã được dùng"):
        ctx.trash.restore(ctx.trash.list_entries()[0].id)


def test_entries_older_than_30_days_are_purged_and_noted(office: tuple[AppContext, int, int, int]) -> None:
    ctx, directive, _agency, _task = office
    assert ctx.db is not None
    ctx.directives.delete(directive)
    with ctx.db.transaction() as s:
        s.execute(update(TrashEntry).values(deleted_at=datetime.now() - timedelta(days=31)))
    assert ctx.trash.list_entries() == []
    purged = [r for r in trail(ctx) if r.action == "purge"]
    assert [(r.entity, r.entity_id) for r in purged] == [("directive", directive)]


def test_trash_keeps_an_entry_29_days(office: tuple[AppContext, int, int, int]) -> None:
    ctx, directive, _agency, _task = office
    assert ctx.db is not None
    ctx.directives.delete(directive)
    with ctx.db.transaction() as s:
        s.execute(update(TrashEntry).values(deleted_at=datetime.now() - timedelta(days=29)))
    assert len(ctx.trash.list_entries()) == 1
