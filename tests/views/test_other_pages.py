"""Directives, agencies and indicators: their tables and dialogs on the demo database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.paths import resource
from tests.views.conftest import Shown, wait_job
from views.agency_dialog import AgencyDialog, split_aliases
from views.directive_dialog import DirectiveDialog
from views.indicator_value_dialog import IndicatorValueDialog
from views.labels import to_qdate
from views.main_window import MainWindow


def test_directive_table_shows_counts(window: MainWindow, demo_ctx: AppContext) -> None:
    page = window.directive_page
    page.ensure_loaded()
    rows = demo_ctx.directives.list_directives()
    assert page.model.rowCount(QModelIndex()) == len(rows)
    n = page.model.row_of_id(next(d.id for d in rows if d.number == "125/KH-BCĐ"))
    cells = [page.model.index(n, c).data() for c in range(page.model.columnCount(QModelIndex()))]
    assert cells[0] == "125/KH-BCĐ" and cells[1] == "Kế hoạch"
    assert cells[4] == str(rows[n].task_count) and cells[5] == str(rows[n].overdue_count)
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Số, ký hiệu"


def test_add_directive_with_citations_and_file(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, tmp_path: Path
) -> None:
    original = tmp_path / "ke-hoach.pdf"
    original.write_bytes(b"%PDF original")
    dlg = DirectiveDialog(demo_ctx)
    qtbot.addWidget(dlg)
    qtbot.keyClicks(dlg.number, "88/KH-UBND")
    assert dlg.kind.currentData() == "KH"  # guessed from the number
    dlg.issuer.setText("Ủy ban nhân dân tỉnh")
    dlg.issued_on.setDate(to_qdate(date(2026, 10, 1)))
    dlg.subject.setPlainText("Triển khai chuyển đổi số năm 2027")
    dlg.citations.setText("125/KH-BCĐ; 420-CV/TU")
    dlg.original_file = original
    dlg.accept()
    assert dlg.saved_id is not None
    window.directive_page.saved(dlg.saved_id)
    d = demo_ctx.directives.get(dlg.saved_id)
    assert (d.number, d.kind, d.issued_on) == ("88/KH-UBND", "KH", date(2026, 10, 1))
    assert [c.number for c in d.citations] == ["125/KH-BCĐ", "420-CV/TU"]
    assert all(c.directive_id is not None for c in d.citations)
    assert d.file_name == "ke-hoach.pdf"
    assert window.directive_page.current_id() == dlg.saved_id
    assert window.task_page.filter_bar.directive.findData(dlg.saved_id) >= 0  # other pages refreshed


def test_duplicate_directive_number_is_shown_beside_the_number(qtbot: QtBot, demo_ctx: AppContext) -> None:
    dlg = DirectiveDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.number.setText("125/KH-BCĐ")
    dlg.accept()
    assert dlg.errors.label_for("number").isVisible()
    assert "đã có trong sổ" in dlg.errors.label_for("number").text()
    assert dlg.saved_id is None


def test_edit_directive_round_trips(qtbot: QtBot, demo_ctx: AppContext) -> None:
    d = next(x for x in demo_ctx.directives.list_directives() if x.number == "420-CV/TU")
    dlg = DirectiveDialog(demo_ctx, d.id)
    qtbot.addWidget(dlg)
    assert dlg.number.text() == "420-CV/TU" and dlg.kind.currentData() == "CV"
    dlg.note.setPlainText("Đã rà soát")
    dlg.accept()
    assert dlg.saved_id == d.id
    assert demo_ctx.directives.get(d.id).note == "Đã rà soát"


def test_agency_add_and_validation(qtbot: QtBot, window: MainWindow, demo_ctx: AppContext) -> None:
    dlg = AgencyDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.accept()
    assert dlg.errors.label_for("name").text() == "Tên cơ quan không được để trống."
    dlg.name.setText("Sở Du lịch")
    dlg.short_name.setText("SDL")
    dlg.aliases.setPlainText("Sở DL; Sở Du lịch tỉnh\nSDL tỉnh")
    dlg.accept()
    assert dlg.saved_id is not None
    a = demo_ctx.agencies.get(dlg.saved_id)
    assert a.aliases == ("Sở DL", "Sở Du lịch tỉnh", "SDL tỉnh")
    window.agency_page.saved(dlg.saved_id)
    page = window.agency_page
    page.ensure_loaded()
    assert page.current_id() == dlg.saved_id
    page.search.setText("so du lich")
    page.refresh()
    assert [r.name for r in page.model.rows()] == ["Sở Du lịch"]


def test_deleting_an_agency_in_use_shows_the_message(
    window: MainWindow, demo_ctx: AppContext, shown: Shown
) -> None:
    page = window.agency_page
    page.ensure_loaded()
    busy = next(a for a in demo_ctx.agencies.list_agencies() if a.lead_count)
    page.table.selectRow(page.model.row_of_id(busy.id))
    page.delete_button.click()
    assert not shown.questions and shown.errors  # told at once why, not asked first
    assert "không xóa được" in shown.errors[-1]
    assert demo_ctx.agencies.get(busy.id).name == busy.name


def test_groups_are_listed_with_member_counts(window: MainWindow, demo_ctx: AppContext) -> None:
    window.agency_page.ensure_loaded()
    groups = window.agency_page.groups
    assert [g.name for g in groups.rows()] == [g.name for g in demo_ctx.agencies.list_groups()]
    assert groups.index(0, 1).data() == str(groups.rows()[0].member_count)


def test_catalogue_import_runs_in_the_background(qtbot: QtBot, window: MainWindow, shown: Shown) -> None:
    job = window.agency_page.import_file(resource("sample", "danh-muc-co-quan.xlsx"))
    wait_job(qtbot, job)
    assert shown.infos and shown.infos[-1].startswith("Đã nhập danh mục")
    assert not shown.errors


def test_catalogue_import_of_a_bad_file_shows_its_message(
    qtbot: QtBot, window: MainWindow, shown: Shown, tmp_path: Path
) -> None:
    bad = tmp_path / "khong-phai-excel.xlsx"
    bad.write_text("xin chào")
    job = window.agency_page.import_file(bad)
    wait_job(qtbot, job)
    assert shown.errors and "khong-phai-excel.xlsx" in shown.errors[-1]


def test_indicator_value_is_recorded(qtbot: QtBot, window: MainWindow, demo_ctx: AppContext) -> None:
    page = window.indicator_page
    page.ensure_loaded()
    assert page.model.rowCount(QModelIndex()) == len(demo_ctx.indicators.list_indicators()) > 0
    page.table.selectRow(0)
    row = page.current_row()
    assert row is not None
    dlg = IndicatorValueDialog(demo_ctx, row)
    qtbot.addWidget(dlg)
    assert dlg.period.text() == "Quý 4/2026"  # today is 24/11/2026: the current quarter, as shown
    dlg.period.setText("quý 5/2026")
    dlg.accept()
    assert "Quý 5" in dlg.errors.label_for("period").text() and not dlg.saved
    dlg.period.setText("quý IV/2026")
    dlg.value.setValue(42.5)
    dlg.accept()
    assert dlg.saved
    page.refresh()
    latest = next(r for r in demo_ctx.indicators.list_indicators() if r.id == row.id)
    assert (latest.latest_period, latest.latest_value) == ("2026-Q4", 42.5)
    n = page.model.row_of_id(row.id)
    assert page.model.index(n, 9).data() == "42,5"
    assert page.model.index(n, 8).data() == "Quý 4/2026"


def test_split_aliases() -> None:
    assert split_aliases(" a ; b\n\nc ") == ["a", "b", "c"]


def test_agency_table_shows_overdue_roll_up(window: MainWindow, demo_ctx: AppContext) -> None:
    page = window.agency_page
    page.ensure_loaded()
    police = demo_ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
    n = page.model.row_of_id(police or 0)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    overdue = page.model.index(n, headers.index("Quá hạn")).data()
    assert overdue == str(demo_ctx.agencies.status_counts(police or 0)["quá hạn"]) != "0"


def test_open_original_of_a_directive_hands_a_copy_to_the_os(
    qtbot: QtBot,
    window: MainWindow,
    demo_ctx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: Shown,
) -> None:
    from PySide6.QtGui import QDesktopServices

    from app.dto import DirectiveInput

    src = tmp_path / "goc.pdf"
    src.write_bytes(b"%PDF goc")
    did = demo_ctx.directives.save(DirectiveInput(number="9/KH-BCĐ", kind="KH", original_file=src)).value
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True)
    )
    page = window.directive_page
    page.ensure_loaded()
    page.refresh(did)
    page.original_button.click()
    wait_job(qtbot, page.job)
    assert len(opened) == 1 and Path(opened[0]).read_bytes() == b"%PDF goc"
    bare = next(d.id for d in demo_ctx.directives.list_directives() if d.number == "57-NQ/TW")
    page.refresh(bare)
    page.original_button.click()
    wait_job(qtbot, page.job)
    assert any("chưa có tệp gốc" in e for e in shown.errors)


def test_add_edit_and_delete_an_indicator(
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, monkeypatch: pytest.MonkeyPatch, shown: Shown
) -> None:
    from views.indicator_dialog import IndicatorDialog
    from views.main_window import PAGE_INDICATORS

    page = window.indicator_page
    window.show_page(PAGE_INDICATORS)  # the user acts on the page on screen
    before = page.model.rowCount()
    dlg = IndicatorDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.accept()  # empty name
    assert not dlg.saved and "không được để trống" in dlg.errors._labels["name"].text()
    dlg.name.setText("Số doanh nghiệp công nghệ số được thành lập mới")
    dlg.unit.setText("doanh nghiệp")
    dlg.baseline.setText("12")
    dlg.target.setText("Tốp 10")
    assert dlg.lead.add_name("Sở KH&CN")
    assert dlg.cooperating.add_name("Các sở, ban, ngành")
    dlg.accept()
    assert dlg.saved_id is not None
    page.saved(dlg.saved_id)
    assert page.model.rowCount() == before + 1
    saved = demo_ctx.indicators.get(dlg.saved_id)
    assert (saved.baseline, saved.target, [p.name for p in saved.lead]) == (
        "12",
        "Tốp 10",
        ["Sở Khoa học và Công nghệ"],
    )
    assert [p.name for p in saved.cooperating] == ["Các sở, ban, ngành"]

    edit = IndicatorDialog(demo_ctx, dlg.saved_id)
    qtbot.addWidget(edit)
    assert edit.name.text() == "Số doanh nghiệp công nghệ số được thành lập mới"
    assert [p.name for p in edit.cooperating.parties()] == ["Các sở, ban, ngành"]
    edit.target.setText("15")
    edit.accept()
    assert demo_ctx.indicators.get(dlg.saved_id).target == "15"

    page.refresh(dlg.saved_id)
    page.delete_button.click()
    assert shown.questions and page.model.rowCount() == before
