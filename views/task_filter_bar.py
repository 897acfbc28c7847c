"""The row of filters above the task list; emits a TaskFilter whenever one of them changes."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.dto import TaskFilter
from models.parties import Role
from models.status import Status
from views.combo_data import combo_data
from views.fold_completer import FoldCompleter, pick_from_combo
from views.labels import (
    DATE_FORMAT,
    ROLE_LABELS,
    STATUS_ORDER,
    capitalize,
    from_qdate,
    status_label,
    to_qdate,
)
from views.needs import FilterBarNeeds

SEARCH_DELAY_MS = 250
ALL_DIRECTIVES = "Tất cả văn bản"
ALL_AGENCIES = "Tất cả cơ quan"
# The combos' items in order; the filter reads the enum at the current index.
ROLES: tuple[tuple[str, Role | None], ...] = (
    ("Chủ trì hoặc phối hợp", None),
    (ROLE_LABELS[Role.LEAD], Role.LEAD),
    (ROLE_LABELS[Role.COOPERATING], Role.COOPERATING),
)
STATUSES: tuple[tuple[str, Status | None], ...] = (
    ("Tất cả trạng thái", None),
    *((capitalize(status_label(st)), st) for st in STATUS_ORDER),
)


class TaskFilterBar(QWidget):
    filter_changed = Signal(object)  # TaskFilter

    def __init__(self, ctx: FilterBarNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._agency_names: dict[int, str] = {}
        self._last: TaskFilter = TaskFilter()

        self.directive = QComboBox()
        self.directive.setMinimumWidth(220)
        self.directive.setMaximumWidth(360)
        self.agency = QComboBox()
        self.agency.setMinimumWidth(280)
        self._completer = FoldCompleter(self.agency)
        # Enter picks the highlighted suggestion or the one agency the text names; never the
        # combo's "first row" (views.fold_completer.pick_from_combo)
        self._agency_line = pick_from_combo(self.agency, self._completer)
        self.role = QComboBox()
        for label, _role in ROLES:
            self.role.addItem(label)
        self.status = QComboBox()
        for label, _status in STATUSES:
            self.status.addItem(label)
        self.use_dates = QCheckBox("Hạn từ")
        today = to_qdate(ctx.services.today())
        self.due_from = QDateEdit(today)
        self.due_to = QDateEdit(today.addDays(30))
        for edit in (self.due_from, self.due_to):
            edit.setDisplayFormat(DATE_FORMAT)
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm kiếm (không cần gõ dấu)…")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("font-weight: bold;")

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.emit_filter)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("Văn bản:"), 0, 0)
        grid.addWidget(self.directive, 0, 1)
        grid.addWidget(QLabel("Cơ quan:"), 0, 2)
        grid.addWidget(self.agency, 0, 3)
        grid.addWidget(self.role, 0, 4)
        grid.addWidget(QLabel("Trạng thái:"), 0, 5)
        grid.addWidget(self.status, 0, 6)
        grid.addWidget(self.use_dates, 1, 0)
        grid.addWidget(self.due_from, 1, 1)
        grid.addWidget(QLabel("đến"), 1, 2)
        grid.addWidget(self.due_to, 1, 3)
        grid.addWidget(self.search, 1, 4, 1, 3)
        grid.addWidget(self.count_label, 0, 7, 2, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(8, 1)

        self.reload_choices()
        self.directive.currentIndexChanged.connect(self.emit_filter)
        self.agency.currentIndexChanged.connect(self.emit_filter)
        self._agency_line.setPlaceholderText("Gõ tên cơ quan…")
        self._agency_line.entered.connect(self._agency_typed)
        self._agency_line.editingFinished.connect(self._agency_typed)  # on leaving the box
        self._completer.chosen.connect(self._agency_named)  # a suggestion clicked
        self.role.currentIndexChanged.connect(self.emit_filter)
        self.status.currentIndexChanged.connect(self.emit_filter)
        self.use_dates.toggled.connect(self._dates_toggled)
        self.due_from.dateChanged.connect(self._dates_changed)
        self.due_to.dateChanged.connect(self._dates_changed)
        self.search.textChanged.connect(lambda _text: self._debounce.start())

    # -- choices ---------------------------------------------------------------------------
    def reload_choices(self) -> None:
        """Refill the directive and agency lists, keeping what was selected; if the selected one
        is gone (deleted), the filter falls back to "all" in the list too, not only in the combo."""
        keep_d, keep_a = combo_data(self.directive), combo_data(self.agency)
        for combo in (self.directive, self.agency):
            combo.blockSignals(True)
        self.directive.clear()
        self.directive.addItem(ALL_DIRECTIVES, 0)
        for d in self._ctx.directives.list_directives(with_counts=False):
            self.directive.addItem(d.number, d.id)
            self.directive.setItemData(self.directive.count() - 1, d.subject, Qt.ItemDataRole.ToolTipRole)
        agencies = self._ctx.agencies.list_agencies(with_counts=False)
        self._agency_names = {a.id: a.name for a in agencies}
        self.agency.clear()
        self.agency.addItem(ALL_AGENCIES, 0)
        for a in agencies:
            self.agency.addItem(a.name, a.id)
        self._completer.set_entries(
            [(ALL_AGENCIES, [])] + [(a.name, [a.short_name, *a.aliases]) for a in agencies]
        )
        lost = False
        for combo, keep in ((self.directive, keep_d), (self.agency, keep_a)):
            n = combo.findData(keep) if isinstance(keep, int) else 0
            lost = lost or n < 0
            combo.setCurrentIndex(max(n, 0))
            combo.blockSignals(False)
        if lost:
            self.emit_filter()

    def clear_filters(self) -> None:
        """Every filter back to "all", with one ``filter_changed`` at the end."""
        widgets = (self.directive, self.agency, self.role, self.status, self.use_dates, self.search)
        for w in widgets:
            w.blockSignals(True)
        try:
            for combo in (self.directive, self.agency, self.role, self.status):
                combo.setCurrentIndex(0)
            self.use_dates.setChecked(False)
            self.due_from.setEnabled(False)
            self.due_to.setEnabled(False)
            self.search.clear()
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.emit_filter()

    def set_directive(self, directive_id: int | None) -> None:
        n = self.directive.findData(directive_id or 0)
        self.directive.setCurrentIndex(max(n, 0))

    def set_agency(self, agency_id: int | None) -> None:
        n = self.agency.findData(agency_id or 0)
        self.agency.setCurrentIndex(max(n, 0))

    def set_status(self, status: Status | None) -> None:
        n = next((i for i, (_label, st) in enumerate(STATUSES) if st is status), 0)
        self.status.setCurrentIndex(n)

    def _agency_typed(self) -> None:
        """Enter or leaving the box: the highlighted suggestion, else the agency the text names
        (or the only suggestion it matches); empty text means all agencies. Text that names no
        one agency changes nothing, and the box shows again the agency the list is filtered by,
        so it never reads as a filter that is not applied."""
        name = self._completer.highlighted_name()
        if name is None:
            text = self.agency.currentText().strip()
            if not text:
                self.agency.setCurrentIndex(0)
                return
            matches = [text] if self.agency.findText(text) >= 0 else self._completer.matches(text)
            name = matches[0] if len(matches) == 1 else None
        self._completer.hide_popup()
        self._agency_named(name or "")

    def _agency_named(self, name: str) -> None:
        n = self.agency.findText(name) if name else -1
        if n >= 0 and n != self.agency.currentIndex():
            self.agency.setCurrentIndex(n)
        self.agency.setEditText(self.agency.itemText(max(self.agency.currentIndex(), 0)))

    def _dates_toggled(self, on: bool) -> None:
        self.due_from.setEnabled(on)
        self.due_to.setEnabled(on)
        self.emit_filter()

    def _dates_changed(self) -> None:
        if self.use_dates.isChecked():
            self.emit_filter()

    # -- the filter ------------------------------------------------------------------------
    def current_filter(self) -> TaskFilter:
        d_id, a_id = combo_data(self.directive), combo_data(self.agency)
        role = ROLES[self.role.currentIndex()][1] if self.role.currentIndex() >= 0 else None
        status = STATUSES[self.status.currentIndex()][1] if self.status.currentIndex() >= 0 else None
        due_from = due_to = None
        if self.use_dates.isChecked():
            due_from, due_to = from_qdate(self.due_from.date()), from_qdate(self.due_to.date())
            if due_to < due_from:
                due_from, due_to = due_to, due_from
        return TaskFilter(
            directive_id=d_id if isinstance(d_id, int) and d_id else None,
            agency_id=a_id if isinstance(a_id, int) and a_id else None,
            agency_role=role,
            statuses=(status,) if status is not None else (),
            due_from=due_from,
            due_to=due_to,
            search=self.search.text().strip(),
        )

    def emit_filter(self) -> None:
        self._debounce.stop()
        flt = self.current_filter()
        self._last = flt
        self.filter_changed.emit(flt)

    def show_count(self, n: int) -> None:
        self.count_label.setText(f"{n} nhiệm vụ")
