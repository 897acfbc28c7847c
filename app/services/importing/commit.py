"""Writing a checked preview inside the caller's transaction: every row, or (on error) none.

New tasks go in through the task writer's bulk insert; updated tasks through its one-by-one
path, so an imported task is stored exactly as ``TaskService.save`` would store it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.appendix.parse import ParsedTask
from app.errors import UserError
from app.services.directives import _find
from app.services.importing.preview_types import Decision, ImportPreview, ImportResult, RowStatus
from app.services.importing.resolution import Parties
from app.services.indicators import _as_text
from app.services.task_writer import NewTask, Party, finish, insert_tasks, set_assignments, set_deadline
from models.directive_kinds import kind_from_number
from models.entities import Directive, Indicator, IndicatorAgency, Task
from models.textfold import fold


def check_decisions(preview: ImportPreview, decisions: dict[str, Decision]) -> None:
    """Every unknown name needs a decision before anything is written."""
    missing = [m.written for m in preview.unknown if fold(m.written) not in decisions]
    if missing:
        raise UserError(
            f"Chưa chọn cách xử lý cho cơ quan «{missing[0]}» (chọn một cơ quan có sẵn hoặc tạo mới)."
        )


def commit_preview(
    s: Session, preview: ImportPreview, decisions: dict[str, Decision], today: date
) -> ImportResult:
    directive, created = target_directive(s, preview)
    result = ImportResult(directive.id, directive.number, created)
    parties = Parties(s, preview.parse.catalogue, decisions, result)
    write_tasks(s, preview, directive, parties, today, result)
    write_indicators(s, preview, directive, parties, result)
    return result


def unknown_subject(file_name: str) -> str:
    """What a new directive's subject says when neither the title nor the officer gave one:
    plainly that it is not known, never a made-up subject."""
    return f"(Chưa có trích yếu – văn bản tạo khi nhập phụ lục {file_name}; hãy sửa lại)"


def target_directive(s: Session, preview: ImportPreview) -> tuple[Directive, bool]:
    """The chosen directive, else the one the title names, else a new one; and whether new."""
    if preview.directive_id is not None:
        d = s.get(Directive, preview.directive_id)
        if d is None:
            raise UserError("Văn bản được chọn không còn trong cơ sở dữ liệu.")
        return d, False
    number = preview.directive_number or preview.parse.directive_number
    if not number:
        raise UserError("Hãy chọn văn bản giao nhiệm vụ: tiêu đề phụ lục không ghi số văn bản.")
    found = _find(s, number)
    if found is not None:
        d = s.get(Directive, found)
        assert d is not None
        return d, False
    d = Directive(
        number=number,
        kind=kind_from_number(number) or "K",
        issued_on=preview.directive_date,
        subject=preview.directive_subject.strip() or unknown_subject(preview.parse.path.name),
    )
    s.add(d)
    s.flush()
    return d, True


def write_tasks(
    s: Session,
    preview: ImportPreview,
    directive: Directive,
    parties: Parties,
    today: date,
    result: ImportResult,
) -> None:
    new: list[NewTask] = []
    for row in preview.tasks:
        t = row.parsed
        assigned = parties.assignments(t.lead, t.cooperating)
        if row.status is RowStatus.UNCHANGED:
            result.tasks_unchanged += 1
            continue
        if row.status is RowStatus.UPDATED and row.existing_id is not None:
            update_task(s, row.existing_id, t, directive.issued_on or today, assigned, today)
            result.tasks_updated += 1
            continue
        new.append(
            NewTask(
                group_code=t.group,
                group_title=t.group_title,
                seq=t.seq,
                index_in_group=t.index_in_group,
                content=t.content,
                product=t.product,
                deadline_text=t.deadline_text,
                note=t.note,
                parties=assigned,
                names=[parties.display(agency_id, group_id) for _, agency_id, group_id in assigned],
            )
        )
    result.tasks_added = len(insert_tasks(s, directive, new, today))


def update_task(
    s: Session, task_id: int, t: ParsedTask, reference: date, assigned: list[Party], today: date
) -> None:
    """Overwrite an existing task with the appendix's row; parties that reported stay on."""
    task = s.get(Task, task_id)
    if task is None:
        raise UserError(f"Nhiệm vụ {t.seq} đã bị xóa trong lúc xem trước; hãy mở lại bản xem trước.")
    task.group_code, task.group_title, task.seq = t.group, t.group_title, t.seq
    task.index_in_group = t.index_in_group
    task.content, task.product, task.note = t.content, t.product, t.note
    set_deadline(task, t.deadline_text, reference)
    set_assignments(task, assigned)
    finish(s, task, today)


def write_indicators(
    s: Session,
    preview: ImportPreview,
    directive: Directive,
    parties: Parties,
    result: ImportResult,
) -> None:
    for row in preview.indicators:
        i = row.parsed
        assigned = parties.assignments(i.lead, i.cooperating)
        if row.status is RowStatus.UNCHANGED:
            result.indicators_unchanged += 1
            continue
        if row.status is RowStatus.UPDATED and row.existing_id is not None:
            ind = s.get(Indicator, row.existing_id)
            if ind is None:
                raise UserError(f"Chỉ tiêu {i.seq} đã bị xóa trong lúc xem trước; hãy mở lại bản xem trước.")
            result.indicators_updated += 1
        else:
            ind = Indicator(directive_id=directive.id, name=i.name)
            s.add(ind)
            result.indicators_added += 1
        ind.seq, ind.group_code, ind.group_title = i.seq, i.group, i.group_title
        ind.name, ind.unit, ind.note = i.name, i.unit, i.note
        ind.baseline, ind.target = _as_text(i.baseline), _as_text(i.target)
        ind.agencies[:] = [
            IndicatorAgency(role=role, agency_id=agency_id, group_id=group_id)
            for role, agency_id, group_id in assigned
        ]
    s.flush()
