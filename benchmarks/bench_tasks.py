"""How the task list's cost grows: 100,000 tasks / 300,000 assignments against 60 tasks.

Prints one JSON line per measurement with both sizes and their ratio. Aims (issue #3): the
first page on 100,000 tasks within 2x of 60 tasks; a diacritics-insensitive search within 50 ms.

    .venv/bin/python -m benchmarks.bench_tasks [--tasks 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert, select

from app.context import AppContext
from app.dto import TaskFilter
from app.paths import resource
from models.deadlines import parse_deadline
from models.entities import Agency, Assignment, Directive, Task
from models.status import Status
from models.textfold import fold

TODAY = date(2026, 11, 24)
WORDS = [
    "Xây",
    "dựng",
    "Đề",
    "án",
    "chuyển",
    "đổi",
    "số",
    "triển",
    "khai",
    "nền",
    "tảng",
    "dữ",
    "liệu",
    "dịch",
    "vụ",
    "công",
    "trực",
    "tuyến",
    "kiểm",
    "tra",
    "đánh",
    "giá",
    "báo",
    "cáo",
    "tổng",
    "hợp",
    "hạ",
    "tầng",
    "an",
    "toàn",
    "thông",
    "tin",
    "đào",
    "tạo",
    "nhân",
    "lực",
    "khoa",
    "học",
    "công",
    "nghệ",
]


def build(path: Path, n_tasks: int, seed: int = 57) -> None:
    """Fill a fresh database through Core executemany (one transaction), as a big import would."""
    rng = random.Random(seed)
    ctx = AppContext(path, today=lambda: TODAY).open()
    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    assert ctx.db is not None
    with ctx.db.transaction() as s:
        agency_ids = list(s.scalars(select(Agency.id)))
        for i in range(100):
            name = f"UBND xã số {i + 1}"
            s.add(Agency(name=name, name_key=fold(name), kind="commune"))
        s.flush()
        agency_ids = list(s.scalars(select(Agency.id)))
        n_dir = max(1, n_tasks // 500)
        s.execute(
            insert(Directive),
            [
                {
                    "number": f"{i + 1}/KH-BCĐ",
                    "kind": "KH",
                    "issued_on": date(2026, 1, 1) + timedelta(days=i % 300),
                }
                for i in range(n_dir)
            ],
        )
        dir_ids = list(s.scalars(select(Directive.id)))
        phrases = [
            "30/6/2026",
            "Quý III/2026",
            "Tháng 12/2026",
            "Trước ngày 09 hằng tháng",
            "Thường xuyên",
            "Năm 2027",
        ]
        meanings = {p: parse_deadline(p, date(2026, 1, 1)) for p in phrases}
        tasks = []
        for i in range(n_tasks):
            phrase = phrases[i % len(phrases)]
            meaning = meanings[phrase]
            content = " ".join(rng.choice(WORDS) for _ in range(12))
            first = meaning.due or (date(2026, 2, 9) if meaning.kind.value == "recurring" else None)
            done = rng.random() < 0.3 and first is not None
            tasks.append(
                {
                    "directive_id": dir_ids[i % len(dir_ids)],
                    "seq": i // len(dir_ids) + 1,
                    "content": content,
                    "product": "Báo cáo",
                    "deadline_text": phrase,
                    "deadline": meaning.to_json(),
                    "deadline_kind": meaning.kind.value,
                    "search_text": fold(content + " Báo cáo " + phrase),
                    "first_unmet": None if done else first,
                    "completed": done,
                    "completed_late": False,
                    "suspension": "active",
                }
            )
        s.execute(insert(Task), tasks)
        task_rows = list(s.execute(select(Task.id, Task.first_unmet, Task.completed)).all())
        assignments = []
        for tid, first, done in task_rows:
            picked = rng.sample(agency_ids, 3)
            for k, aid in enumerate(picked):
                assignments.append(
                    {
                        "task_id": tid,
                        "role": "lead" if k == 0 else "coop",
                        "agency_id": aid,
                        "first_unmet": first,
                        "completed": done,
                        "completed_late": False,
                    }
                )
        s.execute(insert(Assignment), assignments)
    ctx.close()


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def measure(path: Path) -> dict[str, float]:
    ctx = AppContext(path, today=lambda: TODAY).open()
    try:
        agency = ctx.agencies.resolve_or_fail("Công an tỉnh").agency_id
        overdue = TaskFilter(agency_id=agency, statuses=(Status.OVERDUE.value,))
        search = TaskFilter(search="de an chuyen doi")
        out = {
            "first_page_service_s": best_of(lambda: ctx.tasks.page(TaskFilter(), 0, 200)),
            "overdue_one_agency_s": best_of(lambda: ctx.tasks.page(overdue, 0, 200)),
            "search_s": best_of(lambda: ctx.tasks.page(search, 0, 200)),
            "window_first_page_s": window_first_page(ctx),
            # shown in the status bar just after the first page paints
            "status_totals_s": best_of(
                lambda: [
                    ctx.tasks.count(TaskFilter(statuses=(st.value,)))
                    for st in (Status.OVERDUE, Status.DUE_SOON)
                ]
            ),
        }
        return out
    finally:
        ctx.close()


def window_first_page(ctx: AppContext) -> float:
    """Open the main window and wait until the task list shows its first rows."""
    from PySide6.QtWidgets import QApplication

    from views.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        win = MainWindow(ctx)
        win.show()
        model = win.task_page.model
        while model.rowCount() == 0:
            app.processEvents()
            if time.perf_counter() - t0 > 30:
                break
        win.task_page.table.viewport().repaint()  # the first page is on screen
        times.append(time.perf_counter() - t0)
        win.close()
        win.deleteLater()
        app.processEvents()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, big = Path(tmp) / "small.sqlite", Path(tmp) / "big.sqlite"
        t0 = time.perf_counter()
        build(small, 60)
        build(big, args.tasks)
        print(json.dumps({"build_s": round(time.perf_counter() - t0, 2), "tasks": args.tasks}), flush=True)
        a, b = measure(small), measure(big)
        for key in a:
            print(
                json.dumps(
                    {
                        "measure": key,
                        "tasks_60_ms": round(a[key] * 1000, 2),
                        f"tasks_{args.tasks}_ms": round(b[key] * 1000, 2),
                        "ratio": round(b[key] / a[key], 2) if a[key] else None,
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
