"""The selected task in full: its words, who does what, the reports and their evidence."""

from __future__ import annotations

from functools import partial
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dto import AssignmentInfo, ReportRow, TaskDetail
from app.errors import UserError
from models.audit_text import action_label, entity_label
from models.deadline_text import deadline_summary
from models.missed import list_cell, summary
from models.status import Suspension
from views import messages
from views.empty_hint import EmptyHint
from views.evidence_open import open_evidence
from views.geometry_memory import remember_splitter
from views.history_pages import change_text
from views.labels import capitalize, fmt_date, fmt_size, missing_text, role_label, status_label
from views.needs import TaskDetailNeeds
from views.operations import runner
from views.status_colors import status_background, status_foreground

EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING_STYLE = "color: #b00020; font-weight: bold;"
COMPLETE_STYLE = "color: #1b6b2f;"


def _section(title: str, body: QWidget, *buttons: QPushButton, note: QLabel | None = None) -> QWidget:
    """A pane: a title line carrying the pane's buttons (always in sight), then ``body``.

    A title line instead of a group box frame: the detail lives in the lower part of a laptop
    screen, and every line of height goes to what the user reads.
    """
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    row = QHBoxLayout()
    label = QLabel(f"<b>{title}</b>")
    row.addWidget(label)
    if note is not None:
        row.addWidget(note)
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    layout.addWidget(body, 1)
    return pane


