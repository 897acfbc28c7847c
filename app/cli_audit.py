"""``python -m app directive delete | history | trash list | trash restore``: who changed what,
and bringing back what was deleted. ``app.cli`` lists ``register`` and ``HANDLERS`` in its
FEATURES; this module imports only ``app.cli_common`` (services load on use).

``history --json`` prints a list, newest first::

    [{"id": n, "at": "YYYY-MM-DDTHH:MM:SS", "actor": "user@host" | "<PostgreSQL role>",
      "action": "create" | "update" | "delete" | "import" | "restore" | "purge" | "reread",
      "entity": "<table: directive, task, report, evidence, agency, indicator, ...>",
      "entity_id": n | null, "directive_id": n | null, "task_id": n | null,
      "field": "<column changed, '' for create/delete>", "old": text | null, "new": text | null}]

``create`` has the record's name in ``new``; ``delete`` its name in ``old`` and, when it went to
the trash, «Thùng rác #N (kèm …)» in ``new``; ``import`` (a bulk insert) the row count in
``new``; ``reread`` (a task's deadline phrase read again under corrected rules, field
``deadline``) the old reading in ``old`` and the new one, with the phrase, in ``new``. Values
are text as the window shows them (dates dd/mm/yyyy).

``trash list --json`` prints a list, newest first::

    [{"id": n, "deleted_at": "YYYY-MM-DDTHH:MM:SS", "actor": "...", "entity": "directive",
      "entity_id": n, "label": "Văn bản 125/KH-BCĐ", "expires_on": "YYYY-MM-DD",
      "counts": {"<table>": n, ...}}]

``counts`` are the rows that went with the record (tasks, reports, evidence, …).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from app import cli_common as cli

# The --help texts say in Vietnamese what the module docstring says for developers (key names stay).
HISTORY_EPILOG = """
    [{"id": n, "at": "YYYY-MM-DDTHH:MM:SS", "actor": "người@máy" | "<vai PostgreSQL>",
      "action": "create" | "update" | "delete" | "import" | "restore" | "purge" | "reread",
      "entity": "<bảng: directive, task, report, evidence, agency, indicator, ...>",
      "entity_id": n | null, "directive_id": n | null, "task_id": n | null,
      "field": "<cột được sửa; '' khi tạo/xóa>", "old": chuỗi | null, "new": chuỗi | null}]

Một danh sách, mới nhất trước. «create» (tạo): tên bản ghi ở «new»; «delete» (xóa): tên ở
«old» và, nếu đã chuyển vào thùng rác, «Thùng rác #N (kèm …)» ở «new»; «import» (nhập hàng
loạt): số dòng ở «new»; «restore» (khôi phục), «purge» (xóa hẳn khỏi thùng rác); «reread» (đọc
lại thời hạn theo quy tắc mới, cột «deadline»): cách hiểu cũ ở «old», cách hiểu mới kèm câu chữ
thời hạn ở «new». Giá trị là chữ như cửa sổ hiển thị (ngày dd/mm/yyyy).
"""
TRASH_EPILOG = """
    [{"id": n, "deleted_at": "YYYY-MM-DDTHH:MM:SS", "actor": "...", "entity": "directive",
      "entity_id": n, "label": "Văn bản 125/KH-BCĐ", "expires_on": "YYYY-MM-DD",
      "counts": {"<bảng>": n, ...}}]

