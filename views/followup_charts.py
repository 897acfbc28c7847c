"""The overview's two charts, painted with QPainter (QtCharts is in PySide6-Addons, which the
program does not ship): status by lead agency as horizontal stacked bars, and the number of
overdue tasks at each month end of the last year.

Every bar answers a tooltip with its exact numbers and a click with the tasks behind it
(``segment_clicked`` / ``bar_clicked``); the data painted is kept on the widget (``rows``,
``points``) so a test can compare it with the service's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from models.official import OfficialClass
from views.class_colors import CLASS_ORDER, chart_color, class_label
from views.followup_load import MonthPoint

TEXT = QColor("#212529")
GRID = QColor("#dee2e6")
MUTED = QColor("#6c757d")
OVERDUE_BAR = chart_color(OfficialClass.OVERDUE)


@dataclass(frozen=True)
class BarRow:
    """One agency's bar: its name and its tasks (as lead) by class."""

    name: str
    counts: dict[OfficialClass, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def nice_step(top: int, ticks: int = 4) -> int:
    """A round gridline step (1, 2, 5 × 10ⁿ) giving about ``ticks`` lines up to ``top``."""
    if top <= ticks:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            return int(m * power)
    return int(10 * power)


class _Chart(QWidget):
    """Title, the empty and busy states, and hit rectangles for tooltips and clicks."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.busy = False
        self._hits: list[tuple[QRectF, object, str]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        raise NotImplementedError

    def _begin(self, painter: QPainter) -> QRectF:
        """Paints the background and title; returns the area left for the chart."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(GRID))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(TEXT)
        fm = QFontMetrics(bold)
        title_rect = QRectF(10, 6, self.width() - 20, fm.height())
        title = self.title + ("  (đang tính…)" if self.busy else "")
        title = fm.elidedText(title, Qt.TextElideMode.ElideRight, int(title_rect.width()))
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(self.font())
        return QRectF(
            10, title_rect.bottom() + 6, self.width() - 20, self.height() - title_rect.bottom() - 12
        )

    def _empty(self, painter: QPainter, area: QRectF, text: str) -> None:
        painter.setPen(MUTED)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, text)

    def _hit(self, pos: QPointF) -> tuple[object, str] | None:
        for rect, key, tip in self._hits:
            if rect.contains(pos):
                return key, tip
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            hit = self._hit(QPointF(event.pos()))
            if hit is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), hit[1], self)
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self._hit(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        hit = self._hit(event.position()) if event.button() == Qt.MouseButton.LeftButton else None
        if hit is not None:
            self._activated(hit[0])
        super().mouseReleaseEvent(event)

    def _activated(self, key: object) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def tooltip_at(self, pos: QPointF) -> str:
        """What the tooltip at ``pos`` says ("" for none); for tests."""
        hit = self._hit(pos)
        return hit[1] if hit else ""

    def hit_keys(self) -> list[tuple[QRectF, object]]:
        return [(rect, key) for rect, key, _tip in self._hits]


class AgencyStatusChart(_Chart):
    """Horizontal stacked bars, one per agency, segments by official class, the legend on top."""

    segment_clicked = Signal(int, object)  # row index, OfficialClass

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Trạng thái theo cơ quan chủ trì", parent)
        self.rows: list[BarRow] = []
        self.setMinimumHeight(220)

    def set_rows(self, rows: list[BarRow]) -> None:
        self.rows = rows
        self.busy = False
        self.update()

    def classes(self) -> list[OfficialClass]:
        """The classes some bar has, in reading order (the legend names only these)."""
        return [k for k in CLASS_ORDER if any(r.counts.get(k, 0) for r in self.rows)]

    def sizeHint(self) -> QSize:
        return QSize(520, 340)

    def _paint(self, painter: QPainter) -> None:
        self._hits = []
        area = self._begin(painter)
        if not self.rows:
            self._empty(painter, area, "Chưa có cơ quan nào được giao chủ trì nhiệm vụ.")
            return
        fm = QFontMetrics(self.font())
        # legend, wrapped over as many lines as it needs
        x, y = area.left(), area.top()
        box = fm.height() - 4
        for klass in self.classes():
            label = class_label(klass)
            w = box + 4 + fm.horizontalAdvance(label) + 14
            if x + w > area.right() and x > area.left():
                x, y = area.left(), y + fm.height() + 2
            painter.fillRect(QRectF(x, y + 2, box, box), chart_color(klass))
            painter.setPen(TEXT)
            painter.drawText(QPointF(x + box + 4, y + fm.ascent()), label)
            x += w
        top = y + fm.height() + 8
        bottom = area.bottom() - fm.height() - 4  # room for the scale
        n = len(self.rows)
        pitch = min(26.0, max(12.0, (bottom - top) / n))
        bar_h = max(8.0, pitch - 6)
        label_w = min(max(fm.horizontalAdvance(r.name) for r in self.rows) + 8, area.width() * 0.38)
        total_w = fm.horizontalAdvance("0000") + 6
        left, right = area.left() + label_w, area.right() - total_w
        biggest = max(r.total for r in self.rows) or 1
        step = nice_step(biggest)
        top_value = biggest  # the longest bar spans the width; gridlines stop below it
        scale = (right - left) / top_value
        # gridlines and their numbers
        rows_bottom = top + pitch * n
        for v in range(0, top_value + 1, step):
            gx = left + v * scale
            painter.setPen(QPen(GRID))
            painter.drawLine(QPointF(gx, top - 2), QPointF(gx, rows_bottom))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(gx - 30, rows_bottom + 2, 60, fm.height()), Qt.AlignmentFlag.AlignHCenter, str(v)
            )
        classes = self.classes()
        for i, row in enumerate(self.rows):
            y0 = top + i * pitch + (pitch - bar_h) / 2
            label_rect = QRectF(area.left(), top + i * pitch, label_w - 8, pitch)
            painter.setPen(TEXT)
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                fm.elidedText(row.name, Qt.TextElideMode.ElideRight, int(label_w - 8)),
            )
            breakdown = "\n".join(
                f"  {class_label(k)}: {row.counts.get(k, 0)}" for k in classes if row.counts.get(k, 0)
            )
            self._hits.append((label_rect, None, f"{row.name}\nChủ trì {row.total} nhiệm vụ:\n{breakdown}"))
            x = left
            for klass in classes:
                value = row.counts.get(klass, 0)
                if not value:
                    continue
                rect = QRectF(x, y0, value * scale, bar_h)
                painter.fillRect(rect, chart_color(klass))
                text = str(value)
                if fm.horizontalAdvance(text) + 4 <= rect.width():
                    painter.setPen(QColor("white"))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
                tip = (
                    f"{row.name}\n{class_label(klass)}: {value} / {row.total} nhiệm vụ chủ trì"
                    "\nBấm để xem các nhiệm vụ này."
                )
                self._hits.append((rect, (i, klass), tip))
                x += rect.width()
            painter.setPen(TEXT)
            painter.drawText(
                QRectF(x + 4, y0, total_w, bar_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(row.total),
            )

    def _activated(self, key: object) -> None:
        if isinstance(key, tuple):
            i, klass = key
            self.segment_clicked.emit(i, klass)


class OverdueTrendChart(_Chart):
    """Vertical bars: tasks overdue at each month end of the last year (the last: the as-of day)."""

    bar_clicked = Signal(int)  # index into ``points``

    def __init__(self, parent: QWidget | None = None) -> None:
        # the as-of month is not over: its bar is counted on the as-of day (followup_load.month_ends)
        super().__init__("Số nhiệm vụ quá hạn tại cuối mỗi tháng (tháng đang xem: tại ngày xem)", parent)
        self.points: list[MonthPoint] = []
        self.setMinimumHeight(170)

    def set_points(self, points: list[MonthPoint]) -> None:
        self.points = points
        self.busy = False
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 220)

    def _paint(self, painter: QPainter) -> None:
        self._hits = []
        area = self._begin(painter)
        if not self.points:
            self._empty(painter, area, "Chưa có dữ liệu.")
            return
        fm = QFontMetrics(self.font())
        biggest = max(p.overdue for p in self.points)
        step = nice_step(max(biggest, 1))
        top_value = max(biggest, 1)  # the highest bar reaches the top; gridlines stop below it
        axis_w = fm.horizontalAdvance(str(top_value)) + 8
        left, right = area.left() + axis_w, area.right()
        top, bottom = area.top() + fm.height() + 2, area.bottom() - fm.height() - 4
        scale = (bottom - top) / top_value
        for v in range(0, top_value + 1, step):
            gy = bottom - v * scale
            painter.setPen(QPen(GRID))
            painter.drawLine(QPointF(left, gy), QPointF(right, gy))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(area.left(), gy - fm.height() / 2, axis_w - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(v),
            )
        slot = (right - left) / len(self.points)
        bar_w = max(4.0, slot * 0.62)
        for i, point in enumerate(self.points):
            cx = left + slot * (i + 0.5)
            h = point.overdue * scale
            rect = QRectF(cx - bar_w / 2, bottom - h, bar_w, h)
            painter.fillRect(rect, OVERDUE_BAR)
            painter.setPen(TEXT)
            painter.drawText(
                QRectF(cx - slot / 2, bottom - h - fm.height() - 1, slot, fm.height()),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                str(point.overdue),
            )
            label = f"{point.day.month:02d}/{point.day.year % 100:02d}"
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(cx - slot / 2, bottom + 2, slot, fm.height()), Qt.AlignmentFlag.AlignHCenter, label
            )
            tip = f"Quá hạn tại {point.day:%d/%m/%Y}: {point.overdue} nhiệm vụ"
            if point.overdue:
                tip += "\nBấm để xem các nhiệm vụ này."
            hit = QRectF(cx - slot / 2, top, slot, bottom - top)  # the whole column, a bar of 0 too
            self._hits.append((hit, i, tip))

    def _activated(self, key: object) -> None:
        if isinstance(key, int):
            self.bar_clicked.emit(key)
