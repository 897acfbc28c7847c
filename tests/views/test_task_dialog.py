"""Adding and editing tasks through the dialog, with validation messages beside the fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.dto import TaskFilter
from tests.views.conftest import Shown
from views.main_window import MainWindow
from views.task_dialog import TaskDialog


def _open_add_dialog(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> TaskDialog:
    """Click «Thêm nhiệm vụ» but keep the dialog non-modal, returning it for the test to fill."""
    made: list[TaskDialog] = []
    page = window.task_page
    original = page.make_task_dialog

    def factory(task_id: int | None) -> TaskDialog:
        dlg = original(task_id)
        made.append(dlg)
        monkeypatch.setattr(dlg, "exec", lambda: 0)
        return dlg

    monkeypatch.setattr(page, "make_task_dialog", factory)
    page.add_button.click()
    assert len(made) == 1
    return made[0]


def test_add_task_through_the_dialog(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = demo_ctx.tasks.count(TaskFilter())
    dlg = _open_add_dialog(window, monkeypatch)
    qtbot.addWidget(dlg)
    directive = next(d for d in demo_ctx.directives.list_directives() if d.number == "125/KH-BCĐ")
    dlg.select_directive(directive.id)
    # QTest.keyClicks only types ASCII (it asserts on other characters): Vietnamese text is
    # set directly, ASCII is typed so the live deadline hint and the picker see real keys.
    qtbot.keyClicks(dlg.group_code, "III")
    dlg.content.setPlainText("Xây dựng Đề án thí điểm trợ lý ảo cho cán bộ")
    dlg.product.setText("Đề án được phê duyệt")
    qtbot.keyClicks(dlg.deadline, "Quy II/2027")
    assert dlg.deadline_hint.text() == "Hiểu là: Một lần, hạn 30/06/2027"
    assert dlg.lead.add_name("Sở Khoa học và Công nghệ")
    assert dlg.cooperating.add_name("cong an tinh")  # no diacritics needed
    qtbot.keyClicks(dlg.cooperating.combo.lineEdit(), "so noi vu")
    dlg.cooperating.add_button.click()
    assert [p.name for p in dlg.cooperating.parties()] == ["Công an tỉnh", "Sở Nội vụ"]

    dlg.save_button.click()

    assert dlg.saved_id is not None and dlg.result() == 1
    window.task_page.task_saved(dlg.saved_id)
    t = demo_ctx.tasks.get(dlg.saved_id)
    assert t.content == "Xây dựng Đề án thí điểm trợ lý ảo cho cán bộ"
    assert t.directive_id == directive.id and t.group_code == "III"
    assert [(a.role, a.party.name) for a in t.assignments] == [
        ("lead", "Sở Khoa học và Công nghệ"),
        ("coop", "Công an tỉnh"),
        ("coop", "Sở Nội vụ"),
    ]
    assert demo_ctx.tasks.count(TaskFilter()) == before + 1
    model = window.task_page.model
    model.fetch_all()
    row = model.row_of_task(dlg.saved_id)
    assert row >= 0 and window.task_page.current_task_id() == dlg.saved_id
    assert model.index(row, 2).data() == "Xây dựng Đề án thí điểm trợ lý ảo cho cán bộ"


def test_empty_content_shows_a_message_and_saves_nothing(qtbot: QtBot, demo_ctx: AppContext) -> None:
    before = demo_ctx.tasks.count(TaskFilter())
    dlg = TaskDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.lead.add_name("Sở Nội vụ")
    dlg.accept()
    label = dlg.errors.label_for("content")
    assert label.isVisible()
    assert label.text() == "Nội dung nhiệm vụ không được để trống."
    assert dlg.saved_id is None and dlg.isVisible()
    assert demo_ctx.tasks.count(TaskFilter()) == before


def test_same_agency_twice_is_reported_beside_cooperating(qtbot: QtBot, demo_ctx: AppContext) -> None:
    dlg = TaskDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.content.setPlainText("Nhiệm vụ thử")
    dlg.lead.add_name("Sở Nội vụ")
    dlg.cooperating.add_name("Sở Nội vụ")
    dlg.accept()
    assert dlg.errors.label_for("cooperating").isVisible()
    assert "chỉ được chọn một lần" in dlg.errors.label_for("cooperating").text()
    assert dlg.saved_id is None


def test_unknown_party_name_is_refused_in_the_picker(qtbot: QtBot, demo_ctx: AppContext) -> None:
    dlg = TaskDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.lead.add_name("Sở Không Tồn Tại")
    assert dlg.lead.error.isVisible() and "Sở Không Tồn Tại" in dlg.lead.error.text()
    assert dlg.lead.parties() == []
    assert dlg.lead.add_name("Các sở, ban, ngành")
    assert dlg.lead.parties()[0].is_group


def test_deadline_hint_flags_words_it_cannot_read(qtbot: QtBot, demo_ctx: AppContext) -> None:
    dlg = TaskDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.deadline.setText("Trước ngày 09 hằng tháng")
    assert dlg.deadline_hint.text() == "Hiểu là: Hằng tháng, ngày 9"
    dlg.deadline.setText("Thường xuyên")
    assert dlg.deadline_hint.text() == "Hiểu là: Thường xuyên"
    dlg.deadline.setText("khi nào xong thì báo")
    assert dlg.deadline_hint.text() == "Chưa hiểu được thời hạn"
    assert "c25e00" in dlg.deadline_hint.styleSheet()


def test_edit_keeps_the_assignments(qtbot: QtBot, window: MainWindow, demo_ctx: AppContext) -> None:
    page = window.task_page
    task_id = page.current_task_id()
    assert task_id is not None
    before = demo_ctx.tasks.get(task_id)
    dlg = TaskDialog(demo_ctx, task_id=task_id)
    qtbot.addWidget(dlg)
    assert dlg.content.toPlainText() == before.content
    dlg.product.setText("Báo cáo đã sửa")
    dlg.accept()
    assert dlg.saved_id == task_id
    after = demo_ctx.tasks.get(task_id)
    assert after.product == "Báo cáo đã sửa"
    assert [a.id for a in after.assignments] == [a.id for a in before.assignments]


def test_delete_asks_first(window: MainWindow, demo_ctx: AppContext, shown: Shown) -> None:
    page = window.task_page
    before = demo_ctx.tasks.count(TaskFilter())
    task_id = page.current_task_id()
    shown.answer = False
    page.delete_button.click()
    assert shown.questions and demo_ctx.tasks.count(TaskFilter()) == before
    shown.answer = True
    page.delete_button.click()
    assert demo_ctx.tasks.count(TaskFilter()) == before - 1
    page.model.fetch_all()
    assert page.model.row_of_task(task_id or -1) == -1
    assert page.model.rowCount(QModelIndex()) == before - 1


def test_deadline_hint_lists_milestones_and_says_a_condition(qtbot: QtBot, demo_ctx: AppContext) -> None:
    dlg = TaskDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    width = dlg.width()
    dlg.deadline.setText(
        "Khởi động quý IV/2026; hoàn thành giai đoạn 1 quý II/2027; hoàn thành toàn bộ năm 2028; "
        "duy trì, vận hành đến năm 2030"
    )
    lines = dlg.deadline_hint.text().split("\n")
    assert lines[0] == "Hiểu là: Nhiều mốc (4):"
    assert lines[1] == "– 31/12/2026: Khởi động quý IV/2026"
    assert lines[-1] == "– 31/12/2030: duy trì, vận hành đến năm 2030"
    assert dlg.deadline_hint.wordWrap() and dlg.width() == width  # the dialog does not widen
    dlg.deadline.setText("Sau khi Đề án được phê duyệt")
    assert dlg.deadline_hint.text().startswith("Chưa hiểu được thời hạn: hạn phụ thuộc một sự việc")
    assert "c25e00" in dlg.deadline_hint.styleSheet()
