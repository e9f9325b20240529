"""Certificates in batches: one file per recipient or one print file, resumable, in parallel.

The work per certificate is only what differs (:mod:`compiled`, :mod:`docxzip`); this module
decides the file names, writes, resumes and reports. Output is deterministic (same record and
template → same bytes), which makes resuming simple and safe: a file that already holds exactly
what would be written is kept; any other existing file is a conflict that needs ``force``.
No document is held in memory: each certificate is written as soon as it is rendered and the
merged file is streamed; what grows with the batch is the records and, for the manifest, one
file name and hash per record.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import os
import shutil
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import OutputError, OutputExists, ThiduaError, ValidationFailed
from generator.render.output import first_missing, remove_empty_tree, safe_filename
from generator.render.user_templates import template_label
from generator.store.manifest import Manifest, publication
from generator.store.transaction import File, Outcome, Publication, publish, sha256_of

from .engine import (
    PLAIN,
    TEMPLATES,
    Printing,
    certificate_template,
    compiled,
    layout_of,
    render_body,
    render_document,
)
from .model import Certificate, Decision

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

BLANK = Printing(blank=True)

MANIFEST = "manifest.csv"
# The manifest's columns, read by a clerk in Excel; FIELDS are the names the code uses for them.
MANIFEST_HEADER = ("STT", "Người nhận", "Hình thức", "Đơn vị", "Số sổ vàng", "Tệp", "Trang",
                   "Trạng thái", "sha256", "Mẫu")
FIELDS = ("number", "recipient", "form", "unit", "register", "file", "page", "status", "sha256",
          "template")
# Headers of earlier versions, with the names the code reads them under: such a folder is still
# thidua's own. Before the template column (which template a certificate was printed from)…
PREVIOUS_HEADER = MANIFEST_HEADER[:-1]
# … and before the manifest was in Vietnamese.
LEGACY_HEADER = ("recipient", "form", "file", "page", "sha256")
_READ_AS = {MANIFEST_HEADER: FIELDS, PREVIOUS_HEADER: FIELDS[:-1], LEGACY_HEADER: LEGACY_HEADER}
TEMP_PREFIX = ".thidua-batch-"
CHUNK = 128     # records per message to a worker (measured: 128 beats 32 by a fifth)
FEWEST = 16     # … and at least these, however little is left
Progress = Callable[[int, int], None]
Row = tuple[str, int, str, str]      # file, page, sha256, status (written, kept, conflict)
Result = tuple[int, str, str]        # record index, status, sha256


# ---------------------------------------------------------------------------- names

def _stem(text: str) -> str:
    return safe_filename(text, "")     # bounded in bytes as well as characters


def merged_name(decision: Decision, printing: Printing = PLAIN, reprint: bool = False) -> str:
    """The print file of one decision, named for what it holds so that one never replaces or
    passes for another: 'Bằng khen 1234-QĐ-VPCP (in gộp).docx' (every certificate, in full),
    '… (in gộp, phôi).docx' (for pre-printed blanks), '… (in lại).docx' and
    '… (in lại, phôi).docx' (the few chosen with --only)."""
    number = (decision.number_text.replace("/", "-") if decision.number is not None
              else f"{decision.symbol} dự thảo")
    what = "in lại" if reprint else "in gộp"
    return _stem(f"{decision.form} {number} ({what}{', phôi' if printing.blank else ''})") \
        + ".docx"


def file_names(records: Sequence[Certificate], printing: Printing = PLAIN) -> list[str]:
    """One safe, unique name per record, in order: 'Bằng khen - Nguyễn Văn An.docx', then
    '… (2).docx' for the next recipient of the same name; for pre-printed blanks
    'Bằng khen - Nguyễn Văn An (phôi).docx', never the name of the full certificate."""
    decisions = {r.decision: None for r in records}
    taken = {merged_name(d, p, reprint) for d in decisions for p in (PLAIN, BLANK)
             for reprint in (False, True)}
    tail = " (phôi).docx" if printing.blank else ".docx"
    return _numbered((f"{_stem(f'{r.decision.form} - {r.name}')}{tail}" for r in records), taken)


def _numbered(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """*names* made unique by numbering repeats ' (2)', ' (3)'…, none equal to one *taken*.
    Names that differ only by case are one file on Windows and macOS: they are repeats."""
    used = {name.casefold() for name in taken}
    last: dict[str, int] = {}
    out = []
    for name in names:
        folded = name.casefold()
        if folded not in used:      # nearly every name: no number to find
            used.add(folded)
            out.append(name)
            continue
        stem, suffix = os.path.splitext(name)
        number, unique = last.get(stem.casefold(), 1), name
        while unique.casefold() in used:
            number += 1
            unique = f"{stem} ({number}){suffix}"
        last[stem.casefold()] = number
        used.add(unique.casefold())
        out.append(unique)
    return out


# ---------------------------------------------------------------------------- writing

_temp_numbers = itertools.count()


def _temp_name() -> str:
    return f"{TEMP_PREFIX}{os.getpid()}-{next(_temp_numbers)}.tmp"


def _temp_path(folder: Path) -> Path:
    return folder / _temp_name()


def _write_file(folder: str, name: str, data: bytes) -> None:
    """A temporary file renamed into place: a killed run never leaves a partial certificate
    under its real name. No fsync per file (it costs more than rendering one): after a power
    cut a damaged file no longer matches its hash, and the next run reports it. Paths are
    strings: a Path made per certificate costs a tenth of writing it."""
    path = os.path.join(folder, name)
    temp = os.path.join(folder, _temp_name())
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException as err:        # Ctrl-C included: no temporary file left behind
        with suppress(OSError):
            os.unlink(temp)
        if isinstance(err, OSError):
            raise OutputError(f"Không ghi được {path}: {err.strerror}") from err
        raise


# ---------------------------------------------------------------------------- workers

CHECK, WRITE, FORCE = "check", "write", "force"     # what a worker does with an existing file
HASH = "hash"       # a dry run: render and hash only, touch nothing


@dataclass(frozen=True)
class _Work:
    """A checked batch, as every worker sees it. Forked workers inherit it, so a task is only
    a slice of record numbers; where workers are spawned (Windows, macOS) it is sent to each
    worker once."""

    records: Sequence[Certificate]
    names: Sequence[str]
    layouts: Sequence[bool]
    existing: frozenset[int]        # records whose file name was in the folder's listing
    out_dir: Path
    printing: Printing

    def write(self, job: tuple[str, Sequence[int]]) -> list[Result]:
        """Render each certificate; keep, refuse or write its file (mode CHECK only compares).
        Returns (index, status, sha256). Whether the file exists comes from one listing of the
        folder: a stat per file would cost as much as rendering it."""
        mode, indexes = job
        out = []
        folder = str(self.out_dir)
        for index in indexes:
            data = render_document(self.records[index], self.layouts[index], self.printing)
            digest = hashlib.sha256(data).hexdigest()
            name = self.names[index]
            if mode == HASH:
                status = "hashed"
            elif index in self.existing and (path := self.out_dir / name).exists():
                if sha256_of(path) == digest:
                    status = "kept"
                elif mode == FORCE:
                    _write_file(folder, name, data)
                    status = "written"
                else:
                    status = "conflict"
            elif mode == CHECK:
                status = "missing"
            else:
                _write_file(folder, name, data)
                status = "written"
            out.append((index, status, digest))
        return out


class _Runner:
    """Runs the writing in worker processes or, with one job, in this one. Results come back
    as they are done, in any order: each carries its record's index."""

    def __init__(self, work: _Work, jobs: int) -> None:
        self.work, self.jobs = work, jobs

    def write(self, mode: str, indexes: Sequence[int]) -> Generator[Result, None, None]:
        chunks = list(self._chunks(indexes))
        if self.jobs <= 1 or len(chunks) < 2:
            for chunk in chunks:
                yield from self.work.write((mode, chunk))
            return
        for results in _in_workers(self.work, mode, chunks, self.jobs):
            yield from results

    def _chunks(self, items: Sequence[int]) -> Iterator[Sequence[int]]:
        """*items* in slices, one message from a worker each: at most CHUNK, then smaller as
        the work runs out, so that no worker is left alone with a large last slice."""
        start, count = 0, len(items)
        while start < count:
            size = max(FEWEST, min(CHUNK, (count - start) // (self.jobs * 4)))
            yield items[start:start + size]
            start += size


# Not multiprocessing.Pool: its three threads and two queues in this process cost more than a
# tenth of a batch on two cores (2,000 certificates: 413 ms, against 354 ms for the same work
# in bare forked processes; this design comes within 5 % of them). Here each worker takes the
# next slice from a shared counter and sends its results through a pipe of its own; this
# process only waits for them.
def _in_workers(work: _Work, mode: str, chunks: list[Sequence[int]],
                jobs: int) -> Iterator[list[Result]]:
    """The results of work.write on every chunk, from *jobs* worker processes."""
    context = _context()
    taken = context.Value("q", 0)       # the number of chunks handed out so far
    workers, pipes = [], []
    # A forked worker flushes, on exit, what it inherited unwritten in these buffers.
    sys.stdout.flush()
    sys.stderr.flush()
    # Forked workers share this process's objects until they write to them; the garbage
    # collector writes to every object it scans. Frozen objects are not scanned.
    gc.freeze()
    try:
        for _ in range(min(jobs, len(chunks))):
            receive, send = context.Pipe(duplex=False)
            worker = context.Process(target=_worker, daemon=True,
                                     args=(work, mode, chunks, taken, send, os.getpid()))
            worker.start()
            send.close()        # the worker holds the only sending end: EOF when it ends
            workers.append(worker)
            pipes.append(receive)
        received = 0
        for message in _receive(pipes):
            received += 1
            yield message
        for worker in workers:          # every pipe is closed: they are ending
            worker.join()
        if received < len(chunks):      # a worker was killed (out of memory, a signal)
            codes = ", ".join(str(w.exitcode) for w in workers if w.exitcode)
            raise OutputError("Một tiến trình in chứng nhận dừng giữa chừng"
                              f"{f' (mã {codes})' if codes else ''}; chạy lại lệnh để in tiếp "
                              "phần còn thiếu.")
    finally:
        with taken.get_lock():
            taken.value = len(chunks)   # on an error here: no worker starts another chunk
        for receive in pipes:
            receive.close()             # a worker still sending gets an error and stops
        for worker in workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.terminate()
                worker.join()
        gc.unfreeze()


def _context() -> Any:
    """Fork where it is safe (Linux, a single thread): workers inherit the batch instead of
    each receiving a pickled copy. Python 3.14 no longer forks by default on Linux."""
    # Imported here: a batch in one process (--jobs 1) never needs it.
    import multiprocessing

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _receive(pipes: list[Connection]) -> Iterator[list[Result]]:
    """Messages from the workers' pipes as they come, until every pipe is closed; an
    exception a worker sent is raised here."""
    from multiprocessing.connection import Connection, wait

    open_pipes = list(pipes)
    while open_pipes:
        for pipe in wait(open_pipes):
            assert isinstance(pipe, Connection)
            try:
                message = pipe.recv()
            except EOFError:
                open_pipes.remove(pipe)
                continue
            if isinstance(message, BaseException):
                raise message
            yield message


def _worker(work: _Work, mode: str, chunks: list[Sequence[int]], taken: Any,
            send: Connection, parent: int) -> None:
    """Take the next chunk until none is left; send its results, or the error that stopped it.
    A worker whose main process was killed stops after its chunk: nobody would record it."""
    message: BaseException | None = None
    try:
        while os.getppid() == parent:
            with taken.get_lock():
                index = taken.value
                taken.value = index + 1
            if index >= len(chunks):
                break
            send.send(work.write((mode, chunks[index])))
    except KeyboardInterrupt:
        pass                            # the main process was interrupted too and says so
    except ThiduaError as err:
        message = err
    except Exception:  # noqa: BLE001 -- a bug: its traceback, as text that always pickles
        message = RuntimeError(traceback.format_exc())
    with suppress(OSError):             # the main process may have stopped listening
        if message is not None:
            send.send(message)
        send.close()


def check_certificates(records: Sequence[Certificate]) -> list[bool]:
    """Whether each record is printed in the compact sizes; ValidationFailed naming every
    record that cannot fit on one page."""
    layouts, issues = [], []
    for record in records:
        compact, problems = layout_of(record)
        layouts.append(bool(compact))
        issues += problems
    if issues:
        raise ValidationFailed(issues)
    return layouts


def _conflict(names: Sequence[str]) -> OutputExists:
    shown = ", ".join(names[:5]) + (f" và {len(names) - 5} tệp khác" if len(names) > 5 else "")
    return OutputExists(f"Đã có tệp khác với chứng nhận sẽ ghi: {shown}. Nếu đó là bản cũ, "
                        "dùng --force để ghi đè.")


def _write_separate(records: Sequence[Certificate], layouts: Sequence[bool], names: list[str],
                    chosen: Sequence[int], out_dir: Path, mode: str, jobs: int,
                    printing: Printing, tick: Callable[[], None]) -> list[Row]:
    """One file per chosen record; returns (file, page, sha256, status) per record (empty for
    the records not chosen). Mode HASH renders and hashes only: nothing is written."""
    present: set[str] = set()
    if mode != HASH:
        # Case-insensitively: on Windows and macOS 'X.docx' and 'x.docx' are one file.
        present = {entry.name.casefold() for entry in os.scandir(out_dir)}
    existing = [i for i in chosen if names[i].casefold() in present]
    rows: list[Row] = [("", 1, "", "")] * len(records)
    work = _Work(records, names, layouts, frozenset(existing), out_dir, printing)
    runner = _Runner(work, max(1, min(jobs, len(chosen))))
    if existing and mode == WRITE:  # every conflict is found before anything is written
        with closing(runner.write(CHECK, existing)) as results:
            for index, status, digest in results:
                rows[index] = (names[index], 1, digest, status)
                if status == "kept":
                    tick()
        conflicts = [row[0] for row in rows if row[3] == "conflict"]
        if conflicts:
            raise _conflict(conflicts)
    todo = [i for i in chosen if rows[i][3] != "kept"]
    # closing(): on an error, the workers are stopped now, not when the traceback is freed.
    with closing(runner.write(mode, todo)) as results:
        for index, status, digest in results:
            if status == "conflict":    # a safety net: conflicts were refused above
                raise _conflict([names[index]])
            rows[index] = (names[index], 1, digest, status)
            tick()
    return rows


def _write_merged(records: Sequence[Certificate], layouts: Sequence[bool], chosen: Sequence[int],
                  out_dir: Path, force: bool, printing: Printing, tick: Callable[[], None],
                  reprint: bool = False, dry_run: bool = False) -> list[Row]:
    """One print file per decision, streamed from the compiled body; every file is finished
    under a temporary name before any is renamed into place. A dry run streams each file into
    a temporary file outside the folder, only to hash it."""
    groups: dict[Decision, list[int]] = {}
    for index in chosen:
        groups.setdefault(records[index].decision, []).append(index)
    done: list[tuple[Path, Path, str, list[int]]] = []
    temps: list[Path] = []
    names = _numbered(merged_name(d, printing, reprint) for d in groups)
    kept: set[Path] = set()
    try:
        for indexes, name in zip(groups.values(), names, strict=True):
            items = [(records[i], layouts[i]) for i in indexes]
            if dry_run:
                with tempfile.TemporaryDirectory(prefix="thidua-thu-") as folder:
                    digest = _stream(Path(folder) / name, items, printing, tick)
                done.append((out_dir / name, out_dir / name, digest, indexes))
                continue
            temps.append(_temp_path(out_dir))
            digest = _stream(temps[-1], items, printing, tick)
            done.append((temps[-1], out_dir / name, digest, indexes))
        if not dry_run:
            kept = {target for _, target, digest, _ in done
                    if target.exists() and sha256_of(target) == digest}
            conflicts = [t.name for _, t, _, _ in done if t.exists() and t not in kept]
            if conflicts and not force:
                raise _conflict(conflicts)
            for temp, target, _, _ in done:
                if target not in kept:
                    os.replace(temp, target)
    except ThiduaError:
        raise
    except OSError as err:
        raise OutputError(f"Không ghi được tệp in gộp trong {out_dir}: {err.strerror}") from err
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
    rows: list[Row] = [("", 0, "", "")] * len(records)
    for _, target, digest, indexes in done:
        status = "kept" if target in kept else "written"
        for page, index in enumerate(indexes, start=1):
            rows[index] = (target.name, page, digest, status)
    return rows


def _stream(path: Path, items: list[tuple[Certificate, bool]], printing: Printing,
            tick: Callable[[], None]) -> str:
    template = compiled(TEMPLATES[items[0][0].decision.form], printing)

    def pieces() -> Iterator[str]:
        yield template.head
        for page, (record, compact) in enumerate(items, start=1):
            yield render_body(record, compact, page, printing)
            tick()
        yield template.tail

    with path.open("wb", buffering=1 << 20) as handle:
        template.package.stream(handle, pieces())
        handle.flush()
        os.fsync(handle.fileno())       # one file: cheap, and it is the one that gets printed
    return sha256_of(path)


# ---------------------------------------------------------------------------- the manifest

@dataclass(frozen=True)
class CertificateManifest(Manifest):
    """manifest.csv of a certificate folder. It is written with the Vietnamese header and read
    with it or with the English one earlier versions wrote (such a folder is still thidua's:
    its files may be replaced, not refused). Rows come back under both the FIELDS names the
    code uses and the header's own."""

    def read(self, force: bool) -> list[dict[str, str]]:
        for header, fields in _READ_AS.items():
            try:
                rows = Manifest(self.path, header).read(force=False)
            except OutputExists:
                continue
            return [_both_names(dict(zip(fields, row.values(), strict=True))) for row in rows]
        return super().read(force)      # not a manifest: refused, or replaced with --force


def _both_names(values: dict[str, str]) -> dict[str, str]:
    row = {name: values.get(name, "") for name in FIELDS}
    row.update(zip(MANIFEST_HEADER, list(row.values()), strict=True))
    return row


def _manifest(out_dir: Path) -> CertificateManifest:
    return CertificateManifest(out_dir / MANIFEST, MANIFEST_HEADER)


def _lines(records: Sequence[Certificate], rows: Sequence[Row], chosen: Sequence[int],
           status: str) -> Iterator[list[str]]:
    labels: dict[str, str] = {}         # per form: the run's template folders do not change
    for index in chosen:
        record, (name, page, digest, _) = records[index], rows[index]
        form = record.decision.form
        if form not in labels:
            labels[form] = template_label(certificate_template(form))
        yield [str(index + 1), *map(_cell, (record.recipient, record.decision.form_name,
                                            record.unit, record.register)),
               name, str(page), status, digest, _cell(labels[form])]


def _cell(text: str) -> str:
    """A cell starting with = + - @ is a formula to Excel: keep a name from running."""
    return "'" + text if text[:1] and text[:1] in "=+-@" else text


def _status(printing: Printing, reprint: bool) -> str:
    """What the manifest says of a file: the same on every run, so that an unchanged rerun
    leaves the manifest byte for byte as it was (whether this run wrote or kept a file is
    what it prints)."""
    paper = "in lên phôi" if printing.blank else "bản đầy đủ"
    return f"{'in lại' if reprint else 'đã ghi'}, {paper}"


# ---------------------------------------------------------------------------- the batch

@dataclass(frozen=True)
class BatchResult:
    """What a batch left in its folder: file names and what this run did with each. Paths
    are made on request, so a batch of 10,000 does not keep 30,000 Path objects alive."""

    folder: Path
    manifest: Path
    names: tuple[str, ...]      # certificate files in record order (merged: one per decision)
    statuses: tuple[str, ...]   # "written" by this run, or "kept" from an earlier one
    moved: tuple[Path, ...] = ()        # earlier files moved into đã thay thế/
    recovered: tuple[str, ...] = ()     # notes on interrupted runs finished or undone
    records: Sequence[Certificate] = ()     # the certificates written, in order (for the PDFs)
    printing: Printing = PLAIN

    @property
    def files(self) -> list[Path]:
        return [self.folder / name for name in self.names]

    @property
    def written(self) -> list[Path]:
        return self._with("written")

    @property
    def kept(self) -> list[Path]:
        """Files already complete from an earlier run, left untouched."""
        return self._with("kept")

    def _with(self, status: str) -> list[Path]:
        return [self.folder / n for n, s in zip(self.names, self.statuses, strict=True)
                if s == status]


STAGING = ".thidua-staging"   # where a batch is written before it is published


@dataclass(frozen=True)
class Staged:
    """A batch written in full under its folder's staging area, ready to be published (the
    files linked into the folder, its manifest replaced, stale files moved out) as part of one
    transaction, alone or with a whole campaign build."""

    folder: Path
    staging: Path
    names: tuple[str, ...]          # certificate files in record order (merged: one per decision)
    publication: Publication
    made: Path | None               # the first folder this run created, removed if it fails
    records: Sequence[Certificate] = ()
    printing: Printing = PLAIN

    def result(self, outcome: Outcome) -> BatchResult:
        kept = outcome.kept_names(self.folder)
        return BatchResult(self.folder, self.folder / MANIFEST, self.names,
                           tuple("kept" if name in kept else "written" for name in self.names),
                           tuple(p for p in outcome.moved if p.parent.parent.parent == self.folder),
                           outcome.recovered, self.records, self.printing)

    def discard(self, failed: bool = False) -> None:
        """Remove the staging area (and, after a failure, the folders this run created)."""
        shutil.rmtree(self.staging, ignore_errors=True)
        if failed and self.made is not None:
            remove_empty_tree(self.made)


def _prepared(records: Sequence[Certificate], chosen: Sequence[int],
              printing: Printing) -> list[bool]:
    """The layout of every chosen record (the others are not printed: False), after every
    check that can refuse the batch."""
    layouts = [False] * len(records)
    for index, compact in zip(chosen, check_certificates([records[i] for i in chosen]),
                              strict=True):
        layouts[index] = compact
    for form in sorted({records[i].decision.form for i in chosen}):
        # A shift beyond the margins is refused here, before anything is written; and forked
        # workers inherit the prepared template.
        compiled(TEMPLATES[form], printing)
    return layouts


def _chosen(records: Sequence[Certificate], only: Sequence[int] | None) -> list[int]:
    chosen = list(range(len(records))) if only is None else sorted(set(only))
    if any(not 0 <= i < len(records) for i in chosen):
        raise IndexError("only: a record index out of range")
    return chosen


def _publication(records: Sequence[Certificate], rows: list[Row], chosen: Sequence[int],
                 out_dir: Path, earlier: list[dict[str, str]], reprint: bool,
                 printing: Printing, staging: Path | None) -> tuple[tuple[str, ...], Publication]:
    digests = {rows[i][0]: rows[i][2] for i in chosen}
    files = [File(out_dir, name, digest, staged=staging) for name, digest in digests.items()]
    owned = _owned(printing, reprint, digests)
    result = publication(_manifest(out_dir), files,
                         _lines(records, rows, chosen, _status(printing, reprint)), earlier,
                         owned=owned, staging=staging)
    return tuple(digests), result


def _owned(printing: Printing, reprint: bool,
           names: Mapping[str, str]) -> Callable[[dict[str, str]], bool]:
    """Which earlier rows of the manifest this run answers for: a file it no longer writes is
    moved aside, the other rows stay listed. A reprint (--only) answers for its own file only.
    A full run answers for every earlier file on the same paper, its reprints included: the
    full certificates and those for pre-printed blanks (phôi) live side by side in a folder.
    Rows of the English manifest, which had no status, are all the run's, as they were."""
    if reprint:
        return lambda row: row["file"] in names
    paper = _status(printing, False).partition(", ")[2]
    return lambda row: not row["status"] or row["status"].endswith(paper)


def stage_certificates(records: Sequence[Certificate], out_dir: Path, *, merge: bool = False,
                       jobs: int = 1, force: bool = False, progress: Progress | None = None,
                       printing: Printing = PLAIN, only: Sequence[int] | None = None) -> Staged:
    """Check every record, then write the batch into *out_dir*'s staging area.

    *only*: the indexes of the records to print (a reprint); file names are those the whole
    batch gives them, and the merged file of a reprint is named apart ('… (in lại).docx').
    A staging area left by a killed run is resumed: a file that already holds exactly the
    certificate to be written is kept there. Nothing is put into *out_dir* itself: see
    :func:`write_certificates` and :func:`generator.store.transaction.publish`."""
    chosen = _chosen(records, only)
    layouts = _prepared(records, chosen, printing)
    earlier = _manifest(out_dir).read(force)
    staging = out_dir / STAGING
    made = first_missing(staging)
    try:
        staging.mkdir(parents=True, exist_ok=True)
        for folder in (staging, out_dir):       # left by a killed run (of any version)
            for stale in folder.glob(f"{TEMP_PREFIX}*.tmp"):
                stale.unlink(missing_ok=True)
    except OSError as err:
        raise OutputError(f"Không tạo được thư mục {out_dir}: {err.strerror}") from err
    tick = _ticker(progress, len(chosen))
    reprint = only is not None
    try:
        if merge:
            rows = _write_merged(records, layouts, chosen, staging, True, printing, tick,
                                 reprint)
        else:
            rows = _write_separate(records, layouts, file_names(records, printing), chosen,
                                   staging, FORCE, jobs, printing, tick)
        names, result = _publication(records, rows, chosen, out_dir, earlier, reprint,
                                     printing, staging)
    except BaseException:
        Staged(out_dir, staging, (), Publication(), made).discard(failed=True)
        raise
    return Staged(out_dir, staging, names, result, made, [records[i] for i in chosen],
                  printing)


def plan_certificates(records: Sequence[Certificate], out_dir: Path, *, merge: bool = False,
                      jobs: int = 1, force: bool = False, progress: Progress | None = None,
                      printing: Printing = PLAIN,
                      only: Sequence[int] | None = None) -> Publication:
    """What :func:`stage_certificates` would publish, for a dry run: every record checked and
    rendered in memory (a merged file into a temporary file elsewhere), hashed, and nothing
    written in *out_dir*. The files of the Publication carry their name and hash only."""
    chosen = _chosen(records, only)
    layouts = _prepared(records, chosen, printing)
    earlier = _manifest(out_dir).read(force)
    tick = _ticker(progress, len(chosen))
    reprint = only is not None
    if merge:
        rows = _write_merged(records, layouts, chosen, out_dir, True, printing, tick, reprint,
                             dry_run=True)
    else:
        rows = _write_separate(records, layouts, file_names(records, printing), chosen,
                               out_dir, HASH, jobs, printing, tick)
    return _publication(records, rows, chosen, out_dir, earlier, reprint, printing, None)[1]


def _ticker(progress: Progress | None, total: int) -> Callable[[], None]:
    counter = itertools.count(1)

    def tick() -> None:
        done = next(counter)
        if progress is not None:
            progress(done, total)
    return tick


def write_certificates(records: Sequence[Certificate], out_dir: Path, *, merge: bool = False,
                       jobs: int = 1, force: bool = False,
                       progress: Progress | None = None,
                       printing: Printing = PLAIN,
                       only: Sequence[int] | None = None) -> BatchResult:
    """Write one .docx per record (with *merge*, one print file per decision instead) and
    ``manifest.csv`` (STT, recipient, form, unit, số sổ vàng, file, page, status, sha256).

    Every record is checked before anything is written, and the batch is published as one
    transaction: a failed run leaves the folder as it was. A file that already holds exactly
    the certificate to be written is kept; one the folder's manifest lists (an earlier run's)
    is replaced, and a listed file this run no longer writes (a corrected name) is moved into
    ``đã thay thế/``; any other existing file raises OutputExists unless *force*. A killed run
    is resumed from its staging area. *jobs* worker processes render separate files (the
    merged file is one sequential stream). *progress(done, total)* is called as certificates
    are finished. *printing* chooses plain paper or pre-printed blanks (phôi), and a shift for
    the printer. *only* (record indexes) reprints a few: see :func:`stage_certificates`.
    """
    staged = stage_certificates(records, out_dir, merge=merge, jobs=jobs, force=force,
                                progress=progress, printing=printing, only=only)
    try:
        outcome = publish(staged.publication, force)
    except BaseException:
        staged.discard(failed=True)
        raise
    staged.discard()
    return staged.result(outcome)
