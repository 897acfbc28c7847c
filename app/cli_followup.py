"""``python -m app summary | task find | report add | verify``: follow-up from the command line.

Scripts and acceptance checks call these; keep the JSON shapes stable. ``app.cli`` lists
``register`` and ``HANDLERS`` in its FEATURES; this module imports only ``app.cli_common``.

``summary --json`` prints::

    {"as_of": "YYYY-MM-DD",
     "totals": {"<official class, Vietnamese>": n, ...},        # tasks, every class present
     "agencies": [{"agency": name, "group": bool, "lead": n, "cooperating": n,
                   "done_on_time": n, "done_late": n, "overdue": n, "in_progress": n,
                   "continuous": n, "no_deadline": n, "paused": n, "cancelled": n,
                   "cooperating_overdue": n, "longest_overdue_days": n|null,
                   "on_time_rate": x|null, "update_rate": x|null}, ...]}

``lead``/``cooperating`` count the party's assignments in each role; ``done_on_time`` …
``cancelled``, ``longest_overdue_days`` and both rates are about the assignments it LEADS;
``cooperating_overdue`` its overdue cooperating ones. A group named on tasks as such ("Các
sở, ban, ngành") is a row of its own with ``"group": true``. A rate is null, not 0, when its
denominator is 0 (nothing done yet; no periodic report due yet): 0 would accuse an agency of
a failure that has not happened. Formulas: app/followup_dto.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from app import cli_common as cli

_ROLE_FIELDS = (
    ("done_on_time", "DONE_ON_TIME"),
    ("done_late", "DONE_LATE"),
    ("overdue", "OVERDUE"),
    ("in_progress", "IN_PROGRESS"),
    ("continuous", "CONTINUOUS"),
    ("no_deadline", "NO_DEADLINE"),
    ("paused", "PAUSED"),
    ("cancelled", "CANCELLED"),
)


def register(sub: Any) -> None:
    summary = sub.add_parser(
        "summary", help="tổng quan: nhiệm vụ theo trạng thái và bảng theo dõi từng cơ quan"
    )
    summary.add_argument(
        "--as-of", type=cli.date_arg, help="tính tại ngày dd/mm/yyyy hoặc YYYY-MM-DD (mặc định: hôm nay)"
    )
    summary.add_argument("--json", action="store_true", help="in JSON")

    task = sub.add_parser("task", help="tra cứu nhiệm vụ")
    task_kinds = task.add_subparsers(dest="task_action", required=True, metavar="find")
    find = task_kinds.add_parser("find", help="tìm nhiệm vụ theo nội dung (không phân biệt dấu)")
    find.add_argument("text", help="từ cần tìm")
    find.add_argument("--json", action="store_true", help="in JSON")

    report = sub.add_parser("report", help="ghi nhận báo cáo của cơ quan")
    report_kinds = report.add_subparsers(dest="report_action", required=True, metavar="add")
    add = report_kinds.add_parser("add", help="ghi một báo cáo (kèm tệp minh chứng)")
    add.add_argument("--task", type=int, required=True, help="mã nhiệm vụ (cột id của «task find»)")
    add.add_argument("--agency", required=True, help="tên hoặc tên viết tắt của cơ quan báo cáo")
    add.add_argument(
        "--date", type=cli.date_arg, required=True, help="ngày nhận báo cáo dd/mm/yyyy hoặc YYYY-MM-DD"
    )
    add.add_argument(
        "--period",
        help="kỳ báo cáo của nhiệm vụ định kỳ: «Tháng 8/2026», «Quý 3/2026», «6 tháng đầu năm 2026», "
        "«Năm 2026», một ngày dd/mm/yyyy hoặc một tuần 2026-W23 (mặc định: kỳ sớm nhất chưa đáp ứng)",
    )
    add.add_argument("--done", action="store_true", help="báo cáo hoàn thành (kỳ này hoặc nhiệm vụ)")
    add.add_argument("--percent", type=int, help="tỷ lệ hoàn thành 0–100")
    add.add_argument("--text", default="", help="nội dung tóm tắt")
    add.add_argument("--number", default="", help="số, ký hiệu văn bản báo cáo")
    add.add_argument(
        "--evidence", type=Path, action="append", default=[], help="tệp minh chứng (nhắc lại được)"
    )
    add.add_argument("--json", action="store_true", help="in JSON")

    sub.add_parser("verify", help="kiểm tra tệp cơ sở dữ liệu và mọi tệp minh chứng (mã SHA-256)")


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def summary_json(as_of: date, overview: Any, lines: list[Any]) -> dict[str, Any]:
    """The ``summary --json`` document (shape in the module docstring)."""
    from models.official import OfficialClass

    agencies = []
    for line in lines:
        lead, coop = line.lead, line.cooperating
        row: dict[str, Any] = {
            "agency": line.name,
            "group": line.group_id is not None,
            "lead": lead.assigned,
            "cooperating": coop.assigned,
        }
        for name, klass in _ROLE_FIELDS:
            row[name] = lead.counts[OfficialClass[klass]]
        row["cooperating_overdue"] = coop.counts[OfficialClass.OVERDUE]
        row["longest_overdue_days"] = lead.longest_overdue_days
        row["on_time_rate"] = _rate(lead.on_time_rate)
        row["update_rate"] = _rate(lead.update_rate)
        agencies.append(row)
    return {
        "as_of": as_of.isoformat(),
        "totals": {klass.value: n for klass, n in overview.totals.counts.items()},
        "agencies": agencies,
    }


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def cmd_summary(args: argparse.Namespace) -> int:
    ctx = cli.open_context(args, reader=True)
    try:
        as_of = args.as_of or ctx.services.today()
        overview = ctx.followup.overview(as_of)
        lines = ctx.followup.scoreboard(as_of)
    finally:
        ctx.close()
    if args.json:
        print(json.dumps(summary_json(as_of, overview, lines), ensure_ascii=False, indent=1))
        return 0
    print(f"Tổng quan nhiệm vụ tính đến ngày {as_of:%d/%m/%Y}")
    for klass, n in overview.totals.counts.items():
        print(f"  {klass.value:<26} {n:>6}")
    print(f"  {'Tổng số':<26} {overview.totals.total:>6}")
    print()
    head = (
        "Cơ quan",
        "Chủ trì",
        "Phối hợp",
        "Đúng hạn",
        "Trễ hạn",
        "Quá hạn",
        "Đang làm",
        "T.xuyên",
        "PH quá hạn",
        "Lâu nhất",
        "Tỷ lệ ĐH",
        "Tỷ lệ CN",
    )
    print(f"{head[0]:<42}" + "".join(f"{h:>11}" for h in head[1:]))
    for line in lines:
        lead = line.lead
        from models.official import OfficialClass as K

        cells = (
            lead.assigned,
            line.cooperating.assigned,
            lead.counts[K.DONE_ON_TIME],
            lead.counts[K.DONE_LATE],
            lead.counts[K.OVERDUE],
            lead.counts[K.IN_PROGRESS],
            lead.counts[K.CONTINUOUS],
            line.cooperating.counts[K.OVERDUE],
            "" if lead.longest_overdue_days is None else f"{lead.longest_overdue_days} ngày",
            _percent(lead.on_time_rate),
            _percent(lead.update_rate),
        )
        name = line.name if len(line.name) <= 40 else line.name[:39] + "…"
        print(f"{name:<42}" + "".join(f"{c!s:>11}" for c in cells))
    from app.followup_dto import ON_TIME_RATE_FORMULA, UPDATE_RATE_FORMULA

    print()
    print(ON_TIME_RATE_FORMULA)
    print(UPDATE_RATE_FORMULA)
    return 0


def cmd_task(args: argparse.Namespace) -> int:
    from app.dto import TaskFilter

    ctx = cli.open_context(args)
    try:
        rows = ctx.tasks.page(TaskFilter(search=args.text), 0, 1_000_000)
    finally:
        ctx.close()
    if args.json:
        out = [cli.task_json(r) for r in rows]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(
            f"{r.id}\t{r.directive_number}\t{r.status.value}\t{r.deadline_text}\t{r.lead}\t{r.content[:80]}"
        )
    if not rows:
        print(f"Không có nhiệm vụ nào khớp «{args.text}».")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from app.dto import ReportInput
    from app.errors import NotFound
    from models.periods import period_span

    for path in args.evidence:
        if not path.is_file():
            raise cli.UserError(f"Không tìm thấy tệp minh chứng «{path}».")
    if args.percent is not None and not 0 <= args.percent <= 100:
        raise cli.UserError("Tỷ lệ hoàn thành (--percent) phải từ 0 đến 100.")
    span = None
    if args.period:
        try:
            span = period_span(args.period)
        except ValueError as exc:
            raise cli.UserError(str(exc)) from None
    ctx = cli.open_context(args)
    try:
        try:
            task = ctx.tasks.get(args.task)
        except NotFound:
            raise cli.UserError(
                f"Không có nhiệm vụ mã {args.task}; tìm mã bằng: python -m app task find …"
            ) from None
        ref = ctx.agencies.resolve_or_fail(args.agency)
        assignment = next(
            (
                a
                for a in task.assignments
                if (a.party.agency_id, a.party.group_id) == (ref.agency_id, ref.group_id)
            ),
            None,
        )
        if assignment is None:
            parties = "; ".join(a.party.name for a in task.assignments) or "chưa giao cơ quan nào"
            raise cli.UserError(
                f"«{ref.name}» không được giao nhiệm vụ {args.task} (cơ quan được giao: {parties})."
            )
        occurrence = None if span is None else ctx.followup.occurrence_in_period(args.task, *span)
        data = ReportInput(
            assignment_id=assignment.id,
            received_on=args.date,
            text=args.text,
            percent=args.percent,
            done=args.done,
            occurrence=occurrence,
            doc_number=args.number,
            evidence_files=list(args.evidence),
        )
        earlier = [
            r
            for r in ctx.reports.list_for_task(args.task)
            if occurrence is not None and r.assignment_id == assignment.id and r.occurrence == occurrence
        ]
        report_id = ctx.reports.add(data).value
    finally:
        ctx.close()
    for r in earlier:  # kept, not replaced: say so, so a typed-twice report is seen
        print(
            f"Lưu ý: kỳ hạn {occurrence:%d/%m/%Y} đã có báo cáo mã {r.id} của {r.agency} "
            f"(nhận {r.received_on:%d/%m/%Y}); báo cáo mới được ghi thêm, không thay báo cáo cũ.",
            file=sys.stderr,
        )
    if args.json:
        out = {
            "id": report_id,
            "task": args.task,
            "agency": ref.name,
            "occurrence": occurrence.isoformat() if occurrence else None,
            "received_on": args.date.isoformat(),
            "done": args.done,
            "percent": 100 if args.done and args.percent is None else args.percent,
            "evidence": [p.name for p in args.evidence],
        }
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        what = f", kỳ hạn {occurrence:%d/%m/%Y}" if occurrence else ", cho kỳ sớm nhất chưa đáp ứng"
        files = f", {len(args.evidence)} tệp minh chứng" if args.evidence else ""
        done = ", hoàn thành" if args.done else ""
        print(f"Đã ghi báo cáo mã {report_id}: nhiệm vụ {args.task}, {ref.name}{what}{done}{files}.")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from app.evidence_store import EvidenceStore
    from app.paths import evidence_dir_for
    from app.services.integrity import verify

    if args.db is not None and not isinstance(args.db, Path):  # a shared PostgreSQL database
        from app.services.integrity import verify_shared

        ctx = cli.open_context(args, reader=True)
        try:
            assert ctx.db is not None
            result = verify_shared(ctx.db)
        finally:
            ctx.close()
    else:
        path = cli.sqlite_only(args, "verify")
        result = verify(path, EvidenceStore(evidence_dir_for(path)))
    for problem in result.problems:
        print(problem)
    if result.details:
        print("\nChi tiết SQLite báo (tiếng Anh, để gửi cán bộ kỹ thuật):")
        for line in result.details:
            print(f"  {line}")
    if not result.ok:
        print(f"Phát hiện {len(result.problems)} vấn đề.")
        return 1
    if result.shared:
        print(
            f"Kiểm tra xong cơ sở dữ liệu dùng chung: {result.files_checked} tệp minh chứng đúng mã SHA-256, "
            "không có dòng trỏ tới dữ liệu đã mất. Kiểm tra các trang dữ liệu là việc của máy chủ "
            "PostgreSQL (pg_amcheck)."
        )
        return 0
    print(f"Kiểm tra xong: cơ sở dữ liệu nguyên vẹn, {result.files_checked} tệp minh chứng đúng mã SHA-256.")
    return 0


HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "summary": cmd_summary,
    "task": cmd_task,
    "report": cmd_report,
    "verify": cmd_verify,
}
