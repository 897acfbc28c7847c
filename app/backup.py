"""Backups that restore: one zip archive holding the database and the evidence it references.

An archive is made in a hidden working folder beside where it will end up
(``.dang-sao-luu-<pid>-…/sao-luu.zip.part``): the database is copied with SQLite's backup
API (consistent while the window writes), the copy must pass ``PRAGMA integrity_check``,
every evidence file is hashed while it is written into the archive and must match the
SHA-256 the database recorded, the manifest (date, counts, SHA-256 of each entry) goes in
last, and the finished file is read back and every entry re-hashed. Only then is it renamed
to its final name ``<tên>.sao-luu-YYYYMMDD-HHMMSS.zip`` and the folder synced. A backup
killed, or stopped by a full disk, at any moment leaves at most a hidden ``.part`` that the
next backup sweeps away, never a finished-looking file.

A restore reads and re-hashes the whole archive before it touches anything, backs up the
current state, adds the evidence files (content-addressed: adding never harms), writes the
database to a temporary name, checks it, and renames it over the old one: a kill at any
point leaves either the old database or the new one with all of its evidence.

Evidence files are never deleted by the program, so files a snapshot references are present
when they are copied, however the window writes meanwhile.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app.backup_rotation import to_keep
from app.errors import DatabaseDamaged, EvidenceCorrupt, UserError
from app.evidence_store import CHUNK, EvidenceStore, is_sha256

log = logging.getLogger(__name__)

FORMAT = "bcd-thuky-sao-luu"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_ENTRY = "co-so-du-lieu.sqlite"
EVIDENCE_PREFIX = "minh-chung/"
TEMP_PREFIX = ".dang-sao-luu-"
PART_NAME = "sao-luu.zip.part"
ARCHIVE_WORD = "sao-luu"
STALE_AFTER_S = 24 * 3600  # a working folder whose owner cannot be checked is swept after a day

COUNTED_TABLES = {
    "directives": "directive",
    "tasks": "task",
    "reports": "report",
    "agencies": "agency",
    "evidence_files": "stored_file",
}
COUNT_LABELS = {
    "directives": "văn bản",
    "tasks": "nhiệm vụ",
    "reports": "báo cáo",
    "agencies": "cơ quan",
    "evidence_files": "tệp minh chứng",
}


@dataclass(frozen=True)
class Manifest:
    created: datetime
    db_name: str
    schema_revision: str | None
    app_version: str
    counts: dict[str, int]
    # entry name in the archive -> (sha256, size)
    files: dict[str, tuple[str, int]] = field(default_factory=dict)
    # evidence the database references that could not be saved (missing or changed files)
    missing: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.missing

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created": self.created.isoformat(timespec="seconds"),
                "db_name": self.db_name,
                "schema_revision": self.schema_revision,
                "app_version": self.app_version,
                "counts": self.counts,
                "files": {k: {"sha256": s, "size": n} for k, (s, n) in sorted(self.files.items())},
                "missing": list(self.missing),
            },
            ensure_ascii=False,
            indent=1,
        )

    @staticmethod
    def from_json(text: str, label: str) -> Manifest:
        try:
            raw = json.loads(text)
            if raw.get("format") != FORMAT:
                raise ValueError("format")
            if int(raw.get("format_version", 0)) > FORMAT_VERSION:
                raise UserError(
                    f"Bản sao lưu {label} được tạo bởi phiên bản mới hơn của chương trình; "
                    "hãy cập nhật chương trình trước khi khôi phục."
                )
            files = {str(k): (str(v["sha256"]), int(v["size"])) for k, v in raw["files"].items()}
            return Manifest(
                created=datetime.fromisoformat(raw["created"]),
                db_name=str(raw["db_name"]),
                schema_revision=raw.get("schema_revision"),
                app_version=str(raw.get("app_version", "")),
                counts={str(k): int(v) for k, v in raw["counts"].items()},
                files=files,
                missing=tuple(str(m) for m in raw.get("missing", [])),
            )
        except UserError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError):
            raise UserError(f"Tệp {label} không phải là bản sao lưu của chương trình.") from None

    def evidence(self) -> dict[str, tuple[str, int]]:
        return {k: v for k, v in self.files.items() if k.startswith(EVIDENCE_PREFIX)}

    def summary(self) -> str:
        """One Vietnamese line: "ngày 24/11/2026 09:05: 3 văn bản, 120 nhiệm vụ, …"."""
        parts = [f"{self.counts.get(k, 0)} {label}" for k, label in COUNT_LABELS.items()]
        return f"ngày {self.created:%d/%m/%Y %H:%M}: " + ", ".join(parts)


@dataclass(frozen=True)
class BackupMade:
    path: Path
    manifest: Manifest
    removed: tuple[Path, ...] = ()  # older archives the rotation let go

    def warning(self) -> str:
        """What the archive lacks, in one Vietnamese sentence ("" when complete)."""
        m = self.manifest.missing
        if not m:
            return ""
        shown = "; ".join(m[:3]) + (f" và {len(m) - 3} tệp khác" if len(m) > 3 else "")
        return (
            f"Bản sao lưu thiếu {len(m)} tệp minh chứng vì tệp trong thư mục dữ liệu bị mất hoặc hỏng "
            f"({shown}); các bản sao lưu cũ được giữ nguyên. Chạy «python -m app verify» để xem từng tệp."
        )


@dataclass(frozen=True)
class RestoreDone:
    manifest: Manifest
    safety_copy: Path | None  # the state before the restore
    # what opening the restored data under this version's rules changed (deadlines re-read)
    notes: tuple[str, ...] = ()


# -- checks ----------------------------------------------------------------------------------


def _read_only(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)


def integrity_problems(db_path: Path, quick: bool = False) -> list[str]:
    """SQLite's own verdict on the file ([] when sound): ``quick_check`` at start-up (no index
    cross-checks), ``integrity_check`` for `verify` and before every backup."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        conn = _read_only(db_path)
        try:
            lines = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return [str(exc)]
    return [] if lines == ["ok"] else lines


