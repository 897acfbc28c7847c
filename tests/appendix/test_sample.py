"""The shipped sample gives exactly the expected JSON, by the function and by the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.appendix.parse import AppendixParse
from tests.appendix.builder import ROOT, SAMPLE_DIR

SAMPLE = SAMPLE_DIR / "KH125-phu-luc.xlsx"
EXPECTED = SAMPLE_DIR / "KH125-phu-luc.expected.json"

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/fixtures/appendix is not present")


def test_sample_gives_exactly_the_expected_json(parse: Callable[[Path], AppendixParse]) -> None:
    got = parse(SAMPLE).to_json()
    want = json.loads(EXPECTED.read_text(encoding="utf-8"))
    sheets = got.pop("sheets")  # added by issue 11; the rest keeps the expected shape exactly
    assert got == want
    assert [(s["name"], s["kind"], s["header_row"], s["ignored_columns"], s["warning"]) for s in sheets] == [
        ("PL01 - Chỉ tiêu", "indicators", 5, [], None),
        ("PL02 - Nhiệm vụ", "tasks", 5, [], None),
    ]
    assert sheets[1]["columns"]["lead"] == "Cơ quan thực hiện – Chủ trì"
    assert list(got) == list(want)
    assert [list(t) for t in got["tasks"]] == [list(t) for t in want["tasks"]]


def test_sample_issues_are_only_group_leads_and_numbering_rows(
    parse: Callable[[Path], AppendixParse],
) -> None:
    parsed = parse(SAMPLE)
    kinds = {i.kind.value for i in parsed.issues}
    assert kinds == {"skipped", "six_clear"}
    assert all("rõ trách nhiệm" in i.message for i in parsed.issues if i.kind.value == "six_clear")
    assert parsed.directive_number == "125/KH-BCĐ" and parsed.directive_date is not None


def test_cli_parse_prints_the_expected_json() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "app", "appendix", "parse", str(SAMPLE), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert [s["kind"] for s in got.pop("sheets")] == ["indicators", "tasks"]
    assert got == json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_shipped_copy_is_the_shared_sample() -> None:
    assert (ROOT / "resources" / "sample" / "KH125-phu-luc.xlsx").read_bytes() == SAMPLE.read_bytes()
