"""Issuing a letter: one transaction takes the next number, records the letter, prints the DOCX.

The DOCX is printed to a hidden temporary file inside the transaction; only after the commit
does ``publish`` rename it onto the chosen name (``app.letters.pending``), so a numbered file
never exists without its register entry. If printing fails the transaction rolls back and no
number is lost. What a letter says comes from its kind's module (``remind``, ``assign``,
``report``) as a ``Draft``; this module adds the issuer, the number and the date.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.database import Database
from app.errors import UserError
from app.letters import pending, register
from app.letters.issuers import Issuer, load_issuer
from app.letters.layout import FormatSpec, balanced_lines, nobreak_citations, spec_for
from app.letters.numbering import take_number
from app.letters.register import LetterResult, Subjects
from app.letters.render import DROP, TableBuilder, render_letter, templates_dir
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
    recipient: str = ""  # as "Kính gửi" names it, for the register
    # a report's body built from data after the template is filled (app.letters.blocks)
    finish: Callable[[Any, Mapping[str, Any]], None] | None = None


def check_out_path(out: Path, replace: bool = False) -> Path:
    """Refuse, before any number is taken, a file the letter could not be written to.

    An existing file is never overwritten by a new number: ``replace`` re-issues the letter
    registered under that file with its own number (``issue`` checks the register)."""
    if out.suffix.lower() != ".docx":
        raise UserError(f"Tệp kết quả «{out}» phải có đuôi .docx.")
    folder = out.parent
    if not folder.is_dir():
        raise UserError(f"Thư mục «{folder}» không tồn tại; hãy chọn một thư mục có sẵn để lưu văn bản.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"Không có quyền ghi vào thư mục «{folder}»; hãy chọn thư mục khác.")
    if out.exists() and (out.is_dir() or not os.access(out, os.W_OK)):
        raise UserError(f"Không ghi đè được «{out}» (tệp đang mở hoặc chỉ đọc); hãy chọn tên khác.")
    if out.exists() and not replace:
        raise UserError(
            f"Tệp «{out}» đã có. Chương trình không ghi đè một văn bản đã lập: hãy chọn tên khác, "
            "hoặc dùng --replace (trong cửa sổ: «In lại» ở Sổ văn bản đi) để lập lại văn bản đó với số cũ."
        )
    return out


def nobreak(text: str) -> str:
    """Hyphens inside a number or symbol printed as U+2011 (non-breaking hyphen), so a narrow
    column never splits "125/KH-" from "BCĐ"."""
    return text.replace("-", "\u2011")


def common_values(
    issuer: Issuer, number: str, number_line: str, draft: Draft, spec: FormatSpec
) -> dict[str, Any]:
    """The placeholders every template may use, named in Vietnamese (see the user guide)."""
    cell_mm = spec.header_cols_mm[0] - 2
    name_lines = balanced_lines(issuer.name.upper(), cell_mm, spec.issuer_size, bold=True)
    subject = nobreak_citations(draft.subject)
    return {
        "co_quan_chu_quan": issuer.parent or DROP,
        "ten_co_quan": "\n".join(name_lines),
        "so_ky_hieu": number_line,
        "so_van_ban": number,
        "dia_danh_ngay": date_line(issuer.place, draft.issued_on),
        "ngay_ban_hanh": short_date(draft.issued_on),
        "trich_yeu": subject,
        "ten_rut_gon": issuer.short_name,
        "co_quan_thuong_truc": issuer.office,
        "don_vi_luu": issuer.unit,
        "tham_quyen_ky": issuer.authority or DROP,
        "chuc_vu": "\a".join(issuer.title_lines) or DROP,
        "nguoi_ky": issuer.signer,
    }


def template_path(data_folder: Path, kind: LetterKind, fmt: LetterFormat) -> Path:
    """The officer's edited copy in ``<data folder>/mau-van-ban/`` if present, else the shipped one."""
    name = TEMPLATES[(kind, fmt)]
    custom = data_folder / OVERRIDE_DIR / name
    return custom if custom.is_file() else templates_dir() / name


def issue(s: Session, draft: Draft, out: Path, template: Path, replace: bool = False) -> LetterResult:
    """Number, record and print ``draft`` to a temporary file inside the caller's transaction.

    The caller commits, then calls ``publish`` on the result. With ``replace`` the letter
    registered under ``out`` is printed again under its own number and date."""
    fmt = draft.format
    issuer = load_issuer(s, fmt)
    out = out.absolute()
    old = register.letter_at(s, out) if replace else None
    if replace and out.exists() and old is None:
        raise UserError(
            f"Tệp «{out}» không phải một văn bản trong Sổ văn bản đi; không ghi đè. Hãy chọn tên khác."
        )
    if old is not None:
        if old.kind != draft.kind.value or old.format != fmt.value:
            raise UserError(
                f"Tệp «{out}» là văn bản số {old.full_number}, khác loại hoặc thể thức; không ghi đè."
            )
        if draft.issued_on != old.issued_on:
            raise UserError(
                f"Văn bản số {old.full_number} đề ngày {short_date(old.issued_on)}; "
                "lập lại văn bản phải giữ ngày đó."
            )
        number = register.number_of(old)
        letter = register.rerecord(s, old, draft.subject, draft.subjects, draft.recipient)
    else:
        number = take_number(s, issuer, fmt, draft.doc_kind, draft.issued_on)
        letter = register.record(
            s, draft.kind, number, draft.issued_on, draft.subject, out, draft.subjects, draft.recipient
        )
    values = {
        # the names the templates of version 1 used (an officer's edited copy may still hold them)
        "issuer": issuer,
        "number": number.text,
        "number_line": number.line,
        "date_line": date_line(issuer.place, draft.issued_on),
        "issued_short": short_date(draft.issued_on),
        "subject_line": draft.subject,
        **common_values(issuer, number.text, number.line, draft, spec_for(fmt)),
        **draft.context,
    }
    pending.sweep_stale(out.parent)
    temp = pending.temp_for(out)
    try:
        render_letter(template, values, draft.tables, spec_for(fmt), issuer, temp, draft.finish)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(f"Không ghi được tệp {out}: {exc.strerror or exc}.") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    half_done = pending.remember(s, letter.id, temp, out)
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
        pending=half_done,
    )


def publish(db: Database, result: LetterResult) -> LetterResult:
    """After the commit: the temporary file becomes the letter's file and the note is cleared."""
    from dataclasses import replace as dc_replace

    if result.pending is None:
        return result
    try:
        with db.reading() as s, s.begin():
            pending.finish(s, result.pending)
    except OSError as exc:
        raise UserError(
            f"Văn bản số {result.number} đã vào sổ nhưng chưa ghi được tệp «{result.path}»: "
            f"{exc.strerror or exc}. Chương trình sẽ thử lại khi mở lần sau."
        ) from None
    return dc_replace(result, pending=None)