_PAGE = re.compile(r"\bpage (\d+)")


def damage_summary(problems: list[str]) -> str:
    """SQLite's verdict in one Vietnamese phrase: how many problems and the first page named
    ("3 lỗi, đầu tiên ở trang 81"). Its own English lines go to the log and to `verify`, under
    their own heading, not into every notice."""
    n = len(problems)
    if n == 1 and not _PAGE.search(problems[0]):
        return "SQLite không đọc được cấu trúc tệp"
    page = next((m.group(1) for line in problems if (m := _PAGE.search(line))), None)
    where = f", đầu tiên ở trang {page}" if page else ""
    return f"SQLite phát hiện {n} lỗi{where}"


def damaged_message(db_path: Path, problems: list[str]) -> str:
    log.warning("integrity problems in %s:\n%s", db_path, "\n".join(problems))
    return (
        f"Cơ sở dữ liệu {db_path.name} bị hỏng ({damage_summary(problems)}); không sao lưu để không "
        "thay các bản sao lưu tốt bằng một bản hỏng. Hãy khôi phục từ bản sao lưu gần nhất: Tệp → Khôi phục… "
        f'hoặc python -m app --db "{db_path}" restore TỆP_SAO_LƯU.'
    )


# -- names and rotation ----------------------------------------------------------------------


def archive_name(db_path: Path, when: datetime) -> str:
    return f"{db_path.stem}.{ARCHIVE_WORD}-{when:%Y%m%d-%H%M%S}.zip"


def _stamp_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(stem)}\.{ARCHIVE_WORD}-(\d{{8}}-\d{{6}})(?:-\d+)?\.zip$")


def list_backups(folder: Path, db_path: Path) -> list[tuple[datetime, Path]]:
    """The finished archives of this database in ``folder``, newest first."""
    pattern = _stamp_pattern(db_path.stem)
    found: list[tuple[datetime, Path]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for p in entries:
        m = pattern.match(p.name)
        if m and p.is_file():
            try:
                found.append((datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), p))
            except ValueError:
                continue
    found.sort(key=lambda item: (item[0], item[1].name), reverse=True)
    return found


def last_backup(folder: Path, db_path: Path) -> tuple[datetime, Path] | None:
    found = list_backups(folder, db_path)
    return found[0] if found else None


def rotate(folder: Path, db_path: Path) -> tuple[Path, ...]:
    """Keep the last 7 daily, 4 weekly and 12 monthly archives; delete the rest."""
    found = list_backups(folder, db_path)
    keep = to_keep([when for when, _ in found])
    removed = []
    for when, path in found:
        if when not in keep:
            try:
                path.unlink()
                removed.append(path)
            except FileNotFoundError:
                pass  # another backup rotated it first
    return tuple(removed)


