"""The register of outgoing documents (sổ đăng ký văn bản đi, Nghị định 30/2020 Art. 15 and
Phụ lục IV) kept in a SQLite file.

Art. 15: an agency numbers its documents from 01 on 1 January to 31 December, and a number with
its ký hiệu must be unique within the year. The register refuses a build that would give one
number and ký hiệu to two different documents, and records every numbered document it writes.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.errors import Issue, OutputError, ValidationFailed

SCHEMA = """
CREATE TABLE IF NOT EXISTS outgoing (
    year     INTEGER NOT NULL,
    number   INTEGER NOT NULL,
    symbol   TEXT    NOT NULL,      -- ký hiệu, e.g. QĐ-VPCP
    type     TEXT    NOT NULL,      -- tên loại, e.g. Quyết định
    date     TEXT,                  -- ISO date; NULL while the date is not yet fixed
    summary  TEXT    NOT NULL,      -- trích yếu
    signer   TEXT    NOT NULL,
    source   TEXT    NOT NULL,      -- the data file the document was built from
    recorded TEXT    NOT NULL,      -- when thidua recorded it (UTC)
    PRIMARY KEY (year, number, symbol)
)
"""


@dataclass(frozen=True)
class Entry:
    """One numbered document as the register records it."""

    year: int
    number: int
    symbol: str
    type: str
    date: str | None
    summary: str
    signer: str
    source: str

    @property
    def label(self) -> str:
        return f"{self.number:02d}/{self.symbol}"


RUNS = """
CREATE TABLE IF NOT EXISTS runs (
    run      TEXT PRIMARY KEY,      -- the identifier of the thidua run that recorded entries
    recorded TEXT NOT NULL
)
"""
# How long a run waits for another run (or a program holding the file open) to finish writing.
LOCK_TIMEOUT = 30.0


def _message(path: Path, err: sqlite3.Error) -> OutputError:
    """What a clerk is told: in use, read-only, damaged or simply unopenable."""
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        return OutputError(f"Sổ đăng ký {path} đang được dùng (một lần chạy khác hoặc một chương "
                           f"trình đang mở để ghi); đã chờ {LOCK_TIMEOUT:g} giây. Hãy chờ lần chạy "
                           "kia xong rồi chạy lại.")
    if "readonly" in text or "read-only" in text:
        return OutputError(f"Không ghi được vào sổ đăng ký {path}: tệp hoặc thư mục chỉ cho đọc.")
    if isinstance(err, sqlite3.DatabaseError) and not isinstance(err, sqlite3.OperationalError):
        return OutputError(f"Sổ đăng ký {path} bị hỏng hoặc không phải tệp SQLite ({err}).")
    return OutputError(f"Không dùng được sổ đăng ký {path}: {err}")


def _connect(path: Path, create: bool) -> sqlite3.Connection:
    if not create and not path.is_file():
        raise OutputError(f"Không có sổ đăng ký {path} (kiểm tra lại đường dẫn; sổ được tạo khi "
                          "soạn văn bản với --register).")
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: transactions are begun explicitly (BEGIN IMMEDIATE below).
        return sqlite3.connect(path, timeout=LOCK_TIMEOUT, isolation_level=None)
    except (OSError, sqlite3.Error) as err:
        raise OutputError(f"Không mở được sổ đăng ký {path}: {err}") from err


@contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    """The existing register at *path*, read in one transaction. It is never created nor
    written here: a read that had to create tables would need the write lock, and a lock
    upgrade between two runs fails at once instead of waiting."""
    connection = _connect(path, create=False)
    try:
        connection.execute("BEGIN")
        yield connection
        connection.execute("COMMIT")
    except sqlite3.Error as err:
        raise _message(path, err) from err
    finally:
        connection.close()


def _tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _register_tables(db: sqlite3.Connection, path: Path) -> None:
    if "outgoing" not in _tables(db):
        raise OutputError(f"{path} không phải sổ đăng ký văn bản đi của thidua.")


@contextmanager
def writing(path: Path | None) -> Iterator[sqlite3.Connection | None]:
    """The register's write lock for one run: ``BEGIN IMMEDIATE`` (waiting at most
    LOCK_TIMEOUT for another writer), committed when the block ends, rolled back if it
    raises. With no register, a block that does nothing."""
    if path is None:
        yield None
        return
    connection = _connect(path, create=True)
    try:
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(SCHEMA)
            connection.execute(RUNS)
        except sqlite3.Error as err:
            raise _message(path, err) from err
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        try:
            connection.execute("COMMIT")
        except sqlite3.Error as err:
            raise _message(path, err) from err
    finally:
        connection.close()


def conflicts_in(db: sqlite3.Connection, path: Path, entries: Sequence[Entry]) -> list[Issue]:
    """Entries whose number and ký hiệu the register already gives to another document."""
    issues = []
    for entry in entries:
        row = db.execute("SELECT summary, source FROM outgoing WHERE year=? AND number=? AND "
                         "symbol=?", (entry.year, entry.number, entry.symbol)).fetchone()
        if row is not None and row[1] != entry.source:
            issues.append(Issue(entry.source, "$.document.number",
                                f"số {entry.label} năm {entry.year} đã được cấp cho «{row[0]}» "
                                f"(tệp {row[1]}) trong sổ đăng ký {path}; mỗi số và ký hiệu chỉ "
                                "dùng một lần trong năm"))
    return issues


def conflicts(path: Path, entries: Sequence[Entry]) -> list[Issue]:
    """conflicts_in, reading the register at *path* (not created when missing)."""
    if not entries or not path.is_file():
        return []
    with opened(path) as db:
        return conflicts_in(db, path, entries) if "outgoing" in _tables(db) else []


def check(path: Path, entries: Sequence[Entry]) -> None:
    """Raise ValidationFailed, before anything is written, on any number already taken."""
    issues = conflicts(path, entries)
    if issues:
        raise ValidationFailed(issues)


def record_in(db: sqlite3.Connection, entries: Sequence[Entry], run: str) -> None:
    """Record (or update, for a rebuilt document) every entry, and the run that did it."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    db.executemany(
        "INSERT INTO outgoing VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (year, number, symbol) "
        "DO UPDATE SET type=excluded.type, date=excluded.date, summary=excluded.summary, "
        "signer=excluded.signer, recorded=excluded.recorded WHERE source=excluded.source",
        [(e.year, e.number, e.symbol, e.type, e.date, e.summary, e.signer, e.source, now)
         for e in entries])
    db.execute("INSERT INTO runs VALUES (?, ?)", (run, now))


