"""The newcomer's round trip: add a task and a report with evidence, close, reopen, all there."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.dto import TaskFilter
from app.paths import evidence_dir_for
from tests.conftest import TODAY
from tests.views.conftest import wait_job
from views.main_window import MainWindow
from views.report_dialog import ReportDialog
from views.task_dialog import TaskDialog


def _open(path: Path, qtbot: QtBot, settings: QSettings) -> tuple[AppContext, MainWindow]:
    ctx = AppContext(path, today=lambda: TODAY).open()
    window = MainWindow(ctx, settings=settings)
    qtbot.addWidget(window)
    window.show()
    return ctx, window


def test_everything_entered_is_there_after_reopening(
    qtbot: QtBot, demo_template: Path, tmp_path: Path, settings: QSettings
) -> None:
    path = tmp_path / "office.sqlite"
    shutil.copyfile(demo_template, path)
    shutil.copytree(evidence_dir_for(demo_template), evidence_dir_for(path))
    ctx, window = _open(path, qtbot, settings)

    dlg = TaskDialog(ctx, None)
    qtbot.addWidget(dlg)
    directive = next(d for d in ctx.directives.list_directives() if d.number == "125/KH-BCĐ")
    dlg.select_directive(directive.id)
    dlg.content.setPlainText("Triển khai nền tảng họp không giấy tờ cho các xã, phường")
    dlg.product.setText("Nền tảng vận hành")
    dlg.deadline.setText("Quý I/2027")
    assert dlg.lead.add_name("Sở KH&CN")
    assert dlg.cooperating.add_name("VP UBND tỉnh")
    assert dlg.cooperating.add_name("Công an tỉnh")
    dlg.save_button.click()
    task_id = dlg.saved_id
    assert task_id is not None

    evidence = tmp_path / "Biên bản nghiệm thu.pdf"
    evidence.write_bytes(b"%PDF-1.4 bien ban " * 50)
    report = ReportDialog(ctx, task_id)
    qtbot.addWidget(report)
    report.agency.setCurrentIndex(0)  # three agencies: the lead is the one that reported
    report.evidence.add_files([evidence])
    report.done_box.setChecked(True)
    report.text.setPlainText("Đã vận hành thử nghiệm")
    report.accept()
    wait_job(qtbot, report.job)
    assert report.saved_id is not None

    window.close()
    ctx.close()

    ctx2, window2 = _open(path, qtbot, settings)
    try:
        window2.task_page.model.fetch_all()
        assert window2.task_page.model.row_of_task(task_id) >= 0
        t = ctx2.tasks.get(task_id)
        assert t.content == "Triển khai nền tảng họp không giấy tờ cho các xã, phường"
        assert [a.party.name for a in t.assignments] == [
            "Sở Khoa học và Công nghệ",
            "Văn phòng Ủy ban nhân dân tỉnh",
            "Công an tỉnh",
        ]
        assert t.status == "hoàn thành đúng hạn"
        [r] = ctx2.reports.list_for_task(task_id)
        assert r.done and [e.name for e in r.evidence] == ["Biên bản nghiệm thu.pdf"]
        assert ctx2.reports.evidence_path(r.evidence[0].id).read_bytes() == evidence.read_bytes()
        assert ctx2.tasks.count(TaskFilter()) == 69
    finally:
        window2.close()
        ctx2.close()
