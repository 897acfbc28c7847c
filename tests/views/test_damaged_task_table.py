"""A database whose task table is damaged (not only its search index): start-up read the task
list before the window opened and met SQLAlchemy's "database disk image is malformed"; the user
saw «Lỗi ngoài dự kiến» and never reached Tệp → Khôi phục…. The window now opens read-only,
the task page says what is wrong in place, and a restore brings the list back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.cli_common import EXIT_USER
from app.context import AppContext
from app.dto import TaskFilter
from app.errors import DatabaseDamaged
from tests.cli_run import run_cli
from tests.conftest import TODAY
from tests.services.damage import damage_page
from tests.views.conftest import Shown, wait_job
from views import damage_notice, file_dialogs
from views.background import wait_all
from views.main_window import PAGE_AGENCIES, PAGE_KEY, PAGE_TASKS, MainWindow


@pytest.fixture
def damaged(demo_ctx: AppContext, tmp_path: Path) -> tuple[Path, Path, int]:
    """The demo database with its task table's root page overwritten, the backup made before,
    and how many tasks it had."""
    made = demo_ctx.backups.backup_now(tmp_path / "sao-luu").path
    tasks = demo_ctx.tasks.totals()[0]
    db = demo_ctx.db_path
    demo_ctx.close()
    damage_page(db, "task")
    return db, made, tasks


def test_the_services_say_damaged_and_how_to_restore(damaged: tuple[Path, Path, int]) -> None:
    db, _made, _tasks = damaged
    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        assert ctx.read_only and ctx.damage
        with pytest.raises(DatabaseDamaged) as err:
            ctx.tasks.page_after(TaskFilter(), None, 10)
        text = str(err.value)
        assert "bị hỏng" in text and "Tệp → Khôi phục" in text and f'--db "{db}" restore' in text
        assert "malformed" not in text
        assert ctx.trash.list_entries() == []  # listing the trash purges nothing when read-only
    finally:
        ctx.close()


def test_the_window_opens_with_the_damage_said_on_the_task_page_and_restore_brings_it_back(
    qtbot: QtBot,
    damaged: tuple[Path, Path, int],
    settings: QSettings,
    shown: Shown,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db, made, tasks = damaged
    ctx = AppContext(db, today=lambda: TODAY).open(refresh_progress=False)
    try:
        assert ctx.read_only
        settings.setValue(PAGE_KEY, "Nhiệm vụ")  # the page read first, while the window is built
        window = MainWindow(ctx, settings=settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        wait_all()
        assert window.stack.currentIndex() == PAGE_TASKS
        page = window.task_page
        # in place, not a message box before the window
        assert not shown.errors, shown.errors
        assert page.notice.isVisible()
        notice = page.notice.label.text()
        assert "Không đọc được phần dữ liệu bị hỏng" in notice and "Tệp → Khôi phục" in notice
        assert page.model.rowCount() == 0
        assert window.backups.restore_action.isEnabled()
        # every page read then: those that meet the damage say so in place, never a message box
        for index in range(window.stack.count()):
            window.show_page(index)
            wait_all()
        assert not shown.errors, shown.errors
        assert window.agency_page.count_label.text() == damage_notice.IN_PLACE
        assert "Tệp → Khôi phục" in window.agency_page.count_label.toolTip()
        window.show_page(PAGE_TASKS)

        monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_a, **_k: str(made))
        shown.answer = True
        job = window.backups.restore()
        wait_job(qtbot, job, timeout=30_000)
        assert not shown.errors, shown.errors
        assert "Đã khôi phục" in shown.infos[-1]
        assert not ctx.read_only
        qtbot.waitUntil(lambda: page.model.rowCount() > 0)
        assert not page.notice.isVisible()
        assert ctx.tasks.totals()[0] == tasks
        assert f"{tasks} nhiệm vụ" in window.counts_label.text()
        window.show_page(PAGE_AGENCIES)
        qtbot.waitUntil(lambda: window.agency_page.count_label.text() != damage_notice.IN_PLACE)
        assert window.agency_page.model.rowCount() > 0
        window.close()
        wait_all()
    finally:
        ctx.close()


def test_the_task_list_command_says_damaged_with_the_restore_and_exit_2(
    damaged: tuple[Path, Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    db, _made, _tasks = damaged
    out = run_cli(capsys, "--db", str(db), "tasks", "--json")
    assert out.returncode == EXIT_USER == 2, out.stderr
    error = out.stderr.split("Lỗi: ", 1)[1]  # after the read-only notice of the start
    assert "Không đọc được phần dữ liệu bị hỏng" in error
    assert "Tệp → Khôi phục" in error and f'--db "{db}" restore TỆP_SAO_LƯU' in error
    assert "ngoài dự kiến" not in out.stderr and "malformed" not in out.stderr
    assert out.stdout == ""
