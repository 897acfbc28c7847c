"""Tasks with their assignments: the list, the detail, and every edit to them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Generator
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.dto import (
    AssignmentInfo,
    DeletionCounts,
    PartyRef,
    TaskDetail,
    TaskFilter,
    TaskInput,
    TaskRow,
    TaskSort,
    TaskSortKey,
)
from app.errors import NotFound, UserError, ValidationError
from app.operation import generator_operation, operation
from app.services import row_version
from app.services.base import Service
from app.services.deadline_reread import RereadSummary, refresh_for_new_rules
from app.services.deletion import reports_and_evidence
from app.services.group_members import members
from app.services.progress import (
    assignment_missed,
    assignment_status,
    missed_by_task,
    rules_outdated,
    task_missed,
    task_status,
)
from app.services.row_version import ConcurrentEdit
from app.services.task_query import (
    TaskKey,
    TaskTotals,
    due_soon_tasks,
    filtered_tasks,
    keyset_pages,
    order_clauses,
    overdue_tasks,
    sort_columns,
    sorted_pages,
    with_directive,
)
from app.services.task_writer import Party, finish, next_seq, set_assignments, set_deadline
from app.services.trash import move_to_trash, shorten
from models.deadlines import DeadlineKind
from models.entities import Agency, AgencyGroup, Assignment, Directive, Role, Task
from models.missed import OWED_ONE_BY_ONE
from models.six_clear import TaskFacts, missing
from models.status import Progress, Status, Suspension, rollup, status_of


def next_due(kind: DeadlineKind, first_unmet: date | None, completed: bool) -> date | None:
    if completed or kind in (DeadlineKind.CONTINUOUS, DeadlineKind.UNKNOWN):
        return None
    return first_unmet


def facts_of(task: Task, directive_number: str) -> TaskFacts:
    leads = [a for a in task.assignments if a.role == Role.LEAD.value]
    return TaskFacts(
        content=task.content,
        lead_count=len(leads),
        lead_is_group=any(a.group_id is not None for a in leads),
        deadline_kind=DeadlineKind(task.deadline_kind),
        product=task.product,
        directive_number=directive_number,
    )


_CHUNK = 10_000
_KINDS = {k.value: k for k in DeadlineKind}
_SUSPENSIONS = {x.value: x for x in Suspension}
_IDS: BindParameter[list[int]] = bindparam("ids", expanding=True)
_ROW_COLUMNS = (
    Task.id,
    Task.directive_id,
    Task.group_code,
    Task.seq,
    Task.content,
    Task.product,
    Task.deadline_text,
    Task.deadline_kind,
    Task.suspension,
    Task.first_unmet,
    Task.completed,
    Task.completed_late,
    Directive.number,
)
_TASK_ROWS = select(*_ROW_COLUMNS).join(Directive, Directive.id == Task.directive_id).where(Task.id.in_(_IDS))
_PARTY_ROWS = (
    select(
        Assignment.task_id,
        Assignment.role,
        Assignment.agency_id,
        Assignment.group_id,
        Assignment.first_unmet,
        Assignment.completed,
        Assignment.completed_late,
        func.coalesce(Agency.name, AgencyGroup.name).label("name"),
    )
    .outerjoin(Agency, Assignment.agency_id == Agency.id)
    .outerjoin(AgencyGroup, Assignment.group_id == AgencyGroup.id)
    .where(Assignment.task_id.in_(_IDS))
    .order_by(Assignment.id)
)


@lru_cache(maxsize=64)
def _page_statements(flt: TaskFilter, today: date, soon: int) -> tuple[Select[Any], Select[Any], Select[Any]]:
    """The first page and the two keyset halves for one filter, built once and run with the
    key and the page size as parameters (building them cost more than running them)."""
    on = (Directive, Directive.id == Task.directive_id)
    n: BindParameter[int] = bindparam("n")
    key = TaskKey(*(bindparam(name) for name in "dsi"))  # type: ignore[arg-type]
    same, below = keyset_pages(flt, today, soon, key, *_ROW_COLUMNS)
    first = filtered_tasks(flt, today, soon, *_ROW_COLUMNS).join(*on).limit(n)
    return first, same.join(*on).limit(n), below.join(*on).limit(n)


@lru_cache(maxsize=64)
def _sorted_statements(
    flt: TaskFilter, today: date, soon: int, sort: TaskSort
) -> tuple[Select[Any], Select[Any]]:
    """The first page and the page after a key for a sort other than the plan's order."""
    n: BindParameter[int] = bindparam("n")
    first, after, _parts = sorted_pages(sort, flt, today, soon)
    return first.limit(n), after.limit(n)


