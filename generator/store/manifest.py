"""A folder's manifest: the CSV list of what thidua wrote there, and what from.

The manifest is how a rerun tells its own earlier files from anybody else's: a file listed
with the hash it still has was written by thidua and nobody changed it since, so it may be
replaced; a listed file that the same data no longer produces (a corrected name, a changed
number) is stale and is moved into ``đã thay thế/``. Any other existing file needs --force.
Written with a BOM so that Excel shows Vietnamese.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from generator.errors import OutputError, OutputExists

from .transaction import File, Publication, sha256_of


@dataclass(frozen=True)
class Manifest:
    """The manifest file of one folder, with its header."""

    path: Path
    header: tuple[str, ...]
    older: tuple[tuple[str, ...], ...] = ()     # headers of earlier versions, still read

    def read(self, force: bool) -> list[dict[str, str]]:
        """The earlier rows; a file of that name that is not a thidua manifest is refused
        (unless *force*, which replaces it)."""
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.reader(handle))
        except (FileNotFoundError, NotADirectoryError):
            return []
        except (OSError, UnicodeDecodeError, csv.Error):
            rows = []
        for header in (self.header, *self.older):
            if rows[:1] == [list(header)]:
                width = len(header)
                return [{**dict.fromkeys(self.header, ""), **dict(zip(header, row, strict=True))}
                        for row in rows[1:] if len(row) == width]
        if force:
            return []
        raise OutputExists(f"Tệp đã tồn tại: {self.path} (không phải danh sách tệp của thidua). "
                           "Dùng --force nếu muốn ghi đè.")

    def is_ours(self) -> bool:
        """Whether the file at the manifest's place is missing or a thidua manifest (and may
        be replaced without keeping a copy)."""
        try:
            self.read(force=False)
        except OutputExists:
            return False
        return True

    def write(self, handle: IO[bytes], rows: Iterable[Sequence[str]]) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(self.header)
        writer.writerows(rows)
        text.flush()
        text.detach()           # the caller's handle stays open

    def content(self, rows: Iterable[Sequence[str]]) -> bytes:
        out = io.BytesIO()
        self.write(out, rows)
        return out.getvalue()

    def staged(self, staging: Path, rows: Iterable[Sequence[str]]) -> File:
        """The manifest streamed into *staging* (a batch of 10,000 is not held in memory)."""
        path = staging / self.path.name
        try:
            with path.open("wb") as handle:
                self.write(handle, rows)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as err:
            raise OutputError(f"Không ghi được {path}: {err.strerror}") from err
        return File(self.path.parent, self.path.name, sha256_of(path), staged=staging)


def publication(manifest: Manifest, files: Sequence[File], rows: Iterable[Sequence[str]],
                earlier: Sequence[dict[str, str]],
                owned: Callable[[dict[str, str]], bool] = lambda row: True,
                staging: Path | None = None) -> Publication:
    """The publication of *files* into the manifest's folder, with their *rows*.

    *earlier* rows are the folder's record: their files may be replaced. Those *owned* by this
    run (built from the same data) whose file it no longer writes are stale; the others stay
    listed while their file is there. With *staging*, the manifest is written there instead
    of held in memory."""
    folder = manifest.path.parent
    names = {f.name for f in files}
    known = {folder / row["file"]: row["sha256"] for row in earlier}
    stale = [folder / row["file"] for row in earlier
             if owned(row) and row["file"] not in names]
    others = [[row.get(h, "") for h in manifest.header] for row in earlier
              if not owned(row) and row["file"] not in names and (folder / row["file"]).is_file()]
    lines = itertools.chain(others, rows)
    listing = (manifest.staged(staging, lines) if staging is not None
               else File.of(manifest.path, manifest.content(lines)))
    # A file of the manifest's name that is not ours (replaced only with --force) is kept
    # in đã thay thế/ like any other; our own earlier manifest is not worth keeping.
    return Publication(files=[*files, listing], known=known, stale=stale,
                       manifests=[manifest.path] if manifest.is_ours() else [])
