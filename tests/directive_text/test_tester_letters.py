"""The tester's letters from other bodies (report tester11, defects 8–11, 13–16), one test each.

Fixtures in ./letters: l1 (UBND Quảng Ninh công văn), l2 (thông báo kết luận of a BCĐ), l3/l3b
(a Sở's short kế hoạch, undated draft), l4 (one deadline wording per item), l1p.pdf (l1 through
LibreOffice: wrapped lines), scan2.pdf (a scan whose only text is the e-signature stamp).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from app.appendix.parse import default_catalogue
from app.cli import main
from app.directive_text.files import read_text
from app.directive_text.parse import parse_file
from app.errors import UserError
from models.deadlines import DeadlineKind, Frequency
from models.directive_text.cleanup import clean_text
from models.directive_text.header import read_header
from models.directive_text.reader import NO_TASKS, read_directive

LETTERS = Path(__file__).resolve().parent / "letters"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
CAT = default_catalogue()


def _read(name: str, today: date | None = None) -> dict:
    return parse_file(LETTERS / name, CAT, today).to_json()


def _task(out: dict, starts: str) -> dict:
    return next(t for t in out["tasks"] if t["content"].startswith(starts))


# -- 8: the body does not depend on a line longer than 150 characters ---------------------------
def test_short_plan_without_long_line_keeps_its_tasks() -> None:
    """l3b: "II. NHIỆM VỤ CỤ THỂ / 1. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp Sở Tài
    chính …; hoàn thành trước ngày 30/6/2026." gave 0 tasks, rc 0, no warning."""
    out = _read("l3b.txt")
    assert [t["lead"] for t in out["tasks"]][:2] == ["Sở Khoa học và Công nghệ", "Sở Nội vụ"]
    assert out["tasks"][0]["cooperating"] == ["Sở Tài chính"]
    assert len(out["tasks"]) == 3  # the signature "GIÁM ĐỐC / Trần Văn Bình" is no task
    assert out["notes"] == []


def test_letter_without_tasks_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "tb.txt"
    path.write_text("BAN CHỈ ĐẠO\n\nSố 3-TB/BCĐ\n\nThông báo ngắn về lịch họp.\n", encoding="utf-8")
    assert parse_file(path, CAT).notes == [NO_TASKS]
    assert main(["directive", "parse", str(path)]) == 0
    assert "không tìm thấy nhiệm vụ nào" in capsys.readouterr().out


# -- 9: .docx line breaks inside a header table cell -------------------------------------------
def test_docx_header_table_with_line_breaks(tmp_path: Path) -> None:
    """As mkdocx.py builds l1.docx: cell.text with "\\n" (w:br); the header was lost and
    "2158/UBND-KTTCV" invented from the number glued to "V/v"."""
    src = (LETTERS / "l1.txt").read_text(encoding="utf-8").split("\n")
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\n\nSố: 2158/UBND-KTTC\nV/v triển khai các nhiệm vụ trọng tâm\n"
        "về chuyển đổi số năm 2026"
    )
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 1).text = "Quảng Ninh, ngày 05 tháng 5 năm 2026"
    for line in src[src.index("Kính gửi:") : src.index("Nơi nhận:")]:
        d.add_paragraph(line)
    t2 = d.add_table(rows=1, cols=2)
    t2.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT, KTTC."
    t2.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nNguyễn Văn Thắng"
    path = tmp_path / "l1.docx"
    d.save(str(path))
    out = parse_file(path, CAT).to_json()
    assert (out["number"], out["kind"], out["issuer"], out["signer"]) == (
        "2158/UBND-KTTC",
        "CV",
        "Ủy ban nhân dân tỉnh Quảng Ninh",
        "Nguyễn Văn Thắng",
    )
    assert out["subject"] == "V/v triển khai các nhiệm vụ trọng tâm về chuyển đổi số năm 2026"
    assert "2158/UBND-KTTCV" not in out["references"]
    assert len(out["tasks"]) == 6


def test_docx_tab_inside_paragraph_is_kept(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Số: 12/KH-UBND")
    p.add_run().add_tab()
    p.add_run("Nghệ An, ngày 2 tháng 3 năm 2026")
    path = tmp_path / "tab.docx"
    d.save(str(path))
    assert "Số: 12/KH-UBND\tNghệ An" in read_text(path)


# -- 10: a PDF line wrapped inside the date ------------------------------------------------------
def test_pdf_wrapped_date_line_keeps_date_and_place() -> None:
    """l1p.pdf: "ngày 05 tháng 5 năm \\n2026" lost date and place."""
    out = _read("l1p.pdf")
    assert (out["date"], out["place"]) == ("2026-05-05", "Quảng Ninh")
    h = read_header(clean_text("Quảng Ninh, ngày 05 tháng 5 năm \n2026\n"))
    assert h.issued_on == date(2026, 5, 5)


# -- 11: a scan whose only text is the e-signature stamp -----------------------------------------
def test_scan_with_signature_stamp_is_a_scan() -> None:
    """scan2.pdf: «Ký bởi: Ủy ban nhân dân tỉnh Quảng Ninh Email: … Thời gian ký: 05.05.2026 …»
    gave rc 0 and an empty reading."""
    with pytest.raises(UserError, match=r"bản quét.*chữ ký số"):
        read_text(LETTERS / "scan2.pdf")


def test_scan_with_signature_stamp_cli_exits_non_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["directive", "parse", str(LETTERS / "scan2.pdf"), "--json"]) != 0
    assert "bản quét" in capsys.readouterr().err


