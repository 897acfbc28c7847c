"""What each widget may call, as narrow protocols instead of the whole ``AppContext``.

A widget's constructor is typed with the smallest protocol that covers the services it (and
the dialogs it opens) calls; mypy then refuses a widget that reaches for anything else. The
program passes its ``AppContext``, which satisfies them all; a test may pass any object with
just those services.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from app.backup import RestoreDone
    from app.letters.service import LetterService
    from app.services.agencies import AgencyService
    from app.services.agency_profile import AgencyProfileService
    from app.services.backups import BackupService
    from app.services.base import ServiceContext
    from app.services.directive_reading import DirectiveReadingService
    from app.services.directives import DirectiveService
    from app.services.followup import FollowupService
    from app.services.history import HistoryService
    from app.services.importing.service import ImportService
    from app.services.indicators import IndicatorService
    from app.services.report_grid import ReportGridService
    from app.services.reports import ReportService
    from app.services.settings import SettingsService
    from app.services.tasks import TaskService
    from app.services.trash import TrashService


class HasTasks(Protocol):
    @property
    def tasks(self) -> TaskService: ...


class HasHistory(Protocol):
    @property
    def history(self) -> HistoryService: ...


class HasTrash(Protocol):
    @property
    def trash(self) -> TrashService: ...


class HasReports(Protocol):
    @property
    def reports(self) -> ReportService: ...


class HasReportGrid(Protocol):
    @property
    def report_grid(self) -> ReportGridService: ...


class HasDirectives(Protocol):
    @property
    def directives(self) -> DirectiveService: ...


class HasDirectiveReading(Protocol):
    @property
    def directive_reading(self) -> DirectiveReadingService: ...


class HasAgencies(Protocol):
    @property
    def agencies(self) -> AgencyService: ...


class HasIndicators(Protocol):
    @property
    def indicators(self) -> IndicatorService: ...


class HasLetters(Protocol):
    @property
    def letters(self) -> LetterService: ...


class HasImporter(Protocol):
    @property
    def importer(self) -> ImportService: ...


class HasSettings(Protocol):
    @property
    def settings(self) -> SettingsService: ...


class HasFollowup(Protocol):
    @property
    def followup(self) -> FollowupService: ...


class HasToday(Protocol):
    """``services.today()``: the day the program counts from (tests fix it)."""

    @property
    def services(self) -> ServiceContext: ...


class HasDbPath(Protocol):
    @property
    def db_path(self) -> Path: ...

    @property
    def is_shared(self) -> bool: ...

    @property
    def location(self) -> str: ...


# -- what each widget needs: its own calls plus those of the dialogs and panels it opens ----------


class EvidenceNeeds(HasDirectives, HasReports, Protocol): ...


class AgencyDialogNeeds(HasAgencies, Protocol): ...


class AgencyPageNeeds(HasAgencies, Protocol): ...


class DirectiveDialogNeeds(HasDirectives, HasToday, Protocol): ...


class DirectiveReadNeeds(HasAgencies, HasDirectives, HasDirectiveReading, HasToday, Protocol): ...


class DirectivePageNeeds(HasAgencies, HasDirectives, HasDirectiveReading, HasReports, HasToday, Protocol): ...


class IndicatorDialogNeeds(HasAgencies, HasDirectives, HasIndicators, Protocol): ...


class IndicatorValueNeeds(HasIndicators, HasToday, Protocol): ...


class IndicatorPageNeeds(HasAgencies, HasDirectives, HasIndicators, HasToday, Protocol): ...


class ImportNeeds(HasAgencies, HasDirectives, HasImporter, Protocol): ...


class LettersNeeds(HasAgencies, HasDirectives, HasLetters, HasToday, Protocol): ...


class ReportDialogNeeds(HasReports, HasTasks, HasToday, Protocol): ...


class ReportGridPageNeeds(HasDirectives, HasReportGrid, HasReports, HasTasks, HasToday, Protocol): ...


class TaskDialogNeeds(HasAgencies, HasDirectives, HasTasks, HasToday, Protocol): ...


class FilterBarNeeds(HasAgencies, HasDirectives, HasToday, Protocol): ...


class TaskDetailNeeds(HasHistory, HasDirectives, HasLetters, HasReports, HasTasks, Protocol): ...


class TaskPageNeeds(
    HasHistory, HasAgencies, HasDirectives, HasLetters, HasReports, HasTasks, HasToday, Protocol
): ...


class FollowupNeeds(HasFollowup, HasDirectives, HasSettings, HasToday, Protocol): ...


class HasAgencyProfile(Protocol):
    @property
    def agency_profile(self) -> AgencyProfileService: ...


class BackupNeeds(HasDbPath, Protocol):
    """Backups, and a restore that replaces the open database (``AppContext.restore``)."""

    @property
    def backups(self) -> BackupService: ...

    @property
    def read_only_notice(self) -> str: ...

    def restore(self, archive: Path) -> RestoreDone: ...


class WindowNeeds(
    HasHistory,
    HasTrash,
    BackupNeeds,
    HasAgencies,
    HasAgencyProfile,
    HasDirectives,
    HasDirectiveReading,
    HasFollowup,
    HasImporter,
    HasIndicators,
    HasLetters,
    HasReports,
    HasReportGrid,
    HasSettings,
    HasTasks,
    HasToday,
    HasDbPath,
    Protocol,
): ...


class HistoryNeeds(HasHistory, HasDirectives, HasToday, Protocol): ...


class TrashNeeds(HasTrash, Protocol): ...
