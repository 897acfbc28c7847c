"""Review what the reader read out of a directive, then register it: «Đọc văn bản…».

The cleaned text on the left; on the right the header fields (editable) and three tabs: the
draft tasks (click one and its sentence is highlighted in the text), the documents the letter
cites (registered ones linked, the others offered for registration) and the agency names the
database does not know. Nothing is written until «Đăng ký văn bản và nhiệm vụ»; then one
operation writes it all in one transaction. A name the database does not know is never
created nor matched loosely: the officer says which agency it is, or drops it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QShowEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.changes import OpResult
from app.directive_text import review
from app.directive_text.review import (
    Named,
    ReadDirectiveInput,
    ReferenceChoice,
    ReviewTask,
    bare_directive,
    unresolved_names,
)
from app.dto import DirectiveInput, PartyRef
from app.errors import ValidationError
from models.directive_kinds import AUTHORITIES, DIRECTIVE_KINDS
from models.directive_text.reader import DirectiveDraft
from views.combo_data import combo_data, select_data
from views.directive_dialog import AUTHORITY_LABELS
from views.draft_task_model import COL_CONTENT, COL_SEQ, DraftTaskModel
from views.empty_hint import EmptyHint
from views.form_errors import error_label
from views.geometry_memory import remember_window
from views.labels import APP_TITLE, DATE_FORMAT, from_qdate, to_qdate
from views.needs import DirectiveReadNeeds
from views.party_picker import PartyPicker
from views.save_dialog import SaveDialog, save_cancel_buttons
from views.sort_proxy import VietnameseItem, VietnameseSortProxy

HIGHLIGHT = QColor("#ffe08a")
NOT_CHOSEN, DROP = "", "-"
SPLIT_PROMPT = "Mỗi dòng sẽ thành một nhiệm vụ (xuống dòng ở chỗ muốn tách):"
NO_REFERENCES = (
    "Văn bản này không trích dẫn văn bản nào khác (không tìm thấy số, ký hiệu văn bản trong nội dung)."
)
NO_UNKNOWN = "Mọi tên cơ quan trong văn bản đều có trong danh mục: không có gì cần chọn ở đây."


def narrow(combo: QComboBox) -> None:
    """A combo of long agency names must not widen the window to its longest name."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)


def ask_split(parent: QWidget, content: str) -> list[str] | None:
    """The pieces the officer wants a task split into; None if cancelled (tests replace this)."""
    prefilled = content.replace("; ", ";\n")
    text, ok = QInputDialog.getMultiLineText(parent, f"Tách nhiệm vụ – {APP_TITLE}", SPLIT_PROMPT, prefilled)
    return text.splitlines() if ok else None


