"""Find the header of a sheet and what each column holds, whatever the wording and layout.

Appendices put their header anywhere in the first rows, after any number of title lines,
in one level or two (a merged "Cơ quan thực hiện" over "Chủ trì" | "Phối hợp"), with
columns in any order and many wordings. Each header cell is classified by a list of
patterns (most specific first), and the row that names the most distinct roles wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.appendix.reader import Sheet
from models.textfold import fold

SEARCH_ROWS = 25
MAX_HEADER_TEXT = 120


class Role(StrEnum):
    STT = "stt"
    CONTENT = "content"
    LEAD = "lead"
    COOPERATING = "cooperating"
    AGENCIES = "agencies"  # "Cơ quan thực hiện" with no sub-columns: read as the lead
    PRODUCT = "product"
    DEADLINE = "deadline"
    NOTE = "note"
    NAME = "name"
    UNIT = "unit"
    BASELINE = "baseline"
    TARGET = "target"
    YEAR = "year"  # a bare "Năm 2025": baseline or target, decided by the other columns
    GROUP = "group"  # a column naming each row's group ("Lĩnh vực"); only when the user says so


class SheetKind(StrEnum):
    TASKS = "tasks"
    INDICATORS = "indicators"
    OTHER = "other"  # a table of something else (investment projects…): left out unless chosen


ROLE_LABELS: dict[Role, str] = {
    Role.STT: "TT",
    Role.CONTENT: "Nội dung nhiệm vụ",
    Role.LEAD: "Chủ trì",
    Role.COOPERATING: "Phối hợp",
    Role.AGENCIES: "Cơ quan thực hiện",
    Role.PRODUCT: "Sản phẩm",
    Role.DEADLINE: "Thời gian hoàn thành",
    Role.NOTE: "Ghi chú",
    Role.NAME: "Chỉ tiêu",
    Role.UNIT: "Đơn vị tính",
    Role.BASELINE: "Thực hiện năm trước",
    Role.TARGET: "Chỉ tiêu (mục tiêu)",
    Role.YEAR: "Năm",
    Role.GROUP: "Nhóm",
}

REQUIRED: dict[SheetKind, tuple[Role, ...]] = {
    SheetKind.TASKS: (Role.CONTENT, Role.LEAD),
    SheetKind.INDICATORS: (Role.NAME, Role.TARGET),
}

# Order matters: the first pattern that matches names the column.
_PATTERNS: tuple[tuple[Role, re.Pattern[str]], ...] = tuple(
    (role, re.compile(p))
    for role, p in (
        (Role.STT, r"^(?:s ?tt|tt|so tt|so thu tu|thu tu)$"),
        (Role.UNIT, r"^(?:don vi tinh|dvt|don vi do|don vi)$"),
        (Role.LEAD, r"chu tri|dau moi|co quan (?:duoc )?giao chinh|(?:co quan|don vi) (?:theo doi|quan ly)"),
        (Role.COOPERATING, r"phoi hop"),
        (Role.DEADLINE, r"thoi gian|thoi han|tien do|han hoan thanh|moc hoan thanh|^han$|^thoi diem"),
        (Role.PRODUCT, r"san pham|dau ra|hinh thuc (?:van ban|san pham)|^ket qua$|ket qua du kien"),
        (Role.NOTE, r"ghi chu"),
        (
            Role.BASELINE,
            r"(?:thuc hien|uoc thuc hien|uoc dat|ket qua|hien trang|so lieu|co so|nam truoc).*\d{4}"
            r"|^(?:hien trang|gia tri co so|nam co so|nam goc|so lieu goc|thuc hien|co so"
            r"|uoc thuc hien|uoc dat)$",
        ),
        (
            Role.TARGET,
            r"(?:chi tieu|muc tieu|ke hoach|phan dau|gia tri muc tieu).*(?:\d{4}|nam)"
            r"|^(?:muc tieu|chi tieu phan dau|gia tri muc tieu|ke hoach|phan dau|gia tri)$",
        ),
        (Role.YEAR, r"^nam \d{4}$|^\d{4}$"),
        (Role.NAME, r"^(?:ten )?chi tieu$|ten chi tieu|noi dung chi tieu|^chi tieu\b"),
        (Role.AGENCIES, r"^(?:co quan|don vi)(?: thuc hien| phu trach| duoc giao| trien khai)?$|phan cong"),
        (Role.CONTENT, r"noi dung|nhiem vu|cong viec|giai phap|hoat dong|ten de an|ten du an"),
    )
)
_COUNT = re.compile(r"^(?:tong so|so luong|so) (?:nhiem vu|cong viec|chi tieu|de an|hoat dong)")
_START = re.compile(r"^(?:thoi gian |ngay |thoi diem )?(?:bat dau|tu|tu ngay|khoi cong|trien khai)$")
_PAREN = re.compile(r"\([^)]*\)")
_PUNCT = re.compile(r"[^\w\s]+")
_NUMBERING_CELL = re.compile(r"^\(?\s*[0-9a-z]{1,2}\s*\)?$|^\([0-9a-z+\-*/=x ().,]+\)$", re.IGNORECASE)


def header_text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def classify(text: str) -> Role | None:
    """The role of a column from its header wording, or None for an unrelated cell."""
    if not text or len(text) > MAX_HEADER_TEXT:
        return None
    key = fold(_PAREN.sub(" ", text)) or fold(text)
    key = " ".join(_PUNCT.sub(" ", key).split())
    if _COUNT.match(key):
        return None  # "Số nhiệm vụ được giao" counts tasks (a summary sheet), it does not name one
    for role, pattern in _PATTERNS:
        if pattern.search(key):
            return role
    return None


def header_key(text: str) -> str:
    """How a header is compared with the user's choices: folded, spaces collapsed."""
    return " ".join(fold(text).split())


