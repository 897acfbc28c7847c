"""What every command-line module shares: the parser class, argument types, opening the database.

`app.cli` (the core commands and `main`) and the feature modules (`app.cli_appendix`,
`app.cli_letters`) all import from here, never from each other, so each of them can be
imported on its own and `app.cli` lists the features it registers.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from app.errors import UserError
from app.paths import default_db_path

if TYPE_CHECKING:
    from app.context import AppContext
    from app.dto import TaskRow
    from models.status import Status

__all__ = [
    "EXIT_BUG",
    "EXIT_USER",
    "UserError",
    "VietnameseParser",
    "date_arg",
    "db_arg",
    "open_context",
    "parse_statuses",
    "sqlite_only",
    "task_json",
]

EXIT_USER = 2
EXIT_BUG = 3

# argparse's own words ("usage: ", "options", "show this help message and exit", its error
# messages) go through gettext's ``_()`` in the default domain, for which Python ships no
# Vietnamese catalogue. They are answered here instead (the texts of Python 3.11–3.13's
# argparse.py, character for character); anything not listed stays as Python wrote it.
ARGPARSE_VI: dict[str, str] = {
    "usage: ": "cách dùng: ",
    "options": "tùy chọn",
    "positional arguments": "đối số",
    "subcommands": "lệnh",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "show program's version number and exit": "in số phiên bản rồi thoát",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh %(parser_name)r (chọn một trong: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "không mở được «%(filename)s»: %(error)s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "ignored explicit argument %r": "tham số này không nhận giá trị %r",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s không rõ: có thể là %(matches)s"
    ),
    "unexpected option string: %s": "tùy chọn không đúng chỗ: %s",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "không có lựa chọn %(value)r (chọn một trong: %(choices)s)"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: cảnh báo: %(message)s\n",
    " (default: %(default)s)": " (mặc định: %(default)s)",
}


def _vi(message: str | None) -> str | None:
    return ARGPARSE_VI.get(message, message) if message is not None else None


def _vi_plural(singular: str, plural: str, n: int) -> str:
    return ARGPARSE_VI.get(singular if n == 1 else plural, singular if n == 1 else plural)


# argparse looks these two names up in its own module each time it builds a message.
argparse._ = _vi  # type: ignore[attr-defined]
argparse.ngettext = _vi_plural  # type: ignore[attr-defined]


# The placeholder a help text shows for an option's value (argparse would print the option's
# name in capitals: TASK, AGENCY, AS_OF, OUT). Keyed by argparse's ``dest``.
METAVARS_VI: dict[str, str] = {
    "db": "TỆP_CSDL",
    "task": "MÃ_NV",
    "agency": "CƠ_QUAN",
    "as_of": "NGÀY",
    "date": "NGÀY",
    "period": "KỲ",
    "out": "TỆP",
    "to": "THƯ_MỤC",
    "directive": "SỐ_VB",
    "number": "SỐ_KÝ_HIỆU",
    "percent": "PHẦN_TRĂM",
    "text": "NỘI_DUNG",
    "evidence": "TỆP",
    "subject": "TRÍCH_YẾU",
    "search": "CHỮ",
    "status": "TRẠNG_THÁI",
    "format": "KIỂU",
    "file": "TỆP",
    "year": "NĂM",
    "columns": "KIỂU_CỘT",
}


class VietnameseParser(argparse.ArgumentParser):
    """Every parser of ``python -m app``: Vietnamese help and errors, exit code EXIT_USER.

    Subparsers are made by ``add_subparsers`` with the parent's class, so they are Vietnamese too.
    Option values get Vietnamese placeholders (METAVARS_VI) unless a command names its own.
    """

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        takes_value = action.nargs != 0 and not isinstance(
            action, argparse._SubParsersAction | argparse._HelpAction | argparse._VersionAction
        )
        if takes_value and action.metavar is None and action.choices is None:
            action.metavar = METAVARS_VI.get(action.dest, "GIÁ_TRỊ")
        return action

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER, f"Lỗi tham số dòng lệnh: {message}. Xem: {self.prog} --help\n")


_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")


def parse_date(text: str) -> date:
    """``24/11/2026`` (as Vietnamese write it; also 24-11-2026, 24.11.2026) or ``2026-11-24``.

    Raises ValueError with a Vietnamese message naming the text.
    """
    if m := _ISO.match(text):
        year, month, day = (int(x) for x in m.groups())
    elif m := _DMY.match(text):
        day, month, year = (int(x) for x in m.groups())
    else:
        raise ValueError(f"ngày «{text}» phải có dạng dd/mm/yyyy (ví dụ 24/11/2026) hoặc YYYY-MM-DD")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"ngày «{text}» không có trên lịch") from None


def date_arg(text: str) -> date:
    """The argparse type of every date option: dd/mm/yyyy or YYYY-MM-DD."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def db_arg(text: str) -> Path | str:
    """``--db``: a SQLite file's path, or a ``postgresql://role[:password]@host[:port]/db`` URL
    (a shared office; the password may also come from PGPASSWORD or ~/.pgpass, as psql's)."""
    from app.database import is_pg_url

    return text if is_pg_url(text) else Path(text)


