"""Issuing a letter: one transaction takes the next number, records the letter, prints the DOCX.

If printing fails the caller's transaction rolls back, so no number is lost and no letter is
registered without its file. What a letter says comes from its kind's module (``remind``,
``assign``, ``report``) as a ``Draft``; this module adds the issuer, the number and the date.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.errors import UserError
from app.letters import register
from app.letters.issuers import load_issuer
from app.letters.layout import spec_for
from app.letters.numbering import take_number
from app.letters.register import LetterResult, Subjects
from app.letters.render import TableBuilder, render_letter, templates_dir
from models.letters import LetterKind
from models.vn_dates import CONG_VAN, LetterFormat, date_line, short_date

TEMPLATES = {
    (LetterKind.REMIND, LetterFormat.STATE): "don-doc-nha-nuoc.docx",
    (LetterKind.REMIND, LetterFormat.PARTY): "don-doc-dang.docx",
    (LetterKind.ASSIGN, LetterFormat.STATE): "trien-khai-nha-nuoc.docx",
    (LetterKind.ASSIGN, LetterFormat.PARTY): "trien-khai-dang.docx",
    (LetterKind.REPORT, LetterFormat.STATE): "bao-cao-nha-nuoc.docx",
    (LetterKind.REPORT, LetterFormat.PARTY): "bao-cao-dang.docx",
    # the report on one directive has the same frame as the periodic report
    (LetterKind.RESPONSE, LetterFormat.STATE): "bao-cao-nha-nuoc.docx",
    (LetterKind.RESPONSE, LetterFormat.PARTY): "bao-cao-dang.docx",
}

OVERRIDE_DIR = "mau-van-ban"  # beside the database: officer-edited copies of the templates


@dataclass(frozen=True)
class Draft:
    """A letter before it has a number: what it says, which tables it holds, what it concerns."""

    kind: LetterKind
    format: LetterFormat
    issued_on: date
    subject: str
    context: Mapping[str, Any]
    tables: Mapping[str, TableBuilder]
    task_count: int
    subjects: Subjects = field(default_factory=tuple)
    doc_kind: str = CONG_VAN
    # a report's body built from data after the template is filled (app.letters.blocks)
    finish: Callable[[Any, Mapping[str, Any]], None] | None = None


def check_out_path(out: Path) -> Path:
    """Refuse, before any number is taken, a file the letter could not be written to."""
    if out.suffix.lower() != ".docx":
        raise UserError(f"Tệp kết quả «{out}» phải có đuôi .docx.")
    folder = out.parent
    if not folder.is_dir():
        raise UserError(f"Thư mục «{folder}» không tồn tại; hãy chọn một thư mục có sẵn để lưu văn bản.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"Không có quyền ghi vào thư mục «{folder}»; hãy chọn thư mục khác.")
    if out.exists() and (out.is_dir() or not os.access(out, os.W_OK)):
        raise UserError(f"Không ghi đè được «{out}» (tệp đang mở hoặc chỉ đọc); hãy chọn tên khác.")
    return out


def template_path(data_folder: Path, kind: LetterKind, fmt: LetterFormat) -> Path:
    """The officer's edited copy in ``<data folder>/mau-van-ban/`` if present, else the shipped one."""
    name = TEMPLATES[(kind, fmt)]
    custom = data_folder / OVERRIDE_DIR / name
    return custom if custom.is_file() else templates_dir() / name


def issue(s: Session, draft: Draft, out: Path, template: Path) -> LetterResult:
    """Number, record and print ``draft`` inside the caller's transaction."""
    fmt = draft.format
    issuer = load_issuer(s, fmt)
    number = take_number(s, issuer, fmt, draft.doc_kind, draft.issued_on)
    letter = register.record(s, draft.kind, number, draft.issued_on, draft.subject, out, draft.subjects)
    values = {
        "issuer": issuer,
        "number": number.text,
        "number_line": number.line,
        "date_line": date_line(issuer.place, draft.issued_on),
        "issued_short": short_date(draft.issued_on),
        "subject_line": draft.subject,
        **draft.context,
    }
    try:
        render_letter(template, values, draft.tables, spec_for(fmt), issuer.name, out, draft.finish)
    except OSError as exc:
        raise UserError(f"Không ghi được tệp {out}: {exc.strerror or exc}.") from None
    return LetterResult(
        letter.id,
        draft.kind,
        fmt,
        number.text,
        number.line,
        draft.issued_on,
        draft.subject,
        out,
        draft.task_count,
    )
