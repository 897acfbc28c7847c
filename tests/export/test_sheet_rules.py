"""The small rules the sheets follow: sheet names, cell text, row heights, periods, numbers."""

from __future__ import annotations

from datetime import date

from app.export.indicators import known_on, number_or_text, percent_of_target, period_start, period_text
from app.export.queries import LatestReport, ValueRow
from app.export.sheet import MAX_CELL_TEXT, clean_text, sheet_title, text_lines


def test_sheet_titles_are_valid_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_title("125/KH-BCĐ", taken) == "125-KH-BCĐ"
    assert sheet_title("125\\KH-BCĐ", taken) == "125-KH-BCĐ (2)"  # same once cleaned
    long = "Kế hoạch số 1234/KH-UBND ngày 10 tháng 4 năm 2026"
    first = sheet_title(long, taken)
    assert len(first) == 31 and "/" not in first
    second = sheet_title(long, taken)
    assert len(second) == 31 and second.endswith(" (2)") and second != first
    assert sheet_title("[*?:]", set()) == "-----"


def test_cell_text_drops_control_characters_and_keeps_lines() -> None:
    assert clean_text("a\x00b\x1fc\nd\te") == "abc\nd\te"
    huge = clean_text("x" * (MAX_CELL_TEXT + 10))
    assert len(huge) == MAX_CELL_TEXT and huge.endswith("…")


def test_wrapped_lines_estimate() -> None:
    assert text_lines("", 10) == 1
    assert text_lines("x" * 11, 10) == 1  # 10 units hold 11 characters
    assert text_lines("x" * 12, 10) == 2
    assert text_lines("a\nb\n\nc", 10) == 4


def test_periods_in_words_and_when_they_start() -> None:
    words = [period_text(p) for p in ("2026", "2026-Q2", "2026-06", "2026-H2")]
    assert words == ["Năm 2026", "Quý 2/2026", "Tháng 6/2026", "6 tháng cuối năm 2026"]
    assert [period_start(p) for p in ("2026", "2026-Q4", "2026-06", "2026-H2")] == [
        date(2026, 1, 1), date(2026, 10, 1), date(2026, 6, 1), date(2026, 7, 1)
    ]
    as_of = date(2026, 9, 30)
    assert known_on(ValueRow(1, "2026-Q3", 1.0, None, ""), as_of)
    assert not known_on(ValueRow(1, "2026-Q4", 1.0, None, ""), as_of)
    assert not known_on(ValueRow(1, "2026-Q3", 1.0, date(2026, 10, 2), ""), as_of)


def test_baselines_are_numbers_only_when_plainly_numbers() -> None:
    assert number_or_text("52,4") == 52.4
    assert number_or_text("80") == 80
    assert number_or_text("Tốp 15") == "Tốp 15"
    assert number_or_text("80%") == "80%"
    assert number_or_text("1.250") == "1.250"
    assert number_or_text("") is None
    assert percent_of_target(45, "60") == 0.75
    assert percent_of_target(45, "Tốp 15") is None
    assert percent_of_target(None, "60") is None


def test_latest_report_in_one_cell() -> None:
    r = LatestReport("Sở KH&CN", date(2026, 5, 12), "Đã triển khai", 80, False, "12/BC", None)
    assert r.summary() == "Sở KH&CN, 12/05/2026 (Số 12/BC, 80%): Đã triển khai"
    done = LatestReport("Công an tỉnh", date(2026, 6, 1), "", None, True, "", None)
    assert done.summary() == "Công an tỉnh, 01/06/2026 (đã hoàn thành)"
