"""Content-addressed copies of evidence files inside the data folder.

The user's original is only read, never moved; the copy is named by its SHA-256 so the
same file attached twice takes space once, and every open re-hashes it to catch damage.

Nothing read from the database is trusted as a path: a stored name must be 64 hex digits
and an original name a plain file name, and every path is resolved (symlinks followed) and
refused unless it stays inside its folder, so an edited database or a shard folder replaced
by a symlink cannot make the program read or write elsewhere.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import EvidenceCorrupt, UserError
from app.file_modes import give_default_mode
from models.entities import StoredBytes, StoredFile

if TYPE_CHECKING:
    from app.database import Database

CHUNK = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def is_sha256(text: str) -> bool:
    return bool(_SHA256.match(text))


def plain_file_name(name: str) -> str | None:
    """``name`` if it is a file name and nothing more (no folder, drive or ``..``), else None."""
    if not name or name in (".", "..") or "\x00" in name:
        return None
    if "/" in name or "\\" in name or ":" in name:
        return None
    return name


def _inside(path: Path, folder: Path) -> bool:
    """Does ``path``, with every symlink followed, stay inside ``folder`` (also resolved)?"""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    path: Path
    # the bytes themselves, when they are to be written into the database (DbEvidenceStore)
    content: bytes | None = None


def stored_file_row(blob: StoredBlob) -> StoredFile:
    """The row recording a stored file; with its bytes when the store keeps them in the database,
    so they are written in the same transaction as the report or directive naming them."""
    row = StoredFile(sha256=blob.sha256, size=blob.size)
    if blob.content is not None:
        row.bytes_row = StoredBytes(sha256=blob.sha256, data=blob.content)
    return row


class EvidenceStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        """Where the copy of ``sha256`` lives; refuses a stored name that is not a SHA-256
        (``../../x``, an absolute path) and a place that leaves the store through a symlink."""
        if not is_sha256(sha256):
            raise EvidenceCorrupt(
                f"Mã lưu trữ tệp minh chứng «{sha256[:80]}» trong cơ sở dữ liệu không hợp lệ "
                "(không phải mã SHA-256); không đọc tệp để tránh ra ngoài thư mục minh chứng."
            )
        path = self.root / sha256[:2] / sha256
        if (path.exists() or path.parent.exists()) and not _inside(path, self.root):
            raise EvidenceCorrupt(
                f"Thư mục minh chứng {path.parent} trỏ ra ngoài thư mục dữ liệu {self.root} "
                "(liên kết tượng trưng); không dùng để tránh đọc, ghi tệp ở nơi khác."
            )
        return path

    def put(self, source: Path) -> StoredBlob:
        """Copy ``source`` in (hashing while copying) unless identical bytes are already stored."""
        if not source.is_file():
            raise UserError(f"Không tìm thấy tệp minh chứng: {source}")
        h = hashlib.sha256()
        size = 0
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
        except OSError as exc:
            raise UserError(f"Không ghi được vào thư mục minh chứng {self.root}: {exc.strerror}") from exc
        try:
            with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
                while chunk := src.read(CHUNK):
                    h.update(chunk)
                    size += len(chunk)
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            digest = h.hexdigest()
            target = self.path_for(digest)
            if target.exists() and sha256_of(target) == digest:
                os.unlink(tmp_name)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                self.path_for(digest)  # the shard folder just made (or found) is inside the store
                give_default_mode(tmp_name)  # mkstemp's 0600 would hide it from colleagues
                os.replace(tmp_name, target)
        except OSError as exc:
            Path(tmp_name).unlink(missing_ok=True)
            raise UserError(f"Không sao chép được tệp minh chứng {source.name}: {exc.strerror}") from exc
        except UserError:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return StoredBlob(digest, size, target)

    def put_verified(self, sha256: str, chunks: Iterable[bytes]) -> None:
        """Store bytes known by their SHA-256 (a restore): written to a temporary name, checked,
        then renamed; a copy already present and sound is kept. Raises UserError on a mismatch."""
        target = self.path_for(sha256)
        if target.is_file() and sha256_of(target) == sha256:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        self.path_for(sha256)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        h = hashlib.sha256()
        try:
            with os.fdopen(fd, "wb") as dst:
                for chunk in chunks:
                    h.update(chunk)
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            if h.hexdigest() != sha256:
                raise UserError(f"Tệp minh chứng {sha256[:12]}… trong bản sao lưu không đúng mã SHA-256.")
            give_default_mode(tmp_name)
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def verified_path(self, sha256: str, name: str = "") -> Path:
        """The stored copy, after checking its bytes still hash to what the database recorded."""
        path = self.path_for(sha256)
        label = name or sha256[:12]
        if not path.is_file():
            raise EvidenceCorrupt(f"Tệp minh chứng «{label}» không còn trong thư mục dữ liệu ({path}).")
        if sha256_of(path) != sha256:
            raise EvidenceCorrupt(
                f"Tệp minh chứng «{label}» đã bị thay đổi hoặc hỏng (mã SHA-256 không khớp). "
                "Hãy khôi phục từ bản sao lưu."
            )
        return path

    def export(self, sha256: str, name: str, target_dir: Path) -> Path:
        """A verified copy with its original name, for opening in another program.

        The name comes from the database: one that is not a plain file name, or whose copy
        would land outside ``target_dir``, is refused rather than followed."""
        if plain_file_name(name) is None:
            raise EvidenceCorrupt(
                f"Tên tệp minh chứng «{name[:120]}» trong cơ sở dữ liệu có chứa đường dẫn; "
                "không xuất ra để tránh ghi ra ngoài thư mục đích."
            )
        src = self.verified_path(sha256, name)
        dst = target_dir / name
        if dst.is_symlink() or (dst.exists() and not _inside(dst, target_dir)):
            raise EvidenceCorrupt(
                f"Chỗ xuất tệp minh chứng «{name}» ({dst}) là liên kết ra ngoài thư mục đích; không ghi."
            )
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
        except OSError as exc:
            raise UserError(
                f"Không sao chép được tệp minh chứng «{name}» ra {target_dir}: {exc.strerror}"
            ) from exc
        return dst


class DbEvidenceStore(EvidenceStore):
    """Evidence bytes in the shared database (table stored_blob), for a PostgreSQL office: every
    workstation reads them, and they commit (or not) with their report. ``root`` is a local
    cache: a file is written there from the database, re-hashed, when it is opened or exported.
    """

    def __init__(self, db: Database, cache_root: Path) -> None:
        super().__init__(cache_root)
        self.db = db

    def put(self, source: Path) -> StoredBlob:
        if not source.is_file():
            raise UserError(f"Không tìm thấy tệp minh chứng: {source}")
        try:
            content = source.read_bytes()
        except OSError as exc:
            raise UserError(f"Không đọc được tệp minh chứng {source.name}: {exc.strerror}") from exc
        return StoredBlob(hashlib.sha256(content).hexdigest(), len(content), source, content)

    def read(self, sha256: str) -> bytes | None:
        with self.db.reading() as s:
            row = s.get(StoredBytes, sha256)
            return None if row is None else bytes(row.data)

    def path_for(self, sha256: str) -> Path:
        """A local copy written afresh from the database (absent when the database has none)."""
        target = super().path_for(sha256)
        content = self.read(sha256)
        if content is None:
            target.unlink(missing_ok=True)
            return target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
            give_default_mode(tmp_name)
            os.replace(tmp_name, target)
        except OSError as exc:
            raise UserError(
                f"Không ghi được bản sao tệp minh chứng vào {target.parent}: {exc.strerror}"
            ) from exc
        return target
