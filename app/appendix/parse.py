"""A whole appendix workbook → directive number, tasks, indicators and the issues to decide.

`iter_parse_appendix` is a generator yielding (done, total) so the window can show
progress while it runs off the GUI thread; `parse_appendix` drives it for everyone else.
Nothing here touches a database: agency names are matched against a `Catalogue` value.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.appendix.headers import (
    REQUIRED,
    ROLE_LABELS,
    SEARCH_ROWS,
    ColumnChoices,
    Header,
    Role,
    SheetKind,
    find_header,
    is_numbering_row,
)
from app.appendix.reader import Book, NoteKind, Sheet, read_book
from app.appendix.rows import DataRow, SheetRows, clean_text, iter_rows, to_number
from app.errors import UserError
from app.steps import run_to_end
from models.agency_names import Catalogue, Entry, Match, match_name, split_names, split_roles
from models.deadlines import Deadline, DeadlineKind, parse_deadline
from models.directive_kinds import kind_from_number
from models.legacy_vn_text import Encoding, convert_as, detect_encoding
from models.six_clear import Clarity, TaskFacts, missing
from models.textfold import fold

ENCODING_LABELS = {Encoding.TCVN3: "TCVN3 (.VnTime)", Encoding.VNI: "VNI"}


class IssueKind(StrEnum):
    UNKNOWN_AGENCY = "unknown_agency"
    DEADLINE = "deadline"
    SIX_CLEAR = "six_clear"
    SKIPPED = "skipped"
    LEGACY_FONT = "legacy_font"
    DIRECTIVE = "directive"
    SHEET = "sheet"  # a sheet left out, and why
    CELL = "cell"  # a cell read differently from what it shows: error value, formula, control chars


@dataclass(frozen=True)
class Issue:
    """Something the officer should see before committing; `message` is Vietnamese and complete."""

    kind: IssueKind
    message: str
    file: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    @property
    def place(self) -> str:
        parts = [f"trang «{self.sheet}»"] if self.sheet else []
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"cột {self.column}")
        return ", ".join(parts)


@dataclass
class ParsedTask:
    seq: int
    group: str
    group_title: str
    index_in_group: int
    content: str
    lead: list[Match]
    cooperating: list[Match]
    product: str
    deadline_text: str
    deadline: Deadline
    note: str = ""
    sheet: str = ""
    row: int = 0
    gaps: list[Clarity] = field(default_factory=list)

    @property
    def lead_names(self) -> list[str]:
        return [m.canonical or m.written for m in self.lead]

    @property
    def cooperating_names(self) -> list[str]:
        return [m.canonical or m.written for m in self.cooperating]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "seq": self.seq,
            "group": self.group,
            "group_title": self.group_title,
            "index_in_group": self.index_in_group,
            "content": self.content,
            "lead": "; ".join(self.lead_names),
            "cooperating": self.cooperating_names,
            "product": self.product,
            "deadline_text": self.deadline_text,
            "deadline_kind": self.deadline.kind.value,
        }
        out.update(deadline_fields(self.deadline))
        return out


def deadline_fields(deadline: Deadline) -> dict[str, Any]:
    """The kind-specific part of a deadline in the appendix JSON shape."""
    kind = deadline.kind
    if kind is DeadlineKind.ONCE:
        return {"due": _iso(deadline.due)}
    if kind is DeadlineKind.MILESTONES:
        return {"due": _iso(deadline.due), "milestones": [d.isoformat() for d in deadline.dates]}
    if kind is DeadlineKind.RECURRING and deadline.recurrence is not None:
        return {"recurrence": deadline.recurrence.freq.value, "recurrence_day": deadline.recurrence.day}
    return {}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass
class ParsedIndicator:
    seq: int
    group: str
    group_title: str
    name: str
    unit: str
    baseline: int | float | str | None
    target: int | float | str | None
    lead: list[Match]
    cooperating: list[Match]
    note: str = ""
    sheet: str = ""
    row: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "group": self.group,
            "name": self.name,
            "unit": self.unit,
            "baseline": self.baseline,
            "target": self.target,
            "lead": "; ".join(m.canonical or m.written for m in self.lead),
            "cooperating": [m.canonical or m.written for m in self.cooperating],
        }


@dataclass
class SheetInfo:
    """How one sheet was read: what the preview's column tab and the JSON's "sheets" show."""

    name: str
    kind: SheetKind
    header_row: int | None  # 1-based first header row; None without a header of its own
    rows: int = 0
    columns: dict[Role, str] = field(default_factory=dict)  # role → header words
    ignored_columns: list[str] = field(default_factory=list)
    warning: str | None = None  # why the sheet (or part of it) was not imported
    header: Header | None = field(default=None, repr=False)
    continues: str = ""  # the sheet whose table this header-less sheet continues
    imported: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind.value,
            "header_row": self.header_row,
            "columns": {role.value: text for role, text in self.columns.items()},
            "ignored_columns": list(self.ignored_columns),
            "warning": self.warning,
        }


@dataclass
class AppendixParse:
    path: Path
    directive_number: str
    directive_date: date | None
    directive_kind: str | None
    tasks: list[ParsedTask]
    indicators: list[ParsedIndicator]
    issues: list[Issue]
    catalogue: Catalogue
    sheets: list[SheetInfo] = field(default_factory=list)
    encoding: Encoding | None = None
    reader: str = ""
    directive_subject: str = ""  # the trích yếu after "về" in the title line; "" when it has none

    @property
    def unknown_names(self) -> list[Match]:
        """Every distinct written name that matched no agency or group, in order of appearance."""
        seen: dict[str, Match] = {}
        parties = [m for t in self.tasks for m in (*t.lead, *t.cooperating)]
        parties += [m for i in self.indicators for m in (*i.lead, *i.cooperating)]
        for m in parties:
            if m.canonical is None:
                seen.setdefault(fold(m.written), m)
        return list(seen.values())

    def to_json(self, include_issues: bool = False) -> dict[str, Any]:
        """Exactly the shape of KH125-phu-luc.expected.json (issues only on request)."""
        out: dict[str, Any] = {
            "directive": self.directive_number,
            "tasks": [t.to_json() for t in self.tasks],
            "indicators": [i.to_json() for i in self.indicators],
            "agencies": {e.name: list(e.aliases) for e in self.catalogue.entries if not e.is_group},
            "agency_groups": [e.name for e in self.catalogue.entries if e.is_group],
            "sheets": [info.to_json() for info in self.sheets],
        }
        if include_issues:
            out["issues"] = [
                {
                    "kind": i.kind.value,
                    "sheet": i.sheet,
                    "row": i.row,
                    "column": i.column,
                    "message": i.message,
                }
                for i in self.issues
            ]
        return out


# ----------------------------------------------------------------------------- the title

_NUMBER = re.compile(r"\bs[ốo]\s*:?\s*(\d+[\w./\-]*\w)", re.IGNORECASE)
_DATE_SLASH = re.compile(r"ngày\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", re.IGNORECASE)
_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_ATTACHED = re.compile(r"kèm theo|ban hành kèm|phụ lục", re.IGNORECASE)
# "Kế hoạch số:      /KH-UBND", "số …/KH-UBND", "số ....../QĐ-UBND": the first number left blank
_BLANK_NUMBER = re.compile(r"^[^0-9]*?\bs[ốo]\s*:?[\s._…]*/\s*[A-ZĐ]", re.IGNORECASE)


def read_title(texts: list[str]) -> tuple[str, date | None]:
    """The directive number and date from a title like "(Kèm theo Kế hoạch số 125/KH-BCĐ ngày 10/4/2026…)"."""
    ordered = sorted(texts, key=lambda t: 0 if _ATTACHED.search(t) else 1)
    for text in ordered:
        if _ATTACHED.search(text) and _BLANK_NUMBER.search(text):
            return "", None  # a draft: its own number left blank, a later "số 57-NQ/TW" is cited
        match = _NUMBER.search(text)
        if match is None or ("/" not in match.group(1) and "-" not in match.group(1)):
            continue
        number = match.group(1).rstrip(".-/")
        rest = text[match.end() :]
        when: date | None = None
        found = _DATE_SLASH.search(rest) or _DATE_WORDS.search(rest)
        if found:
            day, month, year = (int(x) for x in found.groups())
            try:
                when = date(year, month, day)
            except ValueError:
                when = None
        return number, when
    return "", None


_ABOUT = re.compile(r"\bvề\s+(.+)", re.IGNORECASE)


def read_subject(texts: list[str]) -> str:
    """The directive's subject from "(Kèm theo Kế hoạch số 125/KH-BCĐ ngày … của … về <subject>)".

    Only the "về …" part of the line that attaches the appendix is a subject; a title without it
    gives "" (the appendix's own heading is not the directive's subject).
    """
    for text in texts:
        number = _NUMBER.search(text)
        if number is None or not _ATTACHED.search(text):
            continue
        found = _ABOUT.search(text[number.end() :])
        if found:
            subject = found.group(1).strip().rstrip(").;").strip()
            if subject:
                return subject[:1].upper() + subject[1:]
    return ""


def _title_texts(sheet: Sheet, header: Header | None) -> list[str]:
    last = header.first_row if header is not None else min(sheet.height, 12)
    return [clean_text(v).replace("\n", " ") for row in sheet.rows[:last] for v in row if isinstance(v, str)]


# ----------------------------------------------------------------------------- the parse


def _convert_legacy(book: Book) -> Encoding | None:
    encoding = detect_encoding(v for s in book.sheets for row in s.rows for v in row if isinstance(v, str))
    if encoding is None:
        return None
    for s in book.sheets:
        for row in s.rows:
            for c, v in enumerate(row):
                if isinstance(v, str):
                    row[c] = convert_as(v, encoding)
    return encoding


def _column_letter(col: int | None) -> str:
    if col is None:
        return ""
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)


class _Names:
    """Split and match each distinct cell text once: big appendices repeat the same few cells."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._cells: dict[str, list[Match]] = {}

    def parties(self, text: str) -> list[Match]:
        if not text:
            return []
        found = self._cells.get(text)
        if found is None:
            found = [match_name(n, self.catalogue) for n in split_names(text, self.catalogue)]
            self._cells[text] = found
        return found


