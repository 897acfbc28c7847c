"""Is an indicator (chỉ tiêu) on track? Percent of target, trend, and the straight-line rule.

The rule (shown to users as ``TRACK_RULE``):

* The indicator is expected to move in a straight line from its **baseline** (hiện trạng) at
  the **start date** to its **target** (mục tiêu) at the **target date**.
* Start date: the directive's date when known, otherwise the first day of the earliest period
  a value was entered for.
* Target date: the last day of the target's period (a year written on the indicator, "đến năm
  2030", or the one year the plan is for, "Kế hoạch hoạt động năm 2026"; see
  ``app.services.indicators.target_period_of``).
* Expected value at the latest value's period end ``t``: ``baseline + (target − baseline) ×
  (t − start) ÷ (target date − start)``, with ``t`` held to the target date when later (after
  the deadline the whole target is expected).
* **Behind** (chậm tiến độ) when the latest value falls short of the expected value in the
  target's direction (below it for a rising target, above it for a falling one such as a rate
  to reduce); a value exactly on the line is on track.
* When a number is missing (no numeric baseline or target, no value, no target date, target
  date not after the start, baseline equal to target) or the latest period ends before the
  start, nothing is guessed: the state says so ("chưa đủ dữ liệu" / "chưa đến kỳ").

Percent of target: a rising target ``value ÷ target``; a falling one ``target ÷ value`` (100%
when reached either way). Trend: the latest value against the previous period's value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class TrackState(StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NOT_STARTED = "not_started"  # the latest value's period ends before the start date
    UNKNOWN = "unknown"  # the data do not allow the computation


class Trend(StrEnum):
    UP = "up"
    DOWN = "down"
    FLAT = "flat"
    UNKNOWN = "unknown"  # fewer than two values


TRACK_LABEL = {
    TrackState.ON_TRACK: "Đúng tiến độ",
    TrackState.BEHIND: "Chậm tiến độ",
    TrackState.NOT_STARTED: "Chưa đến kỳ",
    TrackState.UNKNOWN: "Chưa đủ dữ liệu",
}
TREND_ARROW = {Trend.UP: "↑", Trend.DOWN: "↓", Trend.FLAT: "→", Trend.UNKNOWN: ""}

TRACK_RULE = (
    "Đúng/chậm tiến độ: coi chỉ tiêu đi theo đường thẳng từ giá trị hiện trạng (tại ngày ban hành văn "
    "bản, nếu không có thì đầu kỳ có số liệu đầu tiên) đến giá trị mục tiêu (tại cuối năm của mục tiêu). "
    "Giá trị kỳ vọng tại cuối kỳ của số liệu gần nhất = hiện trạng + (mục tiêu − hiện trạng) × "
    "(số ngày đã qua ÷ tổng số ngày); quá hạn thì kỳ vọng bằng mục tiêu. Chậm tiến độ khi số liệu gần nhất "
    "chưa đạt giá trị kỳ vọng (thấp hơn nếu mục tiêu tăng, cao hơn nếu mục tiêu giảm). Thiếu hiện trạng, "
    "mục tiêu dạng số, năm mục tiêu hoặc số liệu thì ghi «chưa đủ dữ liệu», không ước đoán."
)

_EPS = 1e-9


@dataclass(frozen=True)
class IndicatorTrack:
    """What the indicator page shows beside the numbers; ``None`` where not computable."""

    state: TrackState
    percent_of_target: float | None = None
    trend: Trend = Trend.UNKNOWN
    expected: float | None = None
    reason: str = ""  # why the state is UNKNOWN / NOT_STARTED, in Vietnamese

    @property
    def label(self) -> str:
        return TRACK_LABEL[self.state]


def percent_of_target(value: float | None, baseline: float | None, target: float | None) -> float | None:
    """Rising (or direction unknown): value ÷ target; falling (target below baseline): target ÷ value."""
    if value is None or target is None:
        return None
    falling = baseline is not None and target < baseline
    if falling:
        return None if value <= 0 else target / value * 100
    return None if target == 0 else value / target * 100


def trend(latest: float | None, previous: float | None) -> Trend:
    if latest is None or previous is None:
        return Trend.UNKNOWN
    if math.isclose(latest, previous, rel_tol=_EPS, abs_tol=_EPS):
        return Trend.FLAT
    return Trend.UP if latest > previous else Trend.DOWN


def expected_value(baseline: float, target: float, start: date, deadline: date, at: date) -> float:
    """The straight line's value on ``at`` (held to the target after ``deadline``)."""
    at = min(at, deadline)
    share = (at - start).days / (deadline - start).days
    return baseline + (target - baseline) * share


def track(
    *,
    baseline: float | None,
    target: float | None,
    start: date | None,
    deadline: date | None,
    latest: float | None,
    latest_end: date | None,
    previous: float | None = None,
) -> IndicatorTrack:
    """The state of one indicator by the module's rule; every argument may be missing."""
    pct = percent_of_target(latest, baseline, target)
    tr = trend(latest, previous)

    def unknown(reason: str) -> IndicatorTrack:
        return IndicatorTrack(TrackState.UNKNOWN, pct, tr, None, reason)

    if latest is None or latest_end is None:
        return unknown("Chưa có số liệu.")
    if baseline is None:
        return unknown("Hiện trạng không phải là số.")
    if target is None:
        return unknown("Mục tiêu không phải là số.")
    if math.isclose(baseline, target, rel_tol=_EPS, abs_tol=_EPS):
        return unknown("Mục tiêu bằng hiện trạng: không có đường tiến độ.")
    if deadline is None:
        return unknown("Không rõ năm phải đạt mục tiêu.")
    if start is None:
        return unknown("Không rõ ngày bắt đầu (ngày văn bản).")
    if deadline <= start:
        return unknown("Hạn đạt mục tiêu không sau ngày bắt đầu.")
    if latest_end < start:
        return IndicatorTrack(
            TrackState.NOT_STARTED, pct, tr, None, "Kỳ của số liệu gần nhất kết thúc trước ngày bắt đầu."
        )
    exp = expected_value(baseline, target, start, deadline, latest_end)
    rising = target > baseline
    gap = latest - exp if rising else exp - latest
    behind = gap < -_EPS * max(1.0, abs(exp))
    return IndicatorTrack(TrackState.BEHIND if behind else TrackState.ON_TRACK, pct, tr, exp)
