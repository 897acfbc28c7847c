"""Short names come from the catalogue wherever it is loaded: catalogue import, first appendix
import, the demo; re-importing the catalogue fills an older database without overwriting."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from app.context import AppContext
from app.dto import AgencyInput
from app.paths import resource
from models.entities import Agency
from tests.appendix.builder import build

CATALOGUE = resource("sample", "danh-muc-co-quan.xlsx")


def _short(ctx: AppContext) -> dict[str, str]:
    return {a.name: a.short_name for a in ctx.agencies.list_agencies(with_counts=False)}


def test_catalogue_import_fills_short_names(ctx: AppContext) -> None:
    ctx.agencies.import_catalogue(CATALOGUE)
    short = _short(ctx)
    assert short["Sở Khoa học và Công nghệ"] == "Sở KH&CN"
    assert short["Công an tỉnh"] == "CA tỉnh"
    assert sum(1 for s in short.values() if s) == 24
    # the abbreviation stays an alias too: matching names still finds it
    sci = next(
        a for a in ctx.agencies.list_agencies(with_counts=False) if a.name == "Sở Khoa học và Công nghệ"
    )
    assert "Sở KH&CN" in sci.aliases and "SKHCN" in sci.aliases


def test_reimport_fills_an_older_database_and_keeps_typed_names(ctx: AppContext) -> None:
    ctx.agencies.import_catalogue(CATALOGUE)
    assert ctx.db is not None
    with ctx.db.transaction() as s:  # a database made before the rule: every short name empty
        s.execute(update(Agency).values(short_name=""))
    assert not any(_short(ctx).values())
    police = next(a for a in ctx.agencies.list_agencies(with_counts=False) if a.name == "Công an tỉnh")
    ctx.agencies.save(
        AgencyInput(
            id=police.id, name=police.name, short_name="CAT", kind=police.kind, aliases=list(police.aliases)
        )
    )
    ctx.agencies.import_catalogue(CATALOGUE)
    short = _short(ctx)
    assert short["Công an tỉnh"] == "CAT"
    assert short["Sở Khoa học và Công nghệ"] == "Sở KH&CN"


def test_first_appendix_import_seeds_short_names(ctx: AppContext, tmp_path: Path) -> None:
    preview = ctx.importer.preview(build(tmp_path / "KH125.xlsx"), seed_catalogue=True)
    ctx.importer.commit(preview)
    short = _short(ctx)
    assert short["Sở Khoa học và Công nghệ"] == "Sở KH&CN"
    assert short["Công an tỉnh"] == "CA tỉnh"


def test_demo_has_short_names(demo_ctx: AppContext) -> None:
    assert _short(demo_ctx)["Sở Nội vụ"] == "SNV"
