"""The agency catalogue and the groups plans name instead of agencies."""

from __future__ import annotations

import html
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes
from app.dto import AgencyRow, GroupRow
from app.errors import UserError
from app.paths import resource
from views import file_dialogs, messages
from views.agency_dialog import AgencyDialog
from views.background import BackgroundJob
from views.delete_questions import agency_question, agency_refusal
from views.empty_hint import EmptyHint
from views.geometry_memory import remember_splitter
from views.labels import agency_kind_label
from views.list_actions import confirm_and_delete, run_edit_dialog
from views.needs import AgencyPageNeeds
from views.operations import runner
from views.rows_model import Column, RowsTableModel
from views.rows_page import RowsPage
from views.table_view import make_table
from views.task_table_model import overdue_text

GREY = QColor("#868e96")
OVERDUE_RED = QColor("#c92a2a")

AGENCY_COLUMNS: tuple[Column[AgencyRow], ...] = (
    Column("Tên cơ quan", lambda a: a.name, foreground=lambda a: None if a.active else GREY),
    Column("Tên viết tắt", lambda a: a.short_name),
    Column("Loại", lambda a: agency_kind_label(a.kind)),
    Column("Tên gọi khác", lambda a: "; ".join(a.aliases)),
    Column("Chủ trì (nhiệm vụ)", lambda a: str(a.lead_count), numeric=True),
    Column(
        "Quá hạn",
        lambda a: str(a.overdue_count),
        numeric=True,
        tooltip=lambda a: "Số phân công (chủ trì hoặc phối hợp) đang quá hạn",
        foreground=lambda a: OVERDUE_RED if a.overdue_count else None,
    ),
    Column(
        "Quá hạn lâu nhất",
        lambda a: overdue_text(a.overdue_days),
        numeric=True,
        tooltip=lambda a: (
            f"Phân công quá hạn lâu nhất của cơ quan đã quá {a.overdue_days} ngày"
            if a.overdue_days is not None
            else "Không có phân công quá hạn"
        ),
        foreground=lambda a: OVERDUE_RED if a.overdue_days is not None else None,
        sort_key=lambda a: -1 if a.overdue_days is None else a.overdue_days,
    ),
    Column("Hoạt động", lambda a: "Có" if a.active else "Ngừng"),
)
GROUP_COLUMNS: tuple[Column[GroupRow], ...] = (
    Column("Nhóm cơ quan", lambda g: g.name),
    Column("Số thành viên", lambda g: str(g.member_count), numeric=True),
)


EMPTY = "Chưa có cơ quan. Bấm «Nhập danh mục từ Excel…» để nhập danh mục, hoặc «Thêm cơ quan»."
NO_MATCH = "Không có cơ quan nào khớp «{}»."


