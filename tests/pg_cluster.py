"""A throwaway PostgreSQL cluster for the tests: initdb and pg_ctl in a temporary folder.

The server listens only on a unix socket inside that folder (and a free port number, which
names the socket), so nothing on the machine can reach it and two test runs never meet.
initdb refuses to run as root, and the tests run as root in CI: then the cluster is made and
started as ``nobody`` (runuser/setpriv), with the folder handed to that user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

SEARCH = (
    "/usr/lib/postgresql/17/bin",
    "/usr/lib/postgresql/16/bin",
    "/usr/lib/postgresql/15/bin",
    "/usr/local/bin",
)


def find_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None when PostgreSQL is not installed."""
    env = os.environ.get("BCD_PG_BIN")
    candidates = ([env] if env else []) + list(SEARCH)
    which = shutil.which("initdb")
    if which:
        candidates.append(str(Path(which).resolve().parent))
    for c in candidates:
        d = Path(c)
        if all((d / n).exists() for n in ("initdb", "pg_ctl", "postgres")):
            return d
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    bin_dir: Path
    root: Path
    port: int
    user: str

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def url(self, db: str = "postgres", user: str | None = None, password: str | None = None) -> str:
        who = user or self.user
        auth = f"{who}:{password}" if password else who
        return f"postgresql+psycopg://{auth}@/{db}?host={self.socket_dir}&port={self.port}"

    def _run(self, *cmd: str) -> None:
        prefix: list[str] = []
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            if setpriv:
                prefix = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
            else:
                prefix = ["runuser", "-u", "nobody", "--"]
        done = subprocess.run(
            [*prefix, *cmd],
            check=False,
            capture_output=True,
            cwd=self.root,
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"{Path(cmd[0]).name} failed ({done.returncode}): {done.stderr.decode(errors='replace')}"
            )

    def start(self) -> None:
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            self.root.chmod(0o755)
            for p in (self.root, self.socket_dir):
                shutil.chown(p, "nobody", "nogroup")
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            self.user,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        opts = (
            f"-k {self.socket_dir} -p {self.port} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            opts,
            "-w",
            "-s",
            "-l",
            str(self.root / "log"),
            "start",
        )

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-s", "stop")


def start_cluster(root: Path) -> Cluster:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL binaries (initdb, pg_ctl) not found")
    cluster = Cluster(bin_dir, root, _free_port(), "bcd")
    cluster.start()
    return cluster
