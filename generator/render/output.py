"""Writing documents: safe file names, never overwriting by accident, atomic replacement.

A file is written to a temporary name in the target folder and renamed into place, so a crash
or a full disk never leaves a half-written .docx under the real name.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from generator.errors import OutputError, OutputExists

# Windows refuses these base names whatever the extension (CON.docx is still the console).
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
MAX_STEM = 120   # leaves room for the folder in Windows' 260-character paths
# Linux and macOS limit a name to 255 bytes, and a Vietnamese letter takes up to 3 in UTF-8;
# 200 leaves room for a " (2)" and the suffix.
MAX_STEM_BYTES = 200


def safe_filename(stem: str, suffix: str = ".docx") -> str:
    """A file name that is valid on Windows, macOS and Linux, keeping Vietnamese readable."""
    text = unicodedata.normalize("NFC", stem)
    # isprintable() is False exactly where a character is of category C or Z (but the
    # ASCII space): the common name needs no look at each character.
    if not text.isprintable():
        text = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = text[:MAX_STEM]
    while len(text.encode("utf-8")) > MAX_STEM_BYTES:
        text = text[:-1]
    text = text.rstrip(" .")
    if not text:
        text = "van-ban"
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text + suffix


def file_mode() -> int:
    """0666 less the process's umask: what a plain open() gives. mkstemp gives 0600, which
    colleagues on a shared folder cannot open. Read each time: the umask can change."""
    try:        # Linux: read without changing it (no window for another thread)
        with open("/proc/self/status", encoding="ascii") as status:
            mask = next(int(line.split()[1], 8) for line in status if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError):
        mask = os.umask(0o022)        # reading the umask means setting it; set it straight back
        os.umask(mask)
    return 0o666 & ~mask


def check_writable(paths: Iterable[Path], force: bool) -> None:
    """Raise OutputExists before anything is written if a target exists and *force* is off."""
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise OutputExists(f"Tệp đã tồn tại: {names}. Dùng --force nếu muốn ghi đè.")


def write_atomic(path: Path, content: bytes, force: bool = False) -> Path:
    """Write *content* to *path* through a temporary file and a rename."""
    check_writable([path], force)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".thidua-", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(f"Không tạo được thư mục hoặc tệp trong {path.parent}: "
                          f"{err.strerror}") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), file_mode())
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"Không ghi được {path}: {err.strerror}") from err
    return path


def first_missing(path: Path) -> Path | None:
    """The topmost folder on the way to *path* that does not exist yet (None if it exists):
    what a run creates, and removes again if it fails."""
    missing = None
    for candidate in (path, *path.parents):
        if candidate.exists():
            break
        missing = candidate
    return missing


def remove_empty_tree(root: Path) -> None:
    """Remove *root* and the folders under it, deepest first, wherever they are empty."""
    if not root.is_dir():
        return
    for folder, _, _ in os.walk(root, topdown=False):
        with suppress(OSError):
            os.rmdir(folder)        # fails, as wanted, where something is left


# Zip entries carry the time they were written; a .docx saved twice from the same data would
# differ in those bytes alone. Fixed times make a document the same file whenever it is built,
# so that a rebuild keeps what has not changed (zip's own epoch: 1 January 1980).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def stable_zip(data: bytes) -> bytes:
    """*data*, a zip (.docx), rewritten with every entry dated ZIP_TIME; same order, names,
    contents and compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info))
    return out.getvalue()
