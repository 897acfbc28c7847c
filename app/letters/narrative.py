"""Draft the four sections a report has, from the data; the officer edits them before issuing.

I. Kết quả thực hiện, II. Tồn tại, hạn chế và nguyên nhân, III. Nhiệm vụ, giải pháp thời gian
tới, IV. Đề xuất, kiến nghị. Each is plain text, one paragraph per line, so the dialog can show
it in an editor and the printer can set it as body paragraphs. The drafts state only what the
data shows (done tasks, overdue tasks with the reasons the agencies gave, the next deadlines);
the proposals are addressed upward, to the body the report goes to — a report never tells the
agencies under the secretariat what to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from models.status import Status
from models.vn_dates import short_date

if TYPE_CHECKING:
    from app.letters.response_data import ResponseContent, TaskResult

NEXT_DAYS = 90  # deadlines within this many days are the "thời gian tới"
LISTED = 10  # at most this many overdue tasks (or agencies) named in a section; the rest counted
# at most this many done, reporting or upcoming tasks named in the body: the appendix has each
# task with its reports, the body only a summary (a plan of 61 tasks ran to 5 pages of lists)
BODY_LISTED = 5
SHORT = 110  # a task's content shortened to this many characters in the narrative

DONE = (Status.DONE_ON_TIME, Status.DONE_LATE)
RUNNING = (Status.NOT_DUE, Status.DUE_SOON, Status.CONTINUOUS, Status.NO_DEADLINE)


@dataclass(frozen=True)
class Sections:
    results: str
    shortcomings: str
    next_steps: str
    proposals: str


def short(text: str, limit: int = SHORT) -> str:
    """The first words of a task, cut at a word boundary with an ellipsis."""
    text = " ".join(text.split()).rstrip(".;:")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def reference(name: str) -> str:
    """How a body refers to itself once its full name has been said: "Ban Chỉ đạo của Ủy ban
    nhân dân tỉnh" and "Ban Chỉ đạo tỉnh" are then "Ban Chỉ đạo"."""
    head = name.split(" của ", 1)[0]
    for tail in (" tỉnh", " thành phố"):
        if head.endswith(tail) and len(head) > len(tail):
            head = head[: -len(tail)]
    return head.strip() or name


def mention_once(text: str, name: str) -> str:
    """``text`` with ``name`` in full the first time and by its ``reference`` after: never
    "Kế hoạch … của Ban Chỉ đạo của UBND tỉnh về hoạt động của Ban Chỉ đạo của UBND tỉnh …"."""
    if not name or text.count(name) < 2:
        return text
    first = text.index(name) + len(name)
    return text[:first] + text[first:].replace(name, reference(name))


def _more(n: int) -> list[str]:
    return [f"- Và {n} nhiệm vụ khác (chi tiết tại Phụ lục)."] if n > 0 else []


def counts_sentence(total: int, on_time: int, late: int, overdue: int, running: int, other: int) -> str:
    """``đã hoàn thành 5 nhiệm vụ (4 đúng hạn, 1 quá hạn), quá hạn chưa hoàn thành 2 nhiệm vụ``.

    Groups with no task are left out; the parts always add up to ``total``."""
    parts = [f"đã hoàn thành {on_time + late} nhiệm vụ ({on_time} đúng hạn, {late} quá hạn)"]
    if running:
        parts.append(f"đang thực hiện {running} nhiệm vụ")
    if overdue:
        parts.append(f"quá hạn chưa hoàn thành {overdue} nhiệm vụ")
    if other:
        parts.append(f"tạm dừng hoặc đã hủy {other} nhiệm vụ")
    assert on_time + late + running + overdue + other == total
    return ", ".join(parts)


def _task_name(t: TaskResult) -> str:
    return short(t.line.content)


def draft_response(data: ResponseContent) -> Sections:
    tasks = data.tasks
    done = [t for t in tasks if t.status in DONE]
    overdue = [t for t in tasks if t.status is Status.OVERDUE]
    running = [t for t in tasks if t.status in RUNNING]
    other = len(tasks) - len(done) - len(overdue) - len(running)
    on_time = sum(1 for t in done if t.status is Status.DONE_ON_TIME)
    results = [
        f"Tính đến ngày {short_date(data.as_of)}, trong tổng số {len(tasks)} nhiệm vụ được giao tại "
        f"{data.directive_ref.split(',')[0]}, "
        + counts_sentence(len(tasks), on_time, len(done) - on_time, len(overdue), len(running), other)
        + "."
    ]
    if done:
        results.append("Các nhiệm vụ đã hoàn thành:")
        for t in done[:BODY_LISTED]:
            last = next((r for r in reversed(t.lead_reports) if r.done), None)
            where = f" ({last.source()})" if last else ""
            results.append(f"- {_task_name(t)}: {t.line.lead} đã hoàn thành{where}.")
        results += _more(len(done) - BODY_LISTED)
    reported = [t for t in running if t.lead_reports]
    if reported:
        results.append("Các nhiệm vụ đang triển khai đã có báo cáo tiến độ:")
        for t in reported[:BODY_LISTED]:
            last = t.lead_reports[-1]
            pct = f", đạt khoảng {last.percent}%" if last.percent is not None else ""
            results.append(f"- {_task_name(t)}: {t.line.lead} đang thực hiện{pct} ({last.source()}).")
        results += _more(len(reported) - BODY_LISTED)
    return Sections(
        results="\n".join(results),
        shortcomings="\n".join(shortcomings(overdue, [t for t in running if not t.lead_reports])),
        next_steps="\n".join(next_steps(running, overdue, data.as_of)),
        proposals="\n".join(proposals(data.addressee, overdue)),
    )


