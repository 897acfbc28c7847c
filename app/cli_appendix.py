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

from app.steps import run_to_end


def register(sub: Any) -> None:
    """Add the two subcommands to `python -m app`'s subparsers."""
    a = sub.add_parser("appendix", help="đọc phụ lục Excel (không ghi vào cơ sở dữ liệu)")
    a_sub = a.add_subparsers(dest="appendix_command", required=True, metavar="parse")
    p = a_sub.add_parser("parse", help="đọc một tệp phụ lục và in kết quả")
    p.add_argument("file", type=Path, help="tệp phụ lục .xlsx, .xls hoặc .ods")
    p.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    p.add_argument("--issues", action="store_true", help="kèm danh sách vấn đề cần xem lại (trong JSON)")
    _choice_arguments(p)
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
    i.add_argument(
        "--directive",
        metavar="SỐ",
        help="nhập vào văn bản có số này (đã có thì gắn vào, chưa có thì tạo mới); "
        "cần khi tiêu đề phụ lục để trống số, như bản dự thảo «Kế hoạch số:    /KH-UBND»",
    )
    i.add_argument(
        "--date",
        metavar="NGÀY",
        help="ngày ban hành của văn bản sẽ tạo (dd/mm/yyyy), khi tiêu đề phụ lục không ghi: "
        "việc định kỳ và thời hạn thiếu năm tính từ ngày này",
    )
    i.add_argument(
        "--accept-proposed",
        action="store_true",
        help="tên cơ quan cũ (trước sắp xếp năm 2025, như «Sở Thông tin và Truyền thông») được ghi "
        "nhận là cơ quan kế nhiệm được đề xuất; không có tùy chọn này thì liệt kê và không nhập gì",
    )
    i.add_argument(
        "--other-directive",
        action="store_true",
        help="cho phép --directive khác số văn bản ghi ở tiêu đề phụ lục (mặc định: từ chối, "
        "vì các dòng sẽ gộp vào văn bản kia)",
    )
    _choice_arguments(i)


def _choice_arguments(p: Any) -> None:
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar='"TIÊU ĐỀ=vai trò"',
        help="vai trò của một cột theo tiêu đề của nó (lặp lại được): content, lead, cooperating, "
        "product, deadline, note, group, stt; với chỉ tiêu: name, unit, baseline, target; ignore để bỏ cột",
    )
    p.add_argument(
        "--sheet",
        action="append",
        default=[],
        metavar='"TÊN TRANG=loại"',
        help="loại bảng của một trang (lặp lại được): tasks, indicators hoặc other (bỏ qua)",
    )


def _parse_with_choices(args: argparse.Namespace, parse: Callable[[Any], Any]) -> Any:
    """Parse with the user's --map/--sheet, checking each names a real column or sheet."""
    from app.appendix.choices_spec import check_choices, read_choices
    from app.errors import UserError

    parsed = parse(read_choices(args.map, args.sheet))
    the_parse = getattr(parsed, "parse", parsed)
    check_choices(the_parse, args.map, args.sheet)
    if not the_parse.tasks and not the_parse.indicators:
        warned = next((i for i in the_parse.sheets if i.warning and i.header is not None), None)
        why = f"trang «{warned.name}»: {warned.warning.split(';')[0]}" if warned else "không có dòng nào"
        raise UserError(
            f"Tệp «{args.file.name}»: không có nhiệm vụ hay chỉ tiêu nào để nhập ({why}); "
            'chỉ rõ vai trò cột bằng --map "TIÊU ĐỀ=vai trò". Chưa nhập gì.'
        )
    return parsed