def sweep_stale(folder: Path) -> None:
    """Working folders of backups that were killed: the owner is gone (or a day has passed)."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for p in entries:
        if not (p.name.startswith(TEMP_PREFIX) and p.is_dir()):
            continue
        pid_text = p.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        alive = False
        if os.name == "posix" and pid_text.isdigit():
            try:
                os.kill(int(pid_text), 0)
                alive = int(pid_text) != 0
            except ProcessLookupError:
                alive = False
            except PermissionError:
                alive = True
        else:
            try:
                alive = time.time() - p.stat().st_mtime < STALE_AFTER_S
            except OSError:
                continue
        if not alive:
            shutil.rmtree(p, ignore_errors=True)


# -- making an archive -----------------------------------------------------------------------


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory handles to sync; its rename is journaled by NTFS
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def snapshot(db_path: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API, left in rollback-journal mode so the
    copy is one self-contained file."""
    src = _read_only(db_path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        dst.commit()
    finally:
        dst.close()
        src.close()


def _contents(snap: Path) -> tuple[dict[str, int], str | None, set[str]]:
    """Counts, schema revision and every SHA-256 the copy references."""
    conn = sqlite3.connect(snap)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        counts = {
            key: int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            for key, table in COUNTED_TABLES.items()
            if table in tables
        }
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        shas: set[str] = set()
        if "evidence" in tables:
            shas |= {r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM evidence")}
        if "directive" in tables:
            shas |= {
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT file_sha256 FROM directive WHERE file_sha256 IS NOT NULL"
                )
            }
        if "trash_entry" in tables:  # files of deleted records, kept while they can be restored
            for (payload,) in conn.execute("SELECT payload FROM trash_entry"):
                shas |= {str(b) for b in json.loads(payload).get("blobs", [])}
    finally:
        conn.close()
    return counts, revision, shas


def _copy_into(zf: zipfile.ZipFile, entry: str, source: Path, compress: bool) -> tuple[str, int]:
    """Stream ``source`` into the archive, hashing the bytes written."""
    h = hashlib.sha256()
    size = 0
    info = zipfile.ZipInfo(entry, date_time=time.localtime(time.time())[:6])
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    if compress:
        info._compresslevel = 1  # type: ignore[attr-defined]  # speed over a few percent
    with source.open("rb") as src, zf.open(info, "w", force_zip64=True) as dst:
        while chunk := src.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
            dst.write(chunk)
    return h.hexdigest(), size


def _entry_chunks(zf: zipfile.ZipFile, entry: str) -> Iterator[bytes]:
    with zf.open(entry) as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def verify_archive(archive: Path) -> Manifest:
    """Read the whole archive back: the manifest, and every entry's bytes against its SHA-256."""
    label = archive.name
    try:
        with zipfile.ZipFile(archive) as zf:
            try:
                manifest = Manifest.from_json(zf.read(MANIFEST).decode("utf-8"), label)
            except KeyError:
                raise UserError(f"Tệp {label} không phải là bản sao lưu của chương trình.") from None
            if DB_ENTRY not in manifest.files:
                raise UserError(f"Bản sao lưu {label} không có cơ sở dữ liệu.")
            names = set(zf.namelist())
            for entry, (sha, size) in manifest.files.items():
                if entry not in names:
                    raise UserError(f"Bản sao lưu {label} thiếu «{entry}».")
                h = hashlib.sha256()
                n = 0
                for chunk in _entry_chunks(zf, entry):
                    h.update(chunk)
                    n += len(chunk)
                if h.hexdigest() != sha or n != size:
                    raise UserError(f"Bản sao lưu {label} bị hỏng: «{entry}» không đúng mã SHA-256.")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error):
        raise _unreadable(archive) from None
    except OSError as exc:
        raise UserError(f"Không đọc được bản sao lưu {label}: {exc.strerror or exc}.") from None
    return manifest


def _unreadable(archive: Path) -> UserError:
    """Why a .zip could not be read: one that starts as a zip (a copy cut short, a failing disk)
    is a damaged backup, anything else is not a backup at all."""
    try:
        with archive.open("rb") as fh:
            starts_as_zip = fh.read(4) == b"PK\x03\x04"
    except OSError:
        starts_as_zip = False
    if starts_as_zip:
        return UserError(
            f"Bản sao lưu {archive.name} bị hỏng hoặc không đầy đủ (tệp bị cắt ngắn khi chép, hoặc ổ đĩa "
            "lỗi); không dùng được. Hãy chọn một bản sao lưu khác."
        )
    return UserError(f"Tệp {archive.name} không phải là bản sao lưu của chương trình.")


def from_other_database(manifest: Manifest, db_path: Path) -> str:
    """A warning ("" if none) when ``manifest`` was made from a database of another name: restoring
    it replaces this database's data with that one's, which a user picking the wrong .zip
    in a shared backup folder did not mean."""
    if not manifest.db_name or manifest.db_name == db_path.name:
        return ""
    return (
        f"Bản sao lưu này được lập từ cơ sở dữ liệu «{manifest.db_name}», không phải «{db_path.name}» "
        f"đang dùng: khôi phục sẽ thay toàn bộ dữ liệu của «{db_path.name}» bằng dữ liệu của "
        f"«{manifest.db_name}»."
    )


