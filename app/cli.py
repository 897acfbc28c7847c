"""`python -m app …`: the same services as the window, for scripts and for checking.

With no subcommand it opens the window. Every error is one Vietnamese line on stderr and a
non-zero exit: a user never sees a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import (
    cli_appendix,
    cli_audit,
    cli_backup,
    cli_directive,
    cli_export,
    cli_followup,
    cli_letters,
)
from app.cli_common import (
    EXIT_BUG,
    EXIT_USER,
    UserError,
    VietnameseParser,
    damaged_read,
    damaged_read_message,
    date_arg,
    db_arg,
    open_context,
    parse_statuses,
    sqlite_only,
    task_json,
)
from app.paths import default_data_dir, default_db_path

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

__all__ = ["EXIT_BUG", "EXIT_USER", "WindowStarter", "build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]
# Opens the window on a database and returns the exit code. It is handed in (by
# views.launch.main, or app/__main__.py through the bcd_thuky.gui entry point); nothing in
# app/ names views/.
WindowStarter = Callable[[Path | str], int]


# The subcommands beyond the core ones, in the order `--help` lists them: each feature module
# gives register(subparsers) and its handlers by subcommand name.
FEATURES: tuple[tuple[Callable[[Any], None], dict[str | None, Handler]], ...] = (
    (cli_appendix.register, cli_appendix.HANDLERS),
    (cli_letters.register, cli_letters.HANDLERS),
    (cli_followup.register, cli_followup.HANDLERS),
    (cli_export.register, cli_export.HANDLERS),
    (cli_audit.register, cli_audit.HANDLERS),
    (cli_directive.register, cli_directive.HANDLERS),
    (cli_backup.register, cli_backup.HANDLERS),
)


def build_parser() -> argparse.ArgumentParser:
    p = VietnameseParser(prog="python -m app", description="Ban Chỉ đạo – Thư ký", add_help=False)
    p.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")
    p.add_argument(
        "--db",
        type=db_arg,
        help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu của người dùng), hoặc cơ sở dữ liệu dùng chung "
        "postgresql://người-dùng@máy-chủ/tên",
    )
    p._optionals.title = "tùy chọn"
    sub = p.add_subparsers(dest="command", title="lệnh", metavar="LỆNH")
    sub.add_parser("demo", help="tạo cơ sở dữ liệu mẫu (Kế hoạch 125/KH-BCĐ, Công văn 420-CV/TU)")
    t = sub.add_parser("tasks", help="liệt kê nhiệm vụ")
    t.add_argument("--agency", help="tên hoặc tên viết tắt của cơ quan")
    t.add_argument("--status", action="append", default=[], help="trạng thái, ví dụ «quá hạn»")
    t.add_argument("--search", default="", help="tìm kiếm (không phân biệt dấu)")
    t.add_argument("--as-of", type=date_arg, help="tính trạng thái tại ngày dd/mm/yyyy (hoặc YYYY-MM-DD)")
    t.add_argument("--json", action="store_true", help="in JSON")
    c = sub.add_parser(
        "copy-to", help="chép toàn bộ dữ liệu (và tệp minh chứng) sang cơ sở dữ liệu PostgreSQL mới"
    )
    c.add_argument("url", metavar="ĐỊA_CHỈ", help="postgresql://người-dùng@máy-chủ/tên (cơ sở dữ liệu trống)")
    for register, _handlers in FEATURES:
        register(sub)
    return p


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import build_demo
    from app.dto import TaskFilter

    ctx = open_context(args)
    try:
        for _ in build_demo(ctx):
            pass
        n = ctx.tasks.count(TaskFilter())
        print(f"Đã tạo dữ liệu mẫu: {n} nhiệm vụ trong {ctx.db_path}")
    finally:
        ctx.close()
    return 0


def cmd_tasks(args: argparse.Namespace) -> int:
    from app.dto import TaskFilter
    from app.services.asof_rows import rows_as_of
    from models.missed import terminal_cell

    ctx = open_context(args, args.as_of, reader=True)
    try:
        agency_id = None
        if args.agency:
            ref = ctx.agencies.resolve_or_fail(args.agency)
            if ref.agency_id is None:
                raise UserError(f"«{args.agency}» là một nhóm cơ quan; hãy chọn một cơ quan cụ thể.")
            agency_id = ref.agency_id
        flt = TaskFilter(agency_id=agency_id, statuses=parse_statuses(args.status), search=args.search)
        # statuses as of the day asked, reports received after it not counted
        rows = rows_as_of(ctx.services, flt, ctx.services.today())
    finally:
        ctx.close()
    if args.json:
        out = [task_json(r) for r in rows]
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            due = r.next_due.strftime("%d/%m/%Y") if r.next_due else ""
            if r.missed is not None:
                due = terminal_cell(r.missed)
            print(f"{r.directive_number}\t{r.status.value}\t{due}\t{r.lead}\t{r.content[:80]}")
    return 0


def cmd_copy_to(args: argparse.Namespace) -> int:
    from app.context import AppContext
    from app.copy_to import copy_to
    from app.database import is_pg_url

    if not is_pg_url(args.url):
        raise UserError(f"«{args.url}» không phải địa chỉ PostgreSQL (postgresql://người-dùng@máy-chủ/tên).")
    sqlite_only(args, "copy-to")
    source = open_context(args)
    try:
        target = AppContext(args.url).open()
        try:
            done = copy_to(source, target)
        finally:
            target.close()
    finally:
        source.close()
    print(f"Đã chép {source.location} sang {target.location}:")
    for line in done.lines():
        print(line)
    print("Đã kiểm tra: số dòng và mã kiểm tra (SHA-256) của từng bảng và từng tệp khớp với bản gốc.")
    return 0


def run_gui(args: argparse.Namespace, open_window: WindowStarter | None) -> int:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        raise UserError(
            "Không có màn hình để mở cửa sổ chương trình; hãy chạy trong môi trường đồ họa, "
            "hoặc dùng các lệnh dòng lệnh (xem: python -m app --help)."
        )
    if open_window is None:
        raise UserError("Lệnh này không mở cửa sổ; hãy chạy: python -m app (xem: python -m app --help).")
    from app.shared_db import saved_target

    # --db, else the shared database chosen in the window (Cài đặt), else the local file
    return int(open_window(args.db or saved_target() or default_db_path()))


def _setup_logging() -> None:
    try:
        folder = default_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(
            filename=folder / "nhat-ky.log",
            level=logging.INFO,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
            encoding="utf-8",
        )
    except OSError:
        logging.basicConfig(level=logging.WARNING)


def main(argv: Sequence[str] | None = None, open_window: WindowStarter | None = None) -> int:
    """Run one command; with none, start the window through ``open_window``."""
    _setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers: dict[str | None, Handler] = {
        None: lambda a: run_gui(a, open_window),
        "demo": cmd_demo,
        "tasks": cmd_tasks,
        "copy-to": cmd_copy_to,
    }
    for _register, feature_handlers in FEATURES:
        handlers.update(feature_handlers)
    try:
        return handlers[args.command](args)
    except UserError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stderr.close()
        return 0
    except Exception as exc:
        log.exception("unexpected error")
        if damaged_read(exc):
            print(f"Lỗi: {damaged_read_message(args, exc)}", file=sys.stderr)
            return EXIT_USER
        print(
            "Lỗi ngoài dự kiến; chi tiết đã ghi vào nhật ký "
            f"{default_data_dir() / 'nhat-ky.log'}. Dữ liệu không bị thay đổi dở dang.",
            file=sys.stderr,
        )
        return EXIT_BUG
