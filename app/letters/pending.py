"""A letter's file appears only once its number is in the register, and never without it.

Order of a letter's life (``issue`` then ``publish``):

1. inside the transaction: take the number, record the letter, print it to a hidden temporary
   file beside the target (``.dang-lap-….docx``) and note the pair (temporary → target) in the
   ``setting`` table under ``letters.pending.<letter id>``;
2. the transaction commits: the number, the letter and the note are written together;
3. the temporary file is renamed onto the target (atomic on one file system) and the note is
   cleared.

Killed before 2: nothing is registered and no visible file carries the number (only a hidden
temporary file, swept on a later letter into that folder). Killed between 2 and 3: the note
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
        found = list(folder.glob(f"{TEMP_PREFIX}*.docx"))
    except OSError:
        return
    for f in found:
        try:
            if now - f.stat().st_mtime > STALE_SECONDS:
                f.unlink()
        except OSError:
            continue


def reconcile(s: Session) -> list[str]:
    """Finish what a killed program left half-done; one Vietnamese sentence per letter."""
    notes: list[str] = []
    rows = s.execute(select(_SETTING.c.key, _SETTING.c.value).where(_SETTING.c.key.like(f"{KEY_PREFIX}%")))
    for key, value in rows.all():
        s.execute(delete(_SETTING).where(_SETTING.c.key == key))
        try:
            letter_id = int(key[len(KEY_PREFIX) :])
            raw = json.loads(value)
            p = Pending(letter_id, Path(raw["temp"]), Path(raw["target"]))
        except (ValueError, KeyError, TypeError):
            continue
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
    return notes
