"""The program's version, written once in pyproject.toml.

pyproject.toml travels with the program (build.spec puts it beside resources/), so the frozen
program, which has no package metadata, reads the same number as a source checkout; an
installed package's metadata is the fallback.
"""

from __future__ import annotations

import tomllib
from importlib import metadata

from app.paths import RESOURCES

DIST_NAME = "bcd-thuky"
UNKNOWN = "không rõ"


def version() -> str:
    pyproject = RESOURCES.parent / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        pass
    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        return UNKNOWN