KIND_WORDS = {SheetKind.TASKS: "nhiệm vụ", SheetKind.INDICATORS: "chỉ tiêu"}
NOTE_WORDS = {
    NoteKind.ERROR: "ô {cell} có giá trị lỗi {detail}, không nhập thành chữ; hãy sửa công thức trong Excel",
    NoteKind.FORMULA: "ô {cell} là công thức chưa có giá trị: mở và lưu lại tệp trong Excel",
}
MAX_CELL_ISSUES = 20  # per sheet and kind; the rest are counted in one line


def _missing_column(header: Header) -> str | None:
    """Why a task or indicator table cannot be read, or None when it can."""
    if header.kind is SheetKind.OTHER:
        return None
    for role in REQUIRED[header.kind]:
        if role not in header.columns:
            return (
                f"bảng {KIND_WORDS[header.kind]} (tiêu đề ở dòng {header.first_row + 1}) "
                f"thiếu cột «{ROLE_LABELS[role]}»"
            )
    return None


def _continuation(sheet: Sheet, previous: Header) -> Header | None:
    """`previous`'s table going on in a sheet with no header of its own (a table cut in two).

    The sheet continues it when its first rows read as data in the previous sheet's columns:
    words in the content column and something in another column the table uses, not a title.
    """
    main = previous.columns.get(Role.CONTENT if previous.kind is not SheetKind.INDICATORS else Role.NAME)
    if main is None or main >= sheet.width:
        return None
    others = [c for r, c in previous.columns.items() if r not in (Role.STT, Role.CONTENT, Role.NAME)]
    looked = data_like = 0
    for r in range(min(sheet.height, SEARCH_ROWS)):
        values = [v for v in sheet.rows[r] if v is not None]
        if not values or is_numbering_row(sheet, r):
            continue
        looked += 1
        text = clean_text(sheet.value(r, main))
        if text and not text.isdigit() and any(sheet.value(r, c) is not None for c in others):
            data_like += 1
        if looked >= 5:
            break
    if not looked or data_like * 2 < looked:
        return None
    return Header(
        sheet.name,
        previous.kind,
        0,
        -1,
        dict(previous.columns),
        dict(previous.texts),
        dict(previous.keys),
        previous.guessed_kind,
    )


