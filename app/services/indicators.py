"""Indicators (chỉ tiêu) and the values agencies report for them per period."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.dto import IndicatorInput, IndicatorRow, PartyRef
from app.errors import NotFound, ValidationError
from app.indicator_dto import IndicatorValueItem
from app.operation import operation
from app.services.base import Service
from app.services.trash import move_to_trash, shorten
from models.entities import Agency, AgencyGroup, Indicator, IndicatorAgency, IndicatorValue, Role
from models.indicator_track import IndicatorTrack, track
from models.periods import PeriodError, parse_period, period_span
from models.textfold import fold


def _as_text(value: str | float | None) -> str:
    """Numbers are kept as written in Vietnamese style (52,4); words ("Tốp 15") as they are."""
    if value is None:
        return ""
    if isinstance(value, float | int):
        return f"{value:g}".replace(".", ",")
    return " ".join(value.split())


def as_number(text: str) -> float | None:
    """The numeric value of a baseline or target, if it has one ("52,4", "80%", "1.250")."""
    cleaned = text.strip().rstrip("%").strip().replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def period_end(period: str) -> tuple[int, int, int]:
    """Orders stored codes ("2026", "2026-H1", "2026-Q2", "2026-06") by where they end.

    A code no longer readable sorts first, so it never hides a readable latest value.
    """
    try:
        return parse_period(period).sort_key()
    except PeriodError:
        return (0, 0, 0)


_YEAR = re.compile(r"\bnam\s+(\d{4})\b")
_BY_YEAR = re.compile(r"\b(?:den|toi)\s+(?:het\s+)?nam\s+(\d{4})\b")


def _one_year(text: str) -> int | None:
    """The year ``text`` names ("năm 2026"), when it names exactly one (or one after "đến năm")."""
    folded = fold(text)
    years = set(_YEAR.findall(folded))
    if len(years) == 1:
        return int(years.pop())
    by = set(_BY_YEAR.findall(folded))
    return int(by.pop()) if len(by) == 1 else None


def target_year_of(indicator_text: str, directive_subject: str) -> int | None:
    """The year a target is due: a year written on the indicator (name, target, note: "đến năm
    2030"), else the one year the directive is a plan for ("Hoạt động năm 2026…"); None when
    neither names exactly one, so the on-track rule says "chưa đủ dữ liệu" rather than guess."""
    return _one_year(indicator_text) or _one_year(directive_subject)


def indicator_track(ind: Indicator) -> tuple[IndicatorTrack, str]:
    """models.indicator_track's rule on a loaded indicator (values and directive loaded)."""
    ordered = sorted(ind.values, key=lambda v: period_end(v.period))
    readable = [v for v in ordered if period_end(v.period) != (0, 0, 0)]
    latest = readable[-1] if readable else None
    previous = readable[-2] if len(readable) > 1 else None
    year = target_year_of(
        " ".join((ind.name, ind.target, ind.note)), ind.directive.subject if ind.directive else ""
    )
    start = ind.directive.issued_on if ind.directive and ind.directive.issued_on else None
    if start is None and readable:
        start = period_span(readable[0].period)[0]
    result = track(
        baseline=as_number(ind.baseline),
        target=as_number(ind.target),
        start=start,
        deadline=date(year, 12, 31) if year else None,
        latest=latest.value if latest else None,
        latest_end=period_span(latest.period)[1] if latest else None,
        previous=previous.value if previous else None,
    )
    return result, str(year) if year else ""


class IndicatorService(Service):
    def list_indicators(self, directive_id: int | None = None) -> list[IndicatorRow]:
        with self.db.reading() as s:
            stmt = (
                select(Indicator)
                .options(
                    selectinload(Indicator.agencies).selectinload(IndicatorAgency.agency),
                    selectinload(Indicator.agencies).selectinload(IndicatorAgency.group),
                    selectinload(Indicator.values),
                    selectinload(Indicator.directive),
                )
                .order_by(Indicator.directive_id, Indicator.seq, Indicator.id)
            )
            if directive_id is not None:
                stmt = stmt.where(Indicator.directive_id == directive_id)
            rows = []
            for i in s.scalars(stmt):
                latest = max(i.values, key=lambda v: period_end(v.period)) if i.values else None
                on_track, target_period = indicator_track(i)
                rows.append(
                    IndicatorRow(
                        id=i.id,
                        directive_number=i.directive.number if i.directive else "",
                        group_code=i.group_code,
                        seq=i.seq,
                        name=i.name,
                        unit=i.unit,
                        baseline=i.baseline,
                        target=i.target,
                        lead="; ".join(x.display_name for x in i.agencies if x.role == Role.LEAD.value),
                        cooperating="; ".join(
                            x.display_name for x in i.agencies if x.role == Role.COOPERATING.value
                        ),
                        latest_period=latest.period if latest else "",
                        latest_value=latest.value if latest else None,
                        track=on_track,
                        target_period=target_period,
                    )
                )
            return rows

    def value_history(self, indicator_id: int) -> list[IndicatorValueItem]:
        """Every value stored for the indicator, latest period first."""
        with self.db.reading() as s:
            rows = s.execute(
                select(
                    IndicatorValue.id,
                    IndicatorValue.period,
                    IndicatorValue.value,
                    IndicatorValue.reported_on,
                    IndicatorValue.note,
                ).where(IndicatorValue.indicator_id == indicator_id)
            ).all()
        items = [IndicatorValueItem(*r) for r in rows]
        return sorted(items, key=lambda v: period_end(v.period), reverse=True)

    @operation
    def save(self, data: IndicatorInput) -> int:
        name = " ".join(data.name.split())
        if not name:
            raise ValidationError("Tên chỉ tiêu không được để trống.", "name")
        with self.db.transaction() as s:
            if data.id is None:
                ind = Indicator(name=name)
                s.add(ind)
                if data.seq is None:
                    last = s.scalar(
                        select(func.max(Indicator.seq)).where(Indicator.directive_id == data.directive_id)
                    )
                    ind.seq = (last or 0) + 1
            else:
                found = s.get(Indicator, data.id)
                if found is None:
                    raise NotFound("Không tìm thấy chỉ tiêu.")
                ind = found
            if data.seq is not None:
                ind.seq = data.seq
            ind.name, ind.unit, ind.group_code = name, data.unit.strip(), data.group_code.strip()
            ind.baseline, ind.target, ind.note = _as_text(data.baseline), _as_text(data.target), data.note
            ind.directive_id = data.directive_id
            for field, parties in (("lead", data.lead), ("cooperating", data.cooperating)):
                for p in parties:
                    if (p.agency_id is None) == (p.group_id is None):
                        raise ValidationError(
                            f"«{p.name}» không phải cơ quan hay nhóm cơ quan trong danh mục.", field
                        )
                    if (p.agency_id is not None and s.get(Agency, p.agency_id) is None) or (
                        p.group_id is not None and s.get(AgencyGroup, p.group_id) is None
                    ):
                        raise ValidationError(f"Không tìm thấy cơ quan «{p.name}».", field)
            ind.agencies[:] = [
                IndicatorAgency(role=role, agency_id=p.agency_id, group_id=p.group_id)
                for role, parties in (
                    (Role.LEAD.value, data.lead),
                    (Role.COOPERATING.value, data.cooperating),
                )
                for p in parties
            ]
            s.flush()
            return ind.id

    def get(self, indicator_id: int) -> IndicatorInput:
        """The indicator as its edit form holds it."""
        with self.db.reading() as s:
            ind = s.get(Indicator, indicator_id)
            if ind is None:
                raise NotFound("Không tìm thấy chỉ tiêu.")

            def parties(role: str) -> list[PartyRef]:
                return [
                    PartyRef(x.display_name, x.agency_id, x.group_id) for x in ind.agencies if x.role == role
                ]

            return IndicatorInput(
                name=ind.name,
                unit=ind.unit,
                baseline=ind.baseline,
                target=ind.target,
                group_code=ind.group_code,
                directive_id=ind.directive_id,
                lead=parties(Role.LEAD.value),
                cooperating=parties(Role.COOPERATING.value),
                seq=ind.seq,
                note=ind.note,
                id=ind.id,
            )

    @operation
    def record_value(
        self, indicator_id: int, period: str, value: float, reported_on: date | None = None
    ) -> None:
        """``period`` as the officer typed it ("Quý 3/2026", "T8/2026", "2026-Q3"…); stored as its code."""
        try:
            period = parse_period(period).code
        except PeriodError as exc:
            raise ValidationError(str(exc), "period") from None
        with self.db.transaction() as s:
            ind = s.get(Indicator, indicator_id)
            if ind is None:
                raise NotFound("Không tìm thấy chỉ tiêu.")
            existing = s.scalar(
                select(IndicatorValue).where(
                    IndicatorValue.indicator_id == indicator_id, IndicatorValue.period == period
                )
            )
            if existing is None:
                ind.values.append(IndicatorValue(period=period, value=value, reported_on=reported_on))
            else:
                existing.value, existing.reported_on = value, reported_on

    @operation
    def delete(self, indicator_id: int) -> None:
        with self.db.transaction() as s:
            ind = s.get(Indicator, indicator_id)
            if ind is None:
                raise NotFound("Không tìm thấy chỉ tiêu.")
            move_to_trash(s, ind, f"Chỉ tiêu: {shorten(ind.name)}")
            s.delete(ind)