@dataclass(frozen=True)
class ColumnChoices:
    """What the user said about columns and sheets; beats anything the importer would guess.

    `roles` maps a header (by `header_key`) to its role, None to ignore the column; it holds
    for every sheet with that header. `kinds` maps a sheet name to what its table is.
    `remembered` holds the choices saved for earlier workbooks, by header signature.
    """

    roles: dict[str, Role | None] = field(default_factory=dict)
    kinds: dict[str, SheetKind] = field(default_factory=dict)
    remembered: dict[str, SheetChoice] = field(default_factory=dict)


@dataclass(frozen=True)
class SheetChoice:
    """The choices remembered for one header layout (see `Header.signature`)."""

    roles: dict[str, Role | None] = field(default_factory=dict)
    kind: SheetKind | None = None


@dataclass
class Header:
    """Where a sheet's header is and what each column holds (0-based rows and columns)."""

    sheet: str
    kind: SheetKind
    first_row: int
    last_row: int  # the last header row (== first_row for a one-level header)
    columns: dict[Role, int]
    texts: dict[int, str] = field(default_factory=dict)  # every column with header words
    keys: dict[int, set[str]] = field(default_factory=dict)  # column → header_keys a choice may name
    guessed_kind: SheetKind | None = None  # the kind before any choice of the user's
    chosen: set[int] = field(default_factory=set)  # columns whose role the user set
    guesses: dict[Role, int] = field(default_factory=dict)  # roles read from weak words: to confirm

    @property
    def data_start(self) -> int:
        return self.last_row + 1

    @property
    def signature(self) -> str:
        """The header words in column order: the same layout in another workbook has the same."""
        return " | ".join(header_key(self.texts[c]) for c in sorted(self.texts))

    @property
    def ignored(self) -> list[int]:
        """Columns with a header that feed no field, in sheet order."""
        used = set(self.columns.values())
        return [c for c in sorted(self.texts) if c not in used]

    def role_headers(self) -> dict[Role, str]:
        ordered = sorted(self.columns.items(), key=lambda rc: rc[1])
        return {role: self.texts.get(col, "") for role, col in ordered}


