"""The officer's review of a read directive: draft tasks as the review screen edits them, and
what its Save hands to ``DirectiveReadingService.register``.

The reader names agencies as the catalogue spells them; here each name is tied to the
database's agency or group (``PartyRef``) or left *unresolved*, and Save is refused until the
officer has said what every unresolved name means (an agency from the list, or "drop it").
Nothing is matched loosely behind the officer's back.

Editing a draft (merge, split, delete, add) is plain list work kept here, out of the widgets,
so it is tested without a window; every task keeps the span of the cleaned text it came from,
which the screen highlights.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from app.dto import DirectiveInput, PartyRef, TaskInput
from models.directive_kinds import kind_from_number
from models.directive_text.agencies import Party
from models.directive_text.deadline_phrases import UNSURE
from models.directive_text.reader import DirectiveDraft
from models.directive_text.references import Reference
from models.directive_text.tasks import NO_LEAD, PERIOD_UNKNOWN, DraftTask


@dataclass(frozen=True)
class Named:
    """An agency or group of a draft task: as the letter wrote it, and what it is in the database
    (``None`` until the officer resolves a name the database does not know)."""

    written: str
    ref: PartyRef | None = None

    @property
    def display(self) -> str:
        return self.ref.name if self.ref is not None else self.written


@dataclass
class ReviewTask:
    content: str
    group: str = ""
    lead: list[Named] = field(default_factory=list)
    cooperating: list[Named] = field(default_factory=list)
    deadline_text: str = ""
    product: str = ""
    start: int = 0  # the source words in the cleaned text (start == end: none, an added task)
    end: int = 0
    notes: list[str] = field(default_factory=list)  # what the reader was unsure of

    @property
    def unresolved(self) -> list[str]:
        return [n.written for n in self.lead + self.cooperating if n.ref is None]

    def unsure(self, deadline_understood: bool) -> list[str]:
        """What is still unsure about the task as it now reads (after the officer's edits)."""
        out: list[str] = []
        if not deadline_understood:
            out.append(UNSURE)
            out += [n for n in self.notes if n == PERIOD_UNKNOWN]
        if not self.lead:
            out.append(NO_LEAD)
        out += [f"«{name}» chưa có trong danh mục cơ quan" for name in self.unresolved]
        return out


@dataclass(frozen=True)
class ReferenceChoice:
    """A document the letter cites: registered already (``directive_id``) or not."""

    number: str
    directive_id: int | None
    cited_on: date | None = None


@dataclass
class ReadDirectiveInput:
    """Everything one Save of the review screen writes, in one transaction."""

    directive: DirectiveInput
    tasks: list[TaskInput]  # their directive_id is ignored: the new directive's is used
    register: list[DirectiveInput] = field(default_factory=list)  # cited documents to register bare


Resolver = Callable[[list[str]], dict[str, PartyRef | None]]


def review_tasks(draft: DirectiveDraft, resolve: Resolver) -> list[ReviewTask]:
    """The reader's tasks with each agency tied to the database, in one lookup for all names."""
    names = sorted({p.display for t in draft.tasks for p in t.lead + t.cooperating})
    found = resolve(names)
    return [_review(t, found) for t in draft.tasks]


def _review(t: DraftTask, found: dict[str, PartyRef | None]) -> ReviewTask:
    def named(parties: Iterable[Party]) -> list[Named]:
        out: list[Named] = []
        for p in parties:
            display = p.display
            ref = found.get(display)
            if all(x.display != (ref.name if ref else display) for x in out):
                out.append(Named(display, ref))
        return out

    return ReviewTask(
        content=t.content,
        group=t.group,
        lead=named(t.lead),
        cooperating=named(t.cooperating),
        deadline_text=t.deadline_text,
        product=t.product,
        start=t.start,
        end=t.end,
        notes=list(t.notes),
    )


def _union(*lists: list[Named]) -> list[Named]:
    out: list[Named] = []
    for n in (n for lst in lists for n in lst):
        if all(x.display != n.display for x in out):
            out.append(n)
    return out


def merge(tasks: list[ReviewTask], rows: list[int]) -> list[ReviewTask]:
    """Tasks ``rows`` become one at the first of them: contents joined, agencies united (a lead of
    one stays lead), the first deadline written, the source span covering them all."""
    picked = sorted(set(rows))
    if len(picked) < 2:
        return list(tasks)
    parts = [tasks[r] for r in picked]
    lead = _union(*(p.lead for p in parts))
    coop = [n for n in _union(*(p.cooperating for p in parts)) if all(x.display != n.display for x in lead)]
    spans = [(p.start, p.end) for p in parts if p.end > p.start]
    products = list(dict.fromkeys(p.product for p in parts if p.product))
    merged = ReviewTask(
        content="\n".join(p.content for p in parts),
        group=parts[0].group,
        lead=lead,
        cooperating=coop,
        deadline_text=next((p.deadline_text for p in parts if p.deadline_text), ""),
        product="; ".join(products),
        start=min((a for a, _ in spans), default=0),
        end=max((b for _, b in spans), default=0),
        notes=list(dict.fromkeys(n for p in parts for n in p.notes)),
    )
    out = [t for i, t in enumerate(tasks) if i not in picked[1:]]
    out[picked[0]] = merged
    return out


def split(tasks: list[ReviewTask], row: int, pieces: list[str], text: str) -> list[ReviewTask]:
    """Task ``row`` becomes one task per non-empty piece, each with the same agencies, group and
    deadline; a piece found word for word in the task's source keeps just that span."""
    pieces = [p.strip() for p in pieces if p.strip()]
    if len(pieces) < 2:
        return list(tasks)
    task = tasks[row]
    new: list[ReviewTask] = []
    for piece in pieces:
        start, end = task.start, task.end
        at = text.find(piece, task.start, task.end) if task.end > task.start else -1
        if at >= 0:
            start, end = at, at + len(piece)
        new.append(replace(task, content=piece, start=start, end=end, lead=list(task.lead),
                           cooperating=list(task.cooperating), notes=list(task.notes)))  # fmt: skip
    return tasks[:row] + new + tasks[row + 1 :]


def delete(tasks: list[ReviewTask], rows: list[int]) -> list[ReviewTask]:
    gone = set(rows)
    return [t for i, t in enumerate(tasks) if i not in gone]


def unresolved_names(tasks: list[ReviewTask]) -> list[str]:
    """Every name no task may be saved with yet, once each, in order of first appearance."""
    return list(dict.fromkeys(n for t in tasks for n in t.unresolved))


def resolve_name(tasks: list[ReviewTask], written: str, ref: PartyRef | None) -> None:
    """The officer said what ``written`` means: ``ref``, or (``None``) nobody — drop it."""
    for t in tasks:
        for attr in ("lead", "cooperating"):
            named: list[Named] = getattr(t, attr)
            kept: list[Named] = []
            for n in named:
                if n.written == written and (n.ref is None or n.ref.name != written):
                    if ref is None:
                        continue
                    n = Named(written, ref)
                if all(x.display != n.display for x in kept):
                    kept.append(n)
            setattr(t, attr, kept)


_GROUP_CODE = re.compile(r"^\s*(?P<code>[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)[.)]\s+(?P<title>.+)$")


def split_group(group: str) -> tuple[str, str]:
    """("2.1", "Về hạ tầng …") from the heading "2.1. Về hạ tầng …"; ("", heading) otherwise."""
    m = _GROUP_CODE.match(group)
    if m is None:
        return "", group.strip()
    return m.group("code"), m.group("title").strip()


def task_inputs(tasks: list[ReviewTask]) -> list[TaskInput]:
    """What Save writes: refused (``ValueError`` naming it) while a name is unresolved."""
    names = unresolved_names(tasks)
    if names:
        raise ValueError(names[0])
    out: list[TaskInput] = []
    for t in tasks:
        code, title = split_group(t.group)
        out.append(
            TaskInput(
                directive_id=0,
                content=t.content,
                lead=[n.ref for n in t.lead if n.ref is not None],
                cooperating=[n.ref for n in t.cooperating if n.ref is not None],
                deadline_text=t.deadline_text,
                product=t.product,
                group_code=code,
                group_title=title,
            )
        )
    return out


_CITED_ON = re.compile(
    # other numbers of the same list first ("63-KH/TU, 64-KH/TU ngày 22/4/2026": one date for all)
    r"(?:\s*(?:,|và)\s*\d{1,6}\s*[-/]\s*[A-ZĐ][\w/Đđ-]*)*"
    r"\s*[,;]?\s*(?:của [^,;.\n]{1,60}?\s*,?\s*)?(?:ban hành\s+)?ngày\s+"
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))",
    re.IGNORECASE,
)


def cited_on(text: str, ref: Reference) -> date | None:
    """The date written after a citation ("… số 1734-CV/VPTW, ngày 13/4/2026"), if any."""
    m = _CITED_ON.match(text, ref.end, min(len(text), ref.end + 90))
    if m is None:
        return None
    d, mo, y = (m.group("d"), m.group("m"), m.group("y")) if m.group("d") else m.group("d2", "m2", "y2")
    try:
        return date(int(y), int(mo), int(d))
    except ValueError:
        return None


def bare_directive(choice: ReferenceChoice) -> DirectiveInput:
    """A cited document registered by its number, kind and date only (the rest typed later)."""
    return DirectiveInput(
        number=choice.number,
        kind=kind_from_number(choice.number) or "K",
        issued_on=choice.cited_on,
        note="Đăng ký từ căn cứ khi đọc văn bản chỉ đạo.",
    )
