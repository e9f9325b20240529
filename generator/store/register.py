"""The register of outgoing documents (sổ đăng ký văn bản đi, Nghị định 30/2020 Art. 15 and
Phụ lục IV), kept in a SQLite file or, shared by several clerks or machines, in a PostgreSQL
database (:mod:`generator.store.backend` decides which, from the target's form).

Art. 15: an agency numbers its documents from 01 on 1 January to 31 December, and a number with
its ký hiệu must be unique within the year. The register refuses a build that would give one
number and ký hiệu to two different documents, and records every numbered document it writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from generator.errors import Issue, OutputError, ValidationFailed

from . import backend
from .backend import Database, Target


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


# How long a run waits for another run (or a program holding the file open) to finish writing.
LOCK_TIMEOUT = 30.0


@contextmanager
def opened(path: Target) -> Iterator[Database]:
    """The existing register at *path*, read in one transaction. It is never created nor
    written here: a read that had to create tables would need the write lock, and a lock
    upgrade between two runs fails at once instead of waiting."""
    with backend.reading(path, LOCK_TIMEOUT) as db:
        yield db


def _register_tables(db: Database, path: Target) -> None:
    if "outgoing" not in db.tables():
        if backend.is_url(path):
            raise OutputError(f"Cơ sở dữ liệu {db.target} chưa có sổ đăng ký của thidua (sổ "
                              "được tạo khi soạn văn bản với --register).")
        raise OutputError(f"{path} không phải sổ đăng ký văn bản đi của thidua.")


@contextmanager
def writing(path: Target | None) -> Iterator[Database | None]:
    """The register's write lock for one run (SQLite ``BEGIN IMMEDIATE``; PostgreSQL: its
    counter row locked), waiting at most LOCK_TIMEOUT for another writer, with the schema
    migrated; committed when the block ends, rolled back if it raises. With no register, a
    block that does nothing."""
    if path is None:
        yield None
        return
    with backend.writing(path, LOCK_TIMEOUT) as db:
        yield db


# Entries looked up per query: 3 parameters each, well under SQLite's oldest limit of 999.
LOOKUP_CHUNK = 300


def conflicts_in(db: Database, path: Target, entries: Sequence[Entry]) -> list[Issue]:
    """Entries whose number and ký hiệu the register already gives to another document (one
    query per LOOKUP_CHUNK entries: under the lock, round trips to a server are what count)."""
    taken: dict[tuple[int, int, str], tuple[str, str]] = {}
    for start in range(0, len(entries), LOOKUP_CHUNK):
        chunk = entries[start:start + LOOKUP_CHUNK]
        keys = ", ".join("(?, ?, ?)" for _ in chunk)
        query = ("SELECT year, number, symbol, summary, source FROM outgoing "
                 f"WHERE (year, number, symbol) IN (VALUES {keys})")
        params = [value for e in chunk for value in (e.year, e.number, e.symbol)]
        for year, number, symbol, summary, source in db.execute(query, params).fetchall():
            taken[(year, number, symbol)] = (summary, source)
    issues = []
    for entry in entries:
        row = taken.get((entry.year, entry.number, entry.symbol))
        if row is not None and row[1] != entry.source:
            issues.append(Issue(entry.source, "$.document.number",
                                f"số {entry.label} năm {entry.year} đã được cấp cho «{row[0]}» "
                                f"(tệp {row[1]}) trong sổ đăng ký {db.target}; mỗi số và ký hiệu chỉ "
                                "dùng một lần trong năm"))
    return issues


def conflicts(path: Target, entries: Sequence[Entry]) -> list[Issue]:
    """conflicts_in, reading the register at *path* (not created when missing)."""
    if not entries or not backend.present(path):
        return []
    with opened(path) as db:
        return conflicts_in(db, path, entries) if "outgoing" in db.tables() else []


def check(path: Target, entries: Sequence[Entry]) -> None:
    """Raise ValidationFailed, before anything is written, on any number already taken."""
    issues = conflicts(path, entries)
    if issues:
        raise ValidationFailed(issues)


def record_in(db: Database, entries: Sequence[Entry], run: str) -> None:
    """Record (or update, for a rebuilt document) every entry, and the run that did it."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    db.executemany(
        "INSERT INTO outgoing (year, number, symbol, type, date, summary, signer, source, "
        "recorded) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (year, number, symbol) "
        "DO UPDATE SET type=excluded.type, date=excluded.date, summary=excluded.summary, "
        "signer=excluded.signer, recorded=excluded.recorded "
        "WHERE outgoing.source=excluded.source",
        [(e.year, e.number, e.symbol, e.type, e.date, e.summary, e.signer, e.source, now)
         for e in entries])
    db.execute("INSERT INTO runs (run, recorded) VALUES (?, ?)", (run, now))


def record(path: Target, entries: Sequence[Entry], run: str | None = None) -> None:
    """Record *entries* in the register at *path*, in one transaction of their own."""
    with writing(path) as db:
        assert db is not None
        record_in(db, entries, run or uuid.uuid4().hex)


def has_run(path: Target, run: str) -> bool:
    """Whether the register committed the run *run* (read when finishing a killed run)."""
    if not run or not backend.present(path):
        return False
    with opened(path) as db:
        return "runs" in db.tables() and db.execute(
            "SELECT 1 FROM runs WHERE run=?", (run,)).fetchone() is not None


def entries(path: Target, year: int | None = None) -> list[Entry]:
    """The register's documents in registration order: by year, number, ký hiệu."""
    query = "SELECT year, number, symbol, type, date, summary, signer, source FROM outgoing"
    with opened(path) as db:
        _register_tables(db, path)
        rows = db.execute(query + (" WHERE year=?" if year else "") +
                          " ORDER BY year, number, symbol", (year,) if year else ()).fetchall()
    return [Entry(*row) for row in rows]


def next_number(path: Target, agency: str, year: int, symbol: str | None = None) -> int:
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
