"""The shared office database this workstation opens by default (Cài đặt → Cơ sở dữ liệu dùng chung).

Kept in a small text file in the user's data folder, not in a database: it says WHICH database
to open. Only the URL is kept, never a password: each officer signs in with their own
PostgreSQL role when the window opens.
"""

from __future__ import annotations

from pathlib import Path

from app.database import is_pg_url, pg_url
from app.errors import UserError
from app.paths import default_data_dir

FILE_NAME = "co-so-du-lieu-chung.txt"


def _file() -> Path:
    return default_data_dir() / FILE_NAME


def saved_target() -> str | None:
    """The URL chosen in the window, or None (the local file)."""
    try:
        text = _file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text if is_pg_url(text) else None


def save_target(url: str) -> str:
    """Keep ``url`` (without any password) as the default; "" goes back to the local file."""
    url = url.strip()
    path = _file()
    try:
        if not url:
            path.unlink(missing_ok=True)
            return ""
        if not is_pg_url(url):
            raise UserError("Địa chỉ phải có dạng postgresql://tên-đăng-nhập@máy-chủ/tên-cơ-sở-dữ-liệu.")
        try:
            parsed = pg_url(url)
        except Exception:
            raise UserError(f"Không hiểu địa chỉ «{url}».") from None
        if not parsed.database:
            raise UserError("Địa chỉ thiếu tên cơ sở dữ liệu (phần sau dấu / cuối).")
        kept = parsed.set(password=None).render_as_string(hide_password=False)
        kept = kept.replace("postgresql+psycopg", "postgresql", 1)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(kept + "\n", encoding="utf-8")
        return kept
    except OSError as exc:
        raise UserError(f"Không ghi được lựa chọn vào {path}: {exc.strerror}") from None
