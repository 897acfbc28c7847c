"""What a directive already holds, as the snapshots the diff compares a preview against."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.services.importing.preview_types import RowSnapshot
from models.entities import Assignment, Indicator, IndicatorAgency, Role, Task


def existing_tasks(s: Session, directive_id: int) -> list[RowSnapshot]:
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
            RowSnapshot(
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
    return snaps


def existing_indicators(s: Session, directive_id: int) -> list[RowSnapshot]:
    inds = s.scalars(
        select(Indicator)
        .where(Indicator.directive_id == directive_id)
        .options(
            selectinload(Indicator.agencies).selectinload(IndicatorAgency.agency),
            selectinload(Indicator.agencies).selectinload(IndicatorAgency.group),
        )
    )
    return [
        RowSnapshot(
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
