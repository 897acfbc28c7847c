"""Enter in an agency picker adds what the user picked, and only that; it never saves the dialog.

Found by a new user: after Enter added an agency, the picker refilled itself with the first
agency of the list, and a second Enter added that one too and saved and closed the dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.dto import TaskFilter
from tests.views.conftest import wait_job
from views.party_picker import PartyPicker
from views.report_dialog import ReportDialog
from views.task_dialog import TaskDialog
from views.task_filter_bar import ALL_AGENCIES, TaskFilterBar


def _key(qtbot: QtBot, picker: PartyPicker, key: Qt.Key) -> None:
    """Press ``key`` where the keyboard is: the open suggestion list, else the picker's box
    (which, as for a real key, hands it to its line edit and lets the dialog see it if ignored)."""
    target: QWidget = QApplication.activePopupWidget() or picker.combo
    qtbot.keyClick(target, key)
    qtbot.wait(20)


def _dialog_ready_to_save(qtbot: QtBot, ctx: AppContext) -> TaskDialog:
    """A dialog whose Save would succeed: a wrongly submitted Enter would store a task."""
    dlg = TaskDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.content.setPlainText("Nhiệm vụ thử phím Enter")
    assert dlg.lead.add_name("Sở Khoa học và Công nghệ")
    return dlg


def _type_in(qtbot: QtBot, picker: PartyPicker, text: str) -> None:
    line = picker.combo.lineEdit()
    assert line is not None
    line.setFocus()
    qtbot.keyClicks(line, text)
    qtbot.wait(20)


def _names(picker: PartyPicker) -> list[str]:
    return [p.name for p in picker.parties()]


def test_enter_adds_the_typed_agency_and_a_second_enter_does_nothing(
    qtbot: QtBot, demo_ctx: AppContext
) -> None:
    before = demo_ctx.tasks.count(TaskFilter())
    dlg = _dialog_ready_to_save(qtbot, demo_ctx)
    _type_in(qtbot, dlg.cooperating, "so noi")  # part of «Sở Nội vụ», matching only it

    _key(qtbot, dlg.cooperating, Qt.Key.Key_Return)
    assert _names(dlg.cooperating) == ["Sở Nội vụ"]
    assert dlg.cooperating.combo.currentText() == ""  # empty, not refilled with another agency
    assert dlg.isVisible() and not dlg.saved

    _key(qtbot, dlg.cooperating, Qt.Key.Key_Return)
    _key(qtbot, dlg.cooperating, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert _names(dlg.cooperating) == ["Sở Nội vụ"]
    assert dlg.cooperating.combo.currentText() == ""
    assert dlg.isVisible() and not dlg.saved and dlg.saved_id is None
    assert demo_ctx.tasks.count(TaskFilter()) == before


def test_enter_on_the_highlighted_suggestion_adds_it_and_nothing_else(
    qtbot: QtBot, demo_ctx: AppContext
) -> None:
    before = demo_ctx.tasks.count(TaskFilter())
    dlg = _dialog_ready_to_save(qtbot, demo_ctx)
    _type_in(qtbot, dlg.cooperating, "so")  # many agencies match
    completer = dlg.cooperating.combo.completer()
    assert completer is not None
    popup = completer.popup()
    assert popup.isVisible()
    _key(qtbot, dlg.cooperating, Qt.Key.Key_Down)
    highlighted = popup.currentIndex().data()
    assert isinstance(highlighted, str) and highlighted

    _key(qtbot, dlg.cooperating, Qt.Key.Key_Return)
    assert _names(dlg.cooperating) == [highlighted]
    assert dlg.cooperating.combo.currentText() == ""

    _key(qtbot, dlg.cooperating, Qt.Key.Key_Return)
    assert _names(dlg.cooperating) == [highlighted]
    assert dlg.isVisible() and not dlg.saved
    assert demo_ctx.tasks.count(TaskFilter()) == before


def test_enter_on_text_matching_several_or_none_adds_nothing_and_says_so(
    qtbot: QtBot, demo_ctx: AppContext
) -> None:
    dlg = _dialog_ready_to_save(qtbot, demo_ctx)
    _type_in(qtbot, dlg.cooperating, "so")
    if popup := QApplication.activePopupWidget():
        popup.hide()  # the user closed the suggestions without choosing one
    _key(qtbot, dlg.cooperating, Qt.Key.Key_Return)
    assert dlg.cooperating.parties() == []
    assert "khớp" in dlg.cooperating.error.text() and dlg.cooperating.error.isVisible()
    assert dlg.isVisible() and not dlg.saved

    dlg.cooperating.clear_text()
    _type_in(qtbot, dlg.cooperating, "khong co dau")
    if popup := QApplication.activePopupWidget():
        popup.hide()
    _key(qtbot, dlg.cooperating, Qt.Key.Key_Return)
    assert dlg.cooperating.parties() == []
    assert "Không có «khong co dau»" in dlg.cooperating.error.text()
    assert dlg.isVisible() and not dlg.saved


def test_save_refuses_a_name_typed_but_not_added(qtbot: QtBot, demo_ctx: AppContext) -> None:
    before = demo_ctx.tasks.count(TaskFilter())
    dlg = _dialog_ready_to_save(qtbot, demo_ctx)
    dlg.cooperating.combo.setEditText("Sở Nội vụ")
    dlg.save_button.click()
    assert dlg.isVisible() and not dlg.saved
    assert "chưa được thêm" in dlg.errors.label_for("cooperating").text()
    assert demo_ctx.tasks.count(TaskFilter()) == before
    dlg.cooperating.add_button.click()
    dlg.save_button.click()
    assert dlg.saved and dlg.saved_id is not None
    assert [a.party.name for a in demo_ctx.tasks.get(dlg.saved_id).assignments] == [
        "Sở Khoa học và Công nghệ",
        "Sở Nội vụ",
    ]


def test_filter_bar_agency_box_filters_by_what_was_picked_and_never_lies(
    qtbot: QtBot, demo_ctx: AppContext
) -> None:
    bar = TaskFilterBar(demo_ctx)
    qtbot.addWidget(bar)
    bar.show()
    seen: list[TaskFilter] = []
    bar.filter_changed.connect(seen.append)
    line = bar.agency.lineEdit()
    assert line is not None
    noi_vu = next(a.id for a in demo_ctx.agencies.list_agencies() if a.name == "Sở Nội vụ")

    line.setFocus()
    line.selectAll()  # the box reads «Tất cả cơ quan»: typing replaces it
    qtbot.keyClicks(line, "so noi")
    target: QWidget = QApplication.activePopupWidget() or bar.agency
    qtbot.keyClick(target, Qt.Key.Key_Return)
    assert bar.current_filter().agency_id == noi_vu and seen[-1].agency_id == noi_vu
    assert bar.agency.currentText() == "Sở Nội vụ"

    bar.agency.setEditText("")
    qtbot.keyClicks(line, "khong co dau")  # names no agency: the filter stays, the box says so
    if popup := QApplication.activePopupWidget():
        popup.hide()
    qtbot.keyClick(bar.agency, Qt.Key.Key_Return)
    assert bar.current_filter().agency_id == noi_vu
    assert bar.agency.currentText() == "Sở Nội vụ"

    bar.agency.setEditText("")
    qtbot.keyClick(bar.agency, Qt.Key.Key_Return)  # empty: every agency
    assert bar.current_filter().agency_id is None
    assert bar.agency.currentText() == ALL_AGENCIES


def test_report_dialog_asks_which_of_several_agencies_reported(qtbot: QtBot, demo_ctx: AppContext) -> None:
    rows = demo_ctx.tasks.page(TaskFilter(), 0, 200)
    several = next(r.id for r in rows if len(demo_ctx.tasks.get(r.id).assignments) > 1)
    before = len(demo_ctx.reports.list_for_task(several))
    dlg = ReportDialog(demo_ctx, several)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.agency.currentIndex() == -1  # no agency chosen for the user
    assert dlg.agency.placeholderText() == "Chọn cơ quan gửi báo cáo…"
    dlg.text.setPlainText("Báo cáo của ai?")
    dlg.accept()
    wait_job(qtbot, dlg.job)
    assert dlg.errors.label_for("assignment").text() == "Hãy chọn cơ quan báo cáo."
    assert dlg.saved_id is None and len(demo_ctx.reports.list_for_task(several)) == before

    dlg.agency.setCurrentIndex(1)
    dlg.accept()
    wait_job(qtbot, dlg.job)
    assert dlg.saved_id is not None
    saved = demo_ctx.reports.list_for_task(several)
    assert len(saved) == before + 1
    assert [r.assignment_id for r in saved if r.id == dlg.saved_id] == [dlg.agency.itemData(1)]
