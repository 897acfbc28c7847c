"""``python -m app letter remind|assign|report``: the outgoing letters from the command line.

``app.cli`` lists ``register`` and ``HANDLERS`` in its FEATURES; this module imports only
``app.cli_common``, never ``app.cli``, so it can be imported on its own. Success prints one
Vietnamese line (number and file); errors go through ``app.cli.main`` as one line on stderr
with a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import cli_common as cli  # the shared helpers, as the handlers call them
from app.steps import run_to_end


def register(sub: Any) -> None:
    letter = sub.add_parser("letter", help="lập công văn, báo cáo (.docx) theo thể thức nhà nước hoặc Đảng")
    kinds = letter.add_subparsers(dest="letter_kind", required=True, metavar="remind|assign|report|response")

    remind = kinds.add_parser("remind", help="công văn đôn đốc một cơ quan có nhiệm vụ quá hạn")
    who = remind.add_mutually_exclusive_group(required=True)
    who.add_argument("--agency", help="tên hoặc tên viết tắt của cơ quan")
    who.add_argument(
        "--all",
        action="store_true",
        help="mỗi cơ quan có nhiệm vụ quá hạn một công văn; --out là thư mục lưu",
    )
    remind.add_argument(
        "--as-of", type=cli._date_arg, help="tính quá hạn tại ngày dd/mm/yyyy (mặc định: hôm nay)"
    )
    remind.add_argument(
        "--format",
        choices=("state", "party"),
        default="state",
        help="thể thức: state = nhà nước (mặc định), party = Đảng",
    )
    remind.add_argument("--out", type=Path, required=True, help="tệp .docx sẽ ghi (với --all: thư mục)")
    _replace_arg(remind)

    assign = kinds.add_parser("assign", help="công văn triển khai nhiệm vụ của một văn bản chỉ đạo")
    assign.add_argument("--directive", required=True, help="số, ký hiệu văn bản, ví dụ 125/KH-BCĐ")
    assign.add_argument(
        "--format",
        choices=("state", "party"),
        default=None,
        help="thể thức (mặc định: theo ký hiệu của văn bản)",
    )
    assign.add_argument("--out", type=Path, required=True, help="tệp .docx sẽ ghi")
    _replace_arg(assign)

    report = kinds.add_parser("report", help="báo cáo tháng, quý, năm")
    report.add_argument(
        "--period",
        required=True,
        help="kỳ báo cáo: «Tháng 6/2026», «Quý 2/2026», «Năm 2026» (hoặc 2026-06, 2026-Q2, 2026)",
    )
    report.add_argument("--format", choices=("state", "party"), default="state", help="thể thức")
    report.add_argument("--out", type=Path, required=True, help="tệp .docx sẽ ghi")
    _replace_arg(report)

    response = kinds.add_parser("response", help="báo cáo kết quả thực hiện một văn bản chỉ đạo")
    response.add_argument("--directive", required=True, help="số, ký hiệu văn bản, ví dụ 420-CV/TU")
    response.add_argument(
        "--as-of", type=cli._date_arg, help="số liệu tính đến ngày dd/mm/yyyy, cũng là ngày báo cáo"
    )
    response.add_argument(
        "--format",
        choices=("state", "party"),
        default=None,
        help="thể thức (mặc định: theo cơ quan ban hành văn bản)",
    )
    response.add_argument("--out", type=Path, required=True, help="tệp .docx sẽ ghi")
    _replace_arg(response)


def _replace_arg(parser: Any) -> None:
    parser.add_argument(
        "--replace",
        action="store_true",
        help="--out là một văn bản đã vào sổ: lập lại văn bản đó, giữ số và ngày cũ (không cấp số mới)",
    )


def _check_out(path: Path) -> Path:
    if path.suffix.lower() != ".docx":
        raise cli.UserError(f"Tệp kết quả «{path}» phải có đuôi .docx.")
    return path


def _reminded_agency(ctx: Any, typed: str) -> int:
    """The agency a reminder typed on the command line goes to: a name or abbreviation, once."""
    from app.letters.remind import recipient_id

    return recipient_id(ctx.agencies.resolve_or_fail(typed), typed)


def _directive_id(ctx: Any, number: str) -> int:
    """The directive typed on the command line by its number, looked up once."""
    from app.letters.assign import directive_id

    return directive_id(ctx.directives.find_by_number(number), number)


def cmd_remind_all(args: argparse.Namespace) -> int:
    from models.vn_dates import LetterFormat

    ctx = cli._open(args)
    try:
        results = run_to_end(ctx.letters.remind_all(args.as_of, LetterFormat(args.format), args.out)).value
    finally:
        ctx.close()
    for r in results:
        print(f"Đã lập công văn đôn đốc {r.task_count} nhiệm vụ quá hạn, số {r.number}: {r.path}")
    print(f"Tổng cộng {len(results)} công văn đôn đốc.")
    if results.uncovered:
        print(
            f"Chú ý: {len(results.uncovered)} nhiệm vụ quá hạn không có trong công văn nào:",
            *(f"  - {text}" for text in results.uncovered),
            sep="\n",
            file=sys.stderr,
        )
    return 0


def cmd_letter(args: argparse.Namespace) -> int:
    if args.letter_kind == "remind" and args.all:
        return cmd_remind_all(args)
    from app.letters.issue import check_out_path
    from models.vn_dates import LetterFormat

    replace = bool(getattr(args, "replace", False))
    out = check_out_path(_check_out(args.out), replace)  # before any name is looked up, as before
    fmt = LetterFormat(args.format) if args.format else None
    ctx = cli._open(args)
    try:
        if args.letter_kind == "remind":
            agency_id = _reminded_agency(ctx, args.agency)
            result = ctx.letters.remind(agency_id, args.as_of, fmt or LetterFormat.STATE, out, replace).value
            what = f"công văn đôn đốc {result.task_count} nhiệm vụ quá hạn"
        elif args.letter_kind == "assign":
            result = ctx.letters.assign(_directive_id(ctx, args.directive), out, fmt, replace=replace).value
            what = f"công văn triển khai {result.task_count} nhiệm vụ"
        elif args.letter_kind == "response":
            directive = _directive_id(ctx, args.directive)
            result = ctx.letters.response(directive, out, fmt, args.as_of, replace=replace).value
            what = f"báo cáo kết quả thực hiện {result.task_count} nhiệm vụ"
        else:
            result = ctx.letters.report(args.period, out, fmt or LetterFormat.STATE, replace=replace).value
            what = "báo cáo"
    finally:
        ctx.close()
    print(f"Đã lập {what}, số {result.number}, ngày {result.issued_on:%d/%m/%Y}: {result.path}")
    return 0


HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {"letter": cmd_letter}
