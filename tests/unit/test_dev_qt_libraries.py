"""dev.py run: which system libraries Qt's xcb plugin lacks, and the one apt-get line for them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import dev

# ldd on libqxcb.so of a fresh Ubuntu without the xcb utility libraries (trimmed)
LDD = """\
\tlinux-vdso.so.1 (0x00007ffd3a5f1000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f1c)
\tlibQt6Gui.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6Gui.so.6 (0x00007f1b)
\tlibxkbcommon.so.0 => /lib/x86_64-linux-gnu/libxkbcommon.so.0 (0x00007f1a)
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-image.so.0 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-randr.so.0 => /lib/x86_64-linux-gnu/libxcb-randr.so.0 (0x00007f19)
\tlibxcb-render-util.so.0 => not found
\tlibxcb-shape.so.0 => not found
\tlibxcb-xkb.so.1 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f18)
\tlibxcb-icccm.so.4 => not found
\tlibfoo2.so.0 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f1c2d2e5000)
"""


def test_missing_libraries_are_the_not_found_lines_once_each() -> None:
    assert dev.missing_libraries(LDD) == [
        "libxkbcommon-x11.so.0",
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libxcb-image.so.0",
        "libxcb-keysyms.so.1",
        "libxcb-render-util.so.0",
        "libxcb-shape.so.0",
        "libxcb-xkb.so.1",
        "libfoo2.so.0",
    ]
    assert dev.missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
        ("libxcb-somethingnew.so.2", "libxcb-somethingnew2"),  # Debian's rule
        ("libfoo2.so.0", "libfoo2-0"),  # a name ending in a digit takes a dash
    ],
)
def test_debian_package(soname: str, package: str) -> None:
    assert dev.debian_package(soname) == package


def test_one_apt_line() -> None:
    line = dev.apt_line(dev.missing_libraries(LDD))
    assert line == (
        "sudo apt-get install libfoo2-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 "
        "libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"
    )
    assert dev.apt_line([]) == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux desktops")
def test_check_runs_ldd_on_the_xcb_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "seen.txt"
    fake = tmp_path / "ldd"
    canned = tmp_path / "canned.txt"
    canned.write_text(LDD)
    fake.write_text(f'#!/bin/sh\necho "$1" >> {seen}\ncat {canned}\n')
    fake.chmod(0o755)
    monkeypatch.setattr(dev.shutil, "which", lambda name: str(fake) if name == "ldd" else None)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert dev.check_qt_libraries(sys.executable).startswith("sudo apt-get install libfoo2-0 libxcb-cursor0")
    names = [Path(p).name for p in seen.read_text().split()]
    assert names[0] == "libqxcb.so" and names[1].startswith("libQt6XcbQpa.so")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert dev.check_qt_libraries(sys.executable) == ""
