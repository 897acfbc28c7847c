"""Reading directive files (.txt, .docx, PDF) and the `directive parse` command."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from app.cli import main
from app.directive_text.files import read_text
from app.errors import UserError

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "cv-420-TU-2026.txt"


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    d = docx.Document()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "TỈNH ỦY HƯNG YÊN"
    table.cell(0, 1).text = "Hưng Yên, ngày 17 tháng 4 năm 2026"
    d.add_paragraph("Số 420 -CV/TU")
    path = tmp_path / "cv.docx"
    d.save(str(path))
    text = read_text(path)
    assert "TỈNH ỦY HƯNG YÊN" in text and "Số 420 -CV/TU" in text and "ngày 17 tháng 4" in text


def test_scanned_pdf_is_refused_with_reason(tmp_path: Path) -> None:
    w = PdfWriter()
    w.add_blank_page(595, 842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as f:
        w.write(f)
    with pytest.raises(UserError, match="bản quét"):
        read_text(path)


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_text("không phải pdf")
    with pytest.raises(UserError, match="không phải tệp PDF"):
        read_text(path)


def test_cli_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["directive", "parse", str(SEED), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == [
        "number", "kind", "date", "place", "issuer", "subject", "signer", "signer_title",
        "signing_authority", "references", "tasks", "notes",
    ]  # fmt: skip
    assert list(out["tasks"][0]) == [
        "content", "group", "lead", "cooperating", "product", "deadline_text", "deadline_kind", "due", "recurrence",  # noqa: E501
    ]  # fmt: skip


def test_cli_text_cuts_long_content_at_a_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cv.txt"
    path.write_text(
        "1. Giao Sở Khoa học và Công nghệ chủ trì xây dựng Đề án phát triển hệ sinh thái khởi nghiệp"
        " đổi mới sáng tạo tỉnh giai đoạn 2026-2030; hoàn thành trước ngày 30/6/2026.\n",
        encoding="utf-8",
    )
    assert main(["directive", "parse", str(path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("1. "))
    shown = line.split(": ", 1)[1].split(" — ")[0]
    assert shown.endswith(" …") and shown.startswith("Xây dựng Đề án phát triển"), line
    full = "Xây dựng Đề án phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo tỉnh giai đoạn 2026-2030 "
    assert full.startswith(shown.removesuffix("…")), line  # whole words only


def test_cli_unreadable_file_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(b"\x00\x01junk")
    assert main(["directive", "parse", str(path), "--json"]) != 0
    err = capsys.readouterr().err
    assert "không phải tệp Word" in err and "Traceback" not in err
