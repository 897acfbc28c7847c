"""Evidence files: copied in, stored once, never touching the original, checked on open."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest

from app.context import AppContext
from app.dto import AgencyInput, DirectiveInput, ReportInput, TaskInput
from app.errors import EvidenceCorrupt, UserError
from app.paths import evidence_dir_for


def _assignment(ctx: AppContext) -> tuple[int, int]:
    d = ctx.directives.save(DirectiveInput(number="1/KH-BCĐ", kind="KH", issued_on=date(2026, 1, 5))).value
    ctx.agencies.save(AgencyInput(name="Sở Y tế"))
    lead = ctx.agencies.resolve_or_fail("Sở Y tế")
    tid = ctx.tasks.save(TaskInput(d, "Việc", [lead], deadline_text="30/6/2026", product="BC")).value
    return tid, ctx.tasks.get(tid).assignments[0].id


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / "nguoi-dung" / name
    p.parent.mkdir(exist_ok=True)
    p.write_bytes(data)
    return p


def test_evidence_is_copied_and_original_left_alone(ctx: AppContext, tmp_path: Path) -> None:
    tid, aid = _assignment(ctx)
    src = _file(tmp_path, "Báo cáo số 12.pdf", b"%PDF-1.4 minh chung")
    before = (src.read_bytes(), os.stat(src).st_mtime_ns)
    ctx.reports.add(ReportInput(aid, date(2026, 6, 20), "Xong", done=True, evidence_files=[src]))
    assert (src.read_bytes(), os.stat(src).st_mtime_ns) == before
    [report] = ctx.reports.list_for_task(tid)
    [ev] = report.evidence
    assert ev.name == "Báo cáo số 12.pdf"
    assert ev.sha256 == hashlib.sha256(b"%PDF-1.4 minh chung").hexdigest()
    stored = ctx.reports.evidence_path(ev.id)
    assert stored.is_relative_to(evidence_dir_for(ctx.db_path))
    assert stored.read_bytes() == src.read_bytes()


def test_same_content_is_stored_once(ctx: AppContext, tmp_path: Path) -> None:
    _, aid = _assignment(ctx)
    a = _file(tmp_path, "a.docx", b"same bytes")
    b = _file(tmp_path, "b.docx", b"same bytes")
    ctx.reports.add(ReportInput(aid, date(2026, 6, 1), evidence_files=[a]))
    ctx.reports.add(ReportInput(aid, date(2026, 6, 2), evidence_files=[b]))
    blobs = [p for p in evidence_dir_for(ctx.db_path).rglob("*") if p.is_file()]
    assert len(blobs) == 1


def test_damaged_evidence_is_detected_on_open(ctx: AppContext, tmp_path: Path) -> None:
    tid, aid = _assignment(ctx)
    ctx.reports.add(
        ReportInput(aid, date(2026, 6, 1), evidence_files=[_file(tmp_path, "x.pdf", b"original")])
    )
    ev = ctx.reports.list_for_task(tid)[0].evidence[0]
    stored = ctx.reports.evidence_path(ev.id)
    stored.write_bytes(b"tampered")
    with pytest.raises(EvidenceCorrupt, match="SHA-256"):
        ctx.reports.evidence_path(ev.id)
    with pytest.raises(EvidenceCorrupt):
        ctx.reports.export_evidence(ev.id, tmp_path / "out")
    stored.unlink()
    with pytest.raises(EvidenceCorrupt, match=r"Thiếu tệp minh chứng «x\.pdf"):
        ctx.reports.evidence_path(ev.id)


def test_missing_source_file_saves_no_report(ctx: AppContext, tmp_path: Path) -> None:
    tid, aid = _assignment(ctx)
    with pytest.raises(UserError, match="Không tìm thấy tệp"):
        ctx.reports.add(ReportInput(aid, date(2026, 6, 1), evidence_files=[tmp_path / "khong-co.pdf"]))
    assert ctx.reports.list_for_task(tid) == []


def test_directive_original_file_is_stored(ctx: AppContext, tmp_path: Path) -> None:
    src = _file(tmp_path, "KH125.pdf", b"%PDF plan")
    did = ctx.directives.save(DirectiveInput(number="125/KH-BCĐ", kind="KH", original_file=src)).value
    sha, name = ctx.directives.original_file(did) or ("", "")
    assert name == "KH125.pdf"
    assert ctx.services.store.verified_path(sha).read_bytes() == b"%PDF plan"


def test_two_evidence_files_with_one_name_export_side_by_side(ctx: AppContext, tmp_path: Path) -> None:
    tid, aid = _assignment(ctx)
    a = _file(tmp_path, "Báo cáo.pdf", b"first")
    ctx.reports.add(ReportInput(aid, date(2026, 6, 1), evidence_files=[a]))
    a.write_bytes(b"second")
    ctx.reports.add(ReportInput(aid, date(2026, 6, 2), evidence_files=[a]))
    ids = [e.id for r in ctx.reports.list_for_task(tid) for e in r.evidence]
    out = [ctx.reports.export_evidence(i, tmp_path / "mo") for i in ids]
    assert sorted(p.read_bytes() for p in out) == [b"first", b"second"]
    assert all(p.name == "Báo cáo.pdf" for p in out)


def test_directive_original_exports_a_checked_copy(ctx: AppContext, tmp_path: Path) -> None:
    src = _file(tmp_path, "KH 125.pdf", b"%PDF plan 125")
    did = ctx.directives.save(DirectiveInput(number="125/KH-BCĐ", kind="KH", original_file=src)).value
    out = ctx.directives.export_original(did, tmp_path / "mo")
    assert out.name == "KH 125.pdf" and out.read_bytes() == b"%PDF plan 125"
    sha, _ = ctx.directives.original_file(did) or ("", "")
    ctx.services.store.path_for(sha).write_bytes(b"changed")
    with pytest.raises(EvidenceCorrupt):
        ctx.directives.export_original(did, tmp_path / "mo2")
    bare = ctx.directives.save(DirectiveInput(number="1/TB-BCĐ", kind="TB")).value
    with pytest.raises(UserError, match="chưa có tệp gốc"):
        ctx.directives.export_original(bare, tmp_path / "mo3")
