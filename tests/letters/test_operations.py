"""The letter service's id-based API and what each letter says it changed."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.changes import Subject
from app.context import AppContext
from app.errors import NotFound, UserError
from app.letters.register import LetterKind
from models.vn_dates import LetterFormat
from tests.letters.ids import agency, directive

AS_OF = date(2026, 11, 24)
ROOT = Path(__file__).resolve().parents[2]


def test_a_reminder_changes_the_register_and_names_the_tasks_it_lists(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    police = agency(demo_ctx, "Công an tỉnh")
    listed = {line.task_id for line in demo_ctx.letters.preview_remind(police, AS_OF).overdue}
    assert listed
    op = demo_ctx.letters.remind(police, AS_OF, LetterFormat.STATE, tmp_path / "r.docx")
    assert op.value.kind is LetterKind.REMIND and op.value.format is LetterFormat.STATE
    assert op.value.task_count == len(listed)
    assert op.changes.task_ids == listed
    assert op.changes.subjects == {Subject.LETTERS, Subject.TASKS}
    assert not op.changes.all_tasks
    # the tasks named are exactly those whose "đã đôn đốc" note changed
    assert all(demo_ctx.letters.reminder_note(t).startswith("đã đôn đốc lần 1") for t in listed)


def test_an_assignment_letter_names_the_directives_tasks(demo_ctx: AppContext, tmp_path: Path) -> None:
    plan = directive(demo_ctx, "125/KH-BCĐ")
    preview = demo_ctx.letters.preview_assign(plan)
    assert preview.directive_id == plan and preview.directive_number == "125/KH-BCĐ"
    op = demo_ctx.letters.assign(plan, tmp_path / "a.docx")
    assert op.value.kind is LetterKind.ASSIGN and op.value.format is LetterFormat.STATE
    assert op.changes.task_ids == {line.task_id for line in preview.tasks}
    assert op.changes.letters and not op.changes.directives and not op.changes.agencies


def test_a_report_changes_only_the_register(demo_ctx: AppContext, tmp_path: Path) -> None:
    op = demo_ctx.letters.report("2026-Q3", tmp_path / "b.docx", LetterFormat.PARTY)
    assert op.value.kind is LetterKind.REPORT and op.value.format is LetterFormat.PARTY
    assert op.changes.subjects == {Subject.LETTERS}
    assert op.changes.task_ids == frozenset()


def test_saving_an_issuer_changes_the_settings(demo_ctx: AppContext) -> None:
    state = demo_ctx.letters.issuer(LetterFormat.STATE)
    op = demo_ctx.letters.save_issuer(replace(state, signer="Trần Thị C"))
    assert op.value.signer == "Trần Thị C"
    assert op.changes.subjects == {Subject.SETTINGS} and not op.changes.all_tasks


def test_remind_all_returns_the_letters_and_the_union_of_their_changes(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    L = demo_ctx.letters
    expected: set[int] = set()
    for agency_id, _ in L.agencies_with_overdue(AS_OF):
        expected |= {line.task_id for line in L.preview_remind(agency_id, AS_OF).overdue}
    with demo_ctx.db.reading() as s:  # and the tasks of the groups it writes to
        from app.letters.content import group_remind_content, groups_with_overdue

        for group_id, _ in groups_with_overdue(s, AS_OF, 7):
            expected |= {line.task_id for line in group_remind_content(s, group_id, AS_OF, 7).overdue}
    gen = L.remind_all(AS_OF, LetterFormat.PARTY, tmp_path)
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        op = stop.value
    assert len(op.value) >= 3 and all(r.format is LetterFormat.PARTY for r in op.value)
    assert op.changes.task_ids == expected
    assert op.changes.subjects == {Subject.LETTERS, Subject.TASKS}


def test_unknown_ids_are_refused_in_vietnamese_and_take_no_number(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    L = demo_ctx.letters
    out = tmp_path / "x.docx"
    with pytest.raises(NotFound, match="Không tìm thấy cơ quan"):
        L.remind(999_999, AS_OF, LetterFormat.STATE, out)
    with pytest.raises(NotFound, match="Không tìm thấy cơ quan"):
        L.preview_remind(999_999, AS_OF)
    with pytest.raises(NotFound, match="Không tìm thấy văn bản chỉ đạo"):
        L.assign(999_999, out)
    with pytest.raises(NotFound, match="Không tìm thấy văn bản chỉ đạo"):
        L.preview_assign(999_999)
    with pytest.raises(UserError, match="Hãy chọn nơi lưu"):
        L.remind(agency(demo_ctx, "CA tỉnh"), AS_OF, LetterFormat.STATE, None)
    assert L.list_letters() == [] and not out.exists()


def test_names_are_resolved_by_the_caller_once(demo_ctx: AppContext) -> None:
    by_abbreviation = agency(demo_ctx, "CA tỉnh")
    assert by_abbreviation == agency(demo_ctx, "Công an tỉnh")
    with pytest.raises(UserError, match="nhóm cơ quan"):
        agency(demo_ctx, "Các sở, ban, ngành")
    with pytest.raises(NotFound, match="Không tìm thấy văn bản số «999/KH-XYZ»"):
        directive(demo_ctx, "999/KH-XYZ")


def test_the_register_rows_carry_enums(demo_ctx: AppContext, tmp_path: Path) -> None:
    L = demo_ctx.letters
    L.remind(agency(demo_ctx, "CA tỉnh"), AS_OF, LetterFormat.PARTY, tmp_path / "a.docx")
    (row,) = L.list_letters()
    assert row.kind is LetterKind.REMIND and row.format is LetterFormat.PARTY


def test_the_letter_service_does_not_import_the_printer_until_a_letter_is_printed() -> None:
    code = (
        "import sys, app.letters.service\n"
        "heavy = [m for m in ('docx', 'docxtpl', 'jinja2') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