class AgencyPage(RowsPage[AgencyRow]):
    select_first = False
    open_profile = Signal(int)  # agency id: «Xem hồ sơ cơ quan» (the main window opens it)

    def __init__(self, ctx: AgencyPageNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.job: BackgroundJob | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm cơ quan (không cần gõ dấu)…")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())

        self.init_table(AGENCY_COLUMNS, (260, 100, 150, 0, 125, 70, 110, 80), stretch=3)
        self.empty_hint = EmptyHint(self.table, self._empty_text)
        self.groups: RowsTableModel[GroupRow] = RowsTableModel(GROUP_COLUMNS, lambda g: g.id, self)
        self.group_table = make_table(self.groups, (0, 100), stretch=0)

        self.add_button = QPushButton("Thêm cơ quan")
        self.edit_button = QPushButton("Sửa")
        self.delete_button = QPushButton("Xóa")
        self.import_button = QPushButton("Nhập danh mục từ Excel…")
        self.profile_button = QPushButton("Xem hồ sơ cơ quan")
        self.profile_button.setToolTip(
            "Nhiệm vụ, báo cáo, văn bản đã gửi và kết quả theo thời gian của cơ quan (nhấp đúp vào dòng)"
        )
        self.profile_button.clicked.connect(self.show_profile)
        self.import_button.setToolTip(
            "Nhập danh mục cơ quan (tên | tên gọi khác | loại). Nhập lại danh mục kèm theo chương trình "
            "để điền «Tên viết tắt» còn trống; tên đã gõ được giữ nguyên."
        )
        self.add_button.clicked.connect(self.add_agency)
        self.edit_button.clicked.connect(self.edit_agency)
        self.delete_button.clicked.connect(self.delete_agency)
        self.import_button.clicked.connect(self.import_catalogue)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for b in (
            self.profile_button,
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.import_button,
        ):
            bar.addWidget(b)
        bar.addWidget(self.count_label)

        agency_box = QWidget()
        a_layout = QVBoxLayout(agency_box)
        a_layout.setContentsMargins(0, 0, 0, 0)
        a_layout.addLayout(bar)
        a_layout.addWidget(self.table)
        group_box = QGroupBox("Nhóm cơ quan")
        g_layout = QVBoxLayout(group_box)
        g_layout.addWidget(self.group_table)
        note = QLabel(
            "Nhóm dùng khi văn bản giao cho «các sở, ban, ngành»…; "
            "có thể tách thành từng cơ quan ở trang Nhiệm vụ."
        )
        note.setWordWrap(True)
        g_layout.addWidget(note)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(agency_box)
        splitter.addWidget(group_box)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        group_box.setMinimumWidth(220)
        remember_splitter(splitter, "agency_page", [900, 250])  # the catalogue gets the width
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _empty_text(self) -> str:
        searched = self.search.text().strip()
        return NO_MATCH.format(html.escape(searched)) if searched else EMPTY

    def cares_about(self, changes: Changes) -> bool:
        # the list shows each agency's lead and overdue counts
        return changes.agencies or changes.tasks

    def load_rows(self) -> list[AgencyRow]:
        rows = self._ctx.agencies.list_agencies(self.search.text())
        self.groups.set_rows(self._ctx.agencies.list_groups())
        return rows

    def count_text(self, count: int) -> str:
        return f"{count} cơ quan"

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.profile_button.setEnabled(has)

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.show_profile()

    def show_profile(self) -> None:
        a_id = self.current_id()
        if a_id is not None:
            self.open_profile.emit(a_id)

    def make_dialog(self, agency_id: int | None) -> AgencyDialog:
        return AgencyDialog(self._ctx, agency_id, parent=self)

    def add_agency(self) -> None:
        run_edit_dialog(self.make_dialog(None), self.saved)

    def edit_agency(self) -> None:
        a_id = self.current_id()
        if a_id is not None:
            run_edit_dialog(self.make_dialog(a_id), self.saved)

    def delete_agency(self) -> None:
        row = self.current_row()
        if row is None:
            return
        try:
            counts = self._ctx.agencies.deletion_counts(row.id)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        if counts.blocking:
            messages.show_error(self, agency_refusal(row.name, counts))
            return
        question = agency_question(row.name, counts)
        confirm_and_delete(self, question, partial(self._ctx.agencies.delete, row.id))

    def import_catalogue(self) -> None:
        # starts where the shipped catalogue is: re-reading it fills empty short names
        shipped = str(resource("sample", "danh-muc-co-quan.xlsx"))
        name = file_dialogs.open_file_name(
            self, "Chọn tệp danh mục cơ quan", shipped, "Bảng tính Excel (*.xlsx);;Mọi tệp (*)"
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> BackgroundJob:
        def done(result: Any) -> None:
            added, updated = result
            messages.show_info(self, f"Đã nhập danh mục: thêm {added} cơ quan, cập nhật {updated} cơ quan.")

        self.job = runner().run(
            self, "Đang nhập danh mục cơ quan…", lambda: self._ctx.agencies.import_catalogue(path), done
        )
        return self.job
