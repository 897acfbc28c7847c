"""«Bảng theo dõi cơ quan»: for each agency, and each group named on tasks as such, its tasks as
lead or (toggle) as cooperating, as of a day: assigned, by official class, the on-time and update
rates, the longest overdue. Sortable (names in Vietnamese order); every number lists its tasks
in the task page (``show_tasks``); header tooltips give the formulas (app.followup_dto).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes, Subject
from app.errors import UserError
from app.followup_dto import (
    LONGEST_OVERDUE_FORMULA,
    MEASURE_CLASS,
    ON_TIME_RATE_FORMULA,
    OVERDUE_RULE,
    UPDATE_RATE_FORMULA,
    Measure,
    RoleScore,
    ScoreLine,
)
from models.official import OfficialClass
from models.parties import Role
from views import damage_notice, excel_export, messages
from views.as_of_bar import AsOfBar
from views.class_colors import class_colors
from views.empty_hint import EmptyHint
from views.labels import fmt_date
from views.lazy_page import LazyPage
from views.link_table import LinkColumn, LinkTable, LinkTableModel
from views.needs import FollowupNeeds
from views.page_jobs import PageLoads
from views.task_selection import Link
from views.vn_order import ranks

OVERDUE_RED = class_colors(OfficialClass.OVERDUE)[1]
GROUP_TIP = "Nhóm cơ quan được giao nhiệm vụ như một chủ thể (không chia cho từng thành viên)"
HINT = "Bấm vào một con số để xem các nhiệm vụ của nó; di chuột lên tiêu đề cột để xem cách tính."
ROLE_WORDS = {Role.LEAD: "chủ trì", Role.COOPERATING: "phối hợp"}

# (title, header tooltip, the measure counted and listed on a click)
CLASS_COLUMNS: tuple[tuple[str, str, Measure], ...] = (
    ("Đúng hạn", "Hoàn thành đúng hạn", Measure.DONE_ON_TIME),
    ("Trễ hạn", "Hoàn thành quá hạn (báo cáo hoàn thành nhận sau hạn)", Measure.DONE_LATE),
    ("Quá hạn", "Đang quá hạn. " + OVERDUE_RULE, Measure.OVERDUE),
    ("Trong hạn", "Đang thực hiện trong hạn", Measure.IN_PROGRESS),
    ("Thường\nxuyên", "Nhiệm vụ thường xuyên (không có hạn, không bao giờ quá hạn)", Measure.CONTINUOUS),
    ("Chưa rõ\nhạn", "Chưa rõ thời hạn", Measure.NO_DEADLINE),
    ("Tạm\ndừng", "Tạm dừng (không tính vào tiến độ)", Measure.PAUSED),
    ("Hủy", "Đã hủy (không tính vào tiến độ)", Measure.CANCELLED),
)


def percent(value: float | None) -> str:
    """``83%``; "—" when there is no rate (nothing to divide by), never 0 %."""
    return "—" if value is None else f"{value * 100:.0f}%"


class ScoreboardPage(LazyPage):
    show_tasks = Signal(object)  # TaskSelection
    as_of_changed = Signal(object)  # date

    def __init__(self, ctx: FollowupNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.role = Role.LEAD
        self.lines: list[ScoreLine] = []
        self.shown_as_of: date | None = None
        self._name_ranks: dict[str, int] = {}
        self.loads = PageLoads(self, self._set_busy)
        self.ids_loads = PageLoads(self)

        self.as_of = AsOfBar(ctx.services.today())
        self.as_of.changed.connect(self._day_changed)
        self.lead_button = QRadioButton("Chủ trì")
        self.coop_button = QRadioButton("Phối hợp")
        self.lead_button.setChecked(True)
        self.lead_button.setToolTip("Các nhiệm vụ cơ quan được giao chủ trì")
        self.coop_button.setToolTip("Các nhiệm vụ cơ quan được giao phối hợp")
        group = QButtonGroup(self)
        group.addButton(self.lead_button)
        group.addButton(self.coop_button)
        self.lead_button.toggled.connect(lambda on: self.set_role(Role.LEAD if on else Role.COOPERATING))
        self.count_label = QLabel()
        self.count_label.setStyleSheet("font-weight: bold;")
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #6c757d;")
        self.status_label.setToolTip("")
        top = QHBoxLayout()
        top.addWidget(self.as_of)
        top.addSpacing(16)
        top.addWidget(QLabel("Vai trò:"))
        top.addWidget(self.lead_button)
        top.addWidget(self.coop_button)
        top.addSpacing(16)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(self.status_label)
        self.export_button = QPushButton("Xuất Excel…")
        self.export_button.setToolTip(
            "Xuất bảng theo dõi theo cơ quan (chủ trì và phối hợp) ra Excel để in (Ctrl+E)"
        )
        self.export_button.clicked.connect(self.export_excel)
        top.addWidget(self.export_button)

        self.model: LinkTableModel[ScoreLine] = LinkTableModel(self._columns(), self)
        widths = (0, 62, *(66,) * len(CLASS_COLUMNS), 78, 78, 78)
        self.table = LinkTable(self.model, self._open_link, widths, stretch=0)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # names in Vietnamese order
        self.empty_hint = EmptyHint(self.table, self._empty_text)
        hint = QLabel(HINT)
        hint.setStyleSheet("color: #6c757d;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.listen_to_changes()

    # -- columns ---------------------------------------------------------------------------------
    def _score(self, line: ScoreLine) -> RoleScore:
        return line.role(self.role)

    def _columns(self) -> list[LinkColumn[ScoreLine]]:
        def number(
            title: str,
            tip: str,
            get: Callable[[RoleScore], int],
            measure: Measure,
            foreground: Callable[[ScoreLine], QColor | None] | None = None,
        ) -> LinkColumn[ScoreLine]:
            return LinkColumn(
                title,
                lambda line: str(get(self._score(line))),
                lambda line: get(self._score(line)),
                lambda line: self.link(line, measure, get(self._score(line))),
                header_tip=tip,
                foreground=foreground,
            )

        def overdue_red(line: ScoreLine) -> QColor | None:
            return OVERDUE_RED if self._score(line).counts[OfficialClass.OVERDUE] else None

        cols: list[LinkColumn[ScoreLine]] = [
            LinkColumn(
                "Cơ quan",
                lambda line: line.name + (" (nhóm)" if line.group_id is not None else ""),
                lambda line: self._name_ranks.get(line.name, 0),
                numeric=False,
                italic=lambda line: line.group_id is not None,
                tooltip=lambda line: f"{line.name}\n{GROUP_TIP}" if line.group_id is not None else line.name,
            ),
            number(
                "Được\ngiao",
                "Số nhiệm vụ được giao (ở vai trò đang xem), mọi trạng thái",
                lambda sc: sc.assigned,
                Measure.ASSIGNED,
            ),
        ]
        for title, tip, measure in CLASS_COLUMNS:
            get = partial(lambda k, sc: sc.counts[k], MEASURE_CLASS[measure])
            cols.append(number(title, tip, get, measure, overdue_red if measure is Measure.OVERDUE else None))
        cols += [
            LinkColumn(
                "Tỷ lệ\nđúng hạn",
                lambda line: percent(self._score(line).on_time_rate),
                lambda line: _rate_key(self._score(line).on_time_rate),
                lambda line: self.link(line, Measure.DONE, _done(self._score(line))),
                header_tip=ON_TIME_RATE_FORMULA,
                tooltip=lambda line: _on_time_tip(self._score(line)),
            ),
            LinkColumn(
                "Tỷ lệ\ncập nhật",
                lambda line: percent(self._score(line).update_rate),
                lambda line: _rate_key(self._score(line).update_rate),
                lambda line: self.link(line, Measure.PERIODIC, self._score(line).periodic_expected and 1),
                header_tip=UPDATE_RATE_FORMULA,
                tooltip=lambda line: _update_tip(self._score(line)),
            ),
            LinkColumn(
                "Quá hạn\nlâu nhất",
                lambda line: _days(self._score(line).longest_overdue_days),
                lambda line: _days_key(self._score(line).longest_overdue_days),
                lambda line: self.link(
                    line, Measure.LONGEST_OVERDUE, 1 if _longest(self._score(line)) else 0
                ),
                header_tip=LONGEST_OVERDUE_FORMULA,
                foreground=lambda line: OVERDUE_RED if _longest(self._score(line)) else None,
            ),
        ]
        return cols

    def link(self, line: ScoreLine, measure: Measure, count: int) -> Link | None:
        """The tasks behind a number of ``line`` in the role shown (as of the day shown)."""
        day = self.shown_as_of
        if day is None or not count:
            return None
        fu, role, a_id, g_id = self._ctx.followup, self.role, line.agency_id, line.group_id
        what = {
            Measure.ASSIGNED: "được giao",
            Measure.DONE: "đã hoàn thành",
            Measure.PERIODIC: "định kỳ",
            Measure.LONGEST_OVERDUE: "quá hạn lâu nhất",
        }.get(measure) or MEASURE_CLASS[measure].value
        text = f"{what} — {line.name} {ROLE_WORDS[role]}, tại {fmt_date(day)}"
        return Link(count, text, lambda: fu.cell_task_ids(day, measure, role, a_id, g_id))

    # -- loading ---------------------------------------------------------------------------------
    def day(self) -> date:
        return self.as_of.day()

    def export_excel(self) -> None:
        """Both roles as of the page's day, off the GUI thread (views.excel_export)."""
        as_of = self.day()
        export = excel_export.exporter(self._ctx.services)
        self.export_job = excel_export.run_export(
            self,
            "Xuất bảng theo dõi theo cơ quan ra Excel",
            "theo-doi-co-quan",
            as_of,
            "cơ quan, đơn vị",
            lambda path: export.scoreboard(path, as_of),
        )

    def set_as_of(self, day: date) -> None:
        self.as_of.set_day(day)

    def set_role(self, role: Role) -> None:
        if role is self.role:
            return
        self.role = role
        (self.lead_button if role is Role.LEAD else self.coop_button).setChecked(True)
        self._fill()

    def cares_about(self, changes: Changes) -> bool:
        return changes.touches(Subject.TASKS, Subject.REPORTS, Subject.AGENCIES, Subject.DIRECTIVES)

    def refresh(self) -> None:
        self._stale = False
        fu, day = self._ctx.followup, self.day()
        self.loads.start(lambda: (day, fu.scoreboard(day)), self._show, self._failed)

    def _day_changed(self, day: date) -> None:
        self.as_of_changed.emit(day)
        self.refresh()

    def _set_busy(self, busy: bool) -> None:
        self.status_label.setStyleSheet("color: #6c757d;")
        self.status_label.setToolTip("")
        self.status_label.setText(f"Đang tính số liệu tại {fmt_date(self.day())}…" if busy else "")
        self.table.setEnabled(not busy)  # numbers of another day must not be clicked meanwhile

    def _failed(self, exc: UserError) -> None:
        self.status_label.setStyleSheet("color: #a4161a;")
        self.status_label.setText(damage_notice.brief(exc))
        self.status_label.setToolTip(str(exc))

    def _show(self, result: tuple[date, list[ScoreLine]]) -> None:
        self.shown_as_of, self.lines = result
        self._name_ranks = ranks(line.name for line in self.lines)
        self._fill()

    def visible_lines(self) -> list[ScoreLine]:
        """The parties with some task in the role shown."""
        return [line for line in self.lines if line.role(self.role).assigned > 0]

    def _empty_text(self) -> str:
        if self.shown_as_of is None:
            return ""
        day = fmt_date(self.shown_as_of)
        return f"Chưa có cơ quan nào được giao {ROLE_WORDS[self.role]} nhiệm vụ (tính đến {day})."

    def _fill(self) -> None:
        shown = self.visible_lines()
        self.model.set_rows(shown)
        groups = sum(1 for line in shown if line.group_id is not None)
        text = f"{len(shown) - groups} cơ quan"
        if groups:
            text += f", {groups} nhóm"
        self.count_label.setText(f"{text} {ROLE_WORDS[self.role]} nhiệm vụ")

    def _open_link(self, link: Link) -> None:
        self.ids_loads.start(
            link.fetch,
            lambda ids: self.show_tasks.emit(link.selection(ids)),
            lambda exc: messages.show_error(self, str(exc)),
        )


