"""The main window: navigation on the left, one page per subject, counts in the status bar."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QWidget,
)

from app import migrate
from app.changes import Changes
from app.errors import UserError
from views import file_dialogs, messages
from views.agency_page import AgencyPage
from views.background import BackgroundJob, run_in_background
from views.directive_page import DirectivePage
from views.indicator_page import IndicatorPage
from views.labels import APP_TITLE
from views.list_shortcuts import PageKeys, add_list_menu
from views.needs import WindowNeeds
from views.operations import runner
from views.report_grid_page import ReportGridPage
from views.task_page import TaskPage
from views.task_table_model import PAGE_SIZE

if TYPE_CHECKING:  # dialogs load on first use: letters and the importer are not start-up costs
    from views.import_dialog import ImportDialog
    from views.issuer_settings_dialog import IssuerSettingsDialog
    from views.letter_dialog import LetterDialog

GEOMETRY_KEY = "main_window/geometry"
STATE_KEY = "main_window/state"
PAGE_KEY = "main_window/page"

PAGE_DIRECTIVES, PAGE_TASKS, PAGE_REPORT_GRID, PAGE_AGENCIES, PAGE_INDICATORS = range(5)
ABOUT = (
    f"<b>{APP_TITLE}</b><br><br>"
    "Theo dõi văn bản chỉ đạo, nhiệm vụ được giao, cơ quan chủ trì và phối hợp, "
    "thời hạn, báo cáo tiến độ kèm minh chứng và các chỉ tiêu.<br><br>"
    "Trạng thái nhiệm vụ được tính tự động từ thời hạn và các báo cáo đã nhận."
)


class MainWindow(QMainWindow):
    def __init__(
        self, ctx: WindowNeeds, settings: QSettings | None = None, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__()
        self._ctx = ctx
        self._settings = settings if settings is not None else QSettings()
        self.job: BackgroundJob | None = None
        self.setWindowTitle(APP_TITLE)

        self.directive_page = DirectivePage(ctx)
        self.task_page = TaskPage(ctx, page_size)
        self.report_grid_page = ReportGridPage(ctx)
        self.agency_page = AgencyPage(ctx)
        self.indicator_page = IndicatorPage(ctx)
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setFixedWidth(185)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("QListWidget { font-size: 10.5pt; } QListWidget::item { padding: 6px; }")
        pages: list[tuple[str, QStyle.StandardPixmap, QWidget]] = [
            ("Văn bản chỉ đạo", QStyle.StandardPixmap.SP_FileDialogDetailedView, self.directive_page),
            ("Nhiệm vụ", QStyle.StandardPixmap.SP_FileDialogListView, self.task_page),
            ("Báo cáo định kỳ", QStyle.StandardPixmap.SP_FileDialogContentsView, self.report_grid_page),
            ("Cơ quan", QStyle.StandardPixmap.SP_DirHomeIcon, self.agency_page),
            ("Chỉ tiêu", QStyle.StandardPixmap.SP_FileDialogInfoView, self.indicator_page),
        ]
        for title, icon, page in pages:
            QListWidgetItem(self.style().standardIcon(icon), title, self.nav)
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self.show_page)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.path_label = QLabel(f"Dữ liệu: {ctx.db_path}")
        self.counts_label = QLabel()
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self._build_menu()

        self.directive_page.show_tasks.connect(self.show_directive_tasks)
        runner().changed.connect(self.on_changes)

        self.resize(1400, 880)
        geometry = self._settings.value(GEOMETRY_KEY, QByteArray())
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        start = self._settings.value(PAGE_KEY, PAGE_TASKS)
        self.nav.setCurrentRow(
            _as_int(start, PAGE_TASKS) if 0 <= _as_int(start, PAGE_TASKS) < self.stack.count() else PAGE_TASKS
        )
        # the totals scan every task: let the first page of the list paint before them
        QTimer.singleShot(0, self.update_counts)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        self.import_action = QAction("&Nhập phụ lục Excel (nhiệm vụ, chỉ tiêu)…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_appendix)
        file_menu.addAction(self.import_action)
        self.backup_action = QAction("&Sao lưu dữ liệu", self)
        self.backup_action.triggered.connect(self.backup)
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        quit_action = QAction("T&hoát", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.list_actions = add_list_menu(
            self, "&Danh sách", self._new_task, self._page_keys, self._task_search
        )
        letters_menu = self.menuBar().addMenu("&Văn bản đi")
        self.letter_action = QAction("&Soạn văn bản đi (đôn đốc, triển khai, báo cáo)…", self)
        self.letter_action.setShortcut(QKeySequence("Ctrl+L"))
        self.letter_action.triggered.connect(lambda: self.make_letter_dialog().exec())
        letters_menu.addAction(self.letter_action)
        self.register_action = QAction("Sổ văn bản &đi…", self)
        self.register_action.triggered.connect(self.show_letter_register)
        letters_menu.addAction(self.register_action)
        self.issuer_action = QAction("&Cơ quan ban hành, người ký…", self)
        self.issuer_action.triggered.connect(lambda: self.make_issuer_dialog().exec())
        letters_menu.addAction(self.issuer_action)
        settings_menu = self.menuBar().addMenu("&Cài đặt")
        self.soon_action = QAction("Số ngày báo «&sắp đến hạn»…", self)
        self.soon_action.triggered.connect(self.ask_soon_days)
        settings_menu.addAction(self.soon_action)
        help_menu = self.menuBar().addMenu("T&rợ giúp")
        about = QAction("&Giới thiệu", self)
        about.triggered.connect(lambda: messages.show_info(self, ABOUT))
        help_menu.addAction(about)

    # -- keyboard (views.list_shortcuts) ----------------------------------------------------
    def _page_keys(self) -> PageKeys:
        page = self.stack.currentWidget()
        if page is self.directive_page:
            return PageKeys(self.directive_page.delete_directive, self.directive_page.refresh)
        if page is self.agency_page:
            return PageKeys(self.agency_page.delete_agency, self.agency_page.refresh, self.agency_page.search)
        if page is self.indicator_page:
            return PageKeys(self.indicator_page.delete_indicator, self.indicator_page.refresh)
        if page is self.report_grid_page:
            return PageKeys(None, self.report_grid_page.refresh)

        def refresh_tasks() -> None:
            self.task_page.refresh()
            self.update_counts()

        return PageKeys(self.task_page.delete_task, refresh_tasks, self.task_page.filter_bar.search)

    def _new_task(self) -> None:
        self.show_page(PAGE_TASKS)
        self.task_page.add_task()

    def _task_search(self) -> QLineEdit:
        self.show_page(PAGE_TASKS)
        return self.task_page.filter_bar.search

    # Factories, so tests can take the dialog without running it modally.
    def show_letter_register(self) -> None:
        from views.letter_register_dialog import LetterRegisterDialog

        LetterRegisterDialog(self._ctx, self).exec()

    def make_letter_dialog(self) -> LetterDialog:
        from views.letter_dialog import LetterDialog

        return LetterDialog(self._ctx, self)

    def make_import_dialog(self, path: Path) -> ImportDialog:
        from views.import_dialog import ImportDialog

        return ImportDialog(self._ctx, path, self)

    def import_appendix(self) -> None:
        name = file_dialogs.open_file_name(
            self, "Chọn tệp phụ lục Excel", "", "Bảng tính (*.xlsx *.xlsm *.xls *.ods);;Mọi tệp (*)"
        )
        if not name:
            return
        self.make_import_dialog(Path(name)).exec()

    def make_issuer_dialog(self) -> IssuerSettingsDialog:
        from views.issuer_settings_dialog import IssuerSettingsDialog

        return IssuerSettingsDialog(self._ctx, self)

    def ask_soon_days(self) -> None:
        days, ok = QInputDialog.getInt(
            self,
            "Sắp đến hạn",
            "Nhiệm vụ được coi là «sắp đến hạn» khi còn không quá (ngày):",
            self._ctx.settings.soon_days(),
            1,
            90,
        )
        if ok:
            self.set_soon_days(days)

    def set_soon_days(self, days: int) -> None:
        try:
            runner().run_modal(self, partial(self._ctx.settings.set_soon_days, days))
        except UserError as exc:
            messages.show_error(self, str(exc))

    # -- pages -----------------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        if not 0 <= index < self.stack.count():
            return
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
            return
        self.stack.setCurrentIndex(index)

    def show_directive_tasks(self, directive_id: int) -> None:
        self.task_page.show_directive(directive_id)
        self.show_page(PAGE_TASKS)

    def on_changes(self, changes: Changes) -> None:
        """The status bar counts tasks and directives; the pages refresh themselves."""
        if changes.tasks or changes.directives:
            self.update_counts()

    def update_counts(self) -> None:
        try:
            tasks, overdue, soon = self._ctx.tasks.totals()  # one statement, three index counts
            directives = len(self._ctx.directives.list_directives(with_counts=False))
        except UserError:
            return
        self.counts_label.setText(
            f"{directives} văn bản  ·  {tasks} nhiệm vụ  ·  {overdue} quá hạn  ·  {soon} sắp đến hạn"
        )

    # -- menu actions ----------------------------------------------------------------------
    def backup(self) -> BackgroundJob:
        path = self._ctx.db_path

        def done(made: Any) -> None:
            messages.show_info(self, f"Đã sao lưu dữ liệu vào:\n{made}")

        self.job = run_in_background(
            self, "Đang sao lưu dữ liệu…", lambda: migrate.backup(path, reason="sao-luu"), done
        )
        return self.job

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(PAGE_KEY, self.stack.currentIndex())
        self._settings.sync()
        super().closeEvent(event)


def _as_int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