def _cell_issues(sheet: Sheet, file: str) -> list[Issue]:
    """The reader's notes on this sheet as issues: each error value and empty formula by its cell,
    control characters in one line."""
    out: list[Issue] = []
    for kind in (NoteKind.ERROR, NoteKind.FORMULA):
        notes = [n for n in sheet.notes if n.kind is kind]
        for note in notes[:MAX_CELL_ISSUES]:
            words = NOTE_WORDS[kind].format(cell=note.cell, detail=note.detail)
            out.append(
                Issue(IssueKind.CELL, words[:1].upper() + words[1:] + ".", file, sheet.name, note.row + 1)
            )
        if len(notes) > MAX_CELL_ISSUES:
            out.append(
                Issue(
                    IssueKind.CELL,
                    f"Còn {len(notes) - MAX_CELL_ISSUES} ô khác như vậy trên trang này.",
                    file,
                    sheet.name,
                )
            )
    control = [n for n in sheet.notes if n.kind is NoteKind.CONTROL]
    if control:
        cells = ", ".join(n.cell for n in control[:10]) + (", …" if len(control) > 10 else "")
        out.append(
            Issue(
                IssueKind.CELL,
                f"Đã bỏ các ký tự điều khiển (ký tự ẩn, thường do tệp .xls cũ) ở {len(control)} ô: {cells}.",
                file,
                sheet.name,
            )
        )
    return out


