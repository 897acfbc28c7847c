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

from app.cli_common import UserError, date_arg, open_context, parse_statuses

if TYPE_CHECKING:
    from app.context import AppContext
    from app.dto import TaskFilter
    from models.report_grid import GridColumn

KINDS = ("tasks", "scoreboard", "grid", "indicators", "status-workbook")
# `export grid --columns`: the page's ranges (models.report_grid.GridSpan) by their CLI names.
GRID_COLUMNS = {
    "months": "year",  # a calendar year (--year) by months
    "quarters": "quarters",
    "halves": "halves",
    "last12": "last12",  # the 12 months up to --as-of
    "weeks": "weeks",  # the 12 weeks up to --as-of
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
    e.add_argument("--year", type=int, help="grid: năm của bảng (mặc định: năm của --as-of)")
    e.add_argument(
        "--columns",
        choices=tuple(GRID_COLUMNS),
        default="months",
        help="grid: cột theo tháng của năm (months), quý (quarters), 6 tháng (halves), "
        "12 tháng gần nhất (last12) hoặc 12 tuần gần nhất (weeks)",
    )




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
        statuses=parse_statuses(args.status),
        search=args.search,
    )


def _grid_columns(args: argparse.Namespace, as_of: date) -> tuple[GridColumn, ...]:
    from models.report_grid import GridSpan, span_columns

    year = args.year if args.year is not None else as_of.year
    if not 2000 <= year <= 2100:
        raise UserError(f"Năm {year} không hợp lệ (từ 2000 đến 2100).")
    return span_columns(GridSpan(GRID_COLUMNS[args.columns]), year, as_of)


def cmd_export(args: argparse.Namespace) -> int:
    from app.export.output import check_target
    from app.export.service import ExportService

    out: Path = args.out.expanduser()
    check_target(out)  # before opening the database: a wrong folder is said at once
    as_of: date = args.as_of or date.today()
    ctx = open_context(args, reader=True)
    try:
        export = ExportService(ctx.services)
        if args.what == "indicators":
            result = export.indicators(out, as_of, directive_id=_directive_id(ctx, args.directive))
            what = "chỉ tiêu"
        elif args.what == "scoreboard":
            result = export.scoreboard(out, as_of)
            what = "cơ quan, đơn vị"
        elif args.what == "grid":
            result = export.report_grid(
                out, _grid_columns(args, as_of), as_of, directive_id=_directive_id(ctx, args.directive)
            )
            what = "dòng (nhiệm vụ định kỳ × cơ quan)"
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
