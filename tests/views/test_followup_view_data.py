"""What the follow-up charts cover (month ends, top agencies, gridline steps), the Vietnamese name
order of the follow-up tables, and the task list's «these task ids» filter."""

from __future__ import annotations

from datetime import date

from app.context import AppContext
from app.dto import TaskFilter
from app.followup_dto import RoleScore, ScoreLine
from models.official import OfficialClass
from views.followup_charts import nice_step
from views.followup_load import month_ends, top_agencies
from views.vn_order import ranks, vn_sorted


def test_month_ends_cover_a_year_ending_on_the_day() -> None:
    days = month_ends(date(2026, 11, 24))
    assert len(days) == 12
    assert days[0] == date(2025, 12, 31) and days[1] == date(2026, 1, 31) and days[2] == date(2026, 2, 28)
    assert days[-2] == date(2026, 10, 31) and days[-1] == date(2026, 11, 24)
    assert month_ends(date(2024, 3, 31), 2) == [date(2024, 2, 29), date(2024, 3, 31)]  # leap year
    assert month_ends(date(2026, 1, 1), 3) == [date(2025, 11, 30), date(2025, 12, 31), date(2026, 1, 1)]


def _line(name: str, assigned: int, overdue: int = 0) -> ScoreLine:
    counts = dict.fromkeys(OfficialClass, 0)
    counts[OfficialClass.OVERDUE] = overdue
    counts[OfficialClass.IN_PROGRESS] = assigned - overdue
    return ScoreLine(name, 1, None, RoleScore(assigned, counts), RoleScore())


def test_top_agencies_lead_the_most_ties_by_overdue_then_given_order() -> None:
    lines = [_line("A", 3), _line("B", 5, 1), _line("C", 0), _line("D", 3, 2), _line("E", 1)]
    assert [x.name for x in top_agencies(lines, 3)] == ["B", "D", "A"]
    assert [x.name for x in top_agencies(lines)] == ["B", "D", "A", "E"]  # C leads nothing


def test_nice_steps() -> None:
    assert [nice_step(n) for n in (1, 4, 5, 9, 20, 37, 120, 1900)] == [1, 1, 2, 5, 5, 10, 50, 500]


def test_names_in_vietnamese_order() -> None:
    names = ["Sở Y tế", "Đảng ủy", "Công an tỉnh", "Ủy ban Kiểm tra", "Văn phòng", "UBND các xã", "Ăn", "Bà"]
    assert vn_sorted(names) == [
        "Ăn",
        "Bà",
        "Công an tỉnh",
        "Đảng ủy",
        "Sở Y tế",
        "UBND các xã",
        "Ủy ban Kiểm tra",
        "Văn phòng",
    ]
    assert ranks(["b", "a", "b"]) == {"a": 0, "b": 1}


def test_task_filter_ids_lists_exactly_those_tasks(demo_ctx: AppContext) -> None:
    tasks = demo_ctx.tasks
    all_ids = [r.id for r in tasks.page(TaskFilter(), 0, 1000)]
    some = tuple(all_ids[::3])
    assert tasks.count(TaskFilter(ids=some)) == len(some)
    assert {r.id for r in tasks.page(TaskFilter(ids=some), 0, 1000)} == set(some)
    assert tasks.count(TaskFilter(ids=())) == 0  # an empty selection is empty, not "all"
    # more ids than SQLite takes as parameters: one JSON parameter
    many = (*some, *range(10**6, 10**6 + 40_000))
    assert tasks.count(TaskFilter(ids=many)) == len(some)
    # and the other filters narrow it further
    first = tasks.page(TaskFilter(ids=some), 0, 1)[0]
    narrowed = TaskFilter(ids=some, directive_id=first.directive_id)
    assert {r.id for r in tasks.page(narrowed, 0, 1000)} == {
        i for i in some if tasks.rows([i])[0].directive_id == first.directive_id
    }


def test_every_class_has_its_own_bar_colour() -> None:
    from views.class_colors import chart_color

    colours = {chart_color(k).name() for k in OfficialClass}
    assert len(colours) == len(OfficialClass)


def test_bar_colours_are_far_enough_apart_to_tell() -> None:
    """Not just different codes: two bars side by side must look different (paused was once the
    in-progress grey give or take 15 per channel)."""
    from itertools import combinations

    from views.class_colors import chart_color

    for a, b in combinations(OfficialClass, 2):
        ca, cb = chart_color(a), chart_color(b)
        distance = abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(ca.blue() - cb.blue())
        assert distance >= 60, (a, b, ca.name(), cb.name())
