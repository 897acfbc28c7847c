"""The rows under a header: which are data, which are group titles, which are to be skipped.

Real appendices mix task rows with group titles (Roman numerals, A/B/C, bold or merged
titles), column numbering lines, totals, footnotes and blank lines, and number their
tasks continuously, per group, as "1.", "1.1" or not at all. The numbering is therefore
never trusted for order or identity: rows are taken in sheet order and counted here.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from app.appendix.headers import Header, Role, is_numbering_row
from app.appendix.reader import Sheet
from models.textfold import fold

PROGRESS_EVERY = 250

_ROMAN = re.compile(r"^(?=[IVXLC])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")
_LETTER = re.compile(r"^[A-ZĐ]$")
_NUMBERED = re.compile(r"^\d{1,4}(?:[.,]\d{1,3})*[.)]?$")
_TITLE_PREFIX = re.compile(
    r"^(?:(?:phần|mục|nhóm|chương)\s+)?([IVXLC]{1,7}|[A-ZĐ]|\d{1,2}(?:\.\d{1,2})*)\s*[.:)\-–]\s*(.+)$",
    re.IGNORECASE | re.DOTALL,
)
_SUB_BULLET = re.compile(r"^[a-zđ][.)]$")
_TOP_NUMBER = re.compile(r"^\d{1,4}[.)]?$")
# Notes under the table, and the recipients/signature block that closes a document.
_FOOTNOTE = re.compile(
    r"^(?:ghi chu|luu y|chu thich|chu giai|nguon|ghi chu:|noi nhan"
    r"|tm\.? (?:uy ban|ban|ubnd)|kt\.? (?:chu|truong))\b|^\*"
)
# "Tổng cộng: 61", "Tổng số", a bare "Cộng" – but not "Công tác…" (folded "cong tac").
_TOTAL = re.compile(r"^(?:tong cong|tong so)\b|^(?:tong|cong)\s*(?::|$|\(|\d)")
KEY_PREFIX = 200  # characters of a row's first text that the footnote and total patterns read
_DATA_ROLES = (
    Role.LEAD,
    Role.COOPERATING,
    Role.PRODUCT,
    Role.DEADLINE,
    Role.UNIT,
    Role.BASELINE,
    Role.TARGET,
)


def clean_text(value: Any) -> str:
    """A cell as text: trimmed, inner spaces collapsed, line breaks kept, dates written d/m/yyyy."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and "\n" not in value and "\r" not in value:
        return " ".join(value.split())  # one line (most cells): the same as below, faster
    lines = (
        " ".join(line.split()) for line in str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    return "\n".join(line for line in lines if line)


def to_number(value: Any) -> int | float | str | None:
    """A baseline or target: numbers as numbers ("52,4", "52.4", "80%", 80.0 → 52.4, 52.4, 80, 80);
    words such as "Tốp 15" as written; nothing as None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else float(value)
    text = clean_text(value)
    if not text:
        return None
    compact = text.replace(" ", "").rstrip("%")
    if re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+", compact):  # "1.250": thousands, Vietnamese style
        compact = compact.replace(".", "")
    elif re.fullmatch(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+", compact):  # "1.250,5"
        compact = compact.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d+,\d+", compact):
        compact = compact.replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(?:\.\d+)?", compact):
        return text
    number = float(compact)
    return int(number) if number.is_integer() else number


@dataclass
class DataRow:
    """One task or indicator row as read, before names and deadlines are interpreted."""

    sheet: str
    row: int  # 1-based, as Excel shows it
    group: str
    group_title: str
    stt: str
    cells: dict[Role, Any]  # raw values (a date stays a date; numbers stay numbers)

    def text(self, role: Role) -> str:
        return clean_text(self.cells.get(role))


@dataclass
class SkippedRow:
    sheet: str
    row: int
    reason: str


@dataclass
class SheetRows:
    rows: list[DataRow] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    last_group: tuple[str, str] = ("", "")  # where a continuation sheet picks up


def _group_from_text(text: str) -> tuple[str, str] | None:
    match = _TITLE_PREFIX.match(text)
    if match is None:
        return None
    code, title = match.group(1), match.group(2).strip()
    if code.isdigit() or "." in code or _ROMAN.match(code.upper()) or _LETTER.match(code.upper()):
        return code.upper() if not code[0].isdigit() else code, title
    return None


def _stt_base(stt: str) -> str:
    return stt.rstrip(".)").strip()


def _is_group_marker(stt: str) -> bool:
    base = _stt_base(stt)
    return bool(base) and (bool(_ROMAN.match(base)) or bool(_LETTER.match(base)))


def _next_stt(sheet: Sheet, header: Header, row: int) -> str:
    col = header.columns.get(Role.STT)
    if col is None:
        return ""
    for r in range(row + 1, min(row + 4, sheet.height)):
        text = clean_text(sheet.value(r, col))
        if text:
            return text
    return ""


def iter_rows(
    sheet: Sheet, header: Header, group_from: tuple[str, str] = ("", "")
) -> Generator[int, None, SheetRows]:
    """Walk the data rows of one sheet; yields how many rows it has looked at, now and then.

    `group_from` is the group the previous sheet ended in, when this sheet continues its table.
    """
    cols = header.columns
    main_role = Role.CONTENT if Role.CONTENT in cols else Role.NAME
    main_col = cols.get(main_role)
    stt_col = cols.get(Role.STT)
    out = SheetRows()
    group, group_title = group_from
    group_col = cols.get(Role.GROUP)
    last_group_row: tuple[str, str] | None = None
    in_footnotes = False
    interrupted: tuple[str, str] | None = None  # the group a numbered sub-heading ("1" over "a)") hides
    start = header.data_start
    header_words = {
        col: {fold(clean_text(sheet.spanned(h, col))) for h in range(header.first_row, header.last_row + 1)}
        - {""}
        for col in set(cols.values())
    }
    folded: dict[str, str] = {}  # short cells (agency names, deadlines) recur on many rows
    for r in range(start, sheet.height):
        if (r - start) % PROGRESS_EVERY == 0:
            yield r - start
        values = sheet.rows[r]
        if all(v is None for v in values):
            continue
        excel_row = r + 1
        cells = {role: values[col] if col < len(values) else None for role, col in cols.items()}
        stt = clean_text(cells.get(Role.STT))
        main = clean_text(cells.get(main_role))
        has_data = any(clean_text(cells.get(role)) for role in _DATA_ROLES)
        first_text = next((clean_text(v) for v in values if clean_text(v)), "")
        # only the start is matched (footnote, total); a long task text need not be folded whole
        key = fold((stt if stt and not _NUMBERED.match(stt) else (main or first_text))[:KEY_PREFIX])

        if is_numbering_row(sheet, r):
            out.skipped.append(SkippedRow(sheet.name, excel_row, "dòng đánh số cột (1), (2), (3)"))
            continue
        if _repeats_header(values, header_words, folded):
            out.skipped.append(SkippedRow(sheet.name, excel_row, "dòng tiêu đề lặp lại ở đầu trang in"))
            continue
        if _FOOTNOTE.match(key) or (in_footnotes and not (has_data and _NUMBERED.match(stt))):
            in_footnotes = True
            out.skipped.append(SkippedRow(sheet.name, excel_row, "ghi chú cuối bảng, không phải dữ liệu"))
            continue
        if _TOTAL.match(key) and not clean_text(cells.get(Role.LEAD)):
            out.skipped.append(SkippedRow(sheet.name, excel_row, "dòng tổng cộng"))
            continue
        # A content cell merged down over several rows: one task listed with several agencies.
        if main_col is not None and sheet.merge_origin(r, main_col) is not None and out.rows:
            origin_row = sheet.merge_origin(r, main_col)[0]  # type: ignore[index]
            previous = out.rows[-1]
            if previous.row == origin_row + 1 or previous.text(main_role) == main:
                for role in (Role.LEAD, Role.COOPERATING):
                    extra = clean_text(cells.get(role))
                    if extra and extra not in clean_text(previous.cells.get(role)).split("\n"):
                        joined = "\n".join(x for x in (clean_text(previous.cells.get(role)), extra) if x)
                        previous.cells[role] = joined
                continue

        if not has_data:
            found = _group_row(sheet, r, stt, main, first_text, stt_col, main_col)
            sub_heading = False
            if found is None and stt and _NUMBERED.match(stt) and main:
                following = _next_stt(sheet, header, r)
                if following.startswith(_stt_base(stt) + ".") or _SUB_BULLET.match(following):
                    # "1" over "1.1", "1.2" or over "a)", "b)": a sub-heading
                    found = (_stt_base(stt), main.rstrip(":").strip())
                    sub_heading = True
            if found is not None:
                if sub_heading and interrupted is None:
                    interrupted = (group, group_title)
                elif not sub_heading:
                    interrupted = None
                if sub_heading and interrupted is not None:
                    found = _nested(interrupted, found)
                if found != last_group_row:
                    group, group_title = found
                    last_group_row = found
                continue
        if not main:
            reason = "không có nội dung nhiệm vụ" if main_role is Role.CONTENT else "không có tên chỉ tiêu"
            out.skipped.append(SkippedRow(sheet.name, excel_row, reason))
            continue
        last_group_row = None
        if interrupted is not None and _TOP_NUMBER.match(stt):
            # "2" after the sub-tasks of "1": back to the group that "1" was part of.
            group, group_title = interrupted
            interrupted = None
        if group_col is not None and clean_text(cells.get(Role.GROUP)):
            # the user named a column as the group: its words are the group's title
            named = clean_text(cells[Role.GROUP]).replace("\n", " ")
            if named != group_title:
                group, group_title = "", named
        out.rows.append(DataRow(sheet.name, excel_row, group, group_title, stt, cells))
    yield sheet.height - start
    out.last_group = (group, group_title)
    return out


def _nested(parent: tuple[str, str], sub: tuple[str, str]) -> tuple[str, str]:
    """A numbered sub-heading under a group keeps the whole path of headings:
    "I. HOÀN THIỆN THỂ CHẾ" over "1. Xây dựng cơ chế" is ("I.1", "HOÀN THIỆN THỂ CHẾ / Xây dựng cơ chế")."""
    parent_code, parent_title = parent
    code, title = sub
    if not parent_code and not parent_title:
        return sub
    full_code = f"{parent_code}.{code}" if parent_code and code else (parent_code or code)
    full_title = " / ".join(t for t in (parent_title, title) if t)
    return full_code, full_title


def _repeats_header(values: list[Any], header_words: dict[int, set[str]], folded: dict[str, str]) -> bool:
    """The header typed again at the top of a printed page: two or more columns read as their header."""
    same = 0
    for col, words in header_words.items():
        if col >= len(values) or values[col] is None or not words:
            continue
        value = values[col]
        # folding is the costly part: a cell far longer than any header word cannot be one
        if isinstance(value, str) and len(value) > 2 * max(len(w) for w in words) + 10:
            continue
        text = clean_text(value)
        key = folded.get(text)
        if key is None:
            key = folded[text] = fold(text)
        if key in words:
            same += 1
    return same >= 2


def _group_row(
    sheet: Sheet, r: int, stt: str, main: str, first_text: str, stt_col: int | None, main_col: int | None
) -> tuple[str, str] | None:
    """(code, title) if this data-less row is a group title; None if it is a bare task line."""
    if _is_group_marker(stt):
        title = main or first_text
        if title == stt:
            title = ""
        prefixed = _group_from_text(title) if title else None
        if prefixed is not None and prefixed[0] == _stt_base(stt).upper():
            title = prefixed[1]
        return _stt_base(stt).upper(), title
    text = main or stt or first_text
    prefixed = _group_from_text(text)
    if prefixed is not None and not _NUMBERED.match(stt or "x"):
        code, title = prefixed
        if not code[0].isdigit():
            return code, title
    if stt and _NUMBERED.match(stt):
        return None
    bold = any(col is not None and sheet.bold(r, col) for col in (stt_col, main_col))
    letters = [ch for ch in text if ch.isalpha()]
    shouty = len(letters) >= 4 and all(ch.isupper() for ch in letters)
    if bold or sheet.across(r) >= 3 or shouty or text.endswith(":"):
        return "", text.rstrip(":").strip()
    return None
