"""«Hồ sơ cơ quan»: everything one agency leads or cooperates on, its reports and evidence, the
letters sent to it, and its scoreboard line at the last twelve month ends.

Opened from the agency page («Xem hồ sơ cơ quan», or a double click) and from the scoreboard
(a double click on the agency's name). Both loads run off the GUI thread; the line over time is
the scoreboard's own computation at each month end, so its numbers equal the scoreboard's.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.agency_profile_dto import AgencyProfile, ProfileLetter, ProfileReport, ProfileTask, TimelinePoint
from app.errors import UserError
from app.followup_dto import ON_TIME_RATE_FORMULA, UPDATE_RATE_FORMULA
from models.letters import LETTER_KIND_LABELS
from models.official import OfficialClass
from views import messages
from views.class_colors import class_colors
from views.geometry_memory import remember_window
from views.labels import fmt_date, role_label
from views.needs import HasAgencyProfile, HasToday
from views.page_jobs import PageLoads
from views.rows_model import Column, RowsTableModel
from views.table_view import make_table, selected_row
from views.task_selection import TaskSelection

MONTHS = 12


class AgencyProfileNeeds(HasAgencyProfile, HasToday, Protocol): ...


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


TASK_COLUMNS: tuple[Column[ProfileTask], ...] = (
    Column("Văn bản", lambda t: t.directive_number),
    Column("Nội dung nhiệm vụ", lambda t: t.content, tooltip=lambda t: t.content),
    Column("Vai trò", lambda t: role_label(t.role)),
    Column("Thời hạn", lambda t: t.deadline_text),
    Column(
        "Trạng thái",
        lambda t: t.klass.value.capitalize(),
        foreground=lambda t: class_colors(t.klass)[1] if t.klass is OfficialClass.OVERDUE else None,
    ),
    Column(
        "Quá hạn (ngày)",
        lambda t: "" if t.overdue_days is None else str(t.overdue_days),
        numeric=True,
        sort_key=lambda t: -1 if t.overdue_days is None else t.overdue_days,
    ),
)
REPORT_COLUMNS: tuple[Column[ProfileReport], ...] = (
    Column("Ngày nhận", lambda r: fmt_date(r.received_on)),
    Column("Số báo cáo", lambda r: r.doc_number),
    Column("Ngày báo cáo", lambda r: fmt_date(r.doc_date)),
    Column("Văn bản", lambda r: r.directive_number),
    Column("Nhiệm vụ", lambda r: r.task_content, tooltip=lambda r: r.task_content),
    Column("Hoàn thành", lambda r: "Có" if r.done else ""),
    Column("Tệp minh chứng", lambda r: "; ".join(r.evidence), tooltip=lambda r: "\n".join(r.evidence)),
)
LETTER_COLUMNS: tuple[Column[ProfileLetter], ...] = (
    Column("Số", lambda x: x.number),
    Column("Ngày", lambda x: fmt_date(x.issued_on)),
    Column("Loại", lambda x: LETTER_KIND_LABELS[x.kind]),
    Column("Trích yếu", lambda x: x.subject, tooltip=lambda x: x.subject),
    Column("Số nhiệm vụ nêu", lambda x: str(x.task_count), numeric=True),
)
TIMELINE_COLUMNS: tuple[Column[TimelinePoint], ...] = (
    Column("Đến ngày", lambda p: fmt_date(p.as_of)),
    Column("Chủ trì (được giao)", lambda p: str(p.assigned), numeric=True),
    Column("Hoàn thành đúng hạn", lambda p: str(p.done_on_time), numeric=True),
    Column("Hoàn thành quá hạn", lambda p: str(p.done_late), numeric=True),
    Column("Quá hạn", lambda p: str(p.overdue), numeric=True),
    Column("Phối hợp quá hạn", lambda p: str(p.cooperating_overdue), numeric=True),
    Column(
        "Tỷ lệ đúng hạn",
        lambda p: _rate(p.on_time_rate),
        numeric=True,
        tooltip=lambda p: ON_TIME_RATE_FORMULA,
        sort_key=lambda p: -1.0 if p.on_time_rate is None else p.on_time_rate,
    ),
    Column(
        "Tỷ lệ cập nhật",
        lambda p: _rate(p.update_rate),
        numeric=True,
        tooltip=lambda p: UPDATE_RATE_FORMULA,
        sort_key=lambda p: -1.0 if p.update_rate is None else p.update_rate,
    ),
)


class AgencyProfileDialog(QDialog):
    """Not modal: the officer can keep it beside the task list a double click opens."""

    show_tasks = Signal(object)  # TaskSelection

    def __init__(
        self,
        ctx: AgencyProfileNeeds,
        agency_id: int,
        as_of: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.agency_id = agency_id
        self.as_of = as_of or ctx.services.today()
        self.profile: AgencyProfile | None = None
        self.setWindowTitle("Hồ sơ cơ quan")
        self.heading = QLabel("Đang tải…")
        self.heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.tasks: RowsTableModel[ProfileTask] = RowsTableModel(TASK_COLUMNS, lambda t: t.task_id, self)
        self.reports: RowsTableModel[ProfileReport] = RowsTableModel(
            REPORT_COLUMNS, lambda r: r.report_id, self
        )
        self.letters: RowsTableModel[ProfileLetter] = RowsTableModel(
            LETTER_COLUMNS, lambda x: x.letter_id, self
        )
        self.timeline: RowsTableModel[TimelinePoint] = RowsTableModel(
            TIMELINE_COLUMNS, lambda p: p.as_of.toordinal(), self
        )
        self.task_table = make_table(self.tasks, (90, 0, 70, 150, 150, 110), stretch=1)
        self.task_table.doubleClicked.connect(self._open_task)
        self.task_table.setToolTip("Nhấp đúp để mở nhiệm vụ trong danh sách Nhiệm vụ")
        self.report_table = make_table(self.reports, (85, 90, 90, 90, 0, 75, 220), stretch=4)
        self.letter_table = make_table(self.letters, (110, 85, 140, 0, 110), stretch=3)
        self.timeline_table = make_table(self.timeline, (90, 130, 150, 140, 75, 125, 110, 110), stretch=None)
        self.timeline_note = QLabel(
            f"Dòng của cơ quan trên bảng theo dõi tại ngày cuối {MONTHS} tháng gần nhất "
            "(vai trò chủ trì; cột «Phối hợp quá hạn» là các nhiệm vụ phối hợp đang quá hạn)."
        )
        self.timeline_note.setWordWrap(True)
        timeline_box = QWidget()
        t_layout = QVBoxLayout(timeline_box)
        t_layout.addWidget(self.timeline_table)
        t_layout.addWidget(self.timeline_note)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.task_table, "Nhiệm vụ")
        self.tabs.addTab(self.report_table, "Báo cáo")
        self.tabs.addTab(self.letter_table, "Văn bản đã gửi")
        self.tabs.addTab(timeline_box, "Theo thời gian")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        remember_window(self, "agency_profile_dialog", None)
        if self.size().width() < 1000:
            self.resize(min(1200, self.screen().availableGeometry().width() - 40), 620)
        self.profile_loads = PageLoads(self)
        self.timeline_loads = PageLoads(self)
        self.load()

    def load(self) -> None:
        svc, a_id, day = self._ctx.agency_profile, self.agency_id, self.as_of
        self.profile_loads.start(lambda: svc.profile(a_id, day), self._show_profile, self._failed)
        self.timeline_loads.start(lambda: svc.timeline(a_id, day, MONTHS), self._show_timeline, self._failed)

    def _failed(self, exc: UserError) -> None:
        messages.show_error(self, str(exc))

    def _show_profile(self, profile: AgencyProfile) -> None:
        self.profile = profile
        self.setWindowTitle(f"Hồ sơ cơ quan — {profile.name}")
        overdue = sum(1 for t in profile.tasks if t.klass is OfficialClass.OVERDUE)
        self.heading.setText(
            f"{profile.name} — tính đến {fmt_date(profile.as_of)}: {len(profile.tasks)} nhiệm vụ "
            f"({overdue} quá hạn), {len(profile.reports)} báo cáo, {len(profile.letters)} văn bản đã gửi"
        )
        self.tasks.set_rows(profile.tasks)
        self.reports.set_rows(profile.reports)
        self.letters.set_rows(profile.letters)
        self.tabs.setTabText(0, f"Nhiệm vụ ({len(profile.tasks)})")
        self.tabs.setTabText(1, f"Báo cáo ({len(profile.reports)})")
        self.tabs.setTabText(2, f"Văn bản đã gửi ({len(profile.letters)})")

    def _show_timeline(self, points: list[TimelinePoint]) -> None:
        self.timeline.set_rows(points)

    def _open_task(self, _index: QModelIndex) -> None:
        task = self.tasks.row_at(selected_row(self.task_table))
        if task is None or self.profile is None:
            return
        self.show_tasks.emit(TaskSelection((task.task_id,), f"1 nhiệm vụ của {self.profile.name}"))
