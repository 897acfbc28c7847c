"""Addressees that mean everyone ("Các cấp ủy, tổ chức đảng, cơ quan, đơn vị", "Các đơn vị liên
quan", "Các Tổ công tác …") are the shipped catalogue's groups, matched as letters write them, so
the officer does not resolve them letter after letter; and a list of addressees after "Đề nghị"
is read whole, known names or not."""

from __future__ import annotations

from datetime import date

import pytest

from app.directive_text.parse import reader_catalogue
from models.directive_text.agencies import party
from models.directive_text.reader import read_directive

CAT = reader_catalogue()


@pytest.mark.parametrize(
    ("written", "group"),
    [
        ("Các cấp ủy, tổ chức đảng, cơ quan, đơn vị", "Các cấp ủy, tổ chức đảng, cơ quan, đơn vị"),
        ("các cấp ủy, cơ quan, đơn vị", "Các cấp ủy, tổ chức đảng, cơ quan, đơn vị"),
        ("Các Tổ công tác", "Các Tổ công tác của Ban Chỉ đạo"),
        ("Các Tổ Công tác của Ban Chỉ đạo của Ủy ban nhân dân tỉnh", "Các Tổ công tác của Ban Chỉ đạo"),
        ("Các đơn vị liên quan", "Các cơ quan, đơn vị liên quan"),
        ("các cơ quan có liên quan", "Các cơ quan, đơn vị liên quan"),
        ("Các tổ chức chính trị - xã hội tỉnh", "Các tổ chức chính trị - xã hội tỉnh"),
        ("Người đứng đầu các sở, ban, ngành", "Các sở, ban, ngành"),
        ("Chủ tịch Ủy ban nhân dân xã, phường", "UBND các xã, phường"),
    ],
)
def test_general_addressee_is_a_catalogue_group(written: str, group: str) -> None:
    p = party(CAT, written)
    assert (p.name, p.is_group) == (group, True)


def test_an_agency_is_not_taken_for_a_group() -> None:
    assert party(CAT, "Sở Tài chính").is_group is False


def _tasks(body: str) -> list:
    opening = (
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học,"
        " công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, Ủy ban nhân dân tỉnh ban hành Kế hoạch.\n\n"
    )
    text = "UBND TỈNH THÁI BÌNH\n\nSố: 77/KH-UBND\n\nKẾ HOẠCH\n\nTriển khai chuyển đổi số\n\n"
    text += body if body.startswith("Thực hiện") else opening + body
    return read_directive(text, CAT, date(2026, 5, 1)).tasks


def test_opening_addressee_of_a_party_letter_is_the_group() -> None:
    t = _tasks(
        "Thực hiện Kết luận số 10-KL/TW của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy,"
        " tổ chức đảng, cơ quan, đơn vị tập trung lãnh đạo, chỉ đạo thực hiện tốt các nhiệm vụ sau:\n\n"
        "1. Về công tác lãnh đạo\n\n- Quán triệt sâu rộng nội dung Kết luận đến cán bộ, đảng viên.\n"
    )
    assert [(p.name, p.is_group) for p in t[0].lead] == [("Các cấp ủy, tổ chức đảng, cơ quan, đơn vị", True)]


def test_working_groups_lead_a_task_as_a_group() -> None:
    t = _tasks(
        "I. NHIỆM VỤ\n\n1. Các Tổ công tác chủ trì kiểm tra tiến độ tại các xã, phường; hoàn thành trước"
        " ngày 30/6/2026.\n"
    )
    assert [p.name for p in t[0].lead] == ["Các Tổ công tác của Ban Chỉ đạo"]
    assert t[0].deadline.due == date(2026, 6, 30)


def test_asked_list_with_unknown_names_is_read_whole() -> None:
    t = _tasks(
        "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính\n\nBố trí kinh phí thực hiện Kế hoạch.\n\n"
        "2. Đề nghị các cơ quan Đảng, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị -"
        " xã hội tỉnh; Tòa án nhân dân tỉnh; Viện kiểm sát nhân dân tỉnh, các cơ quan, đơn vị liên quan"
        " phối hợp với Sở Khoa học và Công nghệ, Công an tỉnh trong việc cung cấp thông tin, kết quả"
        " thực hiện để tổng hợp, báo cáo.\n"
    )
    last = t[-1]
    assert [p.display for p in last.lead] == [
        "Các cơ quan Đảng",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Các tổ chức chính trị - xã hội tỉnh",
        "Tòa án nhân dân tỉnh",
        "Viện kiểm sát nhân dân tỉnh",
        "Các cơ quan, đơn vị liên quan",
    ]
    assert [p.display for p in last.cooperating] == ["Sở Khoa học và Công nghệ", "Công an tỉnh"]
    assert last.content.startswith("Các cơ quan Đảng, Ủy ban Mặt trận")
    assert "trong việc cung cấp" in last.content
    # a numbered paragraph is not a task of the numbered heading before it
    assert last.group == "III. TỔ CHỨC THỰC HIỆN"
    assert t[0].group == "1. Sở Tài chính"
