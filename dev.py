"""One entry point for a fresh machine: makes `.venv/`, installs, then runs the app or the tests.

Usage: ``python3 dev.py run [app arguments]`` or ``python3 dev.py test [pytest arguments]``.
Only the standard library is used here, so it works before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".setup-stamp"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_env() -> Path:
    """Create and fill the virtual environment, skipping pip when pyproject is unchanged."""
    if sys.version_info < (3, 11):  # noqa: UP036 - runs on whatever python3 the user has
        sys.exit("Cần Python 3.11 trở lên.")
    if not venv_python().exists():
        print("Tạo môi trường ảo .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != digest:
        print("Cài đặt thư viện ...", flush=True)
        py = str(venv_python())
        subprocess.run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "-e", f"{ROOT}[dev]"], check=True)
        STAMP.write_text(digest)
    return venv_python()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print(__doc__)
        return 2
    py = str(ensure_env())
    if argv[0] == "run":
        return subprocess.call([py, "-m", "app", *argv[1:]], cwd=ROOT)
    if argv[0] == "test":
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        return subprocess.call([py, "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
