""""Xuất Excel…" (Ctrl+E) from the task page and the indicator page, with the file chooser replaced."""

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
    qtbot: QtBot, window: MainWindow, demo_ctx: AppContext, chosen: list[tuple[str, str]], shown: Shown,
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
