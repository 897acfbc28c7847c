"""Appendix import (parse, preview, commit) beside a bare peer measured in the same run.

The peer is what the import cannot do less than: python-calamine reading the same file and
one SQLAlchemy Core ``executemany`` of the same task rows (and their lead assignments) into
the same schema, in a fresh database. Aim (issue #11): preview + commit of a 5,000-task
appendix within 5× of the peer, commit time linear in the task count up to 20,000, peak
memory of a whole import under 200 MB (measured in a child process: ru_maxrss).

The generated appendix is shaped like real ones: a title block merged across the table,
a two-level header ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp") with merged cells,
a numbering row, bold group rows merged across, task texts of realistic lengths, leads
skewed towards a few agencies (written as offices write them), a lead merged down over
consecutive tasks now and then, and deadlines of the varieties offices write (phrases,
real date cells, date cells formatted ``mm/yyyy``).

Prints one JSON line per measurement, each figure the median of several runs.

    .venv/bin/python -m benchmarks.bench_import [--tasks 5000] [--runs 5] [--sizes 5000,10000,20000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.styles import Alignment, Font

from app.appendix.parse import default_catalogue, parse_appendix
from app.context import AppContext
from app.paths import resource as app_resource

TODAY = date(2026, 11, 24)
NUMBER = "125/KH-BCĐ"
TITLE = f"(Kèm theo Kế hoạch số {NUMBER} ngày 10/4/2026 của Ban Chỉ đạo của Ủy ban nhân dân tỉnh)"
MAX_TASKS_PER_SHEET = 10_000  # a sheet holds at most 20,000 rows with values (app.appendix.bounds)

# Leads as offices write them, most tasks going to a few agencies (weights ~ 1/rank).
LEADS = [
    "Sở KH&CN",
    "Văn phòng UBND tỉnh",
    "Công an tỉnh",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở GD&ĐT",
    "Sở Y tế",
    "Sở Công Thương",
    "Sở NN&MT",
    "Sở Xây dựng",
    "Thuế tỉnh",
    "BQL các KCN tỉnh",
    "UBND các xã, phường",
    "Các sở, ban, ngành",
]
COOPERATING = [
    "Các sở, ban, ngành",
    "UBND các xã, phường",
    "Văn phòng UBND tỉnh;\nCông an tỉnh",
    "Sở Nội vụ;\nSở Tài chính;\nSở KH&CN",
    "Các doanh nghiệp viễn thông",
    "",
]
# Deadline phrases of the varieties real appendices carry; None: a real date cell (below).
DEADLINES: list[str | None] = [
    "Quý IV/2026",
    "Quý II, III/2026",
    "Năm 2026",
    "Tháng 6/2026",
    "6/2026",
    "T9/2026",
    "Trước ngày 30/4/2026",
    "31/12/2026",
    "Hằng năm",
    "Hằng quý",
    "Định kỳ hằng tháng",
    "Trước ngày 25 hằng tháng",
    "6 tháng cuối năm 2026",
    "Giai đoạn 2026 - 2030",
    "2026 và những năm tiếp theo",
    "Thường xuyên",
    "Tháng 6 và tháng 12/2026",
    "Khởi động quý IV/2026; hoàn thành giai đoạn 1 quý II/2027",
    None,
    None,
]
_PROSE = (
    "triển khai xây dựng hoàn thiện cơ sở dữ liệu chuyên ngành kết nối chia sẻ nền tảng "
    "số hóa hồ sơ thủ tục hành chính dịch vụ công trực tuyến toàn trình chuyển đổi số "
    "nâng cao năng lực đổi mới sáng tạo khoa học công nghệ doanh nghiệp hạ tầng viễn thông "
    "đào tạo bồi dưỡng cán bộ công chức viên chức an toàn thông tin mạng trên địa bàn tỉnh"
)
WORDS = _PROSE.split()


def median_of(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _text(rng: random.Random, low: int, high: int) -> str:
    """A sentence of low..high characters (real task texts run from one line to a paragraph)."""
    target = rng.randint(low, high)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < target:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:]


def generate(path: Path, tasks: int, seed: int = 57) -> Path:
    """A realistic appendix of `tasks` tasks (see the module docstring); 10,000 tasks a sheet."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(LEADS))]
    wb = openpyxl.Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    bold = Font(bold=True)
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    seq = 0
    sheet_no = 0
    while seq < tasks:
        sheet_no += 1
        ws = wb.create_sheet(f"PL0{sheet_no + 1} - Nhiệm vụ")
        for r, line in enumerate(
            [f"PHỤ LỤC 0{sheet_no + 1}", "DANH MỤC NHIỆM VỤ TRIỂN KHAI NĂM 2026", TITLE], start=1
        ):
            ws.cell(r, 1, line).font = bold
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
        header = ["TT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", None, "Sản phẩm đầu ra",
                  "Thời gian hoàn thành", "Ghi chú"]  # fmt: skip
        for c, v in enumerate(header, start=1):
            ws.cell(5, c, v).font = bold
        ws.cell(6, 3, "Chủ trì").font = bold
        ws.cell(6, 4, "Phối hợp").font = bold
        for c in (1, 2, 5, 6, 7):
            ws.merge_cells(start_row=5, start_column=c, end_row=6, end_column=c)
        ws.merge_cells(start_row=5, start_column=3, end_row=5, end_column=4)
        for c in range(1, 8):
            ws.cell(7, c, f"({c})")
        r = 8
        end = min(tasks, seq + MAX_TASKS_PER_SHEET)
        group = 0
        while seq < end:
            ws.cell(r, 1, romans[group % 10]).font = bold
            ws.cell(r, 2, f"Nhóm nhiệm vụ {group + 1}: {_text(rng, 20, 60)}").font = bold
            ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=7)
            r += 1
            group += 1
            size = rng.randint(5, 60)
            shared_lead = 0
            count = min(size, end - seq)
            for k in range(count):
                seq += 1
                ws.cell(r, 1, seq)
                ws.cell(r, 2, _text(rng, 60, 400)).alignment = Alignment(wrap_text=True)
                if shared_lead:
                    shared_lead -= 1  # covered by the merge above
                else:
                    ws.cell(r, 3, rng.choices(LEADS, weights)[0])
                    if rng.random() < 0.05 and k < count - 2:
                        shared_lead = 2
                        ws.merge_cells(start_row=r, start_column=3, end_row=r + 2, end_column=3)
                ws.cell(r, 4, rng.choice(COOPERATING) or None)
                ws.cell(r, 5, _text(rng, 15, 80))
                phrase = rng.choice(DEADLINES)
                if phrase is None:
                    cell = ws.cell(r, 6, datetime(2026, rng.randint(1, 12), rng.randint(1, 28)))
                    cell.number_format = rng.choice(["dd/mm/yyyy", "mm/yyyy"])
                else:
                    ws.cell(r, 6, phrase)
                if rng.random() < 0.1:
                    ws.cell(r, 7, _text(rng, 10, 60))
                r += 1
    wb.save(path)
    return path


