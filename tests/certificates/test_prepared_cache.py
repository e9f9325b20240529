"""A certificate template prepared once is served from the cache on disk to the next process:
the same files, without python-docx, docxtpl or lxml; a damaged entry, a changed template or
another way of printing is prepared again; a user's template is checked in every process."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import ROOT, SAMPLE_DIR, empty_template_cache

from generator.build import decision_certificates
from generator.certificates import engine
from generator.certificates.batch import write_certificates
from generator.certificates.engine import Printing
from generator.render import docxzip, template_cache

DECISION = SAMPLE_DIR / "decisions" / "so-ket-2022.json"

# A run as a clerk's command runs it, in a new process; it prints which heavy modules it
# imported and the sha256 of every certificate it wrote, by name.
_RUN = """
import hashlib, json, sys
from pathlib import Path
from generator.build import decision_certificates
from generator.certificates.batch import write_certificates
from generator.certificates.engine import Printing
records = decision_certificates(Path(sys.argv[1]))[1]
result = write_certificates(records, Path(sys.argv[2]), printing=Printing(sys.argv[3] == "blank"))
print(json.dumps({"modules": sorted(m for m in ("docx", "docxtpl", "lxml") if m in sys.modules),
                  "files": {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                            for p in result.files}}))
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder of this test, and no certificate template compiled in this
    process yet."""
    folder = empty_template_cache(tmp_path, monkeypatch)
    engine.compiled.cache_clear()
    yield folder
    engine.compiled.cache_clear()


def run(cache: Path, out: Path, printing: str = "plain", **extra: str) -> dict:
    env = {**os.environ, template_cache.FOLDER_ENVIRONMENT: str(cache.parent), **extra}
    done = subprocess.run([sys.executable, "-c", _RUN, str(DECISION), str(out), printing],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_next_process_writes_the_same_certificates_without_python_docx(cache, tmp_path):
    first = run(cache, tmp_path / "a")
    assert first["modules"] == ["docx", "docxtpl", "lxml"]     # it prepared the template
    assert len(list(cache.glob("*.bin"))) == 1
    second = run(cache, tmp_path / "b")
    assert second["modules"] == []
    assert second["files"] == first["files"] and len(first["files"]) > 3


def test_with_the_cache_off_every_process_prepares_and_nothing_is_stored(cache, tmp_path):
    off = {template_cache.OFF_ENVIRONMENT: "1"}
    first = run(cache, tmp_path / "a", **off)
    second = run(cache, tmp_path / "b", **off)
    assert first["modules"] == second["modules"] == ["docx", "docxtpl", "lxml"]
    assert second["files"] == first["files"]
    assert not cache.exists() or not list(cache.iterdir())


def test_a_damaged_entry_is_prepared_again_and_the_files_are_the_same(cache, tmp_path):
    first = run(cache, tmp_path / "a")
    [entry] = cache.glob("*.bin")
    entry.write_bytes(entry.read_bytes()[:-40] + bytes(40))      # fails its checksum
    again = run(cache, tmp_path / "b")
    assert again["modules"] == ["docx", "docxtpl", "lxml"]
    assert again["files"] == first["files"]
    assert template_cache.load(entry.stem) is not None          # written again, sound


def test_an_entry_that_is_not_a_prepared_certificate_is_not_served(cache, tmp_path):
    first = run(cache, tmp_path / "a")
    [entry] = cache.glob("*.bin")
    stored = template_cache.load(entry.stem)
    template_cache.save(entry.stem, {**stored, "first": "not code"})   # checksum is sound
    again = run(cache, tmp_path / "b")
    assert again["modules"] == ["docx", "docxtpl", "lxml"] and again["files"] == first["files"]


def test_printing_on_blanks_is_its_own_entry(cache, tmp_path):
    plain = run(cache, tmp_path / "a")
    blank = run(cache, tmp_path / "b", "blank")
    assert blank["modules"] == ["docx", "docxtpl", "lxml"]
    assert len(list(cache.glob("*.bin"))) == 2
    assert run(cache, tmp_path / "c", "blank") == {"modules": [], "files": blank["files"]}
    assert set(blank["files"].values()).isdisjoint(plain["files"].values())


def test_served_and_prepared_certificates_are_the_same_bytes_in_process(cache, tmp_path,
                                                                        monkeypatch):
    records = decision_certificates(DECISION)[1]
    prepared = write_certificates(records, tmp_path / "a", printing=Printing(blank=True))
    engine.compiled.cache_clear()
    monkeypatch.setattr(engine, "_prepared", lambda *_: pytest.fail("prepared again"))
    served = write_certificates(records, tmp_path / "b", printing=Printing(blank=True))
    assert [p.read_bytes() for p in served.files] == [p.read_bytes() for p in prepared.files]


def test_a_users_template_is_prepared_in_every_process(cache, tmp_path, monkeypatch):
    from generator.render.user_templates import export_templates, templates_from

    folder = tmp_path / "mau"
    export_templates(folder)
    calls = []
    real = engine._prepared
    monkeypatch.setattr(engine, "_prepared", lambda *a: calls.append(a) or real(*a))
    with templates_from(folder):
        records = decision_certificates(DECISION)[1]
        write_certificates(records, tmp_path / "a")
        engine.compiled.cache_clear()
        write_certificates(records, tmp_path / "b")
    assert len(calls) == 2
    assert not list(cache.glob("*.bin"))        # nothing of a user's template kept on disk


@pytest.mark.parametrize("size", [0, 1, 250, 251, 4870, 7900, 8000, 16121, 32505, 32506,
                                  60000, 300000])
def test_a_body_is_deflated_in_a_window_that_holds_it_to_the_same_bytes(size):
    words = hashlib.sha256(str(size).encode()).hexdigest().encode()
    body = (b"<w:p><w:r><w:t>" + words + b"</w:t></w:r></w:p>") * (size // 50 + 1)
    body = body[:size]
    bits = docxzip.window_bits(size)
    assert 9 <= bits <= 15 and (bits == 15 or 2 ** bits >= size + 262)
    small = zlib.compressobj(docxzip.DEFLATE_LEVEL, zlib.DEFLATED, -bits)
    default = zlib.compressobj(docxzip.DEFLATE_LEVEL, zlib.DEFLATED, -15)
    assert small.compress(body) + small.flush() == default.compress(body) + default.flush()


def test_a_users_template_that_is_not_a_certificate_gets_a_clear_refusal(tmp_path, run, cache):
    import io
    import zipfile

    folder = tmp_path / "mau"
    folder.mkdir()
    body = io.BytesIO()
    with zipfile.ZipFile(body, "w") as archive:     # a zip, but no Word package around it
        archive.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxml'
                         'formats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body>'
                         "</w:document>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    (folder / "bang_khen.docx").write_bytes(body.getvalue())
    result = run("certificates", str(DECISION), "-o", str(tmp_path / "out"),
                 "--templates", str(folder))
    assert result.exit_code == 1
    assert "không đọc được như một mẫu Bằng khen, Giấy khen" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    assert not cache.exists() or not list(cache.iterdir())
