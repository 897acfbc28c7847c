"""Reading a 20-page directive: target under 1 s, beside its peer, the plain regex pass.

Run: python -m benchmarks.bench_directive_text. The letter is 420-CV/TU's body repeated to
about 20 pages (≈ 60,000 characters), so it has the genre's density of agencies and dates.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from app.directive_text.parse import reader_catalogue
from models.directive_text.reader import read_directive

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "cv-420-TU-2026.txt"
PAGE_CHARS = 3000
TARGET_S = 1.0


def twenty_pages() -> str:
    text = SEED.read_text(encoding="utf-8")
    head, _, body = text.partition("1. Về công tác")
    body, _, tail = ("1. Về công tác" + body).partition("Nơi nhận:")
    copies = max(1, 20 * PAGE_CHARS // len(body) + 1)
    return head + body * copies + "Nơi nhận:" + tail


def main() -> None:
    text = twenty_pages()
    catalogue = reader_catalogue()
    start = time.perf_counter()
    hits = sum(1 for _ in re.finditer(r"\d+\s*[-/]\s*[A-ZĐ][\w/-]*|\d{1,2}/\d{1,2}/\d{4}", text))
    peer = time.perf_counter() - start
    start = time.perf_counter()
    draft = read_directive(text, catalogue)
    took = time.perf_counter() - start
    print(
        f"{len(text):,} ký tự (~{len(text) // PAGE_CHARS} trang): regex thuần {peer * 1000:.1f} ms ({hits} khớp)"  # noqa: E501
    )
    print(
        f"read_directive: {took * 1000:.0f} ms, {len(draft.tasks)} nhiệm vụ — mục tiêu < {TARGET_S:.0f} s:",
        "ĐẠT" if took < TARGET_S else "KHÔNG ĐẠT",
    )


if __name__ == "__main__":
    main()
