"""Several officers on one database: a stale save is refused naming who changed the row, on
SQLite and on a real PostgreSQL server (tests/conftest.py); evidence kept in the shared
database with its SHA-256, written with its report."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from app.context import AppContext
from app.database import Database
from app.dto import DirectiveInput, ReportInput, TaskFilter, TaskInput
from app.errors import ValidationError
from app.services.base import ServiceContext
from app.services.directives import DirectiveService
from app.services.row_version import ConcurrentEdit
from app.services.tasks import TaskService
from models.entities import StoredBytes, Task
from tests.conftest import TODAY, PgDatabases

# run on SQLite and on PostgreSQL (tests/conftest.py)
BOTH_ENGINES = True


class Officer:
    """A second workstation's services on the same database (its own engine and sessions)."""

    def __init__(self, ctx: AppContext, pg: PgDatabases | None, role: str) -> None:
        self.ctx: AppContext | None = None
        if ctx.is_shared:
            assert pg is not None and ctx.db is not None
            name = ctx.db.engine.url.database
            pg.admin(
                f"DO $$ BEGIN CREATE ROLE {role} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            )
            pg.admin(f"GRANT CONNECT ON DATABASE {name} TO {role}")
            with ctx.db.engine.begin() as conn:
                conn.exec_driver_sql(
                    f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"
                )
                conn.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}")
            self.ctx = AppContext(pg.cluster.url(str(name), user=role), today=lambda: TODAY).open()
            self.db = self.ctx.services.db
            services = self.ctx.services
        else:
            self.db = Database(ctx.db_path)  # no instance lock: a second process, as far as SQLite knows
            services = ServiceContext(self.db, ctx.services.store, lambda: TODAY)
        self.tasks = TaskService(services)
        self.directives = DirectiveService(services)

    def close(self) -> None:
        if self.ctx is not None:
            self.ctx.close()
        else:
            self.db.dispose()


@pytest.fixture
def other(ctx: AppContext, request: pytest.FixtureRequest) -> Iterator[Officer]:
    pg = request.getfixturevalue("pg_databases") if ctx.is_shared else None
    o = Officer(ctx, pg, "bob")
    yield o
    o.close()


def _task(ctx: AppContext) -> int:
    d = ctx.directives.save(DirectiveInput(number="7/KH-BCĐ", kind="KH", issued_on=date(2026, 1, 5))).value
    return ctx.tasks.save(TaskInput(d, "Xây dựng đề án chuyển đổi số", deadline_text="30/6/2026")).value


def _edit(detail: Any, content: str) -> TaskInput:
    return TaskInput(
        detail.directive_id, content, deadline_text=detail.deadline_text, id=detail.id, version=detail.version
    )


def test_the_second_save_of_one_task_is_refused_naming_who_changed_it(
    ctx: AppContext, other: Officer
) -> None:
    tid = _task(ctx)
    mine = ctx.tasks.get(tid)  # both officers open the task form
    theirs = other.tasks.get(tid)
    assert mine.version == theirs.version
    other.tasks.save(_edit(theirs, "Bản của đồng chí thứ hai"))
    with pytest.raises(ConcurrentEdit) as refused:
        ctx.tasks.save(_edit(mine, "Bản của tôi"))
    expected_who = "bob" if ctx.is_shared else other.tasks.get(tid).changed_by
    assert f"«{expected_who}»" in str(refused.value) and "chưa được lưu" in str(refused.value)
    after = ctx.tasks.get(tid)
    assert after.content == "Bản của đồng chí thứ hai"  # not overwritten
    assert after.changed_by == expected_who and after.version == mine.version + 1
    # reopened, the edit goes through
    ctx.tasks.save(_edit(after, "Bản của tôi, sau khi xem"))
    assert other.tasks.get(tid).content == "Bản của tôi, sau khi xem"


