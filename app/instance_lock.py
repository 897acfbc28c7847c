"""Refuse a second program on the same database instead of letting both write to it."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from app.errors import AlreadyRunning, UserError


def real_path(db_path: Path) -> Path:
    """The database's path with every symlink followed (and made absolute): two names of one
    file, a symlink and its target or two links to one folder, must take one lock."""
    try:
        return db_path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: refused later as not a database
        return db_path.absolute()


class InstanceLock:
    """An OS-level exclusive lock on ``<db>.lock`` beside the database's real path (symlinks
    followed), so a second program reaching the same file by another name is refused too;
    the OS frees it if the process dies."""

    def __init__(self, db_path: Path) -> None:
        real = real_path(db_path)
        self.path = real.with_name(real.name + ".lock")
        self._lock = FileLock(str(self.path), timeout=0, thread_local=False, is_singleton=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise AlreadyRunning(
                f"Cơ sở dữ liệu {self.path.with_suffix('').name} đang được mở bởi một phiên làm việc khác "
                "của chương trình. Hãy dùng cửa sổ đang mở hoặc đóng nó trước."
            ) from None
        except OSError as exc:
            raise UserError(
                f"Không ghi được vào thư mục dữ liệu {self.path.parent} ({exc.strerror or exc}); "
                "hãy kiểm tra quyền ghi của thư mục."
            ) from None

    def release(self) -> None:
        self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return self._lock.is_locked
