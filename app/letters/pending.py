"""A letter's file appears only once its number is in the register, and never without it.

Order of a letter's life (``issue`` then ``publish``):

1. inside the transaction: take the number, record the letter, print it to a hidden temporary
   file beside the target (``.dang-lap-….docx``) and note the pair (temporary → target) in the
   ``setting`` table under ``letters.pending.<letter id>``;
2. the transaction commits: the number, the letter and the note are written together;
3. the temporary file is renamed onto the target (atomic on one file system) and the note is
   cleared.

Killed before 2: nothing is registered and no visible file carries the number (only a hidden
temporary file: ``.dang-lap-…`` or, killed inside the printer, its own ``.thu-…``; both are
swept when the database is next opened, from the folders letters were written to, and before
a later letter into that folder). Killed between 2 and 3: the note
says what was left half-done; ``reconcile`` (run when the database is opened) finishes the
rename and says so. No number is ever reused, because the register holds it from step 2.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import column, delete, insert, select, table
from sqlalchemy.orm import Session

from models.letters import OutgoingLetter

KEY_PREFIX = "letters.pending."
TEMP_PREFIX = ".dang-lap-"
STALE_SECONDS = 3600  # a hidden temporary file this old belongs to no running program
RENDER_PREFIX = ".thu-"  # the printer's own temporary file (``render.render_letter``)
# Roughly when this program started (this module is imported when the database is opened): a
# printer's temporary file older than that was left by a program that is gone. A ``.dang-lap-``
# file may still be named by a note ``reconcile`` retries, so it keeps the one-hour rule.
STARTED = time.time()
SWEEP_RECENT_FOLDERS = 20  # at start-up: the folders of this many latest letters

# the ``setting`` table as plain SQL: the note is bookkeeping, not a setting a page reacts to
# (written through the ORM, every letter would broadcast a change of the settings)
_SETTING = table("setting", column("key"), column("value"))


@dataclass(frozen=True)
class Pending:
    letter_id: int
    temp: Path
    target: Path


def temp_for(target: Path) -> Path:
    """A hidden file beside ``target`` (same folder, so the final rename is atomic)."""
    return target.with_name(f"{TEMP_PREFIX}{uuid.uuid4().hex[:12]}-{target.name}")


def remember(s: Session, letter_id: int, temp: Path, target: Path) -> Pending:
    """Note, in the letter's own transaction, that ``temp`` still has to become ``target``."""
    key = f"{KEY_PREFIX}{letter_id}"
    s.execute(delete(_SETTING).where(_SETTING.c.key == key))
    s.execute(
        insert(_SETTING).values(
            key=key, value=json.dumps({"temp": str(temp), "target": str(target)}, ensure_ascii=False)
        )
    )
    return Pending(letter_id, temp, target)


def finish(s: Session, p: Pending) -> None:
    """Rename the committed letter's temporary file onto its name, then clear the note."""
    if p.temp.exists():
        os.replace(p.temp, p.target)
    s.execute(delete(_SETTING).where(_SETTING.c.key == f"{KEY_PREFIX}{p.letter_id}"))


def sweep_stale(folder: Path) -> None:
    """Hidden temporary files left by a program killed before its letter was registered."""
    now = time.time()
    try:
        found = [(f, now - STALE_SECONDS) for f in folder.glob(f"{TEMP_PREFIX}*.docx")]
        found += [(f, STARTED) for f in folder.glob(f"{RENDER_PREFIX}*.docx")]
    except OSError:
        return
    for f, before in found:
        try:
            if f.stat().st_mtime < before:
                f.unlink()
        except OSError:
            continue


def sweep_recent_folders(s: Session, extra: list[Path]) -> None:
    """``sweep_stale`` over the folders the latest letters (and ``extra``) were written to: a
    program killed while printing leaves its hidden file there, and nobody may write another
    letter into that folder for a long time."""
    names = s.execute(
        select(OutgoingLetter.file_name)
        .where(OutgoingLetter.file_name.is_not(None))
        .order_by(OutgoingLetter.id.desc())
        .limit(SWEEP_RECENT_FOLDERS)
    ).scalars()
    folders = {Path(n).parent for n in names if n} | {p.parent for p in extra}
    for folder in folders:
        sweep_stale(folder)


def reconcile(s: Session) -> list[str]:
    """Finish what a killed program left half-done; one Vietnamese sentence per letter."""
    notes: list[str] = []
    targets: list[Path] = []
    rows = s.execute(select(_SETTING.c.key, _SETTING.c.value).where(_SETTING.c.key.like(f"{KEY_PREFIX}%")))
    for key, value in rows.all():
        s.execute(delete(_SETTING).where(_SETTING.c.key == key))
        try:
            letter_id = int(key[len(KEY_PREFIX) :])
            raw = json.loads(value)
            p = Pending(letter_id, Path(raw["temp"]), Path(raw["target"]))
        except (ValueError, KeyError, TypeError):
            continue
        targets.append(p.target)
        letter = s.get(OutgoingLetter, p.letter_id)
        number = letter.full_number if letter is not None else "?"
        if p.temp.exists():
            try:
                os.replace(p.temp, p.target)
            except OSError as exc:
                notes.append(
                    f"Văn bản số {number} đã vào sổ nhưng chưa ghi xong tệp «{p.target}»: "
                    f"{exc.strerror or exc}. Tệp tạm còn ở «{p.temp}»."
                )
                s.execute(insert(_SETTING).values(key=key, value=value))  # try again next time
                continue
            notes.append(
                f"Văn bản số {number} đã vào sổ nhưng lần trước chương trình dừng trước khi ghi xong tệp; "
                f"đã hoàn tất tệp «{p.target}»."
            )
        elif not p.target.exists():
            notes.append(
                f"Văn bản số {number} đã vào sổ nhưng không còn tệp «{p.target}»; "
                "hãy in lại từ Sổ văn bản đi."
            )
    sweep_recent_folders(s, targets)
    return notes
