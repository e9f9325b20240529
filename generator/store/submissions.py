"""What units send through `thidua serve`: their accounts, and every saved version of their data.

The store is a SQLite file beside the campaign (the default; WAL, synchronous=FULL) or a
PostgreSQL database (``--db postgresql://…``, the same server as the register's if one likes:
the tables differ and so does the version table). Both are reached through
:mod:`generator.store.backend`, under the :data:`WEB` schema (generator/store/migrations/web/).

A save is one short write transaction that adds a version row and moves the submission's head,
so a crash leaves either the old head or the new one, never half of either. A save names the
version it was edited from; a save made from an older version is refused (two tabs, two
clerks), and the same content posted twice (a double click, a reload that re-posts) is one
version, not two. Writers are serialised as the register's are: SQLite ``BEGIN IMMEDIATE``; in
PostgreSQL a READ COMMITTED transaction that first locks the counter row ``web_lock``, so the
head it then reads is the one the previous writer committed. A save takes milliseconds, so one
lock for all units costs nothing a campaign's few dozen units would notice, and needs no retry
logic for the unit's first save (there is no row to lock yet).

:func:`connect` is the only way in: every database access of the web app goes through the
:class:`SubmissionStore` it returns. Failures are the backend's Vietnamese
:class:`~generator.errors.OutputError` messages (unreachable server, wrong password, a store of
a newer thidua…), naming a URL without its password.

Secrets are kept as scrypt hashes (hashlib.scrypt, a random salt per secret); the secret
itself is shown once, when it is issued.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from generator.errors import OutputError, ThiduaError

from . import backend

# The states of a submission, as the clerk reads them.
DRAFT, SENT, RETURNED, APPROVED = "nháp", "đã gửi", "trả lại", "đã duyệt"
STATES = (DRAFT, SENT, RETURNED, APPROVED)
AGENCY = "ban-thi-dua"          # the agency's account code: never a unit code (those are A-Z0-9_)
# What a submission is (its `form`): the unit's Kế hoạch, or its nominations for the cycle in a
# folder of the campaign (NOMINATIONS + folder name).
PLAN = "ke-hoach"
NOMINATIONS = "de-nghi/"

# The web app's tables as a database of their own to the backend: their migrations, their
# version table (not the register's schema_version, so both can live in one database), the noun
# its messages use, and the PostgreSQL row a writer locks first.
WEB = backend.Schema("generator.store.migrations.web", "web_schema_version",
                     "kho dữ liệu của thidua serve",
                     "UPDATE web_lock SET writes = writes + 1, taken = now() WHERE id = 1",
                     " (kho được tạo khi chạy thidua serve)")
TIMEOUT = 30.0

# What a store's failures are (the backend's error, kept under the name this module had).
StoreError = OutputError

# scrypt cost: 16 MiB of memory and about 50 ms a sign-in here; secrets are random, so this only
# has to make a stolen file's hashes expensive to try, not to rescue weak passwords.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
# A secret a clerk can read aloud or type: no 0/O, 1/l/I.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class StaleVersion(ThiduaError):
    """A save was made from a version that is no longer the latest."""


class NotAllowed(ThiduaError):
    """A change the submission's state does not allow (e.g. editing what was sent)."""


@dataclass(frozen=True)
class Account:
    code: str
    role: str
    generation: int


@dataclass(frozen=True)
class Submission:
    unit: str
    state: str
    version: int
    comment: str
    updated_at: str
    updated_by: str
    data: dict[str, Any]
    form: str = PLAN


@dataclass(frozen=True)
class Version:
    unit: str
    version: int
    saved_at: str
    author: str
    action: str
    state: str
    changed: list[str]
    comment: str
    form: str = PLAN


def connect(url: backend.Target | str) -> SubmissionStore:
    """The store at *url*: a SQLite path or a ``postgresql://`` URL, its tables created or
    migrated on first use. This is the one function through which the web app reaches a
    database."""
    store = SubmissionStore(backend.parse_target(url))
    store.migrate()
    return store


