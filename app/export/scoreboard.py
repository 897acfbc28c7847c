"""`export scoreboard`: the per-agency scoreboard, one row per agency or group named on tasks.

The rows come from the scoreboard service (the same figures as `summary --json`'s "agencies");
this module only lays them out. Any object with the fields of ``ScoreRow`` will do, so the
service's own dataclass is passed as it is. Rates are fractions (0.75 = 75%), None where the
divisor is zero ("—" would be a guess; an empty cell says there is nothing to divide).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from openpyxl import Workbook

from app.export.sheet import Column, ExportMeta, Field, Kind, SheetWriter, fmt_date, write_rows


class ScoreRow(Protocol):
    @property
    def agency(self) -> str: ...
    @property
    def lead(self) -> int: ...
    @property
    def cooperating(self) -> int: ...
    @property
    def done_on_time(self) -> int: ...
    @property
    def done_late(self) -> int: ...
    @property
    def overdue(self) -> int: ...
    @property
    def in_progress(self) -> int: ...
    @property
    def continuous(self) -> int: ...
    @property
    def cooperating_overdue(self) -> int: ...
    @property
    def on_time_rate(self) -> float | None: ...
    @property
    def update_rate(self) -> float | None: ...


@dataclass(frozen=True)
class ScoreLine:
    """A ScoreRow as plain data: what tests build, and what `summary --json` prints per agency."""

    agency: str
    lead: int
    cooperating: int
    done_on_time: int
    done_late: int
    overdue: int
    in_progress: int
    continuous: int
    cooperating_overdue: int
    on_time_rate: float | None
    update_rate: float | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ScoreLine:
        values: dict[str, Any] = {name: data.get(name) for name in cls.__dataclass_fields__}
        return cls(**values)


def _int(name: str, header: str, width: float = 10, group: str = "") -> Field:
    return Field(Column(header, width, Kind.INT, center=True, group=group), lambda r: getattr(r, name))


FIELDS: tuple[Field, ...] = (
    Field(Column("Cơ quan, đơn vị", 34), lambda r: r.agency),
    _int("lead", "Chủ trì", group="Số nhiệm vụ được giao"),
    _int("cooperating", "Phối hợp", group="Số nhiệm vụ được giao"),
    _int("done_on_time", "Hoàn thành đúng hạn", 11, group="Nhiệm vụ chủ trì"),
    _int("done_late", "Hoàn thành quá hạn", 11, group="Nhiệm vụ chủ trì"),
    _int("overdue", "Quá hạn", group="Nhiệm vụ chủ trì"),
    _int("in_progress", "Đang thực hiện trong hạn", 11, group="Nhiệm vụ chủ trì"),
    _int("continuous", "Thường xuyên", 11, group="Nhiệm vụ chủ trì"),
    _int("cooperating_overdue", "Phối hợp quá hạn", 11),
    Field(Column("Tỷ lệ đúng hạn", 10, Kind.PERCENT, number_format="0.0%"), lambda r: r.on_time_rate),
    Field(Column("Tỷ lệ cập nhật", 10, Kind.PERCENT, number_format="0.0%"), lambda r: r.update_rate),
)

NOTES = (
    "Tỷ lệ đúng hạn = số nhiệm vụ chủ trì hoàn thành đúng hạn ÷ số nhiệm vụ chủ trì đã hoàn thành.",
    "Tỷ lệ cập nhật = số kỳ báo cáo định kỳ nhận đúng hạn ÷ số kỳ báo cáo phải nộp đến ngày tính.",
    "Ô tỷ lệ để trống: chưa có nhiệm vụ hoàn thành (hoặc chưa có kỳ báo cáo phải nộp) để tính.",
    "Nhóm cơ quan được giao chung (như «Các sở, ban, ngành») là một dòng riêng.",
)


def _second(get: Callable[[Any], Any]) -> Callable[[tuple[int, Any]], Any]:
    return lambda pair: get(pair[1])


def write_scoreboard(wb: Workbook, rows: Sequence[ScoreRow], meta: ExportMeta) -> SheetWriter:
    numbered = list(enumerate(rows, start=1))
    numbered_fields: tuple[Field, ...] = (Field(Column("STT", 6, Kind.INT, center=True), lambda nr: nr[0]),)
    numbered_fields += tuple(Field(f.column, _second(f.get)) for f in FIELDS)
    return write_rows(
        wb,
        "Theo cơ quan",
        "KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN, ĐƠN VỊ",
        [f"Tính đến ngày {fmt_date(meta.as_of)} · {len(rows)} cơ quan, đơn vị"],
        numbered_fields,
        numbered,
        meta,
        NOTES,
    )
