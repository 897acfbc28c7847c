"""Directives (văn bản chỉ đạo): register, edit, cite, keep the original file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.dto import CitationInfo, DeletionCounts, DirectiveDetail, DirectiveInput, DirectiveRow
from app.errors import NotFound, UserError, ValidationError
from app.evidence_store import StoredBlob, stored_file_row
from app.operation import operation
from app.services import row_version
from app.services.base import Service
from app.services.deletion import reports_and_evidence
from app.services.progress import refresh_task
from app.services.row_version import ConcurrentEdit
from app.services.task_query import overdue_tasks
from app.services.task_writer import reindex, set_gaps
from app.services.trash import move_to_trash
from models.deadlines import parse_deadline
from models.directive_kinds import DIRECTIVE_KINDS
from models.entities import (
    Citation,
    Directive,
    Indicator,
    IndicatorValue,
    StoredFile,
    Task,
    directive_number_key,
)

_norm_number = directive_number_key


class DirectiveService(Service):
    def list_directives(self, with_counts: bool = True) -> list[DirectiveRow]:
        """All directives, newest first; counts cost a pass over the tasks, so combos skip them."""
        today = self.ctx.today()
        with self.db.reading() as s:
            counts: dict[int, int] = {}
            overdue: dict[int, int] = {}
            if with_counts:
                # both grouped queries read only an index (ix_task_list_order, ix_task_progress)
                counts = dict(
                    s.execute(select(Task.directive_id, func.count()).group_by(Task.directive_id)).all()
                )
                overdue = dict(
                    s.execute(
                        select(Task.directive_id, func.count())
                        .where(*overdue_tasks(today))
                        .group_by(Task.directive_id)
                    ).all()
                )
            stmt = select(Directive).order_by(Directive.issued_on.desc().nulls_last(), Directive.id.desc())
            return [
                DirectiveRow(
                    id=d.id,
                    number=d.number,
                    kind=d.kind,
                    issuer=d.issuer,
                    issued_on=d.issued_on,
                    subject=d.subject,
                    task_count=counts.get(d.id, 0),
                    overdue_count=overdue.get(d.id, 0),
                )
                for d in s.scalars(stmt)
            ]

    def get(self, directive_id: int) -> DirectiveDetail:
        with self.db.reading() as s:
            d = s.get(Directive, directive_id, options=[selectinload(Directive.citations)])
            if d is None:
                raise NotFound("Không tìm thấy văn bản.")
            n = s.scalar(select(func.count()).where(Task.directive_id == d.id)) or 0
            return DirectiveDetail(
                id=d.id,
                number=d.number,
                kind=d.kind,
                issuer=d.issuer,
                issued_on=d.issued_on,
                place=d.place,
                subject=d.subject,
                signer=d.signer,
                signer_title=d.signer_title,
                signer_authority=d.signer_authority,
                parent_id=d.parent_id,
                parent_number=d.parent.number if d.parent else "",
                citations=tuple(CitationInfo(c.cited_number, c.cited_id) for c in d.citations),
                note=d.note,
                file_name=d.file_name,
                file_sha256=d.file_sha256,
                task_count=n,
                version=d.version,
                changed_by=d.changed_by,
            )

    def find_by_number(self, number: str) -> int | None:
        """The directive registered under ``number`` (case, diacritics and spaces ignored)."""
        with self.db.reading() as s:
            return find_directive(s, number)

    @operation
    def save(self, data: DirectiveInput) -> int:
        """Register or edit a directive; an edit over a version newer than ``data.version`` is
        refused (ConcurrentEdit naming who changed it), never a silent overwrite."""
        check_directive_input(data)
        blob = self.ctx.store.put(data.original_file) if data.original_file is not None else None
        try:
            with self.db.transaction() as s:
                return write_directive(s, data, blob, self.ctx.today()).id
        except StaleDataError:  # another save committed between our read and our write
            with self.db.reading() as s:
                d = s.get(Directive, data.id) if data.id is not None else None
                who = d.changed_by if d is not None else ""
            raise ConcurrentEdit(row_version.stale_message("Văn bản này", who)) from None

    def deletion_counts(self, directive_id: int) -> DeletionCounts:
        """What ``delete`` would take with it: its tasks with their reports and evidence files,
        and the indicators it set with their recorded values."""
        with self.db.reading() as s:
            if s.get(Directive, directive_id) is None:
                raise NotFound("Không tìm thấy văn bản.")
            tasks = s.scalar(select(func.count()).where(Task.directive_id == directive_id)) or 0
            reports, files = reports_and_evidence(s, Task.directive_id == directive_id)
            indicators = select(Indicator.id).where(Indicator.directive_id == directive_id)
            n_indicators = s.scalar(select(func.count()).select_from(indicators.subquery())) or 0
            values = s.scalar(select(func.count()).where(IndicatorValue.indicator_id.in_(indicators))) or 0
            return DeletionCounts(
                tasks=tasks,
                reports=reports,
                evidence_files=files,
                indicators=n_indicators,
                indicator_values=values,
            )

    @operation
    def delete(self, directive_id: int) -> None:
        with self.db.transaction() as s:
            d = s.get(Directive, directive_id)
            if d is None:
                raise NotFound("Không tìm thấy văn bản.")
            move_to_trash(s, d, f"Văn bản {d.number}")
            s.delete(d)

    def export_original(self, directive_id: int, target_dir: Path) -> Path:
        """A checked copy of the stored original, named as the officer attached it."""
        found = self.original_file(directive_id)
        if found is None:
            raise UserError("Văn bản này chưa có tệp gốc kèm theo; hãy sửa văn bản để đính kèm.")
        sha, name = found
        return self.ctx.store.export(sha, name, target_dir / f"van-ban-{directive_id}")

    def original_file(self, directive_id: int) -> tuple[str, str] | None:
        with self.db.reading() as s:
            d = s.get(Directive, directive_id)
            if d is None or d.file_sha256 is None:
                return None
            return d.file_sha256, d.file_name


def find_directive(s: Session, number: str) -> int | None:
    """The directive numbered ``number`` in the caller's session: one lookup on the indexed key.

    Two directives may share a key in old data; the first registered wins, as before.
    """
    key = directive_number_key(number)
    stmt = select(Directive.id).where(Directive.number_key == key).order_by(Directive.id).limit(1)
    return s.scalar(stmt)


_find = find_directive  # the name letters and the importer still use


def check_directive_input(data: DirectiveInput) -> str:
    """The form's checks that need no database; the number as it will be stored."""
    number = " ".join(data.number.split())
    if not number:
        raise ValidationError("Số, ký hiệu văn bản không được để trống.", "number")
    if data.kind not in DIRECTIVE_KINDS:
        raise ValidationError("Loại văn bản không hợp lệ.", "kind")
    if data.issued_on is not None and data.issued_on > date(2100, 1, 1):
        raise ValidationError("Ngày ban hành không hợp lệ.", "issued_on")
    return number