# -- 13: the phrases the appendix reader understands reach parse_deadline ------------------------
@pytest.mark.parametrize(
    ("item", "phrase", "kind", "due"),
    [
        (1, "hoàn thành T6/2026", DeadlineKind.ONCE, "2026-06-30"),
        (3, "hoàn thành trước 30/6", DeadlineKind.ONCE, "2026-06-30"),
        (6, "hoàn thành 6/2026", DeadlineKind.ONCE, "2026-06-30"),
        (12, "từ ngày 18 - 26/9", DeadlineKind.ONCE, "2026-09-26"),
        (18, "thời gian: thường xuyên", DeadlineKind.CONTINUOUS, None),
        (
            11,
            "khởi động quý IV/2026; hoàn thành giai đoạn 1 quý II/2027; duy trì đến 2030",
            DeadlineKind.MILESTONES,
            "2030-12-31",
        ),
    ],
)
def test_letter_hands_appendix_phrases_to_the_deadline_reader(
    item: int, phrase: str, kind: DeadlineKind, due: str | None
) -> None:
    task = _read("l4.txt")["tasks"][item - 1]
    assert (task["deadline_text"], task["deadline_kind"], task["due"]) == (phrase, kind.value, due)


def test_thoi_gian_thuc_hien_thuong_xuyen() -> None:
    task = _task(_read("l1.txt"), "Đẩy mạnh tuyên truyền")
    assert (task["deadline_text"], task["deadline_kind"]) == (
        "Thời gian thực hiện: thường xuyên",
        "continuous",
    )


def test_two_milestones_in_one_sentence() -> None:
    draft = parse_file(LETTERS / "l3.txt", CAT)
    task = next(t for t in draft.tasks if t.content.startswith("Triển khai phủ sóng 5G"))
    assert task.deadline_text == "hoàn thành giai đoạn 1 trong tháng 9/2026, hoàn thành toàn bộ năm 2027"
    assert task.deadline.dates == (date(2026, 9, 30), date(2027, 12, 31))


def test_deadline_text_is_not_cut_mid_bracket() -> None:
    task = _task(_read("l1.txt"), "Hướng dẫn các xã")
    assert task["deadline_text"] == "định kỳ hằng tháng (trước ngày 20)"
    assert task["recurrence"] == "monthly"


@pytest.mark.parametrize(
    ("item", "phrase", "freq", "day"),
    [
        (10, "trước 11 giờ ngày thứ 6 hằng tuần", Frequency.WEEKLY, 4),
        (22, "trước ngày 20/12 hằng năm", Frequency.YEARLY, 20),
        (7, "thời gian thực hiện: năm 2026 và những năm tiếp theo", Frequency.YEARLY, None),
    ],
)
def test_recurring_phrase_keeps_its_day(item: int, phrase: str, freq: Frequency, day: int | None) -> None:
    draft = parse_file(LETTERS / "l4.txt", CAT)
    task = draft.tasks[item - 1]
    assert task.deadline_text == phrase
    rec = task.deadline.recurrence
    assert rec is not None and (rec.freq, rec.day) == (freq, day)


def test_monday_weekly_report() -> None:
    draft = parse_file(LETTERS / "l2.txt", CAT)
    task = next(t for t in draft.tasks if t.content.startswith("Tổng hợp báo cáo Thường trực"))
    assert task.deadline_text == "vào thứ Hai hằng tuần"
    assert task.deadline.recurrence is not None and task.deadline.recurrence.day == 0


# -- 14: header fields of letters from other bodies ----------------------------------------------
def test_ubnd_issuer_and_kt_authority() -> None:
    """l1: issuer "Tỉnh Quảng Ninh", signer_title "Kt. Chủ tịch, Phó Chủ tịch"."""
    out = _read("l1.txt")
    assert (out["issuer"], out["signer_title"], out["signing_authority"]) == (
        "Ủy ban nhân dân tỉnh Quảng Ninh",
        "Phó Chủ tịch",
        "T/M Ủy ban nhân dân; K/T Chủ tịch",
    )


def test_bcd_full_name_and_conclusion_subject() -> None:
    """l2: issuer was the tail of the BCĐ's name; subject null beside "KẾT LUẬN CỦA …"."""
    out = _read("l2.txt")
    assert out["issuer"] == (
        "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh"
    )
    assert out["subject"] == (
        "Kết luận của đồng chí Trưởng Ban Chỉ đạo tại phiên họp thứ ba của Ban Chỉ đạo tỉnh"
    )


