"""The report on a directive and the periodic report go through the register path every letter
takes (tester, issue 12, R1–R2; the kill test is in test_register_kill.py): an existing file is
never overwritten by a new number, ``--replace`` prints the registered report again under its own
number and date, and a report dated before the last issued number is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.cli_common import EXIT_USER
from app.context import AppContext
from app.errors import UserError
from models.vn_dates import LetterFormat
from tests.cli_run import copy_demo, run_cli
from tests.letters.ids import directive

AS_OF = date(2026, 11, 24)


def test_a_response_never_overwrites_a_registered_file(demo_ctx: AppContext, tmp_path: Path) -> None:
    L = demo_ctx.letters
    target = directive(demo_ctx, "420-CV/TU")
    out = tmp_path / "bc.docx"
    first = L.response(target, out, None, AS_OF).value
    before = out.read_bytes()
    with pytest.raises(UserError, match="đã có"):
        L.response(target, out, None, AS_OF)
    assert out.read_bytes() == before and len(L.list_letters()) == 1
    again = L.response(target, out, None, replace=True).value
    assert (again.number, again.letter_id, again.issued_on) == (first.number, first.letter_id, AS_OF)
    assert len(L.list_letters()) == 1
    # another kind's file is not taken over by a report
    other = L.report("2026-06", tmp_path / "ky.docx", LetterFormat.PARTY, AS_OF).value
    with pytest.raises(UserError, match="khác loại"):
        L.response(target, other.path, LetterFormat.PARTY, replace=True)
    # the register reprints a lost report on a directive under its own number
    out.unlink()
    reprinted = L.reprint(first.letter_id).value
    assert reprinted.number == first.number and out.exists() and len(L.list_letters()) == 2


def test_a_response_dated_before_the_last_number_is_refused(demo_ctx: AppContext, tmp_path: Path) -> None:
    L = demo_ctx.letters
    target = directive(demo_ctx, "125/KH-BCĐ")
    for i in range(3):
        L.response(target, tmp_path / f"r{i}.docx", LetterFormat.STATE, AS_OF)
    with pytest.raises(UserError, match="đã cấp số"):
        L.response(target, tmp_path / "old.docx", LetterFormat.STATE, date(2026, 7, 1))
    assert not (tmp_path / "old.docx").exists() and len(L.list_letters()) == 3
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no hidden file left"


def test_a_periodic_report_is_never_overwritten_nor_back_dated(demo_ctx: AppContext, tmp_path: Path) -> None:
    L = demo_ctx.letters
    out = tmp_path / "bc.docx"
    first = L.report("2026-06", out, LetterFormat.STATE, AS_OF).value
    with pytest.raises(UserError, match="đã có"):
        L.report("2026-06", out, LetterFormat.STATE, AS_OF)
    assert L.report("2026-06", out, LetterFormat.STATE, replace=True).value.number == first.number
    with pytest.raises(UserError, match="đã cấp số"):
        L.report("2026-06", tmp_path / "b.docx", LetterFormat.STATE, date(2026, 7, 1))


def test_cli_response_refuses_an_existing_out_and_replaces_with_the_same_number(
    demo_template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = copy_demo(demo_template, tmp_path / "demo.sqlite")
    out = tmp_path / "bc.docx"
    args = ("--db", str(db), "letter", "response", "--directive", "420-CV/TU", "--out", str(out))
    first = run_cli(capsys, *args, "--as-of", "24/11/2026")
    assert first.returncode == 0, first.stderr
    refused = run_cli(capsys, *args, "--as-of", "24/11/2026")
    assert refused.returncode == EXIT_USER and "--replace" in refused.stderr
    again = run_cli(capsys, *args, "--replace")
    assert again.returncode == 0, again.stderr
    number = first.stdout.split("số ", 1)[1].split(",")[0]
    assert f"số {number}, ngày 24/11/2026" in again.stdout