def cmd_appendix(args: argparse.Namespace) -> int:
    from app.appendix.parse import default_catalogue, iter_parse_appendix

    catalogue = default_catalogue()

    def parse(choices: Any) -> Any:
        return run_to_end(iter_parse_appendix(args.file, catalogue, None, choices, allow_empty=True))

    parsed = _parse_with_choices(args, parse)
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
    from app.services.importing.preview_types import Decision
    from models.textfold import fold

    ctx = _open(args)
    try:

        def parse(choices: Any) -> Any:
            return run_to_end(ctx.importer.iter_preview(args.file, None, True, choices, allow_empty=True))

        preview = _parse_with_choices(args, parse)
        if args.directive is not None:
            own = ctx.importer.title_number_conflict(preview, args.directive)
            if own is not None and not args.other_directive:
                raise UserError(
                    f"Tiêu đề phụ lục «{args.file.name}» ghi thuộc văn bản «{own}», khác văn bản "
                    f"«{' '.join(args.directive.split())}» ghi ở --directive: nhập vào đó sẽ gộp các "
                    "nhiệm vụ và chỉ tiêu của phụ lục vào văn bản kia. Chưa nhập gì. Bỏ --directive để "
                    f"nhập vào văn bản «{own}», hoặc thêm --other-directive nếu chắc chắn."
                )
            ctx.importer.name_directive(preview, args.directive)
        if preview.directive_id is None and not preview.directive_number:
            raise UserError(
                f"Tiêu đề phụ lục «{args.file.name}» không ghi số văn bản (bản dự thảo?); "
                'hãy ghi --directive "SỐ" (văn bản đã có thì gắn vào, chưa có thì tạo mới). Chưa nhập gì.'
            )
        if args.date:
            from app.cli_common import parse_date

            try:
                issued_on = parse_date(args.date)
            except ValueError as exc:
                raise UserError(f"--date: {exc}.") from exc
            ctx.importer.date_directive(preview, issued_on)
        if args.subject and args.subject.strip():
            preview.directive_subject = " ".join(args.subject.split())
        if preview.directive_id is None and not preview.directive_subject.strip():
            raise UserError(
                f"Tiêu đề phụ lục «{args.file.name}» không ghi trích yếu của văn bản "
                f"{preview.directive_number or ''} (phần «về …» của dòng «Kèm theo …»); "
                'hãy ghi thêm --subject "trích yếu của văn bản". Chưa nhập gì.'
            )
        former = preview.former_names()
        others = [m for m in preview.unknown if not m.proposed]
        refused = []
        if former and not args.accept_proposed:  # never created: that would revive a defunct agency
            refused.append(former_names_message(args.file.name, former))
        if getattr(args, "new_agencies", "fail") == "fail" and others:
            refused.append(unknown_agencies_message(args.file.name, others))
        if refused:
            raise UserError("\n".join(refused))
        decisions = preview.default_decisions()
        for m in former:  # --accept-proposed: the officer confirmed every proposed successor
            decisions[fold(m.written)] = Decision(create=True, new_name=m.proposed or "")
        note = ctx.importer.anchor_note(preview)
        result = ctx.importer.commit(preview, decisions).value
    finally:
        ctx.close()
    print(result.summary())
    if note:
        print(note)
    if preview.issue_count:
        print(
            f"Có {preview.issue_count} vấn đề cần xem lại (chạy «appendix parse» để xem chi tiết).",
            file=sys.stdout,
        )
    return 0


def former_names_message(file: str, former: list[Any]) -> str:
    """Names from before a reorganisation, each with its proposed successor; nothing imported."""
    lines = [
        f"Tệp «{file}»: {len(former)} tên cơ quan là tên cũ (trước khi sắp xếp lại), không tạo mới "
        "cơ quan đã giải thể. Chưa nhập gì."
    ]
    lines += [
        f"- «{m.written}» → đề xuất «{m.proposed}»" + (f" ({m.note})" if m.note else "") for m in former
    ]
    lines.append(
        "Chạy lại với --accept-proposed để ghi nhận các cơ quan kế nhiệm đề xuất, hoặc nhập qua cửa sổ "
        "chương trình để chọn từng tên."
    )
    return "\n".join(lines)


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
