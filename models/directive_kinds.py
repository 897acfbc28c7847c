"""Kinds of documents (tên loại) with their symbol abbreviations and Vietnamese names."""

from __future__ import annotations

DIRECTIVE_KINDS: dict[str, str] = {
    "CV": "Công văn",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "QĐ": "Quyết định",
    "CTr": "Chương trình",
    "BC": "Báo cáo",
    "NQ": "Nghị quyết",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "HD": "Hướng dẫn",
    "TTr": "Tờ trình",
    "QC": "Quy chế",
    "ĐA": "Đề án",
    "K": "Khác",
}

AUTHORITIES: tuple[str, ...] = ("", "T/M", "K/T", "T/L", "TUQ", "Q.")


def kind_label(kind: str) -> str:
    return DIRECTIVE_KINDS.get(kind, kind)


def kind_from_number(number: str) -> str | None:
    """Read the kind out of a number/symbol: "125/KH-BCĐ" → KH, "420-CV/TU" → CV, "05/UBND-VX" → CV."""
    text = number.strip()
    if "-" in text.split("/")[0]:  # Party form: 420-CV/TU
        part = text.split("/")[0].split("-", 1)[1]
    elif "/" in text:  # state form: 125/KH-BCĐ
        part = text.split("/", 1)[1].split("-")[0]
    else:
        return None
    for code in DIRECTIVE_KINDS:
        if part.upper() == code.upper():
            return code
    return "CV" if part else None
