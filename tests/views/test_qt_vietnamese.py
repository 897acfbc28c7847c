"""Qt's built-in dialogs and menus speak Vietnamese (views/qt_vietnamese.py, views/file_dialogs.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCalendarWidget,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QTextEdit,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from views import file_dialogs
from views.qt_vietnamese import TRANSLATIONS

SB = QMessageBox.StandardButton


class Recorder(QTranslator):
    """Remembers every (context, source text) Qt asks for, answering nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        self.asked.add((context, source))
        return ""

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def recorder(qapp: QApplication) -> Iterator[Recorder]:
    rec = Recorder()
    qapp.installTranslator(rec)
    yield rec
    qapp.removeTranslator(rec)


def texts(widget: QWidget) -> set[str]:
    """Every label, button text and tooltip a user can read in ``widget``."""
    out = {w.text() for w in widget.findChildren(QLabel)} | {
        w.text() for w in widget.findChildren(QAbstractButton)
    }
    out |= {w.toolTip() for w in widget.findChildren(QWidget)}
    return {t for t in out if t}


def test_message_box_buttons_read_dong_y_and_huy(qtbot: QtBot) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "t", "Xóa?", SB.Ok | SB.Cancel | SB.Yes | SB.No | SB.Close)
    qtbot.addWidget(box)
    assert box.button(SB.Cancel).text() == "Hủy"
    assert box.button(SB.Ok).text() == "Đồng ý"
    assert box.button(SB.Yes).text() == "&Có"
    assert box.button(SB.No).text() == "&Không"
    assert box.button(SB.Close).text() == "Đóng"


def test_input_dialog_and_button_box_speak_vietnamese(qtbot: QtBot) -> None:
    dlg = QInputDialog()
    qtbot.addWidget(dlg)
    dlg.setInputMode(QInputDialog.InputMode.IntInput)
    dlg.show()
    box = dlg.findChild(QDialogButtonBox)
    assert box is not None
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Hủy"
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "Đồng ý"
    assert "Nhập một giá trị:" in texts(dlg)


def test_progress_dialog_cancel_reads_huy(qtbot: QtBot) -> None:
    dlg = QProgressDialog()
    qtbot.addWidget(dlg)
    assert "Hủy" in texts(dlg)


@pytest.mark.parametrize("make", [QLineEdit, QTextEdit])
def test_text_context_menus_are_vietnamese(qtbot: QtBot, make: type[QLineEdit] | type[QTextEdit]) -> None:
    edit = make("chữ")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    shown = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert shown[0] == "&Hoàn tác\tCtrl+Z"  # the key names stay as printed on the keyboard
    names = [t.split("\t")[0] for t in shown]
    assert names[1] == "&Làm lại"
    assert {"&Cắt", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"} <= set(names)
    assert not {"&Undo", "&Copy", "Select All", "Delete"} & set(names)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "con").mkdir()
    f = tmp_path / "phu-luc.xlsx"
    f.write_bytes(b"x" * 5000)
    stamp = datetime(2026, 11, 24, 9, 5).timestamp()
    os.utime(f, (stamp, stamp))
    return tmp_path


def _shown_file_dialog(qtbot: QtBot, folder: Path, accept: QFileDialog.AcceptMode) -> QFileDialog:
    dlg = file_dialogs.make_dialog(None, "Chọn tệp", str(folder), "Bảng tính (*.xlsx)")
    qtbot.addWidget(dlg)
    dlg.setAcceptMode(accept)
    dlg.setViewMode(QFileDialog.ViewMode.Detail)
    dlg.show()
    return dlg


def test_file_dialog_labels_buttons_and_tooltips_are_vietnamese(qtbot: QtBot, folder: Path) -> None:
    dlg = _shown_file_dialog(qtbot, folder, QFileDialog.AcceptMode.AcceptOpen)
    seen = texts(dlg)
    assert {"&Tìm trong:", "&Tên tệp:", "&Loại tệp:", "&Mở", "Hủy"} <= seen
    assert {"Quay lại", "Tiến tới", "Thư mục cha", "Tạo thư mục mới"} <= seen
    assert {"Dạng danh sách", "Dạng chi tiết"} <= seen
    english = {
        "Look in:",
        "&Look in:",
        "File &name:",
        "Files of &type:",
        "&Open",
        "Cancel",
        "Back",
        "Detail View",
    }
    assert not english & seen
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    assert "&Lưu" in texts(dlg)


