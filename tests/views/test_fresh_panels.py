"""Panels never stale, found by a review: each test failed before its fix."""

from __future__ import annotations

import threading
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.changes import Changes
from app.dto import AgencyInput, DirectiveInput, ReportInput, TaskFilter
from app.errors import UserError
from models.entities import Task
from models.letters import OutgoingLetter
from models.status import Status
from models.vn_dates import LetterFormat
from tests.conftest import TODAY
from tests.views.conftest import Shown, wait_job
from views.main_window import MainWindow
from views.operations import runner
from views.report_dialog import ReportDialog


def _select_first(window: MainWindow) -> int:
    page = window.task_page
    page.table.selectRow(0)
    tid = page.current_task_id()
    assert tid is not None
    return tid


# 1 -------------------------------------------------------------------------------------------
def test_fixing_an_agency_names_diacritics_or_case_refreshes_list_and_detail(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A rename whose folded form is unchanged leaves task.search_text unchanged, so no task is
    dirty: the change is {AGENCIES} only and TaskPage.on_changes returns before apply_changes."""
    ctx, page = window._ctx, window.task_page
    tid = _select_first(window)
    party = next(a.party for a in ctx.tasks.get(tid).assignments if a.party.agency_id is not None)
    agency = ctx.agencies.get(party.agency_id)  # type: ignore[arg-type]
    new_name = agency.name.upper()  # "CÔNG AN TỈNH": same fold(), different text
    data = AgencyInput(
        name=new_name, short_name=agency.short_name, kind=agency.kind,
        aliases=list(agency.aliases), active=agency.active, id=agency.id,
    )
    heard: list[Changes] = []
    runner().changed.connect(heard.append)
    runner().run_modal(None, partial(ctx.agencies.save, data))
    truth = ctx.tasks.rows([tid])[0]
    assert new_name in truth.lead + truth.cooperating  # the database has it
    row = page.model.row_at(page.model.row_of_task(tid))
    assert row is not None
    assert new_name in row.lead + row.cooperating, f"list still shows old name; heard={heard}"
    assert page.detail.task is not None
    assert any(a.party.name == new_name for a in page.detail.task.assignments), "detail stale"


# 2 -------------------------------------------------------------------------------------------
def test_renumbering_a_directive_by_case_only_refreshes_the_van_ban_column(
    qtbot: QtBot, window: MainWindow
) -> None:
    ctx, page = window._ctx, window.task_page
    tid = _select_first(window)
    d = ctx.directives.get(ctx.tasks.get(tid).directive_id)
    new_number = d.number.lower()  # "125/kh-bcđ": same fold, so search_text is unchanged
    data = DirectiveInput(
        number=new_number, kind=d.kind, issuer=d.issuer, issued_on=d.issued_on, place=d.place,
        subject=d.subject, signer=d.signer, signer_title=d.signer_title,
        signer_authority=d.signer_authority, parent_id=d.parent_id,
        citations=[c.number for c in d.citations], note=d.note, id=d.id,
    )
    runner().run_modal(None, partial(ctx.directives.save, data))
    assert ctx.tasks.rows([tid])[0].directive_number == new_number
    row = page.model.row_at(page.model.row_of_task(tid))
    assert row is not None and row.directive_number == new_number, row.directive_number


# 3 -------------------------------------------------------------------------------------------
def test_deleting_the_directive_the_list_is_filtered_on_resets_list_and_combo_together(
    qtbot: QtBot, window: MainWindow
) -> None:
    """reload_choices() falls back to «Tất cả văn bản» with signals blocked: the combo says
    "all" while the model keeps filtering on the deleted directive (an empty list)."""
    ctx, page = window._ctx, window.task_page
    victim = ctx.directives.list_directives()[0].id
    page.show_directive(victim)
    assert page.model.task_filter.directive_id == victim
    runner().run_modal(None, partial(ctx.directives.delete, victim))
    combo = page.filter_bar.directive.currentData()
    assert combo in (0, None)  # the combo went back to "all directives"
    assert page.model.task_filter.directive_id in (0, None), (
        f"combo shows all, list still filtered on deleted directive {victim}; "
        f"rows={page.model.rowCount()} of {ctx.tasks.count(TaskFilter())}"
    )


# 4 -------------------------------------------------------------------------------------------
def _letters(ctx) -> int:  # type: ignore[no-untyped-def]
    with ctx.db.reading() as s:
        return s.scalar(select(func.count()).select_from(OutgoingLetter)) or 0


def test_remind_all_failing_halfway_still_broadcasts_the_letters_it_committed(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown: Shown
) -> None:
    ctx = window._ctx
    L = ctx.letters
    original = L._remind_one
    calls = 0

    def flaky(*a, **k):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            raise UserError("Không ghi được tệp (đang mở trong Word).")
        return original(*a, **k)

    monkeypatch.setattr(L, "_remind_one", flaky)
    heard: list[Changes] = []
    runner().changed.connect(heard.append)
    before = _letters(ctx)
    job = runner().run(window, "…", lambda: L.remind_all(TODAY, LetterFormat.STATE, tmp_path))
    wait_job(qtbot, job)
    assert _letters(ctx) == before + 1  # the first letter is registered for good
    assert heard, "a committed letter (and its 'đã đôn đốc' notes) was never broadcast"


def test_stopping_remind_all_does_not_claim_nothing_was_kept(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown: Shown
) -> None:
    ctx = window._ctx
    L = ctx.letters
    original = L._remind_one
    gate = threading.Event()

    def slow(*a, **k):  # type: ignore[no-untyped-def]
        r = original(*a, **k)
        gate.wait(5)
        return r

    monkeypatch.setattr(L, "_remind_one", slow)
    heard: list[Changes] = []
    runner().changed.connect(heard.append)
    before = _letters(ctx)
    work = partial(L.remind_all, TODAY, LetterFormat.STATE, tmp_path)
    job = runner().run(window, "…", work, cancellable=True)
    qtbot.waitUntil(lambda: job._last[0] >= 0 and job._last[1] > 0, timeout=5000)
    job.cancel()
    gate.set()
    wait_job(qtbot, job)
    kept = _letters(ctx) - before
    assert kept == 0 or heard, f"{kept} letters kept after 'Dừng', none broadcast"


# 5 -------------------------------------------------------------------------------------------
def test_save_pressed_twice_while_the_worker_is_busy_saves_once(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run_modal waits in a QEventLoop that still delivers input to the dialog: a second
    Save/Enter re-enters SaveDialog.accept() and queues a second identical operation."""
    from views.task_dialog import TaskDialog

    ctx = window._ctx
    before = ctx.tasks.count(TaskFilter())
    dlg = TaskDialog(ctx, task_id=None, parent=window.task_page)
    qtbot.addWidget(dlg)
    directive = ctx.directives.list_directives()[0]
    dlg.select_directive(directive.id)
    dlg.content.setPlainText("Nhiệm vụ bấm Lưu hai lần")
    assert dlg.lead.add_name("Công an tỉnh")
    real_save = ctx.tasks.save
    gate = threading.Event()

    def slow_save(data):  # type: ignore[no-untyped-def]
        gate.wait(2)  # a big evidence/original copy, a busy disk…
        return real_save(data)

    monkeypatch.setattr(ctx.tasks, "save", slow_save)
    QTimer.singleShot(50, dlg.save_button.click)  # the impatient second click
    QTimer.singleShot(300, gate.set)
    dlg.save_button.click()
    with ctx.db.reading() as s:
        n = s.scalar(select(func.count()).where(Task.content == "Nhiệm vụ bấm Lưu hai lần"))
    assert n == 1, f"{n} tasks created by one dialog"
    assert ctx.tasks.count(TaskFilter()) == before + 1


def test_escape_while_a_report_is_saving_does_not_hide_the_save(qtbot: QtBot, window: MainWindow) -> None:
    ctx, page = window._ctx, window.task_page
    page.table.selectRow(0)
    tid = page.current_task_id()
    before = len(ctx.reports.list_for_task(tid))
    dlg = ReportDialog(ctx, tid, parent=page)
    qtbot.addWidget(dlg)
    dlg.text.setPlainText("Báo cáo")
    dlg.accept()  # Save: runs on the worker, the dialog stays open
    dlg.reject()  # Esc / the close box while it runs: ignored, the save is not hidden
    wait_job(qtbot, dlg.job)
    assert len(ctx.reports.list_for_task(tid)) == before + 1
    assert dlg.result() == 1 and dlg.saved_id is not None  # the dialog says it saved


def test_report_moves_task_out_of_overdue_filter(qtbot: QtBot, window: MainWindow) -> None:
    ctx, page = window._ctx, window.task_page
    page.apply_filter(TaskFilter(statuses=(Status.OVERDUE,)))
    n = page.model.rowCount()
    assert n > 0
    page.table.selectRow(0)
    tid = page.current_task_id()
    for a in ctx.tasks.get(tid).assignments:
        report = ReportInput(a.id, date(2026, 11, 1), "Xong", done=True)
        runner().run_modal(None, partial(ctx.reports.add, report))
    assert page.model.row_of_task(tid) == -1 and page.model.rowCount() == n - 1
    assert page.detail.task is None or page.detail.task.id != tid
