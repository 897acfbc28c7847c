"""The demo database a newcomer sees on first run: Kế hoạch 125/KH-BCĐ and Công văn 420-CV/TU.

The plan is the real one, deadlines and all (April–December 2026). What a working office would
have on the day the demo is built is added relative to that day (`_working_office`): most tasks
due before it reported done, on time or a little late; a minority left overdue; recurring
duties reported month after month, two of them behind; tasks not yet due under way; one task
paused, one cancelled; evidence on a third of the reports. The choice is deterministic (by the
task's position), so the same day always builds the same database.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.appendix.catalogue_file import DEFAULT_GROUPS
from app.context import AppContext
from app.dto import DirectiveInput, IndicatorInput, PartyRef, ReportInput, TaskInput
from app.errors import UserError
from app.paths import resource
from models.deadlines import DeadlineKind, occurrences, parse_deadline
from models.parties import Role
from models.status import Suspension
from models.textfold import fold


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
    _working_office(ctx, data, task_ids)
    for v in data.get("indicator_values", []):
        rows = ctx.indicators.list_indicators(ids[v["directive"]])
        ctx.indicators.record_value(rows[v["seq"] - 1].id, v["period"], v["value"])


def _add_reports(ctx: AppContext, data: dict[str, Any], task_ids: dict[tuple[str, int], int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n, r in enumerate(data.get("reports", []), start=1):
            if date.fromisoformat(r["received_on"]) > ctx.services.today():
                continue  # a demo built before the report's day
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


# Left overdue whatever the day, by (directive, position in it): one of the police's (CI's reminder
# letter needs one), one of Sở Nội vụ's, and the group task "every agency drafts its plan" by
# 30/4, waiting to be split per agency (a group reports nothing); then the paused and cancelled.
ALWAYS_OVERDUE = (("125/KH-BCĐ", 21), ("125/KH-BCĐ", 15), ("125/KH-BCĐ", 6))
PAUSED = ("125/KH-BCĐ", 52)
CANCELLED = ("125/KH-BCĐ", 30)
# Of the other tasks due before the demo's day, by their order: one in OVERDUE_EVERY is left
# overdue (with a progress report), one in LATE_EVERY reported done late, the rest on time.
OVERDUE_EVERY = 10
LATE_EVERY = 5
GROUPS = {name for name, _ in DEFAULT_GROUPS}
# Every BEHIND_EVERY-th recurring duty has not sent its last two reports.
BEHIND_EVERY = 4


class _Office:
    """Adds the reports of one demo day; every report is received on or before that day."""

    def __init__(self, ctx: AppContext, tmp: Path) -> None:
        self.ctx = ctx
        self.today = ctx.services.today()
        self.tmp = tmp
        self.count = 0

    def report(
        self,
        task_id: int,
        received: date,
        done: bool,
        text: str,
        occurrence: date | None = None,
        percent: int | None = None,
        evidence: bool = False,
    ) -> None:
        detail = self.ctx.tasks.get(task_id)
        lead = next(a for a in detail.assignments if a.role is Role.LEAD)
        self.count += 1
        files = []
        doc_number = ""
        if evidence:
            doc_number = f"{100 + self.count}/BC-{_symbol(lead.party.name)}"
            path = self.tmp / f"bao-cao-{self.count:03d}.txt"
            path.write_text(f"{doc_number}\n{text}\n", encoding="utf-8")
            files.append(path)
        self.ctx.reports.add(
            ReportInput(
                assignment_id=lead.id,
                received_on=min(received, self.today),
                text=text,
                percent=percent,
                done=done,
                occurrence=occurrence,
                doc_number=doc_number,
                doc_date=min(received, self.today) if doc_number else None,
                evidence_files=files,
            )
        )


def _working_office(ctx: AppContext, data: dict[str, Any], task_ids: dict[tuple[str, int], int]) -> None:
    """Reports, pauses and cancellations that make the plan look worked on as of today."""
    today = ctx.services.today()
    reported = {(r["directive"], r["seq"]) for r in data.get("reports", [])}
    issued = {d["number"]: _date(d["issued_on"]) for d in data["directives"]}
    ctx.tasks.set_suspension(task_ids[PAUSED], Suspension.PAUSED)
    ctx.tasks.set_suspension(task_ids[CANCELLED], Suspension.CANCELLED)
    past = recurring = future = 0
    with tempfile.TemporaryDirectory() as tmp:
        office = _Office(ctx, Path(tmp))
        for d in data["directives"]:
            start = issued[d["number"]] or today
            for seq, t in enumerate(d.get("tasks", []), start=1):
                key = (d["number"], seq)
                if key in reported or key in (PAUSED, CANCELLED):
                    continue
                deadline = parse_deadline(t["deadline_text"], start)
                task_id = task_ids[key]
                if deadline.kind is DeadlineKind.RECURRING:
                    recurring += 1
                    owed = occurrences(deadline, start, today - timedelta(days=1), anchor=start)
                    if recurring % BEHIND_EVERY == 1 or key == ("125/KH-BCĐ", 61):
                        owed = owed[:-2]
                    for n, occurrence in enumerate(owed):
                        office.report(
                            task_id,
                            max(start, occurrence - timedelta(days=2 + n % 3)),
                            True,
                            f"Báo cáo kỳ hạn {occurrence.strftime('%d/%m/%Y')}.",
                            occurrence=occurrence,
                            evidence=n == 0,
                        )
                    continue
                if not deadline.dates:  # continuous or not understood: progress now and then
                    if seq % 2 == 0 and start < today:
                        office.report(
                            task_id, today - timedelta(days=10 + seq % 20), False, _UNDERWAY, percent=50
                        )
                    continue
                passed = [x for x in deadline.dates if x < today]
                for milestone in passed[:-1] if len(passed) == len(deadline.dates) else passed:
                    # milestones before the last (or all passed ones of a task still running)
                    if len(deadline.dates) > 1:
                        office.report(
                            task_id, milestone - timedelta(days=3), True, _DONE, occurrence=milestone
                        )
                if len(passed) < len(deadline.dates):
                    future += 1
                    if future % 2 == 1 and start < today:
                        when = max(start, today - timedelta(days=5 + seq % 15))
                        office.report(task_id, when, False, _UNDERWAY, percent=20 + (seq * 7) % 60)
                    continue
                due = deadline.dates[-1]
                named = due if len(deadline.dates) > 1 else None
                past += 1
                if key in ALWAYS_OVERDUE or past % OVERDUE_EVERY == 0:
                    if t["lead"] not in GROUPS:
                        office.report(
                            task_id, max(start, due - timedelta(days=20)), False, _UNDERWAY, percent=40
                        )
                elif past % LATE_EVERY == 0:
                    late = due + timedelta(days=6 + seq % 20)
                    office.report(task_id, late, True, _DONE_LATE, occurrence=named, evidence=True)
                else:
                    early = max(start, due - timedelta(days=2 + seq % 12))
                    office.report(task_id, early, True, _DONE, occurrence=named, evidence=past % 3 == 0)


_DONE = "Đã hoàn thành; gửi kèm báo cáo kết quả."
_DONE_LATE = "Đã hoàn thành, chậm so với thời hạn; gửi kèm báo cáo."
_UNDERWAY = "Đang triển khai; đã hoàn thành một phần khối lượng."


# Words an office's symbol leaves out: "Sở Khoa học và Công nghệ" signs "SKHCN".
_SYMBOL_SKIP = frozenset({"và", "tỉnh", "của", "-", "–"})


def _symbol(name: str) -> str:
    """The symbol an agency signs its reports with, as offices write it: the initials of its
    name without diacritics but with Đ ("Công an tỉnh" → "CA", "Đảng ủy …" → "ĐUUBND")."""
    initials = "".join(w[0] for w in name.split() if w.lower() not in _SYMBOL_SKIP)
    return "".join("Đ" if c in "Đđ" else fold(c).upper() for c in initials)[:8] or "CQ"
