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