# -- the peer ---------------------------------------------------------------------------------


def fresh_database(folder: Path) -> Path:
    """An empty database of the app's schema with the agency catalogue (not timed)."""
    db = folder / f"db-{time.perf_counter_ns()}.sqlite"
    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        ctx.agencies.import_catalogue(app_resource("sample", "danh-muc-co-quan.xlsx"))
    finally:
        ctx.close()
    return db


def peer(path: Path, db: Path) -> int:
    """python-calamine reads every sheet; one Core executemany writes the task rows (and one
    lead assignment each, by exact name) into the same schema in one transaction."""
    import python_calamine as pc
    from sqlalchemy import create_engine, insert, select

    from models.entities import Agency, Assignment, Directive, Task

    wb = pc.CalamineWorkbook.from_path(str(path))
    rows: list[list[Any]] = []
    for i in range(len(wb.sheet_names)):
        rows += wb.get_sheet_by_index(i).to_python(skip_empty_area=False)
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        agencies = {name: ident for name, ident in conn.execute(select(Agency.name, Agency.id))}
        directive_id = conn.execute(
            insert(Directive).values(number=NUMBER, kind="K", subject="Kế hoạch").returning(Directive.id)
        ).scalar_one()
        start = (conn.execute(select(Task.id).order_by(Task.id.desc()).limit(1)).scalar() or 0) + 1
        tasks, links = [], []
        for row in rows:
            tt = str(row[0]).strip().removesuffix(".0")
            if not tt.isdigit():
                continue
            task_id = start + len(tasks)
            tasks.append(
                {
                    "id": task_id,
                    "directive_id": directive_id,
                    "seq": int(tt),
                    "content": str(row[1]),
                    "product": str(row[4]),
                    "deadline_text": str(row[5]),
                    "note": str(row[6]),
                    "search_text": str(row[1]).lower(),
                }
            )
            lead = agencies.get(str(row[2]))
            if lead is not None:
                links.append({"task_id": task_id, "role": "lead", "agency_id": lead})
        conn.execute(insert(Task), tasks)
        if links:
            conn.execute(insert(Assignment), links)
    engine.dispose()
    return len(tasks)


