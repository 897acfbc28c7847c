from __future__ import annotations

from dataclasses import replace

import pytest

from models.deadlines import DeadlineKind
from models.six_clear import Clarity, TaskFacts, describe, missing

CLEAR = TaskFacts(
    content="Xây dựng Kế hoạch hoạt động năm 2026",
    lead_count=1,
    lead_is_group=False,
    deadline_kind=DeadlineKind.ONCE,
    product="Kế hoạch của Ban Chỉ đạo",
    directive_number="125/KH-BCĐ",
)


def test_fully_clear_task_misses_nothing() -> None:
    assert missing(CLEAR) == []
    assert describe([]) == ""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"lead_count": 0}, [Clarity.NGUOI, Clarity.TRACH_NHIEM]),
        ({"lead_count": 2}, [Clarity.TRACH_NHIEM]),
        ({"lead_is_group": True}, [Clarity.TRACH_NHIEM]),
        ({"content": "   "}, [Clarity.VIEC]),
        ({"deadline_kind": DeadlineKind.UNKNOWN}, [Clarity.THOI_GIAN]),
        ({"product": ""}, [Clarity.SAN_PHAM]),
        ({"directive_number": " "}, [Clarity.THAM_QUYEN]),
    ],
)
def test_each_gap(change: dict[str, object], expected: list[Clarity]) -> None:
    assert missing(replace(CLEAR, **change)) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kind",
    [DeadlineKind.ONCE, DeadlineKind.MILESTONES, DeadlineKind.RECURRING, DeadlineKind.CONTINUOUS],
)
def test_any_understood_deadline_is_clear_in_time(kind: DeadlineKind) -> None:
    assert Clarity.THOI_GIAN not in missing(replace(CLEAR, deadline_kind=kind))


def test_everything_missing_keeps_plan_order() -> None:
    empty = TaskFacts("", 0, False, DeadlineKind.UNKNOWN, "", "")
    assert missing(empty) == list(Clarity)


def test_describe_in_vietnamese() -> None:
    assert describe([Clarity.NGUOI, Clarity.SAN_PHAM]) == "Thiếu: rõ người, rõ sản phẩm"
    assert describe([Clarity.THAM_QUYEN]) == "Thiếu: rõ thẩm quyền"


def test_group_lead_from_the_fixture_is_not_responsible() -> None:
    facts = replace(CLEAR, lead_is_group=True)
    assert describe(missing(facts)) == "Thiếu: rõ trách nhiệm"
