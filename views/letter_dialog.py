"""Make an outgoing letter: pick the kind and its subject, preview what it lists, export the DOCX.

Printing runs off the GUI thread (``views.background``); the file opens in Word (or whatever
opens .docx) when it is ready. The file chooser and the opener are module functions so tests
can replace them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from models.periods import Period, PeriodError, PeriodKind, parse_period
from models.vn_collation import sort_key
from models.vn_dates import LetterFormat
from views import file_dialogs, messages
from views.background import BackgroundJob, Cancelled
from views.geometry_memory import remember_window
from views.labels import APP_TITLE, DATE_FORMAT, fmt_date, from_qdate, role_label, to_qdate
from views.needs import LettersNeeds
from views.operations import runner

KINDS = (("remind", "Đôn đốc"), ("assign", "Triển khai nhiệm vụ"), ("report", "Báo cáo"))
FORMATS = (
    (LetterFormat.STATE, "Nhà nước (Nghị định 30/2020)"),
    (LetterFormat.PARTY, "Đảng (Hướng dẫn 36-HD/VPTW)"),
)
ALL_AGENCIES = "__all__"


def _period_slug(typed: str) -> str:
    """The period's code for a file name ("Quý 3/2026" → "2026-Q3"); a slash never reaches it."""
    try:
        return parse_period(typed).code
    except PeriodError:
        return "ky"


def ask_save_path(parent: QWidget | None, suggested: str) -> Path | None:
    path = file_dialogs.save_file_name(parent, "Lưu văn bản", suggested, "Văn bản Word (*.docx)")
    if not path:
        return None
    return Path(path) if path.lower().endswith(".docx") else Path(path + ".docx")


