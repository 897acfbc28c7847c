"""Appendix import cost beside the bare reader, and preview+commit of a big appendix.

Prints one JSON line per measurement, each figure the median of several runs. Aims (issue #4):
parsing within 3× of the bare read of the same file, and the 61-task sample parsed and
previewed in under a second.

    .venv/bin/python -m benchmarks.bench_import [--tasks 5000]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from app.appendix.parse import default_catalogue, parse_appendix
from app.context import AppContext
from app.paths import resource

TODAY = date(2026, 11, 24)
TITLE = "(Kèm theo Kế hoạch số 125/KH-BCĐ ngày 10/4/2026 của Ban Chỉ đạo của Ủy ban nhân dân tỉnh)"


def median_of(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_openpyxl(path: Path) -> None:
    wb = openpyxl.load_workbook(path, data_only=True)
    for ws in wb.worksheets:
        for _ in ws.iter_rows(values_only=True):
            pass
        _ = ws.merged_cells.ranges


def bare_calamine(path: Path) -> None:
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(path))
    for i in range(len(wb.sheet_names)):
        sheet = wb.get_sheet_by_index(i)
        sheet.to_python(skip_empty_area=False)
        _ = sheet.merged_cell_ranges


def generate(path: Path, tasks: int) -> Path:
    """A big appendix in the sample's layout: groups of 50 tasks, agency names from the catalogue."""
    sample = openpyxl.load_workbook(resource("sample", "KH125-phu-luc.xlsx"))
    ws_src = sample["PL02 - Nhiệm vụ"]
    rows = [[c.value for c in row] for row in ws_src.iter_rows(min_row=9) if isinstance(row[0].value, int)]
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "PL02"
    ws.append(["PHỤ LỤC 02"])
    ws.append([TITLE])
    ws.append(
        [
            "TT",
            "Nội dung nhiệm vụ",
            "Chủ trì",
            "Phối hợp",
            "Sản phẩm đầu ra",
            "Thời gian hoàn thành",
            "Ghi chú",
        ]
    )
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    for n in range(tasks):
        if n % 50 == 0:
            ws.append([romans[(n // 50) % 10], f"Nhóm nhiệm vụ số {n // 50 + 1}"])
        src = rows[n % len(rows)]
        ws.append([n + 1, f"{src[1]} (đợt {n // len(rows) + 1})", *src[2:6]])
    wb.save(path)
    return path


def measure(label: str, path: Path, tasks: int) -> None:
    catalogue = default_catalogue()
    parse = median_of(lambda: parse_appendix(path, catalogue))
    op = median_of(lambda: bare_openpyxl(path))
    cal = median_of(lambda: bare_calamine(path))
    print(
        json.dumps(
            {
                "measure": f"parse {label}",
                "tasks": tasks,
                "parse_s": round(parse, 3),
                "openpyxl_read_s": round(op, 3),
                "calamine_read_s": round(cal, 3),
                "ratio_to_openpyxl": round(parse / op, 2),
                "ratio_to_calamine": round(parse / cal, 2),
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


def preview_commit(label: str, path: Path, tasks: int, runs: int = 3) -> None:
    """Preview, commit (into a fresh database each run) and preview again; medians of ``runs``."""
    previewed, committed, repreviewed = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            ctx = AppContext(Path(tmp) / "bench.sqlite", today=lambda: TODAY).open()
            try:
                ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
                start = time.perf_counter()
                preview = ctx.importer.preview(path)
                previewed.append(time.perf_counter() - start)
                start = time.perf_counter()
                op = ctx.importer.commit(preview, preview.default_decisions())
                committed.append(time.perf_counter() - start)
                start = time.perf_counter()
                again = ctx.importer.preview(path)
                repreviewed.append(time.perf_counter() - start)
            finally:
                ctx.close()
    print(
        json.dumps(
            {
                "measure": f"preview+commit {label}",
                "tasks": tasks,
                "runs": runs,
                "preview_s": round(statistics.median(previewed), 3),
                "commit_s": round(statistics.median(committed), 3),
                "added": op.value.tasks_added,
                "changes_all_tasks": op.changes.all_tasks,
                "re_preview_s": round(statistics.median(repreviewed), 3),
                "re_preview_unchanged": again.count(again.tasks[0].status)[0] if again.tasks else 0,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=5000)
    args = ap.parse_args()
    sample = resource("sample", "KH125-phu-luc.xlsx")
    measure("sample", sample, 61)
    preview_commit("sample", sample, 61)
    with tempfile.TemporaryDirectory() as tmp:
        big = generate(Path(tmp) / f"phu-luc-{args.tasks}.xlsx", args.tasks)
        measure(f"{args.tasks} tasks", big, args.tasks)
        preview_commit(f"{args.tasks} tasks", big, args.tasks)


if __name__ == "__main__":
    main()
