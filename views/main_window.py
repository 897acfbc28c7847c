"""The main window: navigation on the left, one page per subject, counts in the status bar."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, QSize, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QWidget,
)

from app.changes import Changes
from app.errors import UserError
from views import file_dialogs, messages
from views.agency_page import AgencyPage
from views.agency_profile_dialog import AgencyProfileDialog
from views.background import BackgroundJob
from views.backup_ui import READ_ONLY_TITLE, BackupKeeper
from views.directive_page import DirectivePage
from views.geometry_memory import keep_on_screen, remember_window, save_window
from views.history_pages import HistoryPage, TrashPage
from views.indicator_page import IndicatorPage
from views.labels import APP_TITLE
from views.list_shortcuts import PageKeys, add_list_menu
from views.needs import WindowNeeds
from views.operations import runner
from views.overview_page import OverviewPage
from views.report_grid_page import ReportGridPage
from views.scoreboard_page import ScoreboardPage
from views.task_page import TaskPage
from views.task_selection import TaskSelection
from views.task_table_model import PAGE_SIZE

if TYPE_CHECKING:  # dialogs load on first use: letters and the importer are not start-up costs
    from views.help_dialog import HelpDialog
    from views.import_dialog import ImportDialog
    from views.issuer_settings_dialog import IssuerSettingsDialog
    from views.letter_dialog import LetterDialog

WINDOW_KEY = "main_window"
PREFERRED_SIZE = QSize(1400, 880)
SHARED_DB_BOX_WIDTH = 560
# the page's title, not its place: a page added above it must not move the user elsewhere
PAGE_KEY = "main_window/page_title"

(
    PAGE_OVERVIEW,
    PAGE_SCOREBOARD,
    PAGE_DIRECTIVES,
    PAGE_TASKS,
    PAGE_REPORT_GRID,
    PAGE_AGENCIES,
    PAGE_INDICATORS,
) = range(7)


class MainWindow(QMainWindow):
    def __init__(
        self, ctx: WindowNeeds, settings: QSettings | None = None, page_size: int = PAGE_SIZE
    ) -> None:
        super().__init__()
        self._ctx = ctx
        self._settings = settings if settings is not None else QSettings()
        self.job: BackgroundJob | None = None
        self.setWindowTitle(APP_TITLE)

        self.overview_page = OverviewPage(ctx)
        self.scoreboard_page = ScoreboardPage(ctx)
        self.directive_page = DirectivePage(ctx)
        self.task_page = TaskPage(ctx, page_size)
        self.report_grid_page = ReportGridPage(ctx)
        self.agency_page = AgencyPage(ctx)
        self.indicator_page = IndicatorPage(ctx)
        self.history_page = HistoryPage(ctx)
        self.trash_page = TrashPage(ctx)
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setFixedWidth(168)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("QListWidget { font-size: 10pt; } QListWidget::item { padding: 6px; }")
        pages: list[tuple[str, QStyle.StandardPixmap, QWidget]] = [
            ("Tổng quan", QStyle.StandardPixmap.SP_ComputerIcon, self.overview_page),
            ("Theo dõi cơ quan", QStyle.StandardPixmap.SP_FileDialogContentsView, self.scoreboard_page),
            ("Văn bản chỉ đạo", QStyle.StandardPixmap.SP_FileDialogDetailedView, self.directive_page),
            ("Nhiệm vụ", QStyle.StandardPixmap.SP_FileDialogListView, self.task_page),
            ("Báo cáo định kỳ", QStyle.StandardPixmap.SP_DialogApplyButton, self.report_grid_page),
            ("Cơ quan", QStyle.StandardPixmap.SP_DirHomeIcon, self.agency_page),
            ("Chỉ tiêu", QStyle.StandardPixmap.SP_FileDialogInfoView, self.indicator_page),
            ("Lịch sử thay đổi", QStyle.StandardPixmap.SP_FileDialogBack, self.history_page),
            ("Thùng rác", QStyle.StandardPixmap.SP_TrashIcon, self.trash_page),
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

        shared = " (dùng chung)" if ctx.is_shared else ""
        self.path_label = QLabel(f"Dữ liệu{shared}: {ctx.location}")
        # a long path may be cut at the right, never widen the window past the screen
        self.path_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.path_label.setToolTip(str(ctx.location))
        self.counts_label = QLabel()
        self.backups = BackupKeeper(self, ctx)
        if ctx.read_only_notice:
            # ending with the program's name: Qt adds it to any title that does not (twice, else)
            self.setWindowTitle(f"{READ_ONLY_TITLE} – {APP_TITLE}")
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.backups.label)
        self.statusBar().addPermanentWidget(self.counts_label)
        self._build_menu()

        self.directive_page.show_tasks.connect(self.show_directive_tasks)
        for follow in (self.overview_page, self.scoreboard_page):
            follow.show_tasks.connect(self.show_selected_tasks)
        self.overview_page.as_of_changed.connect(self.scoreboard_page.set_as_of)  # one "as of" day
        self.scoreboard_page.as_of_changed.connect(self.overview_page.set_as_of)
        runner().changed.connect(self.on_changes)
        self.agency_page.open_profile.connect(self.open_agency_profile)
        self.scoreboard_page.table.doubleClicked.connect(self._scoreboard_double_clicked)

        # as big as the screen allows, up to PREFERRED_SIZE; the last size and place, clamped to it
        remember_window(self, WINDOW_KEY, PREFERRED_SIZE, settings=self._settings, position=True)
        titles = [title for title, _icon, _page in pages]
        start = self._settings.value(PAGE_KEY, "")
        self.nav.setCurrentRow(titles.index(start) if start in titles else PAGE_OVERVIEW)
        # the totals scan every task: let the first page of the list paint before them
        QTimer.singleShot(0, self.update_counts)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&Tệp")
        self.import_action = QAction("&Nhập phụ lục Excel (nhiệm vụ, chỉ tiêu)…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_appendix)
        file_menu.addAction(self.import_action)
        self.backup_action = self.backups.backup_action
        if self._ctx.is_shared:  # the server's backups (pg_dump) keep a shared database
            self.backup_action.setEnabled(False)
            self.backup_action.setToolTip("Cơ sở dữ liệu dùng chung được sao lưu trên máy chủ (pg_dump).")
            self.backups.restore_action.setEnabled(False)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.backups.restore_action)
        file_menu.addAction(self.backups.folder_action)
        file_menu.addSeparator()
        self.export_action = QAction("&Xuất Excel trang đang xem…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_excel)
        file_menu.addAction(self.export_action)
        self.status_book_action = QAction("Xuất bảng &tình hình thực hiện theo mẫu phụ lục…", self)
        self.status_book_action.triggered.connect(lambda: self.task_page.export_status_workbook())
        file_menu.addAction(self.status_book_action)
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
        self.templates_action = QAction("Mở thư mục &mẫu văn bản (sửa mẫu trong Word)…", self)
        self.templates_action.triggered.connect(self.open_templates_folder)
        letters_menu.addAction(self.templates_action)
        self.issuer_action = QAction("&Cơ quan ban hành, người ký…", self)
        self.issuer_action.triggered.connect(lambda: self.make_issuer_dialog().exec())
        letters_menu.addAction(self.issuer_action)
        settings_menu = self.menuBar().addMenu("&Cài đặt")
        self.soon_action = QAction("Số ngày báo «&sắp đến hạn»…", self)
        self.soon_action.triggered.connect(self.ask_soon_days)
        settings_menu.addAction(self.soon_action)
        self.shared_db_action = QAction("Cơ sở dữ liệu &dùng chung (PostgreSQL)…", self)
        self.shared_db_action.triggered.connect(self.ask_shared_database)
        settings_menu.addAction(self.shared_db_action)
        help_menu = self.menuBar().addMenu("T&rợ giúp")
        self.guide_action = QAction("&Hướng dẫn sử dụng", self)
        self.guide_action.setShortcut(QKeySequence("F1"))
        self.guide_action.triggered.connect(lambda: self.make_help_dialog().exec())
        help_menu.addAction(self.guide_action)
        self.about_action = QAction("&Giới thiệu", self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    # -- keyboard (views.list_shortcuts) ----------------------------------------------------
    def _page_keys(self) -> PageKeys:
        page = self.stack.currentWidget()
        if page is self.overview_page or page is self.scoreboard_page:
            return PageKeys(None, page.refresh)  # nothing to delete there (never the task list's row)
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

    def open_templates_folder(self) -> None:
        """The ``mau-van-ban`` folder beside the database, where edited templates go."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        try:
            folder = self._ctx.letters.templates_folder()
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            messages.show_info(self, f"Thư mục mẫu văn bản: {folder}")

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

    def show_about(self) -> None:
        from views.help_dialog import show_about

        show_about(self)

    def make_help_dialog(self) -> HelpDialog:
        from views.help_dialog import HelpDialog

        return HelpDialog(self._ctx.db_path, self)

    def make_issuer_dialog(self) -> IssuerSettingsDialog:
        from views.issuer_settings_dialog import IssuerSettingsDialog

        return IssuerSettingsDialog(self._ctx, self)

    def make_shared_db_dialog(self) -> QInputDialog:
        """The address box, wide enough for a whole address (Qt's default cut it at 430 px)."""
        from app.shared_db import saved_target

        dlg = QInputDialog(self)
        dlg.setWindowTitle("Cơ sở dữ liệu dùng chung")
        dlg.setLabelText(
            "Địa chỉ cơ sở dữ liệu PostgreSQL của văn phòng, dạng\n"
            "postgresql://tên-đăng-nhập@máy-chủ/tên-cơ-sở-dữ-liệu\n"
            "(mật khẩu được hỏi khi mở; để trống để dùng tệp dữ liệu trên máy này):"
        )
        dlg.setTextValue(saved_target() or "")
        dlg.setOkButtonText("Lưu")
        edit = dlg.findChild(QLineEdit)
        if edit is not None:  # the dialog sizes itself to its contents: widen the box itself
            edit.setMinimumWidth(SHARED_DB_BOX_WIDTH)
            edit.setPlaceholderText("VD: postgresql://nguyenvana@192.168.1.10/banchidao")
        return dlg

    def ask_shared_database(self) -> None:
        """Choose the shared office database this workstation opens from the next start."""
        dlg = self.make_shared_db_dialog()
        if dlg.exec():
            self.set_shared_database(dlg.textValue())

    def set_shared_database(self, url: str) -> None:
        from app.shared_db import save_target

        try:
            kept = save_target(url)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        where = f"cơ sở dữ liệu dùng chung {kept}" if kept else "tệp dữ liệu trên máy này"
        messages.show_info(self, f"Từ lần mở chương trình sau sẽ dùng {where}.")

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

    def show_selected_tasks(self, selection: TaskSelection) -> None:
        """A number clicked on the overview or the scoreboard: the task list shows its tasks."""
        self.task_page.show_selection(selection)
        self.show_page(PAGE_TASKS)

    def open_agency_profile(self, agency_id: int, as_of: date | None = None) -> AgencyProfileDialog:
        """«Hồ sơ cơ quan», not modal; a double click on one of its tasks opens it in the list."""
        dlg = AgencyProfileDialog(self._ctx, agency_id, as_of, parent=self)
        dlg.show_tasks.connect(self.show_selected_tasks)
        dlg.show()
        self.agency_profile_dialog = dlg
        return dlg

    def _scoreboard_double_clicked(self, index: QModelIndex) -> None:
        """A double click on an agency's name on the scoreboard opens its profile (groups have none)."""
        board = self.scoreboard_page
        proxy = board.table.model()
        source = proxy.mapToSource(index) if isinstance(proxy, QSortFilterProxyModel) else index
        rows = board.model.rows()
        if index.column() != 0 or not 0 <= source.row() < len(rows):
            return
        line = rows[source.row()]
        if line.agency_id is not None:
            self.open_agency_profile(line.agency_id, board.shown_as_of)

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
        # the pages may show another day («Tính đến ngày»); these are always today's
        self.counts_label.setToolTip(
            f"Tính đến hôm nay ({self._ctx.services.today():%d/%m/%Y}), dù trang đang xem chọn ngày khác."
        )

    # -- menu actions ----------------------------------------------------------------------
    def export_excel(self) -> None:
        """Ctrl+E: the page shown (scoreboard, grid, indicators), else the task list as filtered."""
        page = self.stack.currentWidget()
        if page is self.indicator_page:
            self.indicator_page.export_excel()
        elif page is self.scoreboard_page:
            self.scoreboard_page.export_excel()
        elif page is self.report_grid_page:
            self.report_grid_page.export_excel()
        else:
            self.task_page.export_excel()

    def backup(self) -> BackgroundJob:
        self.job = self.backups.backup_now()
        return self.job

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, partial(keep_on_screen, self))  # the real frame is known by then

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.backups.on_close(event):
            return  # a last backup first; it closes the window when done
        save_window(self, WINDOW_KEY, self._settings, position=True)
        self._settings.setValue(PAGE_KEY, self.nav.currentItem().text() if self.nav.currentItem() else "")
        self._settings.sync()
        super().closeEvent(event)
