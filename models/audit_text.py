"""Words of the audit trail: actions, entity and field names in Vietnamese, values as text.

Pure (no ORM, no Qt): the recorder writes with these rules, the History page and the task
detail read with them, and the CLI prints the raw keys.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from models.periods import period_label

MAX_VALUE = 2000  # longer old/new values are cut (with an ellipsis): a task's content fits


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    IMPORT = "import"  # a bulk insert: one entry per table with the row count in new_value
    RESTORE = "restore"
    PURGE = "purge"
    # the program read a stored deadline phrase again under corrected rules (not an officer's edit)
    REREAD = "reread"


ACTION_LABELS: dict[Action, str] = {
    Action.CREATE: "Thêm",
    Action.UPDATE: "Sửa",
    Action.DELETE: "Xóa",
    Action.IMPORT: "Nhập hàng loạt",
    Action.RESTORE: "Khôi phục",
    Action.PURGE: "Xóa hẳn",
    Action.REREAD: "Đọc lại thời hạn",
}

ENTITY_LABELS: dict[str, str] = {
    "directive": "Văn bản",
    "citation": "Căn cứ",
    "task": "Nhiệm vụ",
    "assignment": "Phân công",
    "report": "Báo cáo",
    "evidence": "Minh chứng",
    "agency": "Cơ quan",
    "agency_alias": "Tên gọi khác",
    "agency_group": "Nhóm cơ quan",
    "agency_group_member": "Thành viên nhóm",
    "indicator": "Chỉ tiêu",
    "indicator_agency": "Cơ quan của chỉ tiêu",
    "indicator_value": "Số liệu chỉ tiêu",
    "setting": "Cài đặt",
    "outgoing_letter": "Công văn",
    "letter_subject": "Nội dung công văn",
    "trash_entry": "Thùng rác",
    "database": "Cơ sở dữ liệu",  # a restore from a backup (app.restore_carry)
}

FIELD_LABELS: dict[str, str] = {
    "number": "Số, ký hiệu",
    "kind": "Loại",
    "issuer": "Cơ quan ban hành",
    "issued_on": "Ngày ban hành",
    "place": "Địa danh",
    "subject": "Trích yếu",
    "signer": "Người ký",
    "signer_title": "Chức vụ người ký",
    "signer_authority": "Thẩm quyền ký",
    "parent_id": "Văn bản cha",
    "file_name": "Tệp gốc",
    "file_sha256": "Mã tệp gốc",
    "note": "Ghi chú",
    "group_code": "Mã nhóm",
    "group_title": "Tên nhóm",
    "seq": "Thứ tự",
    "index_in_group": "Thứ tự trong nhóm",
    "content": "Nội dung",
    "product": "Sản phẩm",
    "deadline_text": "Thời hạn",
    "deadline": "Hiểu là",  # only in re-read entries: the reading itself is derived (DERIVED_FIELDS)
    "suspension": "Tạm dừng/hủy",
    "role": "Vai trò",
    "agency_id": "Cơ quan",
    "group_id": "Nhóm cơ quan",
    "received_on": "Ngày nhận",
    "occurrence": "Kỳ báo cáo",
    "text": "Nội dung báo cáo",
    "percent": "Tỷ lệ hoàn thành",
    "done": "Hoàn thành",
    "doc_number": "Số văn bản báo cáo",
    "doc_date": "Ngày văn bản báo cáo",
    "original_name": "Tên tệp",
    "name": "Tên",
    "short_name": "Tên viết tắt",
    "active": "Đang hoạt động",
    "unit": "Đơn vị tính",
    "baseline": "Giá trị nền",
    "target": "Mục tiêu",
    "period": "Kỳ",
    "value": "Giá trị",
    "reported_on": "Ngày báo cáo",
    "alias": "Tên gọi khác",
    "cited_number": "Số văn bản căn cứ",
}

# Caches and keys derived from other columns: rewritten by every save or recompute, never an
# officer's change, so they are not recorded.
DERIVED_FIELDS = frozenset(
    {
        "id",
        "version",
        "changed_by",
        "search_text",
        "lead_key",
        "content_key",
        "gaps",
        "first_unmet",
        "completed",
        "completed_late",
        "number_key",
        "number_sort",
        "name_key",
        "alias_key",
        "deadline",
        "deadline_kind",
        "created_at",
        "updated_at",
        "added_at",
        "cited_id",
        "from_group_id",
    }
)

# The column that names a row of each table in the trail ("Văn bản 125/KH-BCĐ"); an outgoing
# letter's ``number`` is its bare sequence number (11), ``full_number`` what a person reads.
LABEL_FIELDS = (
    "full_number",
    "number",
    "name",
    "original_name",
    "content",
    "alias",
    "cited_number",
    "period",
    "key",
)


def value_text(value: Any) -> str | None:
    """A column value as the trail stores it: dates dd/mm/yyyy, yes/no in Vietnamese, long text cut."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


SHORT_NAME = 80  # a task's content inside another record's name is cut to this


def short(text: str, limit: int = SHORT_NAME) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def party_name(role: str, name: str | None) -> str:
    """«Chủ trì: Sở Tài chính»: an assignment or an indicator's agency."""
    return f"{'Chủ trì' if role == 'lead' else 'Phối hợp'}: {name or '?'}"


def report_name(agency: str | None, received_on: date | None, doc_number: str | None) -> str:
    """«Sở Tài chính – 01/06/2026 – 12/BC-STC»: who reported, when it came in, its number."""
    parts = [agency or "?", value_text(received_on) or "?"]
    if doc_number:
        parts.append(doc_number)
    return " – ".join(parts)


def letter_subject_name(letter: str | None, agency: str | None, task: str | None) -> str:
    """«13/BC-BCĐ – Sở Tài chính – Xây dựng cơ sở dữ liệu…»: what a letter concerns."""
    parts = [letter or "?"] + [p for p in (agency, short(task) if task else None) if p]
    return " – ".join(parts)


def member_name(group: str | None, agency: str | None) -> str:
    """«Các sở, ban, ngành: Sở Tài chính»: an agency listed in a group."""
    return f"{group or '?'}: {agency or '?'}"


def indicator_value_name(period: str | None, value: Any) -> str:
    """«Quý 3/2026: 85»: the period read as a person reads it (a year code alone is a bare number)."""
    label = period_label(period) if period else "?"
    shown = value_text(value)
    return f"{label}: {shown}" if shown is not None else label


def fallback_name(entity: str, ident: int | None) -> str:
    """A record with nothing better to name it (an untitled task): «Nhiệm vụ #12», never empty."""
    return f"{entity_label(entity)} #{ident}" if ident is not None else entity_label(entity)


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def action_label(action: str) -> str:
    try:
        return ACTION_LABELS[Action(action)]
    except ValueError:
        return action


# What went with a deleted record, as the trash, the History page and the CLI name it.
_COUNT_WORDS = (
    ("task", "nhiệm vụ"),
    ("report", "báo cáo"),
    ("evidence", "tệp minh chứng"),
    ("indicator", "chỉ tiêu"),
    ("indicator_value", "số liệu chỉ tiêu"),
)


def count_words(counts: dict[str, int]) -> str:
    """«61 nhiệm vụ, 3 báo cáo, 2 tệp minh chứng» (what went with the deleted record)."""
    return ", ".join(f"{counts[t]} {w}" for t, w in _COUNT_WORDS if counts.get(t))
