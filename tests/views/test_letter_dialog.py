"""The letter dialog: preview, export off the GUI thread, open the file; the issuer settings."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.changes import Changes, Subject
from app.context import AppContext
from models.vn_dates import LetterFormat
from tests.letters.ids import agency, directive
from tests.views.conftest import Shown, wait_job
from views import letter_dialog
from views.issuer_settings_dialog import IssuerSettingsDialog
from views.letter_dialog import LetterDialog
from views.main_window import MainWindow
from views.operations import runner


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    monkeypatch.setattr(letter_dialog, "open_file", seen.append)
    return seen


def test_preview_and_export_a_reminder(
    qtbot: QtBot, demo_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    out = tmp_path / "cv.docx"
    monkeypatch.setattr(letter_dialog, "ask_save_path", lambda _p, _s: out)
    dlg = LetterDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.agency.setCurrentIndex(dlg.agency.findData(agency(demo_ctx, "Công an tỉnh")))
    assert "Kính gửi: Công an tỉnh" in dlg.preview.toPlainText()
    assert "Nhiệm vụ quá hạn (" in dlg.preview.toPlainText()
    dlg.export()
    wait_job(qtbot, dlg.job)
    assert out.exists() and opened == [out]
    assert "01/BCĐ-SKHCN" in dlg.status.text()


def test_report_preview_and_bad_period(qtbot: QtBot, demo_ctx: AppContext, shown: Shown) -> None:
    dlg = LetterDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(2)
    dlg.period.setText("2026-Q3")
    dlg.refresh_preview()
    wait_preview(qtbot, dlg)
    assert "quý III năm 2026" in dlg.preview.toPlainText()
    dlg.period.setText("2026-13")
    dlg.refresh_preview()
    wait_preview(qtbot, dlg)
    assert "không hợp lệ" in dlg.preview.toPlainText()


def wait_preview(qtbot: QtBot, dlg: LetterDialog) -> None:
    qtbot.waitUntil(lambda: not dlg.preview_pending, timeout=10_000)


class Gate:
    """Holds a preview on the worker thread until the test lets it go; counts who got through."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.opened = threading.Event()
        self.entered = threading.Event()
        self.finished: list[str] = []

    def __call__(self, period: str) -> Any:
        self.entered.set()
        if period == "2026-Q3":  # the slow question; any other answers at once
            self.opened.wait(10)
        found = self.real(period)
        self.finished.append(period)
        return found


