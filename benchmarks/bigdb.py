"""A realistic big database for the benchmarks (and the large-list tests).

Shaped like the demo, only bigger: task texts are the demo's own sentences with variations
(median length about the demo's 90 characters), a few provincial agencies lead most tasks
(Zipf-like), most tasks have two to four cooperating agencies and some a group, deadlines are
the demo's phrases (some undated or continuous), a share of tasks is done (some late), paused
or cancelled, and reports (some with evidence files) sit on a share of assignments.

Rows go in through Core ``executemany`` in one transaction, as a big import would; the cached
progress columns are filled consistently with the reports written.

    .venv/bin/python -m benchmarks.bigdb out.sqlite --tasks 100000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from app.context import AppContext
from app.paths import resource
from app.services.task_writer import gap_count
from models.deadlines import Deadline, DeadlineKind, parse_deadline
from models.entities import (
    Agency,
    AgencyGroup,
    Assignment,
    Directive,
    Evidence,
    Report,
    StoredFile,
    Task,
    directive_number_key,
)
from models.textfold import fold
from models.vn_collation import sort_key, stored_key

TODAY = date(2026, 11, 24)
SEARCH_PHRASE = "chuyen doi so"  # matches a share of the demo's sentences, so of these rows

_TAILS = (
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    " trên địa bàn tỉnh",
    " năm 2026",
    " giai đoạn 2026 - 2030",
    " tại các xã, phường",
    " theo hướng dẫn của Bộ Khoa học và Công nghệ",
    " và báo cáo kết quả về Ban Chỉ đạo",
    " đối với các cơ quan nhà nước",
)
_HEADS = ("", "", "", "", "", "", "", "", "", "", "Tiếp tục ", "Chủ động ", "Tăng cường ", "Đẩy mạnh ")
_EXTRA_PHRASES = ("", "", "Thường xuyên", "Quý IV/2026", "Trước ngày 15/12/2026", "Năm 2027")


def _demo() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resource("demo", "demo.json").read_text(encoding="utf-8"))
    return data


def _zipf_weights(n: int, s: float) -> list[float]:
    return [1.0 / (r + 1) ** s for r in range(n)]


def _first_due(meaning: Deadline, rng: random.Random) -> date | None:
    if meaning.kind in (DeadlineKind.ONCE, DeadlineKind.MILESTONES):
        return meaning.dates[0]
    if meaning.kind is DeadlineKind.RECURRING:
        return date(2026, rng.randint(6, 12), rng.choice((9, 15, 25)))
    return None


def build(path: Path, n_tasks: int, seed: int = 57) -> dict[str, float]:
    """Fill a fresh database at ``path``; returns a few facts about what was made."""
    rng = random.Random(seed)
    demo = _demo()
    demo_tasks = [t for d in demo["directives"] for t in d.get("tasks", [])]
    contents = [t["content"] for t in demo_tasks]
    products = sorted({t["product"] for t in demo_tasks if t["product"]})
    groups = sorted({(t["group"], t["group_title"]) for t in demo_tasks})
    phrases = sorted({t["deadline_text"] for t in demo_tasks}) + list(_EXTRA_PHRASES)

    ctx = AppContext(path, today=lambda: TODAY).open()
    ctx.agencies.import_catalogue(resource("sample", "danh-muc-co-quan.xlsx"))
    assert ctx.db is not None
    with ctx.db.transaction() as s:
        for i in range(100):
            name = f"UBND xã số {i + 1}"
            s.add(Agency(name=name, name_key=fold(name), kind="commune"))
        s.flush()
        agencies = list(s.execute(select(Agency.id, Agency.name, Agency.kind).order_by(Agency.id)))
        provincial = [a for a in agencies if a.kind == "provincial"]
        rng.shuffle(provincial)
        lead_weights = _zipf_weights(len(provincial), 1.3)  # a few agencies lead most tasks
        coop_pool = agencies
        coop_weights = _zipf_weights(len(coop_pool), 0.8)
        group_rows = list(s.execute(select(AgencyGroup.id, AgencyGroup.name)))
        names = {a.id: a.name for a in agencies}

        n_dir = max(2, n_tasks // 250)
        directives = []
        for i in range(n_dir):
            number = f"{i + 1}/KH-UBND" if i % 3 else f"{i + 1}/KH-BCĐ"
            directives.append(
                {
                    "number": number,
                    "number_key": directive_number_key(number),
                    "number_sort": sort_key(number),
                    "kind": "KH",
                    "issuer": "UBND tỉnh",
                    "issued_on": date(2024, 1, 1) + timedelta(days=(i * 7) % 1000),
                    "subject": "Kế hoạch chuyển đổi số " + str(2024 + i % 3),
                }
            )
        s.execute(insert(Directive), directives)
        dir_rows = list(s.execute(select(Directive.id, Directive.number, Directive.issued_on)))
        # directive sizes vary: a few big plans, many short letters
        dir_weights = [rng.paretovariate(1.5) for _ in dir_rows]

        meanings: dict[tuple[str, int], Deadline] = {}
        tasks: list[dict[str, Any]] = []
        seqs: dict[int, int] = {}
        plans: list[tuple[list[tuple[int | None, int | None, str]], date | None, bool, bool, str]] = []
        for directive in rng.choices(dir_rows, weights=dir_weights, k=n_tasks):
            d_id, d_number, issued = directive
            seqs[d_id] = seqs.get(d_id, 0) + 1
            phrase = rng.choice(phrases)
            key = (phrase, issued.year)
            if key not in meanings:
                meanings[key] = parse_deadline(phrase, reference=issued)
            meaning = meanings[key]
            content = rng.choice(contents)
            cut = content.find(", ", 40)
            if cut > 0 and rng.random() < 0.5:  # the short form a letter would quote
                content = content[:cut]
            content = rng.choice(_HEADS) + content + rng.choice(_TAILS)
            if rng.random() < 0.04:  # a longer, compound task
                content += "; " + rng.choice(contents)[0].lower() + rng.choice(contents)[1:]
            group_code, group_title = rng.choice(groups)
            product = rng.choice(products)
            first = _first_due(meaning, rng)
            timed = first is not None
            roll = rng.random()
            suspension = "paused" if roll < 0.03 else "cancelled" if roll < 0.05 else "active"
            done = timed and rng.random() < 0.35
            late = done and rng.random() < 0.3
            lead_id = rng.choices(provincial, weights=lead_weights)[0].id
            parties: list[tuple[int | None, int | None, str]] = [(lead_id, None, "lead")]
            taken = {lead_id}
            for _ in range(rng.choice((0, 1, 2, 2, 3, 3, 4))):
                coop = rng.choices(coop_pool, weights=coop_weights)[0].id
                if coop not in taken:
                    taken.add(coop)
                    parties.append((coop, None, "coop"))
            if group_rows and rng.random() < 0.08:
                parties.append((None, rng.choice(group_rows).id, "coop"))
            party_names = [
                names[a] if a is not None else next(g.name for g in group_rows if g.id == g_id)
                for a, g_id, _ in parties
            ]
            tasks.append(
                {
                    "directive_id": d_id,
                    "group_code": group_code,
                    "group_title": group_title,
                    "seq": seqs[d_id],
                    "content": content,
                    "product": product,
                    "deadline_text": phrase,
                    "deadline": meaning.to_json(),
                    "deadline_kind": meaning.kind.value,
                    "suspension": suspension,
                    "search_text": fold(
                        " ".join([d_number, group_title, content, product, phrase, "", *party_names])
                    ),
                    "lead_key": stored_key(
                        "; ".join(
                            n
                            for (_a, _g, role), n in zip(parties, party_names, strict=True)
                            if role == "lead"
                        )
                    ),
                    "content_key": stored_key(content),
                    "gaps": gap_count(
                        content,
                        [("lead", a, g) for a, g, role in parties if role == "lead"],
                        meaning.kind,
                        product,
                        d_number,
                    ),
                    "first_unmet": None if done else first,
                    "completed": done,
                    "completed_late": late,
                }
            )
            plans.append((parties, first, done, late, phrase))
        s.execute(insert(Task), tasks)
        task_ids = list(s.scalars(select(Task.id).order_by(Task.id)))

        assignments = []
        for tid, (parties, first, done, late, _phrase) in zip(task_ids, plans, strict=True):
            for agency_id, group_id, role in parties:
                assignments.append(
                    {
                        "task_id": tid,
                        "role": role,
                        "agency_id": agency_id,
                        "group_id": group_id,
                        "first_unmet": None if done else first,
                        "completed": done,
                        "completed_late": late,
                    }
                )
        s.execute(insert(Assignment), assignments)
        rows = list(
            s.execute(select(Assignment.id, Assignment.task_id, Assignment.role).order_by(Assignment.id))
        )
        by_task = dict(zip(task_ids, plans, strict=True))

        reports = []
        for a_id, t_id, role in rows:
            _parties, first, done, late, _phrase = by_task[t_id]
            if done and role == "lead":
                assert first is not None
                shift = rng.randint(1, 40) if late else -rng.randint(0, 20)
                received = first + timedelta(days=shift)
                reports.append(_report(a_id, received, True, 100, rng))
            elif rng.random() < 0.25:
                received = TODAY - timedelta(days=rng.randint(1, 300))
                reports.append(_report(a_id, received, False, rng.choice((20, 40, 50, 60, 80)), rng))
        s.execute(insert(Report), reports)
        report_ids = list(s.scalars(select(Report.id)))
        blobs = []
        for n in range(200):
            sha = hashlib.sha256(f"bench-evidence-{n}".encode()).hexdigest()
            blobs.append({"sha256": sha, "size": 20_000 + n})
        s.execute(insert(StoredFile), blobs)
        evidence = [
            {
                "report_id": r_id,
                "sha256": rng.choice(blobs)["sha256"],
                "original_name": f"Bao cao so {r_id}.pdf",
            }
            for r_id in report_ids
            if rng.random() < 0.3
        ]
        s.execute(insert(Evidence), evidence)
    ctx.close()
    lengths = sorted(len(t["content"]) for t in tasks)
    return {
        "tasks": n_tasks,
        "directives": n_dir,
        "assignments": len(assignments),
        "reports": len(reports),
        "evidence": len(evidence),
        "median_content_chars": lengths[len(lengths) // 2],
    }


def _report(
    assignment_id: int, received: date, done: bool, percent: int, rng: random.Random
) -> dict[str, Any]:
    return {
        "assignment_id": assignment_id,
        "received_on": min(received, TODAY),
        "text": "Đã triển khai thực hiện" if not done else "Đã hoàn thành, gửi kèm sản phẩm",
        "percent": percent,
        "done": done,
        "doc_number": f"{rng.randint(1, 999)}/BC-STTTT",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--tasks", type=int, default=100_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    facts = build(args.path, args.tasks)
    print(json.dumps({**facts, "build_s": round(time.perf_counter() - t0, 2)}), flush=True)


if __name__ == "__main__":
    main()