def _wrapping(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


NO_REPORTS = "Chưa có báo cáo. Bấm «Thêm báo cáo» để ghi báo cáo đầu tiên."
NO_HISTORY = "Chưa ghi nhận thay đổi nào (lịch sử được ghi từ khi có tính năng này)."
SIDE_SPLITTER_KEY = "task_detail_side3"
HISTORY_MIN_HEIGHT = 60  # the header and a line: the pane never disappears


class TaskDetailPanel(QWidget):
    add_report_requested = Signal()

    def __init__(self, ctx: TaskDetailNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.task: TaskDetail | None = None
        self.reports: list[ReportRow] = []

        # -- the task itself
        self.content = _wrapping()
        self.group = _wrapping()
        self.product = _wrapping()
        self.deadline = _wrapping()
        self.deadline.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel()
        self.status.setMargin(3)
        self.status.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.missing = _wrapping()
        self.missing.setStyleSheet(MISSING_STYLE)
        self.note = _wrapping()
        self.reminded = _wrapping()
        info = QWidget()
        form = QFormLayout(info)
        form.setContentsMargins(2, 2, 2, 2)
        form.setVerticalSpacing(3)
        form.setHorizontalSpacing(8)
        form.addRow("<b>Nội dung:</b>", self.content)
        form.addRow("Nhóm:", self.group)
        form.addRow("Sản phẩm:", self.product)
        form.addRow("Thời hạn:", self.deadline)
        form.addRow("Trạng thái:", self.status)
        form.addRow("06 rõ:", self.missing)
        form.addRow("Đôn đốc:", self.reminded)
        form.addRow("Ghi chú:", self.note)
        self._form = form
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(info)
        self.pause_button = QPushButton("Tạm dừng")
        self.cancel_button = QPushButton("Hủy nhiệm vụ")
        self.resume_button = QPushButton("Tiếp tục")
        self.pause_button.setToolTip("Tạm dừng theo dõi hạn của nhiệm vụ này")
        self.resume_button.setToolTip("Theo dõi hạn trở lại")
        self.pause_button.clicked.connect(lambda: self.set_suspension(Suspension.PAUSED))
        self.cancel_button.clicked.connect(lambda: self.set_suspension(Suspension.CANCELLED))
        self.resume_button.clicked.connect(lambda: self.set_suspension(Suspension.ACTIVE))
        info_pane = _section("Nhiệm vụ", scroll, self.pause_button, self.cancel_button, self.resume_button)

        # -- assignments
        self.assignments = QTableWidget(0, 5)
        self.assignments.setHorizontalHeaderLabels(
            ["Vai trò", "Cơ quan", "Trạng thái", "Hạn tiếp theo", "Báo cáo"]
        )
        self.assignments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.assignments.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.assignments.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.assignments.verticalHeader().setVisible(False)
        self.assignments.verticalHeader().setDefaultSectionSize(24)
        self.assignments.setWordWrap(False)
        header = self.assignments.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.assignments.itemSelectionChanged.connect(self._update_buttons)
        self.expand_button = QPushButton("Tách nhóm thành từng cơ quan")
        self.expand_button.setToolTip("Thay nhóm cơ quan bằng từng cơ quan thành viên để theo dõi riêng")
        self.expand_button.clicked.connect(self.expand_selected_group)
        assign_pane = _section("Phân công", self.assignments, self.expand_button)

        # -- reports
        self.report_tree = QTreeWidget()
        self.report_tree.setColumnCount(4)
        self.report_tree.setHeaderLabels(["Ngày nhận / tệp", "Cơ quan", "Tiến độ", "Nội dung"])
        self.report_tree.setToolTip("Bấm đúp vào tệp minh chứng để mở")
        self.report_tree.itemDoubleClicked.connect(self._open_item)
        self.report_tree.header().setStretchLastSection(True)
        for col, width in enumerate((110, 170, 90)):
            self.report_tree.setColumnWidth(col, width)
        self.report_tree.setAlternatingRowColors(True)
        self.empty_reports = EmptyHint(self.report_tree, lambda: NO_REPORTS if self.task is not None else "")
        self.add_report_button = QPushButton("Thêm báo cáo")
        self.add_report_button.clicked.connect(self.add_report_requested)
        hint = QLabel("bấm đúp vào tệp để mở")
        hint.setStyleSheet("color: #666;")
        report_pane = _section(
            "Báo cáo tiến độ và minh chứng", self.report_tree, self.add_report_button, note=hint
        )

        # -- history (the audit trail of the task, its parties, reports and evidence)
        self.history_tree = QTreeWidget()
        self.history_tree.setColumnCount(4)
        self.history_tree.setHeaderLabels(["Thời điểm", "Người thực hiện", "Thao tác", "Thay đổi"])
        self.history_tree.header().setStretchLastSection(True)
        for col, width in enumerate((122, 120, 70)):  # «26/11/2026 16:47» whole
            self.history_tree.setColumnWidth(col, width)
        self.history_tree.setRootIsDecorated(False)
        self.history_tree.setMinimumHeight(HISTORY_MIN_HEIGHT)
        self.empty_history = EmptyHint(self.history_tree, lambda: NO_HISTORY if self.task is not None else "")
        history_pane = _section("Lịch sử thay đổi", self.history_tree)

        # the task's words on the left; who does it and what they reported on the right, one
        # above the other so each table has the width for its columns; the user's split remembered
        self.side_splitter = QSplitter(Qt.Orientation.Vertical)
        self.side_splitter.addWidget(assign_pane)
        self.side_splitter.addWidget(report_pane)
        self.side_splitter.addWidget(history_pane)
        self.side_splitter.setStretchFactor(0, 2)
        self.side_splitter.setStretchFactor(1, 3)
        self.side_splitter.setStretchFactor(2, 2)
        # three panes: a size for each (two gave the history none: it opened shut), and a key of
        # its own, so a state saved when there were two panes is not restored onto three
        remember_splitter(self.side_splitter, SIDE_SPLITTER_KEY, [110, 170, 110])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(info_pane)
        self.splitter.addWidget(self.side_splitter)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        remember_splitter(self.splitter, "task_detail", [480, 660])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.show_task(None)

    # -- showing ---------------------------------------------------------------------------
    def show_task(self, task_id: int | None) -> None:
        self.task = None
        self.reports = []
        if task_id is not None:
            try:
                self.task = self._ctx.tasks.get(task_id)
                self.reports = self._ctx.reports.list_for_task(task_id)
            except UserError as exc:
                messages.show_error(self, str(exc))
        self._fill()

    def reload(self) -> None:
        self.show_task(self.task.id if self.task else None)

    def _fill(self) -> None:
        t = self.task
        self.setEnabled(t is not None)
        self.content.setText(t.content if t else "Chọn một nhiệm vụ trong danh sách để xem chi tiết.")
        self.group.setText(" ".join(x for x in (t.group_code, t.group_title) if x) if t else "")
        self.product.setText(t.product if t else "")
        if t is not None:
            self.deadline.setText(self._deadline_html(t))
            self.status.setText(capitalize(status_label(t.status)))
            bg, fg = status_background(t.status).name(), status_foreground(t.status).name()
            self.status.setStyleSheet(f"background: {bg}; color: {fg}; border-radius: 3px")
            self.missing.setText(missing_text(t.missing) or "Đủ 06 rõ")
            self.missing.setStyleSheet(MISSING_STYLE if t.missing else COMPLETE_STYLE)
        else:
            self.deadline.setText("")
            self.status.setText("")
            self.status.setStyleSheet("")
            self.missing.setText("")
        self.note.setText(t.note if t else "")
        for optional in (self.group, self.product, self.note):  # no empty rows taking the height
            self._form.setRowVisible(optional, bool(optional.text()))
        self.reminded.setText(self._reminder_note(t.id) if t else "")
        self._fill_assignments(t.assignments if t else ())
        self._fill_reports()
        self._fill_history(t.id if t else None)
        self._update_buttons()

    def _fill_history(self, task_id: int | None) -> None:
        self.history_tree.clear()
        self.empty_history.update()  # an empty tree cleared again signals nothing
        if task_id is None:
            return
        for r in self._ctx.history.for_task(task_id):
            what = entity_label(r.entity)
            item = QTreeWidgetItem(
                [f"{r.at:%d/%m/%Y %H:%M}", r.actor, action_label(r.action), f"{what}: {change_text(r)}"]
            )
            item.setToolTip(3, f"{what}: {change_text(r)}")
            self.history_tree.addTopLevelItem(item)

    @staticmethod
    def _deadline_html(t: TaskDetail) -> str:
        """The phrase with the next due date; a recurring task's missed periods on a red line."""
        m = t.missed
        text = escape(deadline_summary(t.deadline_text, t.deadline_kind, m.next_due if m else t.next_due))
        if m is not None and m.count:
            line = f"{m.text()} (hạn đầu tiên {m.due_dates[0].strftime('%d/%m/%Y')})"
            text += f'<br><span style="{MISSING_STYLE}">{escape(capitalize(line))}</span>'
        return text

    def _reminder_note(self, task_id: int) -> str:
        try:
            return self._ctx.letters.reminder_note(task_id) or "chưa đôn đốc"
        except UserError:
            return ""

    def _fill_assignments(self, infos: tuple[AssignmentInfo, ...]) -> None:
        self.assignments.setRowCount(len(infos))
        for n, a in enumerate(infos):
            name = a.party.name + (" (nhóm)" if a.party.is_group else "")
            if a.from_group:
                name += f" – từ nhóm «{a.from_group}»"
            cells = [
                role_label(a.role),
                name,
                capitalize(status_label(a.status)),
                list_cell(a.missed) if a.missed else fmt_date(a.first_unmet),
                str(a.report_count),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(summary(a.missed) if col == 3 and a.missed else text)
                if col == 2:
                    item.setBackground(status_background(a.status))
                    item.setForeground(status_foreground(a.status))
                self.assignments.setItem(n, col, item)

    def _fill_reports(self) -> None:
        self.report_tree.clear()
        for r in self.reports:
            progress = "Hoàn thành" if r.done else (f"{r.percent}%" if r.percent is not None else "")
            text = r.text + (f" (VB {r.doc_number})" if r.doc_number else "")
            top = QTreeWidgetItem([fmt_date(r.received_on), r.agency, progress, text])
            top.setToolTip(3, text)
            files: list[QTreeWidgetItem] = []
            for e in r.evidence:
                child = QTreeWidgetItem([f"Tệp: {e.name} ({fmt_size(e.size)})"])
                child.setData(0, EVIDENCE_ROLE, e.id)
                child.setToolTip(0, f"{e.name} – bấm đúp để mở")
                top.addChild(child)
                files.append(child)
            self.report_tree.addTopLevelItem(top)
            for child in files:  # spanning only works once the item is in the tree
                child.setFirstColumnSpanned(True)
        self.report_tree.expandAll()

    def selected_assignment(self) -> AssignmentInfo | None:
        if self.task is None:
            return None
        rows = self.assignments.selectionModel().selectedRows()
        if not rows:
            return None
        n = rows[0].row()
        return self.task.assignments[n] if 0 <= n < len(self.task.assignments) else None

    def _update_buttons(self) -> None:
        a = self.selected_assignment()
        self.expand_button.setEnabled(a is not None and a.party.is_group)
        suspension = self.task.suspension if self.task else None
        self.pause_button.setEnabled(suspension is Suspension.ACTIVE)
        self.cancel_button.setEnabled(suspension in (Suspension.ACTIVE, Suspension.PAUSED))
        self.resume_button.setEnabled(suspension in (Suspension.PAUSED, Suspension.CANCELLED))
        self.add_report_button.setEnabled(self.task is not None and bool(self.task.assignments))

    # -- actions ---------------------------------------------------------------------------
    def expand_selected_group(self) -> None:
        a = self.selected_assignment()
        if a is None or self.task is None:
            return
        try:
            added = runner().run_modal(self, partial(self._ctx.tasks.expand_group, a.id))
        except UserError as exc:
            messages.show_error(self, str(exc))
            return
        messages.show_info(self, f"Đã tách nhóm «{a.party.name}» thành {added} cơ quan.")

    def set_suspension(self, suspension: Suspension) -> None:
        if self.task is None:
            return
        if suspension is Suspension.CANCELLED and not messages.confirm(
            self, "Hủy nhiệm vụ này? Nhiệm vụ sẽ không còn được theo dõi hạn.", "Hủy nhiệm vụ"
        ):
            return
        try:
            runner().run_modal(self, partial(self._ctx.tasks.set_suspension, self.task.id, suspension))
        except UserError as exc:
            messages.show_error(self, str(exc))

    def _open_item(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.parent() is None:  # a report line, not a file (and its role is unset)
            return
        evidence_id = item.data(0, EVIDENCE_ROLE)
        if isinstance(evidence_id, int):
            open_evidence(self._ctx, evidence_id, self)
