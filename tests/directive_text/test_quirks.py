"""Variants of the quirks letters come with, one per test: other provinces, other bodies."""

from __future__ import annotations

from datetime import date

import pytest

from app.directive_text.parse import reader_catalogue
from models.directive_text.cleanup import clean_text
from models.directive_text.header import read_header
from models.directive_text.reader import read_directive
from models.directive_text.references import find_references

CAT = reader_catalogue()


def header(text: str):
    return read_header(clean_text(text))


def test_party_number_with_space_before_dash() -> None:
    assert header("TỈNH ỦY BẮC NINH\n\nSố 88 -CV/TU\n").number == "88-CV/TU"


def test_state_number_with_colon_and_space_before_slash() -> None:
    assert header("UBND TỈNH NGHỆ AN\n\nSố: 1203 /UBND-KT\n").number == "1203/UBND-KT"


def test_state_number_with_year() -> None:
    h = header("Số:  12/2026/QĐ-UBND\n")
    assert (h.number, h.kind) == ("12/2026/QĐ-UBND", "QĐ")


def test_subject_over_three_lines() -> None:
    h = header(
        "Số 5-CV/BCĐ\n\nV/v đẩy mạnh chuyển đổi số\ntrong các cơ quan\nnhà nước\n\nKính gửi: Các sở, ngành\n"
    )
    assert h.subject == "V/v đẩy mạnh chuyển đổi số trong các cơ quan nhà nước"


def test_subject_cut_by_page_break_lowercase() -> None:
    h = header("Số 5-CV/BCĐ\n\nV/v triển khai Kế hoạch\n\nsố 10-KH/TU\n\nKính gửi: Các sở\n")
    assert h.subject == "V/v triển khai Kế hoạch số 10-KH/TU"


def test_footnote_marker_glued_to_word() -> None:
    text = clean_text("phù hợp với điều kiện của tỉnh¹; đề xuất lĩnh vực ưu tiên.\n\n¹ Chú thích.")
    assert "tỉnh; đề xuất" in text and "¹ Chú thích." in text


def test_caret_footnote_and_brackets() -> None:
    assert clean_text("PCVP^{Huy}, tỉnh[2] và xã^3 ") == "PCVP, tỉnh và xã\n"


def test_misspelled_place_in_date_line() -> None:
    h = header("Hung Yên, ngày 17 tháng 4 năm 2026\n")
    assert (h.place, h.issued_on) == ("Hưng Yên", date(2026, 4, 17))


def test_other_province_place_without_diacritics_fix() -> None:
    assert header("Thanh Hoá, ngày 2 tháng 3 năm 2026\n").place == "Thanh Hóa"


def test_bold_markers_and_bullet_star() -> None:
    text = clean_text(
        "* Sở Y tế chủ trì:\n\n- Rà soát; **định kỳ hằng tháng báo cáo.**\n\n- Như trên (*để báo cáo*),"
    )
    assert (
        text == "* Sở Y tế chủ trì:\n\n- Rà soát; định kỳ hằng tháng báo cáo.\n\n- Như trên (để báo cáo),\n"
    )


def test_page_break_mid_sentence() -> None:
    assert (
        clean_text("các văn bản của Ban Chỉ\n\nđạo tỉnh; giữ nghiêm")
        == "các văn bản của Ban Chỉ đạo tỉnh; giữ nghiêm\n"
    )


def test_document_number_broken_at_dash() -> None:
    assert "57-NQ/TW" in clean_text("Nghị quyết số 57-\n\nNQ/TW của Bộ Chính trị")


def test_hard_wrapped_pdf_lines_rejoined() -> None:
    line = "Tiếp tục quán triệt, triển khai thực hiện nghiêm túc các nghị quyết của Trung ương, "
    raw = (
        "1. "
        + line
        + "\n"
        + ("Bộ Chính trị về khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia " * 1)
        + "\nnăm 2026.\n"
    )
    raw = raw * 4
    text = clean_text(raw)
    assert text.count("\n") <= 8 and "quốc gia năm 2026." in text


