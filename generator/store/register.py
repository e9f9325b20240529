"""The register of outgoing documents (sổ đăng ký văn bản đi, Nghị định 30/2020 Art. 15 and
Phụ lục IV) kept in a SQLite file.

Art. 15: an agency numbers its documents from 01 on 1 January to 31 December, and a number with
its ký hiệu must be unique within the year. The register refuses a build that would give one
number and ký hiệu to two different documents, and records every numbered document it writes.
"""

from __future__ import annotations

import sqlite3
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


@contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection]:
    """The register at *path* (created when missing), in one transaction."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=30)
    except (OSError, sqlite3.Error) as err:
        raise OutputError(f"Không mở được sổ đăng ký {path}: {err}") from err
    try:
        with connection:
            connection.execute(SCHEMA)
            yield connection
    except sqlite3.DatabaseError as err:
        raise OutputError(f"Sổ đăng ký {path} bị hỏng hoặc không phải tệp SQLite: {err}") from err
    finally:
        connection.close()


def conflicts(path: Path, entries: Sequence[Entry]) -> list[Issue]:
    """Entries whose number and ký hiệu the register already gives to another document."""
    issues = []
    with opened(path) as db:
        for entry in entries:
            row = db.execute("SELECT summary, source FROM outgoing WHERE year=? AND number=? AND "
                             "symbol=?", (entry.year, entry.number, entry.symbol)).fetchone()
            if row is not None and row[1] != entry.source:
                issues.append(Issue(entry.source, "$.document.number",
                                    f"số {entry.label} năm {entry.year} đã được cấp cho «{row[0]}» "
                                    f"(tệp {row[1]}) trong sổ đăng ký {path}; mỗi số và ký hiệu chỉ "
                                    "dùng một lần trong năm"))
    return issues


def check(path: Path, entries: Sequence[Entry]) -> None:
    """Raise ValidationFailed, before anything is written, on any number already taken."""
    issues = conflicts(path, entries)
    if issues:
        raise ValidationFailed(issues)


def record(path: Path, entries: Sequence[Entry]) -> None:
    """Record (or update, for a rebuilt document) every entry, in one transaction."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with opened(path) as db:
        db.executemany(
            "INSERT INTO outgoing VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (year, number, symbol) "
            "DO UPDATE SET type=excluded.type, date=excluded.date, summary=excluded.summary, "
            "signer=excluded.signer, recorded=excluded.recorded WHERE source=excluded.source",
            [(e.year, e.number, e.symbol, e.type, e.date, e.summary, e.signer, e.source, now)
             for e in entries])


def entries(path: Path, year: int | None = None) -> list[Entry]:
    """The register's documents in registration order: by year, number, ký hiệu."""
    query = "SELECT year, number, symbol, type, date, summary, signer, source FROM outgoing"
    with opened(path) as db:
        rows = db.execute(query + (" WHERE year=?" if year else "") +
                          " ORDER BY year, number, symbol", (year,) if year else ()).fetchall()
    return [Entry(*row) for row in rows]


def next_number(path: Path, agency: str, year: int, symbol: str | None = None) -> int:
    """The next free number of *agency* in *year*: one series for all its documents (ký hiệu
    ending in -AGENCY), or, with *symbol*, the series of that ký hiệu alone."""
    with opened(path) as db:
        if symbol:
            row = db.execute("SELECT MAX(number) FROM outgoing WHERE year=? AND symbol=?",
                             (year, symbol)).fetchone()
        else:
            row = db.execute("SELECT MAX(number) FROM outgoing WHERE year=? AND symbol LIKE ?",
                             (year, f"%-{agency}")).fetchone()
    return (row[0] or 0) + 1
