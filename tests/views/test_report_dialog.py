"""Progress reports with evidence files: drop from the OS, save in the background, open again."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from tests.views.conftest import Shown, wait_job
from views import file_dialogs
from views.labels import to_qdate
from views.main_window import MainWindow
from views.report_dialog import ReportDialog


def _drop(widget: QWidget, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    action, button, mods = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    event = QDropEvent(QPointF(5, 5), action, mime, button, mods)
    widget.dropEvent(event)
    assert event.isAccepted()


def _task_without_reports(ctx: AppContext, window: MainWindow) -> int:
    model = window.task_page.model
    model.fetch_all()
    for n in range(model.rowCount()):
        row = model.row_at(n)
        if row is not None and not ctx.reports.list_for_task(row.id):
            window.task_page.table.selectRow(n)
            return row.id
    raise AssertionError("no task without reports in the demo")


def _recorder(opened: list[str]) -> Callable[[QUrl], bool]:
    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    return open_url


def _select_task_with_reports(ctx: AppContext, window: MainWindow) -> None:
    model = window.task_page.model
    model.fetch_all()
    for n in range(model.rowCount()):
        row = model.row_at(n)
        if row is not None and ctx.reports.list_for_task(row.id):
            window.task_page.table.selectRow(n)
            return
    raise AssertionError("no task with reports in the demo")


def test_report_with_a_dropped_evidence_file_is_stored(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, tmp_path: Path
) -> None:
    task_id = _task_without_reports(demo_ctx, window)
    evidence = tmp_path / "Bao cao ket qua thang 11.pdf"
    evidence.write_bytes(b"%PDF-1.4 minh chung " * 100)
    dlg = ReportDialog(demo_ctx, task_id)
    qtbot.addWidget(dlg)
    dlg.show()
    if dlg.agency.currentIndex() < 0:  # a task of several agencies: the officer names who reported
        dlg.agency.setCurrentIndex(0)
    _drop(dlg.evidence.list, [evidence, tmp_path])  # a folder is ignored
    assert dlg.evidence.files() == [evidence]
    dlg.percent.setValue(60)
    dlg.doc_number.setText("15/BC-SNV")
    dlg.text.setPlainText("Đã hoàn thành 60% khối lượng")
    dlg.accept()
    wait_job(qtbot, dlg.job)
    assert dlg.saved_id is not None and dlg.result() == 1

    window.task_page.report_saved(task_id)
    reports = demo_ctx.reports.list_for_task(task_id)
    assert len(reports) == 1
    r = reports[0]
    assert (r.percent, r.doc_number, r.received_on) == (60, "15/BC-SNV", date(2026, 11, 24))
    assert [e.name for e in r.evidence] == ["Bao cao ket qua thang 11.pdf"]
    assert demo_ctx.reports.evidence_path(r.evidence[0].id).read_bytes() == evidence.read_bytes()
    detail = window.task_page.detail
    assert detail.report_tree.topLevelItemCount() == 1
    top = detail.report_tree.topLevelItem(0)
    child = top.child(0) if top is not None else None
    assert child is not None and "Bao cao ket qua thang 11.pdf" in child.text(0)


def test_future_received_date_is_shown_beside_the_field(
    qtbot: QtBot, demo_ctx: AppContext, window: MainWindow
) -> None:
    task_id = _task_without_reports(demo_ctx, window)
    dlg = ReportDialog(demo_ctx, task_id)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.received.setMaximumDate(to_qdate(date(2030, 1, 1)))
    dlg.received.setDate(to_qdate(date(2026, 12, 31)))
    dlg.accept()
    wait_job(qtbot, dlg.job)
    label = dlg.errors.label_for("received_on")
    assert label.isVisible() and "sau ngày hôm nay" in label.text()
    assert dlg.saved_id is None and demo_ctx.reports.list_for_task(task_id) == []


def test_choose_files_and_remove(
    qtbot: QtBot, demo_ctx: AppContext, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    task_id = _task_without_reports(demo_ctx, window)
    a, b = tmp_path / "a.docx", tmp_path / "b.xlsx"
    a.write_text("a")
    b.write_text("b")
    monkeypatch.setattr(file_dialogs, "open_file_names", lambda *args, **kw: [str(a), str(b)])
    dlg = ReportDialog(demo_ctx, task_id)
    qtbot.addWidget(dlg)
    dlg.evidence.choose_files()
    assert dlg.evidence.files() == [a, b]
    dlg.evidence.list.item(0).setSelected(True)
    dlg.evidence.remove_selected()
    assert dlg.evidence.files() == [b]


def test_double_click_on_evidence_verifies_and_opens_a_copy(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, shown: Shown
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", _recorder(opened))
    page = window.task_page
    _select_task_with_reports(demo_ctx, window)
    tree = page.detail.report_tree
    top = tree.topLevelItem(0)
    assert top is not None
    item = top.child(0)
    tree.itemDoubleClicked.emit(top, 0)  # the report line itself opens nothing
    tree.itemDoubleClicked.emit(item, 0)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    evidence = page.detail.reports[0].evidence[0]
    assert Path(opened[0]).name == evidence.name
    assert Path(opened[0]).read_bytes() == demo_ctx.reports.evidence_path(evidence.id).read_bytes()
    assert not shown.errors


def test_corrupt_evidence_is_reported_not_opened(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, shown: Shown
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", _recorder(opened))
    page = window.task_page
    _select_task_with_reports(demo_ctx, window)
    evidence = page.detail.reports[0].evidence[0]
    demo_ctx.reports.evidence_path(evidence.id).write_bytes(b"changed")
    from views.evidence_open import open_evidence

    job = open_evidence(demo_ctx, evidence.id, page)
    wait_job(qtbot, job)
    assert not opened
    assert shown.errors and "SHA-256" in shown.errors[-1]


@pytest.mark.parametrize("damage", ["tampered", "missing"])
def test_double_click_on_a_damaged_evidence_file_names_it_and_its_report(
    qtbot: QtBot,
    window: MainWindow,
    demo_ctx: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    shown: Shown,
    damage: str,
) -> None:
    """A stored copy missing or whose SHA-256 no longer matches is never opened: the message says
    so in `verify`'s words, naming the file and the report, and no copy is handed out."""
    from views.evidence_open import export_folder

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", _recorder(opened))
    page = window.task_page
    _select_task_with_reports(demo_ctx, window)
    tree = page.detail.report_tree
    top = tree.topLevelItem(0)
    assert top is not None
    report = page.detail.reports[0]
    evidence = report.evidence[0]
    stored = demo_ctx.reports.evidence_path(evidence.id)
    if damage == "tampered":
        stored.write_bytes(stored.read_bytes() + b"!")
    else:
        stored.unlink()
    shutil.rmtree(export_folder() / str(evidence.id), ignore_errors=True)  # an earlier test's copy
    before = len(shown.errors)
    tree.itemDoubleClicked.emit(top.child(0), 0)
    qtbot.waitUntil(lambda: len(shown.errors) > before, timeout=5000)
    message = shown.errors[-1]
    assert f"«{evidence.name} (báo cáo" in message and f"mã báo cáo {report.id})" in message
    assert ("SHA-256 không khớp" if damage == "tampered" else "Thiếu tệp minh chứng") in message
    assert "không được mở" in message
    assert not opened
    assert not (export_folder() / str(evidence.id) / evidence.name).exists()