def test_signature_kt_state_form() -> None:
    h = header("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An\n")
    assert (h.signing_authority, h.signer_title, h.signer) == (
        "K/T Chủ tịch",
        "Phó Chủ tịch",
        "Nguyễn Văn An",
    )


def test_signature_tl_party_form() -> None:
    h = header("T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n\nLê Thị Hoa\n")
    assert (h.signing_authority, h.signer_title) == ("T/L Ban Thường vụ", "Chánh Văn phòng")


def test_kind_from_title_when_no_symbol_kind() -> None:
    h = header("BAN CHỈ ĐẠO\n\nTHÔNG BÁO\n\nKết luận của Trưởng Ban Chỉ đạo tại phiên họp thứ 3\n")
    assert (h.kind, h.subject) == ("TB", "Kết luận của Trưởng Ban Chỉ đạo tại phiên họp thứ 3")


def test_issuer_two_lines_takes_the_lower() -> None:
    h = header("UBND TỈNH BẮC NINH\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\n\nSố: 45/SKHCN-VP\n")
    assert h.issuer == "Sở khoa học và công nghệ" or h.issuer.lower() == "sở khoa học và công nghệ"


def test_issuer_party_committee_keeps_place_capitals() -> None:
    assert header("THÀNH ỦY HẢI PHÒNG\n*\nSố 7-CV/TU\n").issuer == "Thành ủy Hải Phòng"


def test_references_shared_symbol_list_counts_each() -> None:
    refs = [r.number for r in find_references("Kế hoạch số 63-KH/TU, 64-KH/TU, 65-KH/TU ngày 22/4/2026")]
    assert refs == ["63-KH/TU", "64-KH/TU", "65-KH/TU"]


def test_references_shortened_number_list() -> None:
    assert [r.number for r in find_references("các Kế hoạch số 63, 64 và 65-KH/TU")] == [
        "63-KH/TU",
        "64-KH/TU",
        "65-KH/TU",
    ]


def test_references_exclude_own_number_and_dates() -> None:
    refs = find_references("Công văn số 420-CV/TU ngày 13/4/2026 thực hiện Nghị quyết 57-NQ/TW", "420-CV/TU")
    assert [r.number for r in refs] == ["57-NQ/TW"]


def _tasks(body: str, ref: date = date(2026, 4, 17)):
    text = (
        "Số 1-CV/TU\n\n"
        + "Ban Thường vụ yêu cầu các cơ quan, đơn vị tập trung thực hiện tốt các nhiệm vụ, giải pháp trọng tâm sau đây, bảo đảm tiến độ, chất lượng và hiệu quả thực chất:\n\n"  # noqa: E501
        + body
    )
    return read_directive(text, CAT, ref).tasks


def test_task_lead_then_bullets_then_block_deadline() -> None:
    tasks = _tasks(
        "1. Về dữ liệu\n\n* Sở Tư pháp chủ trì:\n\n- Rà soát A.\n\n- Rà soát B.\n\nHoàn thành trước ngày 25/6/2026.\n"  # noqa: E501
    )
    assert [(t.lead[0].name, t.deadline.due) for t in tasks] == [("Sở Tư pháp", date(2026, 6, 25))] * 2


def test_task_giao_prefix() -> None:
    (t,) = _tasks("Giao Sở Y tế xây dựng kế hoạch tiêm chủng, hoàn thành trong quý III/2026.\n")
    assert (t.lead[0].name, t.deadline.due, t.product) == (
        "Sở Y tế",
        date(2026, 9, 30),
        "Kế hoạch tiêm chủng",
    )