def _row_roles(sheet: Sheet, row: int, sub_row: int | None) -> tuple[dict[int, Role], dict[int, str]]:
    """Each column's role (where its words name one) and every column's header words."""
    roles: dict[int, Role] = {}
    texts: dict[int, str] = {}
    for col in range(sheet.width):
        top = header_text(sheet.spanned(row, col))
        sub = header_text(sheet.spanned(sub_row, col)) if sub_row is not None else ""
        role: Role | None = None
        text = (f"{top} – {sub}" if top else sub) if sub and sub != top else top
        if text:
            texts[col] = text
        if sub and sub != top and _START.match(fold(sub)):
            continue  # "Thời gian" – "Bắt đầu": the deadline is the other sub-column
        if sub and sub != top:
            role = classify(sub) or classify(f"{top} {sub}")
        if role is None:
            role = classify(top)
        if role is not None:
            roles[col] = role
    return roles, texts


def _merged_across(sheet: Sheet, row: int, col: int) -> bool:
    """Is (row, col) part of a range merged across several columns of that row?"""
    origin = sheet.merge_origin(row, col)
    return (origin is not None and origin[0] == row) or sheet.merge_origin(row, col + 1) == (row, col)


def _is_sub_header(sheet: Sheet, row: int) -> bool:
    """Is `row + 1` a second header level (Chủ trì | Phối hợp) rather than the first data row?"""
    below = row + 1
    if below >= sheet.height:
        return False
    found = 0
    under_merge = False
    for col in range(sheet.width):
        value = sheet.value(below, col)
        if value is None:
            continue
        if not isinstance(value, str):
            return False  # a number or a date: data
        if sheet.merge_origin(below, col) is not None or value == sheet.spanned(row, col):
            continue  # the upper cell merged down, not a header of its own
        spread = _merged_across(sheet, row, col)
        if classify(header_text(value)) is None:
            if spread:
                continue  # "Bắt đầu" under "Thời gian thực hiện": a sub-column of a known one
            return False
        found += 1
        under_merge = under_merge or spread
    # One lone header-like cell ("NHIỆM VỤ CHUNG", a group title in capitals) is data, unless
    # it sits under a cell merged across columns, as "Chủ trì" under "Cơ quan thực hiện".
    return found >= 2 or (found == 1 and under_merge)


def _kind(roles: set[Role]) -> SheetKind | None:
    indicator_side = len(roles & {Role.UNIT, Role.BASELINE, Role.TARGET, Role.YEAR}) + 2 * (
        Role.NAME in roles
    )
    task_side = len(roles & {Role.PRODUCT, Role.DEADLINE}) + (Role.CONTENT in roles)
    if not (roles & {Role.CONTENT, Role.NAME}):
        return None
    if indicator_side > task_side:
        return SheetKind.INDICATORS
    return SheetKind.TASKS


# Words of columns that tables of tasks and indicators do not have: investment projects,
# works, enterprises. Two of them (or one beside a "Tên dự án" column) make a table "other".
_OTHER_MARKS = re.compile(
    r"nha dau tu|chu dau tu|tong muc dau tu|tong von dau tu|von dau tu|dia diem|quy mo"
    r"|dien tich|cong suat|ma so thue|dia chi|so dien thoai|von dieu le|nganh nghe"
)
_PROJECT_NAME = re.compile(r"^(?:ten|danh muc) (?:du an|cong trinh|doanh nghiep)")


def _looks_other(texts: dict[int, str]) -> bool:
    keys = [" ".join(_PUNCT.sub(" ", fold(_PAREN.sub(" ", t))).split()) for t in texts.values()]
    marks = sum(bool(_OTHER_MARKS.search(k)) for k in keys)
    return marks >= 2 or (marks >= 1 and any(_PROJECT_NAME.match(k) for k in keys))


# A cell of cross-references ("14, 26", "3; 5 và 7", "1.2") rather than words.
_NUMBER_LIST = re.compile(r"^[\d\s.,;:/()\-–+]*(?:va[\d\s.,;:/()\-–+]*)*$")
CONTENT_SAMPLE = 300


def _cell_profile(sheet: Sheet, col: int, start: int) -> tuple[float, float]:
    """(share of cells that are numbers or lists of numbers, mean length of the others)."""
    numeric = 0
    lengths: list[int] = []
    for r in range(start, min(sheet.height, start + CONTENT_SAMPLE)):
        value = sheet.value(r, col)
        if value is None:
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            numeric += 1
            continue
        text = " ".join(str(value).split())
        if not text:
            continue
        if _NUMBER_LIST.match(fold(text)):
            numeric += 1
        else:
            lengths.append(len(text))
    filled = numeric + len(lengths)
    if not filled:
        return 0.0, 0.0
    return numeric / filled, (sum(lengths) / len(lengths)) if lengths else 0.0