def shortcomings(overdue: Sequence[TaskResult], silent: Sequence[TaskResult]) -> list[str]:
    out: list[str] = []
    if not overdue and not silent:
        return ["Các nhiệm vụ được triển khai theo đúng tiến độ; chưa phát sinh nhiệm vụ quá hạn."]
    if overdue:
        out.append(f"Còn {len(overdue)} nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành:")
        for t in overdue[:LISTED]:
            due = f"hạn {short_date(t.line.due)}, " if t.line.due else ""
            reason = t.reason
            why = (
                f"nguyên nhân theo báo cáo của cơ quan chủ trì: {short(reason, 200)}"
                if reason
                else "cơ quan chủ trì chưa báo cáo nguyên nhân"
            )
            out.append(f"- {_task_name(t)} ({t.line.lead}; {due}quá {t.line.days_late} ngày): {why}.")
        out += _more(len(overdue) - LISTED)
    if silent:
        names = sorted({t.line.lead for t in silent if t.line.lead})
        out.append(
            f"{len(silent)} nhiệm vụ đang thực hiện chưa có báo cáo tiến độ của cơ quan chủ trì"
            + (f" ({'; '.join(names[:LISTED])})" if names else "")
            + "."
        )
    out.append(
        "Nguyên nhân chủ yếu: một số cơ quan chủ trì chưa quan tâm đúng mức đến việc thực hiện và "
        "báo cáo kết quả; việc phối hợp giữa cơ quan chủ trì và cơ quan phối hợp có lúc chưa chặt chẽ."
    )
    return out


def next_steps(running: Sequence[TaskResult], overdue: Sequence[TaskResult], as_of: date) -> list[str]:
    horizon = as_of + timedelta(days=NEXT_DAYS)
    dated = [(t.line.due, t) for t in running if t.line.due is not None and as_of <= t.line.due <= horizon]
    upcoming = sorted(dated, key=lambda dt: (dt[0], dt[1].line.task_id))
    out: list[str] = []
    if overdue:
        out.append(
            f"Tập trung hoàn thành {len(overdue)} nhiệm vụ quá hạn; tiếp tục theo dõi, đôn đốc các "
            "cơ quan chủ trì báo cáo kết quả, làm rõ nguyên nhân chậm tiến độ."
        )
    if upcoming:
        out.append(f"Các nhiệm vụ đến hạn trong {NEXT_DAYS} ngày tới (đến ngày {short_date(horizon)}):")
        for due, t in upcoming[:BODY_LISTED]:
            out.append(f"- {_task_name(t)}: {t.line.lead}, hạn {short_date(due)}.")
        out += _more(len(upcoming) - BODY_LISTED)
    out.append(
        "Duy trì chế độ báo cáo định kỳ; tổng hợp, cập nhật kết quả thực hiện các nhiệm vụ thường xuyên."
    )
    return out


def proposals(addressee: str, overdue: Sequence[TaskResult]) -> list[str]:
    """What the report asks of the body it goes to (never of the agencies below)."""
    if not overdue:
        return [f"Kính đề nghị {addressee} tiếp tục quan tâm lãnh đạo, chỉ đạo việc thực hiện các nhiệm vụ."]
    late = sorted({t.line.lead for t in overdue if t.line.lead})
    return [
        f"Kính đề nghị {addressee} quan tâm chỉ đạo, yêu cầu người đứng đầu các cơ quan có nhiệm vụ "
        f"quá hạn ({'; '.join(late[:LISTED])}) tập trung hoàn thành, báo cáo kết quả.",
        f"Kính đề nghị {addressee} xem xét, cho ý kiến đối với việc điều chỉnh thời hạn các nhiệm vụ "
        "có khó khăn, vướng mắc nêu tại mục II (nếu có).",
    ]
