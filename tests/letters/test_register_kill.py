"""The register never disagrees with the files: a program killed while issuing a letter leaves
no numbered file without its register entry, and no number is taken twice (issue 12).

Each try runs the issuing in a real process that SIGKILLs itself at one moment: after the
letter is printed (to its temporary file) but before the commit, or after the commit but
before the file is renamed onto its name. The next opening of the database finishes or
discards what was left and says so."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.context import AppContext
from app.letters.pending import TEMP_PREFIX

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import date
    from pathlib import Path
    from app.context import AppContext
    from app.letters import pending
    from models.vn_dates import LetterFormat

    db, out, moment, kind = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]

    def die(*_a, **_k):
        os.kill(os.getpid(), signal.SIGKILL)

    if moment == "before-commit":
        original = pending.remember
        def remember(*a, **k):
            original(*a, **k)
            die()
        pending.remember = remember
    else:
        pending.finish = die
    ctx = AppContext(db, today=lambda: date(2026, 11, 24)).open()
    if kind == "response":  # the report on a directive goes through the same register path
        directive = ctx.directives.find_by_number("420-CV/TU")
        ctx.letters.response(directive, out, None, date(2026, 11, 24))
    else:
        agency = ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
        ctx.letters.remind(agency, date(2026, 11, 24), LetterFormat.STATE, out)
    print("not killed")
    """
)


def _check(db: Path, folder: Path) -> tuple[list[str], list[str]]:
    """Open as the program does; every visible letter file is registered and every letter's
    file exists; numbers are unique. Returns (numbers, start-up notes)."""
    ctx = AppContext(db).open()
    try:
        rows = ctx.letters.list_letters()
        notes = ctx.startup_notes
    finally:
        ctx.close()
    registered = {Path(r.file_name) for r in rows}
    visible = {p for p in folder.glob("*.docx") if not p.name.startswith(".")}
    assert visible == registered, "a numbered file without its register entry, or the reverse"
    numbers = [r.number for r in rows]
    assert len(numbers) == len(set(numbers)), "a number taken twice"
    return numbers, notes


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
@pytest.mark.parametrize("moment", ["before-commit", "after-commit"])
@pytest.mark.parametrize("kind", ["remind", "response"])
def test_a_kill_while_issuing_leaves_the_register_and_files_agreeing(
    demo_ctx: AppContext, tmp_path: Path, moment: str, kind: str
) -> None:
    db = Path(demo_ctx.db_path)
    demo_ctx.close()
    folder = tmp_path / "letters"
    folder.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    tries = 4 if kind == "remind" else 2
    for i in range(tries):
        out = folder / f"letter-{i}.docx"
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(db), str(out), moment, kind],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == -signal.SIGKILL, done.stdout + done.stderr
        numbers, notes = _check(db, folder)
        if moment == "before-commit":
            assert numbers == [] and not out.exists() and notes == []
        else:
            # the letter was registered: start-up finished its file and said so
            assert len(numbers) == i + 1 and out.exists()
            assert len(notes) == 1 and numbers[0] in notes[0] and "đã hoàn tất tệp" in notes[0]
    if moment == "before-commit":  # only hidden temporary files remain, swept later
        assert all(p.name.startswith(TEMP_PREFIX) for p in folder.iterdir())
    # the next letter takes the next number, never one already on a file
    ctx = AppContext(db).open()
    try:
        agency = ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
        assert agency is not None
        from datetime import date

        from models.vn_dates import LetterFormat

        nxt = ctx.letters.remind(agency, date(2026, 11, 24), LetterFormat.STATE, folder / "next.docx").value
    finally:
        ctx.close()
    numbers, _ = _check(db, folder)
    assert nxt.number == numbers[0] and numbers.count(nxt.number) == 1
