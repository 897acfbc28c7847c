"""Each kind of letter through LibreOffice to PDF: page count, and no text outside the page."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.context import AppContext
from models.vn_dates import LetterFormat
from tests.letters.ids import agency, directive

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _to_pdf(docx: Path, outdir: Path) -> Path:
    profile = outdir / "lo-profile"
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = outdir / (docx.stem + ".pdf")
    assert pdf.exists(), done.stderr
    return pdf


def _pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", out).group(1))  # type: ignore[union-attr]
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def _words_inside_pages(pdf: Path) -> None:
    if not shutil.which("pdftotext"):
        return
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S)
    assert pages
    for width, height, body in pages:
        w, h = float(width), float(height)
        for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', body
        ):
            assert float(x0) >= 0 and float(y0) >= 0 and float(x1) <= w and float(y1) <= h, word
            # and inside the margins: nothing in the 15 mm right margin of a portrait page
            if w < h:
                assert float(x1) <= w - 15 * 72 / 25.4 + 2, f"{word!r} runs into the right margin"


@pytest.mark.slow
def test_each_kind_renders_inside_the_page(demo_ctx: AppContext, tmp_path: Path) -> None:
    made = [
        (
            demo_ctx.letters.remind(
                agency(demo_ctx, "Công an tỉnh"),
                date(2026, 11, 24),
                LetterFormat.STATE,
                tmp_path / "remind.docx",
            ).value,
            2,
            5,
        ),
        (
            demo_ctx.letters.remind(
                agency(demo_ctx, "Công an tỉnh"),
                date(2026, 11, 24),
                LetterFormat.PARTY,
                tmp_path / "remind-p.docx",
            ).value,
            2,
            5,
        ),
        (demo_ctx.letters.assign(directive(demo_ctx, "125/KH-BCĐ"), tmp_path / "assign.docx").value, 4, 14),
        (demo_ctx.letters.report("2026-Q3", tmp_path / "report.docx").value, 3, 12),
    ]
    for result, low, high in made:
        pdf = _to_pdf(result.path, tmp_path)
        assert low <= _pages(pdf) <= high, (result.path.name, _pages(pdf))
        _words_inside_pages(pdf)


def _word_lines_by_page(pdf: Path) -> list[list[list[str]]]:
    """Each page's text lines, top to bottom, each line its words left to right (grouped by
    their baseline)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = []
    for body in re.findall(r"<page [^>]*>(.*?)</page>", html, re.S):
        rows: dict[int, list[tuple[float, str]]] = {}
        for x0, _y0, _x1, y1, word in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', body
        ):
            rows.setdefault(round(float(y1)), []).append((float(x0), word))
        pages.append([[w for _, w in sorted(rows[y])] for y in sorted(rows)])
    return pages


