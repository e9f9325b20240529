"""The award history (sổ theo dõi khen thưởng): every recipient of every decision built with a
register, kept in the register's SQLite file and written in the same transaction as the
decision's number (:func:`generator.store.transaction.publish`), so the history lists exactly
the decisions the register and the folders hold.

Rebuilding a decision replaces its recipients (a corrected list leaves no stale row); the next
decision or proposal is checked against the history (:mod:`generator.vn.eligibility`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.vn.eligibility import Granted
from generator.vn.formats import same_name_key

from . import register

SCHEMA = """
CREATE TABLE IF NOT EXISTS awards (
    year        INTEGER NOT NULL,   -- the decision's year, number and ký hiệu
    number      INTEGER NOT NULL,
    symbol      TEXT    NOT NULL,
    date        TEXT,
    form        TEXT    NOT NULL,   -- hình thức, danh hiệu
    kind        TEXT    NOT NULL,   -- collective or individual
    name        TEXT    NOT NULL,
    unit        TEXT    NOT NULL,
    achievement TEXT    NOT NULL,
    register_number TEXT NOT NULL,  -- số sổ vàng, '' if none
    subject     TEXT    NOT NULL,   -- the name and unit compared as the award lists compare them
    source      TEXT    NOT NULL,   -- the decision's data file
    recorded    TEXT    NOT NULL,
    PRIMARY KEY (year, number, symbol, form, kind, subject)
)
"""


@dataclass(frozen=True)
class Award:
    """One recipient of one numbered decision, as the history records it."""

    year: int
    number: int
    symbol: str
    date: str | None
    form: str
    kind: str
    name: str
    unit: str
    achievement: str
    register_number: str
    source: str

    @property
    def subject(self) -> str:
        return f"{self.kind}|{same_name_key(self.name)}|{same_name_key(self.unit)}"

    def granted(self) -> Granted:
        return Granted(self.form, self.kind, self.name, self.unit, self.achievement, self.year,
                       f"{self.number:02d}/{self.symbol}", self.source)


def record_in(db: sqlite3.Connection, awards: Sequence[Award]) -> None:
    """Record *awards*, replacing what the history held for their decisions."""
    db.execute(SCHEMA)
    decisions = {(a.year, a.number, a.symbol) for a in awards}
    db.executemany("DELETE FROM awards WHERE year=? AND number=? AND symbol=?", decisions)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    db.executemany(
        "INSERT OR REPLACE INTO awards VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(a.year, a.number, a.symbol, a.date, a.form, a.kind, a.name, a.unit, a.achievement,
          a.register_number, a.subject, a.source, now) for a in awards])


def forget_source(db: sqlite3.Connection, source: str) -> None:
    """Drop what the history recorded from *source* (a sổ vàng imported again replaces its
    own rows, including those of decisions no longer in it: :mod:`generator.store.awards`)."""
    db.execute(SCHEMA)
    db.execute("DELETE FROM awards WHERE source=?", (source,))


def awards(path: Path, year: int | None = None) -> list[Award]:
    """The history in the register at *path*, by decision and then as listed."""
    if not path.is_file():
        return []
    with register.opened(path) as db:
        if "awards" not in {r[0] for r in db.execute("SELECT name FROM sqlite_master")}:
            return []
        rows = db.execute(
            "SELECT year, number, symbol, date, form, kind, name, unit, achievement, "
            "register_number, source FROM awards" + (" WHERE year=?" if year else "")
            + " ORDER BY year, number, symbol, rowid", (year,) if year else ()).fetchall()
    return [Award(*row) for row in rows]
