"""The reader on the real letters in ../shared/seeds; 420-CV/TU field by field against its expected JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.directive_text.parse import parse_file, reader_catalogue

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
EXPECTED = json.loads((SEEDS / "cv-420-TU-2026.expected.json").read_text(encoding="utf-8"))
HEADER_FIELDS = [
    "number",
    "kind",
    "date",
    "place",
    "issuer",
    "subject",
    "signer",
    "signer_title",
    "signing_authority",
]


@pytest.fixture(scope="module")
def cv420() -> dict:
    return parse_file(SEEDS / "cv-420-TU-2026.txt", reader_catalogue()).to_json()


@pytest.mark.parametrize("name", HEADER_FIELDS)
def test_420_header_field(cv420: dict, name: str) -> None:
    assert cv420[name] == EXPECTED[name]


def test_420_references(cv420: dict) -> None:
    # the footnotes' "22-TB/CQTTCĐ" is the body's 22-TB/CQTTBCĐ misspelled: counted once
    assert sorted(cv420["references"]) == sorted(EXPECTED["references"])


def test_420_dated_tasks(cv420: dict) -> None:
    dated = [[t["lead"], t["due"]] for t in cv420["tasks"] if t["due"]]
    assert dated == EXPECTED["dated_tasks"]


def test_420_undated_tasks_say_so(cv420: dict) -> None:
    draft = parse_file(SEEDS / "cv-420-TU-2026.txt", reader_catalogue())
    undated = [t for t in draft.tasks if t.deadline.kind.value == "unknown"]
    assert undated and all("không xác định được thời hạn" in t.notes for t in undated)


def test_420_recurring_and_cooperating(cv420: dict) -> None:
    tasks = cv420["tasks"]
    monthly = [t for t in tasks if t["recurrence"] == "monthly"]
    assert {t["lead"] for t in monthly} >= {"Sở Khoa học và Công nghệ"}
    noi_vu = next(t for t in tasks if t["lead"] == "Sở Nội vụ")
    assert noi_vu["cooperating"] == ["Sở Khoa học và Công nghệ"]
    assert noi_vu["content"].startswith("Tham mưu Ủy ban nhân dân tỉnh")
    open_data = next(t for t in tasks if "mở dữ liệu" in t["content"])
    assert open_data["lead"] == "Các sở, ban, ngành; UBND các xã, phường"
    assert open_data["cooperating"] == ["Công an tỉnh"]


def test_420_groups_are_headings(cv420: dict) -> None:
    groups = list(dict.fromkeys(t["group"] for t in cv420["tasks"]))
    assert groups[:3] == [
        "1. Về công tác chỉ đạo, điều hành",
        "2.1. Về hạ tầng, nền tảng, dữ liệu số",
        "2.2. Về thủ tục hành chính và dịch vụ công trực tuyến",
    ]


def test_420_footnotes_are_not_tasks(cv420: dict) -> None:
    assert not any(t["content"].startswith("Thực hiện các nhiệm vụ đã giao trong") for t in cv420["tasks"])


def test_125_plan() -> None:
    out = parse_file(SEEDS / "kh-125-BCD-2026.txt", reader_catalogue()).to_json()
    assert (out["number"], out["kind"], out["date"]) == ("125/KH-BCĐ", "KH", "2026-04-10")
    assert out["signer"] == "Phạm Quang Ngọc"
    assert {
        "57-NQ/TW",
        "71/NQ-CP",
        "11/NQ-CP",
        "02-CTr/BCĐTW",
        "11/QĐ-BCĐCP",
        "2093/QĐ-UBND",
        "766/QĐ-TTg",
    } <= set(out["references"])
    groups = {t["group"] for t in out["tasks"]}
    assert not any("QUAN ĐIỂM" in g or "MỤC TIÊU" in g for g in groups)  # views and aims are not tasks
    police = [t for t in out["tasks"] if t["group"] == "4. Công an tỉnh"]
    assert len(police) == 2 and all(t["lead"] == "Công an tỉnh" for t in police)
    assert police[0]["cooperating"][0] == "Sở Khoa học và Công nghệ"
    monthly = next(t for t in out["tasks"] if t["deadline_text"].startswith("Trước 16h00"))
    assert monthly["recurrence"] == "monthly"


def test_department_task_list() -> None:
    out = parse_file(SEEDS / "so-khcn-nhiem-vu-trong-tam-2026.txt", reader_catalogue()).to_json()
    assert len(out["tasks"]) == 10
    assert all(t["lead"] == "Các phòng, đơn vị trực thuộc" for t in out["tasks"])
    plan = out["tasks"][3]
    assert (plan["due"], plan["product"]) == ("2026-01-12", "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW")
    assert "19431-CV/VPTW" in out["references"]  # number broken over two lines
    assert out["signer"] == "Vương Thế Mẫn"


def test_420_closing_request_is_not_a_task(cv420: dict) -> None:
    assert not any(t["content"].startswith("Ban Thường vụ Tỉnh ủy yêu cầu") for t in cv420["tasks"])
    assert not any("nghiêm túc triển khai thực hiện; định kỳ báo cáo" in t["content"] for t in cv420["tasks"])


def test_125_staff_unit_is_the_lead_and_funding_is_not_a_task() -> None:
    out = parse_file(SEEDS / "kh-125-BCD-2026.txt", reader_catalogue()).to_json()
    tasks = out["tasks"]
    check = next(
        t for t in tasks if t["content"].startswith("Tổ chức kiểm tra công tác đảm bảo an ninh mạng")
    )
    assert check["lead"] == "Công an tỉnh"
    assert check["cooperating"][0] == "Sở Khoa học và Công nghệ"
    assert "Đơn vị tham mưu" not in check["content"] and "Cơ quan phối hợp" not in check["content"]
    inspect = next(t for t in tasks if t["content"].startswith("Thực hiện kiểm tra tình hình thực hiện"))
    assert inspect["lead"] == "Sở Khoa học và Công nghệ"
    meetings = next(t for t in tasks if t["content"].startswith("Tổ chức các phiên họp"))
    assert meetings["lead"].startswith("Các Tổ công tác")
    assert not any(t["content"].startswith("Kinh phí thực hiện") for t in tasks)


def test_kh125_issuer_comes_from_its_promulgating_sentence() -> None:
    """The seed's header was lost in conversion; its opening still names who issues the plan."""
    draft = parse_file(SEEDS / "kh-125-BCD-2026.txt")
    assert (draft.header.issuer or "").startswith("Ban Chỉ đạo của Ủy ban nhân dân tỉnh về phát triển")
    last = draft.tasks[-1]
    assert not last.content.startswith("Và ")
    assert "Tòa án nhân dân tỉnh" in [p.display for p in last.lead]
