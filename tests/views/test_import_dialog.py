"""The import preview dialog: parses off the GUI thread, marks decisions, edits, commits."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.changes import Changes
from app.context import AppContext
from app.dto import TaskFilter
from app.paths import resource
from models.vn_collation import sort_key
from tests.appendix.builder import build, expected
from tests.views.conftest import Shown, wait_job
from views.import_dialog import UNKNOWN_COLOR, ImportDialog
from views.operations import runner


def _dialog(qtbot: QtBot, ctx: AppContext, path: Path) -> ImportDialog:
    dlg = ImportDialog(ctx, path)
    qtbot.addWidget(dlg)
    wait_job(qtbot, dlg.job)
    return dlg


def test_preview_lists_tasks_indicators_and_issues_then_commits(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, shown: Shown
) -> None:
    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    tasks = copy.deepcopy(expected()["tasks"])
    tasks[0]["lead"] = "Sở Khoa học Công nghệ"
    dlg = _dialog(qtbot, ctx, build(tmp_path / "a.xlsx", tasks=tasks))
    assert dlg.preview is not None
    assert dlg.task_model.rowCount() == 61 and dlg.indicator_model.rowCount() == 20
    assert dlg.issue_model.rowCount() == len(dlg.preview.parse.issues) > 0
    assert dlg.task_model.item(0, 4).background().color() == UNKNOWN_COLOR
    assert dlg.directive_combo.currentText().startswith("Tạo văn bản mới 125/KH-BCĐ")
    combo = next(iter(dlg._decision_boxes.values()))
    assert combo.itemText(1).startswith("Sở Khoa học và Công nghệ")
    combo.setCurrentIndex(1)  # the closest catalogue name: remembered as an alias

    dlg.task_model.item(1, 7).setText("30/6/2026")  # the officer corrects a deadline
    assert dlg.preview.tasks[1].parsed.to_json()["due"] == "2026-06-30"

    # the KH125 title names no subject ("về …"): a new directive needs one typed
    assert dlg.subject_edit.isEnabled() and dlg.subject_edit.text() == ""
    dlg.commit_button.click()
    assert shown.errors == ["Hãy ghi trích yếu của văn bản sẽ tạo (ô «Trích yếu»)."]
    assert dlg.job is None or not dlg.committing
    dlg.subject_edit.setText("  Hoạt động năm 2026  của Ban Chỉ đạo ")

    heard: list[Changes] = []
    runner().changed.connect(heard.append)
    try:
        dlg.commit_button.click()
        assert not dlg.tabs.isEnabled()  # no cell edits while the worker reads the preview
        dlg.reject()  # Esc during the commit does not hide it
        wait_job(qtbot, dlg.job)
    finally:
        runner().changed.disconnect(heard.append)
    assert dlg.import_result is not None and dlg.import_result.tasks_added == 61
    assert dlg.result() == 1
    assert len(heard) == 1 and heard[0].all_tasks and heard[0].indicators  # the pages hear of it
    assert shown.infos and "thêm 61" in shown.infos[0]
    assert ctx.tasks.count(TaskFilter()) == 61
    assert ctx.agencies.resolve("Sở Khoa học Công nghệ") is not None
    [made] = ctx.directives.list_directives(with_counts=False)
    assert made.subject == "Hoạt động năm 2026 của Ban Chỉ đạo"


def test_bad_file_shows_the_message_and_cannot_commit(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, shown: Shown
) -> None:
    bad = tmp_path / "hong.xlsx"
    bad.write_text("không phải bảng tính", encoding="utf-8")
    dlg = _dialog(qtbot, ctx, bad)
    assert shown.errors and "hong.xlsx" in shown.errors[0]
    assert not dlg.commit_button.isEnabled()
    assert ctx.tasks.count(TaskFilter()) == 0


def test_subject_is_prefilled_from_the_title_and_asked_only_for_a_new_directive(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, shown: Shown
) -> None:
    from tests.appendix.test_import_subject import ABOUT, with_about

    dlg = _dialog(qtbot, ctx, with_about(build(tmp_path / "a.xlsx")))
    assert dlg.subject_edit.text() == "P" + ABOUT[1:] and dlg.subject_edit.isEnabled()
    dlg.subject_edit.setText("Kế hoạch hoạt động năm 2026")  # the officer may correct it
    dlg.commit_button.click()
    wait_job(qtbot, dlg.job)
    assert not shown.errors
    [made] = ctx.directives.list_directives(with_counts=False)
    assert made.subject == "Kế hoạch hoạt động năm 2026"
    again = _dialog(qtbot, ctx, build(tmp_path / "b.xlsx"))  # the directive exists now
    assert again.directive_combo.currentData() == made.id
    assert not again.subject_edit.isEnabled()


def test_preview_sorts_by_header_and_an_edit_after_sorting_reaches_its_task(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    dlg = _dialog(qtbot, ctx, build(tmp_path / "a.xlsx"))
    assert dlg.preview is not None
    view = dlg.task_view
    lead_col = 4
    view.sortByColumn(lead_col, Qt.SortOrder.AscendingOrder)
    shown = [view.model().index(r, lead_col).data() for r in range(view.model().rowCount())]
    assert [sort_key(t) for t in shown] == sorted(sort_key(t) for t in shown)
    assert shown != [dlg.task_model.item(r, lead_col).text() for r in range(dlg.task_model.rowCount())]

    # the first row on screen is some task N of the appendix; editing it changes task N only
    first = view.model().index(0, 7)
    source_row = view.model().mapToSource(first).row()

    def others_due() -> list[object]:
        return [t.parsed.to_json().get("due") for i, t in enumerate(dlg.preview.tasks) if i != source_row]

    others = others_due()
    view.model().setData(first, "30/9/2026")
    assert dlg.preview.tasks[source_row].parsed.to_json()["due"] == "2026-09-30"
    assert others_due() == others


def test_column_roles_are_shown_and_a_changed_role_reparses_and_is_remembered(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, shown: Shown
) -> None:
    from tests.appendix.test_sheets_columns import _with_bad_indicator_sheet

    dlg = _dialog(qtbot, ctx, _with_bad_indicator_sheet(tmp_path / "a.xlsx"))
    assert dlg.preview is not None and len(dlg.preview.tasks) == 2 and not dlg.preview.indicators
    assert "Trang không nhập: «Chỉ tiêu»" in dlg.summary.text()
    assert dlg.tabs.tabText(3) == "Cột (1 cột không dùng)"
    table = dlg.column_table
    lines = [
        (table.item(r, 0).text(), table.item(r, 1).text(), table.cellWidget(r, 2).currentText())  # type: ignore[union-attr]
        for r in range(table.rowCount())
        if table.cellWidget(r, 2) is not None
    ]
    assert ("Nhiệm vụ", "Cơ quan thực hiện – Chủ trì", "Chủ trì") in lines
    assert ("Chỉ tiêu", "Tình hình thực hiện", "(không dùng)") in lines
    box = dlg.column_boxes[("Chỉ tiêu", 3)]
    box.setCurrentIndex(box.findText("Chỉ tiêu (mục tiêu)"))
    assert not dlg.column_table.isEnabled()  # the parse runs again off the GUI thread
    qtbot.waitUntil(lambda: dlg.preview is not None and len(dlg.preview.indicators) == 2, timeout=10_000)
    wait_job(qtbot, dlg.job)
    assert dlg.indicator_model.rowCount() == 2 and dlg.column_table.isEnabled()
    assert dlg.column_boxes[("Chỉ tiêu", 3)].currentText() == "Chỉ tiêu (mục tiêu)"
    assert not shown.errors
    # the next workbook with the same headers gets the same role without asking
    again = _dialog(qtbot, ctx, _with_bad_indicator_sheet(tmp_path / "b.xlsx"))
    assert again.preview is not None and len(again.preview.indicators) == 2


def test_a_former_name_is_left_undecided_with_its_successor_first(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, shown: Shown
) -> None:
    """Tester (issue 11, defect 7): the box defaulted to creating «Sở Thông tin và Truyền thông»."""
    from tests.appendix.test_former_names import old_plan

    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    dlg = _dialog(qtbot, ctx, old_plan(tmp_path / "a.xlsx"))
    combo = dlg._decision_boxes["so thong tin va truyen thong"]
    assert combo.currentText().startswith("(chưa chọn – tên cũ, đề xuất «Sở Khoa học và Công nghệ»)")
    assert combo.itemText(1).startswith("Sở Khoa học và Công nghệ  (đề xuất, cần xác nhận)")
    dlg.subject_edit.setText("Kế hoạch cũ")
    dlg.commit_button.click()
    wait_job(qtbot, dlg.job)
    assert shown.errors and "Sở Thông tin và Truyền thông" in shown.errors[-1]
    assert ctx.tasks.count(TaskFilter()) == 0
    for box in dlg._decision_boxes.values():
        box.setCurrentIndex(1)  # each proposed successor, confirmed
    dlg.commit_button.click()
    wait_job(qtbot, dlg.job)
    assert ctx.tasks.count(TaskFilter()) == 2
    names = {a.name for a in ctx.agencies.list_agencies(include_inactive=True)}
    assert "Sở Thông tin và Truyền thông" not in names


def test_an_ignored_column_is_greyed_and_a_sheet_line_stands_out(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    from tests.appendix.test_sheets_columns import _with_bad_indicator_sheet
    from views.import_dialog import IGNORED_COLOR, IGNORED_NOTE

    dlg = _dialog(qtbot, ctx, _with_bad_indicator_sheet(tmp_path / "a.xlsx"))
    table = dlg.column_table
    ignored = [r for r in range(table.rowCount()) if table.item(r, 3).text() == IGNORED_NOTE]
    used = [
        r
        for r in range(table.rowCount())
        if table.item(r, 1).text() != "(loại bảng)" and table.item(r, 3).text() != IGNORED_NOTE
    ]
    assert [table.item(r, 1).text() for r in ignored] == ["Tình hình thực hiện"]
    assert table.item(ignored[0], 1).foreground().color() == IGNORED_COLOR
    assert used and table.item(used[0], 1).foreground().color() != IGNORED_COLOR
    sheet_lines = [r for r in range(table.rowCount()) if table.item(r, 1).text() == "(loại bảng)"]
    assert sheet_lines and all(table.item(r, 0).font().bold() for r in sheet_lines)
    assert not table.item(used[0], 0).font().bold()


def test_issuing_date_of_a_new_directive_is_set_beside_the_subject(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, shown: Shown
) -> None:
    from datetime import date

    from tests.appendix.builder import Layout

    # the title names the plan but not its date (as a plan sent before it is dated does)
    undated = "(Kèm theo Kế hoạch số 125/KH-BCĐ của Ban Chỉ đạo)"
    layout = Layout(title_rows=["PHỤ LỤC 02", "DANH MỤC NHIỆM VỤ", undated])
    dlg = _dialog(qtbot, ctx, build(tmp_path / "a.xlsx", layout))
    assert dlg.directive_combo.currentData() is None
    assert dlg.has_date.isEnabled() and dlg.issued_on.displayFormat() == "dd/MM/yyyy"
    dlg.has_date.setChecked(False)
    assert not dlg.issued_on.isEnabled()
    dlg.has_date.setChecked(True)
    assert dlg.issued_on.isEnabled()
    dlg.issued_on.setDate(QDate(2026, 1, 5))
    dlg.subject_edit.setText("Hoạt động năm 2026")
    dlg.commit_button.click()
    wait_job(qtbot, dlg.job)
    assert not shown.errors
    [made] = ctx.directives.list_directives(with_counts=False)
    assert made.issued_on == date(2026, 1, 5)

    again = _dialog(qtbot, ctx, build(tmp_path / "b.xlsx", layout))  # the directive exists now
    assert again.directive_combo.currentData() == made.id
    assert not again.has_date.isEnabled() and not again.issued_on.isEnabled()
    assert again.issued_on.date() == QDate(2026, 1, 5)  # its registered date, shown, not editable
