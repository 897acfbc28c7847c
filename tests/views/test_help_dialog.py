"""Help → «Hướng dẫn sử dụng»: the guide ships in resources/ (and so in the bundle), opens in
the window with this database's folders; «Giới thiệu» shows the version from pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.paths import RESOURCES, evidence_dir_for
from app.version import version
from tests.views.conftest import Shown
from views.help_dialog import guide_path
from views.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_guide_ships_with_the_program() -> None:
    path = guide_path()
    assert path.is_file() and path.is_relative_to(RESOURCES)
    text = path.read_text(encoding="utf-8")
    for heading in (
        "Ngày đầu tiên",
        "Nhập phụ lục",
        "minh chứng",
        "đôn đốc",
        "Dữ liệu nằm ở đâu",
        "Phím tắt",
    ):
        assert heading in text, heading
    for key in ("Ctrl+N", "Ctrl+F", "Delete", "F5"):
        assert f"| {key} |" in text
    # build.spec copies resources/ whole, and pyproject.toml for the version
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in spec
    assert '(str(ROOT / "pyproject.toml"), ".")' in spec


def test_guide_opens_from_the_menu_with_this_databases_paths(window: MainWindow, qtbot: QtBot) -> None:
    assert window.guide_action.shortcut().toString() == "F1"
    menu_titles = [a.text() for a in window.menuBar().actions()]
    assert "T&rợ giúp" in menu_titles
    dialog = window.make_help_dialog()
    qtbot.addWidget(dialog)
    shown_text = dialog.browser.toPlainText()
    db_path = window._ctx.db_path
    assert "Hướng dẫn sử dụng" in shown_text and "Thêm báo cáo" in shown_text
    assert str(db_path) in shown_text
    assert str(evidence_dir_for(db_path)) in shown_text
    assert not re.search(r"\{[a-z_]+\}", shown_text), "every placeholder filled"
    # Markdown rendered: the table of shortcuts is a table, not pipes
    assert "| Ctrl+N |" not in dialog.browser.toPlainText()
    assert dialog.width() <= 1366 and dialog.height() <= 720


def test_about_shows_the_version(window: MainWindow, shown: Shown) -> None:
    expected = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert version() == expected
    window.about_action.trigger()
    assert shown.infos and f"Phiên bản {expected}" in shown.infos[-1]


def test_guide_states_the_rates_as_the_program_computes_them() -> None:
    """The formulas shown in the scoreboard's tooltips are the guide's, word for word."""
    from app.followup_dto import LONGEST_OVERDUE_FORMULA, ON_TIME_RATE_FORMULA, UPDATE_RATE_FORMULA

    text = guide_path().read_text(encoding="utf-8")
    for formula in (ON_TIME_RATE_FORMULA, UPDATE_RATE_FORMULA, LONGEST_OVERDUE_FORMULA):
        assert formula in text


def test_guide_covers_reading_columns_history_and_trash() -> None:
    text = guide_path().read_text(encoding="utf-8")
    for words in (
        "Đọc văn bản…",
        "không xác định được thời hạn",
        "Đăng ký văn bản và nhiệm vụ",
        "thẻ «Cột»",
        "ghi nhớ",
        "--map",
        "--directive",
        "--new-agencies",
        "Lịch sử thay đổi",
        "Thùng rác",
        "30 ngày",
        "Khôi phục",
    ):
        assert words in text, words