def test_task_product_is_never_cut_mid_word() -> None:
    # The tester's letter (Ninh Bình): the product was cut at 60 characters, "… tỉnh g".
    (t,) = _tasks(
        "1. Giao Sở Khoa học và Công nghệ chủ trì, phối hợp Sở Tài chính, Sở Nội vụ xây dựng Đề án"
        " phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo tỉnh giai đoạn 2026-2030;"
        " hoàn thành trước ngày 30/6/2026.\n"
    )
    assert t.product == "Đề án phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo tỉnh giai đoạn 2026-2030"
    (t,) = _tasks("Giao Sở Y tế xây dựng kế hoạch tiêm chủng mở rộng trình UBND tỉnh trong quý III/2026.\n")
    assert t.product == "Kế hoạch tiêm chủng mở rộng"


def test_task_de_nghi_prefix() -> None:
    (t,) = _tasks("Đề nghị Ủy ban MTTQ Việt Nam tỉnh tăng cường giám sát việc thực hiện.\n")
    assert t.lead[0].name == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"


def test_task_lead_and_cooperating_inline() -> None:
    (t,) = _tasks("Sở Tài chính chủ trì, Sở Nội vụ, Công an tỉnh phối hợp tham mưu bố trí kinh phí.\n")
    assert [p.name for p in t.lead] == ["Sở Tài chính"]
    assert [p.name for p in t.cooperating] == ["Sở Nội vụ", "Công an tỉnh"]
    assert t.content == "Tham mưu bố trí kinh phí."


def test_task_lead_cooperating_with() -> None:
    (t,) = _tasks("Sở Xây dựng chủ trì, phối hợp với Sở Tài chính rà soát các dự án.\n")
    assert ([p.name for p in t.lead], [p.name for p in t.cooperating]) == (["Sở Xây dựng"], ["Sở Tài chính"])


def test_task_colon_addressee_abbreviated() -> None:
    (t,) = _tasks("- Sở KH&CN: tổ chức hội thảo về đổi mới sáng tạo.\n")
    assert (t.lead[0].name, t.content) == (
        "Sở Khoa học và Công nghệ",
        "Tổ chức hội thảo về đổi mới sáng tạo.",
    )


def test_task_weekly_friday_report() -> None:
    (t,) = _tasks("Văn phòng Tỉnh ủy hàng tuần tổng hợp, báo cáo Thường trực trước 11 giờ ngày thứ 6.\n")
    assert t.deadline.recurrence is not None and t.deadline.recurrence.freq.value == "weekly"
    assert t.deadline.recurrence.day == 4


def test_task_addressed_to_everyone_is_the_groups() -> None:
    (t,) = _tasks("Tăng cường kỷ luật, kỷ cương trong thực hiện nhiệm vụ.\n")
    # The opening sentence's addressee, kept as the group it names (the catalogue's group once
    # the agency matcher knows «các …» phrases); the case of "các" follows the sentence.
    assert t.lead[0].is_group and t.lead[0].written.lower() == "các cơ quan, đơn vị"


def test_task_without_deadline_says_so() -> None:
    (t,) = _tasks("Sở Y tế khẩn trương rà soát.\n")
    assert t.deadline_text == "" and "không xác định được thời hạn" in t.notes


def test_task_unknown_agency_is_flagged_not_guessed() -> None:
    (t,) = _tasks("Sở Ngoại vụ chủ trì tổ chức đón đoàn, hoàn thành trước ngày 30/5/2026.\n")
    assert t.lead[0].name is None and t.lead[0].written == "Sở Ngoại vụ"
    assert "cơ quan chưa có trong danh mục: Sở Ngoại vụ" in t.notes


def test_citation_dates_are_not_deadlines() -> None:
    (t,) = _tasks("Sở Y tế thực hiện Công văn số 15-CV/BCĐ, ngày 01/4/2026 của Ban Chỉ đạo.\n")
    assert t.deadline_text == ""


@pytest.mark.parametrize("title", ["I. QUAN ĐIỂM", "II. MỤC TIÊU", "I. MỤC ĐÍCH, YÊU CẦU"])
def test_sections_of_views_and_aims_hold_no_tasks(title: str) -> None:
    tasks = _tasks(
        f"{title}\n\n1. Quán triệt sâu sắc tinh thần của Nghị quyết trong toàn hệ thống.\n\nIII. NHIỆM VỤ\n\n1. Sở Y tế rà soát.\n"  # noqa: E501
    )
    assert [t.content for t in tasks] == ["Sở Y tế rà soát."]


