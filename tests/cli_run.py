"""Run `python -m app …` in-process: the same `main` the entry point calls, with output captured.

Command-line tests go through this; each command family keeps one real subprocess smoke test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from app import __main__ as entry

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Ran:
    """`python -m app ARGS` as the composition root runs it, without a new interpreter."""
    capsys.readouterr()  # what earlier steps printed is not this command's output
    try:
        code = entry.main(list(args))
    except SystemExit as exc:  # argparse: bad options and --help exit from parse_args
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out = capsys.readouterr()
    return Ran(code, out.out, out.err)


def run_process(*args: str) -> Ran:
    """The real thing, in a new interpreter: for the one smoke test per command family."""
    done = subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True)
    return Ran(done.returncode, done.stdout, done.stderr)


def copy_demo(template: Path, target: Path) -> Path:
    """A private copy of the session's demo database (built once by tests/conftest.py)."""
    shutil.copyfile(template, target)
    return target
