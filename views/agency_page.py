"""The agency catalogue and the groups plans name instead of agencies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.dto import AgencyRow, GroupRow
from app.errors import UserError
from views import messages
from views.agency_dialog import AgencyDialog
from views.background import BackgroundJob, run_in_background
from views.lazy_page import LazyPage
from views.rows_model import Column, RowsTableModel
from views.table_view import make_table, selected_row

GREY = QColor("#868e96")

AGENCY_COLUMNS: tuple[Column[AgencyRow], ...] = (
    Column("Tên cơ quan", lambda a: a.name, foreground=lambda a: None if a.active else GREY),
    Column("Tên viết tắt", lambda a: a.short_name),
    Column("Loại", lambda a: a.kind_label),
    Column("Tên gọi khác", lambda a: "; ".join(a.aliases)),
    Column("Chủ trì (nhiệm vụ)", lambda a: str(a.lead_count), numeric=True),
    Column("Hoạt động", lambda a: "Có" if a.active else "Ngừng"),
)
GROUP_COLUMNS: tuple[Column[GroupRow], ...] = (
    Column("Nhóm cơ quan", lambda g: g.name),
    Column("Số thành viên", lambda g: str(g.member_count), numeric=True),
)


class AgencyPage(LazyPage):
    data_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
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

        self.model: RowsTableModel[AgencyRow] = RowsTableModel(AGENCY_COLUMNS, lambda a: a.id, self)
        self.table = make_table(self.model, (300, 110, 170, 0, 125, 80), stretch=3)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.groups: RowsTableModel[GroupRow] = RowsTableModel(GROUP_COLUMNS, lambda g: g.id, self)
        self.group_table = make_table(self.groups, (0, 100), stretch=0)

        self.add_button = QPushButton("Thêm cơ quan")
        self.edit_button = QPushButton("Sửa")
        self.delete_button = QPushButton("Xóa")
        self.import_button = QPushButton("Nhập danh mục từ Excel…")
        self.add_button.clicked.connect(self.add_agency)
        self.edit_button.clicked.connect(self.edit_agency)
        self.delete_button.clicked.connect(self.delete_agency)
        self.import_button.clicked.connect(self.import_catalogue)
        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for b in (self.add_button, self.edit_button, self.delete_button, self.import_button):
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
        group_box.setMinimumWidth(340)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def refresh(self, keep: int | None = None) -> None:
        self._stale = False
        keep = keep if keep is not None else self.current_id()
        try:
            rows = self._ctx.agencies.list_agencies(self.search.text())
            self.groups.set_rows(self._ctx.agencies.list_groups())
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        self.model.set_rows(rows)
        self.count_label.setText(f"{len(rows)} cơ quan")
        row = self.model.row_of_id(keep) if keep is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def current_id(self) -> int | None:
        row = self.model.row_at(selected_row(self.table))
        return row.id if row else None

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.edit_agency()

    def make_dialog(self, agency_id: int | None) -> AgencyDialog:
        return AgencyDialog(self._ctx, agency_id, parent=self)

    def add_agency(self) -> None:
        dlg = self.make_dialog(None)
        if dlg.exec() and dlg.saved_id is not None:
            self.saved(dlg.saved_id)

    def edit_agency(self) -> None:
        a_id = self.current_id()
        if a_id is None:
            return
        dlg = self.make_dialog(a_id)
        if dlg.exec() and dlg.saved_id is not None:
            self.saved(dlg.saved_id)

    def saved(self, agency_id: int) -> None:
        self.refresh(keep=agency_id)
        self.data_changed.emit()

    def delete_agency(self) -> None:
        row = self.model.row_at(selected_row(self.table))
        if row is None or not messages.confirm(self, f"Xóa cơ quan «{row.name}» khỏi danh mục?", "Xóa"):
            return
        try:
            self._ctx.agencies.delete(row.id)
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        self.refresh()
        self.data_changed.emit()

    def import_catalogue(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Chọn tệp danh mục cơ quan", "", "Bảng tính Excel (*.xlsx);;Mọi tệp (*)"
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> BackgroundJob:
        def done(result: Any) -> None:
            added, updated = result
            self.refresh()
            self.data_changed.emit()
            messages.show_info(self, f"Đã nhập danh mục: thêm {added} cơ quan, cập nhật {updated} cơ quan.")

        self.job = run_in_background(
            self, "Đang nhập danh mục cơ quan…", lambda: self._ctx.agencies.import_catalogue(path), done
        )
        return self.job