def _noun(form: str, start: bool = True) -> str:
    """What the clerk calls the paper *form*: «Kế hoạch», «Đề nghị khen thưởng»."""
    if form == PLAN:
        return "Kế hoạch"           # the name of a document: capitalised anywhere
    return "Đề nghị khen thưởng" if start else "đề nghị khen thưởng"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _hash(secret: str, salt: bytes) -> str:
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def _matches(secret: str, stored: str) -> bool:
    try:
        _, salt, _digest = stored.split("$")
        expected = _hash(secret, bytes.fromhex(salt))
    except ValueError:
        return False
    return hmac.compare_digest(expected, stored)


def new_secret() -> str:
    """Twenty random characters in groups of five (about 98 bits)."""
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(20))
    return "-".join(chars[i:i + 5] for i in range(0, 20, 5))


def changed_paths(old: Any, new: Any, path: str = "$", depth: int = 2) -> list[str]:
    """The JSON paths (to *depth* levels) where *new* differs from *old*: what a save changed."""
    if old == new:
        return []
    if depth and isinstance(old, dict) and isinstance(new, dict):
        keys = list(dict.fromkeys([*old, *new]))
        return [p for k in keys
                for p in changed_paths(old.get(k), new.get(k), f"{path}.{k}", depth - 1)]
    return [path]


