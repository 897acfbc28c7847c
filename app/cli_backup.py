"""``python -m app backup [--to FOLDER]`` and ``python -m app restore ARCHIVE``.

`backup` only reads the database, so it runs while the window is open; `restore` replaces
the database and needs the window closed (the instance lock).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    b = sub.add_parser(
        "backup",
        help="sao lưu ngay: cơ sở dữ liệu và tệp minh chứng vào một tệp .zip đã kiểm tra; in đường dẫn",
    )
    b.add_argument("--to", type=Path, help="thư mục đặt bản sao lưu (mặc định: thư mục sao lưu đã chọn)")
    r = sub.add_parser(
        "restore",
        help="khôi phục từ một bản sao lưu .zip (dữ liệu hiện tại được sao lưu trước)",
    )
    r.add_argument("archive", type=Path, metavar="TỆP_SAO_LƯU", help="tệp .zip do lệnh backup tạo ra")
    r.add_argument(
        "--force",
        action="store_true",
        help="khôi phục cả khi bản sao lưu được lập từ một cơ sở dữ liệu tên khác (mặc định: từ chối)",
    )


def cmd_backup(args: argparse.Namespace) -> int:
    from app.cli_common import sqlite_only
    from app.services.backups import backup_database

    made = backup_database(sqlite_only(args, "backup"), args.to)
    print(made.path)
    print(f"Đã sao lưu và kiểm tra: {made.manifest.summary()}.", file=sys.stderr)
    if made.warning():
        print(f"Chú ý: {made.warning()}", file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from app import backup, migrate
    from app.cli_common import sqlite_only
    from app.errors import UserError
    from app.instance_lock import InstanceLock
    from app.services.backups import restore_database

    db_path: Path = sqlite_only(args, "restore")
    archive: Path = args.archive
    if not archive.is_file():
        raise UserError(f"Không tìm thấy bản sao lưu {archive}.")
    manifest = backup.read_manifest(archive)
    print(f"Bản sao lưu {archive.name}: {manifest.summary()}.")
    if manifest.missing:
        print(f"Chú ý: bản sao lưu này thiếu {len(manifest.missing)} tệp minh chứng (đã mất khi sao lưu).")
    other = backup.from_other_database(manifest, db_path)
    if other and not args.force:
        raise UserError(f"{other} Chưa khôi phục; nếu đúng ý, chạy lại lệnh với --force.")
    if other:
        print(f"Chú ý: {other}")
    lock = InstanceLock(db_path)
    lock.acquire()  # refused while a window (or another command) holds the database
    try:
        if db_path.exists():
            migrate.check_is_ours(db_path)
        done = restore_database(db_path, archive)
    finally:
        lock.release()
    if done.safety_copy is not None:
        print(f"Dữ liệu trước khi khôi phục đã được giữ tại: {done.safety_copy}")
    print(f"Đã khôi phục và kiểm tra {db_path}: {done.manifest.summary()}.")
    for note in done.notes:
        print(note)
    return 0


HANDLERS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "backup": cmd_backup,
    "restore": cmd_restore,
}
