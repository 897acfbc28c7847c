"""The values an import hands around: the preview the officer checks and edits, the decisions
on unknown names, and the result of the commit. Plain data, no database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.appendix.headers import ColumnChoices
from app.appendix.parse import AppendixParse, ParsedIndicator, ParsedTask
from models.agency_names import Match
from models.textfold import fold


class RowStatus(StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


STATUS_LABELS = {RowStatus.NEW: "Mới", RowStatus.UPDATED: "Cập nhật", RowStatus.UNCHANGED: "Không đổi"}

TASK_FIELDS: dict[str, str] = {
    "group": "Nhóm",
    "group_title": "Tên nhóm",
    "seq": "Số thứ tự",
    "content": "Nội dung",
    "lead": "Chủ trì",
    "cooperating": "Phối hợp",
    "product": "Sản phẩm",
    "deadline_text": "Thời hạn",
    "note": "Ghi chú",
}
INDICATOR_FIELDS: dict[str, str] = {
    "group": "Nhóm",
    "name": "Tên chỉ tiêu",
    "unit": "Đơn vị tính",
    "baseline": "Thực hiện",
    "target": "Chỉ tiêu",
    "lead": "Chủ trì",
    "cooperating": "Phối hợp",
}


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Decision:
    """What to do with a name the catalogue does not know.

    Either an existing agency (`agency_id`; the written name is remembered as its alias),
    an existing group (`group_id`), or a new agency (`create`, named `new_name` or as written).
    """

    agency_id: int | None = None
    group_id: int | None = None
    create: bool = False
    new_name: str = ""


@dataclass
class PreviewTask:
    parsed: ParsedTask
    status: RowStatus
    existing_id: int | None = None
    changes: list[Change] = field(default_factory=list)


@dataclass
class PreviewIndicator:
    parsed: ParsedIndicator
    status: RowStatus
    existing_id: int | None = None
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class RowSnapshot:
    """An existing task or indicator as the diff compares it: its id and its fields as text."""

    id: int
    values: dict[str, str]


@dataclass
class ImportPreview:
    parse: AppendixParse
    directive_id: int | None  # the target directive; None = create it from the title
    directive_number: str
    tasks: list[PreviewTask]
    indicators: list[PreviewIndicator]
    reference: date
    existing_tasks: list[RowSnapshot] = field(default_factory=list, repr=False)
    existing_indicators: list[RowSnapshot] = field(default_factory=list, repr=False)
    # the trích yếu of a directive the commit creates: read from the title, or typed by the officer
    directive_subject: str = ""
    # the column roles and sheet kinds the parse used (the user's and the remembered ones)
    choices: ColumnChoices = field(default_factory=ColumnChoices)
    # the target directive's issuing date: the registered one's, else the title's, else the one
    # the officer gives (`--date`) for a directive the commit creates; None when nobody knows it
    directive_date: date | None = None

    def unanchored(self) -> list[PreviewTask]:
        """Recurring tasks ("Hằng năm", "Định kỳ 6 tháng") with nothing to count from: neither
        their own words ("từ năm 2026") nor the directive's date say when they start."""
        if self.directive_date is not None:
            return []
        return [
            t
            for t in self.tasks
            if t.parsed.deadline.recurrence is not None and t.parsed.deadline.recurrence.start is None
        ]

    def anchor_note(self, today: date) -> str:
        """What the officer must be told about those tasks: they count from the import date."""
        tasks = self.unanchored()
        if not tasks:
            return ""
        words = ", ".join(dict.fromkeys(f"«{t.parsed.deadline_text}»" for t in tasks[:20]))
        return (
            f"Văn bản {self.directive_number or ''} chưa có ngày ban hành: {len(tasks)} nhiệm vụ định kỳ "
            f"({words}) chưa có mốc bắt đầu, sẽ tính từ ngày nhập {today:%d/%m/%Y}. Hãy ghi ngày ban hành "
            "của văn bản (dòng lệnh: --date dd/mm/yyyy) để tính từ ngày đó."
        ).replace("Văn bản  ", "Văn bản ")

    @property
    def unknown(self) -> list[Match]:
        return self.parse.unknown_names

    @property
    def issue_count(self) -> int:
        return len(self.parse.issues)

    def default_decisions(self) -> dict[str, Decision]:
        """Accept the parse as it stands: every unknown name becomes a new agency."""
        return {fold(m.written): Decision(create=True) for m in self.unknown}

    def former_names(self) -> list[Match]:
        """Unknown names the catalogue records as former names, each with its proposed successor."""
        return [m for m in self.unknown if m.proposed]

    def count(self, status: RowStatus) -> tuple[int, int]:
        return (
            sum(t.status is status for t in self.tasks),
            sum(i.status is status for i in self.indicators),
        )


@dataclass
class ImportResult:
    directive_id: int
    directive_number: str
    created_directive: bool
    tasks_added: int = 0
    tasks_updated: int = 0
    tasks_unchanged: int = 0
    indicators_added: int = 0
    indicators_updated: int = 0
    indicators_unchanged: int = 0
    agencies_created: list[str] = field(default_factory=list)
    aliases_added: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """What the import did, in Vietnamese, for the CLI and the window."""
        lines = [
            ("Đã tạo văn bản " if self.created_directive else "Văn bản ") + f"{self.directive_number}.",
            f"Nhiệm vụ: thêm {self.tasks_added}, cập nhật {self.tasks_updated}, "
            f"giữ nguyên {self.tasks_unchanged}.",
            f"Chỉ tiêu: thêm {self.indicators_added}, cập nhật {self.indicators_updated}, "
            f"giữ nguyên {self.indicators_unchanged}.",
        ]
        if self.agencies_created:
            lines.append(f"Cơ quan mới: {len(self.agencies_created)} ({', '.join(self.agencies_created)}).")
        if self.aliases_added:
            lines.append(f"Tên gọi khác được ghi nhớ: {', '.join(self.aliases_added)}.")
        return "\n".join(lines)
