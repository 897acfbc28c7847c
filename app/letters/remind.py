"""The reminder (công văn đôn đốc): one agency, every task it has overdue on the letter's date.

The letter is dated the day overdue is counted on; a later day lets the secretariat prepare
a reminder dated ahead (e.g. for Monday's signing). An agency with nothing overdue is
refused: a reminder with an empty list would waste a number of the register.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from lxml import etree

from app.dto import PartyRef
from app.errors import UserError
from app.letters import blocks, tables
from app.letters.content import RemindContent
from app.letters.issue import Draft
from app.letters.layout import spec_for
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


def file_name(
    agency_name: str, as_of: date, taken: set[str] | None = None, folder: Path | None = None
) -> str:
    """``don-doc-cong-an-tinh-2026-11-24.docx``: one file per agency in a batch's folder.

    Two names that differ only by punctuation ("Sở A-B", "Sở A B") fold to the same slug, and
    a folder may already hold a letter: ``taken`` (names given in this batch) and ``folder``
    make the name unique with ``-2``, ``-3``… instead of overwriting."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(agency_name)).strip("-")[:60] or "co-quan"
    base = f"don-doc-{slug}-{as_of.isoformat()}"
    name, n = f"{base}.docx", 1
    while (taken is not None and name in taken) or (folder is not None and (folder / name).exists()):
        n += 1
        name = f"{base}-{n}.docx"
    if taken is not None:
        taken.add(name)
    return name


def in_sentence(name: str) -> str:
    """A group's name mid-sentence: "Các sở, ban, ngành" → "các sở, ban, ngành"."""
    return name[0].lower() + name[1:] if name.startswith("Các ") else name


def previous_note(data: RemindContent, fmt: LetterFormat) -> str:
    """`` (đã được đôn đốc 2 lần, gần nhất tại Công văn số … ngày … của …)`` — or "" for a first.

    Only reminders sent on an earlier day to this recipient about these tasks count
    (``register.previous_reminders``)."""
    if not data.previous:
        return ""
    last = data.previous[-1]
    sep = "," if fmt is LetterFormat.PARTY else ""
    return (
        f" (đã được đôn đốc {len(data.previous)} lần, gần nhất tại Công văn số {last.number}{sep} "
        f"ngày {short_date(last.issued_on)} của {last.issuer})"
    )


def overdue_phrase(data: RemindContent) -> str:
    """``14 nhiệm vụ được giao chủ trì và 16 nhiệm vụ được giao phối hợp`` — never one lump
    count over roles the agency answers for differently."""
    lead, coop = len(data.overdue_lead), len(data.overdue_cooperating)
    parts = []
    if lead:
        parts.append(f"{lead:02d} nhiệm vụ được giao chủ trì")
    if coop:
        parts.append(f"{coop:02d} nhiệm vụ được giao phối hợp")
    return " và ".join(parts)


def draft(data: RemindContent, fmt: LetterFormat) -> Draft:
    if not data.overdue:
        raise UserError(
            f"{data.agency_name} không có nhiệm vụ quá hạn tại ngày {short_date(data.as_of)}; "
            "không lập công văn đôn đốc."
        )
    as_of = data.as_of
    spec = spec_for(fmt)
    who = in_sentence(data.agency_name)
    soon_until = short_date(as_of + timedelta(days=data.soon_days))
    parts: list[tuple[str, Callable[[float], etree._Element]]] = []
    if data.overdue_lead:
        parts.append(
            (
                f"Nhiệm vụ do {who} chủ trì đã quá hạn",
                lambda w: tables.reminder_table(data.overdue_lead, w, late=True, role=False),
            )
        )
    if data.overdue_cooperating:
        parts.append(
            (
                f"Nhiệm vụ {who} phối hợp thực hiện đã quá hạn",
                lambda w: tables.reminder_table(data.overdue_cooperating, w, late=True, role=False),
            )
        )
    if data.soon:
        parts.append(
            (
                f"Nhiệm vụ sắp đến hạn (trong {data.soon_days} ngày tới, đến ngày {soon_until})",
                lambda w: tables.reminder_table(data.soon, w, late=False),
            )
        )
    recipient = f"{data.agency_name}."
    context = {
        # Vietnamese placeholders of the templates (resources/help/huong-dan-su-dung.md)
        "co_quan_nhan": who,
        "ngay_tinh": long_date(as_of),
        "so_nhiem_vu_qua_han": overdue_phrase(data),
        "ghi_chu_don_doc_truoc": previous_note(data, fmt),
        "han_tra_loi": f"ngày {short_date(data.respond_by)}",
        # the names of version 1, for an officer's edited copy made before
        "agency": who,
        "recipient_lines": [recipient],
        "as_of_long": long_date(as_of),
        "overdue_count": f"{len(data.overdue):02d}",
        "soon_count": len(data.soon),
        "soon_days": data.soon_days,
        "soon_until": soon_until,
        "respond_by": f"ngày {short_date(data.respond_by)}",
        "previous_note": previous_note(data, fmt),
    }
    table_builders: dict[str, TableBuilder] = {
        "khoi_kinh_gui": lambda w: blocks.kinh_gui([recipient], spec),
        "khoi_nhiem_vu": blocks.sections(parts, spec),
        "bang_qua_han": lambda w: tables.reminder_table(data.overdue, w, late=True),
        "bang_sap_den_han": lambda w: tables.reminder_table(data.soon, w, late=False),
    }
    agency = data.agency_id if data.group_id is None else None
    subjects: Subjects = [
        *([(None, agency)] if agency is not None else []),
        *((line.task_id, agency) for line in data.overdue),
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
        recipient=data.agency_name,
    )