Một danh sách, mới xóa nhất trước. «counts»: số dòng đi kèm bản ghi đã xóa (nhiệm vụ, báo cáo,
tệp minh chứng, …); «expires_on»: ngày cuối còn khôi phục được. Khôi phục:
python -m app trash restore MÃ
"""


def register(sub: Any) -> None:
    h = sub.add_parser(
        "history",
        help="lịch sử thay đổi: ai, khi nào, sửa gì",
        description="Lịch sử thay đổi: ai, khi nào, sửa gì. JSON (--json):" + HISTORY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    h.add_argument("--task", type=int, help="chỉ nhiệm vụ có mã này (kể cả báo cáo, minh chứng của nó)")
    h.add_argument("--directive", help="chỉ những gì thuộc văn bản số này")
    h.add_argument("--actor", metavar="NGƯỜI", help="chỉ thay đổi của người này (user@máy)")
    h.add_argument("--since", type=cli.date_arg, metavar="NGÀY", help="từ ngày dd/mm/yyyy (hoặc YYYY-MM-DD)")
    h.add_argument("--until", type=cli.date_arg, metavar="NGÀY", help="đến hết ngày dd/mm/yyyy")
    h.add_argument("--limit", type=int, default=5000, metavar="SỐ", help="nhiều nhất bấy nhiêu dòng")
    h.add_argument("--json", action="store_true", help="in JSON")

    t = sub.add_parser(
        "trash",
        help="thùng rác: những gì đã xóa trong 30 ngày, khôi phục được",
        description="Thùng rác (giữ 30 ngày). JSON của «trash list --json»:" + TRASH_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    t_kinds = t.add_subparsers(dest="trash_action", required=True, metavar="list|restore")
    lst = t_kinds.add_parser("list", help="liệt kê thùng rác")
    lst.add_argument("--json", action="store_true", help="in JSON")
    r = t_kinds.add_parser("restore", help="khôi phục một mục của thùng rác")
    r.add_argument("id", type=int, metavar="MÃ", help="mã mục trong thùng rác (cột đầu của «trash list»)")


def cmd_directive_delete(args: argparse.Namespace) -> int:
    ctx = cli.open_context(args)
    try:
        did = ctx.directives.find_by_number(args.number)
        if did is None:
            raise cli.UserError(f"Không có văn bản số «{args.number}» trong sổ.")
        counts = ctx.directives.deletion_counts(did)
        ctx.directives.delete(did)
        entry = ctx.trash.list_entries()[0]
    finally:
        ctx.close()
    print(
        f"Đã chuyển văn bản {args.number} vào thùng rác (mục {entry.id}, giữ đến "
        f"{entry.expires_on:%d/%m/%Y}): {counts.tasks} nhiệm vụ, {counts.reports} báo cáo, "
        f"{counts.evidence_files} tệp minh chứng, {counts.indicators} chỉ tiêu. "
        f"Khôi phục: python -m app{cli.db_option(args)} trash restore {entry.id}"
    )
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from app.audit_dto import HistoryFilter
    from models.audit_text import action_label, entity_label, field_label

    ctx = cli.open_context(args)
    try:
        directive_id = None
        if args.directive:
            directive_id = ctx.directives.find_by_number(args.directive)
            if directive_id is None:  # in the trash (or purged): its number is in the trail
                directive_id = ctx.history.directive_in_trail(args.directive)
            if directive_id is None:
                raise cli.UserError(
                    f"Không có văn bản số «{args.directive}» trong sổ, trong thùng rác hay lịch sử thay đổi."
                )
        rows = ctx.history.entries(
            HistoryFilter(
                task_id=args.task,
                directive_id=directive_id,
                actor=args.actor,
                since=args.since,
                until=args.until,
                limit=max(1, args.limit),
            )
        )
    finally:
        ctx.close()
    if args.json:
        out = [
            {
                "id": r.id,
                "at": r.at.isoformat(),
                "actor": r.actor,
                "action": r.action,
                "entity": r.entity,
                "entity_id": r.entity_id,
                "directive_id": r.directive_id,
                "task_id": r.task_id,
                "field": r.field,
                "old": r.old_value,
                "new": r.new_value,
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        what = f"{entity_label(r.entity)} {r.entity_id or ''}".strip()
        change = (
            f"{field_label(r.field)}: {r.old_value or ''} → {r.new_value or ''}"
            if r.field
            else (r.new_value or r.old_value or "")
        )
        print(f"{r.at:%d/%m/%Y %H:%M}\t{r.actor}\t{action_label(r.action)}\t{what}\t{change}")
    return 0


def cmd_trash(args: argparse.Namespace) -> int:
    ctx = cli.open_context(args)
    try:
        if args.trash_action == "restore":
            label = ctx.trash.restore(args.id).value
            print(f"Đã khôi phục: {label}")
            return 0
        rows = ctx.trash.list_entries()
    finally:
        ctx.close()
    if args.json:
        out = [
            {
                "id": r.id,
                "deleted_at": r.deleted_at.isoformat(),
                "actor": r.actor,
                "entity": r.entity,
                "entity_id": r.entity_id,
                "label": r.label,
                "expires_on": r.expires_on.isoformat(),
                "counts": r.counts,
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    from models.audit_text import count_words

    for r in rows:
        words = count_words(r.counts)
        print(
            f"{r.id}\t{r.deleted_at:%d/%m/%Y %H:%M}\t{r.actor}\t{r.label}"
            f"{' (kèm ' + words + ')' if words else ''}\tgiữ đến {r.expires_on:%d/%m/%Y}"
        )
    return 0


HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "history": cmd_history,
    "trash": cmd_trash,
}