def open_context(args: argparse.Namespace, today: date | None = None, reader: bool = False) -> AppContext:
    """The database named by ``--db`` (or the user's default), opened and upgraded.

    ``reader``: the command only reads, so it may run while the window is open. A database
    opened read-only because it is damaged says so on stderr."""
    from app.context import AppContext

    path = args.db or default_db_path()
    ctx = AppContext(path, today=(lambda: today) if today else date.today, reader=reader).open()
    if ctx.damage:
        print(f"Chú ý: {ctx.read_only_notice}", file=sys.stderr)
    for note in ctx.startup_notes:
        print(note, file=sys.stderr)
    return ctx


def db_option(args: argparse.Namespace) -> str:
    """`` --db …`` as given, quoted for the shell, for a command printed as a hint ("Khôi phục:
    python -m app --db … trash restore 1"); "" when the default database was used. A URL is
    shown without its password (PGPASSWORD or ~/.pgpass supply it)."""
    import os
    import shlex

    from app.database import is_pg_url, shown_url

    if args.db is None:
        return ""
    text = shown_url(args.db).replace(":***@", "@") if is_pg_url(args.db) else str(args.db)
    quoted = f'"{text}"' if os.name == "nt" else shlex.quote(text)
    return f" --db {quoted}"


def damaged_read(exc: BaseException) -> bool:
    """Did a read outside the services' sessions fail on a damaged or unreadable SQLite file?"""
    from app.database import damage_code

    return damage_code(exc) is not None


def damaged_read_message(args: argparse.Namespace, exc: BaseException) -> str:
    """The services' own message (app.database.damaged_error): nothing changed, how to restore."""
    from app.database import damage_code, damaged_error

    code = damage_code(exc)
    assert code is not None
    return str(damaged_error(Path(args.db or default_db_path()), code))


def sqlite_only(args: argparse.Namespace, what: str) -> Path:
    """The SQLite file of ``--db``; a clear refusal for a command that has no meaning on a shared
    PostgreSQL database (its backups and checks are the server's: pg_dump, amcheck)."""
    target = args.db or default_db_path()
    if not isinstance(target, Path):
        raise UserError(
            f"Lệnh {what} dùng cho tệp SQLite; cơ sở dữ liệu dùng chung PostgreSQL được sao lưu và "
            "kiểm tra trên máy chủ (pg_dump, pg_amcheck)."
        )
    return target


# The names the command handlers were written against (``cli._open``, ``cli._date_arg``).
_open = open_context
_date_arg = date_arg


def parse_statuses(names: list[str]) -> tuple[Status, ...]:
    """Status names as typed, with or without diacritics ("qua han" is "quá hạn"), for every
    command that filters by status (tasks, export)."""
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


def task_json(r: TaskRow) -> dict[str, Any]:
    """One task as `tasks --json` and `task find --json` print it (scripts read these keys)."""
    return {
        "id": r.id,
        "directive": r.directive_number,
        "content": r.content,
        "lead": r.lead,
        "cooperating": r.cooperating,
        "deadline_text": r.deadline_text,
        "next_due": r.next_due.isoformat() if r.next_due else None,
        "status": r.status.value,
        # recurring tasks overdue on the day: the periods missed and the real next due date
        # ("next_due" above stays the earliest unmet one)
        "missed_periods": r.missed.count if r.missed else 0,
        "first_missed": r.missed.first.key() if r.missed and r.missed.first else None,
        "first_missed_label": r.missed.first.label() if r.missed and r.missed.first else None,
        "upcoming_due": r.missed.next_due.isoformat() if r.missed and r.missed.next_due else None,
    }
