"""The composition root: `python -m app`, the `bcd-thuky` script and the frozen program start here.

This is the one module that names both the command line (app/) and the window (views/); the
import contracts in pyproject.toml allow exactly this import and no other from app/ to views/.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from app import cli


def open_window(db_path: Path) -> int:
    # Imported only when the window opens, so command-line use never loads Qt.
    from views.launch import run

    return run(db_path)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
