"""Lịch sử thay đổi (who changed what, filtered by person, day and directive) and Thùng rác
(what was deleted in the last 30 days, restorable)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.audit_dto import AuditRow, HistoryFilter, TrashRow
from app.changes import Changes
from app.errors import UserError
from models.audit_text import action_label, count_words, entity_label, field_label
from models.periods import period_label
from views import messages
from views.empty_hint import EmptyHint
from views.needs import HistoryNeeds, TrashNeeds
from views.operations import runner
from views.rows_model import Column
from views.rows_page import RowsPage


def what_text(r: AuditRow) -> str:
    """«Văn bản #3», «Nhiệm vụ #12»: the record the entry is about."""
    return f"{entity_label(r.entity)} #{r.entity_id}" if r.entity_id is not None else entity_label(r.entity)


def _shown(r: AuditRow, value: str | None) -> str | None:
    """A period is stored as its code («2026-Q3»); a person reads «Quý 3/2026»."""
    if value and (r.field == "period" or (not r.field and r.entity == "indicator_value")):
        return period_label(value)
    return value


def change_text(r: AuditRow) -> str:
    """«Trích yếu: (trống) → Chuyển đổi số» for an edit; the record's name otherwise."""
    old, new = _shown(r, r.old_value), _shown(r, r.new_value)
    if r.field:
        return f"{field_label(r.field)}: {old or '(trống)'} → {new or '(trống)'}"
    if r.action == "import":
        return f"{new} dòng"
    if r.action == "delete":
        return f"{old or ''}" + (f" → {new}" if new else "")
    return new or old or ""


HISTORY_COLUMNS: tuple[Column[AuditRow], ...] = (
    Column("Thời điểm", lambda r: r.at.strftime("%d/%m/%Y %H:%M"), sort_key=lambda r: (r.at, r.id)),
    Column("Người thực hiện", lambda r: r.actor),
    Column("Thao tác", lambda r: action_label(r.action)),
    Column("Đối tượng", what_text),
    Column("Thay đổi", change_text, tooltip=change_text),
)


class HistoryPage(RowsPage[AuditRow]):
    """Every change, newest first; the filters narrow it by person, day and directive."""

    select_first = False

    def __init__(self, ctx: HistoryNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.init_table(HISTORY_COLUMNS, (125, 150, 110, 140, 0), stretch=len(HISTORY_COLUMNS) - 1)
        self.empty_hint = EmptyHint(self.table, lambda: HISTORY_EMPTY)
        self.actor_combo = QComboBox()
        self.directive_combo = QComboBox()
        self.directive_combo.setMinimumWidth(160)
        self.since_edit = QDateEdit()
        self.until_edit = QDateEdit()
        for edit in (self.since_edit, self.until_edit):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
            edit.setMinimumDate(QDate(2000, 1, 1))
        self.since_edit.setSpecialValueText("từ đầu")  # the minimum date means "no lower bound"
        self.since_edit.setDate(self.since_edit.minimumDate())
        # the trail is stamped by the clock, not by the program's "today"
        self.until_edit.setDate(QDate.currentDate())
        for combo in (self.actor_combo, self.directive_combo):
            combo.currentIndexChanged.connect(lambda *_: self.refresh())
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(lambda *_: self.refresh())
        filters = QHBoxLayout()
        for label, widget in (
            ("Người:", self.actor_combo),
            ("Văn bản:", self.directive_combo),
            ("Từ ngày:", self.since_edit),
            ("Đến ngày:", self.until_edit),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self._filling = False

    def cares_about(self, changes: Changes) -> bool:
        return not changes.empty  # every change writes the trail

    def _fill_combos(self) -> None:
        self._filling = True
        try:
            for combo, items in (
                (self.actor_combo, [(a, a) for a in self._ctx.history.actors()]),
                (
                    self.directive_combo,
                    [(d.number, d.id) for d in self._ctx.directives.list_directives(with_counts=False)],
                ),
            ):
                keep = combo.currentData()
                combo.clear()
                combo.addItem("(tất cả)", None)
                for text, data in items:
                    combo.addItem(text, data)
                at = combo.findData(keep)
                combo.setCurrentIndex(max(at, 0))
        finally:
            self._filling = False

    def refresh(self, keep: int | None = None) -> None:
        if self._filling:
            return
        self._fill_combos()
        super().refresh(keep)

    def current_filter(self) -> HistoryFilter:
        since = self.since_edit.date()
        return HistoryFilter(
            actor=self.actor_combo.currentData(),
            directive_id=self.directive_combo.currentData(),
            since=None if since == self.since_edit.minimumDate() else since.toPython(),  # type: ignore[arg-type]
            until=self.until_edit.date().toPython(),  # type: ignore[arg-type]
        )

    def load_rows(self) -> list[AuditRow]:
        return self._ctx.history.entries(self.current_filter())

    def count_text(self, count: int) -> str:
        return f"{count} thay đổi"


def trash_with(r: TrashRow) -> str:
    return count_words(r.counts)


TRASH_COLUMNS: tuple[Column[TrashRow], ...] = (
    Column("Mã", lambda r: str(r.id), numeric=True),
    Column("Đã xóa lúc", lambda r: f"{r.deleted_at:%d/%m/%Y %H:%M}", sort_key=lambda r: (r.deleted_at, r.id)),
    Column("Người xóa", lambda r: r.actor),
    Column("Giữ đến", lambda r: r.expires_on.strftime("%d/%m/%Y"), sort_key=lambda r: r.expires_on),
    Column("Bản ghi đã xóa", lambda r: r.label, tooltip=lambda r: r.label),
    # the long one («61 nhiệm vụ, 75 báo cáo, 19 tệp minh chứng, …») takes the spare width
    Column("Kèm theo", trash_with, tooltip=trash_with),
)
TRASH_EMPTY = (
    "Thùng rác trống. Văn bản, nhiệm vụ, báo cáo… bị xóa được giữ ở đây 30 ngày và khôi phục được "
    "cùng mọi thứ đi kèm."
)
HISTORY_EMPTY = "Không có thay đổi nào khớp bộ lọc (người, văn bản, khoảng ngày)."


class TrashPage(RowsPage[TrashRow]):
    """Deleted records kept 30 days; «Khôi phục» puts one back with everything that went with it."""

    def __init__(self, ctx: TrashNeeds, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.init_table(TRASH_COLUMNS, (50, 125, 150, 90, 260, 0), stretch=len(TRASH_COLUMNS) - 1)
        self.empty_hint = EmptyHint(self.table, lambda: TRASH_EMPTY)
        self.restore_button = QPushButton("Khôi phục")
        self.restore_button.clicked.connect(self.restore_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(QLabel("Những gì đã xóa được giữ 30 ngày rồi tự xóa hẳn."))
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def cares_about(self, changes: Changes) -> bool:
        return not changes.empty

    def load_rows(self) -> list[TrashRow]:
        return self._ctx.trash.list_entries()

    def count_text(self, count: int) -> str:
        return f"{count} mục trong thùng rác"

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.current_id() is not None)

    def restore_selected(self) -> None:
        row = self.current_row()
        if row is None:
            return
        with_ = trash_with(row)
        question = f"Khôi phục «{row.label}»" + (f" cùng {with_}" if with_ else "") + "?"
        if not messages.confirm(self, question, "Khôi phục", "Hủy"):
            return
        try:
            runner().run_modal(self, partial(self._ctx.trash.restore, row.id))
        except UserError as exc:
            messages.show_error(self, str(exc))
