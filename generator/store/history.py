"""The award history (sổ theo dõi khen thưởng): every recipient of every decision built with a
register, kept with the register (the same SQLite file or PostgreSQL database; its table is
created by the register's migrations) and written in the same transaction as the
decision's number (:func:`generator.store.transaction.publish`), so the history lists exactly
the decisions the register and the folders hold.

Rebuilding a decision replaces its recipients (a corrected list leaves no stale row); the next
decision or proposal is checked against the history (:mod:`generator.vn.eligibility`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from generator.vn.formats import same_name_key

from . import backend, register
from .backend import Database, Target

if TYPE_CHECKING:
    from generator.vn.eligibility import Granted

COLUMNS = ("year, number, symbol, date, form, kind, name, unit, achievement, register_number, "
           "source")


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
        from generator.vn.eligibility import Granted  # read only when a register is checked

        return Granted(self.form, self.kind, self.name, self.unit, self.achievement, self.year,
                       f"{self.number:02d}/{self.symbol}", self.source)


def record_in(db: Database, awards: Sequence[Award]) -> None:
    """Record *awards*, replacing what the history held for their decisions (inside the
    caller's write transaction: :func:`register.writing`)."""
    decisions = {(a.year, a.number, a.symbol) for a in awards}
    db.executemany("DELETE FROM awards WHERE year=? AND number=? AND symbol=?", decisions)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    # The same subject twice in one decision keeps its last row, as INSERT OR REPLACE did.
    db.executemany(
        f"INSERT INTO awards ({COLUMNS}, subject, recorded) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT (year, number, symbol, form, kind, subject) DO UPDATE SET "
        "date=excluded.date, name=excluded.name, unit=excluded.unit, "
        "achievement=excluded.achievement, register_number=excluded.register_number, "
        "source=excluded.source, recorded=excluded.recorded",
        [(a.year, a.number, a.symbol, a.date, a.form, a.kind, a.name, a.unit, a.achievement,
          a.register_number, a.source, a.subject, now) for a in awards])


def record(path: Target, awards: Sequence[Award]) -> None:
    """Record *awards* in the history at *path*, in one transaction of their own (an import
    of earlier decisions, say)."""
    with register.writing(path) as db:
        assert db is not None
        record_in(db, awards)


def forget_source(db: Database, source: str) -> None:
    """Drop what the history recorded from *source* (a sổ vàng imported again replaces its
    own rows, including those of decisions no longer in it: :mod:`generator.store.awards`)."""
    db.execute("DELETE FROM awards WHERE source=?", (source,))


def awards(path: Target, year: int | None = None) -> list[Award]:
    """The history in the register at *path*, by decision and then as listed."""
    if not backend.present(path):
        return []
    with register.opened(path) as db:
        if "awards" not in db.tables():
            return []
        rows = db.execute(
            f"SELECT {COLUMNS} FROM awards" + (" WHERE year=?" if year else "")
            + f" ORDER BY year, number, symbol, {db.insertion_order}",
            (year,) if year else ()).fetchall()
    return [Award(*row) for row in rows]
