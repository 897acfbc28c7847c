"""Every bad input gets one Vietnamese message naming the file (and sheet/column where it applies),
never a traceback, and leaves the database as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app.appendix.parse import AppendixParse
from app.cli_common import EXIT_USER
from app.context import AppContext
from app.errors import UserError
from models.entities import Agency, Directive, Indicator, Task
from tests.appendix.builder import Layout, build
from tests.cli_run import run_cli

Parse = Callable[[Path], AppendixParse]


def not_a_workbook(tmp: Path) -> Path:
    path = tmp / "ghi-chu.xlsx"
    path.write_text("Đây không phải bảng tính", encoding="utf-8")
    return path


def truncated(tmp: Path) -> Path:
    whole = build(tmp / "full.xlsx").read_bytes()
    path = tmp / "cat-do.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def zero_bytes(tmp: Path) -> Path:
    path = tmp / "rong.xlsx"
    path.write_bytes(b"")
    return path


def empty_workbook(tmp: Path) -> Path:
    path = tmp / "trang.xlsx"
    openpyxl.Workbook().save(path)
    return path


def encrypted(tmp: Path) -> Path:
    """What Excel writes for a password-protected .xlsx: an OLE container with an EncryptionInfo stream."""
    path = tmp / "mat-khau.xlsx"
    directory = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50 + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + directory + b"\x00" * 1024)
    return path


def no_header(tmp: Path) -> Path:
    path = tmp / "khong-tieu-de.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Danh sách"
    for row in (["Hà Nội", 1, 2], ["Hưng Yên", 3, 4], ["Hải Phòng", 5, 6]):
        ws.append(row)
    wb.save(path)
    return path


def missing_lead_column(tmp: Path) -> Path:
    header = [
        ("TT", "stt"),
        ("Nội dung nhiệm vụ", "content"),
        ("Sản phẩm", "product"),
        ("Thời hạn", "deadline_text"),
    ]
    return build(tmp / "thieu-cot.xlsx", Layout(header=header, two_level=False), with_indicators=False)


def header_only(tmp: Path) -> Path:
    path = tmp / "chi-tieu-de.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["TT", "Nội dung nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn"])
    wb.save(path)
    return path


CASES: list[tuple[Callable[[Path], Path], str]] = [
    (not_a_workbook, "không phải bảng tính"),
    (truncated, "bị hỏng"),
    (zero_bytes, "rỗng"),
    (empty_workbook, "trống"),
    (encrypted, "mật khẩu"),
    (no_header, "không tìm thấy dòng tiêu đề"),
    (missing_lead_column, "thiếu cột «Chủ trì»"),
    (header_only, "không có dòng nhiệm vụ"),
]
IDS = [
    "not-a-workbook",
    "truncated",
    "zero-bytes",
    "empty-workbook",
    "encrypted",
    "no-header",
    "missing-column",
    "header-only",
]


@pytest.mark.parametrize(("make", "words"), CASES, ids=IDS)
def test_bad_input_is_one_vietnamese_message_naming_the_file(
    tmp_path: Path, parse: Parse, make: Callable[[Path], Path], words: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(UserError) as err:
        parse(path)
    message = str(err.value)
    assert path.name in message
    assert words in message


def test_missing_column_names_the_sheet_and_header_row(tmp_path: Path, parse: Parse) -> None:
    with pytest.raises(
        UserError, match=r"trang «PL02»: bảng nhiệm vụ \(tiêu đề ở dòng 5\) thiếu cột «Chủ trì»"
    ):
        parse(missing_lead_column(tmp_path))


def test_missing_file_and_folder(tmp_path: Path, parse: Parse) -> None:
    with pytest.raises(UserError, match="Không tìm thấy tệp"):
        parse(tmp_path / "khong-co.xlsx")
    with pytest.raises(UserError, match="thư mục"):
        parse(tmp_path)


def _counts(ctx: AppContext) -> tuple[int, int, int, int]:
    assert ctx.db is not None
    with ctx.db.reading() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(t)) or 0 for t in (Directive, Task, Indicator, Agency)
        )


@pytest.mark.parametrize(("make", "words"), CASES, ids=IDS)
def test_bad_input_changes_nothing_in_the_database(
    tmp_path: Path, demo_ctx: AppContext, make: Callable[[Path], Path], words: str
) -> None:
    before = _counts(demo_ctx)
    with pytest.raises(UserError):
        preview = demo_ctx.importer.preview(make(tmp_path))
        demo_ctx.importer.commit(preview, preview.default_decisions())
    assert _counts(demo_ctx) == before


@pytest.mark.parametrize(("make", "words"), CASES[:5], ids=IDS[:5])
def test_cli_bad_input_exits_non_zero_without_traceback(
    tmp_path: Path, make: Callable[[Path], Path], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(tmp_path)
    for args in (
        ["appendix", "parse", str(path), "--json"],
        ["--db", str(tmp_path / "x.sqlite"), "import", str(path)],
    ):
        out = run_cli(capsys, *args)
        assert out.returncode == EXIT_USER  # a user's mistake, not an unexpected error
        assert out.stdout == ""
        assert words in out.stderr and path.name in out.stderr
        assert out.stderr.count("\n") == 1


def test_cli_appendix_without_its_subcommand_names_no_internal_dest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run_cli(capsys, "appendix", str(tmp_path / "phu-luc.xlsx"))
    assert out.returncode != 0
    assert "appendix_command" not in out.stderr and "parse" in out.stderr, out.stderr