def _guess_issues(header: Header, file: str) -> list[Issue]:
    """A column whose role was guessed from weak words (a lone "Năm 2026" as the target)."""
    out = []
    for role, col in header.guesses.items():
        text = header.texts.get(col, "")
        out.append(
            Issue(
                IssueKind.SHEET,
                f"Cột «{text}» được đoán là «{ROLE_LABELS[role]}» (bảng chỉ có một cột số liệu, "
                "không ghi rõ «Mục tiêu» hay «Chỉ tiêu năm …»); nếu đó là số liệu đã đạt (năm gốc), "
                f'hãy chọn vai trò ở thẻ «Cột» hoặc ghi --map "{text}=baseline".',
                file,
                header.sheet,
                header.first_row + 1,
                _column_letter(col),
            )
        )
    return out


def read_sheets(
    book: Book, file: str, choices: ColumnChoices | None
) -> tuple[list[tuple[Sheet, Header | None]], list[SheetInfo], list[Issue]]:
    """Each sheet's header (or the table it continues) and how it will be read; one bad sheet
    is a warning, never the end of the file."""
    headers: list[tuple[Sheet, Header | None]] = []
    infos: list[SheetInfo] = []
    issues: list[Issue] = []
    previous: tuple[SheetInfo, Header] | None = None
    for sheet in book.sheets:
        if sheet.refused is not None:  # over a size limit: that sheet alone is left out
            warning = f"trang {sheet.refused.why.rstrip('.')}; trang này không được đọc"
            infos.append(SheetInfo(sheet.name, SheetKind.OTHER, None, warning=warning))
            issues.append(Issue(IssueKind.SHEET, f"Bỏ qua trang: {warning}.", file, sheet.name))
            headers.append((sheet, None))
            previous = None
            continue
        issues += _cell_issues(sheet, file)
        header = find_header(sheet, choices)
        continues = ""
        if header is None and previous is not None:
            header = _continuation(sheet, previous[1])
            if header is not None:
                continues = previous[0].name
                if choices is not None and sheet.name in choices.kinds:
                    header.kind = choices.kinds[sheet.name]
        if header is None:
            headers.append((sheet, None))
            previous = None
            if any(v is not None for row in sheet.rows for v in row):
                warning = "không có bảng nhiệm vụ hay chỉ tiêu nhận ra được; bỏ qua trang này"
                infos.append(SheetInfo(sheet.name, SheetKind.OTHER, None, warning=warning))
                issues.append(
                    Issue(IssueKind.SKIPPED, warning[:1].upper() + warning[1:] + ".", file, sheet.name)
                )
            else:
                infos.append(SheetInfo(sheet.name, SheetKind.OTHER, None))
            continue
        info = SheetInfo(
            sheet.name,
            header.kind,
            None if continues else header.first_row + 1,
            columns=header.role_headers(),
            ignored_columns=[header.texts[c] for c in header.ignored],
            header=header,
            continues=continues,
        )
        infos.append(info)
        if continues:
            info.warning = None
        missing = _missing_column(header)
        if header.kind is SheetKind.OTHER:
            info.warning = (
                "bảng không phải nhiệm vụ hay chỉ tiêu (cột "
                + ", ".join(f"«{t}»" for t in list(header.texts.values())[:4])
                + "); không nhập, trừ khi chọn loại bảng ở thẻ «Cột»"
            )
            issues.append(Issue(IssueKind.SHEET, f"Bỏ qua trang: {info.warning}.", file, sheet.name))
            headers.append((sheet, None))
        elif missing is not None:
            info.warning = f"{missing}; trang này không được nhập (chọn vai trò cột ở thẻ «Cột»)"
            issues.append(Issue(IssueKind.SHEET, f"Bỏ qua trang: {info.warning}.", file, sheet.name))
            headers.append((sheet, None))
        else:
            headers.append((sheet, header))
            info.imported = True
            issues += _guess_issues(header, file)
        previous = (info, header)
    return headers, infos, issues


