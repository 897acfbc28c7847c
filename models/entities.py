"""ORM tables of the tracker.

Status is never stored as typed text: assignments and tasks cache only the *progress*
(first unmet occurrence, completed, completed late), which does not change as days pass,
so the status of any day can be derived in Python or in SQL from the same three values.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

# re-exported: AgencyKind and Role moved to models.parties so views can use them without the ORM
from models.parties import AgencyKind as AgencyKind
from models.parties import Role as Role
from models.textfold import fold
from models.vn_collation import sort_key

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class Agency(Base):
    __tablename__ = "agency"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    short_name: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(20), default=AgencyKind.PROVINCIAL.value)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    name_key: Mapped[str] = mapped_column(String(300), index=True)

    aliases: Mapped[list[AgencyAlias]] = relationship(
        back_populates="agency", cascade="all, delete-orphan", order_by="AgencyAlias.id"
    )


class AgencyAlias(Base):
    __tablename__ = "agency_alias"
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300), unique=True)
    agency: Mapped[Agency] = relationship(back_populates="aliases")


class AgencyGroup(Base):
    """A collective name a directive uses instead of agencies ("Các sở, ban, ngành").

    Membership is either every active agency of ``member_kind`` or an explicit list,
    so the group stays valid as the catalogue changes.
    """

    __tablename__ = "agency_group"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    member_kind: Mapped[str | None] = mapped_column(String(20), nullable=True)
    members: Mapped[list[Agency]] = relationship(secondary="agency_group_member", order_by="Agency.name")


class AgencyGroupMember(Base):
    __tablename__ = "agency_group_member"
    group_id: Mapped[int] = mapped_column(ForeignKey("agency_group.id", ondelete="CASCADE"), primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), primary_key=True)


class StoredFile(Base):
    """A content-addressed blob in the data folder: the same bytes are stored once."""

    __tablename__ = "stored_file"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    # the bytes, when kept in the database (a shared office); none on SQLite (a folder keeps them)
    bytes_row: Mapped[StoredBytes | None] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class StoredBytes(Base):
    """The bytes of a stored file, in the database itself: used when the database is shared
    (PostgreSQL), so every workstation reads them and they commit with their report."""

    __tablename__ = "stored_blob"
    sha256: Mapped[str] = mapped_column(
        ForeignKey("stored_file.sha256", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[bytes] = mapped_column(LargeBinary)


def directive_number_key(number: str) -> str:
    """A directive number as looked up: case, diacritics and spaces ignored ("125/KH-BCĐ")."""
    return fold(number).replace(" ", "")


class Directive(Base):
    __tablename__ = "directive"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(100), index=True)
    # directive_number_key(number), kept in step by the validator below; the lookup's index
    number_key: Mapped[str] = mapped_column(String(100), default="", index=True)
    # vn_collation.sort_key(number), kept in step by the validator below: the task list's
    # "Văn bản" column sorts by it (numbers as numbers, Vietnamese letters in order)
    number_sort: Mapped[str] = mapped_column(String(400), default="")
    kind: Mapped[str] = mapped_column(String(10), default="CV")
    issuer: Mapped[str] = mapped_column(String(300), default="")
    issued_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    place: Mapped[str] = mapped_column(String(100), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    signer: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    signer_authority: Mapped[str] = mapped_column(String(10), default="")
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("directive.id", ondelete="SET NULL"), nullable=True, index=True
    )
    file_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"), nullable=True)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    # the row version a save checks, and who saved last (app/services/row_version.py)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    changed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # every UPDATE says WHERE version = (as read): a save racing another is refused (StaleDataError);
    # the number itself moves only with an edit, set by the service, not with cached progress
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012

    parent: Mapped[Directive | None] = relationship(remote_side=[id])
    citations: Mapped[list[Citation]] = relationship(
        back_populates="directive",
        cascade="all, delete-orphan",
        foreign_keys="Citation.directive_id",
        order_by="Citation.id",
    )
    tasks: Mapped[list[Task]] = relationship(
        back_populates="directive", cascade="all, delete-orphan", order_by="Task.seq"
    )

    @validates("number")
    def _keep_number_key(self, _key: str, number: str) -> str:
        self.number_key = directive_number_key(number)
        self.number_sort = sort_key(number)
        return number


class Citation(Base):
    """A document a directive cites (căn cứ / thực hiện), linked when it is registered."""

    __tablename__ = "citation"
    id: Mapped[int] = mapped_column(primary_key=True)
    directive_id: Mapped[int] = mapped_column(ForeignKey("directive.id", ondelete="CASCADE"), index=True)
    cited_number: Mapped[str] = mapped_column(String(100))
    cited_id: Mapped[int | None] = mapped_column(
        ForeignKey("directive.id", ondelete="SET NULL"), nullable=True, index=True
    )
    directive: Mapped[Directive] = relationship(back_populates="citations", foreign_keys=[directive_id])


class Task(Base):
    __tablename__ = "task"
    __table_args__ = (
        Index("ix_task_directive_seq", "directive_id", "seq"),
        # serves the list's order (directive_id DESC, seq, id) and its keyset pages
        Index("ix_task_list_order", text("directive_id DESC"), "seq", "id"),
        # the counts by status: which tasks are suspended or undated, which are overdue where
        Index("ix_task_suspension_kind", "suspension", "deadline_kind"),
        Index("ix_task_progress", "completed", "first_unmet", "suspension", "deadline_kind", "directive_id"),
        # the list sorted by lead agency or by content, paged by keyset (key, id)
        Index("ix_task_lead_key", "lead_key", "id"),
        Index("ix_task_content_key", "content_key", "id"),
        # the list sorted by "06 rõ" (how many criteria the task misses), paged the same way
        Index("ix_task_gaps", "gaps", "id"),
        CheckConstraint("suspension IN ('active','paused','cancelled')", name="suspension"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    directive_id: Mapped[int] = mapped_column(ForeignKey("directive.id", ondelete="CASCADE"))
    group_code: Mapped[str] = mapped_column(String(20), default="")
    group_title: Mapped[str] = mapped_column(Text, default="")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    index_in_group: Mapped[int | None] = mapped_column(Integer, nullable=True)
    content: Mapped[str] = mapped_column(Text, default="")
    product: Mapped[str] = mapped_column(Text, default="")
    deadline_text: Mapped[str] = mapped_column(String(300), default="")
    deadline: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    deadline_kind: Mapped[str] = mapped_column(String(20), default="unknown")
    note: Mapped[str] = mapped_column(Text, default="")
    suspension: Mapped[str] = mapped_column(String(20), default="active")
    search_text: Mapped[str] = mapped_column(Text, default="")
    # Vietnamese sort keys (models.vn_collation.stored_key) of what the list shows in the
    # "Chủ trì" and content columns; written with search_text (task_writer.reindex)
    lead_key: Mapped[str] = mapped_column(String(400), default="")
    content_key: Mapped[str] = mapped_column(String(400), default="")
    # how many "06 rõ" criteria the task misses (len(models.six_clear.missing)), written with
    # the sort keys: the list's "06 rõ" sort reads it from ix_task_gaps
    gaps: Mapped[int] = mapped_column(Integer, default=0)
    # cached progress of the lead assignment(s): see models.status.Progress
    first_unmet: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    completed_late: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    # the row version a save checks, and who saved last (app/services/row_version.py)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    changed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012

    directive: Mapped[Directive] = relationship(back_populates="tasks")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="task", cascade="all, delete-orphan", order_by="Assignment.id"
    )


class Assignment(Base):
    """One agency (or agency group, as written) taking part in a task, as lead or cooperating."""

    __tablename__ = "assignment"
    __table_args__ = (
        Index("ix_assignment_agency_task", "agency_id", "task_id"),
        Index("ix_assignment_group_task", "group_id", "task_id"),
        # the agency page's counts read these, never the task rows (see AgencyService)
        Index("ix_assignment_agency_role", "agency_id", "role"),
        Index("ix_assignment_agency_progress", "agency_id", "completed", "first_unmet", "completed_late"),
        Index(
            "ix_assignment_task_progress",
            *("task_id", "agency_id", "completed", "completed_late", "first_unmet"),
        ),
        CheckConstraint("(agency_id IS NULL) <> (group_id IS NULL)", name="agency_or_group"),
        CheckConstraint("role IN ('lead','coop')", name="role"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id", ondelete="RESTRICT"), nullable=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("agency_group.id", ondelete="RESTRICT"), nullable=True
    )
    from_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("agency_group.id", ondelete="SET NULL"), nullable=True
    )
    first_unmet: Mapped[date | None] = mapped_column(Date, nullable=True)
    completed: Mapped[bool] = mapped_column(Boolean, default=False)
    completed_late: Mapped[bool] = mapped_column(Boolean, default=False)

    task: Mapped[Task] = relationship(back_populates="assignments")
    agency: Mapped[Agency | None] = relationship(foreign_keys=[agency_id])
    group: Mapped[AgencyGroup | None] = relationship(foreign_keys=[group_id])
    reports: Mapped[list[Report]] = relationship(
        back_populates="assignment", cascade="all, delete-orphan", order_by="Report.received_on"
    )

    @property
    def display_name(self) -> str:
        if self.agency is not None:
            return self.agency.name
        return self.group.name if self.group is not None else ""


class Report(Base):
    __tablename__ = "report"
    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    occurrence: Mapped[date | None] = mapped_column(Date, nullable=True)
    received_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    percent: Mapped[int | None] = mapped_column(Integer, nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    doc_number: Mapped[str] = mapped_column(String(100), default="")
    doc_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    assignment: Mapped[Assignment] = relationship(back_populates="reports")
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Evidence.id"
    )


class OccurrenceCover(Base):
    """One occurrence of an assignment's deadline covered by a done report, and when it arrived.

    A cache beside Assignment.first_unmet (models.status.coverage fills both): an occurrence is
    covered as of D exactly when its row's ``received`` is <= D, so the status of any past day
    and the on-time share of periodic reports are SQL aggregates over these rows. For a
    cooperating agency the lead's reports count too (the earliest arrival is kept).
    """

    __tablename__ = "occurrence_cover"
    __table_args__ = (Index("ix_occurrence_cover_received", "received", "assignment_id", "occurrence"),)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignment.id", ondelete="CASCADE"), primary_key=True
    )
    occurrence: Mapped[date] = mapped_column(Date, primary_key=True)
    received: Mapped[date] = mapped_column(Date)


class Evidence(Base):
    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))
    original_name: Mapped[str] = mapped_column(String(300))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
    report: Mapped[Report] = relationship(back_populates="evidence")
    stored: Mapped[StoredFile] = relationship()


class Indicator(Base):
    __tablename__ = "indicator"
    id: Mapped[int] = mapped_column(primary_key=True)
    directive_id: Mapped[int | None] = mapped_column(
        ForeignKey("directive.id", ondelete="CASCADE"), nullable=True, index=True
    )
    group_code: Mapped[str] = mapped_column(String(20), default="")
    group_title: Mapped[str] = mapped_column(Text, default="")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(50), default="")
    # as written: usually a number, sometimes a rank such as "Tốp 15"
    baseline: Mapped[str] = mapped_column(String(100), default="")
    target: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    directive: Mapped[Directive | None] = relationship()
    agencies: Mapped[list[IndicatorAgency]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="IndicatorAgency.id"
    )
    values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="IndicatorValue.period"
    )


class IndicatorAgency(Base):
    __tablename__ = "indicator_agency"
    __table_args__ = (CheckConstraint("(agency_id IS NULL) <> (group_id IS NULL)", name="agency_or_group"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("agency_group.id", ondelete="RESTRICT"), nullable=True
    )
    indicator: Mapped[Indicator] = relationship(back_populates="agencies")
    agency: Mapped[Agency | None] = relationship()
    group: Mapped[AgencyGroup | None] = relationship()

    @property
    def display_name(self) -> str:
        if self.agency is not None:
            return self.agency.name
        return self.group.name if self.group is not None else ""


class IndicatorValue(Base):
    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator_id", "period"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))
    value: Mapped[float] = mapped_column(Float)
    reported_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    indicator: Mapped[Indicator] = relationship(back_populates="values")


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
