"""`python -m app directive parse FILE --json`: what the directive reader proposes, no database.

cli.py lists ``register`` and ``HANDLERS`` in its FEATURES; an unreadable file is one
Vietnamese line on stderr and a non-zero exit through cli.main's UserError path.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    d = sub.add_parser("directive", help="văn bản chỉ đạo: đọc một văn bản, xóa vào thùng rác")
    d_sub = d.add_subparsers(dest="directive_command", required=True, metavar="parse|delete")
    p = d_sub.add_parser("parse", help="đọc một văn bản (.txt, .docx, .pdf có lớp chữ) và in kết quả")
    p.add_argument("file", type=Path, help="tệp văn bản .txt, .docx hoặc .pdf")
    p.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    x = d_sub.add_parser(
        "delete", help="xóa một văn bản cùng nhiệm vụ, báo cáo, chỉ tiêu của nó (vào thùng rác)"
    )
    x.add_argument("number", help="số, ký hiệu văn bản, ví dụ 125/KH-BCĐ")


def cmd_directive(args: argparse.Namespace) -> int:
    if args.directive_command == "delete":
        from app.cli_audit import cmd_directive_delete

        return cmd_directive_delete(args)
    return cmd_parse(args)


def cmd_parse(args: argparse.Namespace) -> int:
    """Read a directive file and print what was read; touches no database."""
    from app.directive_text.parse import parse_file

    draft = parse_file(args.file)
    if args.json:
        print(json.dumps(draft.to_json(), ensure_ascii=False, indent=1))
        return 0
    h = draft.header
    print(
        f"{args.file.name}: văn bản {h.number or '(không rõ số)'}, "
        f"{len(draft.references)} văn bản được dẫn, {len(draft.tasks)} nhiệm vụ dự thảo."
    )
    for note in draft.notes:
        print(f"Lưu ý: {note}.")
    for i, t in enumerate(draft.tasks, 1):
        lead = "; ".join(p.display for p in t.lead) or "?"
        notes = f" [{'; '.join(t.notes)}]" if t.notes else ""
        print(f"{i}. {lead}: {_short(t.content)} — {t.deadline_text or '?'}{notes}")
    return 0


def _short(text: str, width: int = 80) -> str:
    """A content for one line: cut at a word with "…", never mid-word ("… tỉnh giai đo")."""
    one = " ".join(text.split())
    if len(one) <= width:
        return one
    return one[:width].rsplit(" ", 1)[0].rstrip(" ,;:-") + " …"


HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {"directive": cmd_directive}
