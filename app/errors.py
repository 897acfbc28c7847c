"""Errors a user may see. Their message is Vietnamese and complete: views and the CLI show it as is."""


class UserError(Exception):
    """A problem the user can act on; ``str(err)`` is the Vietnamese message."""


class ValidationError(UserError):
    """Bad input in a form; ``field`` names the offending field so a dialog can mark it."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NotFound(UserError):
    pass


class AlreadyRunning(UserError):
    pass


class DatabaseTooNew(UserError):
    pass


class EvidenceCorrupt(UserError):
    pass


class DatabaseBusy(UserError):
    """Another program held SQLite's write lock for longer than the wait allows."""


class ReadOnlyDatabase(UserError):
    """The database is open for reading only (damaged, or another window writes to it)."""


class DatabaseDamaged(UserError):
    """SQLite's own check found damage; nothing is written and no backup replaces a good one."""


class MigrationFailed(UserError):
    """A schema upgrade failed and was rolled back: the database is as it was."""


class PasswordNeeded(UserError):
    """The shared (PostgreSQL) database asks for the role's password: the window prompts for it."""
