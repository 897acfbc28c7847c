"""Saving an export: whole or not at all, with a Vietnamese reason when the file cannot be written.

The workbook is saved to a temporary file in the target folder and moved over the target in one
``os.replace``, so an interrupted export never leaves half a file, and an existing file is only
replaced by a complete one. A file open in Excel cannot be replaced on Windows; Excel and
LibreOffice leave a lock file beside it ("~$tên.xlsx", ".~lock.tên.xlsx#"), which is checked
first so the user hears "close it" before any work is lost.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from openpyxl import Workbook

from app.errors import UserError
from app.file_modes import new_file_mode


def _open_elsewhere(out: Path) -> bool:
    folder = out.parent
    return (folder / f"~${out.name}").exists() or (folder / f".~lock.{out.name}#").exists()


def _mode_for(out: Path) -> int:
    """The permissions a file saved by any program would get: the replaced file's, or the
    default for a new file (0666 less the umask)."""
    try:
        return stat.S_IMODE(out.stat().st_mode)
    except OSError:
        return new_file_mode()


def check_target(out: Path) -> None:
    """Refuse, before any work, a target that cannot be written."""
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp xuất «{out.name}» phải có đuôi .xlsx.")
    if not out.parent.is_dir():
        raise UserError(f"Không có thư mục «{out.parent}»; hãy chọn một thư mục có sẵn.")
    if out.is_dir():
        raise UserError(f"«{out}» là một thư mục; hãy đặt tên tệp .xlsx.")
    if _open_elsewhere(out):
        raise UserError(
            f"Tệp «{out.name}» đang mở trong Excel hoặc chương trình khác; hãy đóng tệp rồi xuất lại."
        )


def save_atomically(wb: Workbook, out: Path) -> None:
    """Save ``wb`` as ``out``: complete, or unchanged with a UserError saying why."""
    check_target(out)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".xuat-", suffix=".xlsx", dir=out.parent)
    except OSError as exc:
        raise UserError(f"Không ghi được vào thư mục «{out.parent}»: {exc.strerror or exc}.") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb.save(tmp)
        os.chmod(tmp, _mode_for(out))  # mkstemp makes the file private (0600)
        os.replace(tmp, out)
    except PermissionError:
        raise UserError(
            f"Không ghi được tệp «{out.name}»: tệp đang mở trong Excel hoặc chương trình khác, "
            "hoặc không có quyền ghi; hãy đóng tệp rồi xuất lại."
        ) from None
    except OSError as exc:
        raise UserError(f"Không ghi được tệp «{out}»: {exc.strerror or exc}.") from None
    finally:
        tmp.unlink(missing_ok=True)