def record(path: Path, entries: Sequence[Entry], run: str | None = None) -> None:
    """Record *entries* in the register at *path*, in one transaction of their own."""
    with writing(path) as db:
        assert db is not None
        record_in(db, entries, run or uuid.uuid4().hex)


def has_run(path: Path, run: str) -> bool:
    """Whether the register committed the run *run* (read when finishing a killed run)."""
    if not run or not path.is_file():
        return False
    with opened(path) as db:
        return "runs" in _tables(db) and db.execute(
            "SELECT 1 FROM runs WHERE run=?", (run,)).fetchone() is not None


def entries(path: Path, year: int | None = None) -> list[Entry]:
    """The register's documents in registration order: by year, number, ký hiệu."""
    query = "SELECT year, number, symbol, type, date, summary, signer, source FROM outgoing"
    with opened(path) as db:
        _register_tables(db, path)
        rows = db.execute(query + (" WHERE year=?" if year else "") +
                          " ORDER BY year, number, symbol", (year,) if year else ()).fetchall()
    return [Entry(*row) for row in rows]


def next_number(path: Path, agency: str, year: int, symbol: str | None = None) -> int:
    """The next free number of *agency* in *year*: one series for all its documents (ký hiệu
    ending in -AGENCY), or, with *symbol*, the series of that ký hiệu alone."""
    with opened(path) as db:
        _register_tables(db, path)
        if symbol:
            row = db.execute("SELECT MAX(number) FROM outgoing WHERE year=? AND symbol=?",
                             (year, symbol)).fetchone()
        else:
            row = db.execute("SELECT MAX(number) FROM outgoing WHERE year=? AND symbol LIKE ?",
                             (year, f"%-{agency}")).fetchone()
    return (row[0] or 0) + 1