def iter_parse_appendix(
    path: Path,
    catalogue: Catalogue,
    reference_date: date | None = None,
    choices: ColumnChoices | None = None,
    allow_empty: bool = False,
) -> Generator[tuple[int, int], None, AppendixParse]:
    """Parse an appendix workbook; yields (done, total) progress, returns the `AppendixParse`.

    `choices` are the user's column roles and sheet kinds. A file with nothing to import is a
    `UserError`, unless `allow_empty` (the window, where the user may still choose columns).
    """
    path = Path(path)
    yield 0, 0
    book = read_book(path)
    encoding = _convert_legacy(book)
    file = path.name
    headers, infos, sheet_issues = read_sheets(book, file, choices)
    found = [(s, h) for s, h in headers if h is not None]
    if not any(info.header is not None for info in infos):
        sheet_names = ", ".join(f"«{s.name}»" for s in book.sheets)
        raise UserError(
            f"Tệp «{file}»: không tìm thấy dòng tiêu đề của bảng nhiệm vụ hay chỉ tiêu trong "
            f"{SEARCH_ROWS} dòng đầu của trang {sheet_names}. Bảng cần có các cột như «TT», "
            "«Nội dung nhiệm vụ», «Chủ trì», «Thời gian hoàn thành» (hoặc «Chỉ tiêu», «Đơn vị tính»)."
        )
    if not found and not allow_empty:
        warned = next(i for i in infos if i.warning is not None and i.header is not None)
        reason = (warned.warning or "").split(";")[0]
        raise UserError(f"Tệp «{file}», trang «{warned.name}»: {reason}.")

    issues: list[Issue] = []
    if encoding is not None:
        issues.append(
            Issue(
                IssueKind.LEGACY_FONT,
                f"Bảng tính gõ bằng phông {ENCODING_LABELS[encoding]}; chữ đã được chuyển sang Unicode, "
                "hãy xem lại trước khi nhập.",
                file,
            )
        )
    issues += sheet_issues
    number, when, subject = "", None, ""
    for sheet, info in zip(book.sheets, infos, strict=True):
        texts = _title_texts(sheet, info.header if not info.continues else None)
        number, when = read_title(texts)
        if number:
            subject = read_subject(texts)
            break
    if not number:
        issues.append(
            Issue(
                IssueKind.DIRECTIVE,
                "Không đọc được số văn bản từ tiêu đề phụ lục (dòng «Kèm theo Kế hoạch số …»); "
                "hãy chọn văn bản giao nhiệm vụ.",
                file,
            )
        )
    reference = reference_date or when or date.today()

    total = sum(max(s.height - h.data_start, 0) for s, h in found) or 1
    done = 0
    per_sheet: list[tuple[Sheet, Header, SheetRows]] = []
    by_name = {info.name: info for info in infos}
    group_after: dict[str, tuple[str, str]] = {}
    for sheet, header in found:
        info = by_name[sheet.name]
        walker = iter_rows(sheet, header, group_after.get(info.continues, ("", "")))
        while True:
            try:
                seen = next(walker)
            except StopIteration as stop:
                result: SheetRows = stop.value
                break
            yield done + seen, total
        done += max(sheet.height - header.data_start, 0)
        group_after[sheet.name] = result.last_group
        per_sheet.append((sheet, header, result))
        info.rows = len(result.rows)
        for skipped in result.skipped:
            issues.append(
                Issue(IssueKind.SKIPPED, f"Bỏ qua: {skipped.reason}.", file, sheet.name, skipped.row)
            )

    names = _Names(catalogue)
    tasks: list[ParsedTask] = []
    indicators: list[ParsedIndicator] = []
    for _sheet, header, result in per_sheet:
        if header.kind is SheetKind.TASKS:
            _tasks(result.rows, header, names, reference, number, file, tasks, issues)
        else:
            _indicators(result.rows, header, names, file, indicators, issues)
    if not tasks and not indicators and not allow_empty:
        raise UserError(f"Tệp «{file}»: không có dòng nhiệm vụ hay chỉ tiêu nào dưới dòng tiêu đề.")
    yield total, total
    return AppendixParse(
        path=path,
        directive_number=number,
        directive_date=when,
        directive_kind=kind_from_number(number) if number else None,
        tasks=tasks,
        indicators=indicators,
        issues=issues,
        catalogue=catalogue,
        sheets=infos,
        encoding=encoding,
        reader=book.reader,
        directive_subject=subject,
    )