def test_two_sessions_racing_on_one_task_the_later_write_fails(ctx: AppContext, other: Officer) -> None:
    """Both sessions read the row before either writes: the ORM's version check refuses the later."""
    tid = _task(ctx)
    assert ctx.db is not None
    with ctx.db.reading() as s1, other.db.reading() as s2:
        a, b = s1.get(Task, tid), s2.get(Task, tid)
        assert a is not None and b is not None
        a.content, a.version = "A", a.version + 1
        s1.commit()
        b.content, b.version = "B", b.version + 1
        with pytest.raises(StaleDataError):
            s2.commit()
    assert ctx.tasks.get(tid).content == "A"


def test_a_stale_directive_edit_is_refused(ctx: AppContext, other: Officer) -> None:
    did = ctx.directives.save(DirectiveInput(number="9/CV-BCĐ", kind="CV", subject="Cũ")).value
    mine, theirs = ctx.directives.get(did), other.directives.get(did)
    other.directives.save(
        DirectiveInput(number="9/CV-BCĐ", kind="CV", subject="Mới", id=did, version=theirs.version)
    )
    with pytest.raises(ConcurrentEdit, match="Văn bản này vừa được"):
        ctx.directives.save(
            DirectiveInput(number="9/CV-BCĐ", kind="CV", subject="Của tôi", id=did, version=mine.version)
        )
    assert ctx.directives.get(did).subject == "Mới"


def test_search_ignores_diacritics_and_d_on_both_engines(ctx: AppContext) -> None:
    tid = _task(ctx)
    for typed in ("chuyen doi so", "CHUYỂN ĐỔI", "đề án chuyển", "xay dung de an chuyen d"):
        assert [r.id for r in ctx.tasks.page(TaskFilter(search=typed), 0, 10)] == [tid], typed
    assert ctx.tasks.page(TaskFilter(search="doi chuyen"), 0, 10) == []  # a phrase, in its order
    assert ctx.tasks.page(TaskFilter(search="an chuyen doi so"), 0, 10) != []
    assert ctx.tasks.page(TaskFilter(search="n chuyen"), 0, 10) == []  # whole words


def test_evidence_is_kept_with_its_sha256_and_written_with_its_report(
    ctx: AppContext, tmp_path: Path
) -> None:
    tid = _task(ctx)
    aid = ctx.tasks.get(tid).assignments[0].id if ctx.tasks.get(tid).assignments else None
    if aid is None:  # the task needs an agency to report
        from app.dto import AgencyInput

        ctx.agencies.save(AgencyInput(name="Sở Y tế"))
        lead = ctx.agencies.resolve_or_fail("Sở Y tế")
        d = ctx.tasks.get(tid)
        ctx.tasks.save(TaskInput(d.directive_id, d.content, [lead], deadline_text=d.deadline_text, id=tid))
        aid = ctx.tasks.get(tid).assignments[0].id
    src = tmp_path / "bao-cao.pdf"
    src.write_bytes(b"%PDF minh chung " * 100)
    # a report refused inside its transaction (received before the plan was issued), after the
    # file was read, leaves no bytes behind
    with pytest.raises(ValidationError, match="trước ngày ban hành"):
        ctx.reports.add(ReportInput(aid, date(2026, 1, 1), evidence_files=[src]))
    assert ctx.db is not None
    with ctx.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(StoredBytes)) == 0
    ctx.reports.add(ReportInput(aid, date(2026, 6, 1), evidence_files=[src]))
    ev = ctx.reports.list_for_task(tid)[0].evidence[0]
    assert ev.sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
    out = ctx.reports.export_evidence(ev.id, tmp_path / "mo")
    assert out.read_bytes() == src.read_bytes()
    assert ctx.db is not None
    with ctx.db.reading() as s:
        kept = s.scalars(select(StoredBytes)).all()
        if ctx.is_shared:  # in the database, for every workstation
            assert [(b.sha256, bytes(b.data)) for b in kept] == [(ev.sha256, src.read_bytes())]
        else:  # in the folder beside the file
            assert kept == []
            assert s.scalar(select(func.count()).select_from(StoredBytes)) == 0
