"""Refuse a second program on the same database instead of letting both write to it."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from app.errors import AlreadyRunning, UserError


class InstanceLock:
    """An OS-level exclusive lock on ``<db>.lock``; the OS frees it if the process dies."""

    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
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
