"""The assignment letter (công văn triển khai): a directive's tasks sent to the agencies.

The tasks go in a landscape appendix. Without a chosen format the letter follows the
directive's own symbol: a Party directive (``420-CV/TU``) goes out from the Party body,
any other from the state body.
"""

from __future__ import annotations

from datetime import date

from app.errors import NotFound, UserError
from app.letters import blocks, tables
from app.letters.content import AssignContent, directive_ref
from app.letters.issue import Draft
from app.letters.layout import spec_for
from app.letters.register import Subjects
from app.letters.render import TableBuilder
from models.entities import Directive
from models.letters import LetterKind
from models.vn_dates import LetterFormat


def directive_id(found: int | None, typed: str) -> int:
    """The directive a person named by its number, looked up by the caller; refused if none."""
    if found is None:
        raise NotFound(f"Không tìm thấy văn bản số «{typed}» trong danh sách văn bản chỉ đạo.")
    return found


def format_for(data: AssignContent, fmt: LetterFormat | None) -> LetterFormat:
    if fmt is not None:
        return fmt
    return LetterFormat.PARTY if data.party_format else LetterFormat.STATE


def refuse_empty(data: AssignContent) -> AssignContent:
    if not data.tasks:
        raise UserError(f"Văn bản {data.directive_number} chưa có nhiệm vụ nào để triển khai.")
    return data


def draft(directive: Directive, data: AssignContent, fmt: LetterFormat | None, issued_on: date) -> Draft:
    refuse_empty(data)
    chosen = format_for(data, fmt)
    end = spec_for(chosen).item_end
    ref = directive_ref(directive, chosen is LetterFormat.PARTY)
    recipients = [f"{r}{end}" for r in data.recipients]
    recipients[-1] = recipients[-1][: -len(end)] + "."
    spec = spec_for(chosen)
    context = {
        # Vietnamese placeholders of the templates (resources/help/huong-dan-su-dung.md)
        "van_ban_chi_dao": ref,
        "van_ban_chi_dao_in_hoa": ref.upper(),
        "noi_dung_chi_dao": data.directive_subject,
        "so_nhiem_vu": f"{len(data.tasks):02d}",
        # the names of version 1, for an officer's edited copy made before
        "recipient_lines": recipients,
        "directive_ref": ref,
        "directive_ref_upper": ref.upper(),
        "directive_subject": data.directive_subject,
        "task_count": f"{len(data.tasks):02d}",
    }
    table_builders: dict[str, TableBuilder] = {
        "khoi_kinh_gui": lambda w: blocks.kinh_gui(recipients, spec),
        "bang_nhiem_vu": lambda w: tables.assign_table(data.tasks, w),
    }
    subjects: Subjects = [
        *((None, a) for a in data.agency_ids),
        *((line.task_id, None) for line in data.tasks),
    ]
    return Draft(
        kind=LetterKind.ASSIGN,
        format=chosen,
        issued_on=issued_on,
        subject=f"V/v triển khai thực hiện {ref}",
        context=context,
        tables=table_builders,
        task_count=len(data.tasks),
        subjects=subjects,
        recipient="; ".join(data.recipients),
    )
