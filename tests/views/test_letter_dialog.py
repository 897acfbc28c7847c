"""The letter dialog: preview, export off the GUI thread, open the file; the issuer settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.changes import Changes, Subject
from app.context import AppContext
from models.vn_dates import LetterFormat
from tests.letters.ids import agency, directive
from tests.views.conftest import Shown, wait_job
from views import letter_dialog
from views.issuer_settings_dialog import IssuerSettingsDialog
from views.letter_dialog import LetterDialog


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
    assert "quý III năm 2026" in dlg.preview.toPlainText()
    dlg.period.setText("2026-13")
    dlg.refresh_preview()
    assert "không hợp lệ" in dlg.preview.toPlainText()


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


def test_export_says_what_it_changed(
    qtbot: QtBot, demo_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened: list[Path]
) -> None:
    police = agency(demo_ctx, "Công an tỉnh")
    listed = {line.task_id for line in demo_ctx.letters.preview_remind(police).overdue}
    monkeypatch.setattr(letter_dialog, "ask_save_path", lambda _p, _s: tmp_path / "cv.docx")
    dlg = LetterDialog(demo_ctx)
    qtbot.addWidget(dlg)
    seen: list[Changes] = []
    dlg.changed.connect(seen.append)
    dlg.agency.setCurrentIndex(dlg.agency.findData(police))
    dlg.export()
    wait_job(qtbot, dlg.job)
    assert len(seen) == 1 and seen[0] == dlg.changes
    assert seen[0].letters and seen[0].task_ids == listed


def test_issuer_settings_say_what_they_changed(qtbot: QtBot, demo_ctx: AppContext, shown: Shown) -> None:
    dlg = IssuerSettingsDialog(demo_ctx)
    qtbot.addWidget(dlg)
    seen: list[Changes] = []
    dlg.changed.connect(seen.append)
    dlg.state.edits["signer"].setText("Nguyễn Văn D")  # type: ignore[union-attr]
    dlg.save()
    assert [c.subjects for c in seen] == [{Subject.SETTINGS}]
    assert not shown.errors