_WIDTH = len(_ROW_COLUMNS)
PLAN_ORDER = TaskSort()


class TaskService(Service):
    # -- the list ------------------------------------------------------------------------
    def count(self, flt: TaskFilter) -> int:
        today = self.ctx.today()
        with self.db.reading() as s:
            sub = filtered_tasks(flt, today, self.ctx.soon_days(s)).order_by(None).subquery()
            return s.scalar(select(func.count()).select_from(sub)) or 0

    def totals(self) -> TaskTotals:
        """The status bar's figures (all tasks, overdue, due soon): one statement of three counts,
        each a range of an index (ix_task_list_order, ix_task_progress)."""
        today = self.ctx.today()
        with self.db.reading() as s:
            soon = self.ctx.soon_days(s)

            def n(*where: Any) -> Any:
                return select(func.count()).select_from(Task).where(*where).scalar_subquery()

            row = s.execute(select(n(), n(*overdue_tasks(today)), n(*due_soon_tasks(today, soon)))).one()
            return TaskTotals(tasks=row[0], overdue=row[1], due_soon=row[2])

    def page(self, flt: TaskFilter, offset: int, limit: int) -> list[TaskRow]:
        """One page of the list by position (the keyset form ``page_after`` is what scrolls)."""
        today = self.ctx.today()
        with self.db.reading() as s:
            soon = self.ctx.soon_days(s)
            ids = list(s.scalars(filtered_tasks(flt, today, soon).offset(offset).limit(limit)))
            return self._rows(s, ids, today, soon, flt.agency_id)

    def page_after(
        self, flt: TaskFilter, after: tuple[Any, ...] | None, limit: int, sort: TaskSort = PLAN_ORDER
    ) -> list[TaskRow]:
        """The ``limit`` rows that follow ``after`` (the last row's ``order``) in ``sort``'s order.

        Each page is a keyset seek, so the last page costs what the first does; an OFFSET
        would walk and sort every row before it. In the plan's order (the default) that is an
        index range of ix_task_list_order; sorted by lead or content, of ix_task_lead_key /
        ix_task_content_key; by a computed key (status, dates, 06 rõ), the filtered rows
        sorted by it.
        """
        today = self.ctx.today()
        with self.db.reading() as s:
            soon = self.ctx.soon_days(s)
            conn = s.connection()
            if sort.key is not TaskSortKey.LIST:
                first_s, after_s = _sorted_statements(flt, today, soon, sort)
                if after is None:
                    found = list(conn.execute(first_s, {"n": limit}).all())
                else:
                    values = {f"k{n}": v for n, v in enumerate(after)}
                    found = list(conn.execute(after_s, {**values, "n": limit}).all())
                orders = {r[0]: tuple(r[1:]) for r in found}
                return self._rows(s, [r[0] for r in found], today, soon, flt.agency_id, None, orders)
            first, same, below = _page_statements(flt, today, soon)
            if after is None:
                found = list(conn.execute(first, {"n": limit}).all())
            else:
                key = TaskKey(*after)
                params = {"d": key.directive_id, "s": key.seq, "i": key.id}
                found = list(conn.execute(same, {**params, "n": limit}).all())
                if len(found) < limit:
                    found += conn.execute(below, {**params, "n": limit - len(found)}).all()
            ids = [r[0] for r in found]
            return self._rows(s, ids, today, soon, flt.agency_id, {r[0]: r for r in found})

    def rows(self, ids: list[int]) -> list[TaskRow]:
        today = self.ctx.today()
        with self.db.reading() as s:
            return self._rows(s, ids, today, self.ctx.soon_days(s))

    def rows_in_filter(
        self, flt: TaskFilter, ids: Collection[int], sort: TaskSort = PLAN_ORDER
    ) -> list[TaskRow]:
        """Of ``ids``, the rows that match ``flt`` now, in ``sort``'s order (gone or filtered out:
        absent), each with its ``order`` in that sort.

        What the list re-reads when a change names a few tasks.
        """
        if not ids:
            return []
        today = self.ctx.today()
        with self.db.reading() as s:
            soon = self.ctx.soon_days(s)
            if sort.key is TaskSortKey.LIST:
                stmt = filtered_tasks(flt, today, soon).where(Task.id.in_(list(ids)))
                return self._rows(s, list(s.scalars(stmt)), today, soon, flt.agency_id)
            keys = sort_columns(sort, flt, today, soon)
            keyed = (
                with_directive(sort, filtered_tasks(flt, today, soon, Task.id, *keys, Task.id))
                .where(Task.id.in_(list(ids)))
                .order_by(None)
                .order_by(*order_clauses(sort, (*keys, Task.id)))
            )
            found = s.execute(keyed).all()
            orders = {r[0]: tuple(r[1:]) for r in found}
            return self._rows(s, [r[0] for r in found], today, soon, flt.agency_id, None, orders)

    def _rows(
        self,
        s: Session,
        ids: list[int],
        today: date,
        soon: int,
        agency_id: int | None = None,
        known: dict[int, Any] | None = None,
        orders: dict[int, tuple[Any, ...]] | None = None,
    ) -> list[TaskRow]:
        """Rows in the order of ``ids``; filtered by an agency, status and next due are that agency's.

        The list's hot path (every page, every changed row): two cached Core statements with
        the ids as one expanding parameter, run on the session's connection without ORM row
        processing, and a per-row loop that looks nothing up twice. ``orders`` are the rows'
        sort keys when the list is not in the plan's order (which each row's ids give).
        """
        if not ids:
            return []
        conn = s.connection()
        tasks: dict[int, Any] = known or {}
        parties: dict[int, list[Any]] = defaultdict(list)
        # a reload after 100,000 rows were scrolled in must stay under SQLite's variable limit
        # (32,766 in common builds)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            if known is None:
                tasks.update((r[0], r) for r in conn.execute(_TASK_ROWS, {"ids": chunk}).all())
            for r in conn.execute(_PARTY_ROWS, {"ids": chunk}).all():
                parties[r[0]].append(r)
        lead_role = Role.LEAD.value
        missed = missed_by_task(
            s, self._recurring_overdue(ids, tasks, parties, today, agency_id), today, agency_id
        )
        out = []
        for i in ids:
            (
                _id,
                directive_id,
                group_code,
                seq,
                content,
                product,
                deadline_text,
                kind_value,
                suspension_value,
                first_unmet,
                completed,
                completed_late,
                number,
            ) = tasks[i][:_WIDTH]
            kind, suspension = _KINDS[kind_value], _SUSPENSIONS[suspension_value]
            mine = parties[i]
            leads: list[str] = []
            cooperating: list[str] = []
            lead_is_group = False
            for _t, role, _a, group_id, *_progress, name in mine:
                if role == lead_role:
                    leads.append(name or "")
                    lead_is_group = lead_is_group or group_id is not None
                else:
                    cooperating.append(name or "")
            status = status_of(
                Progress(first_unmet, completed, completed_late), kind, today, suspension, soon
            )
            due = next_due(kind, first_unmet, completed)
            if agency_id is not None:
                own = [a for a in mine if a.agency_id == agency_id]
                if own:
                    statuses = (
                        status_of(
                            Progress(a.first_unmet, a.completed, a.completed_late),
                            kind,
                            today,
                            suspension,
                            soon,
                        )
                        for a in own
                    )
                    status = rollup(statuses) or status
                    pending = [a.first_unmet for a in own if a.first_unmet is not None and not a.completed]
                    due = next_due(kind, min(pending) if pending else None, not pending)
            facts = TaskFacts(
                content=content,
                lead_count=len(leads),
                lead_is_group=lead_is_group,
                deadline_kind=kind,
                product=product,
                directive_number=number,
            )
            out.append(
                TaskRow(
                    id=i,
                    directive_id=directive_id,
                    directive_number=number,
                    group_code=group_code,
                    seq=seq,
                    content=content,
                    lead="; ".join(leads),
                    cooperating="; ".join(cooperating),
                    deadline_text=deadline_text,
                    next_due=due,
                    status=status,
                    missing=tuple(missing(facts)),
                    overdue_days=(today - due).days if status is Status.OVERDUE and due is not None else None,
                    order=orders[i] if orders is not None else (directive_id, seq, i),
                    missed=missed.get(i),
                )
            )
        return out

    @staticmethod
    def _recurring_overdue(
        ids: list[int],
        tasks: dict[int, Any],
        parties: dict[int, list[Any]],
        today: date,
        agency_id: int | None,
    ) -> list[int]:
        """The rows worth a missed-periods count: active recurring or milestone tasks, a due date passed."""
        out = []
        active = Suspension.ACTIVE.value
        for i in ids:
            row = tasks[i]  # by name: other columns may be added to _ROW_COLUMNS
            if row.deadline_kind not in OWED_ONE_BY_ONE or row.suspension != active:
                continue
            own = [a for a in parties[i] if a.agency_id == agency_id] if agency_id is not None else []
            if own:
                pending = [a.first_unmet for a in own if a.first_unmet is not None and not a.completed]
            else:
                pending = [row.first_unmet] if row.first_unmet is not None and not row.completed else []
            if pending and min(pending) < today:
                out.append(i)
        return out

    # -- one task --------------------------------------------------------------------------
    def get(self, task_id: int) -> TaskDetail:
        today = self.ctx.today()
        with self.db.reading() as s:
            t = s.get(Task, task_id)
            if t is None:
                raise NotFound("Không tìm thấy nhiệm vụ.")
            soon = self.ctx.soon_days(s)
            infos = tuple(
                AssignmentInfo(
                    id=a.id,
                    role=Role(a.role),
                    party=PartyRef(a.display_name, a.agency_id, a.group_id),
                    status=assignment_status(t, a, today, soon),
                    first_unmet=a.first_unmet,
                    report_count=len(a.reports),
                    from_group=s.get(AgencyGroup, a.from_group_id).name if a.from_group_id else "",  # type: ignore[union-attr]
                    missed=assignment_missed(t, a, today),
                )
                for a in t.assignments
            )
            kind = DeadlineKind(t.deadline_kind)
            return TaskDetail(
                id=t.id,
                directive_id=t.directive_id,
                directive_number=t.directive.number,
                group_code=t.group_code,
                group_title=t.group_title,
                seq=t.seq,
                content=t.content,
                product=t.product,
                deadline_text=t.deadline_text,
                deadline_kind=kind,
                next_due=next_due(kind, t.first_unmet, t.completed),
                note=t.note,
                suspension=Suspension(t.suspension),
                status=task_status(t, today, soon),
                missing=tuple(missing(facts_of(t, t.directive.number))),
                assignments=infos,
                missed=task_missed(t, today),
                version=t.version,
                changed_by=t.changed_by,
            )

    @operation
    def save(self, data: TaskInput) -> int:
        """Create or edit a task; an edit over a version newer than ``data.version`` is refused
        (ConcurrentEdit naming who changed it), never a silent overwrite."""
        check_task_input(data)
        today = self.ctx.today()
        try:
            with self.db.transaction() as s:
                return write_task(s, data, today).id
        except StaleDataError:  # another save committed between our read and our write
            raise self._stale(data.id) from None

    def _stale(self, task_id: int | None) -> ConcurrentEdit:
        with self.db.reading() as s:
            t = s.get(Task, task_id) if task_id is not None else None
            who, when = (t.changed_by, t.updated_at) if t is not None else ("", None)
        return ConcurrentEdit(row_version.stale_message("Nhiệm vụ này", who, when))

    @staticmethod
    def _checked_parties(s: Session, data: TaskInput) -> list[Party]:
        """The form's parties as (role, agency, group), each one checked against the catalogue."""
        wanted: list[Party] = []
        for role, parties in ((Role.LEAD.value, data.lead), (Role.COOPERATING.value, data.cooperating)):
            field = "lead" if role == Role.LEAD.value else "cooperating"
            for party in parties:
                if (party.agency_id is None) == (party.group_id is None):
                    raise ValidationError(
                        f"«{party.name}» không phải cơ quan hay nhóm cơ quan trong danh mục.", field
                    )
                if party.agency_id is not None and s.get(Agency, party.agency_id) is None:
                    raise ValidationError(f"Không tìm thấy cơ quan «{party.name}».", field)
                if party.group_id is not None and s.get(AgencyGroup, party.group_id) is None:
                    raise ValidationError(f"Không tìm thấy nhóm cơ quan «{party.name}».", field)
                wanted.append((role, party.agency_id, party.group_id))
        return wanted

    def progress_outdated(self) -> bool:
        """Whether the cached progress was computed under older rules (see progress.RULES_VERSION)."""
        with self.db.reading() as s:
            return rules_outdated(s)

    @generator_operation
    def refresh_progress(self) -> Generator[tuple[int, int], None, str | None]:
        """Under a new rules version: read every deadline phrase again and recompute every
        task's cached progress, in one transaction, yielding (done, total); the note saying
        what the re-read changed (None when no reading changed)."""
        summary = RereadSummary()
        with self.db.transaction() as s:
            yield from refresh_for_new_rules(s, self.ctx.today(), summary)
        return summary.note()

    def deletion_counts(self, task_id: int) -> DeletionCounts:
        """What ``delete`` would take with it: the task's reports and their evidence files."""
        with self.db.reading() as s:
            if s.get(Task, task_id) is None:
                raise NotFound("Không tìm thấy nhiệm vụ.")
            reports, files = reports_and_evidence(s, Task.id == task_id)
            return DeletionCounts(tasks=1, reports=reports, evidence_files=files)

    @operation
    def delete(self, task_id: int) -> None:
        with self.db.transaction() as s:
            t = s.get(Task, task_id)
            if t is None:
                raise NotFound("Không tìm thấy nhiệm vụ.")
            move_to_trash(s, t, f"Nhiệm vụ: {shorten(t.content)}")
            s.delete(t)

    @operation
    def set_suspension(self, task_id: int, suspension: Suspension) -> None:
        with self.db.transaction() as s:
            t = s.get(Task, task_id)
            if t is None:
                raise NotFound("Không tìm thấy nhiệm vụ.")
            row_version.bump(s, t)
            t.suspension = suspension.value

    @operation
    def expand_group(self, assignment_id: int) -> int:
        """Replace a group assignment by one per member agency, for per-agency follow-up."""
        with self.db.transaction() as s:
            a = s.get(Assignment, assignment_id)
            if a is None or a.group is None:
                raise UserError("Chỉ mở rộng được phân công cho một nhóm cơ quan.")
            if a.reports:
                raise UserError("Nhóm này đã có báo cáo tiến độ; không thể tách thành từng cơ quan.")
            task, group = a.task, a.group
            found = members(s, group)
            if not found:
                raise UserError(f"Nhóm «{group.name}» chưa có cơ quan thành viên nào trong danh mục.")
            taken = {x.agency_id for x in task.assignments if x.agency_id is not None}
            added = 0
            for m in found:
                if m.id in taken:
                    continue
                task.assignments.append(Assignment(role=a.role, agency_id=m.id, from_group_id=group.id))
                added += 1
            task.assignments.remove(a)
            finish(s, task, self.ctx.today())
            return added


