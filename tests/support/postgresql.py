"""A real PostgreSQL for the store tests, and the register target fixture that runs a test on
both backends.

The server is THIDUA_TEST_POSTGRESQL (a ``postgresql://`` URL of a user who may create
databases) when it is set; otherwise a throwaway cluster started here with the system's
``initdb`` and ``pg_ctl`` in a temporary folder, on a free loopback port, with password
(SCRAM) authentication so that a wrong password can be tested, and stopped at the end of the
session. initdb refuses to run as root: as root, the cluster belongs to the ``postgres`` system
user (``runuser -u postgres --``) in a folder it owns. Each test gets a database of its own.

Without PostgreSQL binaries (or psycopg) the PostgreSQL half of a test is skipped, unless
THIDUA_REQUIRE_POSTGRESQL=1 (``.ci/run``), where it fails.

Use from a test module or a conftest: ``from support.postgresql import register_target,
postgresql_url, postgresql_server  # noqa: F401`` (pytest finds imported fixtures).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

from generator.store import backend

BINDIRS = [Path("/usr/lib/postgresql/15/bin"),
           *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]
ENV_URL = "THIDUA_TEST_POSTGRESQL"
ENV_REQUIRE = "THIDUA_REQUIRE_POSTGRESQL"


def unavailable(reason: str) -> None:
    """Skip, or fail where PostgreSQL is required."""
    if os.environ.get(ENV_REQUIRE) == "1":
        pytest.fail(f"PostgreSQL is required here ({ENV_REQUIRE}=1) but {reason}")
    pytest.skip(f"no PostgreSQL: {reason}")


def with_database(url: str, name: str) -> str:
    """*url* pointing at the database *name*."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + quote(name, safe=""), parts.query, ""))


@dataclass
class Server:
    """A PostgreSQL server the tests may create databases on."""

    admin_url: str
    host: str
    port: int
    user: str
    password: str

    def create(self) -> str:
        """A new empty database; its URL."""
        import psycopg

        name = f"thidua_test_{secrets.token_hex(6)}"
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return with_database(self.admin_url, name)

    def drop(self, url: str) -> None:
        import psycopg

        name = urlsplit(url).path.lstrip("/")
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner(command: Sequence[str], owner: str | None, **kwargs: Any) -> None:
    full = ["runuser", "-u", owner, "--", *command] if owner else list(command)
    done = subprocess.run(full, capture_output=True, text=True, timeout=120, check=False, **kwargs)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stdout}{done.stderr}")


@contextlib.contextmanager
def throwaway_cluster(bindir: Path) -> Iterator[Server]:
    """initdb + pg_ctl in a temporary folder; stopped and removed afterwards."""
    owner = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            unavailable("running as root and there is no postgres system user for initdb")
        owner = "postgres"
    # Not under pytest's tmp_path: that folder is root's alone, and the server runs as postgres.
    base = Path(tempfile.mkdtemp(prefix="thidua-pg-"))
    try:
        if owner:
            shutil.chown(base, owner, owner)
        password = secrets.token_urlsafe(12)
        (base / "pw").write_text(password + "\n")
        if owner:
            shutil.chown(base / "pw", owner, owner)
        data = base / "data"
        _as_owner([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8",
                   "--no-locale", "--auth-local=trust", "--auth-host=scram-sha-256",
                   f"--pwfile={base / 'pw'}"], owner)
        port = free_port()
        # A throwaway cluster: no fsync (the tests kill clients, never this server).
        options = (f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")
        _as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w",
                   "-t", "60", "-o", options, "start"], owner)
        try:
            url = f"postgresql://postgres:{quote(password, safe='')}@127.0.0.1:{port}/postgres"
            yield Server(url, "127.0.0.1", port, "postgres", password)
        finally:
            _as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                       "stop"], owner)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[Server]:
    """The session's PostgreSQL server (see the module's docstring)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install '.[test]')")
    url = os.environ.get(ENV_URL)
    if url:
        parts = urlsplit(url)
        yield Server(url, parts.hostname or "", parts.port or 5432, parts.username or "",
                     parts.password or "")
        return
    bindir = next((d for d in BINDIRS if (d / "initdb").is_file() and (d / "pg_ctl").is_file()),
                  None)
    if bindir is None:
        unavailable("no initdb/pg_ctl under /usr/lib/postgresql (apt-get install postgresql)")
        return
    with throwaway_cluster(bindir) as server:
        yield server


@pytest.fixture
def postgresql_url(postgresql_server: Server) -> Iterator[str]:
    """The URL of a fresh, empty database, dropped after the test."""
    url = postgresql_server.create()
    try:
        yield url
    finally:
        postgresql_server.drop(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def register_target(request: pytest.FixtureRequest, tmp_path: Path) -> backend.Target:
    """Where a test's register lives: a SQLite file in tmp_path, or a fresh PostgreSQL
    database. Both have to give the same results."""
    if request.param == "sqlite":
        return tmp_path / "so.sqlite"
    return str(request.getfixturevalue("postgresql_url"))


def rows(target: backend.Target, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """What *sql* reads from the register at *target*; nothing when there is no register yet
    (no file, or a database without the table)."""
    if not backend.present(target):
        return []
    with backend.reading(target) as db:
        table = sql.split(" FROM ", 1)[1].split()[0] if " FROM " in sql else ""
        if table and table not in db.tables():
            return []
        return [tuple(row) for row in db.execute(sql, params).fetchall()]


@pytest.fixture
def fresh_register(register_target: backend.Target, request: pytest.FixtureRequest,
                   tmp_path: Path) -> Iterator[Any]:
    """More registers of *register_target*'s kind: ``fresh_register("name")`` is another SQLite
    file, or another fresh PostgreSQL database (dropped after the test)."""
    made: list[str] = []
    server: Server | None = (request.getfixturevalue("postgresql_server")
                             if backend.is_url(register_target) else None)

    def make(name: str) -> backend.Target:
        if server is None:
            return tmp_path / f"{name}.sqlite"
        made.append(server.create())
        return made[-1]

    yield make
    for url in made:
        assert server is not None
        server.drop(url)
