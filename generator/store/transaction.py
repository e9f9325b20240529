"""One transaction from number to file: the register and the output folders never disagree.

Every command that writes documents hands its whole output to :func:`publish` as a
:class:`Publication`: the files (in memory, or already written under a temporary name in their
folder), the register entries they carry, and, per folder, what the folder's manifest knows.
Then, in this order:

1. every target is checked: a file holding exactly what would be written is kept; one the
   folder's manifest says thidua wrote (and nobody changed since) is replaced; any other
   existing file is refused unless *force* — all before anything is touched;
2. the register's write lock is taken (SQLite ``BEGIN IMMEDIATE``; PostgreSQL: the counter
   row locked in a READ COMMITTED transaction — :mod:`~generator.store.backend`), waiting at
   most :data:`~generator.store.register.LOCK_TIMEOUT`, and the numbers are checked again
   inside it, so two runs cannot both take one number;
3. a journal naming every step is written in each folder, locked for as long as the run lives;
4. new files are written under temporary names; files replaced or no longer produced are
   moved into ``đã thay thế/<time>/`` (never deleted); new files are linked into place, which
   fails instead of overwriting a file another run has just put there;
5. the entries are recorded, with the run's identifier, and the register commits;
6. the journals are removed.

A failure at any step undoes the steps before it: the folders and the register are left as
they were. A run killed outright (SIGKILL, power cut) leaves its journal; the next run writing
into that folder reads it and finishes the run if the register committed it, else undoes it.

:data:`STEP_HOOK` is called with the name of each step as it is reached. It does nothing; the
tests replace it to inject a failure at each step.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from generator.errors import OutputError, OutputExists, ValidationFailed
from generator.render.output import file_mode, first_missing, remove_empty_tree

from . import backend, history, register
from .backend import Target

try:                    # POSIX: a journal is locked by the run that owns it
    import fcntl
except ImportError:     # pragma: no cover - Windows: journals are recovered by age alone
    fcntl = None  # type: ignore[assignment]

REPLACED = "đã thay thế"
JOURNAL_PREFIX = ".thidua-journal-"
TEMP_PREFIX = ".thidua-new-"
DRAFT_AGE = 3600.0      # seconds after which a journal's draft is taken for a dead run's
STEPS = ("checked", "locked", "journal", "staged", "moved", "placed", "recorded", "committed")


def _no_fault(step: str) -> None:
    """Production: nothing. Tests replace STEP_HOOK to fail at *step*."""


STEP_HOOK: Callable[[str], None] = _no_fault


@dataclass(frozen=True, slots=True)
class File:
    """One file of a publication, *name* in *folder*: *content* in memory, or already written
    under the same name in the folder *staged* on the same file system (a certificate batch).
    A batch of 10,000 holds 10,000 of these: folders are shared, paths made only when needed."""

    folder: Path
    name: str
    sha256: str
    content: bytes | None = None
    staged: Path | None = None

    @classmethod
    def of(cls, target: Path, content: bytes) -> File:
        return cls(target.parent, target.name, hashlib.sha256(content).hexdigest(), content)

    @property
    def target(self) -> Path:
        return self.folder / self.name


@dataclass
class Publication:
    """Everything one run writes, across any number of folders."""

    files: list[File] = field(default_factory=list)
    entries: list[register.Entry] = field(default_factory=list)
    known: dict[Path, str] = field(default_factory=dict)   # written by thidua: path → sha256
    stale: list[Path] = field(default_factory=list)        # no longer produced: moved out
    manifests: list[Path] = field(default_factory=list)    # thidua's own lists, always replaced
    awards: list[history.Award] = field(default_factory=list)   # recorded with the entries

    def add(self, other: Publication) -> None:
        self.files += other.files
        self.entries += other.entries
        self.awards += other.awards
        self.known.update(other.known)
        self.stale += other.stale
        self.manifests += other.manifests


@dataclass(frozen=True)
class Outcome:
    """What a publication did: files written, kept (already identical), and the earlier
    versions moved into đã thay thế/ (replaced or no longer produced)."""

    plans: tuple[_Plan, ...]
    moved: tuple[Path, ...]
    recovered: tuple[str, ...] = ()      # notes on interrupted runs undone or finished

    @property
    def written(self) -> tuple[Path, ...]:
        return tuple(p.file.target for p in self.plans if p.action != "keep")

    @property
    def kept(self) -> tuple[Path, ...]:
        return tuple(p.file.target for p in self.plans if p.action == "keep")

    def kept_names(self, folder: Path) -> set[str]:
        """The names of the files of *folder* that were already identical, and kept."""
        return {p.file.name for p in self.plans if p.action == "keep" and p.file.folder == folder}


def sha256_of(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as err:
        raise OutputError(f"Không đọc được {path}: {err.strerror}") from err


# ---------------------------------------------------------------------------- planning

@dataclass(slots=True)
class _Plan:
    file: File
    action: str                    # "write", "replace" or "keep"
    temp: Path | None = None       # our temporary copy, before it is linked into place
    backup: Path | None = None     # where the earlier version goes: đã thay thế/<time>/
    placed: bool = False


def _listing(folder: Path) -> set[str]:
    """The names in *folder*, read once: a stat per file would cost as much as writing it."""
    try:
        return {entry.name for entry in os.scandir(folder)}
    except (FileNotFoundError, NotADirectoryError):
        return set()
    except OSError as err:
        raise OutputError(f"Không đọc được thư mục {folder}: {err.strerror}") from err


def _plan(publication: Publication, force: bool) -> list[_Plan]:
    """Decide keep/write/replace for every file; refuse every conflict at once."""
    plans, conflicts = [], []
    counts = Counter((f.folder, f.name) for f in publication.files)
    doubled = sorted(str(folder / name) for (folder, name), n in counts.items() if n > 1)
    if doubled:
        raise OutputError("Hai văn bản trùng tên tệp (trùng số, ký hiệu): " + ", ".join(doubled))
    manifests = set(publication.manifests)
    listings = {folder: _listing(folder) for folder in {f.folder for f in publication.files}}
    for item in publication.files:
        if item.name not in listings[item.folder]:
            plans.append(_Plan(item, "write"))
            continue
        if item.target.is_dir():
            raise OutputError(f"Đã có thư mục trùng tên tệp cần ghi: {item.target}")
        current = sha256_of(item.target)
        if current == item.sha256:
            plans.append(_Plan(item, "keep"))
        elif force or item.target in manifests or publication.known.get(item.target) == current:
            plans.append(_Plan(item, "replace"))
        else:
            conflicts.append(str(item.target))
    if conflicts:
        shown = ", ".join(conflicts[:5]) + (f" và {len(conflicts) - 5} tệp khác"
                                            if len(conflicts) > 5 else "")
        raise OutputExists(f"Tệp đã tồn tại mà không do thidua ghi (hoặc đã bị sửa sau khi "
                           f"ghi): {shown}. Dùng --force nếu muốn thay (bản cũ được chuyển vào "
                           f"thư mục «{REPLACED}»).")
    return plans


# ---------------------------------------------------------------------------- the journal

def _dump(record: dict[str, Any], handle: IO[str]) -> None:
    """*record* as JSON, its list of files one entry at a time. json.dump would encode it in
    Python, piece by piece (10 ms for a batch of 2,000); json.dumps of the whole, in C, would
    hold the text of a 10,000-line journal in memory (4 MB in Vietnamese). Each entry is
    encoded in C and written as it is made."""
    head = {key: value for key, value in record.items() if key != "files"}
    opening = json.dumps(head, ensure_ascii=False)[:-1]       # without its closing brace
    handle.write(opening + (", " if head else "") + '"files": [')
    for index, entry in enumerate(record["files"]):
        handle.write(("," if index else "") + json.dumps(entry, ensure_ascii=False))
    handle.write("]}")


def _write_journal(path: Path, record: dict[str, Any]) -> IO[str]:
    """Write a journal and keep it open and locked: a living run's journal is never taken
    for an abandoned one. It is locked and written under another name, then renamed: under
    its own name it is complete and locked from the first moment."""
    draft = path.with_name(f"{TEMP_PREFIX}{record['run']}-journal.tmp")
    handle = draft.open("w", encoding="utf-8")
    try:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        _dump(record, handle)
        handle.flush()
        os.fsync(handle.fileno())
        os.replace(draft, path)
    except BaseException:
        handle.close()
        draft.unlink(missing_ok=True)
        raise
    return handle


def _abandoned(path: Path) -> IO[str] | None:
    """The journal opened and locked, when no living run holds it; else None."""
    try:
        handle = path.open("r+", encoding="utf-8")
    except OSError:
        return None
    if fcntl is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return None
    return handle


def recover(folder: Path, register_path: Target | None = None) -> list[str]:
    """Finish or undo every run that was killed while writing into *folder*, in every folder
    that run wrote into (a build writes documents and certificates in several). A journal
    names its register without a password: when it is *register_path* (this run's), that
    target, password included, is used to ask whether the killed run committed."""
    notes: list[str] = []
    try:
        journals = sorted(folder.glob(f"{JOURNAL_PREFIX}*.json"))
    except OSError:
        return []
    for path in journals:
        notes += _recover_journal(path, register_path)
    # A journal killed before its rename. A living run holds its draft for milliseconds, and
    # is not yet holding its lock between creating and locking it: only old drafts go.
    for draft in folder.glob(f"{TEMP_PREFIX}*-journal.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - draft.stat().st_mtime > DRAFT_AGE:
                draft.unlink()
    return notes


def _journal_register(recorded: str | None, known: Target | None) -> Target | None:
    """The register a journal names, as a target this process can open."""
    if not recorded:
        return None
    if known is not None and backend.display(known) == recorded:
        return known
    return backend.parse_target(recorded)


def _recover_journal(path: Path, known: Target | None = None) -> list[str]:
    """Settle one abandoned journal and those of the same run in its other folders; then
    remove the folders an undone run had created, where nothing is left in them."""
    notes = []
    made: list[str] = []
    siblings = [path]
    while siblings:
        path = siblings.pop()
        handle = _abandoned(path)
        if handle is None:
            continue
        try:
            try:
                record = json.load(handle)
            except (ValueError, RecursionError):    # killed while writing it: nothing was done
                record = {}
            if not isinstance(record, dict):        # not a journal thidua wrote
                record = {}
            register_path = _journal_register(record.get("register"), known)
            committed = register_path is not None and register.has_run(
                register_path, record.get("run", ""))
            _settle(path.parent, record, committed)
            notes.append(f"{path.parent}: một lần chạy trước bị dừng giữa chừng; "
                         + ("đã hoàn tất phần ghi của nó." if committed
                            else "đã hoàn tác, thư mục trở lại như trước lần chạy đó."))
            path.unlink(missing_ok=True)
            siblings += [Path(f) / path.name for f in record.get("folders", [])
                         if Path(f) != path.parent and (Path(f) / path.name).exists()]
            if not committed:
                made += record.get("made", [])
        finally:
            handle.close()
    for folder in dict.fromkeys(made):
        remove_empty_tree(Path(folder))
    return notes


def _settle(folder: Path, record: dict[str, Any], committed: bool) -> None:
    """Complete (*committed*) or undo a journal's run."""
    run = record.get("run", "")
    if run:
        for temp in folder.glob(f"{TEMP_PREFIX}{run}-*.tmp"):
            temp.unlink(missing_ok=True)
    if not committed:
        for name, digest, action in record.get("files", []):
            target = folder / name
            if action != "keep" and target.is_file() and sha256_of(target) == digest:
                target.unlink()
        for origin, moved in reversed(record.get("moves", [])):
            if Path(moved).exists() and not Path(origin).exists():
                os.replace(moved, origin)
    for _, moved in record.get("moves", []):
        _remove_empty(Path(moved).parent)



def _remove_empty(folder: Path) -> None:
    """A stamp folder of đã thay thế/, and đã thay thế/ itself, once nothing is in them."""
    for candidate in (folder, folder.parent):
        if candidate.name and candidate.exists():
            with contextlib.suppress(OSError):
                candidate.rmdir()           # fails, as wanted, when not empty


# ---------------------------------------------------------------------------- file steps

def _stage(plan: _Plan) -> None:
    """Our own temporary copy of an in-memory file, in the target's folder."""
    assert plan.temp is not None
    try:
        fd = os.open(plan.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(plan.file.content or b"")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as err:
        raise OutputError(f"Không ghi được {plan.file.target}: {err.strerror}") from err


def _move_aside(path: Path, destination: Path) -> None:
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, destination)
    except OSError as err:
        raise OutputError(f"Không chuyển được {path} vào {destination.parent}: "
                          f"{err.strerror}") from err


def _taken(target: str) -> OutputExists:
    return OutputExists(f"Một lần chạy khác vừa ghi {target}; lần chạy này không ghi gì. Hãy "
                        "kiểm tra rồi chạy lại.")


# Where a folder cannot hold hard links (FAT, some network shares), a checked rename.
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK,
             errno.ENOSYS}


