"""The permissions a file written by this program gets: what any program's new file gets.

``tempfile.mkstemp`` creates its file private (0600) so nobody reads half of it; a letter or a
stored evidence file renamed from it kept 0600, and a colleague could not open it in the
office's shared folder. Once complete, the file gets 0666 less the process's umask.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

_lock = threading.Lock()


def current_umask() -> int:
    """The process's umask, read without changing it where the OS allows (Linux reports it in
    /proc); elsewhere set and restored under a lock (``os.umask`` has no read-only form)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        status = ""
    found = re.search(r"^Umask:\s*([0-7]+)", status, re.M)
    if found:
        return int(found.group(1), 8)
    with _lock:
        mask = os.umask(0o077)
        os.umask(mask)
    return mask


def new_file_mode() -> int:
    """0666 less the umask: 0644 under the usual 022, 0664 under 002."""
    return 0o666 & ~current_umask()


def give_default_mode(path: str | os.PathLike[str]) -> None:
    """``path`` (a finished temporary file about to be renamed) readable as a new file would be."""
    os.chmod(path, new_file_mode())
