"""The straight-line rule of models.indicator_track, on hand-computed cases."""

from __future__ import annotations

from datetime import date

import pytest

from models.indicator_track import (
    TrackState,
    Trend,
    expected_value,
    percent_of_target,
    track,
    trend,
)

START, END = date(2026, 1, 1), date(2027, 1, 1)  # 365 days
MID = date(2026, 7, 2)  # day 182 of 365


def run(**kw: object) -> object:
    args = dict(baseline=50.0, target=80.0, start=START, deadline=END, latest=None, latest_end=MID)
    args.update(kw)
    return track(**args)  # type: ignore[arg-type]


def test_expected_value_is_linear_and_held_after_the_deadline() -> None:
    assert expected_value(50, 80, START, END, START) == 50
    assert expected_value(50, 80, START, END, END) == 80
    assert expected_value(50, 80, START, END, MID) == pytest.approx(50 + 30 * 182 / 365)
    assert expected_value(50, 80, START, END, date(2030, 1, 1)) == 80


def test_rising_target_behind_and_on_track() -> None:
    exp = 50 + 30 * 182 / 365  # 64.96
    behind = run(latest=60.0)
    assert behind.state is TrackState.BEHIND and behind.expected == pytest.approx(exp)
    assert run(latest=70.0).state is TrackState.ON_TRACK


def test_falling_target_is_behind_when_above_the_line() -> None:
    # a rate to reduce: 20% -> 10%; half way the line is at ~15.01
    exp = 20 - 10 * 182 / 365
    assert run(baseline=20.0, target=10.0, latest=16.0).state is TrackState.BEHIND
    on = run(baseline=20.0, target=10.0, latest=14.0)
    assert on.state is TrackState.ON_TRACK and on.expected == pytest.approx(exp)
    # percent of a falling target: target ÷ value
    assert on.percent_of_target == pytest.approx(10 / 14 * 100)


def test_value_exactly_on_the_line_is_on_track() -> None:
    exp = expected_value(50, 80, START, END, MID)
    assert run(latest=exp).state is TrackState.ON_TRACK
    assert run(baseline=20.0, target=10.0, latest=expected_value(20, 10, START, END, MID)).state is (
        TrackState.ON_TRACK
    )
    assert run(latest=exp - 0.01).state is TrackState.BEHIND


def test_no_baseline_no_target_no_value_no_deadline_say_so() -> None:
    for kw in (
        {"baseline": None, "latest": 70.0},
        {"target": None, "latest": 70.0},
        {"latest": None},
        {"deadline": None, "latest": 70.0},
        {"start": None, "latest": 70.0},
        {"deadline": START, "latest": 70.0},
        {"target": 50.0, "latest": 70.0},
    ):
        t = run(**kw)
        assert t.state is TrackState.UNKNOWN and t.expected is None and t.reason, kw
        assert t.label == "Chưa đủ dữ liệu"


def test_no_baseline_still_gives_percent_of_target() -> None:
    t = run(baseline=None, latest=40.0)
    assert t.state is TrackState.UNKNOWN and t.percent_of_target == pytest.approx(50)


def test_before_start_is_not_judged() -> None:
    t = run(latest=10.0, latest_end=date(2025, 12, 31))
    assert t.state is TrackState.NOT_STARTED and t.expected is None
    # the start day itself is judged against the baseline
    assert run(latest=50.0, latest_end=START).state is TrackState.ON_TRACK
    assert run(latest=49.0, latest_end=START).state is TrackState.BEHIND


def test_after_the_deadline_the_whole_target_is_expected() -> None:
    late = date(2028, 12, 31)
    assert run(latest=79.0, latest_end=late).state is TrackState.BEHIND
    t = run(latest=80.0, latest_end=late)
    assert t.state is TrackState.ON_TRACK and t.expected == 80 and t.percent_of_target == 100


def test_trend_arrows() -> None:
    assert trend(5, 4) is Trend.UP
    assert trend(4, 5) is Trend.DOWN
    assert trend(5, 5.0) is Trend.FLAT
    assert trend(5, None) is Trend.UNKNOWN and trend(None, 5) is Trend.UNKNOWN
    assert run(latest=70.0, previous=65.0).trend is Trend.UP


def test_percent_of_target_edges() -> None:
    assert percent_of_target(71.5, 52.4, 80) == pytest.approx(71.5 / 80 * 100)
    assert percent_of_target(None, 1, 2) is None
    assert percent_of_target(3, 1, None) is None
    assert percent_of_target(3, None, 0) is None  # a zero rising target has no percent
    assert percent_of_target(0, 20, 10) is None  # a falling target reached zero value: no division
