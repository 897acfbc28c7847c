"""Which existing row each preview row is, and what would change: pure functions, no database.

A re-imported appendix matches the directive's existing tasks (and indicators) by their main
text, so a re-import updates rows instead of adding duplicates. A task whose wording was edited
is still the same task when it stands at the same place (same group, same number) and its text
is still alike; an indicator is matched by its name only, never by its row: two indicator
tables rarely list the same indicators in the same order, and an indicator paired by position
would have its baseline and target overwritten by another indicator's figures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, TypeVar

from rapidfuzz import fuzz

from app.appendix.parse import ParsedIndicator, ParsedTask
from app.services.importing.preview_types import (
    INDICATOR_FIELDS,
    TASK_FIELDS,
    Change,
    ImportPreview,
    RowSnapshot,
    RowStatus,
)
from app.services.indicators import _as_text
from models.textfold import fold

# How alike two contents must be for a task at the same position to count as the same task.
SAME_TASK_SIMILARITY = 70.0


class DiffedRow(Protocol):
    """A preview row (task or indicator) as the classification writes it."""

    status: RowStatus
    existing_id: int | None
    changes: list[Change]


R = TypeVar("R", bound=DiffedRow)


def task_values(t: ParsedTask) -> dict[str, str]:
    """A parsed task's fields as the text the diff compares (names joined by "; ")."""
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


def indicator_values(i: ParsedIndicator) -> dict[str, str]:
    return {
        "group": i.group,
        "name": i.name,
        "unit": i.unit,
        "baseline": _as_text(i.baseline),
        "target": _as_text(i.target),
        "lead": "; ".join(m.canonical or m.written for m in i.lead),
        "cooperating": "; ".join(m.canonical or m.written for m in i.cooperating),
    }


def field_changes(old: Mapping[str, str], new: Mapping[str, str], labels: Mapping[str, str]) -> list[Change]:
    """The labelled fields whose text differs, in the order of ``labels`` (missing old = "")."""
    return [Change(k, labels[k], old.get(k, ""), new[k]) for k in labels if old.get(k, "") != new[k]]


def pair_rows(
    new_keys: Sequence[tuple[str, int]],
    old: Sequence[RowSnapshot],
    main: str,
    by_position: bool = True,
    new_groups: Sequence[str] | None = None,
) -> dict[int, RowSnapshot]:
    """Which existing row each new row is: same main text first, then same position if alike.

    ``new_keys`` are (main text, seq) of the new rows; the answer maps a new row's index to
    the existing row it updates. Each existing row pairs at most once. ``by_position=False``
    pairs by text only; ``new_groups`` (the rows' group codes) make a position pairing also
    require the same group.
    """
    by_text: dict[str, list[RowSnapshot]] = {}
    for snap in old:
        by_text.setdefault(fold(snap.values[main]), []).append(snap)
    taken: set[int] = set()
    paired: dict[int, RowSnapshot] = {}
    if not old:  # a first import: nothing to pair, and folding every new text costs
        return paired
    for index, (text, _) in enumerate(new_keys):
        for snap in by_text.get(fold(text), []):
            if snap.id not in taken:
                paired[index] = snap
                taken.add(snap.id)
                break
    if not by_position:
        return paired
    by_seq = {int(s.values.get("seq", "0") or 0): s for s in old}
    for index, (text, seq) in enumerate(new_keys):
        if index in paired:
            continue
        candidate = by_seq.get(seq)
        if (
            candidate is not None
            and candidate.id not in taken
            and (new_groups is None or fold(new_groups[index]) == fold(candidate.values.get("group", "")))
            and fuzz.ratio(fold(text), fold(candidate.values[main])) >= SAME_TASK_SIMILARITY
        ):
            paired[index] = candidate
            taken.add(candidate.id)
    return paired


def classify(
    rows: Sequence[R],
    keys: Sequence[tuple[str, int]],
    existing: Sequence[RowSnapshot],
    main: str,
    changes: Callable[[R, Mapping[str, str]], list[Change]],
    by_position: bool = True,
    groups: Sequence[str] | None = None,
) -> None:
    """One rule for tasks and indicators: paired with an existing row → updated or unchanged.

    ``keys`` are the rows' (main text, seq); ``changes(row, old_values)`` gives a paired row's
    changes against the existing row's values; ``by_position``/``groups`` as in ``pair_rows``.
    """
    paired = pair_rows(keys, existing, main, by_position, groups)
    for index, row in enumerate(rows):
        snap = paired.get(index)
        if snap is None:
            row.status, row.existing_id, row.changes = RowStatus.NEW, None, []
            continue
        row.existing_id = snap.id
        row.changes = changes(row, snap.values)
        row.status = RowStatus.UPDATED if row.changes else RowStatus.UNCHANGED


def diff_preview(preview: ImportPreview) -> None:
    """(Re)classify every row as new, updated (with its changes) or unchanged."""
    classify(
        preview.tasks,
        [(t.parsed.content, t.parsed.seq) for t in preview.tasks],
        preview.existing_tasks,
        "content",
        lambda row, old: field_changes(old, task_values(row.parsed), TASK_FIELDS),
        groups=[t.parsed.group for t in preview.tasks],
    )
    classify(
        preview.indicators,
        [(i.parsed.name, i.parsed.seq) for i in preview.indicators],
        preview.existing_indicators,
        "name",
        lambda row, old: field_changes(old, indicator_values(row.parsed), INDICATOR_FIELDS),
        by_position=False,
    )