MIN_CONTENT_LENGTH = 15  # mean characters of a column of task wording, against codes and names


def _choose_content(sheet: Sheet, roles: dict[int, Role], start: int) -> None:
    """When several columns could hold the task's words, take the one whose cells are words.

    A "Nhiệm vụ" column of cross-references to the resolution ("14, 26") beside a column of
    real wording ("Kết quả đầu ra") loses to it; the losing column is left unused (and listed).
    """
    named = sorted(c for c, r in roles.items() if r is Role.CONTENT)
    profiles = {c: _cell_profile(sheet, c, start) for c in named}
    wordy = [c for c in named if profiles[c][0] < 0.5]
    if not wordy:
        others = [c for c, r in roles.items() if r is Role.PRODUCT] + [
            c for c in range(sheet.width) if c not in roles
        ]
        for c in others:
            profiles[c] = _cell_profile(sheet, c, start)
        wordy = [c for c in others if profiles[c][0] < 0.5 and profiles[c][1] >= MIN_CONTENT_LENGTH]
    if not wordy:
        return
    best = max(wordy, key=lambda c: (profiles[c][1], -c))
    for c in named:
        if c != best:
            del roles[c]
    roles[best] = Role.CONTENT


def _columns(
    roles: dict[int, Role], kind: SheetKind, guesses: dict[Role, int] | None = None
) -> dict[Role, int]:
    """One column per role. For an indicator table, "Kết quả" (a task table's product) is the
    figure to reach, and a bare "Năm 2025" is the baseline beside a target column; a lone year
    column taken as the target is a guess, recorded in ``guesses`` for the user to confirm."""
    guesses = guesses if guesses is not None else {}
    cols: dict[Role, int] = {}
    for col, role in sorted(roles.items()):
        cols.setdefault(role, col)
    if kind is SheetKind.INDICATORS and Role.TARGET not in cols and Role.PRODUCT in cols:
        cols[Role.TARGET] = cols.pop(Role.PRODUCT)
        if Role.BASELINE not in cols and Role.YEAR not in roles.values():
            guesses[Role.TARGET] = cols[Role.TARGET]  # a lone "Kết quả" may be what was reached
    if kind is SheetKind.INDICATORS and Role.NAME not in cols and Role.CONTENT in cols:
        cols[Role.NAME] = cols.pop(Role.CONTENT)
    if kind is not SheetKind.INDICATORS and Role.CONTENT not in cols and Role.NAME in cols:
        cols[Role.CONTENT] = cols.pop(Role.NAME)
    if Role.LEAD not in cols and Role.AGENCIES in cols:
        cols[Role.LEAD] = cols[Role.AGENCIES]
    cols.pop(Role.AGENCIES, None)
    years = sorted(
        (col for col, role in roles.items() if role is Role.YEAR),
        key=lambda c: c,
    )
    if kind is SheetKind.INDICATORS and years:
        if Role.TARGET not in cols:
            cols[Role.TARGET] = years.pop()
            if not years and Role.BASELINE not in cols:
                guesses[Role.TARGET] = cols[Role.TARGET]  # one year, nothing to tell it from
        if Role.BASELINE not in cols and years:
            # beside a target, a year column is what was reached: the latest before the target
            before = [c for c in years if c < cols[Role.TARGET]] or years
            cols[Role.BASELINE] = before[-1]
    cols.pop(Role.YEAR, None)
    used = ROLES_OF_KIND.get(kind)
    return {r: c for r, c in cols.items() if used is None or r in used}


# The fields each kind of table fills, in the order the preview offers them; a column with
# another role is unused (and listed).
ROLE_CHOICES: dict[SheetKind, tuple[Role, ...]] = {
    SheetKind.TASKS: (
        Role.CONTENT,
        Role.LEAD,
        Role.COOPERATING,
        Role.PRODUCT,
        Role.DEADLINE,
        Role.NOTE,
        Role.GROUP,
        Role.STT,
    ),
    SheetKind.INDICATORS: (
        Role.NAME,
        Role.UNIT,
        Role.BASELINE,
        Role.TARGET,
        Role.LEAD,
        Role.COOPERATING,
        Role.NOTE,
        Role.GROUP,
        Role.STT,
    ),
}
ROLES_OF_KIND = {kind: frozenset(roles) for kind, roles in ROLE_CHOICES.items()}


