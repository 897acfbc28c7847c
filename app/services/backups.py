"""Backups and restores of one database, for the window and the command line alike.

The archive itself (making, checking, restoring, rotating) is app/backup.py; this decides
where it goes (app/backup_place.py) and keeps the chosen folder in the database's settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app import backup
from app.backup_place import SETTING_KEY, BackupPlace, backup_place, chosen_folder
from app.errors import UserError, ValidationError
from app.evidence_store import EvidenceStore
from app.operation import operation
from app.paths import evidence_dir_for
from app.services.base import Service
from models.entities import Setting

# No good backup for this long: the window warns.
WARN_AFTER = timedelta(days=7)
# The window makes one by itself when the newest is older than this.
DAILY = timedelta(days=1)


@dataclass(frozen=True)
class BackupStatus:
    place: BackupPlace
    last: datetime | None
    last_path: Path | None

    def overdue(self, now: datetime) -> bool:
        return self.last is None or now - self.last > WARN_AFTER

    def due(self, now: datetime) -> bool:
        return self.last is None or now - self.last >= DAILY


def place_for(db_path: Path, to: Path | None = None) -> BackupPlace:
    if to is not None:
        return BackupPlace(to, True, False)
    return backup_place(db_path, chosen_folder(db_path))


def backup_database(db_path: Path, to: Path | None = None) -> backup.BackupMade:
    """One archive of the database as it is now (safe while the window writes to it)."""
    from app import migrate

    migrate.check_is_ours(db_path)
    return backup.create_backup(
        db_path, EvidenceStore(evidence_dir_for(db_path)), place_for(db_path, to).folder
    )


def restore_database(db_path: Path, archive: Path) -> backup.RestoreDone:
    """The caller holds the instance lock and has closed its connections.

    Letters numbered after the backup stay in the register (app.restore_carry): their
    numbers are never given out again. The restore is recorded in the audit trail."""
    import sqlite3

    from app import migrate, restore_carry

    try:
        letters = restore_carry.read_letters(db_path)
        unread = ""
    except sqlite3.Error as exc:  # a damaged database: its raw copy is kept by the restore
        letters, unread = [], str(exc)

    def keep(copy: Path, manifest: backup.Manifest) -> tuple[str, ...]:
        notes = restore_carry.carry_into(copy, letters, archive.name, manifest.created)
        if unread:
            notes += (
                f"Không đọc được sổ văn bản đi của dữ liệu hiện tại ({unread}): các số cấp sau bản "
                "sao lưu (nếu có) chưa được giữ lại; hãy xem bản sao trước khi khôi phục và "
                "tránh cấp trùng số.",
            )
        return notes

    return backup.restore(
        db_path,
        archive,
        EvidenceStore(evidence_dir_for(db_path)),
        place_for(db_path).folder,
        known_revision=migrate.is_known_revision,
        before_swap=keep,
    )


def status_of(db_path: Path) -> BackupStatus:
    """The newest good backup: finished (only verified archives get their name) and complete
    (an archive that lacks evidence files does not count)."""
    place = place_for(db_path)
    for when, path in backup.list_backups(place.folder, db_path)[:60]:
        try:
            if backup.read_manifest(path).complete:
                return BackupStatus(place, when, path)
        except UserError:
            continue
    return BackupStatus(place, None, None)


class BackupService(Service):
    def status(self) -> BackupStatus:
        return status_of(self.db.path)

    def backup_now(self, to: Path | None = None) -> backup.BackupMade:
        return backup.create_backup(self.db.path, self.ctx.store, place_for(self.db.path, to).folder)

    @operation
    def set_folder(self, folder: Path | None) -> None:
        """The folder backups go to (None: back to the automatic choice)."""
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ValidationError(
                    f"Không tạo được thư mục sao lưu {folder}: {exc.strerror}", "folder"
                ) from None
        with self.db.transaction() as s:
            row = s.get(Setting, SETTING_KEY)
            if folder is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(Setting(key=SETTING_KEY, value=str(folder)))
            else:
                row.value = str(folder)
