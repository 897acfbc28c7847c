"""The text of a directive file: .txt, .docx (python-docx) or a PDF with a text layer (pypdf).

Every failure is one Vietnamese ``UserError`` naming the file; a PDF whose pages carry no text
(a scan) says so, since no rule-based reader can help there without OCR.
"""

from __future__ import annotations

from pathlib import Path

from app.errors import UserError

SUFFIXES = (".txt", ".docx", ".pdf")
# A scanned page yields at most stray characters (page numbers); a text page yields hundreds.
MIN_TEXT_PER_PAGE = 40


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
            parts.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":  # header tables (issuer | motto, number | date) and signature tables
            for row in block.iter():
                if row.tag.endswith("}tc"):
                    for p in row.iter():
                        if p.tag.endswith("}p"):
                            parts.append("".join(t.text or "" for t in p.iter() if t.tag.endswith("}t")))
    return "\n\n".join(parts)


def _pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError):
        raise UserError(f"Tệp {path.name} không phải tệp PDF đọc được.") from None
    if not pages or sum(len(p.strip()) for p in pages) < MIN_TEXT_PER_PAGE * len(pages):
        raise UserError(
            f"Tệp {path.name} là bản quét (ảnh), không có lớp chữ để đọc. "
            "Hãy dùng bản Word/PDF gốc, hoặc chép nội dung văn bản vào ô nhập."
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