# -- the import ---------------------------------------------------------------------------------


def import_once(path: Path, db: Path) -> tuple[float, float, int]:
    """Preview (which parses) and commit into `db`; (preview s, commit s, tasks added)."""
    ctx = AppContext(db, today=lambda: TODAY).open()
    try:
        start = time.perf_counter()
        preview = ctx.importer.preview(path)
        previewed = time.perf_counter() - start
        start = time.perf_counter()
        op = ctx.importer.commit(preview, preview.default_decisions())
        committed = time.perf_counter() - start
        return previewed, committed, op.value.tasks_added
    finally:
        ctx.close()


def high_water_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the process image (ru_maxrss on
    Linux keeps the parent's peak across fork and exec, so a child would report the parent's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_memory(path: Path, folder: Path) -> None:
    """Run in a child process: one whole import; print its peak resident memory."""
    db = fresh_database(folder)
    before = high_water_mb()
    _, _, added = import_once(path, db)
    peak = high_water_mb()
    print(json.dumps({"peak_rss_mb": round(peak, 1), "before_import_mb": round(before, 1), "added": added}))


def peak_memory(path: Path, folder: Path) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.bench_import",
            "--child-memory",
            str(path),
            "--folder",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def emit(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


def compare(path: Path, tasks: int, runs: int, folder: Path) -> None:
    """Parse, preview and commit medians beside the peer's, each run in a fresh database."""
    catalogue = default_catalogue()
    parse = median_of(lambda: parse_appendix(path, catalogue), runs)
    peers, previews, commits = [], [], []
    added = peer_rows = 0
    for _ in range(runs):
        db = fresh_database(folder)
        start = time.perf_counter()
        peer_rows = peer(path, db)
        peers.append(time.perf_counter() - start)
        db = fresh_database(folder)
        p, c, added = import_once(path, db)
        previews.append(p)
        commits.append(c)
    bare = statistics.median(peers)
    preview, commit = statistics.median(previews), statistics.median(commits)
    emit(
        {
            "measure": f"import {tasks} tasks beside the peer",
            "runs": runs,
            "added": added,
            "peer_rows": peer_rows,
            "peer_s": round(bare, 3),
            "parse_s": round(parse, 3),
            "preview_s (parses)": round(preview, 3),
            "commit_s": round(commit, 3),
            "import_s (preview+commit)": round(preview + commit, 3),
            "ratio_import_to_peer": round((preview + commit) / bare, 2),
            "ratio_parse_to_peer": round(parse / bare, 2),
            "aim": "ratio_import_to_peer <= 5",
        }
    )


def linearity(sizes: list[int], runs: int, folder: Path) -> None:
    """Commit time per 1,000 tasks at each size: flat when commit is linear."""
    per_k = {}
    for n in sizes:
        path = generate(folder / f"lin-{n}.xlsx", n)
        commits = []
        for _ in range(runs):
            _, c, added = import_once(path, fresh_database(folder))
            commits.append(c)
        commit = statistics.median(commits)
        per_k[n] = commit / n * 1000
        memory = peak_memory(path, folder)
        emit(
            {
                "measure": f"commit {n} tasks",
                "runs": runs,
                "added": added,
                "commit_s": round(commit, 3),
                "commit_s_per_1000": round(per_k[n], 3),
                **memory,
                "aim": "peak_rss_mb < 200",
            }
        )
    emit(
        {
            "measure": "commit linearity",
            "per_1000_tasks_s": {str(n): round(v, 3) for n, v in per_k.items()},
            "largest_over_smallest": round(max(per_k.values()) / min(per_k.values()), 2),
        }
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="5000,10000,20000")
    ap.add_argument("--child-memory", type=Path)
    ap.add_argument("--folder", type=Path)
    args = ap.parse_args()
    if args.child_memory:
        child_memory(args.child_memory, args.folder)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sample = app_resource("sample", "KH125-phu-luc.xlsx")
        compare(sample, 61, args.runs, folder)
        big = generate(folder / f"phu-luc-{args.tasks}.xlsx", args.tasks)
        compare(big, args.tasks, args.runs, folder)
        sizes = [int(n) for n in args.sizes.split(",") if n]
        if sizes:
            linearity(sizes, max(1, args.runs // 2), folder)


if __name__ == "__main__":
    main()