def _lines_by_page(pdf: Path) -> list[list[str]]:
    """Each page's text lines, top to bottom."""
    return [[" ".join(words) for words in page] for page in _word_lines_by_page(pdf)]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_rendered_pages_have_no_blank_page_no_lonely_heading_no_broken_number(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    """Issue 12 on the rendered page: the 420-CV/TU assignment letter has no blank page 2; no
    group heading of the 125/KH-BCĐ appendix sits alone at a page foot; no date or number is
    broken across lines ("30/11/20|26", "125/KH-|BCĐ"); "SỐ" is not alone in the Party header."""
    L = demo_ctx.letters
    a420 = L.assign(directive(demo_ctx, "420-CV/TU"), tmp_path / "a420.docx", LetterFormat.STATE).value
    a125 = L.assign(directive(demo_ctx, "125/KH-BCĐ"), tmp_path / "a125.docx").value
    p125 = L.assign(directive(demo_ctx, "125/KH-BCĐ"), tmp_path / "p125.docx", LetterFormat.PARTY).value
    pages420 = _lines_by_page(_to_pdf(a420.path, tmp_path))
    assert all(page for page in pages420), "a blank page"
    # the letter on one page, its appendix (7 tasks, each deadline as assigned, no status) on one
    assert len(pages420) == 2, [page[:3] for page in pages420]
    from docx import Document

    for result in (a125, p125):
        pages = _lines_by_page(_to_pdf(result.path, tmp_path))
        assert all(page for page in pages), "a blank page"
        table = Document(str(result.path)).tables[-1]
        headings = [r.cells[0].text for r in table.rows if len({id(c._tc) for c in r.cells}) == 1]
        assert headings
        for n, page in enumerate(pages[:-1], 1):
            last = page[-1] if not re.fullmatch(r"\d+", page[-1]) else page[-2]
            assert not any(h.startswith(last) for h in headings), f"«{last}» alone at the foot of page {n}"
        for page in pages:
            for line in page:
                assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{1,3}$", line), f"a date broken: {line!r}"
                assert not re.search(r"/[A-ZĐ]+[-\u2011]$", line), f"a number broken: {line!r}"
        first = pages[0]
        assert "SỐ" not in first and "SỐ," not in first, "a word alone on a header line"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_reports_on_the_rendered_page(demo_ctx: AppContext, tmp_path: Path) -> None:
    """The tester's report defects on the rendered page: "SỐ" alone in the Party header of the
    report on 420-CV/TU (R4); "(quý III/2026)" broken in the indicator table (R5); the report on
    125/KH-BCĐ: a short body and no page holding only the closing and the signature (R8)."""
    L = demo_ctx.letters
    as_of = date(2026, 11, 24)
    party = L.response(directive(demo_ctx, "420-CV/TU"), tmp_path / "r420.docx", LetterFormat.PARTY, as_of)
    first = _lines_by_page(_to_pdf(party.value.path, tmp_path))[0]
    assert "SỐ" not in first and "SỐ," not in first, first[:8]
    plan = L.response(directive(demo_ctx, "125/KH-BCĐ"), tmp_path / "r125.docx", LetterFormat.STATE, as_of)
    pages = _lines_by_page(_to_pdf(plan.value.path, tmp_path))
    body = [n for n, page in enumerate(pages) if not any(line.startswith("Phụ lục") for line in page[:2])]
    body = body[: next((i for i, n in enumerate(body) if n != i), len(body))]  # the portrait pages
    assert len(body) <= 4, f"the body runs to {len(body)} pages"
    signed = pages[body[-1]]
    assert any("Phạm Quang Ngọc" in line for line in signed)
    assert any(line.startswith("IV. ĐỀ XUẤT") for line in signed), "the signature page holds section IV"
    year = L.report("2026", tmp_path / "y.docx", LetterFormat.STATE, as_of)
    lines = [line for page in _lines_by_page(_to_pdf(year.value.path, tmp_path)) for line in page]
    assert any("(quý III/2026)" in line for line in lines)
    assert not any(re.search(r"\((quý|tháng) [IV\d]+$|^/\d{4}\)", line) for line in lines), "a period broken"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_reminder_table_cells_keep_dates_and_roles_whole(demo_ctx: AppContext, tmp_path: Path) -> None:
    """Tester M1: in the due-soon table of Công an tỉnh's reminder the "Đến hạn ngày" cell printed
    "30/11/202|6" and the role "Phối|hợp"; on the rendered page both stay on one line."""
    made = demo_ctx.letters.remind(
        agency(demo_ctx, "Công an tỉnh"), date(2026, 11, 24), LetterFormat.STATE, tmp_path / "r.docx"
    ).value
    lines = [line for page in _word_lines_by_page(_to_pdf(made.path, tmp_path)) for line in page]
    words = [w for line in lines for w in line]
    assert "30/11/2026" in words, "the due-soon date is printed whole"
    for line in lines:
        for n, word in enumerate(line):
            assert not re.fullmatch(r"\d{1,2}/\d{1,2}/\d{0,3}", word), f"a date broken: {line}"
            if word == "Phối":
                assert line[n + 1 : n + 2] == ["hợp"], f"«Phối hợp» broken: {line}"
