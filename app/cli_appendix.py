"""`python -m app appendix parse FILE --json` and `python -m app --db PATH import FILE`.

Kept out of app/cli.py so the appendix import can grow without touching the core commands;
cli.py lists ``register`` and ``HANDLERS`` in its FEATURES. Both commands
report bad input as one Vietnamese line through the UserError path of `cli.main`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    """Add the two subcommands to `python -m app`'s subparsers."""
    a = sub.add_parser("appendix", help="đọc phụ lục Excel (không ghi vào cơ sở dữ liệu)")
    a_sub = a.add_subparsers(dest="appendix_command", required=True)
    p = a_sub.add_parser("parse", help="đọc một tệp phụ lục và in kết quả")
    p.add_argument("file", type=Path, help="tệp phụ lục .xlsx, .xls hoặc .ods")
    p.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    p.add_argument("--issues", action="store_true", help="kèm danh sách vấn đề cần xem lại (trong JSON)")
    i = sub.add_parser(
        "import", help="nhập phụ lục Excel vào cơ sở dữ liệu (chấp nhận kết quả đọc như hiện có)"
    )
    i.add_argument("file", type=Path, help="tệp phụ lục .xlsx, .xls hoặc .ods")
    i.add_argument(
        "--subject",
        help="trích yếu của văn bản sẽ tạo, khi tiêu đề phụ lục không ghi "
        "(phần «về …» của dòng «Kèm theo …»)",
    )
    i.add_argument(
        "--new-agencies",
        choices=("fail", "create"),
        default="fail",
        help="tên cơ quan chưa có trong danh mục: fail (mặc định) liệt kê và không nhập gì; "
        "create tạo mới từng tên như được ghi",
    )


def cmd_appendix(args: argparse.Namespace) -> int:
    from app.appendix.parse import default_catalogue, parse_appendix

    parsed = parse_appendix(args.file, default_catalogue())
    if args.json:
        print(json.dumps(parsed.to_json(include_issues=args.issues), ensure_ascii=False, indent=1))
        return 0
    print(
        f"{args.file.name}: văn bản {parsed.directive_number or '(không rõ)'}, "
        f"{len(parsed.tasks)} nhiệm vụ, {len(parsed.indicators)} chỉ tiêu, "
        f"{len(parsed.issues)} vấn đề cần xem lại."
    )
    for issue in parsed.issues:
        where = f" ({issue.place})" if issue.place else ""
        print(f"- {issue.message}{where}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from app.cli_common import UserError, _open

    ctx = _open(args)
    try:
        preview = ctx.importer.preview(args.file, seed_catalogue=True)
        if args.subject and args.subject.strip():
            preview.directive_subject = " ".join(args.subject.split())
        if preview.directive_id is None and not preview.directive_subject.strip():
            raise UserError(
                f"Tiêu đề phụ lục «{args.file.name}» không ghi trích yếu của văn bản "
                f"{preview.directive_number or ''} (phần «về …» của dòng «Kèm theo …»); "
                'hãy ghi thêm --subject "trích yếu của văn bản". Chưa nhập gì.'
            )
        if getattr(args, "new_agencies", "fail") == "fail" and preview.unknown:
            raise UserError(unknown_agencies_message(args.file.name, preview.unknown))
        result = ctx.importer.commit(preview, preview.default_decisions()).value
    finally:
        ctx.close()
    print(result.summary())
    if preview.issue_count:
        print(
            f"Có {preview.issue_count} vấn đề cần xem lại (chạy «appendix parse» để xem chi tiết).",
            file=sys.stdout,
        )
    return 0


def unknown_agencies_message(file: str, unknown: list[Any]) -> str:
    """Every unknown name with its proposal or closest names, and what to do; nothing imported."""
    lines = [f"Tệp «{file}»: {len(unknown)} tên cơ quan chưa có trong danh mục. Chưa nhập gì."]
    for m in unknown:
        hint = []
        if m.note:
            hint.append(m.note)
        if m.proposed:
            hint.append(f"đề xuất «{m.proposed}» (cần xác nhận)")
        near = [f"«{name}»" for name, _ in m.candidates if name != m.proposed][:3]
        if near:
            hint.append("gần giống: " + ", ".join(near))
        lines.append(f"- «{m.written}»" + (f": {'; '.join(hint)}" if hint else ""))
    lines.append(
        "Hãy thêm các tên này (hoặc tên gọi khác) vào danh mục cơ quan, nhập qua cửa sổ chương trình "
        "để chọn cơ quan tương ứng, hoặc chạy lại với --new-agencies create để tạo mới từng tên."
    )
    return "\n".join(lines)


HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "appendix": cmd_appendix,
    "import": cmd_import,
}