PLAN = (
    "UBND TỈNH NGHỆ AN\nSố: 77/KH-UBND\nNghệ An, ngày 3 tháng 2 năm 2026\nKẾ HOẠCH\nChuyển đổi số năm 2026\n"
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, Ủy ban nhân dân tỉnh ban hành Kế hoạch:\n"
    "II. NHIỆM VỤ\n"
    "1. Tổ chức hội nghị sơ kết chuyển đổi số trong quý III năm 2026. Cơ quan tham mưu thực hiện: "
    "Sở Khoa học và Công nghệ.\n"
    "2. Rà soát hạ tầng mạng. Đơn vị tham mưu: Công an tỉnh; Cơ quan phối hợp: Sở Tài chính.\n"
    "3. Kinh phí thực hiện Kế hoạch do ngân sách nhà nước bảo đảm.\n"
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành nghiêm túc triển khai thực hiện; báo cáo kết quả "
    "trước ngày 15/12/2026.\n"
    "Nơi nhận:\n- Như trên;\n"
)


def test_staff_unit_clause_gives_the_lead() -> None:
    tasks = read_directive(PLAN, CAT).tasks
    assert [t.lead[0].display for t in tasks[:2]] == ["Sở Khoa học và Công nghệ", "Công an tỉnh"]
    assert [p.display for p in tasks[1].cooperating] == ["Sở Tài chính"]
    assert tasks[1].content == "Rà soát hạ tầng mạng."


def test_numbered_funding_item_is_not_a_task() -> None:
    assert not any(t.content.startswith("Kinh phí") for t in read_directive(PLAN, CAT).tasks)


def test_closing_request_of_the_issuer_is_not_a_task() -> None:
    assert len(read_directive(PLAN, CAT).tasks) == 2


def test_state_plan_issuer_spread_over_capital_lines() -> None:
    h = header(
        "UBND TỈNH HƯNG YÊN\nBAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC,\nCÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO,\n"
        "CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06\n\nSố: 125 /KH-BCĐ\n"
    )
    assert h.issuer == (
        "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06"
    )


def test_state_issuer_with_its_province_on_the_next_line() -> None:
    h = header("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 1203/UBND-KT\n")
    assert h.issuer == "Ủy ban nhân dân tỉnh Nghệ An"


def test_department_issuer_keeps_its_capitals() -> None:
    assert header("SỞ KHOA HỌC VÀ CÔNG NGHỆ\nTỈNH QUẢNG NINH\nSố: 55/SKHCN-VP\n").issuer == (
        "Sở Khoa học và Công nghệ tỉnh Quảng Ninh"
    )


def test_issuer_lost_in_conversion_is_read_from_the_promulgating_sentence() -> None:
    h = header(
        "Nghệ An, ngày 3 tháng 3 năm 2026\n\nSố: 40 /KH-UBND\n\nKẾ HOẠCH\n\nChuyển đổi số năm 2026\n\n"
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;\n\n"
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số năm 2026 như sau:\n"
    )
    assert h.issuer == "Ủy ban nhân dân tỉnh Nghệ An"


def test_mark_alone_on_its_line_keeps_the_body_it_acts_for() -> None:
    h = header("Nội dung.\n\nT/M\nBAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNguyễn Văn An\n")
    assert (h.signing_authority, h.signer_title) == ("T/M Ban Thường vụ", "Phó Bí thư")


def test_state_signature_with_two_marks_keeps_both_the_signers_last() -> None:
    h = header("Nội dung.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Thị Bình\n")
    assert (h.signing_authority, h.signer_title) == ("T/M Ủy ban nhân dân; K/T Chủ tịch", "Phó Chủ tịch")
