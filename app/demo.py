"""The demo database a newcomer sees on first run: Kế hoạch 125/KH-BCĐ and Công văn 420-CV/TU."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from app.context import AppContext
from app.dto import DirectiveInput, IndicatorInput, PartyRef, ReportInput, TaskInput
from app.errors import UserError
from app.paths import resource
from models.parties import Role


def _parties(ctx: AppContext, names: list[str]) -> list[PartyRef]:
    return [ctx.agencies.resolve_or_fail(n) for n in names if n]


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def build_demo(ctx: AppContext) -> Iterator[tuple[int, int]]:
    """Fill an empty database; yields (done, total) so a caller can show progress."""
    if ctx.directives.list_directives():
        raise UserError("Cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ tạo trên cơ sở dữ liệu trống.")
    data: dict[str, Any] = json.loads(resource("demo", "demo.json").read_text(encoding="utf-8"))
    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    total = sum(len(d.get("tasks", [])) + len(d.get("indicators", [])) for d in data["directives"])
    done = 0
    ids: dict[str, int] = {}
    task_ids: dict[tuple[str, int], int] = {}
    for d in data["directives"]:
        ids[d["number"]] = ctx.directives.save(
            DirectiveInput(
                number=d["number"],
                kind=d["kind"],
                issuer=d["issuer"],
                issued_on=_date(d["issued_on"]),
                place=d["place"],
                subject=d["subject"],
                signer=d["signer"],
                signer_title=d["signer_title"],
                signer_authority=d["signer_authority"],
                parent_id=ids.get(d.get("parent", "")),
                citations=d.get("citations", []),
            )
        ).value
        for seq, t in enumerate(d.get("tasks", []), start=1):
            task_ids[(d["number"], seq)] = ctx.tasks.save(
                TaskInput(
                    directive_id=ids[d["number"]],
                    content=t["content"],
                    lead=_parties(ctx, [t["lead"]]),
                    cooperating=_parties(ctx, t["cooperating"]),
                    deadline_text=t["deadline_text"],
                    product=t["product"],
                    group_code=t["group"],
                    group_title=t["group_title"],
                    seq=seq,
                )
            ).value
            done += 1
            yield done, total
        for seq, i in enumerate(d.get("indicators", []), start=1):
            ctx.indicators.save(
                IndicatorInput(
                    name=i["name"],
                    unit=i["unit"],
                    baseline=i["baseline"],
                    target=i["target"],
                    group_code=i["group"],
                    directive_id=ids[d["number"]],
                    lead=_parties(ctx, [i["lead"]]),
                    cooperating=_parties(ctx, i["cooperating"]),
                    seq=seq,
                )
            )
            done += 1
            yield done, total
    _add_reports(ctx, data, task_ids)
    for v in data.get("indicator_values", []):
        rows = ctx.indicators.list_indicators(ids[v["directive"]])
        ctx.indicators.record_value(rows[v["seq"] - 1].id, v["period"], v["value"])


def _add_reports(ctx: AppContext, data: dict[str, Any], task_ids: dict[tuple[str, int], int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n, r in enumerate(data.get("reports", []), start=1):
            detail = ctx.tasks.get(task_ids[(r["directive"], r["seq"])])
            wanted = r["agency"]
            assignment = next(
                a for a in detail.assignments if (a.party.name == wanted if wanted else a.role is Role.LEAD)
            )
            evidence = Path(tmp) / f"bao-cao-{n:02d}.txt"
            evidence.write_text(f"{r['doc_number'] or 'Báo cáo'}\n{r['text']}\n", encoding="utf-8")
            ctx.reports.add(
                ReportInput(
                    assignment_id=assignment.id,
                    received_on=date.fromisoformat(r["received_on"]),
                    text=r["text"],
                    percent=r.get("percent"),
                    done=r["done"],
                    doc_number=r["doc_number"],
                    doc_date=date.fromisoformat(r["received_on"]) if r["doc_number"] else None,
                    evidence_files=[evidence],
                )
            )
