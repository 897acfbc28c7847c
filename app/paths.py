"""Where data lives: the OS data folder (platformdirs), or beside a database named by --db."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "BanChiDaoThuKy"
DB_FILENAME = "banchidao.sqlite"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    """``BCD_DATA_DIR`` overrides the OS folder, for development and tests."""
    override = os.environ.get("BCD_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return default_data_dir() / DB_FILENAME


def evidence_dir_for(db_path: Path) -> Path:
    """Evidence sits beside its database so a copied folder keeps both together."""
    return db_path.parent / f"{db_path.stem}-minh-chung"


def shared_cache_path(url: object) -> Path:
    """A local stand-in path for a shared (PostgreSQL) database: its folder holds what each
    workstation keeps for itself (evidence copies opened for reading), named for the server
    and database so two shared databases never mix."""
    import re

    host = getattr(url, "host", None) or "local"
    name = getattr(url, "database", None) or "db"
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{host}-{getattr(url, 'port', None) or ''}-{name}")
    return default_data_dir() / "chung" / f"{slug}.shared"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)
