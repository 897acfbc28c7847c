"""A database whose deadlines were read by the old rules is read again on open: once, whole
or not at all, and said (a start-up note, one audit entry per changed task).

The old database is built the way the previous version left it: tasks saved by the program,
then their stored readings (JSON, kind, "06 rõ" gaps, cached progress) set to what the old
reader made of the phrases, and the stored rules version set back to "5".
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Table, bindparam, select, update

from app.audit_dto import HistoryFilter
from app.context import AppContext
from app.dto import AgencyInput, DirectiveInput, TaskInput
from app.services.deadline_reread import RereadSummary, reread_deadlines
from app.services.progress import RULES_KEY, RULES_VERSION, refresh_all
from models.audit import AuditEntry
from models.deadlines import Deadline, DeadlineKind, Frequency, Recurrence, parse_deadline
from models.entities import Setting, Task
from models.six_clear import Clarity
from models.status import Status
from tests.conftest import TODAY

ISSUED = date(2025, 3, 1)
ONCE, RECURRING = DeadlineKind.ONCE, DeadlineKind.RECURRING

# phrase -> what the old reader stored for it (issue 11, "Never silently wrong")
OLD_READINGS = {
    "6/2025": Deadline("6/2025", ONCE, dates=(date(2025, 12, 31),)),
    "2025 và những năm tiếp theo": Deadline("2025 và những năm tiếp theo", ONCE, dates=(date(2025, 12, 31),)),
    "Trước ngày 25 tháng 6 và tháng 12 hằng năm": Deadline(
        "Trước ngày 25 tháng 6 và tháng 12 hằng năm",
        RECURRING,
        recurrence=Recurrence(Frequency.YEARLY, day=25, month=6),
    ),
    # two days a year: now flagged rather than cut to the first one
    "15/3 và 20/9 hằng năm": Deadline(
        "15/3 và 20/9 hằng năm", RECURRING, recurrence=Recurrence(Frequency.YEARLY, day=15, month=3)
    ),
}
UNCHANGED = ("Quý IV/2026", "Thường xuyên", "")


def _make_old(ctx: AppContext) -> dict[str, int]:
    """Tasks as the previous version left them in ``ctx``'s database; the task id of each phrase."""
    ctx.agencies.save(AgencyInput(name="Sở Khoa học và Công nghệ"))
    lead = ctx.agencies.resolve_or_fail("Sở Khoa học và Công nghệ")
    d = ctx.directives.save(DirectiveInput(number="57/KH-UBND", kind="KH", issued_on=ISSUED)).value
    ids = {
        phrase: ctx.tasks.save(TaskInput(d, f"Triển khai nhiệm vụ {n}", [lead], [], phrase, "Báo cáo")).value
        for n, phrase in enumerate([*OLD_READINGS, *UNCHANGED], 1)
    }
    assert ctx.db is not None
    with ctx.db.transaction() as s:
        table = Task.__table__
        assert isinstance(table, Table)
        s.connection().execute(
            update(table)
            .where(table.c.id == bindparam("t_id"))
            .values(deadline=bindparam("dl"), deadline_kind=bindparam("k"), gaps=0),
            [
                {"t_id": ids[phrase], "dl": old.to_json(), "k": old.kind.value}
                for phrase, old in OLD_READINGS.items()
            ],
        )
        list(refresh_all(s, TODAY))  # the cached progress the old readings gave
        setting = s.get(Setting, RULES_KEY)
        assert setting is not None
        setting.value = "5"
    return ids


def _old_database(folder: Path) -> tuple[Path, dict[str, int]]:
    """A SQLite file as the previous version left it; the task id of each phrase."""
    path = folder / "cu.sqlite"
    ctx = AppContext(path, today=lambda: TODAY).open()
    try:
        ids = _make_old(ctx)
    finally:
        ctx.close()
    return path, ids


def _stored(path: Path) -> dict[int, tuple[str, str, int, str | None]]:
    with sqlite3.connect(path) as conn:
        return {
            t_id: (raw, kind, gaps, first_unmet)
            for t_id, raw, kind, gaps, first_unmet in conn.execute(
                "SELECT id, deadline, deadline_kind, gaps, first_unmet FROM task"
            )
        }