def _place(source: Path | str, target: str) -> None:
    """Put *source* at *target*, refusing if a file appeared there meanwhile (another run):
    a hard link is atomic and never overwrites."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise _taken(target) from None
    except OSError as err:
        if err.errno not in _NO_LINKS:
            raise OutputError(f"Không ghi được {target}: {err.strerror}") from err
        if os.path.exists(target):
            raise _taken(target) from None
        try:
            os.rename(source, target)
        except OSError as err2:
            raise OutputError(f"Không ghi được {target}: {err2.strerror}") from err2
        return
    os.unlink(source)


# ---------------------------------------------------------------------------- publishing

def publish(publication: Publication, force: bool = False,
            register_path: Target | None = None) -> Outcome:
    """Write *publication* as one transaction (see the module's docstring)."""
    folders = sorted({f.folder for f in publication.files} | {p.parent for p in publication.stale})
    notes = [note for folder in folders for note in recover(folder, register_path)]
    plans = _plan(publication, force)
    if register_path is not None:
        register.check(register_path, publication.entries)     # early: the clearest message
    STEP_HOOK("checked")
    run = _Run(publication, plans, folders, register_path)
    try:
        with register.writing(register_path) as db:
            STEP_HOOK("locked")
            if db is not None:      # again, under the lock: another run may have just taken it
                assert register_path is not None
                issues = register.conflicts_in(db, register_path, publication.entries)
                if issues:
                    raise ValidationFailed(issues)
            run.write()
            if db is not None:
                register.record_in(db, publication.entries, run.id)
                history.record_in(db, publication.awards)
            STEP_HOOK("recorded")
        # Here the register has committed (or there is none): the run is complete once its
        # journals are gone.
    except BaseException:
        run.undo()
        raise
    STEP_HOOK("committed")
    run.finish()
    return run.outcome(notes)


class _Run:
    """Steps 3 and 4 of one publication, decided in full before the journal is written,
    and their undoing."""

    def __init__(self, publication: Publication, plans: list[_Plan], folders: list[Path],
                 register_path: Target | None) -> None:
        self.id = uuid.uuid4().hex
        self.plans, self.folders, self.register_path = plans, folders, register_path
        self.manifests = set(publication.manifests)
        # The time, and the run, so that two runs in one second keep both earlier versions.
        stamp = f"{datetime.now():%Y-%m-%d %H.%M.%S} {self.id[:6]}"
        planned = {(p.file.folder, p.file.name) for p in plans}
        self.moves: list[tuple[Path, Path]] = []
        for index, plan in enumerate(plans):
            if plan.action != "keep" and plan.file.staged is None:
                plan.temp = plan.file.folder / f"{TEMP_PREFIX}{self.id}-{index}.tmp"
            if plan.action == "replace":
                plan.backup = plan.file.folder / REPLACED / stamp / plan.file.name
                self.moves.append((plan.file.target, plan.backup))
        for path in dict.fromkeys(publication.stale):
            if (path.parent, path.name) not in planned and path.is_file():
                self.moves.append((path, path.parent / REPLACED / stamp / path.name))
        self.done_moves: list[tuple[Path, Path]] = []
        self.handles: list[tuple[Path, IO[str]]] = []
        # Folders this run creates: removed again, when empty, if it fails.
        self.made = sorted({m for m in map(first_missing, folders) if m is not None})

    def write(self) -> None:
        for folder in self.folders:
            self._journal(folder)
        STEP_HOOK("journal")
        for plan in self.plans:
            if plan.temp is not None:
                _stage(plan)
        STEP_HOOK("staged")
        for origin, destination in self.moves:
            _move_aside(origin, destination)
            self.done_moves.append((origin, destination))
        STEP_HOOK("moved")
        text: dict[Path, str] = {}      # folder → its path as text, made once
        for plan in self.plans:
            if plan.action == "keep":
                continue
            file = plan.file
            target = os.path.join(text.get(file.folder) or text.setdefault(file.folder,
                                                                           str(file.folder)),
                                  file.name)
            if plan.temp is not None:
                _place(plan.temp, target)
            else:
                assert file.staged is not None
                staged = text.get(file.staged) or text.setdefault(file.staged, str(file.staged))
                _place(os.path.join(staged, file.name), target)
            plan.placed = True
        STEP_HOOK("placed")

    def _journal(self, folder: Path) -> None:
        record = {
            # the register without its password: a journal is a file in a shared folder
            "run": self.id,
            "register": backend.display(self.register_path) if self.register_path else None,
            "folders": [str(f) for f in self.folders],
            "made": [str(f) for f in self.made],
            # [name, sha256, action]: a batch of 10,000 makes a journal of 10,000 lines
            "files": [[p.file.name, p.file.sha256, p.action] for p in self.plans
                      if p.file.folder == folder],
            "moves": [[str(a), str(b)] for a, b in self.moves if a.parent == folder]}
        path = folder / f"{JOURNAL_PREFIX}{self.id}.json"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.handles.append((path, _write_journal(path, record)))
        except OSError as err:
            raise OutputError(f"Không ghi được vào thư mục {folder}: {err.strerror}") from err

    def undo(self) -> None:
        """Take out what this run placed, put back what it moved, remove its temporary
        files and its journals."""
        for plan in self.plans:
            with contextlib.suppress(OSError):      # a folder in the way: nothing to undo
                if plan.placed:
                    plan.file.target.unlink(missing_ok=True)
                if plan.temp is not None:
                    plan.temp.unlink(missing_ok=True)
        for origin, moved in reversed(self.done_moves):
            if moved.exists() and not origin.exists():
                with contextlib.suppress(OSError):
                    os.replace(moved, origin)
            _remove_empty(moved.parent)
        self.close()
        for folder in self.made:
            remove_empty_tree(folder)

    def finish(self) -> None:
        """After the commit: the journals go (for a run without a register, that is the
        commit), then the earlier manifests, which only an undo would have needed."""
        self.close()
        for origin, moved in self.moves:
            if origin in self.manifests:
                moved.unlink(missing_ok=True)
                _remove_empty(moved.parent)

    def close(self) -> None:
        for path, handle in self.handles:
            path.unlink(missing_ok=True)
            handle.close()
        self.handles = []

    def outcome(self, notes: list[str]) -> Outcome:
        moved = tuple(b for a, b in self.moves if a not in self.manifests)
        return Outcome(tuple(self.plans), moved, tuple(notes))
