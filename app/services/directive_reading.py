"""Reading a directive's text into a draft against the database's catalogue, and registering the
reviewed draft: the directive, its original file, the cited documents the officer chose to
register and the tasks, all in one transaction.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

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
        """Each catalogue name as the database's agency or group (``None``: it has none)."""
        with self.db.reading() as s:
            return {n: resolve_in(s, n) for n in names}

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
                try:
                    write_task(s, replace(task, directive_id=directive.id, id=None), today)
                except ValidationError as exc:
                    raise ValidationError(f"Nhiệm vụ {n}: {exc}", "tasks") from None
            return directive.id