def test_department_draft_place_and_issuer_case() -> None:
    """l3: place null though "Nghệ An, ngày    tháng 3 năm 2026"; issuer lower-cased."""
    out = _read("l3.txt")
    assert (out["place"], out["date"], out["issuer"]) == ("Nghệ An", None, "Sở Khoa học và Công nghệ")


# -- 15: roles and task boundaries ---------------------------------------------------------------
def test_cooperating_names_with_brackets_and_unknown_names() -> None:
    """ "Giao Sở KH&CN tỉnh chủ trì, phối hợp Sở Thông tin và Truyền thông (cũ), các doanh
    nghiệp viễn thông (Viettel, VNPT, Mobifone) triển khai…" → cooperating []."""
    task = _task(_read("l3.txt"), "Triển khai phủ sóng 5G")
    assert task["lead"] == "Sở Khoa học và Công nghệ"
    assert task["cooperating"] == ["Sở Thông tin và Truyền thông (cũ)", "Các doanh nghiệp viễn thông"]


def test_giao_cac_so_list() -> None:
    """ "Giao các Sở: Tài chính, Nội vụ, Tư pháp phối hợp…" → empty lead."""
    task = _task(_read("l3.txt"), "Phối hợp rà soát quy định")
    assert task["lead"] == "Sở Tài chính; Sở Nội vụ; Sở Tư pháp"


def test_division_of_a_department_leads_as_written() -> None:
    """ "Phòng Quản lý công nghệ chủ trì…" → empty lead (not even as written)."""
    draft = parse_file(LETTERS / "l3.txt", CAT)
    task = draft.tasks[0]
    assert [p.written for p in task.lead] == ["Phòng Quản lý công nghệ"]
    assert [p.written for p in task.cooperating] == ["Văn phòng Sở"]
    assert task.content.startswith("Rà soát bộ chỉ số")


def test_second_agency_before_colon_kept() -> None:
    """ "Sở Văn hóa, Thể thao và Du lịch, Báo và Phát thanh, Truyền hình Quảng Ninh:" dropped
    the second agency."""
    task = _task(_read("l1.txt"), "Đẩy mạnh tuyên truyền")
    assert task["lead"] == "Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình Quảng Ninh"


def test_weekly_report_and_december_conference_are_two_tasks() -> None:
    """l2 item 2 combined a weekly Monday report and "Hội nghị sơ kết … trong tháng 12/2026"."""
    out = _read("l2.txt")
    weekly = _task(out, "Tổng hợp báo cáo Thường trực")
    conference = _task(out, "Tham mưu tổ chức Hội nghị sơ kết")
    assert (weekly["recurrence"], conference["due"]) == ("weekly", "2026-12-31")
    assert weekly["lead"] == conference["lead"] == "Sở Khoa học và Công nghệ"


def test_closing_announcement_is_not_a_task() -> None:
    """ "Ban Chỉ đạo thông báo để các cơ quan, đơn vị biết, thực hiện." became a task."""
    assert not any(t["content"].startswith("Ban Chỉ đạo thông báo") for t in _read("l2.txt")["tasks"])


def test_via_agency_in_brackets_is_not_cooperating() -> None:
    """ "báo cáo kết quả về UBND tỉnh (qua Sở Khoa học và Công nghệ)": the channel, not a partner."""
    assert _task(_read("l1.txt"), "Hướng dẫn các xã")["cooperating"] == []


# -- 16: references in the order the 420 expected JSON has them ----------------------------------
def test_420_references_in_expected_order() -> None:
    import json

    expected = json.loads((SEEDS / "cv-420-TU-2026.expected.json").read_text(encoding="utf-8"))
    out = parse_file(SEEDS / "cv-420-TU-2026.txt", CAT).to_json()
    assert out["references"] == expected["references"]


def test_shared_date_list_stays_together() -> None:
    text = "Thực hiện Nghị quyết số 57-NQ/TW; Kế hoạch số 63-KH/TU, 64-KH/TU ngày 22/4/2026; Quyết định số 5/QĐ-UBND ngày 1/4/2026."  # noqa: E501
    assert [r.number for r in read_directive(text, CAT).references] == [
        "63-KH/TU",
        "64-KH/TU",
        "5/QĐ-UBND",
        "57-NQ/TW",
    ]


def test_th6_month_abbreviation_is_june() -> None:
    """l4 item 21 "hoàn thành Th6/2026" is handed over whole, and read as the end of June."""
    task = _read("l4.txt")["tasks"][20]
    assert (task["deadline_text"], task["due"]) == ("hoàn thành Th6/2026", "2026-06-30")


def test_pdf_signature_table_read_across_keeps_both_marks() -> None:
    """l1p.pdf: "- Lưu: VT, KTTC. TM. ỦY BAN NHÂN DÂN" on one line lost T/M."""
    assert _read("l1p.pdf")["signing_authority"] == "T/M Ủy ban nhân dân; K/T Chủ tịch"