def _rules(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(conn.execute("SELECT value FROM setting WHERE key = ?", (RULES_KEY,)).fetchone()[0])


def _rereads(path: Path) -> list[tuple[int, str, str, str]]:
    with sqlite3.connect(path) as conn:
        return list(
            conn.execute(
                "SELECT task_id, field, old_value, new_value FROM audit_entry "
                "WHERE action = 'reread' ORDER BY task_id"
            )
        )


def test_old_readings_are_read_again_on_open_said_once_and_recorded(tmp_path: Path) -> None:
    path, ids = _old_database(tmp_path)
    with AppContext(path, today=lambda: TODAY) as ctx:
        notes = list(ctx.startup_notes)
        month = ctx.tasks.get(ids["6/2025"])
        assert (month.deadline_kind, month.next_due) == (ONCE, date(2025, 6, 30))
        assert ctx.tasks.get(ids["2025 và những năm tiếp theo"]).deadline_kind is RECURRING
        unsure = ctx.tasks.get(ids["15/3 và 20/9 hằng năm"])
        assert unsure.deadline_kind is DeadlineKind.UNKNOWN
        assert unsure.status is Status.NO_DEADLINE and Clarity.THOI_GIAN in unsure.missing
        history = ctx.history.for_task(ids["6/2025"])
    assert len(notes) == 1
    note = notes[0]
    assert "Đã đọc lại thời hạn theo quy tắc mới: 4 nhiệm vụ đổi cách hiểu" in note
    assert "(ví dụ «6/2025»: trước là 31/12/2025, nay là 30/06/2025)" in note
    assert "1 nhiệm vụ trước có hạn nay được đánh dấu «chưa rõ thời hạn»" in note
    assert "Lịch sử thay đổi" in note
    # stored exactly as saving each task now would store it
    stored = _stored(path)
    for phrase, t_id in ids.items():
        raw, kind, gaps, _fu = stored[t_id]
        meaning = parse_deadline(phrase, reference=ISSUED)
        assert Deadline.from_json(json.loads(raw)) == meaning, phrase
        assert kind == meaning.kind.value
        assert gaps == (1 if meaning.kind is DeadlineKind.UNKNOWN else 0), phrase  # «rõ thời gian»
    assert stored[ids["6/2025"]][3] == "2025-06-30"  # the cached progress follows the new reading
    assert _rules(path) == RULES_VERSION
    # one audit entry per changed task, old → new «Hiểu là», none for the others
    entries = _rereads(path)
    assert [t for t, *_ in entries] == sorted(ids[p] for p in OLD_READINGS)
    assert (
        ids["6/2025"],
        "deadline",
        "Một lần, hạn 31/12/2025",
        "Một lần, hạn 30/06/2025 (thời hạn «6/2025»)",
    ) in entries
    assert [(r.action, r.field, r.old_value) for r in history if r.action == "reread"] == [
        ("reread", "deadline", "Một lần, hạn 31/12/2025")
    ]
    # opened again: nothing more to read, nothing said, nothing recorded
    with AppContext(path, today=lambda: TODAY) as again:
        assert again.startup_notes == []
    assert _rereads(path) == entries and _stored(path) == stored


def test_the_window_path_reads_again_behind_its_progress_and_returns_the_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big database: the window opens without the recompute and runs refresh_progress."""
    from app import context as context_module

    path, ids = _old_database(tmp_path)
    monkeypatch.setattr(context_module, "SYNC_REFRESH_LIMIT", 0)  # treat it as big
    ctx = AppContext(path, today=lambda: TODAY).open(refresh_progress=False)
    try:
        assert ctx.startup_notes == [] and ctx.tasks.progress_outdated()
        job = ctx.tasks.refresh_progress()
        steps = []
        try:
            while True:
                steps.append(next(job))
        except StopIteration as stop:
            result = stop.value
        assert "4 nhiệm vụ đổi cách hiểu" in result.value
        done = [d for d, _t in steps]
        assert done == sorted(done) and steps[-1][0] == steps[-1][1]  # one bar, forward only
        assert not ctx.tasks.progress_outdated()
        assert ctx.tasks.get(ids["6/2025"]).next_due == date(2025, 6, 30)
    finally:
        ctx.close()
    assert len(_rereads(path)) == 4


def test_a_reading_that_only_the_day_of_saving_explains_is_kept(tmp_path: Path) -> None:
    """No issuing date: "Trước ngày 15/7" took its year from the day the task was saved. Re-read
    a year later, it must not move to another year: only the rules change readings."""
    path = tmp_path / "khong-ngay.sqlite"
    with AppContext(path, today=lambda: date(2025, 5, 2)) as ctx:
        d = ctx.directives.save(DirectiveInput(number="12/CV-BCĐ", kind="CV")).value
        t_id = ctx.tasks.save(TaskInput(d, "Gửi báo cáo", [], [], "Trước ngày 15/7")).value
        assert ctx.tasks.get(t_id).next_due == date(2025, 7, 15)
        assert ctx.db is not None
        with ctx.db.transaction() as s:  # saved that day (the test's clock is not the machine's)
            s.execute(
                update(Task)
                .where(Task.id == t_id)
                .values(created_at=datetime(2025, 5, 2, 9), updated_at=datetime(2025, 5, 2, 9))
            )
        with ctx.db.transaction() as s:
            summary = RereadSummary()
            list(reread_deadlines(s, date(2026, 11, 24), summary))
            assert summary.changed == 0 and summary.note() is None


CHILD = """
import os, signal, sys
from datetime import date, datetime
from pathlib import Path
from app.audit_dto import HistoryFilter
from app.context import AppContext
from app.services import deadline_reread

def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
    yield (0, 0)

deadline_reread.refresh_all = killed  # every reading rewritten, the recompute not begun
AppContext(Path(sys.argv[1]), today=lambda: date(2026, 11, 24)).open()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_during_the_reread_leaves_the_old_state(tmp_path: Path) -> None:
    path, ids = _old_database(tmp_path)
    before = _stored(path)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert _stored(path) == before and _rules(path) == "5" and _rereads(path) == []
    with AppContext(path, today=lambda: TODAY) as ctx:  # and the next open does it whole
        assert "4 nhiệm vụ đổi cách hiểu" in ctx.startup_notes[0]
        assert ctx.db is not None
        with ctx.db.reading() as s:
            assert len(list(s.scalars(select(AuditEntry.id).where(AuditEntry.action == "reread")))) == 4
    assert _rules(path) == RULES_VERSION and _stored(path)[ids["6/2025"]][3] == "2025-06-30"


def test_the_note_shows_a_change_that_moved_a_date_before_one_only_made_more_precise() -> None:
    from app.services.deadline_reread import Change

    stretch = "Quý II, III/2026"
    precise = Change(1, stretch, Deadline(stretch, ONCE, dates=(date(2026, 9, 30),)), parse_deadline(stretch))
    month = Change(2, "6/2025", OLD_READINGS["6/2025"], parse_deadline("6/2025"))
    summary = RereadSummary(changed=2, examples=[precise, month])
    note = summary.note()
    assert (
        note is not None
        and "2 nhiệm vụ đổi cách hiểu (ví dụ «6/2025»: trước là 31/12/2025, nay là 30/06/2025)" in note
    )
    assert RereadSummary().note() is None


def test_a_shared_postgresql_database_is_read_again_the_same_way(pg_url: str) -> None:
    ctx = AppContext(pg_url, today=lambda: TODAY).open()
    try:
        ids = _make_old(ctx)
    finally:
        ctx.close()
    with AppContext(pg_url, today=lambda: TODAY) as again:
        assert len(again.startup_notes) == 1 and "4 nhiệm vụ đổi cách hiểu" in again.startup_notes[0]
        assert again.tasks.get(ids["6/2025"]).next_due == date(2025, 6, 30)
        assert again.tasks.get(ids["15/3 và 20/9 hằng năm"]).status is Status.NO_DEADLINE
        entries = [r for r in again.history.entries(HistoryFilter()) if r.action == "reread"]
        assert sorted(r.task_id for r in entries) == sorted(ids[p] for p in OLD_READINGS)
        assert not again.tasks.progress_outdated()
    with AppContext(pg_url, today=lambda: TODAY) as third:
        assert third.startup_notes == []
