"""The document register: numbering per format and period, and what each letter concerns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.context import AppContext
from app.dto import TaskFilter
from models.status import Status
from models.vn_dates import LetterFormat
from tests.letters.ids import agency

# run on SQLite and on PostgreSQL (tests/conftest.py)
BOTH_ENGINES = True


def test_state_numbers_increment_across_kinds_and_restart_each_year(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    L = demo_ctx.letters
    L.ctx.today = lambda: date(2027, 1, 5)  # the clock moves on into the next year
    a = L.remind(
        agency(demo_ctx, "Công an tỉnh"), date(2026, 11, 24), LetterFormat.STATE, tmp_path / "a.docx"
    ).value
    b = L.report("2026-10", tmp_path / "b.docx", LetterFormat.STATE, date(2026, 11, 24)).value
    c = L.remind(
        agency(demo_ctx, "Sở Nội vụ"), date(2026, 11, 25), LetterFormat.STATE, tmp_path / "c.docx"
    ).value
    assert (a.number, b.number, c.number) == ("01/BCĐ-SKHCN", "02/BC-BCĐ", "03/BCĐ-SKHCN")
    d = L.remind(
        agency(demo_ctx, "Công an tỉnh"), date(2027, 1, 5), LetterFormat.STATE, tmp_path / "d.docx"
    ).value
    assert d.number == "01/BCĐ-SKHCN", "a new calendar year starts again at 01"


def test_party_numbers_run_per_kind_within_the_term(demo_ctx: AppContext, tmp_path: Path) -> None:
    L = demo_ctx.letters
    L.ctx.today = lambda: date(2027, 1, 5)
    a = L.remind(
        agency(demo_ctx, "Công an tỉnh"), date(2026, 11, 24), LetterFormat.PARTY, tmp_path / "a.docx"
    ).value
    b = L.report("2026-10", tmp_path / "b.docx", LetterFormat.PARTY, date(2026, 11, 24)).value
    c = L.remind(
        agency(demo_ctx, "Sở Nội vụ"), date(2027, 1, 5), LetterFormat.PARTY, tmp_path / "c.docx"
    ).value
    assert (a.number, b.number, c.number) == ("01-CV/BCĐ", "01-BC/BCĐ", "02-CV/BCĐ"), "the term, not the year"
    s = L.remind(
        agency(demo_ctx, "Sở Nội vụ"), date(2026, 11, 24), LetterFormat.STATE, tmp_path / "s.docx"
    ).value
    assert s.number == "01/BCĐ-SKHCN", "state and Party sequences are separate"


def test_two_reminders_make_lan_2(demo_ctx: AppContext, tmp_path: Path) -> None:
    L = demo_ctx.letters
    ref = demo_ctx.agencies.resolve_or_fail("Công an tỉnh")
    rows = demo_ctx.tasks.page(TaskFilter(agency_id=ref.agency_id, statuses=(Status.OVERDUE,)), 0, 10**6)
    task_id = rows[0].id
    assert L.reminders_for_task(task_id) == []
    first = L.remind(
        agency(demo_ctx, "Công an tỉnh"), date(2026, 11, 10), LetterFormat.STATE, tmp_path / "1.docx"
    ).value
    second = L.remind(
        agency(demo_ctx, "CA tỉnh"), date(2026, 11, 24), LetterFormat.STATE, tmp_path / "2.docx"
    ).value
    assert L.reminders_for_task(task_id) == [
        (first.number, date(2026, 11, 10)),
        (second.number, date(2026, 11, 24)),
    ]
    assert L.reminder_note(task_id).startswith("đã đôn đốc lần 2, ngày 24/11/2026")
    # the second letter recalls the first
    from docx import Document

    text = "\n".join(p.text for p in Document(str(tmp_path / "2.docx")).paragraphs)
    assert first.number in text
    # a task of another agency was not reminded
    other = demo_ctx.agencies.resolve_or_fail("Sở Tài chính")
    theirs = demo_ctx.tasks.page(TaskFilter(agency_id=other.agency_id, statuses=(Status.OVERDUE,)), 0, 10**6)
    mine = {r.id for r in rows}
    assert all(L.reminders_for_task(r.id) == [] for r in theirs if r.id not in mine)


def test_remind_all_writes_one_letter_per_agency_with_overdue_work(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    L = demo_ctx.letters
    # every agency, and every group a directive names as such ("Các sở, ban, ngành")
    with demo_ctx.db.reading() as s:
        from app.letters.content import groups_with_overdue

        groups = groups_with_overdue(s, date(2026, 11, 24), 7)
    expected = L.agencies_with_overdue(date(2026, 11, 24)) + groups
    assert groups, "the demo has overdue tasks led by a group"
    gen = L.remind_all(date(2026, 11, 24), LetterFormat.STATE, tmp_path)
    progress = []
    try:
        while True:
            progress.append(next(gen))
    except StopIteration as stop:
        results = stop.value.value
    assert len(results) == len(expected) >= 3
    assert progress[-1] == (len(expected), len(expected))
    assert [r.number for r in results] == [f"{i:02d}/BCĐ-SKHCN" for i in range(1, len(expected) + 1)]
    assert all(r.path.exists() for r in results)
    assert results.uncovered == ()


def test_failed_render_takes_no_number(demo_ctx: AppContext, tmp_path: Path) -> None:
    import pytest

    from app.errors import UserError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError):
        demo_ctx.letters.remind(
            agency(demo_ctx, "Công an tỉnh"),
            date(2026, 11, 24),
            LetterFormat.STATE,
            blocker / "sub" / "a.docx",
        )
    ok = demo_ctx.letters.remind(
        agency(demo_ctx, "Công an tỉnh"), date(2026, 11, 24), LetterFormat.STATE, tmp_path / "a.docx"
    ).value
    assert ok.number == "01/BCĐ-SKHCN"


def test_issuer_settings_round_trip(demo_ctx: AppContext) -> None:
    from dataclasses import replace

    import pytest

    from app.errors import ValidationError

    L = demo_ctx.letters
    state = L.issuer(LetterFormat.STATE)
    assert state.place == "Hưng Yên" and state.office == "Sở Khoa học và Công nghệ"
    saved = L.save_issuer(replace(state, signer="Nguyễn Văn A", authority="kt. trưởng ban")).value
    assert saved.authority == "KT. TRƯỞNG BAN"
    assert L.issuer(LetterFormat.STATE).signer == "Nguyễn Văn A"
    with pytest.raises(ValidationError):
        L.save_issuer(replace(state, authority="T/M BAN"))
    with pytest.raises(ValidationError):
        L.save_issuer(replace(L.issuer(LetterFormat.PARTY), symbol=""))
