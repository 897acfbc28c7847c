"""The reminder (công văn đôn đốc): one agency, every task it has overdue on the letter's date.

The letter is dated the day overdue is counted on; a later day lets the secretariat prepare
a reminder dated ahead (e.g. for Monday's signing). An agency with nothing overdue is
refused: a reminder with an empty list would waste a number of the register.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from app.dto import PartyRef
from app.errors import UserError
from app.letters import tables
from app.letters.content import RemindContent
from app.letters.issue import Draft
from app.letters.register import Subjects
from app.letters.render import TableBuilder
from models.letters import LetterKind
from models.textfold import fold
from models.vn_dates import LetterFormat, long_date, short_date

SUBJECT = "V/v đôn đốc thực hiện nhiệm vụ quá hạn"


def recipient_id(ref: PartyRef, typed: str) -> int:
    """The agency a reminder named by ``typed`` goes to; a group of agencies is refused."""
    if ref.agency_id is None:
        raise UserError(
            f"«{typed}» là một nhóm cơ quan; công văn đôn đốc gửi từng cơ quan, hãy chọn một cơ quan cụ thể."
        )
    return ref.agency_id


def file_name(agency_name: str, as_of: date) -> str:
    """``don-doc-cong-an-tinh-2026-11-24.docx``: one file per agency in a batch's folder."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(agency_name)).strip("-")[:60] or "co-quan"
    return f"don-doc-{slug}-{as_of.isoformat()}.docx"


def previous_note(data: RemindContent, fmt: LetterFormat) -> str:
    """`` (đã được đôn đốc 2 lần, gần nhất tại Công văn số …)`` — or "" for a first reminder."""
    if not data.previous:
        return ""
    number, issued = data.previous[-1]
    sep = "," if fmt is LetterFormat.PARTY else ""
    return (
        f" (đã được đôn đốc {len(data.previous)} lần, gần nhất tại Công văn số {number}{sep} "
        f"ngày {short_date(issued)})"
    )


def draft(data: RemindContent, fmt: LetterFormat) -> Draft:
    if not data.overdue:
        raise UserError(
            f"{data.agency_name} không có nhiệm vụ quá hạn tại ngày {short_date(data.as_of)}; "
            "không lập công văn đôn đốc."
        )
    as_of = data.as_of
    context = {
        "agency": data.agency_name,
        "recipient_lines": [f"{data.agency_name}."],
        "as_of_long": long_date(as_of),
        "overdue_count": f"{len(data.overdue):02d}",
        "soon_count": len(data.soon),
        "soon_days": data.soon_days,
        "soon_until": short_date(as_of + timedelta(days=data.soon_days)),
        "respond_by": f"ngày {short_date(data.respond_by)}",
        "previous_note": previous_note(data, fmt),
    }
    table_builders: dict[str, TableBuilder] = {
        "bang_qua_han": lambda w: tables.reminder_table(data.overdue, w, late=True),
        "bang_sap_den_han": lambda w: tables.reminder_table(data.soon, w, late=False),
    }
    subjects: Subjects = [
        (None, data.agency_id),
        *((line.task_id, data.agency_id) for line in data.overdue),
    ]
    return Draft(
        kind=LetterKind.REMIND,
        format=fmt,
        issued_on=as_of,
        subject=SUBJECT,
        context=context,
        tables=table_builders,
        task_count=len(data.overdue),
        subjects=subjects,
    )
