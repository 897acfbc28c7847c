"""Edge cases found in review: search index in step with every edit, status sharing, odd paths."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.cli import EXIT_USER, main
from app.context import AppContext
from app.dto import AgencyInput, DirectiveInput, PartyRef, ReportInput, TaskFilter, TaskInput
from app.errors import UserError, ValidationError
from models.parties import AgencyKind
from models.status import Status
from tests.conftest import TODAY
from tests.services.test_tasks import _agency, _directive


def _found(ctx: AppContext, search: str) -> int:
    return ctx.tasks.count(TaskFilter(search=search))


def test_renamed_agency_is_found_by_its_new_name(ctx: AppContext) -> None:
    d = _directive(ctx)
    lead = _agency(ctx, "Sở Y tế")
    ctx.tasks.save(TaskInput(d, "Khám sàng lọc", [lead], [], "30/6/2026", "BC"))
    assert lead.agency_id is not None
    ctx.agencies.save(AgencyInput(name="Sở Y tế và Dân số", id=lead.agency_id))
    assert _found(ctx, "dan so") == 1


def test_renumbered_directive_is_found_by_its_new_number(ctx: AppContext) -> None:
    d = _directive(ctx, "125/KH-BCĐ")
    ctx.tasks.save(TaskInput(d, "Khám sàng lọc", [_agency(ctx, "Sở Y tế")], [], "30/6/2026", "BC"))
    ctx.directives.save(DirectiveInput(number="777/KH-BCĐ", kind="KH", issued_on=date(2026, 4, 10), id=d))
    assert _found(ctx, "777") == 1
    assert _found(ctx, "125") == 0


def test_expanded_group_members_are_found_by_name(ctx: AppContext) -> None:
    ctx.agencies.ensure_default_groups()
    ctx.agencies.save(AgencyInput(name="Sở Xây dựng", kind=AgencyKind.PROVINCIAL))
    d = _directive(ctx)
    group = ctx.agencies.resolve_or_fail("Các sở, ban, ngành")
    tid = ctx.tasks.save(TaskInput(d, "Rà soát", [group], [], "30/6/2026", "BC")).value
    ctx.tasks.expand_group(ctx.tasks.get(tid).assignments[0].id)
    assert _found(ctx, "xay dung") == 1


def test_cooperator_reporting_with_the_lead_is_not_credited_for_next_month(ctx: AppContext) -> None:
    """Both send their October report: the cooperator owes November like everyone else."""
    d = _directive(ctx, issued=date(2026, 10, 1))
    lead, coop = _agency(ctx, "Sở Y tế"), _agency(ctx, "Công an tỉnh")
    tid = ctx.tasks.save(TaskInput(d, "Báo cáo", [lead], [coop], "Trước ngày 20 hằng tháng", "BC")).value
    lead_aid, coop_aid = (a.id for a in ctx.tasks.get(tid).assignments)
    ctx.reports.add(ReportInput(lead_aid, date(2026, 10, 15), "T10", done=True))
    ctx.reports.add(ReportInput(coop_aid, date(2026, 10, 16), "T10", done=True))
    # 24/11: the November report (due 20/11) is missing from both
    statuses = [a.status for a in ctx.tasks.get(tid).assignments]
    assert statuses == [Status.OVERDUE.value, Status.OVERDUE.value]
    police = TaskFilter(agency_id=coop.agency_id, statuses=(Status.OVERDUE,))
    assert ctx.tasks.count(police) == 1


def test_cooperator_is_not_credited_twice_by_two_leads(ctx: AppContext) -> None:
    d = _directive(ctx, issued=date(2026, 10, 1))
    a, b, coop = _agency(ctx, "Sở Y tế"), _agency(ctx, "Sở Nội vụ"), _agency(ctx, "Công an tỉnh")
    tid = ctx.tasks.save(TaskInput(d, "Báo cáo", [a, b], [coop], "Trước ngày 20 hằng tháng", "BC")).value
    a_id, b_id, _ = (x.id for x in ctx.tasks.get(tid).assignments)
    ctx.reports.add(ReportInput(a_id, date(2026, 10, 15), "T10", done=True))
    ctx.reports.add(ReportInput(b_id, date(2026, 10, 15), "T10", done=True))
    assert ctx.tasks.get(tid).assignments[2].status == Status.OVERDUE.value


def test_cli_unknown_status_is_one_vietnamese_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    AppContext(tmp_path / "x.sqlite").open().close()
    code = main(["--db", str(tmp_path / "x.sqlite"), "tasks", "--status", "qua han lam"])
    assert code == EXIT_USER
    assert "trạng thái" in capsys.readouterr().err


def test_task_with_unknown_group_is_a_validation_error(ctx: AppContext) -> None:
    d = _directive(ctx)
    with pytest.raises(ValidationError) as err:
        ctx.tasks.save(TaskInput(d, "A", [PartyRef("Nhóm ma", group_id=9999)]))
    assert err.value.field == "lead"


def test_indicator_with_unresolved_party_is_a_validation_error(ctx: AppContext) -> None:
    from app.dto import IndicatorInput

    with pytest.raises(ValidationError):
        ctx.indicators.save(IndicatorInput(name="Tỷ lệ", lead=[PartyRef("Sở Ma")]))
    with pytest.raises(ValidationError):
        ctx.indicators.save(IndicatorInput(name="Tỷ lệ", lead=[PartyRef("Sở Ma", agency_id=9999)]))


def test_database_path_with_url_characters_opens_that_file(tmp_path: Path) -> None:
    folder = tmp_path / "Dữ liệu 100% #1?"
    path = folder / "bcd.sqlite"
    c = AppContext(path, today=lambda: TODAY).open()
    try:
        _directive(c)
    finally:
        c.close()
    assert path.is_file() and path.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]


def test_evidence_folder_that_cannot_be_made_is_a_user_error(ctx: AppContext, tmp_path: Path) -> None:
    ctx.services.store.root.parent.mkdir(parents=True, exist_ok=True)
    ctx.services.store.root.write_text("not a folder")
    src = tmp_path / "bc.txt"
    src.write_text("x")
    with pytest.raises(UserError):
        ctx.services.store.put(src)


def test_directive_date_moved_to_another_year_moves_yearless_deadlines(ctx: AppContext) -> None:
    d = _directive(ctx, issued=date(2026, 4, 10))
    tid = ctx.tasks.save(TaskInput(d, "A", [_agency(ctx, "Sở Y tế")], [], "Trước ngày 15/7", "BC")).value
    assert ctx.tasks.get(tid).next_due == date(2026, 7, 15)
    ctx.directives.save(DirectiveInput(number="125/KH-BCĐ", kind="KH", issued_on=date(2027, 1, 5), id=d))
    assert ctx.tasks.get(tid).next_due == date(2027, 7, 15)


def test_report_for_an_absurd_occurrence_is_a_validation_error(ctx: AppContext) -> None:
    d = _directive(ctx)
    tid = ctx.tasks.save(TaskInput(d, "A", [_agency(ctx, "Sở Y tế")], [], "Thứ Sáu hằng tuần", "BC")).value
    aid = ctx.tasks.get(tid).assignments[0].id
    with pytest.raises(ValidationError) as err:
        ctx.reports.add(ReportInput(aid, date(2026, 5, 1), "x", done=True, occurrence=date(9999, 12, 31)))
    assert err.value.field == "occurrence"


def test_unknown_parent_directive_is_a_validation_error(ctx: AppContext) -> None:
    with pytest.raises(ValidationError) as err:
        ctx.directives.save(DirectiveInput(number="1/KH", kind="KH", parent_id=9999))
    assert err.value.field == "parent_id"
