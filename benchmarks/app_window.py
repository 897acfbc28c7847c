"""The program as a user starts it (``python -m app --db FILE``), leaving on its first paint.

python -m benchmarks.app_window FILE
"""

from __future__ import annotations

import sys

from benchmarks.first_paint import application


def main() -> None:
    application()
    import runpy

    sys.argv = ["app", "--db", sys.argv[1]]
    runpy.run_module("app", run_name="__main__")


if __name__ == "__main__":
    main()
