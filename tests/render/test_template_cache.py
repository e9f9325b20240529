"""The cache of prepared templates on disk: what it serves is what preparing gives, an edited
template is never served from it, a damaged file is prepared and written again, and processes
writing at once leave a sound file."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from support import ROOT, SAMPLE_DIR, empty_template_cache
from support.variants import variant

from generator.build import campaign_files, load_source
from generator.render import engine, template_cache
from generator.render.engine import render, render_with_docxtpl

TODAY = date(2026, 12, 2)
DECISION = SAMPLE_DIR / "decisions" / "so-ket-2022.json"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test, and no template prepared in this process yet."""
    folder = empty_template_cache(tmp_path, monkeypatch)
    engine.prepared.cache_clear()
    yield folder
    engine.prepared.cache_clear()


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bin"))


def parts(docx: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def context_of(path: Path) -> tuple[str, dict]:
    kind, source = load_source(path)
    return kind.template, kind.build_context(source, TODAY)


def test_a_template_is_stored_once_and_served_to_the_next_process(cache, monkeypatch):
    template, context = context_of(DECISION)
    first = render(template, context, stable=True)
    [entry] = entries(cache)
    engine.prepared.cache_clear()                   # as a new process would start
    monkeypatch.setattr(engine, "_prepare", lambda *_: pytest.fail("prepared again"))
    assert render(template, context, stable=True) == first
    assert entries(cache) == [entry]


@pytest.mark.parametrize("path", campaign_files(SAMPLE_DIR), ids=lambda p: p.name)
def test_what_the_cache_serves_renders_what_docxtpl_writes(cache, path):
    template, context = context_of(path)
    render(template, context)                       # prepares and stores
    engine.prepared.cache_clear()
    assert entries(cache)
    assert parts(render(template, context)) == parts(render_with_docxtpl(template, context))


def test_an_edited_template_is_not_served_from_the_cache(cache, monkeypatch):
    template, context = context_of(DECISION)
    render(template, context)

    def edit(members: dict[str, bytes]) -> None:
        body = members["word/document.xml"].decode("utf-8")
        assert "QUYẾT ĐỊNH" in body
        members["word/document.xml"] = body.replace("QUYẾT ĐỊNH", "QUYẾT ĐỊNH ĐÃ SỬA", 1).encode()

    variant(monkeypatch, template, template, edit)  # the same name, other bytes
    document = render(template, context)
    assert "QUYẾT ĐỊNH ĐÃ SỬA" in dict(parts(document))["word/document.xml"].decode()
    assert parts(document) == parts(render_with_docxtpl(template, context))
    assert len(entries(cache)) == 2


@pytest.mark.parametrize("damage", ["empty", "truncated", "flipped", "other", "folder"])
def test_a_damaged_entry_is_prepared_again_and_rewritten(cache, damage):
    template, context = context_of(DECISION)
    expected = render(template, context, stable=True)
    [entry] = entries(cache)
    blob = entry.read_bytes()
    assert blob.startswith(template_cache.MAGIC)
    if damage == "empty":
        entry.write_bytes(b"")
    elif damage == "truncated":
        entry.write_bytes(blob[:len(blob) // 2])
    elif damage == "flipped":                       # one byte of the payload changed
        entry.write_bytes(blob[:-100] + bytes([blob[-100] ^ 0xFF]) + blob[-99:])
    elif damage == "other":                         # a sound file of another content
        payload = b"\xff not marshal"
        entry.write_bytes(template_cache.MAGIC + hashlib.sha256(payload).digest() + payload)
    else:                                           # not even a file
        entry.unlink()
        entry.mkdir()
    engine.prepared.cache_clear()
    assert render(template, context, stable=True) == expected
    if damage != "folder":                          # written again, whole
        assert template_cache.load(entry.stem) is not None
        engine.prepared.cache_clear()
        assert render(template, context, stable=True) == expected


def test_an_unwritable_cache_is_no_error(cache, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(template_cache.FOLDER_ENVIRONMENT, str(blocker))
    template, context = context_of(DECISION)
    assert parts(render(template, context)) == parts(render_with_docxtpl(template, context))


def test_the_cache_can_be_turned_off(cache, monkeypatch):
    monkeypatch.setenv(template_cache.OFF_ENVIRONMENT, "1")
    template, context = context_of(DECISION)
    render(template, context)
    assert not cache.exists()


_WRITER = """
import sys
from datetime import date
from pathlib import Path
from generator.build import load_source
from generator.render import engine
kind, source = load_source(Path(sys.argv[1]))
sys.stdout.buffer.write(engine.render(kind.template, kind.build_context(source, date(2026, 12, 2)),
                                      stable=True))
"""


def test_processes_writing_the_same_entry_at_once_leave_a_sound_one(cache):
    template, context = context_of(DECISION)
    expected = render(template, context, stable=True)
    for entry in entries(cache):
        entry.unlink()
    env = {**os.environ, template_cache.FOLDER_ENVIRONMENT: str(cache.parent)}
    runs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(DECISION)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode()
        assert out == expected
    [entry] = entries(cache)
    assert not [p for p in cache.iterdir() if p.suffix == ".tmp"]
    assert template_cache.load(entry.stem) is not None
    engine.prepared.cache_clear()
    assert render(template, context, stable=True) == expected


def test_the_key_follows_the_bytes_the_flavour_and_the_code():
    data = b"PK template"
    assert template_cache.key(data, "builtin", ()) == template_cache.key(data, "builtin", ())
    assert template_cache.key(data, "builtin", ()) != template_cache.key(data + b" ", "builtin", ())
    assert template_cache.key(data, "builtin", ()) != template_cache.key(data, "user", ())
    assert template_cache.key(data, "builtin", ()) != \
        template_cache.key(data, "builtin", ("generator.render.engine",))


def test_the_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(template_cache.OFF_ENVIRONMENT, raising=False)
    monkeypatch.setenv(template_cache.FOLDER_ENVIRONMENT, str(tmp_path / "chosen"))
    assert template_cache.folder() == tmp_path / "chosen" / "templates"
    monkeypatch.delenv(template_cache.FOLDER_ENVIRONMENT)
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert template_cache.folder() == tmp_path / "xdg" / "thidua" / "templates"
        monkeypatch.delenv("XDG_CACHE_HOME")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert template_cache.folder() == tmp_path / "home" / ".cache" / "thidua" / "templates"
    monkeypatch.setenv(template_cache.OFF_ENVIRONMENT, "1")
    assert template_cache.folder() is None
