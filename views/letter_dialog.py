"""Make an outgoing letter: pick the kind and its subject, preview what it lists, export the DOCX.

Printing runs off the GUI thread (``views.background``); the file opens in Word (or whatever
opens .docx) when it is ready. The previews of the two reports (the periodic one and the one on
a directive) are read off the GUI thread too (``views.page_jobs``): on five years of data they
take a noticeable moment, and the window must keep painting while the officer types another
period; only the answer to the latest question is shown. The file chooser and the opener are
module functions so tests can replace them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, QSize, QUrl
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
    QTabWidget,
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
from views.page_jobs import PageLoads

KINDS = (
    ("remind", "Đôn đốc"),
    ("assign", "Triển khai nhiệm vụ"),
    ("report", "Báo cáo"),
    ("response", "Báo cáo kết quả thực hiện một văn bản"),
)
SECTION_TITLES = (
    ("results", "I. Kết quả thực hiện"),
    ("shortcomings", "II. Tồn tại, hạn chế"),
    ("next_steps", "III. Nhiệm vụ thời gian tới"),
    ("proposals", "IV. Đề xuất, kiến nghị"),
)
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
        # the reports' previews: read off the GUI thread, a late answer to an old question dropped
        self.loads = PageLoads(self, self._preview_busy)
        self._asked = 0  # numbers every preview asked for, synchronous or not
        self._redraft_pending = False  # the section drafts are on their way
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

        # the report on one directive: its sections are drafted from the data, then edited here
        self.response_directive = QComboBox()
        for i in range(self.directive.count()):
            self.response_directive.addItem(self.directive.itemText(i), self.directive.itemData(i))
        self.response_as_of = QDateEdit(to_qdate(today))
        self.response_as_of.setDisplayFormat(DATE_FORMAT)
        self.response_as_of.setCalendarPopup(True)
        self.sections = QTabWidget()
        self.section_edits: dict[str, QPlainTextEdit] = {}
        for key, title in SECTION_TITLES:
            edit = QPlainTextEdit()
            edit.setToolTip("Bản dự thảo lập từ số liệu; sửa trực tiếp, mỗi dòng là một đoạn văn.")
            self.section_edits[key] = edit
            self.sections.addTab(edit, title)
        self.redraft_button = QPushButton("Lập lại dự thảo từ số liệu")
        response_page = QWidget()
        sf = QFormLayout(response_page)
        sf.addRow("Văn bản chỉ đạo:", self.response_directive)
        sf.addRow("Số liệu tính đến ngày:", self.response_as_of)
        sf.addRow(self.sections)
        sf.addRow("", self.redraft_button)

        self.pages = QStackedWidget()
        for page in (remind_page, assign_page, report_page, response_page):
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
        self.response_directive.currentIndexChanged.connect(self.redraft)
        self.response_as_of.dateChanged.connect(self.redraft)
        self.redraft_button.clicked.connect(self.redraft)
        self.period.editingFinished.connect(self.refresh_preview)
        self._kind_changed()
        remember_window(self, "LetterDialog", QSize(760, 600))

    # -- state ---------------------------------------------------------------------------------
    def kind_code(self) -> str:
        return str(self.kind.currentData())

    def _kind_changed(self) -> None:
        self.pages.setCurrentIndex(self.kind.currentIndex())
        empty = not any(e.toPlainText() for e in self.section_edits.values())
        if self.kind_code() == "response" and empty and self.response_directive.currentData() is not None:
            self.redraft()  # the drafts and the preview come together
            return
        self.refresh_preview()

    def redraft(self) -> None:
        """Fill the four section editors with the program's drafts (the officer's edits are replaced)."""
        if self.kind_code() != "response" or self.response_directive.currentData() is None:
            return
        self._response_preview(redraft=True)

    def _response_preview(self, redraft: bool) -> None:
        """Read the report on a directive off the GUI thread; ``redraft`` also refills the sections."""
        L = self._ctx.letters
        target, day = int(self.response_directive.currentData()), from_qdate(self.response_as_of.date())
        redraft = redraft or self._redraft_pending  # a newer question keeps a pending redraft
        self._redraft_pending = redraft
        asked = self._ask()

        def show(found: Any) -> None:
            if asked != self._asked:
                return
            data, drafts = found
            self._redraft_pending = False
            if redraft:
                # the issuer's format by default: a Party directive is answered in the Party format
                with QSignalBlocker(self.fmt):
                    self.fmt.setCurrentIndex(
                        self.fmt.findData(LetterFormat.PARTY if data.party_format else LetterFormat.STATE)
                    )
                for key, _title in SECTION_TITLES:
                    self.section_edits[key].setPlainText(getattr(drafts, key))
            self.preview.setPlainText(_response_text(data))

        self.loads.start(lambda: L.preview_response(target, day), show, self._preview_failed(asked))

    def edited_sections(self) -> Any:
        from app.letters.narrative import Sections

        return Sections(**{key: self.section_edits[key].toPlainText() for key, _ in SECTION_TITLES})

    def _as_of(self) -> date:
        return from_qdate(self.as_of.date())

    # -- preview ---------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Show what the letter will list; the reports' previews arrive later (``preview_ready``)."""
        kind = self.kind_code()
        if kind == "response" and self.response_directive.currentData() is not None:
            self._response_preview(redraft=False)
            return
        if kind == "report":
            L, period = self._ctx.letters, self.period.text()
            asked = self._ask()

            def show(rep: Any) -> None:
                if asked == self._asked:
                    self.preview.setPlainText(_report_text(rep))

            self.loads.start(lambda: L.preview_report(period), show, self._preview_failed(asked))
            return
        self._ask()  # an answer still on its way for another kind is no longer wanted
        try:
            self.preview.setPlainText(self._preview_text())
        except UserError as exc:
            self.preview.setPlainText(str(exc))

    def _ask(self) -> int:
        self._asked += 1
        return self._asked

    def _preview_failed(self, asked: int) -> Any:
        def show(exc: UserError) -> None:
            if asked == self._asked:
                self.preview.setPlainText(str(exc))

        return show

    def _preview_busy(self, busy: bool) -> None:
        if busy:
            self.preview.setPlainText("Đang lập nội dung xem trước…")

    @property
    def preview_pending(self) -> bool:
        """A report's preview is still being read (tests wait on this)."""
        return self.loads.busy

    def done(self, result: int) -> None:
        self._ask()  # the dialog is closing: an answer on its way finds no one to show it to
        super().done(result)

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
        return "Chưa có văn bản chỉ đạo nào."

    # -- export ------------------------------------------------------------------------------------
    def export(self) -> None:
        L = self._ctx.letters
        kind, fmt = self.kind_code(), LetterFormat(self.fmt.currentData())
        work: Any
        if kind == "response" and self._redraft_pending:
            self.status.setText("Đang lập dự thảo các mục, xin đợi giây lát rồi xuất tệp.")
            return
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
            suggested = {
                "remind": "cong-van-don-doc.docx",
                "assign": "cong-van-trien-khai.docx",
                "response": "bao-cao-ket-qua-thuc-hien.docx",
            }.get(kind, f"bao-cao-{_period_slug(self.period.text())}.docx")
            out = ask_save_path(self, suggested)
            if out is None:
                return
            if kind == "remind":
                agency_id, as_of = int(self.agency.currentData()), self._as_of()

                def work() -> Any:
                    return L.remind(agency_id, as_of, fmt, out)

            elif kind == "response":
                target = int(self.response_directive.currentData())
                day = from_qdate(self.response_as_of.date())
                chosen = LetterFormat(self.fmt.currentData())
                sections = self.edited_sections()

                def work() -> Any:
                    return L.response(target, out, chosen, day, sections)

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


def _response_text(data: Any) -> str:
    out = [f"Kính gửi: {data.addressee}", f"Báo cáo kết quả thực hiện {data.directive_ref}", ""]
    for i, t in enumerate(data.tasks, 1):
        out.append(f"{i}. {t.line.content} [{t.line.lead}] – {t.status.value}")
        out += [f"     {r.agency}: {r.source()}; {r.text[:120]}" for r in t.reports]
    return "\n".join(out)


def _report_text(rep: Any) -> str:
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
