"""Damage a database as a failing disk sector would: for the integrity and backup tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def damage_page(db: Path, table: str = "report") -> None:
    """Garbage over the middle of one table's root page (after a checkpoint, so it is in the file)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    finally:
        conn.close()
    with db.open("r+b") as fh:
        fh.seek((root - 1) * page_size + 8)
        fh.write(b"\xa5" * (page_size - 16))
