"""Indicators on track on the demo database: the rule applied to stored values, and the history."""

from __future__ import annotations

from datetime import date

import pytest

from app.context import AppContext
from app.dto import IndicatorInput
from app.services.indicators import target_year_of
from models.indicator_track import TrackState, Trend, expected_value


def test_target_year_is_read_from_the_indicator_or_the_plan_never_guessed() -> None:
    assert target_year_of("Tỷ lệ X đến năm 2030", "Hoạt động năm 2026") == 2030
    assert target_year_of("Tỷ lệ X", "Hoạt động năm 2026 của Ban Chỉ đạo") == 2026
    assert target_year_of("Tỷ lệ X", "Về đột phá phát triển khoa học") is None
    assert target_year_of("Tỷ lệ X", "Kế hoạch năm 2025 và năm 2026") is None


def test_demo_indicator_behind_the_line_with_history(demo_ctx: AppContext) -> None:
    svc = demo_ctx.indicators
    rows = svc.list_indicators()
    first = next(r for r in rows if r.latest_period == "2026-Q3" and r.latest_value == 71.5)
    # 125/KH-BCĐ of 10/04/2026, plan for 2026: 52,4 -> 80 by 31/12/2026; Q3 ends 30/09/2026
    exp = expected_value(52.4, 80, date(2026, 4, 10), date(2026, 12, 31), date(2026, 9, 30))
    assert first.target_period == "2026"
    assert first.track.expected == pytest.approx(exp)
    assert first.track.state is (TrackState.ON_TRACK if exp <= 71.5 else TrackState.BEHIND)
    assert first.track.percent_of_target == pytest.approx(71.5 / 80 * 100)
    assert first.track.trend is Trend.UNKNOWN  # one value only

    svc.record_value(first.id, "Quý 2/2026", 60.0, date(2026, 7, 5))
    again = next(r for r in svc.list_indicators() if r.id == first.id)
    assert again.track.trend is Trend.UP
    history = svc.value_history(first.id)
    assert [(h.period, h.value, h.reported_on) for h in history] == [
        ("2026-Q3", 71.5, None),
        ("2026-Q2", 60.0, date(2026, 7, 5)),
    ]


def test_rank_targets_and_missing_values_are_not_judged(demo_ctx: AppContext) -> None:
    rows = demo_ctx.indicators.list_indicators()
    rank = next(r for r in rows if r.target == "Tốp 15")
    assert rank.track.state is TrackState.UNKNOWN
    empty = next(r for r in rows if r.latest_value is None)
    assert empty.track.state is TrackState.UNKNOWN and empty.track.label == "Chưa đủ dữ liệu"


def test_falling_target_behind_when_above_the_line(ctx: AppContext) -> None:
    i_id = ctx.indicators.save(
        IndicatorInput(name="Tỷ lệ hồ sơ trễ hạn đến năm 2027", unit="%", baseline="20", target="10")
    ).value
    # no directive: the line starts at the first value's period (01/01/2026)
    ctx.indicators.record_value(i_id, "2026-Q1", 19.0)
    ctx.indicators.record_value(i_id, "2026-Q4", 18.0)
    row = next(r for r in ctx.indicators.list_indicators() if r.id == i_id)
    exp = expected_value(20, 10, date(2026, 1, 1), date(2027, 12, 31), date(2026, 12, 31))
    assert row.track.expected == pytest.approx(exp) and exp < 18.0
    assert row.track.state is TrackState.BEHIND and row.track.trend is Trend.DOWN