def read_manifest(archive: Path) -> Manifest:
    """What an archive says it holds (no hashing: for showing before a restore)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            return Manifest.from_json(zf.read(MANIFEST).decode("utf-8"), archive.name)
    except KeyError:  # a sound zip without a manifest: not ours
        raise UserError(f"Tệp {archive.name} không phải là bản sao lưu của chương trình.") from None
    except (zipfile.BadZipFile, EOFError, zlib.error):
        raise _unreadable(archive) from None
    except OSError as exc:
        raise UserError(f"Không đọc được bản sao lưu {archive.name}: {exc.strerror or exc}.") from None


def create_backup(db_path: Path, store: EvidenceStore, folder: Path, rotate_after: bool = True) -> BackupMade:
    """Make, verify and publish one archive in ``folder``; then rotate the folder."""
    from app.version import version

    if not db_path.is_file():
        raise UserError(f"Không tìm thấy cơ sở dữ liệu {db_path}; không có gì để sao lưu.")
    problems = integrity_problems(db_path)
    if problems:
        raise DatabaseDamaged(damaged_message(db_path, problems))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        sweep_stale(folder)
        work = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=folder))
    except OSError as exc:
        raise UserError(
            f"Không tạo được thư mục sao lưu {folder}: {exc.strerror or exc}; hãy chọn thư mục khác."
        ) from None
    try:
        return _make(db_path, store, folder, work, version(), rotate_after)
    except OSError as exc:
        raise UserError(
            f"Không ghi được bản sao lưu vào {folder}: {exc.strerror or exc}"
            f"{' (đĩa đã đầy)' if getattr(exc, 'errno', None) in (28, 27) else ''}. "
            "Chưa có bản sao lưu mới; các bản cũ vẫn nguyên."
        ) from None
    except sqlite3.Error as exc:
        raise UserError(f"Không sao chép được cơ sở dữ liệu {db_path.name}: {exc}.") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _make(
    db_path: Path, store: EvidenceStore, folder: Path, work: Path, app_version: str, rotate_after: bool
) -> BackupMade:
    snap = work / DB_ENTRY
    snapshot(db_path, snap)
    problems = integrity_problems(snap)
    if problems:
        raise DatabaseDamaged(damaged_message(db_path, problems))
    counts, revision, shas = _contents(snap)
    now = datetime.now().replace(microsecond=0)
    files: dict[str, tuple[str, int]] = {}
    missing: list[str] = []
    part = work / PART_NAME
    with zipfile.ZipFile(part, "w", allowZip64=True) as zf:
        files[DB_ENTRY] = _copy_into(zf, DB_ENTRY, snap, compress=True)
        for sha in sorted(shas):
            if not is_sha256(sha):
                missing.append(f"mã lưu trữ không hợp lệ «{sha[:40]}»")
                continue
            try:
                path = store.path_for(sha)
            except EvidenceCorrupt as exc:
                missing.append(str(exc))
                continue
            if not path.is_file():
                missing.append(f"thiếu tệp {sha[:12]}… ({path})")
                continue
            entry = f"{EVIDENCE_PREFIX}{sha[:2]}/{sha}"
            got = _copy_into(zf, entry, path, compress=False)
            if got[0] != sha:
                missing.append(f"tệp {sha[:12]}… đã bị thay đổi (mã SHA-256 không khớp)")
                continue
            files[entry] = got
        # The database is still saved: refusing would leave it without any new backup. The
        # archive says what it lacks, and the rotation keeps every older archive meanwhile.
        manifest = Manifest(now, db_path.name, revision, app_version, counts, files, tuple(missing))
        zf.writestr(MANIFEST, manifest.to_json())
    with part.open("rb+") as fh:
        os.fsync(fh.fileno())
    verify_archive(part)
    final = folder / archive_name(db_path, now)
    n = 1
    while final.exists():
        final = folder / f"{db_path.stem}.{ARCHIVE_WORD}-{now:%Y%m%d-%H%M%S}-{n}.zip"
        n += 1
    os.replace(part, final)
    _fsync_dir(folder)
    removed = rotate(folder, db_path) if rotate_after and manifest.complete else ()
    return BackupMade(final, manifest, removed)


# -- restoring -------------------------------------------------------------------------------


def _raw_copy(db_path: Path, folder: Path) -> Path:
    """The damaged file as it is (with its WAL), when it cannot be backed up properly."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}.hong-{datetime.now():%Y%m%d-%H%M%S}{db_path.suffix}"
    shutil.copy2(db_path, target)
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        shutil.copy2(wal, target.with_name(target.name + "-wal"))
    return target


