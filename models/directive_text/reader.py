"""One call from a letter's text to everything the reader proposes: ``read_directive``.

The result is a draft for the officer to confirm; it also has the JSON shape of
``python -m app directive parse FILE --json`` (kept stable: scripts and checks read it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from models.agency_names import Catalogue
from models.deadlines import DeadlineKind
from models.directive_text.cleanup import clean_text
from models.directive_text.header import Header, read_header
from models.directive_text.references import Reference, find_references
from models.directive_text.tasks import DraftTask, read_tasks
from models.textfold import fold

HEADER_UNREAD = "không đọc được phần đầu văn bản: {}; hãy đối chiếu với văn bản gốc và nhập bằng tay"
_BLANK_NUMBER = re.compile(r"^Số\s*:?\s*[-/]\s*[A-ZĐ]", re.MULTILINE)
NO_TASKS = (
    "không tìm thấy nhiệm vụ nào trong văn bản: hãy đối chiếu với văn bản gốc và thêm nhiệm vụ bằng tay"
)


@dataclass
class DirectiveDraft:
    text: str  # the cleaned text every position refers to
    header: Header
    references: list[Reference] = field(default_factory=list)
    tasks: list[DraftTask] = field(default_factory=list)
    # What the reader could not do for the whole letter (no task found): said, never silent.
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        h = self.header
        return {
            "number": h.number,
            "kind": h.kind,
            "date": h.issued_on.isoformat() if h.issued_on else None,
            "place": h.place,
            "issuer": h.issuer,
            "subject": h.subject,
            "signer": h.signer,
            "signer_title": h.signer_title,
            "signing_authority": h.signing_authority,
            "references": [r.number for r in self.references],
            "tasks": [task_json(t) for t in self.tasks],
            "notes": list(self.notes),
        }


def task_json(t: DraftTask) -> dict[str, Any]:
    rec = t.deadline.recurrence
    return {
        "content": t.content,
        "group": t.group,
        "lead": "; ".join(p.display for p in t.lead),
        "cooperating": [p.display for p in t.cooperating],
        "product": t.product,
        "deadline_text": t.deadline_text,
        "deadline_kind": t.deadline.kind.value,
        "due": t.deadline.due.isoformat()
        if t.deadline.kind in (DeadlineKind.ONCE, DeadlineKind.MILESTONES) and t.deadline.due
        else None,
        "recurrence": rec.freq.value if rec is not None else None,
    }


def read_directive(raw_text: str, catalogue: Catalogue, today: date | None = None) -> DirectiveDraft:
    """Header, references and draft tasks of a letter; phrases without a year take the
    issuing date's (else ``today``'s)."""
    text = clean_text(raw_text)
    header = read_header(text)
    references = find_references(text, header.number)
    tasks = read_tasks(text, catalogue, header.issued_on or today)
    notes = header_notes(header, text) + ([] if tasks else [NO_TASKS])
    return DirectiveDraft(text, header, references, tasks, notes)


def header_notes(header: Header, text: str = "") -> list[str]:
    """What the header reader missed, said instead of leaving silent nulls: no issuing body,
    no number (a draft's blank "Số:    /KH-SKHCN" is no number yet, not a misreading), or an
    "issuer" that is the motto read across from the right column."""
    missing = []
    if header.issuer is None:
        missing.append("không tìm thấy cơ quan ban hành")
    elif any(w in fold(header.issuer) for w in ("cong hoa xa hoi", "doc lap", "dang cong san viet nam")):
        missing.append(f"cơ quan ban hành lẫn với quốc hiệu ({header.issuer})")
    if header.number is None and not _BLANK_NUMBER.search(text):
        missing.append("không tìm thấy số, ký hiệu")
    return [HEADER_UNREAD.format(", ".join(missing))] if missing else []
