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


# -- both engines ------------------------------------------------------------------------------
# A test module that sets ``BOTH_ENGINES = True`` runs each test using ``ctx`` or ``demo_ctx``
# twice: on a SQLite file and on a database of a throwaway PostgreSQL cluster (tests/pg_cluster.py).
ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if getattr(metafunc.module, "BOTH_ENGINES", False) and "db_engine" in metafunc.fixturenames:
        metafunc.parametrize("db_engine", ENGINES, indirect=True)


@pytest.fixture
def db_engine(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A PostgreSQL server for this test run, skipped (saying why) only when none is installed.

    Its folder is made with tempfile, not pytest's tmp_path: that one is private to root, and
    the server runs as an unprivileged user when the tests run as root."""
    import tempfile

    from tests.pg_cluster import find_bin_dir, start_cluster

    if find_bin_dir() is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl found): PostgreSQL tests skipped")
    root = Path(tempfile.mkdtemp(prefix="bcd-pg-"))
    cluster = start_cluster(root)
    yield cluster
    cluster.stop()
    shutil.rmtree(root, ignore_errors=True)


class PgDatabases:
    """Databases on the test cluster: templates migrated once, a fresh copy per test."""

    def __init__(self, cluster: Any) -> None:
        self.cluster = cluster
        self.n = 0

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.cluster.socket_dir),
            port=self.cluster.port,
            user=self.cluster.user,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def copy_of(self, template: str) -> str:
        self.n += 1
        name = f"t{self.n}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {template}")
        return name

    def drop(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def pg_databases(pg_cluster: Any) -> PgDatabases:
    return PgDatabases(pg_cluster)


@pytest.fixture(scope="session")
def pg_empty_template(pg_databases: PgDatabases) -> str:
    """An empty database migrated to head, copied for each test (a migration per test is slow)."""
    pg_databases.admin("CREATE DATABASE tmpl_empty")
    AppContext(pg_databases.cluster.url("tmpl_empty"), today=lambda: TODAY).open().close()
    return "tmpl_empty"


@pytest.fixture
def pg_url(request: pytest.FixtureRequest, pg_databases: PgDatabases) -> Iterator[str]:
    """A fresh empty migrated PostgreSQL database's URL."""
    template = request.getfixturevalue("pg_empty_template")
    name = pg_databases.copy_of(template)
    yield pg_databases.cluster.url(name)
    pg_databases.drop(name)


def _open_on(
    engine: str, request: pytest.FixtureRequest, sqlite_path: Path, template: str
) -> Iterator[AppContext]:
    if engine == "sqlite":
        c = AppContext(sqlite_path, today=lambda: TODAY).open()
        yield c
        c.close()
        return
    dbs: PgDatabases = request.getfixturevalue("pg_databases")
    name = dbs.copy_of(request.getfixturevalue(template))
    c = AppContext(dbs.cluster.url(name), today=lambda: TODAY).open()
    yield c
    c.close()
    dbs.drop(name)


@pytest.fixture
def ctx(tmp_path: Path, db_engine: str, request: pytest.FixtureRequest) -> Iterator[AppContext]:
    """An empty, migrated database, with today fixed to 24/11/2026 (SQLite, or PostgreSQL in a
    BOTH_ENGINES module)."""
    yield from _open_on(db_engine, request, tmp_path / "t.sqlite", "pg_empty_template")


@pytest.fixture(scope="session")
def pg_demo_template(pg_databases: PgDatabases) -> str:
    from app.demo import build_demo

    pg_databases.admin("CREATE DATABASE tmpl_demo")
    c = AppContext(pg_databases.cluster.url("tmpl_demo"), today=lambda: TODAY).open()
    for _ in build_demo(c):
        pass
    c.close()
    return "tmpl_demo"


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
def demo_ctx(
    demo_template: Path, tmp_path: Path, db_engine: str, request: pytest.FixtureRequest
) -> Iterator[AppContext]:
    """A private copy of the demo database (and its evidence folder); on PostgreSQL in a
    BOTH_ENGINES module."""
    if db_engine != "sqlite":
        yield from _open_on(db_engine, request, tmp_path / "unused.sqlite", "pg_demo_template")
        return
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    src_files = evidence_dir_for(demo_template)
    if src_files.exists():
        shutil.copytree(src_files, evidence_dir_for(path))
    c = AppContext(path, today=lambda: TODAY).open()
    yield c
    c.close()
