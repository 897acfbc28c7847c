"""Preview of an appendix import: check, correct, decide, then commit in one step.

The parse runs off the GUI thread (with progress for big appendices). Rows that need a
decision stand out: unknown agencies in orange (each gets a combo of close catalogue names
or "Tạo cơ quan mới"), deadlines not understood in yellow, "06 rõ" gaps named in the last
column; skipped rows and every other issue are listed with their reasons in a third tab.
The officer can correct a cell before committing; the commit also runs in the background.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.appendix.headers import ROLE_CHOICES as KIND_ROLES
from app.appendix.headers import ROLE_LABELS, Role, SheetChoice, SheetKind, header_key
from app.services.importing.cell_edits import edit_task
from app.services.importing.preview_types import (
    STATUS_LABELS,
    Decision,
    ImportPreview,
    ImportResult,
    PreviewTask,
)
from models.deadline_text import meaning_cell
from models.deadlines import DeadlineKind
from models.textfold import fold
from views import messages
from views.background import BackgroundJob, run_in_background
from views.geometry_memory import remember_splitter, remember_window
from views.labels import APP_TITLE, CLARITY_LABELS, DATE_FORMAT, from_qdate, to_qdate
from views.needs import ImportNeeds
from views.operations import runner
from views.sort_proxy import VietnameseSortProxy

UNKNOWN_COLOR = QColor("#ffd8a8")  # orange: an agency to decide
DEADLINE_COLOR = QColor("#fff3bf")  # yellow: a deadline not understood
GAP_COLOR = QColor("#ffe3e3")  # light red: "06 rõ" gaps

# (header, field edited through edit_task or None when read-only)
TASK_COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("Trạng thái", None),
    ("Nhóm", None),
    ("TT", None),
    ("Nội dung nhiệm vụ", "content"),
    ("Chủ trì", "lead"),
    ("Phối hợp", "cooperating"),
    ("Sản phẩm", "product"),
    ("Thời hạn", "deadline_text"),
    ("Hạn / chu kỳ", None),
    ("Cần xem lại", None),
)
INDICATOR_COLUMNS = (
    "Trạng thái",
    "Nhóm",
    "TT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Thực hiện",
    "Chỉ tiêu",
    "Chủ trì",
    "Phối hợp",
)
ISSUE_COLUMNS = ("Trang", "Dòng", "Cột", "Nội dung")
# Column widths (0: the stretched column 3) sized so the whole row fits a 1200-px dialog: the
# status, group and number columns narrow, the words the widest.
STRETCH_COLUMN = 3
TASK_WIDTHS = (78, 48, 36, 0, 120, 120, 110, 100, 120, 150)
INDICATOR_WIDTHS = (78, 48, 36, 0, 80, 80, 80, 160, 160)
ISSUE_WIDTHS = (140, 50, 60, 0)
CREATE_NEW = "create"
UNDECIDED = "undecided"  # a former name: nothing is chosen until the officer says so


COLUMN_COLUMNS = ("Trang", "Tiêu đề cột", "Dùng làm", "Ghi chú")
COLUMN_WIDTHS = (150, 300, 200, 0)
UNUSED_LABEL = "(không dùng)"
IGNORED_NOTE = "Không dùng (bỏ qua)"
IGNORED_COLOR = QColor("#6c757d")
IGNORED_BACKGROUND = QColor("#f1f3f5")
KIND_LABELS = {
    SheetKind.TASKS: "Bảng nhiệm vụ",
    SheetKind.INDICATORS: "Bảng chỉ tiêu",
    SheetKind.OTHER: "Không nhập (bảng khác)",
}
ROLE_CHOICES = {**KIND_ROLES, SheetKind.OTHER: KIND_ROLES[SheetKind.TASKS]}


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(text)
    return item


def _deadline_meaning(task: PreviewTask) -> str:
    return meaning_cell(task.parsed.deadline)


def _item(text: Any, editable: bool = False) -> QStandardItem:
    item = QStandardItem("" if text is None else str(text))
    item.setEditable(editable)
    item.setToolTip(item.text())
    return item


class ImportDialog(QDialog):
    """`ImportDialog(ctx, path)`: parse `path` in the background, preview, commit on request."""

    def __init__(self, ctx: ImportNeeds, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = Path(path)
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None
        self.committing = False
        self.job: BackgroundJob | None = None
        self._filling = False
        self._decision_boxes: dict[str, QComboBox] = {}
        self.setWindowTitle(f"Nhập phụ lục – {self.path.name} – {APP_TITLE}")

        layout = QVBoxLayout(self)
        self.summary = QLabel(f"Đang đọc tệp {self.path.name}…")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        form = QFormLayout()
        self.directive_combo = QComboBox()
        self.directive_combo.currentIndexChanged.connect(self._retarget)
        form.addRow("Văn bản giao nhiệm vụ:", self.directive_combo)
        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText("Trích yếu của văn bản sẽ tạo (tiêu đề phụ lục không ghi)")
        self.subject_edit.setToolTip(
            "Lấy từ phần «về …» của dòng «Kèm theo …» trong tiêu đề phụ lục; sửa được. "
            "Bắt buộc khi nhập vào một văn bản mới."
        )
        # the issuing date of the directive the import creates (a draft's title has none): the
        # command line's --date; deadlines without a year and recurring duties count from it
        self.has_date = QCheckBox("Ngày ban hành:")
        self.has_date.setToolTip("Ngày ban hành của văn bản sẽ tạo (dd/mm/yyyy); bỏ chọn nếu chưa có ngày.")
        self.issued_on = QDateEdit(QDate.currentDate())
        self.issued_on.setDisplayFormat(DATE_FORMAT)
        self.issued_on.setCalendarPopup(True)
        self.issued_on.setEnabled(False)
        self.has_date.toggled.connect(self._date_toggled)
        self.issued_on.editingFinished.connect(self._apply_date)
        subject_row = QHBoxLayout()
        subject_row.setContentsMargins(0, 0, 0, 0)
        subject_row.addWidget(self.subject_edit, 1)
        subject_row.addWidget(self.has_date)
        subject_row.addWidget(self.issued_on)
        form.addRow("Trích yếu:", subject_row)
        layout.addLayout(form)

        self.unknown_box = QGroupBox("Cơ quan chưa có trong danh mục – chọn cơ quan tương ứng hoặc tạo mới")
        self.unknown_form = QFormLayout()
        inner = QWidget()
        inner.setLayout(self.unknown_form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        box_layout = QVBoxLayout(self.unknown_box)
        box_layout.addWidget(scroll)
        self.unknown_box.setVisible(False)

        self.tabs = QTabWidget()
        self.task_model = QStandardItemModel(0, len(TASK_COLUMNS), self)
        self.task_model.setHorizontalHeaderLabels([h for h, _ in TASK_COLUMNS])
        self.task_model.itemChanged.connect(self._task_edited)
        self.indicator_model = QStandardItemModel(0, len(INDICATOR_COLUMNS), self)
        self.indicator_model.setHorizontalHeaderLabels(list(INDICATOR_COLUMNS))
        self.issue_model = QStandardItemModel(0, len(ISSUE_COLUMNS), self)
        self.issue_model.setHorizontalHeaderLabels(list(ISSUE_COLUMNS))
        self.task_view = self._table(self.task_model, TASK_WIDTHS)
        self.indicator_view = self._table(self.indicator_model, INDICATOR_WIDTHS)
        self.issue_view = self._table(self.issue_model, ISSUE_WIDTHS)
        self.tabs.addTab(self.task_view, "Nhiệm vụ")
        self.tabs.addTab(self.indicator_view, "Chỉ tiêu")
        self.tabs.addTab(self.issue_view, "Cần xem lại")
        self.column_table = QTableWidget(0, len(COLUMN_COLUMNS))
        self.column_table.setHorizontalHeaderLabels(list(COLUMN_COLUMNS))
        self.column_table.verticalHeader().setVisible(False)
        self.column_table.setWordWrap(True)
        column_header = self.column_table.horizontalHeader()
        column_header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        column_header.setStretchLastSection(True)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.column_table.setColumnWidth(col, width)
        self.column_boxes: dict[tuple[str, int | None], QComboBox] = {}
        self.tabs.addTab(self.column_table, "Cột")
        # the agencies to decide above the preview, the split the user's (remembered); the
        # buttons below stay outside both, always in sight however small the screen
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.unknown_box)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        remember_splitter(self.splitter, "import_dialog", [150, 450])
        layout.addWidget(self.splitter, 1)

        buttons = QDialogButtonBox()
        self.commit_button = QPushButton("Nhập dữ liệu")
        self.commit_button.setEnabled(False)
        self.commit_button.clicked.connect(self.commit)
        buttons.addButton(self.commit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton("Đóng", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)
        remember_window(self, "ImportDialog", QSize(1200, 720))

        self._parse()

    def _parse(self) -> None:
        """Parse (again) off the GUI thread; the remembered column roles apply inside."""
        self.column_table.setEnabled(False)
        self.commit_button.setEnabled(False)
        self.job = run_in_background(
            self,
            f"Đang đọc phụ lục {self.path.name}…",
            lambda: self.ctx.importer.iter_preview(self.path, allow_empty=True),
            self._show_preview,
            self._parse_failed,
        )

    @staticmethod
    def _table(model: QStandardItemModel, widths: tuple[int, ...]) -> QTableView:
        """Column 3 (the words of the task or indicator, or the issue) takes the spare width."""
        view = QTableView()
        proxy = VietnameseSortProxy(view)
        proxy.setSourceModel(model)
        view.setModel(proxy)
        # a header click sorts the view only; the preview's rows keep their numbers (edits use them)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        view.setWordWrap(True)
        view.setAlternatingRowColors(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STRETCH_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        for col, width in enumerate(widths):
            if col != STRETCH_COLUMN:
                view.setColumnWidth(col, width)
        view.verticalHeader().setVisible(False)
        return view

    # -- filling -----------------------------------------------------------------------------
    def _parse_failed(self, exc: Exception) -> None:
        self.summary.setText(str(exc))
        messages.show_error(self, str(exc))

    def _show_preview(self, preview: ImportPreview) -> None:
        typed = self.subject_edit.text() if self.preview is not None else ""
        dated = self._typed_date() if self.preview is not None else None
        self.preview = preview
        self._fill_directives()
        if typed.strip():
            self.subject_edit.setText(typed)  # a re-parse keeps what the officer typed
        if dated is not None and preview.directive_id is None:
            self._filling = True
            self.has_date.setChecked(True)
            self.issued_on.setDate(to_qdate(dated))
            self._filling = False
            self._apply_date()
        self._fill_unknown()
        self._fill_all()
        self._fill_columns()
        self.column_table.setEnabled(True)
        self.commit_button.setEnabled(bool(preview.tasks or preview.indicators))

    # -- columns -------------------------------------------------------------------------------
    def _fill_columns(self) -> None:
        """One line per sheet (its kind) and one per column with a header (its role)."""
        assert self.preview is not None
        table = self.column_table
        table.setRowCount(0)
        self.column_boxes.clear()
        for info in self.preview.parse.sheets:
            header = info.header
            row = table.rowCount()
            table.insertRow(row)
            sheet_items = (_cell(info.name), _cell("(loại bảng)"))
            for c, sheet_item in enumerate(sheet_items):  # a sheet's own line heads its columns' lines
                font = sheet_item.font()
                font.setBold(True)
                sheet_item.setFont(font)
                table.setItem(row, c, sheet_item)
            note = info.warning or ""
            if info.continues:
                note = f"Trang này không có dòng tiêu đề: đọc tiếp bảng của trang «{info.continues}»."
            elif info.header_row is not None:
                note = note or f"Tiêu đề ở dòng {info.header_row}; {info.rows} dòng được nhập."
            note_item = _cell(note)
            table.setItem(row, 3, note_item)
            if header is None or info.continues:
                table.setItem(row, 2, _cell(KIND_LABELS[info.kind]))
                continue
            kind_box = QComboBox()
            for kind, label in KIND_LABELS.items():
                kind_box.addItem(label, kind)
            kind_box.setCurrentIndex(max(kind_box.findData(header.kind), 0))
            kind_box.currentIndexChanged.connect(lambda _i, n=info.name: self._choice_made(n, None))
            table.setCellWidget(row, 2, kind_box)
            self.column_boxes[(info.name, None)] = kind_box
            if info.warning:
                note_item.setBackground(DEADLINE_COLOR)
            used = {col: role for role, col in header.columns.items()}
            for col in sorted(header.texts):
                row = table.rowCount()
                table.insertRow(row)
                table.setItem(row, 0, _cell(info.name))
                header_item = _cell(header.texts[col])
                table.setItem(row, 1, header_item)
                box = QComboBox()
                box.addItem(UNUSED_LABEL, None)
                for role in ROLE_CHOICES[header.kind]:
                    box.addItem(ROLE_LABELS[role], role)
                box.setCurrentIndex(max(box.findData(used.get(col)), 0))
                box.currentIndexChanged.connect(lambda _i, n=info.name, c=col: self._choice_made(n, c))
                table.setCellWidget(row, 2, box)
                self.column_boxes[(info.name, col)] = box
                chosen = "do người dùng chọn" if col in header.chosen else "chương trình nhận ra"
                use_item = _cell(IGNORED_NOTE if col not in used else chosen)
                table.setItem(row, 3, use_item)
                if col not in used:  # left out: greyed, so the eye finds what is not imported
                    for ignored_item in (header_item, use_item):
                        ignored_item.setForeground(IGNORED_COLOR)
                        ignored_item.setBackground(IGNORED_BACKGROUND)
        ignored = sum(len(i.ignored_columns) for i in self.preview.parse.sheets)
        self.tabs.setTabText(3, f"Cột ({ignored} cột không dùng)" if ignored else "Cột")

    def _choice_made(self, sheet: str, col: int | None) -> None:
        """A role or kind was changed: remember it for this header layout, then parse again."""
        if self.preview is None or (self.job is not None and not self.job.done):
            return
        info = next(i for i in self.preview.parse.sheets if i.name == sheet)
        header = info.header
        assert header is not None
        saved = self.preview.choices.remembered.get(header.signature) or SheetChoice()
        box = self.column_boxes[(sheet, col)]
        data = box.currentData()  # Qt hands the enum back as its plain string
        if col is None:
            choice = SheetChoice(dict(saved.roles), SheetKind(data))
        else:
            roles = dict(saved.roles)
            roles[header_key(header.texts[col])] = Role(data) if data else None
            choice = SheetChoice(roles, saved.kind)
        self.column_table.setEnabled(False)
        self.commit_button.setEnabled(False)
        self.job = runner().run(
            self,
            "Đang ghi nhớ vai trò các cột…",
            lambda: self.ctx.importer.remember_columns(header.signature, choice),
            lambda _none: self._parse(),
            self._parse_failed,
        )

    def _fill_directives(self) -> None:
        assert self.preview is not None
        self._filling = True
        self.directive_combo.clear()
        number = self.preview.parse.directive_number
        if self.preview.directive_id is None or number:
            self.directive_combo.addItem(f"Tạo văn bản mới {number}" if number else "(chưa chọn)", None)
        for d in self.ctx.directives.list_directives():
            self.directive_combo.addItem(f"{d.number} – {d.subject[:80]}", d.id)
        index = self.directive_combo.findData(self.preview.directive_id)
        self.directive_combo.setCurrentIndex(max(index, 0))
        self.subject_edit.setText(self.preview.directive_subject)
        self._show_date()
        self._show_subject()
        self._filling = False

    def _show_subject(self) -> None:
        """The subject and the date are asked only when the import creates the directive."""
        new = self.directive_combo.currentData() is None
        self.subject_edit.setEnabled(new)
        self.has_date.setEnabled(new)
        self.issued_on.setEnabled(new and self.has_date.isChecked())

    def _show_date(self) -> None:
        """The date the preview holds (the title's, or the chosen directive's)."""
        assert self.preview is not None
        filling, self._filling = self._filling, True
        issued = self.preview.directive_date
        self.has_date.setChecked(issued is not None)
        if issued is not None:
            self.issued_on.setDate(to_qdate(issued))
        self._filling = filling

    def _typed_date(self) -> date | None:
        return from_qdate(self.issued_on.date()) if self.has_date.isChecked() else None

    def _date_toggled(self, checked: bool) -> None:
        self.issued_on.setEnabled(checked and self.has_date.isEnabled())
        self._apply_date()

    def _apply_date(self) -> None:
        """Give the directive to be created the date typed (the same path as ``import --date``)."""
        if self._filling or self.preview is None or self.preview.directive_id is not None:
            return
        issued = self._typed_date()
        if issued == self.preview.directive_date:
            return
        if issued is None:
            self.preview.directive_date = None
        else:
            self.ctx.importer.date_directive(self.preview, issued)
        self._fill_all()

    def _fill_unknown(self) -> None:
        assert self.preview is not None
        while self.unknown_form.rowCount():
            self.unknown_form.removeRow(0)
        self._decision_boxes.clear()
        agencies = self.ctx.agencies.list_agencies(include_inactive=False)
        by_name = {a.name: a.id for a in agencies}
        for m in self.preview.unknown:
            combo = QComboBox()
            if m.proposed:
                # a name from before a reorganisation: creating it would bring a defunct agency
                # back, so nothing is chosen until the officer confirms the successor or another
                combo.addItem(f"(chưa chọn – tên cũ, đề xuất «{m.proposed}»)", UNDECIDED)
            else:
                combo.addItem(f"Tạo cơ quan mới «{m.written}»", CREATE_NEW)
            for name, score in m.candidates:
                if name in by_name:
                    why = "đề xuất, cần xác nhận" if name == m.proposed else f"giống {score:.0f}%"
                    combo.addItem(f"{name}  ({why})", by_name[name])
            if m.proposed:
                combo.addItem(f"Tạo cơ quan mới «{m.written}»", CREATE_NEW)
            combo.insertSeparator(combo.count())
            for a in agencies:
                combo.addItem(a.name, a.id)
            self._decision_boxes[fold(m.written)] = combo
            label = QLabel(f"{m.written} ({m.note})" if m.note else m.written)
            label.setStyleSheet(f"background: {UNKNOWN_COLOR.name()}; padding: 2px;")
            self.unknown_form.addRow(label, combo)
        self.unknown_box.setVisible(bool(self.preview.unknown))

    def _fill_all(self) -> None:
        assert self.preview is not None
        p = self.preview
        self._filling = True
        self.task_model.removeRows(0, self.task_model.rowCount())
        unknown_keys = {fold(m.written) for m in p.unknown}
        for t in p.tasks:
            self.task_model.appendRow(self._task_items(t, unknown_keys))
        self.indicator_model.removeRows(0, self.indicator_model.rowCount())
        for i in p.indicators:
            ind = i.parsed
            row = [
                _item(STATUS_LABELS[i.status]),
                _item(ind.group),
                _item(ind.seq),
                _item(ind.name),
                _item(ind.unit),
                _item(ind.baseline),
                _item(ind.target),
                _item("; ".join(m.canonical or m.written for m in ind.lead)),
                _item("; ".join(m.canonical or m.written for m in ind.cooperating)),
            ]
            if any(m.canonical is None for m in (*ind.lead, *ind.cooperating)):
                for item in row:
                    item.setBackground(UNKNOWN_COLOR)
            self.indicator_model.appendRow(row)
        self.issue_model.removeRows(0, self.issue_model.rowCount())
        for issue in p.parse.issues:
            self.issue_model.appendRow(
                [_item(issue.sheet), _item(issue.row or ""), _item(issue.column), _item(issue.message)]
            )
        self._filling = False
        new, updated, same = (p.count(s) for s in STATUS_LABELS)
        self.tabs.setTabText(0, f"Nhiệm vụ ({len(p.tasks)})")
        self.tabs.setTabText(1, f"Chỉ tiêu ({len(p.indicators)})")
        self.tabs.setTabText(2, f"Cần xem lại ({len(p.parse.issues)})")
        legacy = " Chữ gõ bằng phông cũ đã được chuyển sang Unicode." if p.parse.encoding else ""
        left_out = [i.name for i in p.parse.sheets if i.warning and i.header is not None]
        if left_out:
            legacy += " Trang không nhập: " + ", ".join(f"«{n}»" for n in left_out) + " (xem thẻ «Cột»)."
        anchor = self.ctx.importer.anchor_note(p)
        if anchor:
            legacy += " " + anchor.split(" Hãy ghi ngày")[0]
        self.summary.setText(
            f"{self.path.name}: {len(p.tasks)} nhiệm vụ (mới {new[0]}, cập nhật {updated[0]}, "
            f"không đổi {same[0]}), {len(p.indicators)} chỉ tiêu (mới {new[1]}, cập nhật {updated[1]}, "
            f"không đổi {same[1]}); {len(p.unknown)} cơ quan chưa có trong danh mục.{legacy} "
            "Có thể sửa trực tiếp các ô Nội dung, Chủ trì, Phối hợp, Sản phẩm, Thời hạn."
        )

    def _task_items(self, t: PreviewTask, unknown_keys: set[str]) -> list[QStandardItem]:
        p = t.parsed
        problems = []
        if p.gaps:
            problems.append("Thiếu " + ", ".join(CLARITY_LABELS[g] for g in p.gaps))
        if t.changes:
            problems.append("Đổi: " + ", ".join(f"{c.label} «{c.old}» → «{c.new}»" for c in t.changes))
        values = {
            "content": p.content,
            "lead": "; ".join(p.lead_names),
            "cooperating": "; ".join(p.cooperating_names),
            "product": p.product,
            "deadline_text": p.deadline_text,
        }
        fixed = [STATUS_LABELS[t.status], p.group, p.index_in_group]
        items = [_item(v) for v in fixed]
        items += [_item(values[f], editable=True) for _, f in TASK_COLUMNS[3:8] if f is not None]
        items += [_item(_deadline_meaning(t)), _item("; ".join(problems))]
        if any(fold(m.written) in unknown_keys for m in (*p.lead, *p.cooperating) if m.canonical is None):
            for col in (4, 5):
                items[col].setBackground(UNKNOWN_COLOR)
        if p.deadline.kind is DeadlineKind.UNKNOWN and p.deadline_text:
            items[7].setBackground(DEADLINE_COLOR)
            items[8].setBackground(DEADLINE_COLOR)
        if p.gaps:
            items[9].setBackground(GAP_COLOR)
        return items

    # -- editing -------------------------------------------------------------------------------
    def _task_edited(self, item: QStandardItem) -> None:
        if self._filling or self.preview is None:
            return
        field = TASK_COLUMNS[item.column()][1]
        if field is None:
            return
        edit_task(self.preview, item.row(), field, item.text())
        self._fill_unknown()
        self._fill_all()

    def _retarget(self, _index: int) -> None:
        if self._filling or self.preview is None:
            return
        self.ctx.importer.retarget(self.preview, self.directive_combo.currentData())
        self._show_date()
        self._show_subject()
        self._fill_all()

    # -- commit ----------------------------------------------------------------------------------
    def decisions(self) -> dict[str, Decision]:
        out: dict[str, Decision] = {}
        for key, combo in self._decision_boxes.items():
            data = combo.currentData()
            if data == UNDECIDED:
                continue  # the commit refuses, naming it
            out[key] = Decision(create=True) if data in (CREATE_NEW, None) else Decision(agency_id=int(data))
        return out

    def commit(self) -> None:
        if self.preview is None:
            return
        preview, decisions = self.preview, self.decisions()
        subject = " ".join(self.subject_edit.text().split())
        if preview.directive_id is None and not subject:
            messages.show_error(self, "Hãy ghi trích yếu của văn bản sẽ tạo (ô «Trích yếu»).")
            self.subject_edit.setFocus()
            return
        preview.directive_subject = subject
        if preview.directive_id is None:
            self._apply_date()
        self.commit_button.setEnabled(False)
        self.tabs.setEnabled(False)  # the worker reads the preview: no cell edits meanwhile
        self.committing = True
        self.job = runner().run(
            self,
            "Đang nhập dữ liệu…",
            lambda: self.ctx.importer.commit(preview, decisions),
            self._committed,
            self._commit_failed,
        )

    def reject(self) -> None:
        if self.committing:  # Esc while the commit runs would hide that it is being written
            return
        super().reject()

    def _committed(self, result: ImportResult) -> None:
        self.committing = False
        self.import_result = result
        messages.show_info(self, result.summary())
        self.accept()

    def _commit_failed(self, exc: Exception) -> None:
        self.committing = False
        self.commit_button.setEnabled(True)
        self.tabs.setEnabled(True)
        messages.show_error(self, str(exc))
