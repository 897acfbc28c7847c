"""`python -m app --db PATH export tasks|scoreboard|grid|indicators|status-workbook --as-of D --out F.xlsx`.

The same ExportService the window's "Xuất Excel…" calls. The task filters are those of the
`tasks` command (--agency, --status, --search) plus --directive. The file is written whole or
not at all; a missing folder or a file open in Excel is one Vietnamese line and exit code 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli_common import UserError, date_arg, open_context

if TYPE_CHECKING:
    from app.context import AppContext
    from app.dto import TaskFilter
    from models.status import Status

KINDS = ("tasks", "scoreboard", "grid", "indicators", "status-workbook")
# Exports whose rows come from the follow-up services that are not in this program yet.
NOT_YET = {
    "scoreboard": "bảng theo dõi theo cơ quan",
    "grid": "bảng báo cáo định kỳ theo kỳ",
}


def register(sub: Any) -> None:
    e = sub.add_parser(
        "export",
        help="xuất Excel để in: danh sách nhiệm vụ, chỉ tiêu, bảng tình hình thực hiện theo mẫu phụ lục…",
    )
    e.add_argument("what", choices=KINDS, metavar="LOẠI", help=" | ".join(KINDS))
    e.add_argument("--as-of", type=date_arg, help="tính đến ngày YYYY-MM-DD (mặc định: hôm nay)")
    e.add_argument("--out", type=Path, required=True, help="tệp .xlsx sẽ ghi (ghi đè nếu đã có)")
    e.add_argument("--agency", help="chỉ nhiệm vụ của cơ quan này (tên hoặc tên viết tắt)")
    e.add_argument("--status", action="append", default=[], help="trạng thái, ví dụ «quá hạn» (lặp được)")
    e.add_argument("--search", default="", help="tìm kiếm (không phân biệt dấu)")
    e.add_argument("--directive", help="chỉ nhiệm vụ (hoặc chỉ tiêu) của văn bản số này, ví dụ 125/KH-BCĐ")


def _statuses(names: list[str]) -> tuple[Status, ...]:
    """Status names as typed, with or without diacritics (as `tasks --status` reads them)."""
    from models.status import Status
    from models.textfold import fold

    known = {fold(st.value): st for st in Status}
    out = []
    for name in names:
        value = known.get(fold(name))
        if value is None:
            choices = ", ".join(f"«{st.value}»" for st in Status)
            raise UserError(f"Không có trạng thái «{name}»; hãy dùng một trong: {choices}.")
        out.append(value)
    return tuple(out)


def _directive_id(ctx: AppContext, number: str | None) -> int | None:
    if not number:
        return None
    found = ctx.directives.find_by_number(number)
    if found is None:
        raise UserError(f"Không tìm thấy văn bản số «{number}».")
    return found


def _filter(ctx: AppContext, args: argparse.Namespace) -> TaskFilter:
    from app.dto import TaskFilter

    agency_id = None
    if args.agency:
        ref = ctx.agencies.resolve_or_fail(args.agency)
        if ref.agency_id is None:
            raise UserError(f"«{args.agency}» là một nhóm cơ quan; hãy chọn một cơ quan cụ thể.")
        agency_id = ref.agency_id
    return TaskFilter(
        directive_id=_directive_id(ctx, args.directive),
        agency_id=agency_id,
        statuses=_statuses(args.status),
        search=args.search,
    )


def cmd_export(args: argparse.Namespace) -> int:
    from app.export.output import check_target
    from app.export.service import ExportService

    if args.what in NOT_YET:
        raise UserError(f"Chưa có {NOT_YET[args.what]} để xuất (chức năng này chưa có trong phiên bản này).")
    out: Path = args.out.expanduser()
    check_target(out)  # before opening the database: a wrong folder is said at once
    as_of: date = args.as_of or date.today()
    ctx = open_context(args)
    try:
        export = ExportService(ctx.services)
        if args.what == "indicators":
            result = export.indicators(out, as_of, directive_id=_directive_id(ctx, args.directive))
            what = "chỉ tiêu"
        elif args.what == "status-workbook":
            result = export.status_workbook(out, as_of, flt=_filter(ctx, args))
            what = f"nhiệm vụ ({result.sheets - 1} văn bản)"
        else:
            result = export.tasks(_filter(ctx, args), out, as_of)
            what = "nhiệm vụ"
    finally:
        ctx.close()
    print(result.message(what))
    return 0


HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {"export": cmd_export}
