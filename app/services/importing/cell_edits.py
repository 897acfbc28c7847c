"""The officer corrects a cell of the preview: re-read that field, drop the issues it resolved,
re-diff. Works on the preview value only; nothing is written."""

from __future__ import annotations

from app.appendix.parse import IssueKind, deadline_from_cell, refresh_gaps
from app.errors import UserError
from app.services.importing.diff import diff_preview
from app.services.importing.preview_types import TASK_FIELDS, ImportPreview
from models.agency_names import match_name, split_names

EDITABLE_TASK_FIELDS = ("content", "lead", "cooperating", "product", "deadline_text", "note", "group_title")


def edit_task(preview: ImportPreview, index: int, field_name: str, text: str) -> None:
    """The officer corrected one cell of the preview: re-read that field and re-diff."""
    if field_name not in EDITABLE_TASK_FIELDS:
        raise UserError(
            f"Không sửa được cột «{TASK_FIELDS.get(field_name, field_name)}» trong bản xem trước."
        )
    task = preview.tasks[index].parsed
    catalogue = preview.parse.catalogue
    value = text.strip()
    if field_name in ("lead", "cooperating"):
        parties = [match_name(n, catalogue) for n in split_names(value, catalogue)]
        setattr(task, field_name, parties)
    elif field_name == "deadline_text":
        task.deadline = deadline_from_cell(value, preview.reference)
        task.deadline_text = task.deadline.text
    else:
        setattr(task, field_name, value)
    refresh_gaps(task, preview.directive_number or "?")
    refresh_issues(preview)
    diff_preview(preview)


def refresh_issues(preview: ImportPreview) -> None:
    """Drop issues an edit has resolved (unknown names no longer used, deadlines now understood)."""
    rows_ok = {
        (t.parsed.sheet, t.parsed.row)
        for t in preview.tasks
        if t.parsed.deadline.kind.value != "unknown" or not t.parsed.deadline_text
    }
    gapless = {(t.parsed.sheet, t.parsed.row) for t in preview.tasks if not t.parsed.gaps}
    kept = []
    for issue in preview.parse.issues:
        where = (issue.sheet, issue.row)
        if issue.kind is IssueKind.UNKNOWN_AGENCY and not any(
            name in issue.message for name in (m.written for m in preview.unknown)
        ):
            continue
        if issue.kind is IssueKind.DEADLINE and where in rows_ok:
            continue
        if issue.kind is IssueKind.SIX_CLEAR and where in gapless:
            continue
        kept.append(issue)
    preview.parse.issues[:] = kept
