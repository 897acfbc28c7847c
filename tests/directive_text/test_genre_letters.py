"""Letters of the genre written for these tests (tests/directive_text/letters/), from provinces and
bodies the seeds do not cover: a Party steering committee's thông báo kết luận with a weekly
report "trước 11 giờ ngày thứ 6", a province's kế hoạch of "Giao Sở X chủ trì, phối hợp với Y …",
and a UBND công văn of "Đề nghị các sở, ngành …". Each is checked field by field."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from app.directive_text.parse import parse_file, reader_catalogue
from models.deadlines import DeadlineKind, Frequency
from models.directive_text.deadline_phrases import UNSURE
from models.directive_text.reader import DirectiveDraft

LETTERS = Path(__file__).parent / "letters"
CAT = reader_catalogue()


def _read(name: str) -> DirectiveDraft:
    return parse_file(LETTERS / name, CAT)


def _leads(draft: DirectiveDraft) -> list[list[str]]:
    return [[p.display for p in t.lead] for t in draft.tasks]


@pytest.fixture(scope="module")
def tb15() -> DirectiveDraft:
    return _read("tb-15-BCD-nghe-an.txt")


@pytest.fixture(scope="module")
def kh1234() -> DirectiveDraft:
    return _read("kh-1234-UBND-thai-nguyen.txt")


@pytest.fixture(scope="module")
def cv2150() -> DirectiveDraft:
    return _read("cv-2150-UBND-quang-ninh.txt")


def test_tb15_header(tb15: DirectiveDraft) -> None:
    j = tb15.to_json()
    assert (j["number"], j["kind"], j["date"], j["place"]) == ("15-TB/BCĐ", "TB", "2026-05-05", "Nghệ An")
    assert j["issuer"] == "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
    assert j["subject"] == "Kết luận của đồng chí Trưởng Ban Chỉ đạo tại phiên họp thứ ba"
    assert (j["signer"], j["signer_title"], j["signing_authority"]) == (
        "Hoàng Minh Tuấn",
        "Chánh Văn phòng Tỉnh ủy",
        "T/L Ban Chỉ đạo",
    )


def test_tb15_tasks(tb15: DirectiveDraft) -> None:
    assert _leads(tb15) == [
        ["Sở Khoa học và Công nghệ"],
        ["Công an tỉnh"],
        ["Các sở, ban, ngành", "UBND các xã, phường"],
        ["Sở Nội vụ"],
        ["Các Tổ công tác của Ban Chỉ đạo"],
    ], "the assessment section holds no task, the closing «thông báo để … biết, thực hiện» neither"
    first, second, weekly, staff, teams = tb15.tasks
    assert [p.display for p in first.cooperating] == ["Sở Tài chính"]
    assert first.deadline.due == date(2026, 6, 30)
    assert [p.display for p in second.cooperating] == ["Văn phòng Ủy ban nhân dân tỉnh"]
    assert second.deadline.due == date(2026, 7, 31)
    assert weekly.deadline_text == "Hàng tuần, trước 11 giờ ngày thứ 6"
    rec = weekly.deadline.recurrence
    assert rec is not None and (rec.freq, rec.day, rec.time) == (Frequency.WEEKLY, 4, time(11, 0))
    assert all(p.is_group for p in weekly.lead)
    assert staff.deadline.kind is DeadlineKind.UNKNOWN and UNSURE in staff.notes
    assert teams.lead[0].is_group and teams.deadline.recurrence is not None
    assert teams.deadline.recurrence.freq is Frequency.QUARTERLY
    assert all(t.group == "2. Nhiệm vụ trọng tâm thời gian tới" for t in tb15.tasks)


def test_kh1234_header(kh1234: DirectiveDraft) -> None:
    j = kh1234.to_json()
    assert (j["number"], j["kind"], j["date"], j["place"]) == (
        "1234/KH-UBND",
        "KH",
        "2026-03-12",
        "Thái Nguyên",
    )
    assert j["issuer"] == "Ủy ban nhân dân tỉnh Thái Nguyên"
    assert j["subject"] == "Triển khai chuyển đổi số trong các cơ quan nhà nước tỉnh Thái Nguyên năm 2026"
    assert (j["signer"], j["signer_title"], j["signing_authority"]) == (
        "Nguyễn Văn Hùng",
        "Phó Chủ tịch",
        "T/M Ủy ban nhân dân; K/T Chủ tịch",
    )
    assert j["references"] == ["57-NQ/TW", "06/QĐ-TTg"]


def test_kh1234_giao_x_chu_tri_phoi_hop_voi_y(kh1234: DirectiveDraft) -> None:
    assert _leads(kh1234) == [
        ["Sở Khoa học và Công nghệ"],
        ["Sở Tài chính"],
        ["Sở Nội vụ"],
        ["Văn phòng Ủy ban nhân dân tỉnh"],
        ["Các sở, ban, ngành", "UBND các xã, phường"],
        ["Sở Khoa học và Công nghệ"],
    ]
    data, budget, training, reports, plans, summary = kh1234.tasks
    assert data.content == "Xây dựng kho dữ liệu dùng chung của tỉnh; hoàn thành trong quý III/2026."
    assert [p.display for p in data.cooperating] == ["Sở Tài chính", "Văn phòng Ủy ban nhân dân tỉnh"]
    assert data.deadline.due == date(2026, 9, 30)
    assert budget.content.startswith("Bố trí kinh phí") and budget.deadline.kind is DeadlineKind.UNKNOWN
    assert [(p.display, p.is_group) for p in training.cooperating] == [
        ("Các cơ quan, đơn vị liên quan", True)
    ]
    assert reports.deadline.recurrence is not None
    assert reports.deadline.recurrence.freq is Frequency.HALF_YEARLY
    assert plans.deadline.due == date(2026, 4, 15) and summary.deadline.due == date(2026, 12, 10)
    assert [t.group for t in kh1234.tasks] == ["II. NHIỆM VỤ, GIẢI PHÁP"] * 4 + ["III. TỔ CHỨC THỰC HIỆN"] * 2


def test_cv2150_header(cv2150: DirectiveDraft) -> None:
    j = cv2150.to_json()
    assert (j["number"], j["kind"], j["date"], j["place"]) == (
        "2150/UBND-KSTT",
        "CV",
        "2026-05-20",
        "Quảng Ninh",
    )
    assert j["issuer"] == "Ủy ban nhân dân tỉnh Quảng Ninh"
    assert j["subject"] == "V/v đẩy mạnh cung cấp, sử dụng dịch vụ công trực tuyến toàn trình"
    assert (j["signer"], j["signer_title"], j["signing_authority"]) == (
        "Trần Thị Lan",
        "Phó Chủ tịch",
        "K/T Chủ tịch",
    )
    assert cv2150.header.recipients == ["Các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường, đặc khu"]
    assert j["references"] == ["1520/VPCP-KSTT"]


def test_cv2150_de_nghi_cac_so_nganh(cv2150: DirectiveDraft) -> None:
    assert _leads(cv2150) == [
        ["Các sở, ban, ngành, địa phương"],
        ["Các sở, ban, ngành"],
        ["Văn phòng Ủy ban nhân dân tỉnh"],
        ["Sở Khoa học và Công nghệ"],
    ], "the closing «… yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện» is no task"
    review, publish, follow, infra = cv2150.tasks
    assert review.content.startswith("Rà soát, cắt giảm thành phần hồ sơ") and review.lead[0].is_group
    assert review.deadline.due == date(2026, 6, 30)
    assert publish.content.startswith("Công bố danh mục") and publish.deadline.due == date(2026, 6, 15)
    assert [p.display for p in follow.cooperating] == ["Công an tỉnh", "Sở Khoa học và Công nghệ"]
    assert follow.deadline.recurrence is not None and follow.deadline.recurrence.freq is Frequency.MONTHLY
    assert infra.deadline.kind is DeadlineKind.UNKNOWN and UNSURE in infra.notes
