"""The questions asked before a deletion, naming what goes with the record.

"Xóa văn bản 125/KH-BCĐ cùng 61 nhiệm vụ, 3 báo cáo, 2 tệp minh chứng?": the user sees what a
click takes away before making it. The counts come from the services' ``deletion_counts``.
"""

from __future__ import annotations

from app.dto import DeletionCounts

SUMMARY_CHARS = 120
# Deleting moves to the trash (app/services/trash.py): said under every question.
TRASH_NOTE = "Có thể khôi phục trong «Thùng rác» trong vòng 30 ngày."


def _with(parts: list[tuple[int, str]]) -> str:
    """ " cùng 61 nhiệm vụ, 3 báo cáo" for the non-zero counts; "" when there are none."""
    named = [f"{n} {what}" for n, what in parts if n]
    return " cùng " + ", ".join(named) if named else ""


def taken_along(c: DeletionCounts) -> str:
    return _with(
        [
            (c.tasks, "nhiệm vụ"),
            (c.reports, "báo cáo"),
            (c.evidence_files, "tệp minh chứng"),
            (c.indicators, "chỉ tiêu"),
            (c.indicator_values, "số liệu chỉ tiêu"),
        ]
    )


def directive_question(number: str, c: DeletionCounts) -> str:
    return f"Xóa văn bản {number}{taken_along(c)}?\n\n{TRASH_NOTE}"


def task_question(content: str, c: DeletionCounts) -> str:
    summary = content[:SUMMARY_CHARS] + "…" if len(content) > SUMMARY_CHARS else content
    along = _with([(c.reports, "báo cáo"), (c.evidence_files, "tệp minh chứng")])
    return f"Xóa nhiệm vụ này{along}?\n\n{summary}\n\n{TRASH_NOTE}"


def agency_question(name: str, c: DeletionCounts) -> str:
    return f"Xóa cơ quan «{name}» khỏi danh mục{_with([(c.aliases, 'tên gọi khác')])}?\n\n{TRASH_NOTE}"


def indicator_question(name: str) -> str:
    return f"Xóa chỉ tiêu «{name}» cùng các số liệu đã nhập?\n\n{TRASH_NOTE}"


def agency_refusal(name: str, c: DeletionCounts) -> str:
    """For an agency still assigned work: nothing to ask, say why it cannot go."""
    return (
        f"Cơ quan «{name}» đang được giao {c.blocking} nhiệm vụ/chỉ tiêu nên không xóa được; "
        "hãy sửa cơ quan và bỏ chọn «Đang hoạt động» để ngừng theo dõi."
    )