def test_the_report_preview_does_not_block_and_drops_a_stale_answer(
    qtbot: QtBot, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(demo_ctx.letters.preview_report)
    monkeypatch.setattr(demo_ctx.letters, "preview_report", gate)
    dlg = LetterDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(dlg.kind.findData("report"))
    wait_preview(qtbot, dlg)
    dlg.period.setText("2026-Q3")
    dlg.refresh_preview()  # returns while the worker waits at the gate
    assert gate.entered.wait(5) and "2026-Q3" not in gate.finished
    assert dlg.preview_pending and dlg.preview.toPlainText() == "Đang lập nội dung xem trước…"
    dlg.period.setText("Tháng 10/2026")  # the officer asks again before the answer came
    dlg.refresh_preview()
    qtbot.waitUntil(lambda: "tháng 10 năm 2026" in dlg.preview.toPlainText(), timeout=10_000)
    gate.opened.set()
    qtbot.waitUntil(lambda: "2026-Q3" in gate.finished, timeout=10_000)
    qtbot.wait(100)  # the stale answer's signal is delivered, and dropped
    assert "tháng 10 năm 2026" in dlg.preview.toPlainText()
    assert "quý III" not in dlg.preview.toPlainText()


def test_assign_export_in_party_format(
    qtbot: QtBot, demo_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    out = tmp_path / "tk.docx"
    monkeypatch.setattr(letter_dialog, "ask_save_path", lambda _p, _s: out)
    dlg = LetterDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(1)
    dlg.directive.setCurrentIndex(dlg.directive.findData(directive(demo_ctx, "420-CV/TU")))
    dlg.fmt.setCurrentIndex(1)
    assert "Kính gửi:" in dlg.preview.toPlainText()
    dlg.export()
    wait_job(qtbot, dlg.job)
    assert out.exists() and dlg.results[0].number == "01-CV/BCĐ"


def test_issuer_settings_save_and_refuse(qtbot: QtBot, demo_ctx: AppContext, shown: Shown) -> None:
    dlg = IssuerSettingsDialog(demo_ctx)
    qtbot.addWidget(dlg)
    signer = dlg.state.edits["signer"]
    signer.setText("Nguyễn Văn B")  # type: ignore[union-attr]
    dlg.save()
    assert demo_ctx.letters.issuer(LetterFormat.STATE).signer == "Nguyễn Văn B"
    dlg2 = IssuerSettingsDialog(demo_ctx)
    qtbot.addWidget(dlg2)
    dlg2.party.edits["authority"].setText("TM. BAN")  # type: ignore[union-attr]
    dlg2.save()
    assert shown.errors and "T/M" in shown.errors[-1]


def test_register_lists_the_letters_sent(qtbot: QtBot, demo_ctx: AppContext, tmp_path: Path) -> None:
    from views.letter_register_dialog import LetterRegisterDialog

    first = demo_ctx.letters.remind(agency(demo_ctx, "CA tỉnh"), out=tmp_path / "a.docx").value
    second = demo_ctx.letters.report("2026-Q3", tmp_path / "b.docx").value
    dlg = LetterRegisterDialog(demo_ctx)
    qtbot.addWidget(dlg)
    numbers = [dlg.model.index(n, 0).data() for n in range(dlg.model.rowCount())]
    assert set(numbers) == {first.number, second.number}
    kinds = {dlg.model.index(n, 2).data() for n in range(dlg.model.rowCount())}
    assert kinds == {"Đôn đốc", "Báo cáo"}


def test_export_broadcasts_what_it_changed(
    qtbot: QtBot, demo_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    police = agency(demo_ctx, "Công an tỉnh")
    listed = {line.task_id for line in demo_ctx.letters.preview_remind(police).overdue}
    monkeypatch.setattr(letter_dialog, "ask_save_path", lambda _p, _s: tmp_path / "cv.docx")
    dlg = LetterDialog(demo_ctx)
    qtbot.addWidget(dlg)
    heard: list[Changes] = []
    runner().changed.connect(heard.append)
    dlg.agency.setCurrentIndex(dlg.agency.findData(police))
    dlg.export()
    wait_job(qtbot, dlg.job)
    assert len(heard) == 1 and heard[0].letters and heard[0].task_ids == listed
    assert dlg.results[0].task_count == len(listed)


def test_issuer_settings_store_both_bodies_or_neither(
    qtbot: QtBot, demo_ctx: AppContext, shown: Shown
) -> None:
    heard: list[Changes] = []
    runner().changed.connect(heard.append)
    dlg = IssuerSettingsDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.state.edits["signer"].setText("Nguyễn Văn D")  # type: ignore[union-attr]
    dlg.party.edits["authority"].setText("TM. BAN")  # type: ignore[union-attr]
    dlg.save()
    assert shown.errors and "T/M" in shown.errors[-1] and dlg.tabs.currentIndex() == 1
    assert demo_ctx.letters.issuer(LetterFormat.STATE).signer != "Nguyễn Văn D", "neither is stored"
    assert heard == []
    dlg.party.edits["authority"].setText("T/M BAN")  # type: ignore[union-attr]
    dlg.save()
    assert demo_ctx.letters.issuer(LetterFormat.STATE).signer == "Nguyễn Văn D"
    assert demo_ctx.letters.issuer(LetterFormat.PARTY).authority == "T/M BAN"
    assert [c.subjects for c in heard] == [{Subject.SETTINGS}]


def test_the_detail_panel_is_fresh_after_a_reminder_from_the_dialog(
    window: MainWindow,
    qtbot: QtBot,
    demo_ctx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    opened: list[Path],
) -> None:
    police = agency(demo_ctx, "Công an tỉnh")
    task_id = demo_ctx.letters.preview_remind(police).overdue[0].task_id
    page = window.task_page
    page.model.fetch_all()
    page.table.selectRow(page.model.row_of_task(task_id))
    assert page.detail.reminded.text() == "chưa đôn đốc"
    monkeypatch.setattr(letter_dialog, "ask_save_path", lambda _p, _s: tmp_path / "cv.docx")
    dlg = window.make_letter_dialog()
    qtbot.addWidget(dlg)
    dlg.agency.setCurrentIndex(dlg.agency.findData(police))
    dlg.export()
    wait_job(qtbot, dlg.job)
    assert page.detail.task is not None and page.detail.task.id == task_id
    assert page.detail.reminded.text().startswith("đã đôn đốc lần 1, ngày 24/11/2026")


def test_stopping_reminders_to_all_keeps_what_was_made_and_says_so(
    qtbot: QtBot, demo_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown: Shown
) -> None:
    import threading

    monkeypatch.setattr(letter_dialog, "ask_folder", lambda _p: tmp_path)
    letters = demo_ctx.letters
    one = letters._remind_one
    gate = threading.Event()
    entered = threading.Event()

    def slow(*args: object, **kwargs: object) -> object:
        entered.set()  # the first letter is being made: stopping now keeps it
        made = one(*args, **kwargs)  # type: ignore[arg-type]
        gate.wait(5)
        return made

    monkeypatch.setattr(letters, "_remind_one", slow)
    dlg = LetterDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.agency.setCurrentIndex(dlg.agency.findData(letter_dialog.ALL_AGENCIES))
    heard: list[Changes] = []
    runner().changed.connect(heard.append)
    dlg.export()
    assert dlg.job is not None and not dlg.export_button.isEnabled()
    qtbot.waitUntil(lambda: entered.is_set(), timeout=10000)
    dlg.job.cancel()  # what "Dừng" on the progress dialog does
    gate.set()
    wait_job(qtbot, dlg.job)
    made = sorted(tmp_path.glob("*.docx"))
    assert 1 <= len(made) < 21  # stopped part-way: what was made is kept…
    assert heard and heard[-1].letters  # …and the register and the task panels hear of it
    assert dlg.export_button.isEnabled() and "Đã dừng" in dlg.status.text()
    assert not shown.errors


def test_response_report_drafts_are_edited_before_the_number_is_taken(
    qtbot: QtBot, demo_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    from docx import Document

    out = tmp_path / "bc.docx"
    monkeypatch.setattr(letter_dialog, "ask_save_path", lambda _p, _s: out)
    dlg = LetterDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(dlg.kind.findData("response"))
    dlg.response_directive.setCurrentIndex(dlg.response_directive.findData(directive(demo_ctx, "420-CV/TU")))
    wait_preview(qtbot, dlg)
    assert "Kính gửi: Ban Thường vụ Tỉnh ủy" in dlg.preview.toPlainText()
    assert dlg.fmt.currentData() == LetterFormat.PARTY, "the issuer's format by default"
    assert dlg.section_edits["results"].toPlainText().startswith("Tính đến ngày")
    dlg.section_edits["proposals"].setPlainText("Kiến nghị do cán bộ sửa.")
    dlg.export()
    wait_job(qtbot, dlg.job)
    assert out.exists() and opened == [out]
    texts = [p.text for p in Document(str(out)).paragraphs]
    assert "Kiến nghị do cán bộ sửa." in texts


def test_the_response_drafts_arrive_off_the_gui_thread_and_export_waits_for_them(
    qtbot: QtBot, demo_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = demo_ctx.letters.preview_response
    opened, entered = threading.Event(), threading.Event()

    def slow(*args: Any) -> Any:
        entered.set()
        opened.wait(10)
        return real(*args)

    monkeypatch.setattr(demo_ctx.letters, "preview_response", slow)
    asked: list[str] = []
    monkeypatch.setattr(letter_dialog, "ask_save_path", lambda _p, s: asked.append(s))
    dlg = LetterDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.kind.setCurrentIndex(dlg.kind.findData("response"))  # returns while the drafts are read
    assert entered.wait(5) and dlg.preview_pending
    assert dlg.preview.toPlainText() == "Đang lập nội dung xem trước…"
    assert not dlg.section_edits["results"].toPlainText()
    dlg.export()
    assert dlg.job is None and not asked, "no export of empty sections before the drafts came"
    assert "Đang lập dự thảo" in dlg.status.text()
    opened.set()
    wait_preview(qtbot, dlg)
    assert dlg.section_edits["results"].toPlainText().startswith("Tính đến ngày")
    assert dlg.preview.toPlainText().startswith("Kính gửi:")


def test_register_fits_its_window_names_files_and_explains_an_empty_book(
    qtbot: QtBot, demo_ctx: AppContext, tmp_path: Path
) -> None:
    from views.letter_register_dialog import EMPTY_TEXT, LetterRegisterDialog

    empty = LetterRegisterDialog(demo_ctx)
    qtbot.addWidget(empty)
    assert empty.empty.text() == EMPTY_TEXT
    assert not any(b.isEnabled() for b in (empty.open_button, empty.reprint_button, empty.export_button))

    sent = demo_ctx.letters.remind(agency(demo_ctx, "CA tỉnh"), out=tmp_path / "don-doc.docx").value
    dlg = LetterRegisterDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.resize(1100, 560)
    dlg.show()
    qtbot.waitExposed(dlg)
    assert not dlg.empty.is_shown()
    file_cell = dlg.model.index(0, 6)
    assert file_cell.data() == "don-doc.docx"  # the name; the whole path on hover
    assert file_cell.data(Qt.ItemDataRole.ToolTipRole) == str(sent.path)
    assert not dlg.table.horizontalScrollBar().isVisible(), "every column in sight"
    assert dlg.export_button.isEnabled() and not dlg.open_button.isEnabled()
    dlg.table.selectRow(0)
    assert dlg.open_button.isEnabled() and dlg.reprint_button.isEnabled()
