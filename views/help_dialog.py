"""Help → «Hướng dẫn sử dụng» (the guide shipped in resources/help/) and «Giới thiệu» (name, version).

The guide is Markdown with a few ``{placeholders}`` for the paths of *this* database, so the
officer reads where their data, evidence and backups actually are.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.paths import default_data_dir, evidence_dir_for, resource
from app.version import version
from views import messages
from views.geometry_memory import remember_window
from views.labels import APP_TITLE

GUIDE = ("help", "huong-dan-su-dung.md")


def guide_path() -> Path:
    return resource(*GUIDE)


def guide_text(db_path: Path) -> str:
    """The guide with this database's folders filled in."""
    text = guide_path().read_text(encoding="utf-8")
    places = {
        "{db_path}": str(db_path),
        "{evidence_dir}": str(evidence_dir_for(db_path)),
        "{backup_pattern}": f"{db_path.stem}.sao-luu-<ngày giờ>.zip",
        "{data_dir}": str(default_data_dir()),
    }
    for key, value in places.items():
        text = text.replace(key, value)
    return text


class HelpDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Hướng dẫn sử dụng – {APP_TITLE}")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        try:
            self.browser.setMarkdown(guide_text(db_path))
        except OSError:
            self.browser.setPlainText(f"Không đọc được tệp hướng dẫn {guide_path()}.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        remember_window(self, "HelpDialog", QSize(820, 620))  # clamped to the screen


def about_text() -> str:
    return (
        f"<b>{APP_TITLE}</b><br>Phiên bản {version()}<br><br>"
        "Theo dõi văn bản chỉ đạo, nhiệm vụ được giao, cơ quan chủ trì và phối hợp, "
        "thời hạn, báo cáo tiến độ kèm minh chứng và các chỉ tiêu.<br><br>"
        "Trạng thái nhiệm vụ được tính tự động từ thời hạn và các báo cáo đã nhận. "
        "Xem thêm: Trợ giúp → Hướng dẫn sử dụng (F1)."
    )


def show_about(parent: QWidget) -> None:
    messages.show_info(parent, about_text())