def parse_appendix(
    path: Path,
    catalogue: Catalogue,
    reference_date: date | None = None,
    choices: ColumnChoices | None = None,
) -> AppendixParse:
    """Parse without progress reporting (the CLI, the service, tests)."""
    return run_to_end(iter_parse_appendix(path, catalogue, reference_date, choices))


def _unknown_issues(
    parties: list[Match], role: Role, row: DataRow, header: Header, file: str, issues: list[Issue]
) -> None:
    for m in parties:
        if m.canonical is not None:
            continue
        near = ", ".join(f"«{name}»" for name, _ in m.candidates[:3])
        hint = f" Gần giống: {near}." if near else ""
        if m.note:  # a former name (2025 reorganisation) or a district-level body
            proposal = f"; đề xuất «{m.proposed}» (cần xác nhận)" if m.proposed else ""
            hint = f" Đây là {m.note}{proposal}.{hint}"
        issues.append(
            Issue(
                IssueKind.UNKNOWN_AGENCY,
                f"Chưa có cơ quan «{m.written}» trong danh mục.{hint}",
                file,
                row.sheet,
                row.row,
                _column_letter(header.columns.get(role)),
            )
        )


# An Excel date serial shown as a bare number (46295 is 30/9/2026): 1/1/2000 to 31/12/2099 only,
# so a year ("2026") or a count is never read as a date.
EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_FIRST, SERIAL_LAST = 36526, 73050


def _parties(row: DataRow, names: _Names) -> tuple[list[Match], list[Match]]:
    """Lead and cooperating agencies; a lead cell that spells out "chủ trì … phối hợp …" is split."""
    lead_text, coop_text = row.text(Role.LEAD), row.text(Role.COOPERATING)
    roles = split_roles(lead_text)
    if roles is not None and roles[0]:
        lead_text = roles[0]
        coop_text = "\n".join(t for t in (roles[1], coop_text) if t)
    return names.parties(lead_text), names.parties(coop_text)


def deadline_from_cell(value: Any, reference: date | None) -> Deadline:
    """A deadline from its cell: a real date cell is a one-off date, text goes to the phrase rules."""
    if isinstance(value, datetime):
        value = value.date()
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and SERIAL_FIRST <= value <= SERIAL_LAST
        and float(value).is_integer()
    ):
        value = EXCEL_EPOCH + timedelta(days=int(value))  # a date typed into a "General" cell
    if isinstance(value, date):
        return Deadline(clean_text(value), DeadlineKind.ONCE, dates=(value,))
    return parse_deadline(" ".join(clean_text(value).split()), reference)