def restore(
    db_path: Path,
    archive: Path,
    store: EvidenceStore,
    safety_folder: Path,
    known_revision: object = None,
    before_swap: Callable[[Path, Manifest], tuple[str, ...]] | None = None,
) -> RestoreDone:
    """Replace the database and add the evidence of ``archive``; the caller holds the instance
    lock and has closed every connection. ``known_revision(rev) -> bool`` refuses an archive
    from a newer program before anything changes. ``before_swap(copy, manifest)`` may add to
    the checked copy before it replaces the database (what the restore must keep) and returns
    notes for the summary; the copy is checked again after it."""
    manifest = verify_archive(archive)
    if callable(known_revision) and manifest.schema_revision and not known_revision(manifest.schema_revision):
        raise UserError(
            f"Bản sao lưu {archive.name} được tạo bởi phiên bản mới hơn của chương trình "
            f"(phiên bản dữ liệu {manifest.schema_revision}); hãy cập nhật chương trình trước khi khôi phục."
        )
    safety: Path | None = None
    if db_path.exists() and db_path.stat().st_size > 0:
        try:
            safety = create_backup(db_path, store, safety_folder, rotate_after=False).path
        except (DatabaseDamaged, EvidenceCorrupt):
            try:
                safety = _raw_copy(db_path, safety_folder)
            except OSError as exc:
                raise UserError(
                    f"Không giữ được bản sao của dữ liệu hiện tại ({exc.strerror or exc}); chưa khôi phục."
                ) from None
    tmp = db_path.with_name(f".{db_path.name}.khoi-phuc-{os.getpid()}.tmp")
    notes: tuple[str, ...] = ()
    try:
        with zipfile.ZipFile(archive) as zf:
            # evidence first: content-addressed, so adding files never harms the old database
            for entry, (sha, _size) in sorted(manifest.evidence().items()):
                store.put_verified(sha, _entry_chunks(zf, entry))
            h = hashlib.sha256()
            with tmp.open("wb") as out:
                for chunk in _entry_chunks(zf, DB_ENTRY):
                    h.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        if h.hexdigest() != manifest.files[DB_ENTRY][0]:
            raise UserError(f"Bản sao lưu {archive.name} bị hỏng: cơ sở dữ liệu không đúng mã SHA-256.")
        problems = integrity_problems(tmp)
        if problems:
            raise UserError(
                f"Cơ sở dữ liệu trong bản sao lưu {archive.name} bị hỏng ({damage_summary(problems)}); "
                "chưa khôi phục."
            )
        if before_swap is not None:
            try:
                notes = before_swap(tmp, manifest)
            except sqlite3.Error as exc:
                raise UserError(f"Không khôi phục được ({exc}); dữ liệu cũ vẫn giữ nguyên.") from None
            problems = integrity_problems(tmp)
            if problems:
                raise UserError(
                    f"Không khôi phục được ({damage_summary(problems)}); dữ liệu cũ vẫn giữ nguyên."
                )
        _swap_in(db_path, tmp)
    except OSError as exc:
        raise UserError(
            f"Không khôi phục được ({exc.strerror or exc}); cơ sở dữ liệu cũ vẫn giữ nguyên"
            f"{f', bản sao trước khi khôi phục: {safety}' if safety else ''}."
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
    problems = integrity_problems(db_path)
    bad = [sha for sha, _n in manifest.evidence().values() if not _sound(store, sha)]
    if problems or bad:
        found = [damage_summary(problems)] if problems else []
        found += [f"tệp minh chứng {s[:12]}…" for s in bad[:3]]
        raise UserError(
            f"Đã khôi phục nhưng kiểm tra lại không đạt ({'; '.join(found)}); "
            f"bản sao trước khi khôi phục: {safety}."
        )
    return RestoreDone(manifest, safety, notes)


def _sound(store: EvidenceStore, sha: str) -> bool:
    try:
        store.verified_path(sha)
    except UserError:
        return False
    return True


def _swap_in(db_path: Path, tmp: Path) -> None:
    """Rename the checked copy over the database. The old WAL must go first: frames left in
    it would be replayed onto the new file. Its content is in the safety copy, and a
    checkpoint moves what it can into the old file before."""
    if db_path.exists():
        try:
            conn = sqlite3.connect(db_path)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except sqlite3.Error:
            pass  # a damaged file: its raw copy (with the WAL) was kept
    for suffix in ("-wal", "-shm", "-journal"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_path)
    _fsync_dir(db_path.parent)