def write_task(s: Session, data: TaskInput, today: date) -> Task:
    """Create or edit a task inside the caller's transaction (the task form and the directive
    reader both write through here)."""
    content = check_task_input(data)
    directive = s.get(Directive, data.directive_id)
    if directive is None:
        raise ValidationError("Hãy chọn văn bản giao nhiệm vụ.", "directive")
    if data.id is None:
        task = Task(directive=directive)
        s.add(task)
        if data.seq is None:
            task.seq = next_seq(s, directive.id)
    else:
        found = s.get(Task, data.id)
        if found is None:
            raise NotFound("Không tìm thấy nhiệm vụ.")
        row_version.check(found, data.version, "Nhiệm vụ này")
        task = found
        row_version.bump(s, task)
        task.directive = directive
    if data.seq is not None:
        task.seq = data.seq
    task.content, task.product, task.note = content, data.product.strip(), data.note
    task.group_code, task.group_title = data.group_code.strip(), data.group_title.strip()
    set_deadline(task, data.deadline_text, directive.issued_on or today)
    wanted = TaskService._checked_parties(s, data)
    lost = set_assignments(task, wanted)
    if lost:
        raise UserError(
            f"Không thể bỏ «{lost[0].display_name}» khỏi nhiệm vụ vì đã có báo cáo tiến độ; "
            "hãy xóa các báo cáo đó trước."
        )
    finish(s, task, today)
    s.flush()
    return task


def check_task_input(data: TaskInput) -> str:
    """The form's checks that need no database; the content as it will be stored."""
    content = data.content.strip()
    if not content:
        raise ValidationError("Nội dung nhiệm vụ không được để trống.", "content")
    # several leads are allowed (joint lead) but flagged by "06 rõ"
    keys = [(p.agency_id, p.group_id) for p in data.lead + data.cooperating]
    if len(set(keys)) != len(keys):
        raise ValidationError("Một cơ quan chỉ được chọn một lần (chủ trì hoặc phối hợp).", "cooperating")
    return content
