"""A cache on disk of prepared templates, so that a new process does not prepare them again.

Preparing a template (:func:`generator.render.engine.prepared`) opens it with docxtpl,
preprocesses and compiles its body and writes its other parts again: tens of milliseconds,
and the import of docxtpl, for every ``thidua`` command. A certificate template
(:mod:`generator.certificates.engine`) is read with python-docx for its page limits as well.
What they produce is stored here, one file per template and way of preparing it, and read
back by the next process.

- **Keyed by content.** The key is a hash of the template's bytes, thidua's version, the
  Python that compiled it, and the files and versions of what prepares it (engine, docxtpl,
  python-docx, Jinja, lxml). An edited template, an upgrade or a change of the code is a new
  key: a cache never serves what the template no longer is.
- **Never trusted blindly.** Each file begins with a magic line and the SHA-256 of what follows;
  a file that is short, corrupt, of another format or unreadable is ignored (and written again).
- **Safe with concurrent writers.** A file is written under a temporary name in the same folder
  and renamed into place (``os.replace``, atomic): a reader sees the old file, the new one, or
  none, never half of one; of two writers of the same key, whose entries say the same, the
  last to rename wins.
- **Never in the way.** Any error reading or writing the cache is ignored: thidua then just
  prepares the template as it would without a cache.

Where: ``$THIDUA_CACHE_DIR``, else the user's cache folder (``$XDG_CACHE_HOME/thidua``,
``~/.cache/thidua``; ``%LOCALAPPDATA%\\thidua\\cache`` on Windows; ``~/Library/Caches/thidua``
on macOS). ``THIDUA_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from importlib.util import find_spec
from pathlib import Path
from typing import Any

FOLDER_ENVIRONMENT = "THIDUA_CACHE_DIR"
OFF_ENVIRONMENT = "THIDUA_NO_CACHE"
MAGIC = b"thidua prepared template 1\n"
_DIGEST = 32
_SUBFOLDER = "templates"


def folder() -> Path | None:
    """Where prepared templates are kept, or None when the cache is off."""
    if os.environ.get(OFF_ENVIRONMENT):
        return None
    chosen = os.environ.get(FOLDER_ENVIRONMENT)
    if chosen:
        return Path(chosen) / _SUBFOLDER
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "thidua" / "cache" / _SUBFOLDER if base else None
    try:
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Caches" / "thidua" / _SUBFOLDER
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:                # no home folder to be found: no cache
        return None
    return Path(base) / "thidua" / _SUBFOLDER


def _stamp(module: str) -> str:
    """Where *module* lives and its size and time, without importing it."""
    try:
        spec = find_spec(module)
        origin = spec.origin if spec is not None else None
        if origin is None:
            return f"{module}:?"
        status = os.stat(origin)
    except (ImportError, ValueError, OSError):
        return f"{module}:?"
    return f"{origin}:{status.st_size}:{status.st_mtime_ns}"


def key(data: bytes, flavour: str, code: tuple[str, ...]) -> str:
    """The cache key of template *data* prepared as *flavour* (a document's "builtin" or
    "user"; a certificate's way of printing) by the modules *code* (their files' sizes and
    times are part of the key)."""
    # thidua's version, read from the package this module belongs to (loaded before any of
    # its modules; an import of it here would close a cycle through generator.build)
    version = str(getattr(sys.modules[__name__.split(".")[0]], "__version__", ""))
    digest = hashlib.sha256(data)
    for part in (flavour, version, sys.version, sys.implementation.cache_tag or "",
                 *(_stamp(name) for name in code)):
        digest.update(b"\0" + part.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def load(name: str) -> Any | None:
    """What was stored under key *name*, or None (no file, or one that cannot be trusted)."""
    place = folder()
    if place is None:
        return None
    try:
        blob = (place / f"{name}.bin").read_bytes()
    except OSError:
        return None
    head, digest = blob[:len(MAGIC)], blob[len(MAGIC):len(MAGIC) + _DIGEST]
    payload = blob[len(MAGIC) + _DIGEST:]
    if head != MAGIC or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def save(name: str, value: Any) -> None:
    """Store *value* (what marshal can write) under key *name*; any failure is ignored."""
    place = folder()
    if place is None:
        return
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return
    temporary = None
    try:
        place.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name[:16]}-", suffix=".tmp", dir=place)
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, place / f"{name}.bin")
        temporary = None
    except OSError:
        pass
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
