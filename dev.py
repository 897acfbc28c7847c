"""One entry point for a fresh machine: makes `.venv/`, installs, then runs the app or the tests.

Usage: ``python3 dev.py run [app arguments]`` or ``python3 dev.py test [pytest arguments]``.
Only the standard library is used here, so it works before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
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


# Shared libraries Qt's xcb platform plugin loads (directly or through libQt6XcbQpa), by the
# Debian/Ubuntu package that installs each. Qt only says "could not load the Qt platform plugin
# xcb" and often names the wrong library; ldd names exactly what is missing.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames ldd reports as "=> not found", each once, in order."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def debian_package(soname: str) -> str:
    """The package shipping a library: the table above, else Debian's naming rule
    (libfoo.so.1 → libfoo1, libfoo2.so.0 → libfoo2-0), lower case."""
    if soname in DEBIAN_PACKAGES:
        return DEBIAN_PACKAGES[soname]
    match = re.match(r"^(lib.+?)\.so\.(\d+)", soname)
    if match is None:
        return soname
    name, major = match.groups()
    return f"{name}{'-' if name[-1].isdigit() else ''}{major}".lower()


def apt_line(sonames: list[str]) -> str:
    packages = sorted({debian_package(s) for s in sonames})
    return "sudo apt-get install " + " ".join(packages) if packages else ""


def xcb_plugin_files(py: str) -> list[Path]:
    """libqxcb.so and libQt6XcbQpa of the PySide6 the virtual environment runs."""
    found = subprocess.run(
        [py, "-c", "import PySide6, os; print(os.path.dirname(PySide6.__file__))"],
        capture_output=True,
        text=True,
    )
    if found.returncode != 0:
        return []
    qt = Path(found.stdout.strip()) / "Qt"
    files = [qt / "plugins" / "platforms" / "libqxcb.so", *sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1]]
    return [f for f in files if f.exists()]


def check_qt_libraries(py: str) -> str:
    """On a Linux desktop, the apt-get line for what Qt's window needs and lacks ("" if nothing)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "xcb") not in ("", "xcb"):
        return ""
    ldd = shutil.which("ldd")
    if ldd is None:
        return ""
    missing: list[str] = []
    for f in xcb_plugin_files(py):
        out = subprocess.run([ldd, str(f)], capture_output=True, text=True).stdout
        missing += [m for m in missing_libraries(out) if m not in missing]
    return apt_line(missing)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print(__doc__)
        return 2
    py = str(ensure_env())
    if argv[0] == "run":
        line = check_qt_libraries(py)
        if line:
            print(
                "Cửa sổ chương trình cần thêm một số thư viện hệ thống của Qt chưa được cài. "
                f"Hãy chạy:\n\n    {line}\n\nrồi chạy lại. (Các lệnh dòng lệnh vẫn dùng được.)",
                file=sys.stderr,
                flush=True,
            )
        return subprocess.call([py, "-m", "app", *argv[1:]], cwd=ROOT)
    if argv[0] == "test":
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        return subprocess.call([py, "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