def ask_folder(parent: QWidget | None) -> Path | None:
    path = file_dialogs.existing_directory(parent, "Chọn thư mục lưu các công văn đôn đốc")
    return Path(path) if path else None


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class LetterDialog(QDialog):
    """``job`` is the running export; ``results`` the letters of the last export that finished.

    Exports run through the operation runner, which broadcasts what they changed (the
    register, and the tasks a reminder listed: their "đã đôn đốc lần N").
    """

    def __init__(self, ctx: LettersNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.job: BackgroundJob | None = None
        self.results: list[Any] = []
        self.setWindowTitle(f"Lập văn bản đi – {APP_TITLE}")
        self.setMinimumSize(600, 420)
        today = ctx.services.today()

        self.kind = QComboBox()
        for code, label in KINDS:
            self.kind.addItem(label, code)
        self.fmt = QComboBox()
        for code, label in FORMATS:
            self.fmt.addItem(label, code)

        self.agency = QComboBox()
        self.agency.addItem("Tất cả cơ quan có nhiệm vụ quá hạn (mỗi cơ quan một công văn)", ALL_AGENCIES)
        # agencies with overdue work first, with how many: they are who a reminder is for
        rows = ctx.agencies.list_agencies(include_inactive=False)
        for a in sorted(rows, key=lambda r: (r.overdue_count == 0, sort_key(r.name))):
            label = f"{a.name} ({a.overdue_count} quá hạn)" if a.overdue_count else a.name
            self.agency.addItem(label, a.id)
        self.agency.setCurrentIndex(1 if self.agency.count() > 1 else 0)
        self.as_of = QDateEdit(to_qdate(today))
        self.as_of.setDisplayFormat(DATE_FORMAT)
        self.as_of.setCalendarPopup(True)
        remind_page = QWidget()
        rf = QFormLayout(remind_page)
        rf.addRow("Cơ quan:", self.agency)
        rf.addRow("Tính quá hạn đến ngày:", self.as_of)

        self.directive = QComboBox()
        for d in ctx.directives.list_directives(with_counts=False):
            self.directive.addItem(f"{d.number} – {d.subject[:70]}", d.id)
        assign_page = QWidget()
        af = QFormLayout(assign_page)
        af.addRow("Văn bản chỉ đạo:", self.directive)

        self.period = QLineEdit(Period(today.year, PeriodKind.MONTH, today.month).label)
        self.period.setPlaceholderText("Tháng 6/2026, Quý 2/2026 hoặc Năm 2026")
        report_page = QWidget()
        pf = QFormLayout(report_page)
        pf.addRow("Kỳ báo cáo:", self.period)
        pf.addRow("", QLabel("Số liệu tháng tính từ ngày 08 tháng trước đến ngày 07 tháng báo cáo."))

        self.pages = QStackedWidget()
        for page in (remind_page, assign_page, report_page):
            self.pages.addWidget(page)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview_button = QPushButton("Xem trước")
        self.export_button = QPushButton("Xuất tệp Word…")
        self.close_button = QPushButton("Đóng")
        self.status = QLabel("")

        form = QFormLayout()
        form.addRow("Loại văn bản:", self.kind)
        form.addRow("Thể thức (cơ quan ban hành):", self.fmt)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.pages)
        layout.addWidget(QLabel("Nội dung sẽ đưa vào văn bản:"))
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.preview_button.clicked.connect(self.refresh_preview)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)
        for combo in (self.agency, self.directive, self.fmt):
            combo.currentIndexChanged.connect(self.refresh_preview)
        self.as_of.dateChanged.connect(self.refresh_preview)
        self.period.editingFinished.connect(self.refresh_preview)
        self._kind_changed()
        remember_window(self, "LetterDialog", QSize(760, 600))

    # -- state ---------------------------------------------------------------------------------
    def kind_code(self) -> str:
        return str(self.kind.currentData())

    def _kind_changed(self) -> None:
        self.pages.setCurrentIndex(self.kind.currentIndex())
        self.refresh_preview()

    def _as_of(self) -> date:
        return from_qdate(self.as_of.date())

    # -- preview ---------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        try:
            self.preview.setPlainText(self._preview_text())
        except UserError as exc:
            self.preview.setPlainText(str(exc))

    def _preview_text(self) -> str:
        L = self._ctx.letters
        kind = self.kind_code()
        if kind == "remind":
            agency = self.agency.currentData()
            if agency == ALL_AGENCIES:
                found = L.agencies_with_overdue(self._as_of())
                lines = [f"{len(found)} cơ quan có nhiệm vụ quá hạn tại ngày {fmt_date(self._as_of())}:"]
                return "\n".join(lines + [f"  – {name}" for _, name in found])
            r = L.preview_remind(int(agency), self._as_of())
            out = [f"Kính gửi: {r.agency_name}", "", f"Nhiệm vụ quá hạn ({len(r.overdue)}):"]
            out += [
                f"  {i}. {t.content} [{t.directive_number}; {role_label(t.role) if t.role else ''}; "
                f"hạn: {t.deadline_text}; "
                f"quá {t.days_late} ngày]"
                for i, t in enumerate(r.overdue, 1)
            ]
            out += ["", f"Sắp đến hạn trong {r.soon_days} ngày ({len(r.soon)}):"]
            out += [f"  {i}. {t.content} [hạn {fmt_date(t.due)}]" for i, t in enumerate(r.soon, 1)]
            out += ["", f"Đề nghị báo cáo trước ngày {fmt_date(r.respond_by)}."]
            if r.previous:
                last = r.previous[-1]
                out.append(
                    f"Đã đôn đốc {len(r.previous)} lần trước đó, gần nhất: số {last.number} "
                    f"ngày {fmt_date(last.issued_on)} của {last.issuer}."
                )
            if not r.overdue:
                out.append("Cơ quan này không có nhiệm vụ quá hạn: không lập công văn đôn đốc.")
            return "\n".join(out)
        if kind == "assign":
            if self.directive.currentData() is None:
                return "Chưa có văn bản chỉ đạo nào."
            a = L.preview_assign(int(self.directive.currentData()))
            out = [
                f"Triển khai {a.directive_ref} ({len(a.tasks)} nhiệm vụ, phụ lục khổ ngang)",
                "",
                "Kính gửi:",
            ]
            out += [f"  – {r}" for r in a.recipients]
            out += ["", "TT | Nội dung | Chủ trì | Phối hợp | Thời hạn | Sản phẩm"]
            out += [
                f"{i}. {t.content} | {t.lead} | {t.cooperating} | {t.deadline_text} | {t.product}"
                for i, t in enumerate(a.tasks, 1)
            ]
            return "\n".join(out)
        rep = L.preview_report(self.period.text())
        out = [
            f"Báo cáo {rep.period.label} (số liệu {rep.period.window_text})",
            f"Tổng số nhiệm vụ: {rep.total}",
        ]
        out += [f"  – {k}: {v}" for k, v in rep.counts.items() if v]
        out += ["", "Cơ quan chủ trì | giao | đúng hạn | quá hạn (HT) | quá hạn | đang thực hiện"]
        out += [
            f"  {a.name} | {a.assigned} | {a.done_on_time} | {a.done_late} | {a.overdue} | {a.in_progress}"
            for a in rep.agencies
        ]
        out += ["", f"Nhiệm vụ quá hạn: {len(rep.overdue)}", f"Chỉ tiêu: {len(rep.indicators)}"]
        return "\n".join(out)

    # -- export ------------------------------------------------------------------------------------
    def export(self) -> None:
        L = self._ctx.letters
        kind, fmt = self.kind_code(), LetterFormat(self.fmt.currentData())
        work: Any
        if kind == "remind" and self.agency.currentData() == ALL_AGENCIES:
            folder = ask_folder(self)
            if folder is None:
                return
            as_of = self._as_of()

            def work() -> Any:
                return L.remind_all(as_of, fmt, folder)

            label = "Đang lập công văn đôn đốc…"
            stoppable = True  # one letter per transaction: "Dừng" keeps those already made
        else:
            stoppable = False
            suggested = {"remind": "cong-van-don-doc.docx", "assign": "cong-van-trien-khai.docx"}.get(
                kind, f"bao-cao-{_period_slug(self.period.text())}.docx"
            )
            out = ask_save_path(self, suggested)
            if out is None:
                return
            if kind == "remind":
                agency_id, as_of = int(self.agency.currentData()), self._as_of()

                def work() -> Any:
                    return L.remind(agency_id, as_of, fmt, out)

            elif kind == "assign":
                directive_id = int(self.directive.currentData())

                def work() -> Any:
                    return L.assign(directive_id, out, fmt)

            else:
                period = self.period.text()

                def work() -> Any:
                    return L.report(period, out, fmt)

            label = "Đang lập văn bản…"
        self.export_button.setEnabled(False)
        self.job = runner().run(self, label, work, self._done, self._failed, cancellable=stoppable)

    def _done(self, result: Any) -> None:
        """``result`` is the value of the operation's ``OpResult``: one letter, or a list."""
        self.export_button.setEnabled(True)
        uncovered = tuple(getattr(result, "uncovered", ()))
        self.results = list(result) if isinstance(result, list) else [result]
        if uncovered:  # overdue work no letter of the batch lists: said, never silently left out
            messages.show_info(
                self,
                f"Chú ý: {len(uncovered)} nhiệm vụ quá hạn không có trong công văn nào:\n"
                + "\n".join(f"- {x}" for x in uncovered[:30]),
            )
        if not self.results:
            self.status.setText("Không có cơ quan nào có nhiệm vụ quá hạn.")
            return
        last = self.results[-1]
        if len(self.results) == 1:
            self.status.setText(f"Đã lập văn bản số {last.number}.")
            open_file(last.path)
        else:
            self.status.setText(f"Đã lập {len(self.results)} công văn đôn đốc.")
            open_file(last.path.parent)
        self.refresh_preview()

    def _failed(self, exc: UserError) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, Cancelled):
            self.status.setText(str(exc))
            return
        messages.show_error(self, str(exc))
