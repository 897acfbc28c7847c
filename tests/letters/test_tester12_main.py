"""The tester's defects on main for letters (report tester12, M2, M3, M9): one test each."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

from docx import Document

from app.context import AppContext
from app.letters import pending
from models.vn_dates import LetterFormat
from tests.letters.ids import agency, directive


def test_letter_file_gets_the_permissions_of_a_new_file(demo_ctx: AppContext, tmp_path: Path) -> None:
    """M2: every letter was -rw------- (mkstemp's 0600): colleagues could not open it in a shared
    folder. It gets 0666 less the umask, like any new file."""
    ca = agency(demo_ctx, "Công an tỉnh")
    old = os.umask(0o022)
    try:
        a = demo_ctx.letters.remind(ca, date(2026, 11, 24), LetterFormat.STATE, tmp_path / "a.docx").value
        os.umask(0o002)
        b = demo_ctx.letters.remind(ca, date(2026, 11, 24), LetterFormat.PARTY, tmp_path / "b.docx").value
    finally:
        os.umask(old)
    assert stat.S_IMODE(a.path.stat().st_mode) == 0o644
    assert stat.S_IMODE(b.path.stat().st_mode) == 0o664


def test_printer_leftovers_older_than_the_program_are_swept(demo_ctx: AppContext, tmp_path: Path) -> None:
    """M3: a program killed inside the printer left a hidden ``.thu-….docx`` (half a zip) that
    nothing removed. One older than this program goes when the database is opened and before a
    letter is written into its folder; one written since (another letter in progress) stays."""
    ca = agency(demo_ctx, "Công an tỉnh")
    folder = tmp_path / "cong-van"
    folder.mkdir()
    first = demo_ctx.letters.remind(ca, date(2026, 11, 24), LetterFormat.STATE, folder / "a.docx").value
    assert first.path.exists()

    def leftover(name: str, age: float) -> Path:
        f = folder / name
        f.write_bytes(b"PK\x03\x04 half a zip")
        when = pending.STARTED - age
        os.utime(f, (when, when))
        return f

    old = leftover(".thu-feuzyj64.docx", 60)
    in_progress = leftover(".thu-dangin12.docx", -5)  # written after this program started
    # at start-up: the folder of a registered letter is swept
    assert demo_ctx.letters.reconcile() == []
    assert not old.exists() and in_progress.exists()
    # before issuing into the folder
    old2 = leftover(".thu-0000aaaa.docx", 3600 * 5)
    demo_ctx.letters.remind(ca, date(2026, 11, 24), LetterFormat.PARTY, folder / "b.docx")
    assert not old2.exists() and in_progress.exists()


def test_assignment_letter_prints_the_deadline_phrase_only(demo_ctx: AppContext, tmp_path: Path) -> None:
    """M9: the assignment letter's "Thời hạn" column carried the follow-up status ("Định kỳ hằng
    tháng (chưa báo cáo tháng 9, 10/2026)"); a letter assigning tasks prints the deadline only."""
    made = demo_ctx.letters.assign(directive(demo_ctx, "125/KH-BCĐ"), tmp_path / "a.docx").value
    table = Document(str(made.path)).tables[-1]
    header = [c.text for c in table.rows[0].cells]
    col = header.index("Thời hạn")
    dues = [r.cells[col].text for r in table.rows[1:] if len({id(c._tc) for c in r.cells}) > 1]
    assert len(dues) > 20 and any("tháng" in d for d in dues)
    assert not [d for d in dues if "chưa báo cáo" in d or "(" in d], dues
