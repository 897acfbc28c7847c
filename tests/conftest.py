"""Shared fixtures: a real SQLite file per test, copied from a template built once."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.context import AppContext
from app.paths import evidence_dir_for

TODAY = date(2026, 11, 24)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user data folder."""
    monkeypatch.setenv("BCD_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
    # backups go beside the test's database, never onto a disk the machine happens to have
    monkeypatch.delenv("BCD_BACKUP_DIR", raising=False)
    monkeypatch.setattr("app.backup_place.MOUNT_ROOTS", ())


@pytest.fixture(scope="session")
def qapp(qapp: Any) -> Any:
    """pytest-qt's application, speaking Vietnamese as the program's does (views/launch.py)."""
    from views.qt_vietnamese import install_vietnamese

    install_vietnamese(qapp)
    return qapp


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    """An empty, migrated database, with today fixed to 24/11/2026."""
    c = AppContext(tmp_path / "t.sqlite", today=lambda: TODAY).open()
    yield c
    c.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.demo import build_demo

    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    c = AppContext(path, today=lambda: TODAY).open()
    for _ in build_demo(c):
        pass
    c.close()
    return path


@pytest.fixture
def demo_ctx(demo_template: Path, tmp_path: Path) -> Iterator[AppContext]:
    """A private copy of the demo database (and its evidence folder)."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    src_files = evidence_dir_for(demo_template)
    if src_files.exists():
        shutil.copytree(src_files, evidence_dir_for(path))
    c = AppContext(path, today=lambda: TODAY).open()
    yield c
    c.close()
