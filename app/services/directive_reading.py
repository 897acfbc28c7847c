"""Reading a directive's text into a draft against the database's catalogue, and registering the
reviewed draft: the directive, its original file, the cited documents the officer chose to
register and the tasks, all in one transaction.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.appendix.catalogue_file import ALL_GROUPS
from app.directive_text.files import read_text
from app.directive_text.review import ReadDirectiveInput, ReferenceChoice, cited_on
from app.dto import PartyRef
from app.errors import UserError, ValidationError
from app.operation import operation
from app.services.agencies import resolve_in
from app.services.base import Service
from app.services.directives import check_directive_input, find_directive, write_directive
from app.services.importing.catalogue import load_catalogue
from app.services.tasks import check_task_input, write_task
from models.agency_names import Catalogue
from models.directive_text.reader import DirectiveDraft, read_directive
from models.entities import AgencyGroup
from models.textfold import fold


class DirectiveReadingService(Service):
    def catalogue(self) -> Catalogue:
        with self.db.reading() as s:
            return load_catalogue(s)

    def read_text(self, text: str) -> DirectiveDraft:
        """The draft of a pasted text; reads the database only for the catalogue."""
        if not text.strip():
            raise UserError("Chưa có nội dung văn bản để đọc.")
        return read_directive(text, self.catalogue(), self.ctx.today())

    def read_file(self, path: Path) -> DirectiveDraft:
        return read_directive(read_text(path), self.catalogue(), self.ctx.today())

    def resolve_names(self, names: list[str]) -> dict[str, PartyRef | None]:
        """Each catalogue name as the database's agency or group (``None``: it has none). A default
        group the database lacks yet (one added to the program after the catalogue was loaded) is
        known all the same: a ``PartyRef`` without id, created when the directive is saved."""
        defaults = {fold(name): name for name, _kind in ALL_GROUPS}
        with self.db.reading() as s:
            found = {n: resolve_in(s, n) for n in names}
        return {n: ref if ref is not None or fold(n) not in defaults else PartyRef(defaults[fold(n)])
                for n, ref in found.items()}  # fmt: skip

    def references(self, draft: DirectiveDraft) -> list[ReferenceChoice]:
        """The documents the draft cites, each with the directive it is registered as, if any."""
        with self.db.reading() as s:
            return [
                ReferenceChoice(r.number, find_directive(s, r.number), cited_on(draft.text, r))
                for r in draft.references
            ]

    @operation
    def register(self, data: ReadDirectiveInput) -> int:
        """The reviewed directive with its tasks; nothing is written if any part is refused."""
        check_directive_input(data.directive)
        for n, task in enumerate(data.tasks, 1):
            try:
                check_task_input(task)
            except ValidationError as exc:
                raise ValidationError(f"Nhiệm vụ {n}: {exc}", "tasks") from None
        blob = self.ctx.store.put(data.directive.original_file) if data.directive.original_file else None
        today = self.ctx.today()
        with self.db.transaction() as s:
            for cited in data.register:  # first, so the new directive's citations link to them
                if find_directive(s, cited.number) is None:
                    write_directive(s, cited, None, today)
            directive = write_directive(s, data.directive, blob, today)
            for n, task in enumerate(data.tasks, 1):
                task = replace(task, lead=_with_ids(s, task.lead), cooperating=_with_ids(s, task.cooperating))
                try:
                    write_task(s, replace(task, directive_id=directive.id, id=None), today)
                except ValidationError as exc:
                    raise ValidationError(f"Nhiệm vụ {n}: {exc}", "tasks") from None
            return directive.id


def _with_ids(s: Session, parties: list[PartyRef]) -> list[PartyRef]:
    """The parties, each default group without an id created first (see ``resolve_names``)."""
    kinds = {fold(name): kind for name, kind in ALL_GROUPS}
    out: list[PartyRef] = []
    for p in parties:
        if p.agency_id is None and p.group_id is None and fold(p.name) in kinds:
            key = fold(p.name)
            group = s.scalar(select(AgencyGroup).where(AgencyGroup.name_key == key))
            if group is None:
                group = AgencyGroup(name=p.name, name_key=key, member_kind=kinds[key])
                s.add(group)
                s.flush()
            p = PartyRef(group.name, group_id=group.id)
        out.append(p)
    return out
