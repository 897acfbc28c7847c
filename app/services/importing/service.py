"""``ImportService``: the facade the import dialog and the CLI call.

It opens the sessions and runs the steps the sibling modules define: catalogue, parse,
existing rows, diff (``iter_preview``); retargeting; and the commit in one transaction,
an ``@operation`` answered with what it changed.
"""

from __future__ import annotations

from collections.abc import Generator
from datetime import date
from pathlib import Path

from app.appendix.headers import ColumnChoices, SheetChoice
from app.appendix.parse import deadline_from_cell, default_catalogue, iter_parse_appendix
from app.errors import UserError
from app.operation import operation
from app.services.base import Service
from app.services.directives import _find
from app.services.importing import column_memory
from app.services.importing.catalogue import has_agencies, load_catalogue
from app.services.importing.commit import check_decisions, commit_preview
from app.services.importing.diff import diff_preview
from app.services.importing.existing import existing_indicators, existing_tasks
from app.services.importing.preview_types import (
    Decision,
    ImportPreview,
    ImportResult,
    PreviewIndicator,
    PreviewTask,
    RowStatus,
)
from app.steps import run_to_end
from models.agency_names import Catalogue
from models.deadline_text import dmy
from models.entities import Directive, directive_number_key


class ImportService(Service):
    # -- the catalogue the database knows --------------------------------------------------
    def catalogue(self, seed: Catalogue | None = None) -> Catalogue:
        """Agencies and groups of the database (plus the default groups and, if given, a seed
        catalogue for names the database lacks): what appendix names are matched against."""
        with self.db.reading() as s:
            return load_catalogue(s, seed)

    def has_agencies(self) -> bool:
        with self.db.reading() as s:
            return has_agencies(s)

    # -- preview ---------------------------------------------------------------------------------
    def preview(
        self,
        path: Path,
        directive_id: int | None = None,
        seed_catalogue: bool = False,
        choices: ColumnChoices | None = None,
        allow_empty: bool = False,
    ) -> ImportPreview:
        return run_to_end(self.iter_preview(path, directive_id, seed_catalogue, choices, allow_empty))

    def iter_preview(
        self,
        path: Path,
        directive_id: int | None = None,
        seed_catalogue: bool = False,
        choices: ColumnChoices | None = None,
        allow_empty: bool = False,
    ) -> Generator[tuple[int, int], None, ImportPreview]:
        """Parse and diff; yields (done, total) for a progress bar. Reads the database, never writes.

        `seed_catalogue` adds the shipped agency catalogue when the database has no agencies
        yet, so a first import into a new database does not create "Sở KH&CN" as an agency.
        `choices` (column roles, sheet kinds) come on top of those remembered for the same
        header layouts; `allow_empty` lets the window show a file it cannot import yet.
        """
        with self.db.reading() as s:
            remembered = column_memory.load(s)
        given = choices or ColumnChoices()
        choices = ColumnChoices(given.roles, given.kinds, {**remembered, **given.remembered})
        seed = default_catalogue() if seed_catalogue and not self.has_agencies() else None
        catalogue = self.catalogue(seed)
        reference: date | None = None
        target_date: date | None = None
        number = ""
        if directive_id is not None:
            with self.db.reading() as s:
                d = s.get(Directive, directive_id)
                if d is None:
                    raise UserError("Không tìm thấy văn bản được chọn để nhập phụ lục.")
                reference, number, target_date = d.issued_on, d.number, d.issued_on
        parsed = yield from iter_parse_appendix(Path(path), catalogue, reference, choices, allow_empty)
        if directive_id is None and parsed.directive_number:
            with self.db.reading() as s:
                directive_id = _find(s, parsed.directive_number)
            number = parsed.directive_number
            if directive_id is not None:
                with self.db.reading() as s:
                    d = s.get(Directive, directive_id)
                    target_date = d.issued_on if d is not None else None
                    if d is not None and d.issued_on is not None and d.issued_on != parsed.directive_date:
                        reference = d.issued_on
        preview = ImportPreview(
            parse=parsed,
            directive_id=directive_id,
            directive_number=number,
            tasks=[PreviewTask(t, RowStatus.NEW) for t in parsed.tasks],
            indicators=[PreviewIndicator(i, RowStatus.NEW) for i in parsed.indicators],
            reference=reference or parsed.directive_date or self.ctx.today(),
            directive_subject=parsed.directive_subject,
            choices=choices,
            directive_date=target_date if directive_id is not None else parsed.directive_date,
        )
        if reference is not None and reference != parsed.directive_date:
            for t in parsed.tasks:  # the target's own issuing date supplies missing years
                if t.deadline_text:
                    t.deadline = deadline_from_cell(t.deadline_text, reference)
        if directive_id is not None:
            self._load_existing(preview, directive_id)
        diff_preview(preview)
        return preview

    def retarget(self, preview: ImportPreview, directive_id: int | None) -> None:
        """The officer picked another target directive (None: create one from the title)."""
        preview.directive_id = directive_id
        preview.existing_tasks, preview.existing_indicators = [], []
        if directive_id is not None:
            with self.db.reading() as s:
                d = s.get(Directive, directive_id)
                if d is None:
                    raise UserError("Không tìm thấy văn bản được chọn để nhập phụ lục.")
                preview.directive_number, preview.directive_date = d.number, d.issued_on
            self._load_existing(preview, directive_id)
        else:
            preview.directive_number = preview.parse.directive_number
            preview.directive_date = preview.parse.directive_date
        diff_preview(preview)

    def directive_by_number(self, number: str) -> int | None:
        """The registered directive with this number (spelling as the register compares it)."""
        with self.db.reading() as s:
            return _find(s, number)

    @staticmethod
    def title_number_conflict(preview: ImportPreview, number: str) -> str | None:
        """The number the appendix's own title names when it is another directive than ``number``.

        An appendix says which directive it belongs to ("Kèm theo Quyết định số 1234/QĐ-BKHCN");
        importing it into another directive would merge its rows into that directive's (and
        update the ones that match), so the caller must ask before doing so.
        """
        own = preview.parse.directive_number.strip()
        if own and directive_number_key(own) != directive_number_key(" ".join(number.split())):
            return own
        return None

    def name_directive(self, preview: ImportPreview, number: str) -> None:
        """Import into the directive numbered `number`: the registered one, else a new one with
        that number (a draft appendix leaves its own number blank: "Kế hoạch số:   /KH-UBND")."""
        number = " ".join(number.split())
        if not number:
            raise UserError("Số văn bản để trống; hãy ghi số, ví dụ «125/KH-UBND».")
        found = self.directive_by_number(number)
        self.retarget(preview, found)
        if found is None:
            preview.directive_number = number
            if number != preview.parse.directive_number:
                preview.directive_date = None  # the title's date is another directive's
            diff_preview(preview)

    def anchor_note(self, preview: ImportPreview) -> str:
        """The warning about recurring duties with no start (counted from today), or ""."""
        return preview.anchor_note(self.ctx.today())

    def date_directive(self, preview: ImportPreview, issued_on: date) -> None:
        """The issuing date of the directive the commit creates (a draft's title has none); tasks'
        deadlines without a year and recurring duties count from it."""
        if preview.directive_id is not None:
            with self.db.reading() as s:
                d = s.get(Directive, preview.directive_id)
                registered = d.issued_on if d is not None else preview.directive_date
            if registered == issued_on:
                return  # the same date again (a re-import with the same --date): nothing to change
            was = f"ngày ban hành {dmy(registered)}" if registered is not None else "chưa ghi ngày ban hành"
            raise UserError(
                f"Văn bản {preview.directive_number} đã có trong sổ ({was}), khác ngày {dmy(issued_on)} "
                "ghi khi nhập phụ lục; ngày ban hành của văn bản đã có sửa ở trang Văn bản. Chưa nhập gì."
            )
        preview.directive_date = preview.reference = issued_on
        for t in preview.parse.tasks:
            if t.deadline_text:
                t.deadline = deadline_from_cell(t.deadline_text, issued_on)

    @operation
    def remember_columns(self, signature: str, choice: SheetChoice) -> None:
        """Keep the roles chosen for a header layout, for the next workbook laid out the same."""
        with self.db.transaction() as s:
            column_memory.save(s, signature, choice)

    def _load_existing(self, preview: ImportPreview, directive_id: int) -> None:
        with self.db.reading() as s:
            preview.existing_tasks = existing_tasks(s, directive_id)
            preview.existing_indicators = existing_indicators(s, directive_id)

    # -- commit ------------------------------------------------------------------------------------
    @operation
    def commit(self, preview: ImportPreview, decisions: dict[str, Decision] | None = None) -> ImportResult:
        """Write the preview in one transaction: every row, or (on any error) nothing at all.

        Answers ``OpResult(ImportResult, changes)``: new tasks go in by bulk insert, so the
        changes say ``all_tasks``; a re-import that only updates names the updated tasks.
        """
        decisions = decisions or {}
        if not preview.tasks and not preview.indicators:
            raise UserError(
                f"Tệp «{preview.parse.path.name}»: chưa có nhiệm vụ hay chỉ tiêu nào để nhập "
                "(xem cảnh báo của từng trang; chọn vai trò cột hoặc loại bảng)."
            )
        check_decisions(preview, decisions)
        with self.db.transaction() as s:
            return commit_preview(s, preview, decisions, self.ctx.today())
