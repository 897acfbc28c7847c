"""Record a progress report from one of a task's agencies, with its evidence files."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.dto import ReportInput
from app.errors import UserError
from views.background import BackgroundJob
from views.combo_data import combo_id, select_data
from views.evidence_list import EvidencePicker
from views.form_errors import FieldErrors, error_label, with_error
from views.geometry_memory import remember_window
from views.labels import APP_TITLE, DATE_FORMAT, fmt_date, from_qdate, role_label, to_qdate
from views.needs import ReportDialogNeeds
from views.operations import runner
from views.save_dialog import form_layout, save_cancel_buttons


def date_edit(value: QDate) -> QDateEdit:
    edit = QDateEdit(value)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setCalendarPopup(True)
    edit.setMinimumWidth(120)
    edit.setMaximumWidth(140)
    return edit


class ReportDialog(QDialog):
    """Saving copies the evidence files, so it runs in the background; ``job`` is that work."""

    def __init__(
        self,
        ctx: ReportDialogNeeds,
        task_id: int,
        parent: QWidget | None = None,
        assignment_id: int | None = None,
        occurrence: date | None = None,
        done: bool = False,
    ) -> None:
        """``assignment_id``, ``occurrence`` and ``done`` pre-fill the form (the periodic-reports
        grid knows which agency owes which occurrence)."""
        super().__init__(parent)
        self._ctx = ctx
        self.saved_id: int | None = None
        self.job: BackgroundJob | None = None
        task = ctx.tasks.get(task_id)
        self.setWindowTitle(f"Thêm báo cáo tiến độ – {APP_TITLE}")
        self.setMinimumWidth(620)
        today = to_qdate(ctx.services.today())

        self.agency = QComboBox()
        for a in task.assignments:
            # the earliest unmet due date helps choose; with a chosen occurrence it would contradict it
            due = f" – hạn {fmt_date(a.first_unmet)}" if a.first_unmet and occurrence is None else ""
            self.agency.addItem(f"{role_label(a.role)}: {a.party.name}{due}", a.id)
        if self.agency.count() > 1:
            # several agencies: the user says which one reported; a preselected first row would
            # file an unread report under the lead agency without a word
            self.agency.setPlaceholderText("Chọn cơ quan gửi báo cáo…")
            self.agency.setCurrentIndex(-1)
        self.received = date_edit(today)
        self.received.setMaximumDate(today)
        self.has_occurrence = QCheckBox("Báo cáo cho kỳ hạn ngày")
        self.occurrence = date_edit(to_qdate(task.next_due) if task.next_due else today)
        self.occurrence.setEnabled(False)
        self.has_occurrence.toggled.connect(self.occurrence.setEnabled)
        self.percent = QSpinBox()
        self.percent.setRange(-1, 100)
        self.percent.setSpecialValueText("Không ghi")
        self.percent.setSuffix(" %")
        self.percent.setValue(-1)
        self.percent.setMinimumWidth(110)
        self.done_box = QCheckBox("Đã hoàn thành")
        self.doc_number = QLineEdit()
        self.doc_number.setPlaceholderText("Số, ký hiệu văn bản báo cáo (nếu có)")
        self.has_doc_date = QCheckBox("Ngày văn bản")
        self.doc_date = date_edit(today)
        self.doc_date.setEnabled(False)
        self.has_doc_date.toggled.connect(self.doc_date.setEnabled)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Nội dung báo cáo, kết quả thực hiện")
        self.text.setMaximumHeight(130)
        self.evidence = EvidencePicker()

        self.errors = FieldErrors(error_label())
        occ_row = QHBoxLayout()
        occ_row.addWidget(self.has_occurrence)
        occ_row.addWidget(self.occurrence)
        occ_row.addStretch(1)
        pct_row = QHBoxLayout()
        pct_row.addWidget(self.percent)
        pct_row.addWidget(self.done_box)
        pct_row.addStretch(1)
        doc_row = QHBoxLayout()
        doc_row.addWidget(self.doc_number, 1)
        doc_row.addWidget(self.has_doc_date)
        doc_row.addWidget(self.doc_date)

        form = QFormLayout()
        form.addRow("Nhiệm vụ:", _elided_label(task.content))
        form.addRow("Cơ quan báo cáo:", with_error(self.agency, self.errors.add("assignment", error_label())))
        form.addRow("Ngày nhận:", with_error(self.received, self.errors.add("received_on", error_label())))
        form.addRow("Kỳ hạn:", occ_row)
        form.addRow("Tỷ lệ hoàn thành:", _boxed(pct_row, self.errors.add("percent", error_label())))
        form.addRow("Văn bản báo cáo:", doc_row)
        form.addRow("Nội dung:", self.text)
        form.addRow("Minh chứng:", with_error(self.evidence, self.errors.add("evidence", error_label())))

        self.buttons = save_cancel_buttons(self, "Lưu báo cáo")
        form_layout(self, form, self.errors, self.buttons)
        remember_window(self, "ReportDialog")
        if assignment_id is not None:
            select_data(self.agency, assignment_id, fallback=-1)
        if occurrence is not None:
            self.has_occurrence.setChecked(True)
            self.occurrence.setDate(to_qdate(occurrence))
        if done:
            self.done_box.setChecked(True)
        if assignment_id is not None and occurrence is not None:
            self.doc_number.setFocus()  # what is left to type: the report's number, then Enter

    def report_input(self) -> ReportInput:
        return ReportInput(
            assignment_id=combo_id(self.agency) or -1,
            received_on=from_qdate(self.received.date()),
            text=self.text.toPlainText(),
            percent=None if self.percent.value() < 0 else self.percent.value(),
            done=self.done_box.isChecked(),
            occurrence=from_qdate(self.occurrence.date()) if self.has_occurrence.isChecked() else None,
            doc_number=self.doc_number.text(),
            doc_date=from_qdate(self.doc_date.date()) if self.has_doc_date.isChecked() else None,
            evidence_files=self.evidence.files(),
        )

    def accept(self) -> None:
        if self.job is not None and not self.job.done:
            return
        self.errors.clear()
        data = self.report_input()
        self.buttons.setEnabled(False)
        self.job = runner().run(
            self,
            "Đang lưu báo cáo và sao chép tệp minh chứng…",
            lambda: self._ctx.reports.add(data),
            on_success=self._saved,
            on_error=self._failed,
        )

    def reject(self) -> None:
        if self.job is not None and not self.job.done:
            return  # the report is being written; closing now would hide that it was saved
        super().reject()

    def _saved(self, report_id: Any) -> None:
        self.saved_id = int(report_id)
        self.buttons.setEnabled(True)
        super().accept()

    def _failed(self, exc: UserError) -> None:
        self.buttons.setEnabled(True)
        self.errors.show(exc)


def _elided_label(text: str) -> QWidget:
    short = text if len(text) <= 220 else text[:217] + "…"
    label = QLabel(short)
    label.setWordWrap(True)
    label.setToolTip(text)
    return label


def _boxed(row: QHBoxLayout, label: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(row)
    layout.addWidget(label)
    return box
