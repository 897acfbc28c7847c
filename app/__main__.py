"""`python -m app`: the command line, and with no command the window.

Nothing in app/ names views/. The window is the program's ``bcd_thuky.gui`` entry point,
declared in pyproject.toml (``window = "views.launch:run"``) and found through the installed
package's metadata when, and only when, the window is to open: command-line use never loads
Qt. The composition root that wires the two together is views/launch.py (``main`` there is
the ``bcd-thuky`` script and, through views/__main__.py, the frozen program).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from app import cli
from app.errors import UserError

GUI_GROUP = "bcd_thuky.gui"


def open_window(db_path: Path | str) -> int:
    from importlib.metadata import entry_points

    found = list(entry_points(group=GUI_GROUP, name="window"))
    if not found:
        raise UserError(
            "Không tìm thấy phần cửa sổ của chương trình (chương trình chưa được cài đặt đầy đủ); "
            "hãy chạy: python3 dev.py run"
        )
    return int(found[0].load()(db_path))


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, open_window=open_window)


if __name__ == "__main__":
    sys.exit(main())
