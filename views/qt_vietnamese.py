"""Vietnamese for Qt's own strings: OK/Cancel, the file dialog, the text fields' context menus.

PySide6 ships no ``qtbase_vi.qm``, so the built-in dialogs would speak English in a Vietnamese
program. A translator written in Python answers the few contexts the program's dialogs show;
everything it does not know falls back to Qt's English source text, as Qt does for any missing
translation. The source strings are Qt 6's, character for character (mnemonics and colons
included); they were read from Qt's own translation sources (qttranslations, qtbase_*.ts) and
checked by recording what Qt 6.11 asks for when the dialogs are built (tests/views/test_qt_vietnamese.py
keeps checking the ones a user sees).

Keyboard names in shortcuts (Ctrl, Shift, Del) are left as printed on the keys.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

VIETNAM = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)

_EDIT_MENU = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
}

_BUTTONS = {
    "OK": "Đồng ý",
    "Save": "Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Yes": "&Có",
    "Yes to &All": "Có với &tất cả",
    "&No": "&Không",
    "N&o to All": "K&hông với tất cả",
    "Abort": "Hủy bỏ",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "Cancel": "Hủy",
    "Discard": "Không lưu",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
}

_FILE_DIALOG = {
    "Look in:": "Tìm trong:",
    "&Look in:": "&Tìm trong:",
    "Back": "Quay lại",
    "Go back": "Quay lại",
    "Forward": "Tiến tới",
    "Go forward": "Tiến tới",
    "Parent Directory": "Thư mục cha",
    "Go to the parent directory": "Lên thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "Create a New Folder": "Tạo thư mục mới",
    "List View": "Dạng danh sách",
    "Change to list view mode": "Xem dạng danh sách",
    "Detail View": "Dạng chi tiết",
    "Change to detail view mode": "Xem dạng chi tiết",
    "Sidebar": "Thanh bên",
    "List of places and bookmarks": "Các vị trí và dấu trang",
    "Files": "Tệp",
    "Files of type:": "Loại tệp:",
    "Files of &type:": "&Loại tệp:",
    "Find Directory": "Tìm thư mục",
    "Open": "Mở",
    "Save As": "Lưu thành",
    "Directory:": "Thư mục:",
    "File &name:": "&Tên tệp:",
    "&Open": "&Mở",
    "&Choose": "&Chọn",
    "&Save": "&Lưu",
    "All Files (*)": "Mọi tệp (*)",
    "All files (*)": "Mọi tệp (*)",
    "Show ": "Hiện ",
    "&Rename": "Đổi &tên",
    "&Delete": "&Xóa",
    "Show &hidden files": "Hiện tệp &ẩn",
    "&New Folder": "Thư mục &mới",
    "Directories": "Thư mục",
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.": (
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục."
    ),
    "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nBạn có muốn ghi đè không?",
    "%1\nFile not found.\nPlease verify the correct file name was given.": (
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp."
    ),
    "'%1' is write protected.\nDo you want to delete it anyway?": (
        "«%1» đang được bảo vệ chống ghi.\nVẫn xóa?"
    ),
    "New Folder": "Thư mục mới",
    "Delete": "Xóa",
    "Are you sure you want to delete '%1'?": "Bạn có chắc muốn xóa «%1»?",
    "Could not delete directory.": "Không xóa được thư mục.",
    "Recent Places": "Vị trí gần đây",
    "Remove": "Gỡ bỏ",
}

# (context, source text) -> Vietnamese. Contexts are Qt class names, as Qt's tr() passes them.
TRANSLATIONS: dict[tuple[str, str], str] = {
    **{("QPlatformTheme", s): t for s, t in _BUTTONS.items()},
    ("QDialogButtonBox", "OK"): "Đồng ý",
    **{("QFileDialog", s): t for s, t in _FILE_DIALOG.items()},
    ("QFileSystemModel", "Name"): "Tên",
    ("QFileSystemModel", "Size"): "Kích thước",
    ("QFileSystemModel", "Type"): "Loại",
    ("QFileSystemModel", "Kind"): "Loại",
    ("QFileSystemModel", "Date Modified"): "Ngày sửa",
    ("QFileSystemModel", "My Computer"): "Máy tính",
    ("QFileSystemModel", "Computer"): "Máy tính",
    ("QAbstractFileIconProvider", "Drive"): "Ổ đĩa",
    ("QAbstractFileIconProvider", "File Folder"): "Thư mục",
    ("QAbstractFileIconProvider", "Folder"): "Thư mục",
    ("QAbstractFileIconProvider", "Alias"): "Lối tắt",
    ("QAbstractFileIconProvider", "Shortcut"): "Lối tắt",
    ("QAbstractFileIconProvider", "Unknown"): "Không rõ",
    ("QAbstractFileIconProvider", "File"): "Tệp",
    ("QMessageBox", "Show Details..."): "Xem chi tiết…",
    ("QMessageBox", "Hide Details..."): "Ẩn chi tiết…",
    ("QMessageBox", "About Qt"): "Giới thiệu Qt",
    ("QInputDialog", "Enter a value:"): "Nhập một giá trị:",
    ("QProgressDialog", "Cancel"): "Hủy",
    **{("QLineEdit", s): t for s, t in _EDIT_MENU.items()},
    **{("QWidgetTextControl", s): t for s, t in _EDIT_MENU.items()},
    ("QWidgetTextControl", "Copy &Link Location"): "Sao chép địa chỉ &liên kết",
    ("QAbstractSpinBox", "&Select All"): "&Chọn tất cả",
    ("QAbstractSpinBox", "&Step up"): "&Tăng",
    ("QAbstractSpinBox", "Step &down"): "&Giảm",
    ("QErrorMessage", "&Show this message again"): "&Hiện lại thông báo này",
    ("QErrorMessage", "&OK"): "Đồng ý",
}


class VietnameseQtTranslator(QTranslator):
    """Answers Qt's tr() calls from ``TRANSLATIONS``.

    What it does not know it answers with None, a *null* string, so Qt keeps its English source
    text. An empty string would not do: Qt takes it as a translation and prints nothing (the
    "Ctrl+" of every shortcut in a menu would vanish).
    """

    def translate(  # None is the null QString that means "not mine"
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return TRANSLATIONS.get((context, source_text))

    def isEmpty(self) -> bool:
        return False


_installed: list[VietnameseQtTranslator] = []  # a reference, so the translator outlives the call


def install_vietnamese(app: QCoreApplication) -> VietnameseQtTranslator:
    """Qt's built-in strings in Vietnamese, and Vietnamese month/day names and number formats.

    Safe to call more than once: the first translator stays installed and is returned.
    """
    QLocale.setDefault(VIETNAM)
    if _installed:
        return _installed[0]
    translator = VietnameseQtTranslator(app)
    app.installTranslator(translator)
    _installed.append(translator)
    return translator