def write_directive(s: Session, data: DirectiveInput, blob: StoredBlob | None, today: date) -> Directive:
    """Register or edit a directive inside the caller's transaction (``blob``: its original,
    already in the store). The directive form and the directive reader both write through here."""
    number = check_directive_input(data)
    other = _find(s, number)
    if other is not None and other != data.id:
        raise ValidationError(f"Văn bản số {number} đã có trong sổ.", "number")
    if data.id is None:
        d = Directive(number=number)
        s.add(d)
    else:
        found = s.get(Directive, data.id)
        if found is None:
            raise NotFound("Không tìm thấy văn bản.")
        row_version.check(found, data.version, "Văn bản này")
        d = found
        row_version.bump(s, d)
    if data.parent_id is not None and data.parent_id == data.id:
        raise ValidationError("Văn bản không thể là văn bản cha của chính nó.", "parent_id")
    if data.parent_id is not None and s.get(Directive, data.parent_id) is None:
        raise ValidationError("Không tìm thấy văn bản cha đã chọn.", "parent_id")
    date_changed = d.issued_on != data.issued_on
    renumbered = d.number != number
    d.number, d.kind, d.issuer, d.issued_on = number, data.kind, data.issuer.strip(), data.issued_on
    d.place, d.subject, d.signer = data.place.strip(), data.subject.strip(), data.signer.strip()
    d.signer_title, d.signer_authority = data.signer_title.strip(), data.signer_authority
    d.parent_id, d.note = data.parent_id, data.note
    if blob is not None and data.original_file is not None:
        if s.get(StoredFile, blob.sha256) is None:
            s.add(stored_file_row(blob))
            s.flush()
        d.file_sha256, d.file_name = blob.sha256, data.original_file.name
    _set_citations(s, d, data.citations)
    s.flush()
    _link_citations_to(s, d)
    if (date_changed or renumbered) and data.id is not None:
        for t in d.tasks:
            if renumbered:
                reindex(t)
            if date_changed:
                # A phrase without a year ("Trước ngày 15/7") takes it from the issuing
                # date, exactly as saving the task would.
                meaning = parse_deadline(t.deadline_text, reference=d.issued_on or today)
                t.deadline, t.deadline_kind = meaning.to_json(), meaning.kind.value
                set_gaps(t)  # an undated phrase may now be dated, or the reverse
                refresh_task(s, t, today)
    return d


def _set_citations(s: Session, d: Directive, numbers: list[str]) -> None:
    wanted = [" ".join(n.split()) for n in numbers if n.strip()]
    d.citations[:] = []
    s.flush()
    for number in dict.fromkeys(wanted):
        d.citations.append(Citation(cited_number=number, cited_id=_find(s, number)))


def _link_citations_to(s: Session, d: Directive) -> None:
    """A newly registered directive becomes the target of citations that named it earlier."""
    key = d.number_key
    for c in s.scalars(select(Citation).where(Citation.cited_id.is_(None))):
        if _norm_number(c.cited_number) == key and c.directive_id != d.id:
            c.cited_id = d.id