class SubmissionStore:
    """Accounts, submissions and versions in one SQLite file or PostgreSQL database; a
    connection per operation, so waitress's threads never share one."""

    def __init__(self, target: backend.Target) -> None:
        self.target = target

    @property
    def shown(self) -> str:
        """The store as it may be printed: a URL without its password."""
        return backend.display(self.target)

    @contextmanager
    def _db(self, write: bool = False) -> Iterator[backend.Database]:
        with backend.connect(self.target, write=write, schema=WEB, timeout=TIMEOUT,
                             wal=True) as db:
            yield db

    def migrate(self) -> int:
        """Create the tables or bring them to the newest version of :data:`WEB`; that version."""
        with self._db(write=True) as db:
            return backend.schema_version(db, WEB)

    # ------------------------------------------------------------------ accounts

    def issue_secret(self, code: str, role: str) -> str:
        """A new secret for *code* (replacing any earlier one, which stops working at once)."""
        secret = new_secret()
        hashed = _hash(secret, secrets.token_bytes(16))
        with self._db(write=True) as db:
            db.execute("INSERT INTO accounts VALUES (?, ?, ?, 1, ?) ON CONFLICT(code) DO UPDATE "
                       "SET role = excluded.role, secret_hash = excluded.secret_hash, "
                       "generation = accounts.generation + 1, issued_at = excluded.issued_at",
                       (code, role, hashed, now()))
        return secret

    def verify(self, code: str, secret: str) -> Account | None:
        """The account whose code and secret these are, or None."""
        with self._db() as db:
            row = db.execute("SELECT code, role, generation, secret_hash FROM accounts "
                             "WHERE code = ?", (code,)).fetchone()
        if row is None:
            _hash(secret, b"0" * 16)     # same work either way: timing tells nothing
            return None
        return Account(row[0], row[1], row[2]) if _matches(secret, row[3]) else None

    def account(self, code: str) -> Account | None:
        with self._db() as db:
            row = db.execute("SELECT code, role, generation FROM accounts WHERE code = ?",
                             (code,)).fetchone()
        return Account(*row) if row else None

    # ------------------------------------------------------------------ submissions

    def current(self, unit: str, form: str = PLAN) -> Submission | None:
        with self._db() as db:
            return self._current(db, unit, form)

    @staticmethod
    def _current(db: backend.Database, unit: str, form: str = PLAN) -> Submission | None:
        row = db.execute("SELECT s.unit, s.state, s.version, s.comment, s.updated_at, "
                         "s.updated_by, v.data FROM submissions s JOIN versions v "
                         "ON v.unit = s.unit AND v.form = s.form AND v.version = s.version "
                         "WHERE s.unit = ? AND s.form = ?", (unit, form)).fetchone()
        if row is None:
            return None
        return Submission(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]),
                          form)

    def all_current(self, form: str = PLAN) -> dict[str, Submission]:
        """The head of every unit's *form*, by unit code."""
        with self._db() as db:
            units = [r[0] for r in db.execute("SELECT unit FROM submissions WHERE form = ?",
                                              (form,))]
            found = {unit: self._current(db, unit, form) for unit in units}
        return {unit: sub for unit, sub in found.items() if sub is not None}

    def save(self, unit: str, author: str, data: dict[str, Any], base: int,
             send: bool = False, form: str = PLAN) -> Submission:
        """Record *data* as the next version of the unit's *form*, edited from version *base*.

        *send* also moves it to "đã gửi". A unit may save only what it has not sent (or what
        was returned to it)."""
        noun = _noun(form)
        with self._db(write=True) as db:
            head = self._current(db, unit, form)
            version = head.version if head else 0
            state = head.state if head else DRAFT
            if state == SENT and send and head is not None and head.data == data:
                return head          # "Gửi" clicked twice: sent once
            if state in (SENT, APPROVED):
                raise NotAllowed(f"{noun} đang ở trạng thái «{state}», không sửa được nữa.")
            if version != base:
                if head is not None and head.data == data and not send:
                    return head      # the same content posted twice: one version
                raise StaleVersion(
                    f"{noun} đã được lưu ở nơi khác (bản {version}, do {head.updated_by if head else ''} "
                    "lưu) sau khi trang này được mở. Hãy mở lại trang để xem bản mới nhất "
                    "rồi sửa tiếp; nội dung vừa gõ chưa được lưu.")
            if head is not None and head.data == data and not send:
                return head
            new_state = SENT if send else state
            return self._record(db, unit, author, data, head, "gửi" if send else "lưu",
                                new_state, head.comment if head and not send else "", form)

    def review(self, unit: str, author: str, approve: bool, comment: str = "",
               form: str = PLAN) -> Submission:
        """The agency returns (with *comment*) or approves what the unit sent."""
        with self._db(write=True) as db:
            head = self._current(db, unit, form)
            if head is None or head.state != SENT:
                state = head.state if head else "chưa lưu"
                raise NotAllowed(f"Chỉ duyệt hoặc trả lại được {_noun(form, start=False)} "
                                 f"đã gửi (đang «{state}»).")
            if not approve and not comment.strip():
                raise NotAllowed("Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.")
            return self._record(db, unit, author, head.data, head,
                                "duyệt" if approve else "trả lại",
                                APPROVED if approve else RETURNED, comment.strip(), form)

    def _record(self, db: backend.Database, unit: str, author: str, data: dict[str, Any],
                head: Submission | None, action: str, state: str, comment: str,
                form: str) -> Submission:
        version = (head.version if head else 0) + 1
        stamp = now()
        changed = changed_paths(head.data if head else {}, data)
        # Columns named: a migrated PostgreSQL table has `form` last, a rebuilt SQLite one second.
        db.execute("INSERT INTO versions (unit, form, version, saved_at, author, action, state, "
                   "changed, comment, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (unit, form, version, stamp, author, action, state,
                    json.dumps(changed, ensure_ascii=False), comment,
                    json.dumps(data, ensure_ascii=False)))
        db.execute("INSERT INTO submissions (unit, form, state, version, comment, updated_at, "
                   "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(unit, form) DO "
                   "UPDATE SET state = excluded.state, version = excluded.version, "
                   "comment = excluded.comment, updated_at = excluded.updated_at, "
                   "updated_by = excluded.updated_by",
                   (unit, form, state, version, comment, stamp, author))
        return Submission(unit, state, version, comment, stamp, author, data, form)

    def versions(self, unit: str, form: str = PLAN) -> list[Version]:
        """Every version of the unit's *form*, newest first."""
        with self._db() as db:
            rows = db.execute("SELECT unit, version, saved_at, author, action, state, changed, "
                              "comment FROM versions WHERE unit = ? AND form = ? "
                              "ORDER BY version DESC", (unit, form)).fetchall()
        return [Version(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7], form)
                for r in rows]

    def version_data(self, unit: str, version: int, form: str = PLAN) -> dict[str, Any] | None:
        with self._db() as db:
            row = db.execute("SELECT data FROM versions WHERE unit = ? AND form = ? AND "
                             "version = ?", (unit, form, version)).fetchone()
        return json.loads(row[0]) if row else None
