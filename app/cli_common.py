"""What every command-line module shares: the parser class, argument types, opening the database.

`app.cli` (the core commands and `main`) and the feature modules (`app.cli_appendix`,
`app.cli_letters`) all import from here, never from each other, so each of them can be
imported on its own and `app.cli` lists the features it registers.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, NoReturn

from app.errors import UserError
from app.paths import default_db_path

if TYPE_CHECKING:
    from app.context import AppContext

__all__ = ["EXIT_BUG", "EXIT_USER", "UserError", "VietnameseParser", "date_arg", "open_context"]

EXIT_USER = 2
EXIT_BUG = 3


class VietnameseParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER, f"Lỗi tham số dòng lệnh: {message}. Xem: python -m app --help\n")


def date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày «{text}» phải có dạng YYYY-MM-DD") from None


def open_context(args: argparse.Namespace, today: date | None = None) -> AppContext:
    """The database named by ``--db`` (or the user's default), opened and upgraded."""
    from app.context import AppContext

    path = args.db or default_db_path()
    return AppContext(path, today=(lambda: today) if today else date.today).open()


# The names the command handlers were written against (``cli._open``, ``cli._date_arg``).
_open = open_context
_date_arg = date_arg