def _done(score: RoleScore) -> int:
    return score.counts[OfficialClass.DONE_ON_TIME] + score.counts[OfficialClass.DONE_LATE]


def _longest(score: RoleScore) -> bool:
    return score.longest_overdue_days is not None and score.counts[OfficialClass.OVERDUE] > 0


def _days(days: int | None) -> str:
    return "" if days is None else str(days)


def _days_key(days: int | None) -> int:
    return -1 if days is None else days


def _rate_key(value: float | None) -> float:
    return -1.0 if value is None else value


def _on_time_tip(score: RoleScore) -> str:
    on_time, done = score.counts[OfficialClass.DONE_ON_TIME], _done(score)
    if not done:
        return "Chưa có nhiệm vụ nào hoàn thành: chưa có tỷ lệ."
    return f"{on_time} đúng hạn / {done} đã hoàn thành. Bấm để xem các nhiệm vụ đã hoàn thành."


def _update_tip(score: RoleScore) -> str:
    if not score.periodic_expected:
        return "Chưa có kỳ báo cáo định kỳ nào đến hạn: chưa có tỷ lệ."
    return (
        f"{score.periodic_on_time} kỳ nhận đúng hạn / {score.periodic_expected} kỳ phải nộp. "
        "Bấm để xem các nhiệm vụ định kỳ."
    )
