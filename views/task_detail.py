"""The selected task in full: its words, who does what, the reports and their evidence."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.dto import AssignmentInfo, ReportRow, TaskDetail
from app.errors import UserError
from models.deadline_text import deadline_summary
from models.status import Suspension
from views import messages
from views.empty_hint import EmptyHint
from views.evidence_open import open_evidence
from views.labels import capitalize, fmt_date, fmt_size, missing_text, role_label, status_label
from views.needs import TaskDetailNeeds
from views.operations import runner
from views.status_colors import status_background, status_foreground

EVIDENCE_ROLE = Qt.ItemDataRole.UserRole + 1
MISSING_STYLE = "color: #b00020; font-weight: bold;"
COMPLETE_STYLE = "color: #1b6b2f;"


def _wrapping(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


NO_REPORTS = "Chưa có báo cáo. Bấm «Thêm báo cáo» để ghi báo cáo đầu tiên."


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
        self.status = QLabel()
        self.status.setMargin(3)
        self.missing = _wrapping()
        self.missing.setStyleSheet(MISSING_STYLE)
        self.note = _wrapping()
        self.reminded = _wrapping()
        info = QWidget()
        form = QFormLayout(info)
        form.addRow("<b>Nội dung:</b>", self.content)
        form.addRow("Nhóm:", self.group)
        form.addRow("Sản phẩm:", self.product)
        form.addRow("Thời hạn:", self.deadline)
        form.addRow("Trạng thái:", self.status)
        form.addRow("06 rõ:", self.missing)
        form.addRow("Đôn đốc:", self.reminded)
        form.addRow("Ghi chú:", self.note)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(info)
        info_box = QGroupBox("Nhiệm vụ")
        QVBoxLayout(info_box).addWidget(scroll)

        # -- assignments
        self.assignments = QTableWidget(0, 5)
        self.assignments.setHorizontalHeaderLabels(
            ["Vai trò", "Cơ quan", "Trạng thái", "Hạn tiếp theo", "Báo cáo"]
        )
        self.assignments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.assignments.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.assignments.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.assignments.verticalHeader().setVisible(False)
        header = self.assignments.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.assignments.itemSelectionChanged.connect(self._update_buttons)
        self.expand_button = QPushButton("Tách nhóm thành từng cơ quan")
        self.expand_button.setToolTip("Thay nhóm cơ quan bằng từng cơ quan thành viên để theo dõi riêng")
        self.expand_button.clicked.connect(self.expand_selected_group)
        self.pause_button = QPushButton("Tạm dừng")
        self.cancel_button = QPushButton("Hủy nhiệm vụ")
        self.resume_button = QPushButton("Tiếp tục")
        self.pause_button.clicked.connect(lambda: self.set_suspension(Suspension.PAUSED))
        self.cancel_button.clicked.connect(lambda: self.set_suspension(Suspension.CANCELLED))
        self.resume_button.clicked.connect(lambda: self.set_suspension(Suspension.ACTIVE))
        a_buttons = QHBoxLayout()
        a_buttons.addWidget(self.expand_button)
        a_buttons.addStretch(1)
        a_buttons.addWidget(self.pause_button)
        a_buttons.addWidget(self.cancel_button)
        a_buttons.addWidget(self.resume_button)
        assign_box = QGroupBox("Phân công")
        a_layout = QVBoxLayout(assign_box)
        a_layout.addWidget(self.assignments)
        a_layout.addLayout(a_buttons)

        # -- reports
        self.report_tree = QTreeWidget()
        self.report_tree.setColumnCount(4)
        self.report_tree.setHeaderLabels(["Ngày nhận / tệp", "Cơ quan", "Tiến độ", "Nội dung"])
        self.report_tree.setToolTip("Bấm đúp vào tệp minh chứng để mở")
        self.report_tree.itemDoubleClicked.connect(self._open_item)
        self.report_tree.header().setStretchLastSection(True)
        for col, width in enumerate((100, 150, 90)):
            self.report_tree.setColumnWidth(col, width)
        self.report_tree.setAlternatingRowColors(True)
        self.empty_reports = EmptyHint(self.report_tree, lambda: NO_REPORTS if self.task is not None else "")
        self.add_report_button = QPushButton("Thêm báo cáo")
        self.add_report_button.clicked.connect(self.add_report_requested)
        report_box = QGroupBox("Báo cáo tiến độ và minh chứng")
        r_layout = QVBoxLayout(report_box)
        r_layout.addWidget(self.report_tree)
        r_row = QHBoxLayout()
        r_row.addWidget(QLabel("Bấm đúp vào tệp để mở."))
        r_row.addStretch(1)
        r_row.addWidget(self.add_report_button)
        r_layout.addLayout(r_row)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(info_box, 3)
        layout.addWidget(assign_box, 3)
        layout.addWidget(report_box, 4)
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
            self.deadline.setText(deadline_summary(t.deadline_text, t.deadline_kind, t.next_due))
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
        self.reminded.setText(self._reminder_note(t.id) if t else "")
        self._fill_assignments(t.assignments if t else ())
        self._fill_reports()
        self._update_buttons()

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
                fmt_date(a.first_unmet),
                str(a.report_count),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
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
