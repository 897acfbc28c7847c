"""The report on one directive and the periodic report as a report: content, recipients, period counts."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from app.context import AppContext
from app.letters.narrative import Sections
from models.vn_dates import LetterFormat
from tests.letters.ids import directive

AS_OF = date(2026, 11, 24)


def _texts(path: Path) -> list[str]:
    doc = Document(str(path))
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]


def _orientations(path: Path) -> list[str | None]:
    doc = Document(str(path))
    return [s._sectPr.find(qn("w:pgSz")).get(qn("w:orient")) for s in doc.sections]


def test_response_to_420_answers_the_issuer_and_prints_each_task_with_its_reports(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    d = directive(demo_ctx, "420-CV/TU")
    data, sections = demo_ctx.letters.preview_response(d, AS_OF)
    out = tmp_path / "r.docx"
    result = demo_ctx.letters.response(d, out, None, AS_OF).value
    assert result.format is LetterFormat.PARTY and "-BC/" in result.number  # the issuer's format
    text = _texts(out)
    joined = "\n".join(text)
    assert "Kính gửi: Ban Thường vụ Tỉnh ủy" in text
    assert "Thực hiện Công văn số 420-CV/TU, ngày 17/4/2026 của Ban Thường vụ Tỉnh ủy về triển khai" in joined
    for heading in (
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ):
        assert heading in text
    # every task in its order, with what the agencies reported: text, number, date, evidence by name
    positions = [joined.index(t.line.content.split("\n")[0][:60]) for t in data.tasks]
    assert positions == sorted(positions)
    reported = [r for t in data.tasks for r in t.reports]
    assert reported, "the demo has reports on 420-CV/TU"
    for r in reported:
        if r.doc_number:
            assert f"Văn bản số {r.doc_number}" in joined
        for name in r.evidence:
            assert name in joined
    # 7 tasks do not fit the body: a landscape appendix numbered from 1
    assert _orientations(out) == [None, "landscape"] or _orientations(out)[-1] == "landscape"
    assert any(t.startswith("(Kèm theo Báo cáo số " + result.number) for t in text)
    # counts in section I add up to the tasks
    assert f"trong tổng số {len(data.tasks)} nhiệm vụ" in sections.results
    # proposals go upward
    assert sections.proposals.startswith("Kính đề nghị Ban Thường vụ Tỉnh ủy")


def test_the_officers_edits_print_instead_of_the_drafts(demo_ctx: AppContext, tmp_path: Path) -> None:
    d = directive(demo_ctx, "420-CV/TU")
    edited = Sections("Kết quả do cán bộ viết.", "Hạn chế do cán bộ viết.", "Nhiệm vụ tới.", "Kiến nghị.")
    out = tmp_path / "r.docx"
    demo_ctx.letters.response(d, out, LetterFormat.STATE, AS_OF, edited)
    text = _texts(out)
    for line in ("Kết quả do cán bộ viết.", "Hạn chế do cán bộ viết.", "Nhiệm vụ tới.", "Kiến nghị."):
        assert line in text
    assert "Kính gửi: Ban Thường vụ Tỉnh ủy" in text  # state format chosen, still to the issuer


def test_response_to_own_plan_goes_upward_in_the_state_format(demo_ctx: AppContext, tmp_path: Path) -> None:
    d = directive(demo_ctx, "125/KH-BCĐ")
    out = tmp_path / "r125.docx"
    result = demo_ctx.letters.response(d, out, None, AS_OF).value
    assert result.format is LetterFormat.STATE and "/BC-" in result.number
    text = _texts(out)
    assert "Kính gửi: Thường trực Tỉnh ủy" in text
    assert any(t.startswith("Thực hiện Kế hoạch số 125/KH-BCĐ ngày 10/4/2026") for t in text)
    assert result.task_count == 61


def test_response_refuses_a_day_before_the_directive(demo_ctx: AppContext, tmp_path: Path) -> None:
    from app.errors import UserError

    with pytest.raises(UserError, match="trước ngày ban hành"):
        demo_ctx.letters.response(
            directive(demo_ctx, "420-CV/TU"), tmp_path / "x.docx", None, date(2026, 4, 1)
        )
    assert demo_ctx.letters.list_letters() == []


def test_periodic_report_counts_its_period_and_never_sends_to_its_signer(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    L = demo_ctx.letters
    month, quarter = tmp_path / "m.docx", tmp_path / "q.docx"
    L.report("2026-06", month, LetterFormat.STATE, AS_OF)
    L.report("2026-Q2", quarter, LetterFormat.STATE, AS_OF)
    m, q = _texts(month), _texts(quarter)
    m_period = next(t for t in m if t.startswith("Trong kỳ báo cáo"))
    q_period = next(t for t in q if t.startswith("Trong kỳ báo cáo"))
    assert m_period != q_period, "June and the second quarter count different windows"
    for text in (m, q):
        assert "Kính gửi: Thường trực Tỉnh ủy" in text
        assert "- Các Phó Chủ tịch UBND tỉnh;" in text  # the Chủ tịch signs: not a recipient
        assert not any(t.startswith("- Chủ tịch") for t in text)
        assert "IV. ĐỀ XUẤT, KIẾN NGHỊ" in text
        assert not any(t.startswith("Đề nghị các cơ quan") for t in text)


def test_year_report_moves_a_long_overdue_list_to_the_appendix_and_explains_totals(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    L = demo_ctx.letters
    out = tmp_path / "y.docx"
    L.report("2026-Q3", out, LetterFormat.STATE, AS_OF)
    text = _texts(out)
    assert any(t.startswith("Bảng tính 67/68 nhiệm vụ (không tính 1 nhiệm vụ đã hủy") for t in text)
    at = text.index("71,5")
    assert text[at + 1] == "(quý\u00a0III\u2060/\u20602026)", (
        "the value, then its period, never broken inside"
    )


def test_cumulative_sentence_breaks_down_every_task_followed(demo_ctx: AppContext, tmp_path: Path) -> None:
    """R6: "theo dõi 68 nhiệm vụ, trong đó: …" — the list adds up to 68, not to the done ones."""
    out = tmp_path / "m.docx"
    demo_ctx.letters.report("2026-06", out, LetterFormat.STATE, AS_OF)
    text = _texts(out)
    at = next(i for i, t in enumerate(text) if t.startswith("Lũy kế đến ngày"))
    total = int(re.search(r"theo dõi (\d+) nhiệm vụ, trong đó:$", text[at]).group(1))  # type: ignore[union-attr]
    listed = []
    for line in text[at + 1 :]:
        found = re.fullmatch(r".+: (\d+) nhiệm vụ[;.]", line)
        if not found:
            break
        listed.append(int(found.group(1)))
    assert "đã hoàn thành" not in text[at] and sum(listed) == total


def test_year_report_lists_its_overdue_tasks_once(demo_ctx: AppContext, tmp_path: Path) -> None:
    """R7: a short overdue list is the table in section II, not also bullets above it."""
    out = tmp_path / "y.docx"
    demo_ctx.letters.report("2026", out, LetterFormat.STATE, AS_OF)
    text = _texts(out)
    section = text[
        text.index("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN") : text.index(
            "III. NHIỆM VỤ, GIẢI PHÁP THỜI GIAN TỚI"
        )
    ]
    assert any("(danh mục dưới đây)" in t for t in section)
    assert not [t for t in section if t.startswith("- ")], "tasks listed as bullets and again in the table"
    doc = Document(str(out))
    overdue = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Số ngày quá hạn")
    assert len(overdue.rows) - 1 == len(demo_ctx.letters.preview_report("2026").overdue)


def test_own_plan_names_its_issuer_once_and_keeps_the_body_short(
    demo_ctx: AppContext, tmp_path: Path
) -> None:
    """R8: "Kế hoạch … về hoạt động năm 2026 của Ban Chỉ đạo của UBND tỉnh …, Ban Chỉ đạo báo cáo",
    not the full name three times; the body names a few tasks per list, the appendix all."""
    from app.letters.narrative import BODY_LISTED, mention_once, reference

    assert reference("Ban Chỉ đạo của Ủy ban nhân dân tỉnh") == "Ban Chỉ đạo"
    assert reference("Ban Chỉ đạo tỉnh") == "Ban Chỉ đạo"
    own = "Ban Chỉ đạo của UBND tỉnh"
    said = f"về hoạt động của {own}, {own} báo cáo"
    assert mention_once(said, own) == f"về hoạt động của {own}, Ban Chỉ đạo báo cáo"
    name = "Ban Chỉ đạo của Ủy ban nhân dân tỉnh"
    out = tmp_path / "r125.docx"
    demo_ctx.letters.response(directive(demo_ctx, "125/KH-BCĐ"), out, LetterFormat.STATE, AS_OF)
    text = _texts(out)
    intro = next(t for t in text if t.startswith("Thực hiện Kế hoạch số 125/KH-BCĐ"))
    assert intro.count(name) == 1 and intro.endswith(
        "Ban Chỉ đạo báo cáo kết quả thực hiện (số liệu tính đến ngày 24/11/2026) như sau:"
    )
    closing = next(t for t in text if t.startswith("Trên đây là báo cáo"))
    assert name not in closing and "của Ban Chỉ đạo, kính báo cáo Thường trực Tỉnh ủy" in closing
    # in the Party format the plan is another body's: cited once in full, then by its reference
    party = tmp_path / "r125p.docx"
    demo_ctx.letters.response(directive(demo_ctx, "125/KH-BCĐ"), party, LetterFormat.PARTY, AS_OF)
    intro = next(t for t in _texts(party) if t.startswith("Thực hiện Kế hoạch số 125/KH-BCĐ"))
    assert intro.count(name) == 1 and "hoạt động năm 2026 của Ban Chỉ đạo về phát triển" in intro
    done = text.index("Các nhiệm vụ đã hoàn thành:")
    items = []
    for t in text[done + 1 :]:
        if not t.startswith("- "):
            break
        items.append(t)
    assert len(items) == BODY_LISTED + 1 and items[-1].startswith("- Và ") and "Phụ lục" in items[-1]


def test_appendix_when_the_overdue_list_is_long(demo_ctx: AppContext, tmp_path: Path) -> None:
    from app.letters import report

    out = tmp_path / "y.docx"
    saved = report.BODY_ROWS
    report.BODY_ROWS = 3
    try:
        demo_ctx.letters.report("2026", out, LetterFormat.PARTY, AS_OF)
    finally:
        report.BODY_ROWS = saved
    text = _texts(out)
    assert _orientations(out)[-1] == "landscape"
    assert any(t.startswith("DANH MỤC NHIỆM VỤ QUÁ HẠN ĐẾN NGÀY") for t in text)
    assert any(t.startswith("Danh mục ") and t.endswith("tại Phụ lục kèm theo.") for t in text)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None or not shutil.which("pdfinfo"), reason="LibreOffice/pdfinfo not installed"
)
@pytest.mark.parametrize("fmt", ["state", "party"])
def test_response_renders_portrait_body_and_landscape_appendix(
    demo_ctx: AppContext, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"r-{fmt}.docx"
    demo_ctx.letters.response(directive(demo_ctx, "420-CV/TU"), out, LetterFormat(fmt), AS_OF)
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{tmp_path / 'lo'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / f"r-{fmt}.pdf"
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "20", str(pdf)], capture_output=True, text=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    shapes = ["portrait" if float(h) > float(w) else "landscape" for w, h in sizes]
    assert shapes[0] == "portrait" and shapes[-1] == "landscape", shapes
    assert 3 <= len(shapes) <= 6, shapes
    # no blank page: every page carries text
    for n in range(1, len(shapes) + 1):
        page = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True
        ).stdout
        assert page.strip().strip("0123456789").strip(), f"page {n} is blank"