def _tasks(
    rows: list[DataRow],
    header: Header,
    names: _Names,
    reference: date,
    number: str,
    file: str,
    tasks: list[ParsedTask],
    issues: list[Issue],
) -> None:
    index_in_group = 0
    current_group: tuple[str, str] | None = None
    for row in rows:
        if (row.group, row.group_title) != current_group:
            current_group = (row.group, row.group_title)
            index_in_group = 0
        index_in_group += 1
        lead, coop = _parties(row, names)
        lead_keys = {fold(m.canonical or m.written) for m in lead}
        coop = [m for m in coop if fold(m.canonical or m.written) not in lead_keys]
        deadline = deadline_from_cell(row.cells.get(Role.DEADLINE), reference)
        task = ParsedTask(
            seq=len(tasks) + 1,
            group=row.group,
            group_title=row.group_title,
            index_in_group=index_in_group,
            content=row.text(Role.CONTENT),
            lead=lead,
            cooperating=coop,
            product=row.text(Role.PRODUCT),
            deadline_text=deadline.text,
            deadline=deadline,
            note=row.text(Role.NOTE),
            sheet=row.sheet,
            row=row.row,
        )
        tasks.append(task)
        _unknown_issues(lead, Role.LEAD, row, header, file, issues)
        _unknown_issues(coop, Role.COOPERATING, row, header, file, issues)
        if deadline.kind is DeadlineKind.UNKNOWN and deadline.text:
            issues.append(
                Issue(
                    IssueKind.DEADLINE,
                    f"Không hiểu thời hạn «{deadline.text}»; hãy sửa lại (ví dụ «30/6/2026», «Quý II/2026», "
                    "«Hằng tháng»).",
                    file,
                    row.sheet,
                    row.row,
                    _column_letter(header.columns.get(Role.DEADLINE)),
                )
            )
        refresh_gaps(task, number or "?")
        if task.gaps:
            issues.append(
                Issue(
                    IssueKind.SIX_CLEAR,
                    f"Nhiệm vụ {task.seq} chưa đủ «06 rõ»: thiếu "
                    + ", ".join(g.value for g in task.gaps)
                    + ".",
                    file,
                    row.sheet,
                    row.row,
                )
            )


def refresh_gaps(task: ParsedTask, directive_number: str) -> None:
    """The task's "06 rõ" gaps (authority is the directive's, judged once for the whole file)."""
    facts = TaskFacts(
        content=task.content,
        lead_count=len(task.lead),
        lead_is_group=any(m.is_group for m in task.lead),
        deadline_kind=task.deadline.kind,
        product=task.product,
        directive_number=directive_number,
    )
    task.gaps = [g for g in missing(facts) if g is not Clarity.THAM_QUYEN]


def _indicators(
    rows: list[DataRow],
    header: Header,
    names: _Names,
    file: str,
    indicators: list[ParsedIndicator],
    issues: list[Issue],
) -> None:
    for row in rows:
        lead, coop = _parties(row, names)
        lead_keys = {fold(m.canonical or m.written) for m in lead}
        coop = [m for m in coop if fold(m.canonical or m.written) not in lead_keys]
        indicators.append(
            ParsedIndicator(
                seq=len(indicators) + 1,
                group=row.group,
                group_title=row.group_title,
                name=row.text(Role.NAME),
                unit=row.text(Role.UNIT),
                baseline=to_number(row.cells.get(Role.BASELINE)),
                target=to_number(row.cells.get(Role.TARGET)),
                lead=lead,
                cooperating=coop,
                note=row.text(Role.NOTE),
                sheet=row.sheet,
                row=row.row,
            )
        )
        _unknown_issues(lead, Role.LEAD, row, header, file, issues)
        _unknown_issues(coop, Role.COOPERATING, row, header, file, issues)


def load_catalogue(path: Path) -> Catalogue:
    """A catalogue workbook (name | aliases | kind) plus the default agency groups, without a database."""
    from app.appendix.catalogue_file import DEFAULT_GROUPS, default_group_entries, read_catalogue

    entries = [Entry(name, tuple(aliases), False, kind.value) for name, aliases, kind in read_catalogue(path)]
    entries += default_group_entries(DEFAULT_GROUPS)
    return Catalogue(entries)


def default_catalogue() -> Catalogue:
    """The catalogue shipped with the program (resources/sample/danh-muc-co-quan.xlsx)."""
    from app.paths import resource

    return load_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
