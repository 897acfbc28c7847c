"""The pure edits of the review screen: merge, split, delete, resolving names, citations' dates."""

from __future__ import annotations

from datetime import date

from app.directive_text.review import (
    Named,
    ReferenceChoice,
    ReviewTask,
    bare_directive,
    cited_on,
    delete,
    merge,
    resolve_name,
    split,
    split_group,
    task_inputs,
    unresolved_names,
)
from app.dto import PartyRef
from models.directive_text.references import find_references

KHCN = PartyRef("Sở Khoa học và Công nghệ", agency_id=1)
CA = PartyRef("Công an tỉnh", agency_id=2)
TEXT = "- Rà soát hạ tầng; lập danh mục nền tảng.\n- Báo cáo kết quả.\n"


def _tasks() -> list[ReviewTask]:
    return [
        ReviewTask("Rà soát hạ tầng; lập danh mục nền tảng.", "1. Hạ tầng", [Named(KHCN.name, KHCN)],
                   [Named(CA.name, CA)], "Trong tháng 5/2026", "", 2, 41),
        ReviewTask("Báo cáo kết quả.", "1. Hạ tầng", [Named(CA.name, CA)], [Named("Sở Lạ")], "",
                   "Báo cáo", 44, 60),
        ReviewTask("Khác.", "2. Khác"),
    ]  # fmt: skip


def test_merge_unites_agencies_keeps_first_deadline_and_covers_both_spans() -> None:
    out = merge(_tasks(), [1, 0])
    assert len(out) == 2
    m = out[0]
    assert m.content == "Rà soát hạ tầng; lập danh mục nền tảng.\nBáo cáo kết quả."
    assert [n.display for n in m.lead] == [KHCN.name, CA.name]
    assert [n.display for n in m.cooperating] == ["Sở Lạ"]  # CA is a lead now: not also cooperating
    assert (m.deadline_text, m.product, m.start, m.end) == ("Trong tháng 5/2026", "Báo cáo", 2, 60)
    assert out[1].content == "Khác."


def test_merge_of_one_row_changes_nothing() -> None:
    tasks = _tasks()
    assert merge(tasks, [1]) == tasks


def test_split_keeps_agencies_and_narrows_each_span_to_its_words() -> None:
    out = split(_tasks(), 0, ["Rà soát hạ tầng;", "lập danh mục nền tảng.", "  "], TEXT)
    assert [t.content for t in out[:2]] == ["Rà soát hạ tầng;", "lập danh mục nền tảng."]
    assert TEXT[out[0].start : out[0].end] == "Rà soát hạ tầng;"
    assert TEXT[out[1].start : out[1].end] == "lập danh mục nền tảng."
    assert all(
        t.lead == [Named(KHCN.name, KHCN)] and t.deadline_text == "Trong tháng 5/2026" for t in out[:2]
    )
    assert len(out) == 4


def test_split_piece_rewritten_keeps_the_whole_span() -> None:
    out = split(_tasks(), 0, ["Rà soát", "Lập danh mục (đã sửa)"], TEXT)
    assert (out[1].start, out[1].end) == (2, 41)


def test_delete_rows() -> None:
    assert [t.content for t in delete(_tasks(), [0, 2])] == ["Báo cáo kết quả."]


def test_unknown_names_block_saving_until_resolved_or_dropped() -> None:
    tasks = _tasks()
    assert unresolved_names(tasks) == ["Sở Lạ"]
    try:
        task_inputs(tasks)
    except ValueError as exc:
        assert str(exc) == "Sở Lạ"
    else:
        raise AssertionError("saved with an unknown agency")
    resolve_name(tasks, "Sở Lạ", KHCN)
    assert tasks[1].cooperating == [Named("Sở Lạ", KHCN)]
    resolve_name(tasks, "Sở Lạ", CA)  # changed their mind: the choice is replaced
    assert tasks[1].cooperating == [Named("Sở Lạ", CA)]
    inputs = task_inputs(tasks)
    assert (
        inputs[1].cooperating == [CA] and inputs[0].group_code == "1" and inputs[0].group_title == "Hạ tầng"
    )


def test_dropping_a_name_removes_it_from_every_task() -> None:
    tasks = _tasks()
    resolve_name(tasks, "Sở Lạ", None)
    assert tasks[1].cooperating == [] and unresolved_names(tasks) == []


def test_unsure_notes_follow_the_edits() -> None:
    t = _tasks()[1]
    assert t.unsure(False) == ["không xác định được thời hạn", "«Sở Lạ» chưa có trong danh mục cơ quan"]
    assert ReviewTask("x").unsure(True) == ["không xác định được cơ quan chủ trì"]


def test_split_group() -> None:
    assert split_group("2.1. Về hạ tầng số") == ("2.1", "Về hạ tầng số")
    assert split_group("III. NHIỆM VỤ") == ("III", "NHIỆM VỤ")
    assert split_group("Nhiệm vụ chung") == ("", "Nhiệm vụ chung")


def test_cited_dates_in_both_writings_and_shared_by_a_list() -> None:
    text = (
        "Thực hiện Công văn số 1734-CV/VPTW, ngày 13/4/2026 của Văn phòng; Kế hoạch số 63-KH/TU, "
        "64-KH/TU ngày 22 tháng 4 năm 2026; Nghị quyết số 57-NQ/TW của Bộ Chính trị."
    )
    refs = {r.number: r for r in find_references(text)}
    assert cited_on(text, refs["1734-CV/VPTW"]) == date(2026, 4, 13)
    assert cited_on(text, refs["63-KH/TU"]) == cited_on(text, refs["64-KH/TU"]) == date(2026, 4, 22)
    assert cited_on(text, refs["57-NQ/TW"]) is None


def test_bare_directive_takes_kind_from_the_symbol() -> None:
    d = bare_directive(ReferenceChoice("63-KH/TU", None, date(2026, 4, 22)))
    assert (d.number, d.kind, d.issued_on) == ("63-KH/TU", "KH", date(2026, 4, 22))
