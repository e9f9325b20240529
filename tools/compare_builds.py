"""Compare two output folders part by part: the proof that a refactoring changed no document.

    thidua build samples/vpcp-covid19-2021 -o /tmp/before     # on the old commit
    thidua build samples/vpcp-covid19-2021 -o /tmp/after      # on the new one
    python tools/compare_builds.py /tmp/before /tmp/after

A .docx is compared member by member (names, order and bytes of every XML part), not as a zip,
whose entries carry the time they were written. Any other file is compared byte for byte.
Exits 0 when the folders agree, 1 with one line per difference otherwise.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path


def _files(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*") if p.is_file()}


def _docx_differences(a: Path, b: Path, rel: Path) -> list[str]:
    with zipfile.ZipFile(a) as left, zipfile.ZipFile(b) as right:
        if left.namelist() != right.namelist():
            changed = sorted(set(left.namelist()) ^ set(right.namelist()))
            return [f"{rel}: parts differ ({changed} or their order)"]
        return [f"{rel}: {name} differs" for name in left.namelist()
                if left.read(name) != right.read(name)]


def differences(before: Path, after: Path) -> list[str]:
    """One line per file or part that is not the same in both folders."""
    left, right = _files(before), _files(after)
    found = [f"{rel}: only in {before}" for rel in sorted(left - right)]
    found += [f"{rel}: only in {after}" for rel in sorted(right - left)]
    for rel in sorted(left & right):
        a, b = before / rel, after / rel
        if rel.suffix == ".docx":
            found += _docx_differences(a, b, rel)
        elif a.read_bytes() != b.read_bytes():
            found.append(f"{rel}: differs")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    before, after = map(Path, argv)
    found = differences(before, after)
    for line in found:
        print(line)
    print(f"{len(_files(before))} files compared, {len(found)} differences")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
