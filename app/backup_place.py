"""Where backups go: the folder the user chose, else another disk when there is one, else a
folder beside the data (and the window says that a disk failure would take both).

``BCD_BACKUP_DIR`` overrides everything but an explicit choice (for administrators and tests).
"""

from __future__ import annotations

import os
import string
import sys
from dataclasses import dataclass
from pathlib import Path

FOLDER_NAME = "BanChiDaoThuKy-sao-luu"
SETTING_KEY = "backup_dir"

# Where a second disk is mounted on each system (a USB disk, a second internal disk).
MOUNT_ROOTS: tuple[Path, ...] = (
    (Path("/Volumes"),) if sys.platform == "darwin" else (Path("/media"), Path("/run/media"), Path("/mnt"))
)
# File systems of real disks; network and memory file systems are not "another disk".
DISK_FS = {
    "ext2",
    "ext3",
    "ext4",
    "xfs",
    "btrfs",
    "vfat",
    "exfat",
    "ntfs",
    "ntfs3",
    "fuseblk",
    "f2fs",
    "hfsplus",
    "apfs",
}


@dataclass(frozen=True)
class BackupPlace:
    folder: Path
    chosen: bool  # by the user (or the administrator's BCD_BACKUP_DIR)
    other_disk: bool  # on another disk than the database

    def describe(self) -> str:
        if self.chosen:
            where = "thư mục đã chọn"
        elif self.other_disk:
            where = "ổ đĩa khác, chọn tự động"
        else:
            where = "cùng ổ đĩa với dữ liệu: nên chọn thư mục trên ổ khác hoặc USB"
        return f"{self.folder} ({where})"


def _device(path: Path) -> int | None:
    p = path
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        return p.stat().st_dev
    except OSError:
        return None


def _linux_mounts() -> list[Path]:
    try:
        lines = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        parts = line.split()
        if len(parts) < 3 or parts[2] not in DISK_FS:
            continue
        mount = Path(parts[1].replace("\\040", " "))
        if any(mount.is_relative_to(root) and mount != root for root in MOUNT_ROOTS):
            found.append(mount)
    return found


def _windows_drives() -> list[Path]:
    import ctypes

    found = []
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    for letter in string.ascii_uppercase[2:]:  # not the floppy letters
        root = f"{letter}:\\"
        if kernel32.GetDriveTypeW(root) in (2, 3):  # removable, fixed
            found.append(Path(root))
    return found


def other_disks(db_path: Path) -> list[Path]:
    """Writable mount points of real disks other than the database's."""
    if sys.platform == "win32":
        candidates = _windows_drives()
    elif sys.platform == "darwin":
        candidates = [p for root in MOUNT_ROOTS if root.is_dir() for p in sorted(root.iterdir())]
    else:
        candidates = _linux_mounts()
    mine = _device(db_path.parent)
    out = []
    for c in candidates:
        try:
            if c.is_dir() and os.access(c, os.W_OK) and c.stat().st_dev != mine:
                out.append(c)
        except OSError:
            continue
    return out


def beside_data(db_path: Path) -> Path:
    return db_path.parent / "sao-luu"


def backup_place(db_path: Path, chosen: str | None = None) -> BackupPlace:
    """``chosen``: the folder saved in the database's settings, if any."""
    mine = _device(db_path.parent)
    if chosen:
        folder = Path(chosen)
        return BackupPlace(folder, True, _device(folder) != mine)
    override = os.environ.get("BCD_BACKUP_DIR")
    if override:
        folder = Path(override)
        return BackupPlace(folder, True, _device(folder) != mine)
    disks = other_disks(db_path)
    if disks:
        return BackupPlace(disks[0] / FOLDER_NAME, False, True)
    return BackupPlace(beside_data(db_path), False, False)


def chosen_folder(db_path: Path) -> str | None:
    """The folder saved in the settings, read without opening the program (a damaged or
    busy database still says where its backups are)."""
    import sqlite3

    if not db_path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (SETTING_KEY,)).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row and row[0] else None
