"""«Tổng quan», the first page: as of a day (today by default), tasks by official class, the
overdue and due-soon lists, the same counts per directive, and two charts. Every number lists
its tasks in the task page when clicked (``show_tasks``).

All of it is computed off the GUI thread (views.page_jobs) by views.followup_load; the page
only lays it out, and recomputes when a change it cares about is broadcast.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.changes import Changes, Subject
from app.errors import UserError
from app.followup_dto import MEASURE_CLASS, DirectiveCounts, DueItem, Measure
from models.official import OfficialClass
from models.parties import Role
from views import damage_notice, messages
from views.as_of_bar import AsOfBar
from views.class_colors import CLASS_ORDER, class_colors, class_label
from views.combo_data import combo_data
from views.count_cards import CountCards, fmt_count
from views.empty_hint import EmptyHint
from views.followup_charts import AgencyStatusChart, BarRow, OverdueTrendChart
from views.followup_load import OverdueSeries, OverviewData, load_overview, overdue_series
from views.labels import fmt_date
from views.lazy_page import LazyPage
from views.link_table import LinkColumn, LinkTable, LinkTableModel
from views.needs import FollowupNeeds
from views.page_jobs import PageLoads
from views.task_selection import Link, TaskSelection
from views.vn_order import ranks

ALL_DIRECTIVES = "Tất cả văn bản"
NO_TASKS = (
    "Chưa có nhiệm vụ. Nhập phụ lục bằng Tệp → Nhập phụ lục Excel… (Ctrl+I) hoặc thêm ở trang «Nhiệm vụ»."
)
CLASS_OF_MEASURE = {klass: measure for measure, klass in MEASURE_CLASS.items()}
OVERDUE_RED = class_colors(OfficialClass.OVERDUE)[1]
DUE_WIDTHS = (62, 82, 96, 0, 150)
CHART_TITLE = "Trạng thái theo cơ quan chủ trì"


def _due_columns(days_title: str, days_tip: str) -> list[LinkColumn[DueItem]]:
    return [
        LinkColumn(days_title, lambda d: str(d.days), lambda d: d.days, header_tip=days_tip),
        LinkColumn(
            "Hạn",
            lambda d: fmt_date(d.due),
            lambda d: d.due.toordinal(),
            numeric=False,
            tooltip=lambda d: f"Thời hạn: {d.deadline_text}" if d.deadline_text else fmt_date(d.due),
        ),
        LinkColumn("Văn bản", lambda d: d.directive_number, lambda d: d.directive_number, numeric=False),
        LinkColumn(
            "Nội dung nhiệm vụ",
            lambda d: d.content,
            lambda d: d.content.casefold(),
            numeric=False,
            tooltip=lambda d: (
                f"{d.content}\nThời hạn: {d.deadline_text}\nBấm đúp để mở trong danh sách nhiệm vụ."
            ),
        ),
        LinkColumn("Chủ trì", lambda d: d.lead, lambda d: d.lead.casefold(), numeric=False),
    ]


class OverviewPage(LazyPage):
    show_tasks = Signal(object)  # TaskSelection
    as_of_changed = Signal(object)  # date

    def __init__(self, ctx: FollowupNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.data: OverviewData | None = None
        self._number_ranks: dict[str, int] = {}
        self.loads = PageLoads(self, self._set_busy)
        self.series_loads = PageLoads(self, lambda busy: self.trend_chart.set_busy(busy))
        self.series: OverdueSeries | None = None
        self.ids_loads = PageLoads(self)

        self.as_of = AsOfBar(ctx.services.today())
        self.as_of.changed.connect(self._day_changed)
        self.directive = QComboBox()
        self.directive.setMinimumWidth(200)
        self.directive.setMaximumWidth(320)
        self.directive.currentIndexChanged.connect(lambda _i: self.refresh())
        self.total_label = QLabel()
        self.total_label.setStyleSheet("font-weight: bold;")
        self.status_label = QLabel()
        self.status_label.setStyleSheet("color: #6c757d;")
        self.status_label.setToolTip("")
        top = QHBoxLayout()
        top.addWidget(self.as_of)
        top.addSpacing(16)
        top.addWidget(QLabel("Văn bản:"))
        top.addWidget(self.directive)
        top.addSpacing(16)
        top.addWidget(self.total_label)
        top.addStretch(1)
        top.addWidget(self.status_label)

        self.cards = CountCards()
        self.cards.clicked.connect(self._card_clicked)

        self.overdue_model: LinkTableModel[DueItem] = LinkTableModel(
            _due_columns("Quá\n(ngày)", "Số ngày từ hạn chưa đáp ứng sớm nhất đến ngày xem"), self
        )
        self.overdue_table = LinkTable(self.overdue_model, self._open_link, DUE_WIDTHS, 3)
        self.soon_model: LinkTableModel[DueItem] = LinkTableModel(
            _due_columns("Còn\n(ngày)", "Số ngày từ ngày xem đến hạn"), self
        )
        self.soon_table = LinkTable(self.soon_model, self._open_link, DUE_WIDTHS, 3)
        for table, model in ((self.overdue_table, self.overdue_model), (self.soon_table, self.soon_model)):
            table.doubleClicked.connect(partial(self._due_double_clicked, table, model))
            table.setToolTip("Bấm đúp một dòng để mở nhiệm vụ trong danh sách nhiệm vụ")
        self.directive_model: LinkTableModel[DirectiveCounts] = LinkTableModel(
            self._directive_columns(), self
        )
        self.directive_table = LinkTable(self.directive_model, self._open_link, (130,), None)
        self.hints = [
            EmptyHint(self.overdue_table, lambda: self._empty_text("Không có nhiệm vụ quá hạn tại {day}.")),
            EmptyHint(
                self.soon_table,
                lambda: self._empty_text("Không có nhiệm vụ nào đến hạn trong {soon} ngày kể từ {day}."),
            ),
            EmptyHint(self.directive_table, lambda: self._empty_text("")),
        ]
        self.tabs = QTabWidget()
        self.tabs.addTab(self.overdue_table, "Quá hạn")
        self.tabs.addTab(self.soon_table, "Sắp đến hạn")
        self.tabs.addTab(self.directive_table, "Theo văn bản")

        self.agency_chart = AgencyStatusChart()
        self.agency_chart.segment_clicked.connect(self._segment_clicked)
        self.trend_chart = OverdueTrendChart()
        self.trend_chart.bar_clicked.connect(self._month_clicked)
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.agency_chart)
        charts.addWidget(self.trend_chart)
        charts.setStretchFactor(0, 3)
        charts.setStretchFactor(1, 2)
        charts.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(charts)
        self.splitter.setSizes([620, 520])  # the lists' text needs the room more than the charts
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.cards)
        layout.addWidget(self.splitter, 1)
        self.reload_directives()
        self.listen_to_changes()

    # -- what is shown ------------------------------------------------------------------------
    def day(self) -> date:
        return self.as_of.day()

    def directive_id(self) -> int | None:
        d = combo_data(self.directive)
        return d if isinstance(d, int) and d else None

    def set_as_of(self, day: date) -> None:
        self.as_of.set_day(day)

    def reload_directives(self) -> None:
        keep = combo_data(self.directive)
        self.directive.blockSignals(True)
        try:
            self.directive.clear()
            self.directive.addItem(ALL_DIRECTIVES, 0)
            for d in self._ctx.directives.list_directives(with_counts=False):
                self.directive.addItem(d.number, d.id)
                self.directive.setItemData(self.directive.count() - 1, d.subject, Qt.ItemDataRole.ToolTipRole)
            n = self.directive.findData(keep) if isinstance(keep, int) else 0
            self.directive.setCurrentIndex(max(n, 0))
        except UserError as exc:
            messages.show_error(self, str(exc))
        finally:
            self.directive.blockSignals(False)

    def cares_about(self, changes: Changes) -> bool:
        if changes.directives:
            self.reload_directives()
        return changes.touches(
            Subject.TASKS, Subject.REPORTS, Subject.AGENCIES, Subject.DIRECTIVES, Subject.SETTINGS
        )

    def refresh(self) -> None:
        self._stale = False
        fu, day, directive_id = self._ctx.followup, self.day(), self.directive_id()
        settings = self._ctx.settings
        self.loads.start(
            lambda: load_overview(fu, day, directive_id, settings.soon_days()),
            self._show,
            self._failed,
        )
        self.series_loads.start(lambda: overdue_series(fu, day, directive_id), self._show_series)

    def _day_changed(self, day: date) -> None:
        self.as_of_changed.emit(day)
        self.refresh()

    def _set_busy(self, busy: bool) -> None:
        self.status_label.setText(f"Đang tính số liệu tại {fmt_date(self.day())}…" if busy else "")
        if busy:
            self.cards.set_counts(None)
        self.agency_chart.set_busy(busy)

    def _show_series(self, series: OverdueSeries) -> None:
        self.series = series
        self.trend_chart.set_points(series.points)

    def _failed(self, exc: UserError) -> None:
        self.status_label.setText(damage_notice.brief(exc))
        self.status_label.setToolTip(str(exc))
        self.status_label.setStyleSheet("color: #a4161a;")

    def _show(self, data: OverviewData) -> None:
        self.status_label.setStyleSheet("color: #6c757d;")
        self.status_label.setToolTip("")
        self.data = data
        counts = data.overview.totals.counts
        self.cards.set_counts(counts)
        self.total_label.setText(f"Tổng số: {fmt_count(data.overview.totals.total)} nhiệm vụ")
        self.directive_model.set_rows([])  # the hints below read ``data``: reset every table after it
        self.overdue_model.set_rows(data.overdue)
        self.soon_model.set_rows(data.due_soon)
        self._number_ranks = ranks(d.number for d in data.overview.directives)
        self.directive_model.set_rows(data.overview.directives)
        self.tabs.setTabText(0, f"Quá hạn ({len(data.overdue)})")
        self.tabs.setTabText(1, f"Đến hạn trong {data.soon_days} ngày ({len(data.due_soon)})")
        self.tabs.setTabText(2, f"Theo văn bản ({len(data.overview.directives)})")
        self.agency_chart.title = CHART_TITLE
        if data.leading > len(data.agencies):
            self.agency_chart.title += f" ({len(data.agencies)}/{data.leading} cơ quan nhiều việc nhất)"
        self.agency_chart.set_rows([BarRow(line.name, dict(line.lead.counts)) for line in data.agencies])

    def _empty_text(self, text: str) -> str:
        data = self.data
        if data is None:
            return ""
        if data.overview.totals.total == 0 and data.directive_id is None:
            return NO_TASKS
        return text.format(day=fmt_date(data.as_of), soon=data.soon_days)

    # -- numbers → tasks ------------------------------------------------------------------------
    def _where(self, data: OverviewData, directive_id: int | None = None, day: date | None = None) -> str:
        """ "tại 26/11/2026" (and the directive when the page is limited to one)."""
        d_id = directive_id if directive_id is not None else data.directive_id
        text = f"tại {fmt_date(day or data.as_of)}"
        if d_id is not None:
            number = next((d.number for d in data.overview.directives if d.directive_id == d_id), "")
            number = number or self.directive.itemText(max(self.directive.findData(d_id), 0))
            text += f", văn bản {number}"
        return text

    def class_link(self, klass: OfficialClass, directive_id: int | None = None) -> Link | None:
        """The link behind a card (``directive_id`` None: the page's directive choice)."""
        data = self.data
        if data is None:
            return None
        fu, day = self._ctx.followup, data.as_of
        d_id = directive_id if directive_id is not None else data.directive_id
        if directive_id is None:
            count = data.overview.totals.counts[klass]
        else:
            row = next((d for d in data.overview.directives if d.directive_id == directive_id), None)
            count = row.counts.counts[klass] if row else 0
        return Link(
            count, f"{klass.value} {self._where(data, d_id)}", lambda: fu.class_task_ids(day, klass, d_id)
        )

    def _card_clicked(self, klass: OfficialClass) -> None:
        link = self.class_link(klass)
        if link is not None and link.count:
            self._open_link(link)

    def _directive_total_link(self, row: DirectiveCounts) -> Link | None:
        data = self.data
        if data is None:
            return None
        fu, day, d_id = self._ctx.followup, data.as_of, row.directive_id

        def fetch() -> list[int]:
            return sorted(i for klass in OfficialClass for i in fu.class_task_ids(day, klass, d_id))

        return Link(
            row.counts.total, f"của văn bản {row.number} (mọi trạng thái, tại {fmt_date(day)})", fetch
        )

    def _directive_columns(self) -> list[LinkColumn[DirectiveCounts]]:
        cols: list[LinkColumn[DirectiveCounts]] = [
            LinkColumn(
                "Văn bản",
                lambda r: r.number,
                lambda r: self._number_ranks.get(r.number, 0),
                numeric=False,
            ),
            LinkColumn(
                "Tổng số", lambda r: str(r.counts.total), lambda r: r.counts.total, self._directive_total_link
            ),
        ]
        for klass in CLASS_ORDER:
            cols.append(
                LinkColumn(
                    class_label(klass).replace(" ", "\n", 1) if len(klass.value) > 12 else class_label(klass),
                    partial(lambda k, r: str(r.counts.counts[k]), klass),
                    partial(lambda k, r: r.counts.counts[k], klass),
                    partial(lambda k, r: self.class_link(k, r.directive_id), klass),
                    header_tip=class_label(klass),
                    foreground=(lambda r: OVERDUE_RED if r.counts.counts[OfficialClass.OVERDUE] else None)
                    if klass is OfficialClass.OVERDUE
                    else None,
                )
            )
        return cols

    def _due_double_clicked(
        self, table: LinkTable, model: LinkTableModel[DueItem], index: QModelIndex
    ) -> None:
        src = table.proxy.mapToSource(index)
        rows = model.rows()
        if not 0 <= src.row() < len(rows):
            return
        item = rows[src.row()]
        self.show_tasks.emit(TaskSelection((item.task_id,), f"1 nhiệm vụ: {item.content[:60]}"))

    def _segment_clicked(self, index: int, klass: OfficialClass) -> None:
        data = self.data
        if data is None or not 0 <= index < len(data.agencies):
            return
        line = data.agencies[index]
        fu, day = self._ctx.followup, data.as_of
        measure = CLASS_OF_MEASURE.get(klass, Measure.ASSIGNED)
        a_id, g_id = line.agency_id, line.group_id
        self._open_link(
            Link(
                line.lead.counts[klass],
                f"{klass.value} do {line.name} chủ trì, tại {fmt_date(day)}",
                lambda: fu.cell_task_ids(day, measure, Role.LEAD, a_id, g_id),
            )
        )

    def _month_clicked(self, index: int) -> None:
        data, series = self.data, self.series
        if data is None or series is None or not 0 <= index < len(series.points):
            return
        point = series.points[index]
        fu, d_id = self._ctx.followup, series.directive_id
        where = f"quá hạn {self._where(data, day=point.day)}"
        self._open_link(
            Link(point.overdue, where, lambda: fu.class_task_ids(point.day, OfficialClass.OVERDUE, d_id))
        )

    def _open_link(self, link: Link) -> None:
        """Fetch the ids off the GUI thread, then hand them to the task list."""
        if link.count <= 0:
            return
        self.ids_loads.start(
            link.fetch,
            lambda ids: self.show_tasks.emit(link.selection(ids)),
            lambda exc: messages.show_error(self, str(exc)),
        )
