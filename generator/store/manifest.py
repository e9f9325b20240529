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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import OutputExists

from .transaction import File, Publication


@dataclass(frozen=True)
class Manifest:
    """The manifest file of one folder, with its header."""

    path: Path
    header: tuple[str, ...]

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
        if rows[:1] == [list(self.header)]:
            width = len(self.header)
            return [dict(zip(self.header, row, strict=True)) for row in rows[1:]
                    if len(row) == width]
        if force:
            return []
        raise OutputExists(f"Tệp đã tồn tại: {self.path} (không phải danh sách tệp của thidua). "
                           "Dùng --force nếu muốn ghi đè.")

    def content(self, rows: Iterable[Sequence[str]]) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.header)
        writer.writerows(rows)
        return ("\ufeff" + out.getvalue()).encode("utf-8")


def publication(manifest: Manifest, files: Sequence[File], rows: Sequence[Sequence[str]],
                earlier: Sequence[dict[str, str]],
                owned: Callable[[dict[str, str]], bool] = lambda row: True) -> Publication:
    """The publication of *files* into the manifest's folder, with their *rows*.

    *earlier* rows are the folder's record: their files may be replaced. Those *owned* by this
    run (built from the same data) whose file it no longer writes are stale; the others stay
    listed while their file is there."""
    folder = manifest.path.parent
    names = {f.target.name for f in files}
    known = {folder / row["file"]: row["sha256"] for row in earlier}
    stale = [folder / row["file"] for row in earlier
             if owned(row) and row["file"] not in names]
    others = [[row[h] for h in manifest.header] for row in earlier
              if not owned(row) and row["file"] not in names and (folder / row["file"]).is_file()]
    listing = File.of(manifest.path, manifest.content([*others, *rows]))
    return Publication(files=[*files, listing], known=known, stale=stale,
                       manifests=[manifest.path])
