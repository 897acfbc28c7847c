"""Backups in the window: the last good one in the status bar, restore from the File menu,
the automatic backup on close."""

from __future__ import annotations

import zipfile

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.context import AppContext
from tests.conftest import TODAY
from tests.services.damage import damage_page
from tests.views.conftest import Shown, wait_job
from views import file_dialogs, messages
from views.backup_ui import READ_ONLY_TITLE
from views.labels import APP_TITLE
from views.main_window import MainWindow


def test_status_bar_warns_until_there_is_a_backup(qtbot: QtBot, window: MainWindow, shown: Shown) -> None:
    label = window.backups.label
    assert "Chưa có bản sao lưu" in label.text() and "b00020" in label.styleSheet()
    wait_job(qtbot, window.backup())
    assert label.text().startswith("Sao lưu gần nhất:") and label.styleSheet() == ""
    assert "cùng ổ đĩa" in label.toolTip()  # no other disk here: it says so


def test_a_week_old_backup_is_a_warning(qtbot: QtBot, window: MainWindow, shown: Shown) -> None:
    wait_job(qtbot, window.backup())
    made = window.backups.status().last_path
    assert made is not None
    old = made.with_name(made.name.replace(made.name.split("-")[-2], "20200101"))
    made.rename(old)
    window.backups.refresh_label()
    assert "hơn 7 ngày" in window.backups.label.text()


def test_restore_from_the_menu_brings_the_data_back(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_job(qtbot, window.backup())
    made = window.backups.status().last_path
    assert made is not None
    first = demo_ctx.directives.list_directives(with_counts=False)[0]
    demo_ctx.directives.delete(first.id)
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_a, **_k: str(made))
    shown.answer = True
    job = window.backups.restore()
    wait_job(qtbot, job, timeout=30_000)
    assert not shown.errors, shown.errors
    assert "3 văn bản" in shown.infos[-1] and "Đã khôi phục" in shown.infos[-1]
    assert len(demo_ctx.directives.list_directives(with_counts=False)) == 3


def test_restore_declined_changes_nothing(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_job(qtbot, window.backup())
    made = window.backups.status().last_path
    before = demo_ctx.db_path.stat().st_mtime_ns
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_a, **_k: str(made))
    shown.answer = False
    assert window.backups.restore() is None
    assert demo_ctx.db_path.stat().st_mtime_ns == before


def test_closing_makes_a_last_backup_when_automatic(
    qtbot: QtBot, demo_ctx: AppContext, settings: QSettings, shown: Shown
) -> None:
    w = MainWindow(demo_ctx, settings=settings)
    qtbot.addWidget(w)
    w.show()
    w.backups.auto = True  # as views.launch turns it on (without the hourly timer)
    w.close()
    job = w.backups.job
    wait_job(qtbot, job)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=5000)
    folder = demo_ctx.db_path.parent / "sao-luu"
    assert len([p for p in folder.iterdir() if p.suffix == ".zip"]) == 1
    assert not shown.infos  # automatic: no box on success


def test_auto_backup_is_due_daily(qtbot: QtBot, window: MainWindow, shown: Shown) -> None:
    job = window.backups.backup_if_due()
    assert job is not None
    wait_job(qtbot, job)
    assert window.backups.backup_if_due() is None  # one today already
    assert not shown.infos


def test_restore_of_another_databases_archive_says_so_before_asking(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, shown: Shown, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tester M8: an archive made from another database file restored without a word; the
    question names both databases (declined: nothing changes)."""
    wait_job(qtbot, window.backup())
    made = window.backups.status().last_path
    assert made is not None
    other = made.with_name(made.name.replace(demo_ctx.db_path.stem, "van-phong-khac", 1))
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(other, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "manifest.json":
                data = data.replace(f'"{demo_ctx.db_path.name}"'.encode(), b'"van-phong-khac.sqlite"')
            dst.writestr(item, data)
    before = demo_ctx.db_path.stat().st_mtime_ns
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *_a, **_k: str(other))
    shown.answer = False
    assert window.backups.restore() is None
    assert "lập từ cơ sở dữ liệu «van-phong-khac.sqlite»" in shown.questions[-1]
    assert demo_ctx.db_path.stat().st_mtime_ns == before


def test_a_damaged_database_says_so_in_a_title_and_a_box_that_fit(
    qtbot: QtBot, demo_ctx: AppContext, settings: QSettings
) -> None:
    """Qt adds the program's name to a title that does not end with it: «… — CHỈ XEM (dữ liệu
    bị hỏng) — Ban Chỉ đạo – Thư ký» had it twice. SQLite's report of a damaged index ran to
    hundreds of lines, pushing the box's button off a 768-px screen."""
    db = demo_ctx.db_path
    demo_ctx.close()
    damage_page(db, "task_fts_docsize")  # the search index: the window still opens, read-only
    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        # the notice itself is a short Vietnamese summary (SQLite's lines go to verify and the log)
        assert ctx.read_only and ctx.read_only_notice.count("\n") <= messages.MAX_LINES
        window = MainWindow(ctx, settings=settings)
        qtbot.addWidget(window)
        assert window.windowTitle() == f"{READ_ONLY_TITLE} – {APP_TITLE}"
        assert "bị hỏng" in window.backups.label.toolTip()
        # any long message (an error carrying a long report) is cut to fit, keeping what to do
        long_notice = "\n".join(f"*** in database main *** On tree page {i}" for i in range(300))
        long_notice += "\n" + ctx.read_only_notice
        box = messages.message_box(QMessageBox.Icon.Warning, window, long_notice)
        assert box.detailedText() == long_notice
        assert "Tệp → Khôi phục" in box.text()  # what to do, at the notice's end, is kept
        assert box.text().count("\n") <= messages.MAX_LINES + 4
        window.close()
    finally:
        ctx.close()


def test_a_short_message_is_shown_whole() -> None:
    assert messages.brief("Đã sao lưu.") == ("Đã sao lưu.", "")
