"""«Tính đến ngày»: the day the follow-up pages count as of (today unless the user picks one)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from app.services.progress import HORIZON_DAYS
from views.labels import DATE_FORMAT, from_qdate, to_qdate

EARLIEST = QDate(2000, 1, 1)


class AsOfBar(QWidget):
    """Emits ``changed(date)`` when the day changes; the latest day is the one the cached
    progress can answer (``FollowupService.check_as_of``)."""

    changed = Signal(object)  # date

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.edit = QDateEdit(to_qdate(today))
        self.edit.setDisplayFormat(DATE_FORMAT)
        self.edit.setCalendarPopup(True)
        self.edit.setDateRange(EARLIEST, to_qdate(today + timedelta(days=HORIZON_DAYS - 1)))
        self.edit.setToolTip("Các con số được tính như vào cuối ngày này (mặc định: hôm nay)")
        self.today_button = QPushButton("Hôm nay")
        self.today_button.setAutoDefault(False)
        self.today_button.clicked.connect(lambda: self.set_day(self._today))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Tính đến ngày:")
        label.setBuddy(self.edit)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.today_button)
        self.edit.dateChanged.connect(lambda d: self.changed.emit(from_qdate(d)))

    def day(self) -> date:
        return from_qdate(self.edit.date())

    def set_day(self, day: date) -> None:
        """No signal when the day is already shown (two pages kept in step do not loop)."""
        if day != self.day():
            self.edit.setDate(to_qdate(day))