def _header_keys(sheet: Sheet, row: int, last: int, col: int, text: str) -> set[str]:
    """The full header and each of its levels: `--map "Chủ trì=lead"` names a sub-column alone."""
    keys = {header_key(text)}
    for r in range(row, last + 1):
        level = header_text(sheet.spanned(r, col))
        if level:
            keys.add(header_key(level))
    return keys - {""}


def _apply_choices(header: Header, roles: dict[int, Role], choices: ColumnChoices | None) -> dict[int, Role]:
    """The roles after the user's choices: remembered ones for this layout, then explicit ones."""
    if choices is None:
        return roles
    saved = choices.remembered.get(header.signature)
    layers = [saved.roles] if saved is not None else []
    layers.append(choices.roles)
    for layer in layers:
        for col, keys in header.keys.items():
            said = [layer[k] for k in keys if k in layer]
            if not said:
                continue
            role = said[0]
            header.chosen.add(col)
            if role is None:
                roles.pop(col, None)
                continue
            for other, other_role in list(roles.items()):
                if other_role is role and other != col and other not in header.chosen:
                    del roles[other]  # one column per role: the chosen one
            roles[col] = role
    return roles


def find_header(sheet: Sheet, choices: ColumnChoices | None = None) -> Header | None:
    """The best header in the first rows of the sheet, or None if nothing there looks like one."""
    best: tuple[int, int | None, dict[int, Role], dict[int, str], SheetKind] | None = None
    best_score = 1
    for row in range(min(SEARCH_ROWS, sheet.height)):
        roles, texts = _row_roles(sheet, row, None)
        if len(set(roles.values())) < 2:
            continue  # a title line or an empty row, even if the next row is a header
        sub = row + 1 if _is_sub_header(sheet, row) else None
        if sub is not None:
            roles, texts = _row_roles(sheet, row, sub)
        distinct = set(roles.values())
        kind = _kind(distinct)
        if kind is None:
            continue
        score = len(distinct - {Role.NOTE})
        if score > best_score:
            best_score = score
            best = (row, sub, roles, texts, kind)
    if best is None:
        return None
    row, sub, roles, texts, kind = best
    last = sub if sub is not None else row
    if _looks_other(texts):
        kind = SheetKind.OTHER
    header = Header(sheet.name, kind, row, last, {}, texts, guessed_kind=kind)
    header.keys = {col: _header_keys(sheet, row, last, col, text) for col, text in texts.items()}
    if choices is not None:
        saved = choices.remembered.get(header.signature)
        chosen_kind = choices.kinds.get(sheet.name) or (saved.kind if saved is not None else None)
        if chosen_kind is not None:
            header.kind = chosen_kind
    roles = _apply_choices(header, roles, choices)
    if header.kind is not SheetKind.INDICATORS and not any(
        col in header.chosen for col, r in roles.items() if r is Role.CONTENT
    ):
        _choose_content(sheet, roles, last + 1)
    header.columns = _columns(roles, header.kind, header.guesses)
    for role in [r for r, c in header.guesses.items() if c in header.chosen or header.columns.get(r) != c]:
        del header.guesses[role]
    return header


def is_numbering_row(sheet: Sheet, row: int) -> bool:
    """The "(1) (2) (3)" line under a header, which numbers the columns and is not data."""
    cells = [sheet.value(row, c) for c in range(sheet.width)]
    filled = [c for c in cells if c is not None]
    if len(filled) < 3:
        return False
    texts = [header_text(c) for c in filled]
    if all(_NUMBERING_CELL.match(t) for t in texts):
        numbers = [int(t.strip("() ")) for t in texts if t.strip("() ").isdigit()]
        paren = sum(t.startswith("(") for t in texts)
        if paren >= len(texts) // 2:
            return True
        return bool(numbers) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    return False
