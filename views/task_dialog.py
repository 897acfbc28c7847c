"""Add or edit a task: its directive, words, deadline phrase and who leads / cooperates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.changes import OpResult
from app.dto import DirectiveRow, TaskDetail, TaskInput
from models.deadline_text import understood_lines
from models.parties import Role
from views.combo_data import combo_id
from views.form_errors import error_label, with_error
from views.labels import APP_TITLE
from views.needs import TaskDialogNeeds
from views.party_picker import PartyPicker
from views.save_dialog import SaveDialog

HINT_OK = "color: #1b6b2f;"
HINT_UNSURE = "color: #c25e00; font-weight: bold;"


class TaskDialog(SaveDialog):
    """Non-modal friendly: construct, fill, call ``accept()``; ``saved_id`` is set on success."""

    def __init__(
        self,
        ctx: TaskDialogNeeds,
        task_id: int | None = None,
        directive_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._task_id = task_id
        self.setWindowTitle(("Sửa nhiệm vụ" if task_id else "Thêm nhiệm vụ") + f" – {APP_TITLE}")
        self.setMinimumWidth(720)

        self._directives: list[DirectiveRow] = ctx.directives.list_directives(with_counts=False)
        agencies = ctx.agencies.list_agencies(include_inactive=False, with_counts=False)
        groups = ctx.agencies.list_groups()

        self.directive = QComboBox()
        for d in self._directives:
            label = f"{d.number} – {d.subject}" if d.subject else d.number
            self.directive.addItem(label[:110], d.id)
        self.group_code = QLineEdit()
        self.group_code.setPlaceholderText("VD: I, II.1")
        self.group_code.setMaximumWidth(110)
        self.group_title = QLineEdit()
        self.group_title.setPlaceholderText("Tên nhóm nhiệm vụ")
        self.content = QPlainTextEdit()
        self.content.setPlaceholderText("Nội dung nhiệm vụ được giao")
        self.content.setMinimumHeight(70)
        self.content.setMaximumHeight(120)
        self.product = QLineEdit()
        self.product.setPlaceholderText("VD: Báo cáo kết quả, Quyết định phê duyệt…")
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText("VD: Quý II/2026; Trước ngày 09 hằng tháng; Thường xuyên")
        self.deadline_hint = QLabel()
        self.deadline_hint.setWordWrap(True)  # a progress sentence's milestones, one a line
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(56)
        self.lead = PartyPicker(agencies, groups, "Gõ tên cơ quan chủ trì…")
        self.cooperating = PartyPicker(agencies, groups, "Gõ tên cơ quan phối hợp…")

        group_row = QHBoxLayout()
        group_row.addWidget(self.group_code)
        group_row.addWidget(self.group_title, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Văn bản giao:", with_error(self.directive, self.errors.add("directive", error_label())))
        form.addRow("Nhóm nhiệm vụ:", group_row)
        form.addRow("Nội dung:", with_error(self.content, self.errors.add("content", error_label())))
        form.addRow("Sản phẩm:", self.product)
        deadline_box = QWidget()
        deadline_layout = QVBoxLayout(deadline_box)
        deadline_layout.setContentsMargins(0, 0, 0, 0)
        deadline_layout.setSpacing(2)
        deadline_layout.addWidget(self.deadline)
        deadline_layout.addWidget(self.deadline_hint)
        deadline_layout.addWidget(self.errors.add("deadline_text", error_label()))
        form.addRow("Thời hạn:", deadline_box)
        form.addRow("Chủ trì:", with_error(self.lead, self.errors.add("lead", error_label())))
        form.addRow("Phối hợp:", with_error(self.cooperating, self.errors.add("cooperating", error_label())))
        form.addRow("Ghi chú:", self.note)

        self.finish_layout(form)

        self.deadline.textChanged.connect(self._update_hint)
        self.directive.currentIndexChanged.connect(self._update_hint)
        # the row version shown: saving over another officer's newer edit is refused
        self._version: int | None = None
        if task_id is not None:
            self._load(ctx.tasks.get(task_id))
        elif directive_id is not None:
            self.select_directive(directive_id)
        self._update_hint()

    # -- filling ---------------------------------------------------------------------------
    def select_directive(self, directive_id: int) -> None:
        n = self.directive.findData(directive_id)
        if n >= 0:
            self.directive.setCurrentIndex(n)

    def _load(self, t: TaskDetail) -> None:
        self._version = t.version
        self.select_directive(t.directive_id)
        self.group_code.setText(t.group_code)
        self.group_title.setText(t.group_title)
        self.content.setPlainText(t.content)
        self.product.setText(t.product)
        self.deadline.setText(t.deadline_text)
        self.note.setPlainText(t.note)
        self.lead.set_parties([a.party for a in t.assignments if a.role is Role.LEAD])
        self.cooperating.set_parties([a.party for a in t.assignments if a.role is Role.COOPERATING])

    def _reference_date(self) -> date:
        d_id = combo_id(self.directive)
        issued = next((d.issued_on for d in self._directives if d.id == d_id), None)
        return issued or self._ctx.services.today()

    def _update_hint(self) -> None:
        text, ok = understood_lines(self.deadline.text(), self._reference_date())
        self.deadline_hint.setText(f"Hiểu là: {text}" if ok else text)
        self.deadline_hint.setStyleSheet(HINT_OK if ok else HINT_UNSURE)

    # -- saving ----------------------------------------------------------------------------
    def task_input(self) -> TaskInput:
        return TaskInput(
            directive_id=combo_id(self.directive) or -1,
            content=self.content.toPlainText(),
            lead=self.lead.parties(),
            cooperating=self.cooperating.parties(),
            deadline_text=self.deadline.text(),
            product=self.product.text(),
            group_code=self.group_code.text(),
            group_title=self.group_title.text(),
            note=self.note.toPlainText(),
            id=self._task_id,
            version=self._version,
        )

    def operation(self) -> Callable[[], OpResult[int]]:
        self.lead.refuse_pending("lead")
        self.cooperating.refuse_pending("cooperating")
        return partial(self._ctx.tasks.save, self.task_input())
