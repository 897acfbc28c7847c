"""Start-up plumbing in one place: lock, engine, migrations, evidence store, services."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from app import backup, migrate
from app.database import Database, busy_error, is_busy, is_pg_url, make_pg_engine, pg_url, shown_url
from app.errors import AlreadyRunning, PasswordNeeded, UserError
from app.evidence_store import DbEvidenceStore, EvidenceStore
from app.instance_lock import InstanceLock
from app.paths import evidence_dir_for, shared_cache_path
from app.services.agencies import AgencyService
from app.services.agency_profile import AgencyProfileService
from app.services.backups import BackupService, restore_database
from app.services.base import ServiceContext
from app.services.deadline_reread import refresh_if_rules_changed
from app.services.directives import DirectiveService
from app.services.followup import FollowupService
from app.services.history import HistoryService
from app.services.indicators import IndicatorService
from app.services.report_grid import ReportGridService
from app.services.reports import ReportService
from app.services.settings import SettingsService
from app.services.tasks import TaskService
from app.services.trash import TrashService
from models.entities import Task

if TYPE_CHECKING:  # imported on first use: the first window needs neither
    from app.letters.service import LetterService
    from app.services.directive_reading import DirectiveReadingService
    from app.services.importing.service import ImportService

log = logging.getLogger(__name__)

# Up to this many tasks a rules-version recompute at open is instant; above, a window defers it.
SYNC_REFRESH_LIMIT = 2000


class AppContext:
    """Everything a window or a command needs, opened in the right order and closed together."""

    def __init__(
        self,
        db_path: Path | str,
        today: Callable[[], date] = date.today,
        password: str | None = None,
        reader: bool = False,
    ) -> None:
        """``db_path``: a SQLite file, or a ``postgresql://role@host/db`` URL (a shared office;
        ``password`` for the role when the URL does not hold one). ``reader``: a command that only
        reads may run while a window holds a SQLite database (WAL lets readers see committed data
        while another connection writes); it then opens read-only and never migrates nor refreshes."""
        self.url: str | None = None
        if is_pg_url(db_path):
            assert isinstance(db_path, str)
            self.url = db_path
            # a local folder for what is per workstation (opened evidence copies, templates)
            db_path = shared_cache_path(pg_url(db_path))
        self.db_path = Path(db_path)
        self._password = password
        self.lock = InstanceLock(self.db_path)
        self.backup_made: Path | None = None
        self._today = today
        self._reader = reader
        self.db: Database | None = None
        # what start-up finished that a killed program had left half-done (letters' files)
        self.startup_notes: list[str] = []
        # Why nothing may be written (a damaged file, a window holding it), shown to the user.
        self.read_only_notice = ""
        self.damage: list[str] = []

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_notice)

    def _damaged_notice(self) -> str:
        """In Vietnamese, with SQLite's own lines only in the log (and in `verify`)."""
        log.warning("integrity problems in %s:\n%s", self.db_path, "\n".join(self.damage))
        return (
            f"Cơ sở dữ liệu {self.db_path.name} bị hỏng ({backup.damage_summary(self.damage)}; "
            f'chi tiết: python -m app --db "{self.db_path}" verify). Chương trình chỉ mở để '
            "xem và không ghi gì vào tệp này. Hãy khôi phục từ bản sao lưu: Tệp → Khôi phục… hoặc "
            f'python -m app --db "{self.db_path}" restore TỆP_SAO_LƯU.'
        )

    def _open_read_only(self, notice: str) -> None:
        self.read_only_notice = notice
        self.db = Database(self.db_path, read_only_reason=f"Không ghi được: {notice}")
        try:
            current = migrate.current_revision(self.db.engine)
        except Exception as exc:
            raise UserError(f"{notice} Không đọc được cả cấu trúc dữ liệu ({type(exc).__name__}).") from None
        if current != migrate.HEAD_REVISION:
            raise UserError(
                f"{notice} Tệp thuộc phiên bản dữ liệu {current or 'trống'}, cần nâng cấp mới xem được; "
                "chưa mở."
            )

    @property
    def is_shared(self) -> bool:
        """A PostgreSQL database several workstations use at once."""
        return self.url is not None

    @property
    def location(self) -> str:
        """Where the data is, as a user may see it (a URL without its password)."""
        return shown_url(self.url) if self.url is not None else str(self.db_path)

    def open(self, refresh_progress: bool = True) -> AppContext:
        """``refresh_progress=False`` leaves a rules-version recompute to the caller, so the
        window can run it behind a progress dialog (``tasks.refresh_progress()``).

        A quick check (``PRAGMA quick_check``) comes first: a damaged file opens read-only,
        with ``read_only_notice`` saying so and how to restore, and is never written to."""
        if self.url is not None:
            return self._open_shared(refresh_progress)
        try:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"Không tạo được thư mục dữ liệu {self.db_path.parent}: {exc.strerror}") from None
        if self.db_path.is_dir():
            raise UserError(f"{self.db_path} là một thư mục, không phải tệp cơ sở dữ liệu.")
        shared = False
        try:
            self.lock.acquire()
        except AlreadyRunning:
            if not (self._reader and self.db_path.is_file()):
                raise
            shared = True
        try:
            migrate.check_is_ours(self.db_path)
            if self.db_path.is_file() and self.db_path.stat().st_size > 0:
                self.damage = backup.integrity_problems(self.db_path, quick=True)
            if self.damage:
                self._open_read_only(self._damaged_notice())
            elif shared:
                self._open_read_only(
                    f"Cơ sở dữ liệu {self.db_path.name} đang được mở trong cửa sổ chương trình; "
                    "lệnh này chỉ đọc. Hãy ghi trong cửa sổ, hoặc đóng cửa sổ rồi chạy lại lệnh."
                )
            else:
                self._upgrade_and_refresh(Database(self.db_path), self.db_path, refresh_progress)
        except UserError:
            self.close()
            raise
        except Exception as exc:
            self.close()
            if is_busy(exc):
                raise busy_error(self.db_path) from exc
            raise UserError(
                f"Không mở được cơ sở dữ liệu {self.db_path}: tệp hỏng hoặc không phải dữ liệu "
                f"của chương trình ({type(exc).__name__})."
            ) from exc
        self._start_services(EvidenceStore(evidence_dir_for(self.db_path)))
        return self

    def _open_shared(self, refresh_progress: bool) -> AppContext:
        """A PostgreSQL database: no file lock (the server arbitrates), no file backup before an
        upgrade (the migration is one transaction there; backups are the server's, pg_dump)."""
        from sqlalchemy.exc import OperationalError

        assert self.url is not None
        url = pg_url(self.url, self._password)
        try:
            self._upgrade_and_refresh(Database(self.db_path, make_pg_engine(url)), None, refresh_progress)
        except UserError:
            self.close()
            raise
        except OperationalError as exc:
            self.close()
            reason = str(exc.orig or exc)
            if "password" in reason and (
                "no password supplied" in reason or "authentication failed" in reason
            ):
                raise PasswordNeeded(
                    f"Cơ sở dữ liệu dùng chung {self.location} cần mật khẩu của «{url.username}»"
                    + (" (mật khẩu vừa nhập không đúng)." if self._password else ".")
                ) from None
            raise UserError(
                f"Không kết nối được cơ sở dữ liệu dùng chung {self.location}: "
                f"{_first_line(exc.orig or exc)} Hãy kiểm tra tên máy chủ, tên đăng nhập và mật khẩu."
            ) from None
        except Exception as exc:
            self.close()
            raise UserError(
                f"Không mở được cơ sở dữ liệu dùng chung {self.location} ({type(exc).__name__})."
            ) from exc
        assert self.db is not None
        self._start_services(DbEvidenceStore(self.db, evidence_dir_for(self.db_path)))
        return self

    def _upgrade_and_refresh(self, db: Database, file: Path | None, refresh_progress: bool) -> None:
        """Migrate to head (``file``: the SQLite file backed up first), then recompute cached
        progress if the rules changed, unless the window defers it for a large database."""
        self.db = db
        self.backup_made = migrate.upgrade(db.engine, file)
        rules_note = self._refresh(refresh_progress)
        with db.transaction() as session:
            from app.letters.pending import reconcile

            self.startup_notes = reconcile(session)
        if rules_note:
            self.startup_notes.append(rules_note)

    def _start_services(self, store: EvidenceStore) -> None:
        assert self.db is not None
        ctx = ServiceContext(self.db, store, self._today)
        self.services = ctx
        self.agencies = AgencyService(ctx)
        self.directives = DirectiveService(ctx)
        self.tasks = TaskService(ctx)
        self.reports = ReportService(ctx)
        self.indicators = IndicatorService(ctx)
        self.followup = FollowupService(ctx)
        self.agency_profile = AgencyProfileService(ctx)
        self.report_grid = ReportGridService(ctx)
        self.settings = SettingsService(ctx)
        self.history = HistoryService(ctx)
        self.trash = TrashService(ctx)
        self.backups = BackupService(ctx)
        self._importer: ImportService | None = None
        self._letters: LetterService | None = None
        self._directive_reading: DirectiveReadingService | None = None

    def _refresh(self, refresh_progress: bool) -> str | None:
        """Under a new rules version: every deadline phrase read again and every cached
        progress recomputed, in one transaction; the note saying what the re-read changed."""
        assert self.db is not None
        with self.db.transaction() as session:
            few = (session.scalar(select(func.count()).select_from(Task)) or 0) <= SYNC_REFRESH_LIMIT
            if refresh_progress or few:
                return refresh_if_rules_changed(session, self._today())
        return None

    def restore(self, archive: Path) -> backup.RestoreDone:
        """Replace this database (and add its evidence) from ``archive``, then carry on with it.

        The instance lock stays held throughout; every connection is closed first (the
        engine reconnects to the new file). The current state is backed up before."""
        if not self.lock.held or self.db is None:
            raise UserError("Không khôi phục được khi cơ sở dữ liệu đang được mở trong cửa sổ khác.")
        self.db.dispose()
        done = restore_database(self.db_path, archive)
        fresh = Database(self.db_path)
        self.backup_made = migrate.upgrade(fresh.engine, self.db_path)
        self.db.dispose()
        self.db = fresh
        self.services.db = fresh
        self.read_only_notice = ""
        self.damage = []
        rules_note = self._refresh(True)
        return replace(done, notes=(*done.notes, rules_note)) if rules_note else done

    @property
    def importer(self) -> ImportService:
        """Appendix import (openpyxl and the importer's modules load on first use)."""
        if self._importer is None:
            from app.services.importing.service import ImportService

            self._importer = ImportService(self.services)
        return self._importer

    @property
    def directive_reading(self) -> DirectiveReadingService:
        """The directive reader (its rules and the catalogue loader load on first use)."""
        if self._directive_reading is None:
            from app.services.directive_reading import DirectiveReadingService

            self._directive_reading = DirectiveReadingService(self.services)
        return self._directive_reading

    @property
    def letters(self) -> LetterService:
        """Outgoing letters (docx, docxtpl and jinja2 load on first use)."""
        if self._letters is None:
            from app.letters.service import LetterService

            self._letters = LetterService(self.services)
        return self._letters

    def close(self) -> None:
        if self.db is not None:
            self.db.dispose()
            self.db = None
        if self.lock.held:
            self.lock.release()

    def __enter__(self) -> AppContext:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()


def _first_line(exc: object) -> str:
    text = str(exc).strip().splitlines()
    return (text[0].rstrip(".") + ".") if text else ""