def test_file_dialog_columns_sizes_and_dates_are_vietnamese(qtbot: QtBot, folder: Path) -> None:
    dlg = _shown_file_dialog(qtbot, folder, QFileDialog.AcceptMode.AcceptOpen)
    view = dlg.findChild(QTreeView, "treeView")
    assert view is not None
    model = view.model()
    headers = [model.headerData(c, view.header().orientation()) for c in range(4)]
    assert headers == ["Tên", "Kích thước", "Loại", "Ngày sửa"]

    def row_of(name: str) -> list[str]:
        root = view.rootIndex()
        for r in range(model.rowCount(root)):
            if model.index(r, 0, root).data() == name:
                return [model.index(r, c, root).data() for c in range(4)]
        return []

    qtbot.waitUntil(lambda: row_of("phu-luc.xlsx") != [] and row_of("phu-luc.xlsx")[3] != "")
    row = row_of("phu-luc.xlsx")
    assert row[3] == "24/11/2026 09:05"
    assert row[1].startswith("4,9 ") and row[1].lower().endswith("kb")  # Vietnamese decimal comma


def test_vietnamese_month_names_in_calendars(qtbot: QtBot) -> None:
    cal = QCalendarWidget()
    qtbot.addWidget(cal)
    assert QLocale().language() == QLocale.Language.Vietnamese
    assert "tháng" in cal.locale().monthName(8).lower()
    assert QLocale().toString(QDate(2026, 8, 3), "dddd").lower() == "thứ hai"


def test_every_string_qt_asks_for_in_these_dialogs_is_translated(
    qtbot: QtBot, recorder: Recorder, folder: Path
) -> None:
    """The source strings match Qt's exactly: a typo in a key would leave English on screen."""
    widgets: list[QWidget] = [
        QMessageBox(QMessageBox.Icon.Question, "t", "x", SB.Ok | SB.Cancel | SB.Yes | SB.No | SB.Close),
        QInputDialog(),
        QProgressDialog(),
        _shown_file_dialog(qtbot, folder, QFileDialog.AcceptMode.AcceptOpen),
    ]
    for w in widgets[:3]:
        qtbot.addWidget(w)
        w.show()
    QLineEdit("a").createStandardContextMenu()
    QTextEdit("a").createStandardContextMenu()
    QCoreApplication.processEvents()
    keys_left_in_english = {
        ("QFileDialog", "Alt+Left"),
        ("QFileDialog", "Alt+Right"),
        ("QFileDialog", "Alt+Up"),
    }
    shown_contexts = {"QPlatformTheme", "QFileDialog", "QFileSystemModel", "QMessageBox", "QDialogButtonBox"}
    shown_contexts |= {"QLineEdit", "QWidgetTextControl", "QInputDialog", "QProgressDialog"}
    asked = {k for k in recorder.asked if k[0] in shown_contexts} - keys_left_in_english
    assert len(asked) > 40
    assert asked - TRANSLATIONS.keys() == set()


def test_file_dialog_opens_wide_enough_for_its_dates_and_types(qtbot: QtBot, folder: Path) -> None:
    """Qt's default width cut «Ngày sửa» to «24/11/… 09:05» and the side bar's «Máy tính»."""
    dlg = _shown_file_dialog(qtbot, folder, QFileDialog.AcceptMode.AcceptOpen)
    screen = dlg.screen().availableGeometry()
    assert dlg.width() >= min(file_dialogs.DIALOG_SIZE[0], screen.width() - 40)
    tree = dlg.findChild(QTreeView, "treeView")
    assert tree is not None
    date_width = tree.fontMetrics().horizontalAdvance("24/11/2026 09:05")
    assert tree.header().sectionSize(file_dialogs.DATE_COLUMN) > date_width
    assert tree.header().sectionSize(file_dialogs.TYPE_COLUMN) >= 120
    splitter = dlg.findChild(QSplitter, "splitter")
    assert splitter is not None and splitter.sizes()[0] >= file_dialogs.SIDEBAR_WIDTH
