""" "Xuất Excel…" (Ctrl+E) from the task page and the indicator page, with the file chooser replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from app.context import AppContext
from app.dto import TaskFilter
from models.status import Status
from tests.views.conftest import Shown, wait_job
from views import excel_export
from views.main_window import PAGE_INDICATORS, MainWindow


@pytest.fixture
def chosen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, str]]:
    """The file dialog answers a path in tmp_path named as suggested; records what it was asked."""
    asked: list[tuple[str, str]] = []

    def answer(_parent: object, title: str, suggested: str) -> Path:
        asked.append((title, suggested))
        return tmp_path / "xuat" / suggested

    (tmp_path / "xuat").mkdir()
    monkeypatch.setattr(excel_export, "ask_save_path", answer)
    return asked


def test_ctrl_e_exports_the_task_list_as_filtered(
    qtbot: QtBot,
    window: MainWindow,
    demo_ctx: AppContext,
    chosen: list[tuple[str, str]],
    shown: Shown,
    tmp_path: Path,
) -> None:
    flt = TaskFilter(statuses=(Status.OVERDUE,))
    window.task_page.apply_filter(flt)
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    window.export_action.trigger()
    wait_job(qtbot, window.task_page.export_job)
    assert chosen == [("Xuất danh sách nhiệm vụ ra Excel", "nhiem-vu-24-11-2026.xlsx")]
    out = tmp_path / "xuat" / "nhiem-vu-24-11-2026.xlsx"
    ws = load_workbook(out).active
    listed = [ws.cell(r, 3).value for r in range(5, ws.max_row + 1) if ws.cell(r, 8).value == "Quá hạn"]
    expected = demo_ctx.tasks.page(flt, 0, 1000)
    assert listed == [r.content for r in expected] and len(listed) == window.task_page.model.rowCount()
    assert ws["A3"].value == "Điều kiện lọc: trạng thái «quá hạn»"
    assert shown.infos == [f"Đã xuất {len(expected)} nhiệm vụ vào tệp {out}"] and not shown.errors


def test_the_task_page_button_and_the_status_workbook(
    qtbot: QtBot, window: MainWindow, chosen: list[tuple[str, str]], tmp_path: Path
) -> None:
    window.task_page.export_button.click()
    wait_job(qtbot, window.task_page.export_job)
    assert (tmp_path / "xuat" / "nhiem-vu-24-11-2026.xlsx").exists()
    window.status_book_action.trigger()
    wait_job(qtbot, window.task_page.export_job)
    book = load_workbook(tmp_path / "xuat" / "tinh-hinh-thuc-hien-24-11-2026.xlsx")
    assert book.sheetnames == ["Tổng hợp", "420-CV-TU", "125-KH-BCĐ"]


def test_ctrl_e_on_the_indicator_page_exports_indicators(
    qtbot: QtBot, window: MainWindow, chosen: list[tuple[str, str]], shown: Shown, tmp_path: Path
) -> None:
    window.show_page(PAGE_INDICATORS)
    window.export_action.trigger()
    wait_job(qtbot, window.indicator_page.export_job)
    assert chosen[-1] == ("Xuất chỉ tiêu ra Excel", "chi-tieu-24-11-2026.xlsx")
    book = load_workbook(tmp_path / "xuat" / "chi-tieu-24-11-2026.xlsx")
    assert book.sheetnames == ["Chỉ tiêu", "Lịch sử số liệu"]
    assert shown.infos[-1].startswith("Đã xuất 20 chỉ tiêu")


def test_cancelled_or_impossible_exports(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, shown: Shown, tmp_path: Path
) -> None:
    monkeypatch.setattr(excel_export, "ask_save_path", lambda _p, _t, _s: None)
    window.task_page.export_excel()
    assert window.task_page.export_job is None and not shown.infos and not shown.errors
    (tmp_path / "mo").mkdir()
    (tmp_path / "mo" / "~$x.xlsx").write_text("Excel has it open")
    monkeypatch.setattr(excel_export, "ask_save_path", lambda _p, _t, _s: tmp_path / "mo" / "x.xlsx")
    window.task_page.export_excel()
    wait_job(qtbot, window.task_page.export_job)
    open_elsewhere = "Tệp «x.xlsx» đang mở trong Excel hoặc chương trình khác; hãy đóng tệp rồi xuất lại."
    assert shown.errors == [open_elsewhere]
    assert not (tmp_path / "mo" / "x.xlsx").exists()


def test_ctrl_e_and_the_button_on_the_scoreboard_page(
    qtbot: QtBot,
    window: MainWindow,
    demo_ctx: AppContext,
    chosen: list[tuple[str, str]],
    shown: Shown,
    tmp_path: Path,
) -> None:
    from views.main_window import PAGE_SCOREBOARD

    window.show_page(PAGE_SCOREBOARD)
    window.export_action.trigger()
    wait_job(qtbot, window.scoreboard_page.export_job)
    assert chosen[-1] == ("Xuất bảng theo dõi theo cơ quan ra Excel", "theo-doi-co-quan-24-11-2026.xlsx")
    ws = load_workbook(tmp_path / "xuat" / "theo-doi-co-quan-24-11-2026.xlsx").active
    lines = demo_ctx.followup.scoreboard(demo_ctx.services.today())
    names = [ws.cell(r, 2).value for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]
    assert sorted(names) == sorted(line.name for line in lines)
    by_name = {line.name: line for line in lines}
    for r in range(1, ws.max_row + 1):
        if isinstance(ws.cell(r, 1).value, int):
            line = by_name[ws.cell(r, 2).value]
            assert (
                ws.cell(r, 3).value == line.lead.assigned
                and ws.cell(r, 12).value == line.cooperating.assigned
            )
    assert shown.infos[-1].startswith(f"Đã xuất {len(lines)} cơ quan, đơn vị")
    window.scoreboard_page.export_button.click()
    wait_job(qtbot, window.scoreboard_page.export_job)
    assert len(shown.infos) == 2 and not shown.errors


def test_ctrl_e_on_the_grid_page_exports_the_grid_as_shown(
    qtbot: QtBot,
    window: MainWindow,
    demo_ctx: AppContext,
    chosen: list[tuple[str, str]],
    shown: Shown,
    tmp_path: Path,
) -> None:
    from views.main_window import PAGE_REPORT_GRID

    window.show_page(PAGE_REPORT_GRID)
    page = window.report_grid_page
    page.cooperating.setChecked(False)
    window.export_action.trigger()
    wait_job(qtbot, page.export_job)
    assert chosen[-1] == ("Xuất bảng báo cáo định kỳ ra Excel", "bao-cao-dinh-ky-24-11-2026.xlsx")
    grid = demo_ctx.report_grid.grid(demo_ctx.services.today(), page.columns(), include_cooperating=False)
    assert grid.rows
    assert shown.infos[-1].startswith(f"Đã xuất {len(grid.rows)} dòng")
    ws = load_workbook(tmp_path / "xuat" / "bao-cao-dinh-ky-24-11-2026.xlsx").active
    assert all("(phối hợp)" not in str(c.value) for c in ws["E"])
