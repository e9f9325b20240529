"""Where the register and the award history are kept — a SQLite file (the default: one file
beside the campaign) or a PostgreSQL database (when several clerks or machines share them) —
and the one way the rest of thidua talks to either.

A *target* is what ``--register`` / ``THIDUA_REGISTER`` (and the web app's ``--db``) names: a
``postgresql://user:password@host:5432/dbname`` (or ``postgres://``) URL, or else a path to a
SQLite file. Public API, used by the register, the history, the publish transaction and the web
app alike:

- :data:`Target` (``Path | str``, a ``str`` being a URL) and :func:`parse_target` (text → target);
  :func:`is_url`; :func:`display`, the target as it may be shown or written to a journal (a URL
  without its password);
- :func:`connect` ``(target, *, write=False, schema=REGISTER, timeout=30, wal=False)``: a
  :class:`Database` inside one transaction, committed when the block ends, rolled back when it
  raises. A read never creates a file, a table or a migration (a reader that had to would need
  the write lock). A write is SQLite ``BEGIN IMMEDIATE``, or a PostgreSQL READ COMMITTED
  transaction that first runs the schema's lock statement, with the schema migrated to its
  newest version;
- :class:`Schema`: a database thidua keeps — its migrations folder, version table, the noun
  messages use, its PostgreSQL lock. :data:`REGISTER` is the register and award history's,
  whose writers lock the counter row ``register_lock``; the web app's own tables can be another
  Schema, in the same database or another;
- :func:`reading` ``(target)`` / :func:`writing` ``(target, timeout)``: :func:`connect` on the
  register;
- :class:`Database`: ``execute`` / ``executemany`` take SQL written once in SQLite's ``?``
  style (translated for psycopg), ``tables()`` lists the tables, ``dialect`` and
  ``insertion_order`` name what differs;
- :func:`migrate` ``(target, schema=REGISTER)``, :func:`migrations` and
  :func:`schema_version` ``(db, schema=REGISTER)``.

Every failure is an :class:`~generator.errors.OutputError` in Vietnamese naming the target
without its password: server unreachable, wrong password, database missing, register in use
(after *timeout* seconds), read-only, damaged.

Why a locked counter row and not SERIALIZABLE or an advisory lock: a run of thidua writes its
files between checking its numbers and recording them, so the register must be held by one run
from the check to the commit, exactly as SQLite's ``BEGIN IMMEDIATE`` holds it. Under READ
COMMITTED each statement sees what other runs committed before it, so a run that waited for the
row re-checks its numbers against the winner's records; SERIALIZABLE would instead fail the
loser at commit, after its files were placed. A row lock (unlike an advisory key) belongs to a
table of this database, cannot collide with another application's keys, shows in ``pg_locks``
as that table, and counts the runs in its row. The wait is bounded by ``lock_timeout``; failures
that PostgreSQL asks a client to retry (serialization failure, deadlock, a dropped connection
before anything was done) are retried a few times before the run writes anything.

psycopg is imported only when a URL is used: the SQLite default needs nothing beyond Python.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeAlias
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from generator.errors import OutputError

Target: TypeAlias = Path | str
URL_SCHEMES = ("postgresql://", "postgres://")
# How long a connection to a PostgreSQL server may take before the server counts as unreachable.
CONNECT_TIMEOUT = 10
# Attempts at taking the register's lock when PostgreSQL reports a failure worth retrying.
ATTEMPTS = 4
# SQLSTATE codes PostgreSQL documents as "retry the transaction" (Appendix A: 40001
# serialization_failure, 40P01 deadlock_detected), and class 08, a connection lost.
RETRY_STATES = ("40001", "40P01")


def parse_target(value: str | Path) -> Target:
    """A URL stays text; anything else is the path of a SQLite file."""
    if isinstance(value, str) and value.strip().lower().startswith(URL_SCHEMES):
        return value.strip()
    return Path(value)


def is_url(target: Target) -> bool:
    return isinstance(target, str) and target.lower().startswith(URL_SCHEMES)


def _normal(target: Target) -> Target:
    return target if is_url(target) else Path(target)


def display(target: Target) -> str:
    """*target* as a clerk may read it and a journal may keep it: a URL loses its password
    (in the user part and in a ``password=`` parameter), a path is itself."""
    if not is_url(target):
        return str(target)
    assert isinstance(target, str)
    try:
        parts = urlsplit(target)
        host = parts.netloc.rpartition("@")[2]
        user = parts.netloc.rpartition("@")[0].partition(":")[0] if "@" in parts.netloc else ""
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                           if k.lower() != "password"], safe="/")
        netloc = f"{user}@{host}" if user else host
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return target.partition("://")[0] + "://…"


def present(target: Target) -> bool:
    """Whether a register may be there without opening it: a SQLite file exists; a database
    server is always asked."""
    return is_url(target) or Path(target).is_file()


# ---------------------------------------------------------------------------- the connection

@dataclass
class Database:
    """One open connection to a register, inside one transaction, in either dialect."""

    connection: Any                 # sqlite3.Connection or psycopg.Connection
    dialect: str                    # "sqlite" or "postgresql"
    target: str                     # display(target): never the password

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run *sql* (``?`` placeholders) and return its cursor (fetchone, fetchall)."""
        if self.dialect == "sqlite":
            return self.connection.execute(sql, params)
        return self.connection.execute(*_pg(sql, params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        if self.dialect == "sqlite":
            self.connection.executemany(sql, rows)
            return
        rows = list(rows)
        if rows:
            with self.connection.cursor() as cursor:
                cursor.executemany(_pg(sql, rows[0])[0], rows)

    def executescript(self, script: str) -> None:
        """Several statements, no parameters (a migration)."""
        if self.dialect == "sqlite":
            for statement in _statements(script):
                self.connection.execute(statement)
        else:
            self.connection.execute(script)

    def tables(self) -> set[str]:
        if self.dialect == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE type='table'"
        else:
            # pg_catalog, not information_schema: the same answer, a tenth of the time
            query = "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
        return {row[0] for row in self.execute(query).fetchall()}

    @property
    def insertion_order(self) -> str:
        """The column that orders rows as they were inserted (SQLite's rowid; an identity
        column in PostgreSQL, which has no rowid)."""
        return "rowid" if self.dialect == "sqlite" else "seq"


def _pg(sql: str, params: Sequence[Any]) -> tuple[str, Sequence[Any] | None]:
    """SQLite's ``?`` placeholders as psycopg's ``%s``; our SQL has no ``?`` or ``%`` in a
    literal (values always travel as parameters)."""
    if not params:
        return sql, None
    return sql.replace("%", "%%").replace("?", "%s"), params


def _statements(script: str) -> list[str]:
    """A migration's statements, for SQLite's one-statement execute: ``--`` comments dropped,
    then split at every ``;`` (the migrations hold none in a literal)."""
    text = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    return [s.strip() for s in text.split(";") if s.strip()]


# ---------------------------------------------------------------------------- schemas

@dataclass(frozen=True)
class Schema:
    """A database kept by thidua: its migrations (the SQL files of *package*), the table that
    records which were applied, what a clerk calls it in messages, and, for PostgreSQL, the
    statement a writer runs first to hold it (a counter row) — None when its writers lock the
    rows they change instead."""

    package: str | Path             # a package holding the SQL files, or their folder
    table: str = "schema_version"
    noun: str = "sổ đăng ký"
    lock: str | None = None
    hint: str = ""                  # said when the SQLite file is missing

    @property
    def opening(self) -> str:
        """The noun at the start of a sentence."""
        return self.noun[:1].upper() + self.noun[1:]


# The register of outgoing documents and the award history (generator/store/migrations/).
REGISTER = Schema("generator.store.migrations", "schema_version", "sổ đăng ký",
                  "UPDATE register_lock SET runs = runs + 1, taken = now() WHERE id = 1",
                  " (kiểm tra lại đường dẫn; sổ được tạo khi soạn văn bản với --register)")


# ---------------------------------------------------------------------------- SQLite

def _sqlite_message(path: str, err: sqlite3.Error, timeout: float,
                    schema: Schema = REGISTER) -> OutputError:
    """What a clerk is told: in use, read-only, damaged or simply unopenable."""
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        return OutputError(f"{schema.opening} {path} đang được dùng (một lần chạy khác hoặc một "
                           f"chương trình đang mở để ghi); đã chờ {timeout:g} giây. Hãy chờ lần "
                           "chạy kia xong rồi chạy lại.")
    if "readonly" in text or "read-only" in text:
        return OutputError(f"Không ghi được vào {schema.noun} {path}: tệp hoặc thư mục chỉ cho "
                           "đọc.")
    if isinstance(err, sqlite3.DatabaseError) and not isinstance(err, sqlite3.OperationalError):
        return OutputError(f"{schema.opening} {path} bị hỏng hoặc không phải tệp SQLite ({err}).")
    if "no such column" in text or "no such table" in text:    # someone else's tables
        return OutputError(f"{path} không phải {schema.noun} của thidua: tệp SQLite này có "
                           f"bảng của chương trình khác ({err}).")
    return OutputError(f"Không dùng được {schema.noun} {path}: {err}")


def _sqlite_connect(path: Path, create: bool, timeout: float,
                    schema: Schema) -> sqlite3.Connection:
    if not create and not path.is_file():
        raise OutputError(f"Không có {schema.noun} {path}{schema.hint}.")
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: transactions are begun explicitly (BEGIN IMMEDIATE below).
        return sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except (OSError, sqlite3.Error) as err:
        raise OutputError(f"Không mở được {schema.noun} {path}: {err}") from err


@contextmanager
def _sqlite(path: Path, write: bool, timeout: float, schema: Schema,
            wal: bool) -> Iterator[Database]:
    connection = _sqlite_connect(path, create=write, timeout=timeout, schema=schema)
    db = Database(connection, "sqlite", str(path))
    try:
        try:
            if wal:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=FULL")
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            if write:
                _migrate(db, schema)
        except sqlite3.Error as err:
            raise _sqlite_message(str(path), err, timeout, schema) from err
        try:
            yield db
        except sqlite3.Error as err:
            with suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise _sqlite_message(str(path), err, timeout, schema) from err
        except BaseException:
            with suppress(sqlite3.Error):   # SQLite may have rolled back already (disk full)
                connection.execute("ROLLBACK")
            raise
        try:
            connection.execute("COMMIT")
        except sqlite3.Error as err:
            raise _sqlite_message(str(path), err, timeout, schema) from err
    finally:
        connection.close()


# ---------------------------------------------------------------------------- PostgreSQL

def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise OutputError("Cần cài psycopg để dùng cơ sở dữ liệu PostgreSQL: "
                          "pip install 'thidua[postgresql]'.") from None
    return psycopg


# libpq's reasons for not reaching a server, in a clerk's words.
_UNREACHABLE = (
    ("connection refused", "máy chủ không nhận kết nối ở cổng này (chưa chạy, hoặc sai cổng)"),
    ("timeout expired", f"quá {CONNECT_TIMEOUT} giây không có trả lời (sai máy, hoặc mạng bị chặn)"),
    ("could not translate host name", "không tìm thấy tên máy chủ"),
    ("no such file or directory", "không có máy chủ chạy trên máy này ở socket đã cho"),
    ("server closed the connection", "máy chủ đã đóng kết nối giữa chừng"),
)


def _pg_message(shown: str, err: Exception, timeout: float,
                schema: Schema = REGISTER) -> OutputError:
    """A PostgreSQL failure in words a clerk understands, naming the URL without password."""
    state = getattr(err, "sqlstate", None) or ""
    text = str(err)
    lower = text.lower()
    if state == "28P01" or "password authentication failed" in lower:
        return OutputError(f"Sai mật khẩu hoặc tên người dùng khi kết nối tới {schema.noun} "
                           f"{shown}. Kiểm tra lại mật khẩu trong địa chỉ (hoặc PGPASSWORD, "
                           "~/.pgpass).")
    if "no password supplied" in lower:
        return OutputError(f"Máy chủ của {schema.noun} {shown} yêu cầu mật khẩu: thêm mật khẩu "
                           "vào địa chỉ (postgresql://người_dùng:mật_khẩu@máy/cơ_sở_dữ_liệu), "
                           "PGPASSWORD hoặc ~/.pgpass.")
    if state == "3D000" or ("database" in lower and "does not exist" in lower):
        return OutputError(f"Chưa có cơ sở dữ liệu của {schema.noun} {shown} trên máy chủ. Nhờ "
                           "quản trị tạo trước (ví dụ: createdb tên_cơ_sở_dữ_liệu) rồi chạy lại.")
    if state == "28000" or "role" in lower and "does not exist" in lower:
        return OutputError(f"Máy chủ từ chối người dùng của {schema.noun} {shown} (không có người "
                           "dùng này hoặc không được phép kết nối).")
    if state in ("55P03", "57014") or "lock timeout" in lower:
        return OutputError(f"{schema.opening} {shown} đang được dùng (một lần chạy khác đang ghi); "
                           f"đã chờ {timeout:g} giây. Hãy chờ lần chạy kia xong rồi chạy lại.")
    if state == "25006":
        return OutputError(f"Không ghi được vào {schema.noun} {shown}: máy chủ chỉ cho đọc.")
    if state == "42501":
        return OutputError(f"Người dùng của {schema.noun} {shown} không có quyền đọc hoặc ghi các "
                           "bảng của sổ.")
    if state.startswith("08") or getattr(err, "sqlstate", None) is None and (
            "connect" in lower or "connection" in lower or "server" in lower):
        cause = next((words for key, words in _UNREACHABLE if key in lower),
                     "máy chủ không chạy, sai máy hoặc cổng, hoặc mạng bị chặn")
        detail = text.strip().splitlines()[0] if text.strip() else ""
        return OutputError(f"Không kết nối được tới máy chủ PostgreSQL của {schema.noun} {shown}: "
                           f"{cause} (chi tiết: {detail}).")
    return OutputError(f"Không dùng được {schema.noun} {shown}: {text.strip()}")


def _pg_connect(url: str, timeout: float, schema: Schema = REGISTER) -> Any:
    psycopg = _psycopg()
    shown = display(url)
    try:
        params = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error as err:
        raise OutputError(f"Địa chỉ {schema.noun} không hợp lệ: {shown} ({err}).") from None
    extra: dict[str, Any] = {"application_name": "thidua"}
    if "connect_timeout" not in params:
        extra["connect_timeout"] = CONNECT_TIMEOUT
    try:
        # autocommit off: psycopg begins a READ COMMITTED transaction at the first statement.
        return psycopg.connect(url, **extra)
    except psycopg.Error as err:
        raise _pg_message(shown, err, timeout, schema) from None


def _retryable(err: Exception) -> bool:
    state = getattr(err, "sqlstate", None) or ""
    return state in RETRY_STATES or state.startswith("08")


@contextmanager
def _postgresql(url: str, write: bool, timeout: float, schema: Schema) -> Iterator[Database]:
    psycopg = _psycopg()
    shown = display(url)
    connection = None
    for attempt in range(ATTEMPTS):
        connection = _pg_connect(url, timeout, schema)
        db = Database(connection, "postgresql", shown)
        try:
            # lock_timeout bounds every lock wait of this transaction, the register's row
            # included: the PostgreSQL counterpart of SQLite's busy timeout.
            db.execute(f"SET LOCAL lock_timeout = '{max(int(timeout * 1000), 1)}ms'")
            if write:
                _migrate(db, schema)
                if schema.lock:
                    db.execute(schema.lock)
            break
        except BaseException as err:
            with suppress(psycopg.Error):
                connection.close()
            if not isinstance(err, psycopg.Error):
                raise
            if attempt + 1 < ATTEMPTS and _retryable(err):
                time.sleep(0.05 * 2 ** attempt)
                continue
            raise _pg_message(shown, err, timeout, schema) from None
    assert connection is not None
    try:
        try:
            yield db
        except psycopg.Error as err:
            with suppress(psycopg.Error):
                connection.rollback()
            raise _pg_message(shown, err, timeout, schema) from None
        except BaseException:
            with suppress(psycopg.Error):
                connection.rollback()
            raise
        try:
            connection.commit()
        except psycopg.Error as err:
            raise _pg_message(shown, err, timeout, schema) from None
    finally:
        with suppress(psycopg.Error):
            connection.close()


# ---------------------------------------------------------------------------- public

@contextmanager
def connect(target: Target, *, write: bool = False, schema: Schema = REGISTER,
            timeout: float = 30.0, wal: bool = False) -> Iterator[Database]:
    """*target* open in one transaction, committed when the block ends, rolled back when it
    raises. *write*: SQLite ``BEGIN IMMEDIATE`` (the file and its folder created when
    missing), PostgreSQL READ COMMITTED with *schema*'s lock statement run first; *schema*
    migrated to its newest version either way. A read creates nothing and migrates nothing.
    Every lock wait is bounded by *timeout* seconds. *wal*: a SQLite file in WAL mode with
    synchronous=FULL (readers never wait for a writer)."""
    target = _normal(target)
    if is_url(target):
        assert isinstance(target, str)
        with _postgresql(target, write=write, timeout=timeout, schema=schema) as db:
            yield db
    else:
        with _sqlite(Path(target), write=write, timeout=timeout, schema=schema, wal=wal) as db:
            yield db


@contextmanager
def reading(target: Target, timeout: float = 30.0) -> Iterator[Database]:
    """The existing register at *target*, read in one transaction; nothing is created."""
    with connect(target, write=False, timeout=timeout) as db:
        yield db


@contextmanager
def writing(target: Target, timeout: float = 30.0) -> Iterator[Database]:
    """The register's write lock for one run, its schema migrated (see the module's
    docstring); a SQLite file and its folder are created when missing."""
    with connect(target, write=True, timeout=timeout) as db:
        yield db


# ---------------------------------------------------------------------------- migrations
#
# Plain versioned SQL files in generator/store/migrations/, not Alembic: the schema is four
# small tables, written by hand in two dialects anyway (an identity column, a lock row), and
# Alembic would add SQLAlchemy and a migration environment to every install — including the
# SQLite default, which needs nothing beyond Python — to run a handful of CREATE statements.
# Files are named NNNN_name.sql (both dialects) or NNNN_name.<dialect>.sql (one dialect; a
# version then has a file for each), applied in order inside the run's write transaction, and
# recorded in schema_version. Version 1 is the schema of the registers written before
# migrations existed, in CREATE ... IF NOT EXISTS form, so such a file is adopted as it is.

_MIGRATION = re.compile(r"^(\d{4})_([a-z0-9_]+?)(?:\.(sqlite|postgresql))?\.sql$")
VERSION_TABLE = """CREATE TABLE IF NOT EXISTS {table} (
    version INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    applied TEXT NOT NULL
)"""


def migrations(dialect: str, schema: Schema = REGISTER) -> list[tuple[int, str, str]]:
    """(version, name, SQL) of every migration of *schema* for *dialect*, in order."""
    found: dict[int, tuple[str, str]] = {}
    folder = files(schema.package) if isinstance(schema.package, str) else schema.package
    for entry in folder.iterdir():
        match = _MIGRATION.match(entry.name)
        if match is None or match.group(3) not in (None, dialect):
            continue
        version = int(match.group(1))
        if match.group(3) or version not in found:      # a dialect's own file wins
            found[version] = (match.group(2), entry.read_text(encoding="utf-8"))
    return [(v, *found[v]) for v in sorted(found)]


def schema_version(db: Database, schema: Schema = REGISTER) -> int:
    """The newest migration of *schema* applied to *db*; 0 for a register made before
    migrations (or an empty database)."""
    if schema.table not in db.tables():
        return 0
    row = db.execute(f"SELECT MAX(version) FROM {schema.table}").fetchone()
    return int(row[0] or 0)


def _migrate(db: Database, schema: Schema = REGISTER) -> None:
    """Bring *db* to *schema*'s newest version, inside the caller's write transaction."""
    steps = migrations(db.dialect, schema)
    newest = steps[-1][0] if steps else 0
    current = schema_version(db, schema)
    if current == newest:
        return
    if db.dialect == "postgresql":
        # Two first runs on an empty database would both create the tables: the second waits
        # here, then finds them (READ COMMITTED: the next statement sees the first's commit).
        db.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (f"thidua {schema.table}",))
        current = schema_version(db, schema)
    if current > newest:
        raise OutputError(f"{schema.opening} {db.target} do phiên bản thidua mới hơn tạo (lược đồ "
                          f"số {current}, phiên bản này biết đến số {newest}); hãy cập nhật "
                          "thidua.")
    db.executescript(VERSION_TABLE.format(table=schema.table))
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for version, name, sql in steps:
        if version > current:
            db.executescript(sql)
            db.execute(f"INSERT INTO {schema.table} VALUES (?, ?, ?)", (version, name, now))


def migrate(target: Target, timeout: float = 30.0, schema: Schema = REGISTER) -> int:
    """Create or bring the database at *target* to *schema*'s newest version; that version."""
    with connect(target, write=True, schema=schema, timeout=timeout) as db:
        return schema_version(db, schema)

