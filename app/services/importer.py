"""Appendix import: parse → preview (matched, diffed, editable) → commit in one transaction.

The preview is a plain value the window can show and edit; nothing is written until
`commit`, which writes every row or none. Re-importing the same appendix matches the
directive's existing tasks by content (then by position) and updates them instead of
adding duplicates. New tasks go in through Core `executemany`, since ORM `add_all` is
about 20× slower at appendix sizes of thousands of rows; their search text, deadline JSON
and cached progress are computed exactly as `TaskService.save` computes them.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from app.appendix.parse import (
    AppendixParse,
    IssueKind,
    ParsedIndicator,
    ParsedTask,
    deadline_from_cell,
    default_catalogue,
    iter_parse_appendix,
    refresh_gaps,
)
from app.errors import UserError
from app.services.agencies import DEFAULT_GROUPS
from app.services.base import Service
from app.services.indicators import _as_text
from app.services.progress import HORIZON_DAYS, refresh_task
from app.services.tasks import search_text_for
from models.agency_names import Catalogue, Entry, Match, match_name, name_key, split_names
from models.deadlines import parse_deadline
from models.directive_kinds import kind_from_number
from models.entities import (
    Agency,
    AgencyAlias,
    AgencyGroup,
    AgencyKind,
    Assignment,
    Directive,
    Indicator,
    IndicatorAgency,
    Role,
    Task,
)
from models.status import summarize
from models.textfold import fold


class RowStatus(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


STATUS_LABELS = {RowStatus.NEW: "Mới", RowStatus.UPDATED: "Cập nhật", RowStatus.UNCHANGED: "Không đổi"}

TASK_FIELDS: dict[str, str] = {
    "group": "Nhóm",
    "group_title": "Tên nhóm",
    "seq": "Số thứ tự",
    "content": "Nội dung",
    "lead": "Chủ trì",
    "cooperating": "Phối hợp",
    "product": "Sản phẩm",
    "deadline_text": "Thời hạn",
    "note": "Ghi chú",
}
INDICATOR_FIELDS: dict[str, str] = {
    "group": "Nhóm",
    "name": "Tên chỉ tiêu",
    "unit": "Đơn vị tính",
    "baseline": "Thực hiện",
    "target": "Chỉ tiêu",
    "lead": "Chủ trì",
    "cooperating": "Phối hợp",
}
# How alike two contents must be for a task at the same position to count as the same task.
SAME_TASK_SIMILARITY = 70.0


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Decision:
    """What to do with a name the catalogue does not know.

    Either an existing agency (`agency_id`; the written name is remembered as its alias),
    an existing group (`group_id`), or a new agency (`create`, named `new_name` or as written).
    """

    agency_id: int | None = None
    group_id: int | None = None
    create: bool = False
    new_name: str = ""


@dataclass
class PreviewTask:
    parsed: ParsedTask
    status: RowStatus
    existing_id: int | None = None
    changes: list[Change] = field(default_factory=list)


@dataclass
class PreviewIndicator:
    parsed: ParsedIndicator
    status: RowStatus
    existing_id: int | None = None
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class _TaskSnapshot:
    id: int
    values: dict[str, str]


@dataclass
class ImportPreview:
    parse: AppendixParse
    directive_id: int | None  # the target directive; None = create it from the title
    directive_number: str
    tasks: list[PreviewTask]
    indicators: list[PreviewIndicator]
    reference: date
    existing_tasks: list[_TaskSnapshot] = field(default_factory=list, repr=False)
    existing_indicators: list[_TaskSnapshot] = field(default_factory=list, repr=False)

    @property
    def unknown(self) -> list[Match]:
        return self.parse.unknown_names

    @property
    def issue_count(self) -> int:
        return len(self.parse.issues)

    def default_decisions(self) -> dict[str, Decision]:
        """Accept the parse as it stands: every unknown name becomes a new agency."""
        return {fold(m.written): Decision(create=True) for m in self.unknown}

    def count(self, status: RowStatus) -> tuple[int, int]:
        return (
            sum(t.status is status for t in self.tasks),
            sum(i.status is status for i in self.indicators),
        )


@dataclass
class ImportResult:
    directive_id: int
    directive_number: str
    created_directive: bool
    tasks_added: int = 0
    tasks_updated: int = 0
    tasks_unchanged: int = 0
    indicators_added: int = 0
    indicators_updated: int = 0
    indicators_unchanged: int = 0
    agencies_created: list[str] = field(default_factory=list)
    aliases_added: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """What the import did, in Vietnamese, for the CLI and the window."""
        lines = [
            ("Đã tạo văn bản " if self.created_directive else "Văn bản ") + f"{self.directive_number}.",
            f"Nhiệm vụ: thêm {self.tasks_added}, cập nhật {self.tasks_updated}, "
            f"giữ nguyên {self.tasks_unchanged}.",
            f"Chỉ tiêu: thêm {self.indicators_added}, cập nhật {self.indicators_updated}, "
            f"giữ nguyên {self.indicators_unchanged}.",
        ]
        if self.agencies_created:
            lines.append(f"Cơ quan mới: {len(self.agencies_created)} ({', '.join(self.agencies_created)}).")
        if self.aliases_added:
            lines.append(f"Tên gọi khác được ghi nhớ: {', '.join(self.aliases_added)}.")
        return "\n".join(lines)


def _task_values(t: ParsedTask) -> dict[str, str]:
    return {
        "group": t.group,
        "group_title": t.group_title,
        "seq": str(t.seq),
        "content": t.content,
        "lead": "; ".join(t.lead_names),
        "cooperating": "; ".join(t.cooperating_names),
        "product": t.product,
        "deadline_text": t.deadline_text,
        "note": t.note,
    }


def _indicator_values(i: ParsedIndicator) -> dict[str, str]:
    return {
        "group": i.group,
        "name": i.name,
        "unit": i.unit,
        "baseline": _as_text(i.baseline),
        "target": _as_text(i.target),
        "lead": "; ".join(m.canonical or m.written for m in i.lead),
        "cooperating": "; ".join(m.canonical or m.written for m in i.cooperating),
    }


def _changes(old: dict[str, str], new: dict[str, str], labels: dict[str, str]) -> list[Change]:
    return [Change(k, labels[k], old.get(k, ""), new[k]) for k in labels if old.get(k, "") != new[k]]


def _pair(new_keys: list[tuple[str, int]], old: list[_TaskSnapshot], main: str) -> dict[int, _TaskSnapshot]:
    """Which existing row each new row is: same main text first, then same position if alike."""
    by_text: dict[str, list[_TaskSnapshot]] = {}
    for snap in old:
        by_text.setdefault(fold(snap.values[main]), []).append(snap)
    taken: set[int] = set()
    paired: dict[int, _TaskSnapshot] = {}
    for index, (text, _) in enumerate(new_keys):
        for snap in by_text.get(fold(text), []):
            if snap.id not in taken:
                paired[index] = snap
                taken.add(snap.id)
                break
    by_seq = {int(s.values.get("seq", "0") or 0): s for s in old}
    for index, (text, seq) in enumerate(new_keys):
        if index in paired:
            continue
        candidate = by_seq.get(seq)
        if (
            candidate is not None
            and candidate.id not in taken
            and fuzz.ratio(fold(text), fold(candidate.values[main])) >= SAME_TASK_SIMILARITY
        ):
            paired[index] = candidate
            taken.add(candidate.id)
    return paired


def diff_preview(preview: ImportPreview) -> None:
    """(Re)classify every row as new, updated (with its changes) or unchanged."""
    _classify(
        preview.tasks,
        [(t.parsed.content, t.parsed.seq) for t in preview.tasks],
        preview.existing_tasks,
        "content",
        lambda row, old: _changes(old, _task_values(row.parsed), TASK_FIELDS),
    )
    _classify(
        preview.indicators,
        [(i.parsed.name, i.parsed.seq) for i in preview.indicators],
        preview.existing_indicators,
        "name",
        lambda row, old: _changes(old, _indicator_values(row.parsed), INDICATOR_FIELDS),
    )


def _classify(
    rows: Sequence[Any],
    keys: list[tuple[str, int]],
    existing: Any,
    main: str,
    changes: Callable[[Any, Any], list[Any]],
) -> None:
    """One rule for tasks and indicators: paired with an existing row → updated or unchanged."""
    paired = _pair(keys, existing, main)
    for index, row in enumerate(rows):
        snap = paired.get(index)
        if snap is None:
            row.status, row.existing_id, row.changes = RowStatus.NEW, None, []
            continue
        row.existing_id = snap.id
        row.changes = changes(row, snap.values)
        row.status = RowStatus.UPDATED if row.changes else RowStatus.UNCHANGED


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
    _refresh_issues(preview)
    diff_preview(preview)


def _refresh_issues(preview: ImportPreview) -> None:
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


class ImportService(Service):
    # -- the catalogue the database knows --------------------------------------------------
    def catalogue(self, seed: Catalogue | None = None) -> Catalogue:
        """Agencies and groups of the database (plus the default groups and, if given, a seed
        catalogue for names the database lacks): what appendix names are matched against."""
        entries: list[Entry] = []
        with self.db.reading() as s:
            for a in s.scalars(select(Agency).options(selectinload(Agency.aliases)).order_by(Agency.id)):
                entries.append(Entry(a.name, tuple(x.alias for x in a.aliases), False, a.kind))
            for g in s.scalars(select(AgencyGroup).order_by(AgencyGroup.id)):
                entries.append(Entry(g.name, (), True, g.member_kind or ""))
        catalogue = Catalogue(entries)
        extra = [Entry(name, (), True, kind or "") for name, kind in DEFAULT_GROUPS]
        if seed is not None:
            extra += seed.entries
        for entry in extra:
            if catalogue.lookup(entry.name) is None:
                catalogue.add(entry)
        return catalogue

    def has_agencies(self) -> bool:
        with self.db.reading() as s:
            return s.scalar(select(Agency.id).limit(1)) is not None

    # -- preview ---------------------------------------------------------------------------------
    def preview(
        self, path: Path, directive_id: int | None = None, seed_catalogue: bool = False
    ) -> ImportPreview:
        gen = self.iter_preview(path, directive_id, seed_catalogue)
        while True:
            try:
                next(gen)
            except StopIteration as stop:
                result: ImportPreview = stop.value
                return result

    def iter_preview(
        self, path: Path, directive_id: int | None = None, seed_catalogue: bool = False
    ) -> Generator[tuple[int, int], None, ImportPreview]:
        """Parse and diff; yields (done, total) for a progress bar. Reads the database, never writes.

        `seed_catalogue` adds the shipped agency catalogue when the database has no agencies
        yet, so a first import into a new database does not create "Sở KH&CN" as an agency.
        """
        seed = default_catalogue() if seed_catalogue and not self.has_agencies() else None
        catalogue = self.catalogue(seed)
        reference: date | None = None
        number = ""
        if directive_id is not None:
            with self.db.reading() as s:
                d = s.get(Directive, directive_id)
                if d is None:
                    raise UserError("Không tìm thấy văn bản được chọn để nhập phụ lục.")
                reference, number = d.issued_on, d.number
        parsed = yield from iter_parse_appendix(Path(path), catalogue, reference)
        if directive_id is None and parsed.directive_number:
            directive_id = self._find_directive(parsed.directive_number)
            number = parsed.directive_number
            if directive_id is not None:
                with self.db.reading() as s:
                    d = s.get(Directive, directive_id)
                    if d is not None and d.issued_on is not None and d.issued_on != parsed.directive_date:
                        reference = d.issued_on
        preview = ImportPreview(
            parse=parsed,
            directive_id=directive_id,
            directive_number=number,
            tasks=[PreviewTask(t, RowStatus.NEW) for t in parsed.tasks],
            indicators=[PreviewIndicator(i, RowStatus.NEW) for i in parsed.indicators],
            reference=reference or parsed.directive_date or self.ctx.today(),
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
                preview.directive_number = d.number
            self._load_existing(preview, directive_id)
        else:
            preview.directive_number = preview.parse.directive_number
        diff_preview(preview)

    def _find_directive(self, number: str) -> int | None:
        from app.services.directives import _find

        with self.db.reading() as s:
            return _find(s, number)

    def _load_existing(self, preview: ImportPreview, directive_id: int) -> None:
        with self.db.reading() as s:
            tasks = s.scalars(
                select(Task)
                .where(Task.directive_id == directive_id)
                .options(
                    selectinload(Task.assignments).selectinload(Assignment.agency),
                    selectinload(Task.assignments).selectinload(Assignment.group),
                )
            )
            snaps = []
            for t in tasks:
                names = {r.value: [a.display_name for a in t.assignments if a.role == r.value] for r in Role}
                snaps.append(
                    _TaskSnapshot(
                        t.id,
                        {
                            "group": t.group_code,
                            "group_title": t.group_title,
                            "seq": str(t.seq),
                            "content": t.content,
                            "lead": "; ".join(names[Role.LEAD.value]),
                            "cooperating": "; ".join(names[Role.COOPERATING.value]),
                            "product": t.product,
                            "deadline_text": t.deadline_text,
                            "note": t.note,
                        },
                    )
                )
            preview.existing_tasks = snaps
            inds = s.scalars(
                select(Indicator)
                .where(Indicator.directive_id == directive_id)
                .options(
                    selectinload(Indicator.agencies).selectinload(IndicatorAgency.agency),
                    selectinload(Indicator.agencies).selectinload(IndicatorAgency.group),
                )
            )
            preview.existing_indicators = [
                _TaskSnapshot(
                    i.id,
                    {
                        "group": i.group_code,
                        "name": i.name,
                        "unit": i.unit,
                        "baseline": i.baseline,
                        "target": i.target,
                        "seq": str(i.seq),
                        "lead": "; ".join(x.display_name for x in i.agencies if x.role == Role.LEAD.value),
                        "cooperating": "; ".join(
                            x.display_name for x in i.agencies if x.role == Role.COOPERATING.value
                        ),
                    },
                )
                for i in inds
            ]

    # -- commit ------------------------------------------------------------------------------------
    def commit(self, preview: ImportPreview, decisions: dict[str, Decision] | None = None) -> ImportResult:
        """Write the preview in one transaction: every row, or (on any error) nothing at all."""
        decisions = decisions or {}
        missing = [m.written for m in preview.unknown if fold(m.written) not in decisions]
        if missing:
            raise UserError(
                f"Chưa chọn cách xử lý cho cơ quan «{missing[0]}» (chọn một cơ quan có sẵn hoặc tạo mới)."
            )
        today = self.ctx.today()
        with self.db.transaction() as s:
            directive, created = self._directive(s, preview)
            result = ImportResult(directive.id, directive.number, created)
            parties = _Parties(s, preview.parse.catalogue, decisions, result)
            reference = directive.issued_on or today
            horizon = today + timedelta(days=HORIZON_DAYS)
            self._write_tasks(s, preview, directive, parties, reference, horizon, today, result)
            self._write_indicators(s, preview, directive, parties, result)
        return result

    def _directive(self, s: Session, preview: ImportPreview) -> tuple[Directive, bool]:
        if preview.directive_id is not None:
            d = s.get(Directive, preview.directive_id)
            if d is None:
                raise UserError("Văn bản được chọn không còn trong cơ sở dữ liệu.")
            return d, False
        number = preview.directive_number or preview.parse.directive_number
        if not number:
            raise UserError("Hãy chọn văn bản giao nhiệm vụ: tiêu đề phụ lục không ghi số văn bản.")
        from app.services.directives import _find

        found = _find(s, number)
        if found is not None:
            d = s.get(Directive, found)
            assert d is not None
            return d, False
        d = Directive(
            number=number,
            kind=kind_from_number(number) or "K",
            issued_on=preview.parse.directive_date,
            subject=f"Nhập từ phụ lục {preview.parse.path.name}",
        )
        s.add(d)
        s.flush()
        return d, True

    def _write_tasks(
        self,
        s: Session,
        preview: ImportPreview,
        directive: Directive,
        parties: _Parties,
        reference: date,
        horizon: date,
        today: date,
        result: ImportResult,
    ) -> None:
        new_rows: list[dict[str, Any]] = []
        new_parties: list[list[tuple[str, int | None, int | None]]] = []
        for row in preview.tasks:
            t = row.parsed
            assigned = parties.assignments(t.lead, t.cooperating)
            if row.status is RowStatus.UNCHANGED:
                result.tasks_unchanged += 1
                continue
            text = " ".join(t.deadline_text.split())
            meaning = parse_deadline(text, reference=reference)
            if row.status is RowStatus.UPDATED and row.existing_id is not None:
                self._update_task(
                    s, row.existing_id, t, text, meaning.to_json(), meaning.kind.value, assigned
                )
                result.tasks_updated += 1
                continue
            progress = summarize(meaning, [], directive.issued_on, horizon)
            probe = Task(
                group_title=t.group_title,
                content=t.content,
                product=t.product,
                deadline_text=text,
                note=t.note,
            )
            names = [parties.display(agency_id, group_id) for _, agency_id, group_id in assigned]
            new_rows.append(
                {
                    "directive_id": directive.id,
                    "group_code": t.group,
                    "group_title": t.group_title,
                    "seq": t.seq,
                    "index_in_group": t.index_in_group,
                    "content": t.content,
                    "product": t.product,
                    "deadline_text": text,
                    "deadline": meaning.to_json(),
                    "deadline_kind": meaning.kind.value,
                    "note": t.note,
                    "suspension": "active",
                    "search_text": search_text_for(probe, directive.number, names),
                    "first_unmet": progress.first_unmet,
                    "completed": progress.completed,
                    "completed_late": progress.completed_late,
                }
            )
            new_parties.append(assigned)
        if new_rows:
            # No reports exist yet, so every assignment's progress is the task's own
            # (exactly what refresh_task computes for a task without reports).
            ids = list(s.scalars(insert(Task).returning(Task.id, sort_by_parameter_order=True), new_rows))
            links = [
                {
                    "task_id": task_id,
                    "role": role,
                    "agency_id": agency_id,
                    "group_id": group_id,
                    "first_unmet": row["first_unmet"],
                    "completed": row["completed"],
                    "completed_late": row["completed_late"],
                }
                for task_id, row, assigned in zip(ids, new_rows, new_parties, strict=True)
                for role, agency_id, group_id in assigned
            ]
            if links:
                s.execute(insert(Assignment), links)
            result.tasks_added = len(ids)

    def _update_task(
        self,
        s: Session,
        task_id: int,
        t: ParsedTask,
        text: str,
        deadline_json: dict[str, Any],
        deadline_kind: str,
        assigned: list[tuple[str, int | None, int | None]],
    ) -> None:
        task = s.get(Task, task_id)
        if task is None:
            raise UserError(f"Nhiệm vụ {t.seq} đã bị xóa trong lúc xem trước; hãy mở lại bản xem trước.")
        task.group_code, task.group_title, task.seq = t.group, t.group_title, t.seq
        task.index_in_group = t.index_in_group
        task.content, task.product, task.note = t.content, t.product, t.note
        task.deadline_text, task.deadline, task.deadline_kind = text, deadline_json, deadline_kind
        current = {(a.agency_id, a.group_id): a for a in task.assignments}
        keep: list[Assignment] = []
        for role, agency_id, group_id in assigned:
            a = current.pop((agency_id, group_id), None) or Assignment(agency_id=agency_id, group_id=group_id)
            a.role = role
            keep.append(a)
        # An agency that has already reported stays on the task: its reports are evidence.
        keep += [a for a in current.values() if a.reports]
        task.assignments[:] = keep
        s.flush()
        for a in task.assignments:
            s.refresh(a, ["agency", "group"])
        directive = task.directive
        task.search_text = search_text_for(task, directive.number, [a.display_name for a in task.assignments])
        refresh_task(s, task, self.ctx.today())

    def _write_indicators(
        self,
        s: Session,
        preview: ImportPreview,
        directive: Directive,
        parties: _Parties,
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
                    raise UserError(
                        f"Chỉ tiêu {i.seq} đã bị xóa trong lúc xem trước; hãy mở lại bản xem trước."
                    )
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


class _Parties:
    """Turn matched names into agency/group ids inside the commit's transaction.

    Known names resolve to their rows (created on the spot for catalogue entries the database
    lacks: default groups, or the shipped catalogue on a first import); unknown names follow
    the officer's decision, and a name mapped to an existing agency is remembered as its alias.
    """

    def __init__(
        self, s: Session, catalogue: Catalogue, decisions: dict[str, Decision], result: ImportResult
    ):
        self.s = s
        self.catalogue = catalogue
        self.decisions = decisions
        self.result = result
        self._cache: dict[str, tuple[int | None, int | None]] = {}
        self._names: dict[tuple[int | None, int | None], str] = {}
        self._agencies = {a.name_key: a for a in s.scalars(select(Agency))}
        # by expanded key too, so "UBND tỉnh" and "Ủy ban nhân dân tỉnh" become one new agency
        self._by_expanded = {name_key(a.name): a for a in self._agencies.values()}
        self._alias_keys = {x.alias_key: x.agency_id for x in s.scalars(select(AgencyAlias))}
        self._groups = {g.name_key: g for g in s.scalars(select(AgencyGroup))}

    def display(self, agency_id: int | None, group_id: int | None) -> str:
        return self._names.get((agency_id, group_id), "")

    def assignments(
        self, lead: list[Match], cooperating: list[Match]
    ) -> list[tuple[str, int | None, int | None]]:
        out: list[tuple[str, int | None, int | None]] = []
        seen: set[tuple[int | None, int | None]] = set()
        for role, matches in ((Role.LEAD.value, lead), (Role.COOPERATING.value, cooperating)):
            for m in matches:
                ids = self.resolve(m)
                if ids not in seen:
                    seen.add(ids)
                    out.append((role, *ids))
        return out

    def resolve(self, m: Match) -> tuple[int | None, int | None]:
        key = fold(m.canonical or m.written)
        if key not in self._cache:
            ids = self._known(m) if m.canonical is not None else self._decided(m)
            self._cache[key] = ids
        return self._cache[key]

    def _known(self, m: Match) -> tuple[int | None, int | None]:
        assert m.canonical is not None
        key = fold(m.canonical)
        if m.is_group:
            group = self._groups.get(key)
            if group is None:
                entry = self.catalogue.entry(m.canonical)
                group = AgencyGroup(
                    name=m.canonical, name_key=key, member_kind=(entry.kind if entry else "") or None
                )
                self.s.add(group)
                self.s.flush()
                self._groups[key] = group
            self._names[(None, group.id)] = group.name
            return None, group.id
        agency = self._agencies.get(key)
        if agency is None and key in self._alias_keys:
            agency = self.s.get(Agency, self._alias_keys[key])
        if agency is None:
            entry = self.catalogue.entry(m.canonical)
            agency = self._create(m.canonical, entry.kind if entry else "", entry.aliases if entry else ())
        self._names[(agency.id, None)] = agency.name
        return agency.id, None

    def _decided(self, m: Match) -> tuple[int | None, int | None]:
        decision = self.decisions.get(fold(m.written))
        if decision is None:
            raise UserError(f"Chưa chọn cách xử lý cho cơ quan «{m.written}».")
        if decision.agency_id is not None:
            agency = self.s.get(Agency, decision.agency_id)
            if agency is None:
                raise UserError(f"Cơ quan được chọn cho «{m.written}» không còn trong danh mục.")
            self._remember_alias(agency, m.written)
            self._names[(agency.id, None)] = agency.name
            return agency.id, None
        if decision.group_id is not None:
            group = self.s.get(AgencyGroup, decision.group_id)
            if group is None:
                raise UserError(f"Nhóm cơ quan được chọn cho «{m.written}» không còn trong danh mục.")
            self._names[(None, group.id)] = group.name
            return None, group.id
        if decision.create:
            name = " ".join((decision.new_name or m.written).split())
            if not name:
                raise UserError(f"Tên cơ quan mới cho «{m.written}» không được để trống.")
            existing = self._agencies.get(fold(name)) or self._by_expanded.get(name_key(name))
            agency = existing or self._create(name, "", ())
            if agency.name != m.written:
                self._remember_alias(agency, m.written)
            self._names[(agency.id, None)] = agency.name
            return agency.id, None
        raise UserError(f"Chưa chọn cách xử lý cho cơ quan «{m.written}».")

    def _create(self, name: str, kind: str, aliases: tuple[str, ...]) -> Agency:
        if kind not in AgencyKind._value2member_map_:
            kind = _guess_kind(name)
        agency = Agency(name=name, name_key=fold(name), kind=kind)
        self.s.add(agency)
        self.s.flush()
        self._agencies[agency.name_key] = agency
        self._by_expanded.setdefault(name_key(name), agency)
        for alias in aliases:
            self._remember_alias(agency, alias, report=False)
        self.result.agencies_created.append(name)
        return agency

    def _remember_alias(self, agency: Agency, written: str, report: bool = True) -> None:
        text = " ".join(written.split())
        key = fold(text)
        if not key or key == agency.name_key or key in self._alias_keys or key in self._agencies:
            return
        self.s.add(AgencyAlias(agency_id=agency.id, alias=text, alias_key=key))
        self._alias_keys[key] = agency.id
        if report:
            self.result.aliases_added.append(f"{text} → {agency.name}")


def _guess_kind(name: str) -> str:
    key = name_key(name)
    if key.startswith(("uy ban nhan dan xa", "uy ban nhan dan phuong")):
        return AgencyKind.COMMUNE.value
    if "tinh uy" in key or key.startswith("dang uy"):
        return AgencyKind.PARTY.value
    if key.startswith(("cong ty", "tap doan", "vnpt", "viettel", "mobifone")):
        return AgencyKind.ENTERPRISE.value
    return AgencyKind.PROVINCIAL.value
