"""The text of a directive file: .txt, .docx (python-docx) or a PDF with a text layer (pypdf).

Every failure is one Vietnamese ``UserError`` naming the file; a PDF whose pages carry no text
(a scan) says so, since no rule-based reader can help there without OCR.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from app.errors import UserError

SUFFIXES = (".txt", ".docx", ".pdf")
# A scanned page yields at most stray characters (page numbers); a text page yields hundreds.
MIN_TEXT_PER_PAGE = 40
# The stamp an e-signature writes into a scanned letter's text layer ("Ký bởi: Ủy ban nhân dân
# tỉnh … Email: … Cơ quan: … Thời gian ký: 05.05.2026 16:20:31 +07:00"): text, but not the
# letter's; it does not make a scan readable.
_SIGNATURE_STAMP = re.compile(
    r"(?:Người\s+)?[Kk]ý\s+bởi\s*:(?:.{0,400}?Thời\s+gian\s+ký\s*:\s*[\d./-]+(?:\s+[\d:]+)?\s*(?:[+-]\d{2}:?\d{2})?"
    r"|[^\n]*)",
    re.DOTALL,
)
_STAMP_FIELD = re.compile(r"^\s*(?:Email|Cơ quan|Thời gian ký|Ngày ký|Chức vụ)\s*:.*$", re.MULTILINE)


def _letter_text(page: str) -> str:
    """A page's text without e-signature stamps and blanks: what a scan test should count."""
    text = _STAMP_FIELD.sub("", _SIGNATURE_STAMP.sub("", page))
    return "".join(text.split())


def _txt(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise UserError(f"Tệp {path.name} không phải văn bản thuần (không đọc được bảng mã UTF-8).")


def _paragraph_text(p: Any) -> str:
    """A Word paragraph's text with its manual line breaks and tabs kept: letters typed in a
    table cell often break lines with Shift+Enter (``w:br``), and a reader that drops the
    break glues "KTTC" to "V/v" and loses the whole header."""
    out: list[str] = []
    for el in p.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "t":
            out.append(el.text or "")
        elif tag in ("br", "cr"):
            out.append("\n")
        elif tag == "tab" and el.getparent() is not None and el.getparent().tag.endswith("}r"):
            out.append("\t")  # a run's tab, not a tab-stop definition in the paragraph's style
    return "".join(out)


def _cell_parts(tc: Any, parts: list[str]) -> None:
    """A table cell's paragraphs in order, nested tables read cell by cell in place."""
    for child in tc.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(_paragraph_text(child))
        elif tag == "tbl":
            _table_parts(child, parts)


def _table_parts(tbl: Any, parts: list[str]) -> None:
    """Header tables (issuer | motto, number | date) and signature tables, row by row and
    cell by cell, so each cell's lines stay together as the letter shows them."""
    for tr in tbl.iterchildren():
        if not tr.tag.endswith("}tr"):
            continue
        for tc in tr.iterchildren():
            if tc.tag.endswith("}tc"):
                _cell_parts(tc, parts)
                parts.append("")  # cells never run into each other


def _docx(path: Path) -> str:
    import docx  # python-docx

    try:
        document = docx.Document(str(path))
    except Exception:
        raise UserError(f"Tệp {path.name} không phải tệp Word (.docx) đọc được.") from None
    parts: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(_paragraph_text(block))
        elif tag == "tbl":
            _table_parts(block, parts)
    return "\n\n".join(parts)


def _pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError):
        raise UserError(f"Tệp {path.name} không phải tệp PDF đọc được.") from None
    if not pages or sum(len(_letter_text(p)) for p in pages) < MIN_TEXT_PER_PAGE * len(pages):
        raise UserError(
            f"Tệp {path.name} là bản quét (ảnh), không có lớp chữ để đọc"
            + (" (chỉ có dấu chữ ký số)" if any(_SIGNATURE_STAMP.search(p) for p in pages) else "")
            + ". Hãy dùng bản Word/PDF gốc, hoặc chép nội dung văn bản vào ô nhập."
        )
    return "\n\f\n".join(pages)


def read_text(path: Path) -> str:
    """The text of ``path``; a Vietnamese ``UserError`` if it cannot be read."""
    if not path.exists():
        raise UserError(f"Không tìm thấy tệp {path}.")
    if path.is_dir():
        raise UserError(f"{path} là thư mục, không phải tệp văn bản.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError(f"Không đọc được tệp {path.name}: chỉ đọc tệp .txt, .docx hoặc .pdf.")
    try:
        text = {".txt": _txt, ".docx": _docx, ".pdf": _pdf}[suffix](path)
    except OSError as exc:
        raise UserError(f"Không mở được tệp {path.name}: {exc.strerror or exc}.") from None
    if not text.strip():
        raise UserError(f"Tệp {path.name} không có nội dung chữ.")
    return text