class DirectiveReadDialog(SaveDialog):
    def __init__(
        self,
        ctx: DirectiveReadNeeds,
        draft: DirectiveDraft,
        original_file: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.draft = draft
        self.original_file = original_file
        source = original_file.name if original_file else "văn bản dán vào"
        self.setWindowTitle(f"Đọc văn bản chỉ đạo: {source} – {APP_TITLE}")
        reading = ctx.directive_reading
        self.tasks: list[ReviewTask] = review.review_tasks(draft, reading.resolve_names)
        self.references: list[ReferenceChoice] = reading.references(draft)
        self._agencies = ctx.agencies.list_agencies(with_counts=False)
        self._groups = ctx.agencies.list_groups()
        self._loading = False

        # -- the text ---------------------------------------------------------------------
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(draft.text)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        text_box = QWidget()
        text_layout = QVBoxLayout(text_box)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(QLabel(f"Nội dung đã đọc ({source}):"))
        text_layout.addWidget(self.text)

        # -- the header -------------------------------------------------------------------
        h = draft.header
        self.number = QLineEdit(h.number or "")
        self.number.setPlaceholderText("VD: 420-CV/TU")
        self.kind = QComboBox()
        for code, name in DIRECTIVE_KINDS.items():
            self.kind.addItem(f"{name} ({code})", code)
        select_data(self.kind, h.kind if h.kind in DIRECTIVE_KINDS else "CV")
        self.has_date = QCheckBox("Ngày ban hành:")
        self.has_date.setChecked(h.issued_on is not None)
        self.issued_on = QDateEdit(to_qdate(h.issued_on or ctx.services.today()))
        self.issued_on.setDisplayFormat(DATE_FORMAT)
        self.issued_on.setCalendarPopup(True)
        self.issued_on.setEnabled(h.issued_on is not None)
        self.has_date.toggled.connect(self.issued_on.setEnabled)
        self.place = QLineEdit(h.place or "")
        self.issuer = QLineEdit(h.issuer or "")
        self.subject = QLineEdit(h.subject or "")
        for edit in (self.issuer, self.subject):
            edit.setCursorPosition(0)  # a long name or subject shows its beginning, not its end
        self.authority = QComboBox()
        for code in AUTHORITIES:
            self.authority.addItem(AUTHORITY_LABELS.get(code, code), code)
        # the signer's own mark is the last ("T/M Ủy ban nhân dân; K/T Chủ tịch": K/T)
        written_authority = (h.signing_authority or "").split("; ")[-1].split(" ")[0]
        select_data(self.authority, written_authority if written_authority in AUTHORITIES else "")
        self.signer_title = QLineEdit(h.signer_title or "")
        self.signer_title.setPlaceholderText("Chức vụ người ký")
        self.signer = QLineEdit(h.signer or "")
        self.signer.setPlaceholderText("Họ tên người ký")
        for field in ("number", "kind", "issued_on", "tasks", "agencies"):
            self.errors.add(field, error_label())

        header = QGridLayout()
        header.addWidget(QLabel("Số, ký hiệu:"), 0, 0)
        header.addWidget(self.number, 0, 1)
        header.addWidget(QLabel("Loại:"), 0, 2)
        header.addWidget(self.kind, 0, 3)
        header.addWidget(self.has_date, 1, 0)
        header.addWidget(self.issued_on, 1, 1)
        header.addWidget(QLabel("Địa danh:"), 1, 2)
        header.addWidget(self.place, 1, 3)
        header.addWidget(QLabel("Cơ quan ban hành:"), 2, 0)
        header.addWidget(self.issuer, 2, 1, 1, 3)
        header.addWidget(QLabel("Trích yếu:"), 3, 0)
        header.addWidget(self.subject, 3, 1, 1, 3)
        signer_row = QHBoxLayout()
        signer_row.addWidget(self.authority)
        signer_row.addWidget(self.signer_title, 1)
        signer_row.addWidget(self.signer, 1)
        header.addWidget(QLabel("Người ký:"), 4, 0)
        header.addLayout(signer_row, 4, 1, 1, 3)
        header_errors = QVBoxLayout()
        for name in ("number", "kind", "issued_on"):
            header_errors.addWidget(self.errors.label_for(name))
        header.addLayout(header_errors, 5, 0, 1, 4)
        header.setColumnStretch(1, 1)
        header.setColumnStretch(3, 1)

        # -- the tasks --------------------------------------------------------------------
        self.model = DraftTaskModel(self.tasks, self._reference_date)
        self.proxy = VietnameseSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_SEQ, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        head = self.table.horizontalHeader()
        for col, width in enumerate((40, 90, 320, 170, 140, 150, 150, 120, 220)):
            head.resizeSection(col, width)
        head.setSectionResizeMode(COL_SEQ, QHeaderView.ResizeMode.Fixed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.dataChanged.connect(lambda *_: self._update_counts())
        self.model.modelReset.connect(self._update_counts)

        self.merge_button = QPushButton("Gộp")
        self.merge_button.setToolTip("Gộp các nhiệm vụ đang chọn thành một")
        self.split_button = QPushButton("Tách…")
        self.delete_button = QPushButton("Xóa")
        self.add_button = QPushButton("Thêm nhiệm vụ")
        self.merge_button.clicked.connect(self.merge_selected)
        self.split_button.clicked.connect(self.split_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.add_button.clicked.connect(self.add_task)
        task_buttons = QHBoxLayout()
        for b in (self.merge_button, self.split_button, self.delete_button, self.add_button):
            task_buttons.addWidget(b)
        task_buttons.addStretch(1)
        self.task_hint = QLabel()
        task_buttons.addWidget(self.task_hint)

        self.lead = PartyPicker(self._agencies, self._groups, "Thêm cơ quan chủ trì…")
        self.cooperating = PartyPicker(self._agencies, self._groups, "Thêm cơ quan phối hợp…")
        for picker in (self.lead, self.cooperating):
            picker.list.setMaximumHeight(52)
            narrow(picker.combo)
            picker.changed.connect(self._parties_edited)
        pickers = QHBoxLayout()
        for title, picker in (("Chủ trì:", self.lead), ("Phối hợp:", self.cooperating)):
            pickers.addWidget(QLabel(title), 0, Qt.AlignmentFlag.AlignTop)
            pickers.addWidget(picker, 1)

        tasks_tab = QWidget()
        tasks_layout = QVBoxLayout(tasks_tab)
        tasks_layout.addLayout(task_buttons)
        tasks_layout.addWidget(self.table, 1)
        tasks_layout.addLayout(pickers)
        tasks_layout.addWidget(self.errors.label_for("tasks"))

        # -- the references ---------------------------------------------------------------
        self.ref_table = QTableWidget(len(self.references), 3)
        self.ref_table.setHorizontalHeaderLabels(["Văn bản được trích dẫn", "Ngày", "Trong sổ"])
        self.ref_table.verticalHeader().setVisible(False)
        self.ref_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, ref in enumerate(self.references):
            item = VietnameseItem(ref.number)
            item.setData(Qt.ItemDataRole.UserRole, row)
            if ref.directive_id is None:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setToolTip("Đánh dấu để đăng ký văn bản này (số, loại, ngày) cùng lúc")
            self.ref_table.setItem(row, 0, item)
            self.ref_table.setItem(
                row, 1, VietnameseItem(ref.cited_on.strftime("%d/%m/%Y") if ref.cited_on else "")
            )
            state = "đã đăng ký" if ref.directive_id is not None else "chưa đăng ký"
            self.ref_table.setItem(row, 2, VietnameseItem(state))
        self.ref_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.ref_table.setSortingEnabled(True)
        self.empty_refs = EmptyHint(self.ref_table, lambda: NO_REFERENCES)
        refs_tab = QWidget()
        refs_layout = QVBoxLayout(refs_tab)
        refs_note = QLabel(
            "Văn bản đã có trong sổ được liên kết làm căn cứ. Đánh dấu văn bản «chưa đăng ký» "
            "để đăng ký luôn (chỉ số, loại, ngày; bổ sung sau)."
        )
        refs_note.setWordWrap(True)
        refs_layout.addWidget(refs_note)
        refs_layout.addWidget(self.ref_table)

        # -- unknown agency names -------------------------------------------------------------
        self.unknown = unresolved_names(self.tasks)
        self.unknown_table = QTableWidget(len(self.unknown), 2)
        self.unknown_table.setHorizontalHeaderLabels(["Tên trong văn bản", "Là cơ quan nào trong danh mục?"])
        self.unknown_table.verticalHeader().setVisible(False)
        self.unknown_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unknown_combos: dict[str, QComboBox] = {}
        self.party_by_key: dict[str, PartyRef] = {}
        for a in self._agencies:
            self.party_by_key[f"a{a.id}"] = PartyRef(a.name, agency_id=a.id)
        for g in self._groups:
            self.party_by_key[f"g{g.id}"] = PartyRef(g.name, group_id=g.id)
        for row, name in enumerate(self.unknown):
            self.unknown_table.setItem(row, 0, QTableWidgetItem(name))
            combo = QComboBox()
            combo.addItem("(chưa chọn)", NOT_CHOSEN)
            combo.addItem("— Bỏ tên này khỏi các nhiệm vụ —", DROP)
            for key, party in self.party_by_key.items():  # str keys: combo data must be int or str
                combo.addItem(party.name + (" (nhóm)" if party.is_group else ""), key)
            narrow(combo)
            combo.currentIndexChanged.connect(partial(self._unknown_chosen, name))
            self.unknown_combos[name] = combo
            self.unknown_table.setCellWidget(row, 1, combo)
        self.unknown_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.unknown_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty_unknown = EmptyHint(self.unknown_table, lambda: NO_UNKNOWN)
        unknown_tab = QWidget()
        unknown_layout = QVBoxLayout(unknown_tab)
        unknown_note = QLabel(
            "Các tên này không có trong danh mục cơ quan. Chọn cơ quan tương ứng, hoặc bỏ tên; "
            "chương trình không tự thêm cơ quan mới. (Thêm cơ quan ở trang «Cơ quan» nếu cần.)"
        )
        unknown_note.setWordWrap(True)
        unknown_layout.addWidget(unknown_note)
        unknown_layout.addWidget(self.unknown_table)
        unknown_layout.addWidget(self.errors.label_for("agencies"))

        self.tabs = QTabWidget()
        self.tabs.addTab(tasks_tab, "")
        self.tabs.addTab(refs_tab, f"Căn cứ ({len(self.references)})")
        self.tabs.addTab(unknown_tab, "")

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(header)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(text_box)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self._sized = False

        buttons = save_cancel_buttons(self, "Đăng ký văn bản và nhiệm vụ")
        self.save_button: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        self.has_date.toggled.connect(lambda _on: self.model.refresh())
        self.issued_on.dateChanged.connect(lambda _d: self.model.refresh())
        self._update_counts()
        self._current_changed(QModelIndex(), QModelIndex())
        remember_window(self, type(self).__name__, QSize(1366, 728))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # the text gets about two fifths of whatever width the window got
            self._sized = True
            width = self.splitter.width()
            self.splitter.setSizes([width * 2 // 5, width - width * 2 // 5])

    # -- helpers -----------------------------------------------------------------------------
    def _reference_date(self) -> date | None:
        return from_qdate(self.issued_on.date()) if self.has_date.isChecked() else None

    def _update_counts(self) -> None:
        left = len(unresolved_names(self.tasks))
        unsure = sum(1 for t in self.tasks if self.model.notes(t))
        self.tabs.setTabText(0, f"Nhiệm vụ dự kiến ({len(self.tasks)})")
        unknown = f"còn {left}/{len(self.unknown)}" if self.unknown else "0"
        self.tabs.setTabText(2, f"Cơ quan chưa rõ ({unknown})")
        self.task_hint.setText(
            f"{unsure} nhiệm vụ cần xem lại (tô đỏ)"
            if unsure
            else "; ".join(self.draft.notes)
            if not self.tasks
            else ""
        )
        self._update_buttons()

    def selected_rows(self) -> list[int]:
        """Source rows of the selected tasks, in the letter's order."""
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return sorted(rows)

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.mapToSource(index).row() if index.isValid() else None

    def select_row(self, row: int) -> None:
        """Make task ``row`` (a source row) current and selected, as a click would."""
        index = self.proxy.mapFromSource(self.model.index(row, COL_CONTENT))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)

    def _update_buttons(self) -> None:
        n = len(self.selected_rows())
        self.merge_button.setEnabled(n >= 2)
        self.split_button.setEnabled(self.current_row() is not None)
        self.delete_button.setEnabled(n >= 1)
        has = self.current_row() is not None
        self.lead.setEnabled(has)
        self.cooperating.setEnabled(has)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.proxy.mapToSource(current).row() if current.isValid() else None
        self._loading = True
        try:
            task = self.tasks[row] if row is not None and row < len(self.tasks) else None
            self.lead.set_parties([n.ref for n in task.lead if n.ref] if task else [])
            self.cooperating.set_parties([n.ref for n in task.cooperating if n.ref] if task else [])
        finally:
            self._loading = False
        self.highlight(task)
        self._update_buttons()

    def highlight(self, task: ReviewTask | None) -> None:
        """Select the task's source words in the text, scrolled to, and mark them."""
        if task is None or task.end <= task.start:
            self.text.setExtraSelections([])
            return
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(task.start)
        cursor.setPosition(min(task.end, len(self.draft.text)), QTextCursor.MoveMode.KeepAnchor)
        mark = QTextEdit.ExtraSelection()
        mark.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        mark.format = fmt
        self.text.setExtraSelections([mark])
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def _parties_edited(self) -> None:
        row = self.current_row()
        if self._loading or row is None:
            return
        task = self.tasks[row]
        keep_lead = [n for n in task.lead if n.ref is None]
        keep_coop = [n for n in task.cooperating if n.ref is None]
        task.lead = [Named(r.name, r) for r in self.lead.parties()] + keep_lead
        task.cooperating = [Named(r.name, r) for r in self.cooperating.parties()] + keep_coop
        self.model.refresh()

    def _unknown_chosen(self, name: str, _index: int) -> None:
        value = combo_data(self.unknown_combos[name])
        if value == NOT_CHOSEN or value is None:
            return
        review.resolve_name(self.tasks, name, self.party_by_key.get(str(value)))
        self.unknown_combos[name].setEnabled(value != DROP)  # a dropped name is gone from the tasks
        self.model.refresh()
        self._current_changed(self.table.currentIndex(), QModelIndex())
        self._update_counts()

    # -- editing the list ------------------------------------------------------------------------
    def _replace(self, tasks: list[ReviewTask], current: int | None) -> None:
        self.tasks = tasks
        self.model.set_tasks(tasks)
        if current is not None and tasks:
            self.select_row(min(current, len(tasks) - 1))
        else:
            self._current_changed(QModelIndex(), QModelIndex())

    def merge_selected(self) -> None:
        rows = self.selected_rows()
        if len(rows) >= 2:
            self._replace(review.merge(self.tasks, rows), rows[0])

    def split_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        pieces = ask_split(self, self.tasks[row].content)
        if pieces:
            self._replace(review.split(self.tasks, row, pieces, self.draft.text), row)

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self._replace(review.delete(self.tasks, rows), rows[0])

    def add_task(self) -> None:
        """A blank task after the current one (or at the end), its content cell open for typing."""
        row = self.current_row()
        at = len(self.tasks) if row is None else row + 1
        group = self.tasks[row].group if row is not None else ""
        tasks = [*self.tasks[:at], ReviewTask(content="(nội dung nhiệm vụ)", group=group), *self.tasks[at:]]
        self._replace(tasks, at)
        self.table.edit(self.proxy.mapFromSource(self.model.index(at, COL_CONTENT)))

    # -- saving ------------------------------------------------------------------------------
    def chosen_references(self) -> list[ReferenceChoice]:
        out: list[ReferenceChoice] = []
        for row in range(self.ref_table.rowCount()):
            item = self.ref_table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(self.references[int(item.data(Qt.ItemDataRole.UserRole))])
        return out

    def set_reference_checked(self, number: str, checked: bool = True) -> None:
        for row in range(self.ref_table.rowCount()):
            item = self.ref_table.item(row, 0)
            if item is not None and item.text() == number:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def read_input(self) -> ReadDirectiveInput:
        left = unresolved_names(self.tasks)
        if left:
            self.tabs.setCurrentIndex(2)
            raise ValidationError(
                f"Còn {len(left)} tên cơ quan chưa có trong danh mục (đầu tiên: «{left[0]}»): "
                "chọn cơ quan tương ứng hoặc bỏ tên ở thẻ «Cơ quan chưa rõ».",
                "agencies",
            )
        authority = combo_data(self.authority)
        directive = DirectiveInput(
            number=self.number.text(),
            kind=str(combo_data(self.kind) or ""),
            issuer=self.issuer.text(),
            issued_on=self._reference_date(),
            place=self.place.text(),
            subject=self.subject.text(),
            signer=self.signer.text(),
            signer_title=self.signer_title.text(),
            signer_authority=authority if isinstance(authority, str) else "",
            citations=[r.number for r in self.references],
            original_file=self.original_file,
        )
        return ReadDirectiveInput(
            directive, review.task_inputs(self.tasks), [bare_directive(r) for r in self.chosen_references()]
        )

    def operation(self) -> Callable[[], OpResult[int]]:
        return partial(self._ctx.directive_reading.register, self.read_input())


class PasteTextDialog(QDialog):
    """«Dán văn bản»: the letter's text pasted in, to be read like a file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Dán văn bản chỉ đạo – {APP_TITLE}")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            "Dán (Ctrl+V) toàn bộ nội dung văn bản vào đây, từ phần đầu đến «Nơi nhận»."
        )
        buttons = save_cancel_buttons(self, "Đọc văn bản")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Nội dung văn bản:"))
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        remember_window(self, type(self).__name__, QSize(760, 560))

    def pasted(self) -> str:
        return self.text.toPlainText()
