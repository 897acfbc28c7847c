"""The import's pure parts, on hand-made values: pairing, classification, cell edits, kinds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from app.appendix.parse import AppendixParse, Issue, IssueKind, ParsedIndicator, ParsedTask
from app.errors import UserError
from app.services.importing.cell_edits import edit_task
from app.services.importing.diff import (
    SAME_TASK_SIMILARITY,
    classify,
    diff_preview,
    field_changes,
    indicator_values,
    pair_rows,
    task_values,
)
from app.services.importing.preview_types import (
    TASK_FIELDS,
    Change,
    Decision,
    ImportPreview,
    ImportResult,
    PreviewIndicator,
    PreviewTask,
    RowSnapshot,
    RowStatus,
)
from app.services.importing.resolution import guess_kind
from models.agency_names import Catalogue, Entry, Match
from models.deadlines import DeadlineKind, parse_deadline

REF = date(2026, 4, 10)


def snap(id_: int, text: str, seq: int, **values: str) -> RowSnapshot:
    return RowSnapshot(id_, {"content": text, "seq": str(seq), **values})


def task(
    seq: int,
    content: str,
    lead: tuple[str, ...] = ("Sở Nội vụ",),
    cooperating: tuple[str, ...] = (),
    deadline: str = "Tháng 6/2026",
    **kw: str,
) -> ParsedTask:
    return ParsedTask(
        seq=seq,
        group=kw.get("group", "I"),
        group_title=kw.get("group_title", "Nhóm một"),
        index_in_group=seq,
        content=content,
        lead=[Match(n, n) for n in lead],
        cooperating=[Match(n, None if n.startswith("?") else n) for n in cooperating],
        product=kw.get("product", "Báo cáo"),
        deadline_text=deadline,
        deadline=parse_deadline(deadline, REF),
        note=kw.get("note", ""),
        row=seq + 5,
        sheet="NV",
    )


def indicator(
    seq: int, name: str, baseline: float | str | None = 52.4, target: float | str | None = 80
) -> ParsedIndicator:
    return ParsedIndicator(
        seq=seq,
        group="A",
        group_title="",
        name=name,
        unit="%",
        baseline=baseline,
        target=target,
        lead=[Match("Sở Y tế", "Sở Y tế")],
        cooperating=[Match("Công an tỉnh", None)],
    )


def preview_of(
    tasks: list[ParsedTask],
    existing: Sequence[RowSnapshot] = (),
    indicators: Sequence[ParsedIndicator] = (),
    existing_indicators: Sequence[RowSnapshot] = (),
    issues: list[Issue] | None = None,
) -> ImportPreview:
    catalogue = Catalogue(
        [Entry("Sở Nội vụ", ("SNV",), False, "provincial"), Entry("Sở Y tế", (), False, "")]
    )
    parse = AppendixParse(
        path=Path("pl.xlsx"),
        directive_number="125/KH-BCĐ",
        directive_date=REF,
        directive_kind="KH",
        tasks=list(tasks),
        indicators=list(indicators),
        issues=list(issues or []),
        catalogue=catalogue,
    )
    p = ImportPreview(
        parse=parse,
        directive_id=1,
        directive_number="125/KH-BCĐ",
        tasks=[PreviewTask(t, RowStatus.NEW) for t in tasks],
        indicators=[PreviewIndicator(i, RowStatus.NEW) for i in indicators],
        reference=REF,
        existing_tasks=list(existing),
        existing_indicators=list(existing_indicators),
    )
    diff_preview(p)
    return p


def existing_of(t: ParsedTask, id_: int) -> RowSnapshot:
    return RowSnapshot(id_, task_values(t))


# -- pair_rows ----------------------------------------------------------------------------------


def test_pair_by_text_ignores_case_diacritics_and_position() -> None:
    old = [snap(10, "Triển khai VNeID", 7), snap(11, "Báo cáo quý", 1)]
    paired = pair_rows([("bao cao QUY", 1), ("trien khai vneid", 2)], old, "content")
    assert {i: s.id for i, s in paired.items()} == {0: 11, 1: 10}


def test_pair_each_existing_row_at_most_once() -> None:
    old = [snap(10, "Họp", 1), snap(11, "Họp", 2)]
    paired = pair_rows([("Họp", 1), ("Họp", 2), ("Họp", 3)], old, "content")
    assert {i: s.id for i, s in paired.items()} == {0: 10, 1: 11}


def test_pair_by_position_only_when_alike() -> None:
    old = [snap(10, "Triển khai ứng dụng VNeID cho cán bộ", 3), snap(11, "Rà soát thủ tục hành chính", 4)]
    keys = [("Triển khai ứng dụng VNeID cho toàn bộ cán bộ", 3), ("Mua sắm thiết bị mạng", 4)]
    paired = pair_rows(keys, old, "content")
    assert {i: s.id for i, s in paired.items()} == {0: 10}


def test_pair_position_does_not_steal_a_row_paired_by_text() -> None:
    old = [snap(10, "Nhiệm vụ A về chuyển đổi số", 1)]
    keys = [("Nhiệm vụ A về chuyển đổi số mới", 1), ("Nhiệm vụ A về chuyển đổi số", 2)]
    paired = pair_rows(keys, old, "content")
    assert {i: s.id for i, s in paired.items()} == {1: 10}


def test_pair_threshold_is_inclusive_and_missing_seq_is_zero() -> None:
    assert SAME_TASK_SIMILARITY == 70.0
    old = [RowSnapshot(5, {"name": "abcdefghij"})]  # no "seq": position 0
    assert pair_rows([("abcdefgXYZ", 0)], old, "name")[0].id == 5  # ratio exactly 70
    assert pair_rows([("abcdefXYZW", 0)], old, "name") == {}  # ratio 60
    assert pair_rows([("abcdefgXYZ", 1)], old, "name") == {}  # another position


def test_pair_nothing_against_nothing() -> None:
    assert pair_rows([], [snap(1, "x", 1)], "content") == {}
    assert pair_rows([("x", 1)], [], "content") == {}


# -- field_changes, values ---------------------------------------------------------------------


def test_field_changes_in_label_order_with_missing_old_as_empty() -> None:
    labels = {"b": "Bê", "a": "A", "c": "Xê"}
    changes = field_changes({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"}, labels)
    assert changes == [Change("b", "Bê", "2", "3"), Change("c", "Xê", "", "4")]
    assert field_changes({"a": "1", "b": "2", "c": ""}, {"a": "1", "b": "2", "c": ""}, labels) == []


def test_task_values_join_names_and_cover_every_labelled_field() -> None:
    t = task(4, "Nội dung", lead=("Sở Nội vụ", "Sở Y tế"), cooperating=("Công an tỉnh", "?Phòng PCCC"))
    values = task_values(t)
    assert set(values) == set(TASK_FIELDS)
    assert values["lead"] == "Sở Nội vụ; Sở Y tế"
    assert values["cooperating"] == "Công an tỉnh; ?Phòng PCCC"  # unknown: as written
    assert values["seq"] == "4"


def test_indicator_values_write_numbers_the_vietnamese_way() -> None:
    values = indicator_values(indicator(1, "Tỷ lệ", baseline=52.4, target="Tốp  15"))
    assert (values["baseline"], values["target"]) == ("52,4", "Tốp 15")
    assert indicator_values(indicator(1, "Tỷ lệ", baseline=None, target=80))["baseline"] == ""
    assert (values["lead"], values["cooperating"]) == ("Sở Y tế", "Công an tỉnh")


# -- classify / diff_preview -------------------------------------------------------------------


def test_classify_new_updated_unchanged() -> None:
    old1, old2 = task(1, "Một"), task(2, "Hai")
    new2 = task(2, "Hai", product="Kế hoạch")
    p = preview_of([old1, new2, task(3, "Ba")], [existing_of(old1, 101), existing_of(old2, 102)])
    assert [(t.status, t.existing_id) for t in p.tasks] == [
        (RowStatus.UNCHANGED, 101),
        (RowStatus.UPDATED, 102),
        (RowStatus.NEW, None),
    ]
    assert p.tasks[1].changes == [Change("product", "Sản phẩm", "Báo cáo", "Kế hoạch")]
    assert p.tasks[0].changes == [] and p.tasks[2].changes == []
    assert p.count(RowStatus.NEW) == (1, 0) and p.count(RowStatus.UPDATED) == (1, 0)


def test_classify_again_resets_a_row_that_lost_its_pair() -> None:
    old = task(1, "Một")
    p = preview_of([task(1, "Một", note="ghi chú")], [existing_of(old, 101)])
    assert p.tasks[0].status is RowStatus.UPDATED
    p.existing_tasks = []
    diff_preview(p)
    assert (p.tasks[0].status, p.tasks[0].existing_id, p.tasks[0].changes) == (RowStatus.NEW, None, [])


def test_classify_takes_any_row_type_and_change_rule() -> None:
    class Row:
        def __init__(self) -> None:
            self.status, self.existing_id, self.changes = RowStatus.NEW, None, []

    rows = [Row(), Row()]
    seen: list[tuple[Row, str]] = []

    def rule(row: Row, old: object) -> list[Change]:
        seen.append((row, old["content"]))  # type: ignore[index]
        return [Change("x", "X", "", "")] if row is rows[1] else []

    classify(rows, [("a", 1), ("b", 2)], [snap(7, "b", 9), snap(8, "a", 9)], "content", rule)
    assert [(r.status, r.existing_id) for r in rows] == [(RowStatus.UNCHANGED, 8), (RowStatus.UPDATED, 7)]
    assert seen == [(rows[0], "a"), (rows[1], "b")]


def test_indicators_are_diffed_by_name() -> None:
    old = RowSnapshot(
        301,
        {**indicator_values(indicator(1, "Tỷ lệ hồ sơ trực tuyến")), "seq": "1"},
    )
    p = preview_of(
        [],
        indicators=[indicator(1, "Tỷ lệ hồ sơ trực tuyến", target=85), indicator(2, "Số xã có wifi")],
        existing_indicators=[old],
    )
    assert [(i.status, i.existing_id) for i in p.indicators] == [
        (RowStatus.UPDATED, 301),
        (RowStatus.NEW, None),
    ]
    assert p.indicators[0].changes == [Change("target", "Chỉ tiêu", "80", "85")]
    assert p.count(RowStatus.UPDATED) == (0, 1)


# -- cell edits ---------------------------------------------------------------------------------


def test_edit_a_cell_rediffs_the_row() -> None:
    old = task(1, "Một")
    p = preview_of([task(1, "Một")], [existing_of(old, 101)])
    assert p.tasks[0].status is RowStatus.UNCHANGED
    edit_task(p, 0, "product", "  Quyết định ")
    assert p.tasks[0].parsed.product == "Quyết định"
    assert p.tasks[0].changes == [Change("product", "Sản phẩm", "Báo cáo", "Quyết định")]
    edit_task(p, 0, "product", "Báo cáo")
    assert p.tasks[0].status is RowStatus.UNCHANGED


def test_edit_names_matches_them_against_the_preview_catalogue() -> None:
    p = preview_of([task(1, "Một", cooperating=("?Phòng Nội vụ",))])
    assert [m.written for m in p.unknown] == ["?Phòng Nội vụ"]
    edit_task(p, 0, "cooperating", "SNV; Sở Y tế")
    assert [m.canonical for m in p.tasks[0].parsed.cooperating] == ["Sở Nội vụ", "Sở Y tế"]
    assert p.unknown == []


def test_edit_a_deadline_drops_its_issue_but_keeps_others() -> None:
    bad = task(1, "Một", deadline="khi nào xong")
    assert bad.deadline.kind is DeadlineKind.UNKNOWN
    issues = [
        Issue(IssueKind.DEADLINE, "không hiểu thời hạn", "pl.xlsx", "NV", bad.row),
        Issue(IssueKind.DEADLINE, "không hiểu thời hạn", "pl.xlsx", "NV", 99),
    ]
    p = preview_of([bad], issues=issues)
    edit_task(p, 0, "deadline_text", "30/6/2026")
    assert p.tasks[0].parsed.deadline.due == date(2026, 6, 30)
    assert [i.row for i in p.parse.issues] == [99]


def test_read_only_columns_cannot_be_edited() -> None:
    p = preview_of([task(1, "Một")])
    with pytest.raises(UserError, match="Số thứ tự"):
        edit_task(p, 0, "seq", "5")
    assert p.tasks[0].parsed.seq == 1


# -- decisions, result, kinds ------------------------------------------------------------------


def test_default_decisions_create_every_unknown_name_once() -> None:
    p = preview_of([task(1, "Một", cooperating=("?Phòng A",)), task(2, "Hai", cooperating=("?phòng a",))])
    assert p.default_decisions() == {"?phong a": Decision(create=True)}


def test_result_summary_names_new_agencies_and_aliases_only_when_any() -> None:
    plain = ImportResult(3, "125/KH-BCĐ", False, tasks_added=2, indicators_unchanged=4).summary()
    assert plain.splitlines() == [
        "Văn bản 125/KH-BCĐ.",
        "Nhiệm vụ: thêm 2, cập nhật 0, giữ nguyên 0.",
        "Chỉ tiêu: thêm 0, cập nhật 0, giữ nguyên 4.",
    ]
    full = ImportResult(3, "125/KH-BCĐ", True, agencies_created=["A", "B"], aliases_added=["x → A"])
    assert full.summary().splitlines()[0] == "Đã tạo văn bản 125/KH-BCĐ."
    assert full.summary().splitlines()[-2:] == ["Cơ quan mới: 2 (A, B).", "Tên gọi khác được ghi nhớ: x → A."]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("UBND xã Tân Tiến", "commune"),
        ("Ủy ban nhân dân phường Hiến Nam", "commune"),
        ("Ban Tuyên giáo Tỉnh ủy", "party"),
        ("Đảng ủy Khối cơ quan", "party"),
        ("Công ty Điện lực", "enterprise"),
        ("VNPT Hưng Yên", "enterprise"),
        ("Sở Nội vụ", "provincial"),
        ("Phòng Cảnh sát PCCC", "provincial"),
    ],
)
def test_guess_kind(name: str, kind: str) -> None:
    assert guess_kind(name) == kind


def test_indicators_never_pair_by_row() -> None:
    """Another table's first indicator, alike in wording, is a new indicator, not KH125's first."""
    old = RowSnapshot(
        301,
        {
            **indicator_values(
                indicator(1, "Tỷ lệ thủ tục hành chính được cung cấp dịch vụ công trực tuyến toàn trình")
            ),
            "seq": "1",
        },
    )
    p = preview_of(
        [],
        indicators=[indicator(1, "Tỷ lệ dịch vụ công trực tuyến toàn trình", 52, 80)],
        existing_indicators=[old],
    )
    assert [(i.status, i.existing_id) for i in p.indicators] == [(RowStatus.NEW, None)]


def test_tasks_pair_by_position_only_within_the_same_group() -> None:
    old = [RowSnapshot(10, {"content": "Triển khai ứng dụng VNeID cho cán bộ", "seq": "3", "group": "I"})]
    keys = [("Triển khai ứng dụng VNeID cho toàn bộ cán bộ", 3)]
    assert pair_rows(keys, old, "content", new_groups=["II"]) == {}
    assert pair_rows(keys, old, "content", new_groups=["i"])[0].id == 10
    assert pair_rows(keys, old, "content", by_position=False) == {}
