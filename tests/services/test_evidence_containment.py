"""Evidence stays inside its store: names edited in the database to paths, and shard folders
replaced by symlinks, never make the program read or write outside its folders."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.context import AppContext
from app.dto import AgencyInput, DirectiveInput, ReportInput, TaskInput
from app.errors import EvidenceCorrupt, UserError
from app.evidence_store import EvidenceStore
from app.paths import evidence_dir_for
from app.services.integrity import verify


def _report_with_file(ctx: AppContext, tmp_path: Path, data: bytes = b"%PDF minh chung") -> int:
    d = ctx.directives.save(DirectiveInput(number="1/KH-BCĐ", kind="KH", issued_on=date(2026, 1, 5))).value
    ctx.agencies.save(AgencyInput(name="Sở Y tế"))
    lead = ctx.agencies.resolve_or_fail("Sở Y tế")
    tid = ctx.tasks.save(TaskInput(d, "Việc", [lead], deadline_text="30/6/2026", product="BC")).value
    aid = ctx.tasks.get(tid).assignments[0].id
    src = tmp_path / "goc" / "bao-cao.pdf"
    src.parent.mkdir()
    src.write_bytes(data)
    ctx.reports.add(ReportInput(aid, date(2026, 6, 1), "Xong", evidence_files=[src]))
    return ctx.reports.list_for_task(tid)[0].evidence[0].id


def _edit(ctx: AppContext, sql: str, *params: object) -> None:
    """What a user with a database editor did: change a row behind the program's back."""
    with sqlite3.connect(ctx.db_path) as conn:
        conn.execute(sql, params)


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")} if folder.exists() else set()


@pytest.mark.parametrize("name", ["../../x", "../x.pdf", "ABSOLUTE", "a/b.pdf", "..\\..\\x", "C:x"])
def test_original_name_with_a_path_is_never_exported_outside(
    ctx: AppContext, tmp_path: Path, name: str
) -> None:
    ev = _report_with_file(ctx, tmp_path)
    absolute = tmp_path / "tuyet-doi.pdf"
    name = str(absolute) if name == "ABSOLUTE" else name
    _edit(ctx, "UPDATE evidence SET original_name = ? WHERE id = ?", name, ev)
    out = tmp_path / "mo" / "sau" / "hon"
    before = _files_under(tmp_path)
    with pytest.raises(EvidenceCorrupt, match="đường dẫn"):
        ctx.reports.export_evidence(ev, out)
    created = _files_under(tmp_path) - before
    assert all(p.is_dir() and p.is_relative_to(tmp_path / "mo") for p in created)
    assert not absolute.exists()


@pytest.mark.parametrize("stored", ["../../x", "/etc/passwd", "ab/../../../x", "ABC"])
def test_stored_name_that_is_a_path_is_refused(ctx: AppContext, tmp_path: Path, stored: str) -> None:
    ev = _report_with_file(ctx, tmp_path)
    with sqlite3.connect(ctx.db_path) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE evidence SET sha256 = ? WHERE id = ?", (stored, ev))
    with pytest.raises(EvidenceCorrupt, match="không hợp lệ"):
        ctx.reports.evidence_path(ev)
    with pytest.raises(EvidenceCorrupt):
        ctx.reports.export_evidence(ev, tmp_path / "mo")
    assert not (tmp_path / "mo").exists() or not any((tmp_path / "mo").rglob("*.pdf"))
    # verify names the problem instead of following the path
    result = verify(ctx.db_path, ctx.services.store)
    assert any("không hợp lệ" in p for p in result.problems)


def test_shard_folder_replaced_by_a_symlink_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    data = b"%PDF minh chung"
    ev = _report_with_file(ctx, tmp_path, data)
    sha = hashlib.sha256(data).hexdigest()
    store = evidence_dir_for(ctx.db_path)
    shard = store / sha[:2]
    outside = tmp_path / "ngoai"
    shard.rename(outside)  # the file now lives outside the data folder, reached through a link
    shard.symlink_to(outside, target_is_directory=True)
    with pytest.raises(EvidenceCorrupt, match="liên kết"):
        ctx.reports.evidence_path(ev)
    with pytest.raises(EvidenceCorrupt):
        ctx.reports.export_evidence(ev, tmp_path / "mo")
    # a new file whose shard is the linked folder is not written through the link
    src = tmp_path / "moi.pdf"
    src.write_bytes(data)
    outside_before = _files_under(outside)
    with pytest.raises(UserError):
        EvidenceStore(store).put(src)
    assert _files_under(outside) == outside_before
    assert not [p for p in store.iterdir() if p.name.startswith(".tmp-")]
    assert any("liên kết" in p for p in verify(ctx.db_path, ctx.services.store).problems)


def test_stored_file_replaced_by_a_symlink_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    data = b"%PDF minh chung"
    ev = _report_with_file(ctx, tmp_path, data)
    sha = hashlib.sha256(data).hexdigest()
    stored = evidence_dir_for(ctx.db_path) / sha[:2] / sha
    outside = tmp_path / "ngoai.pdf"
    stored.rename(outside)
    stored.symlink_to(outside)
    with pytest.raises(EvidenceCorrupt, match="liên kết"):
        ctx.reports.evidence_path(ev)


def test_plain_names_still_export(ctx: AppContext, tmp_path: Path) -> None:
    ev = _report_with_file(ctx, tmp_path)
    out = ctx.reports.export_evidence(ev, tmp_path / "mo")
    assert out.name == "bao-cao.pdf" and out.read_bytes() == b"%PDF minh chung"
