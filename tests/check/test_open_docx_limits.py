"""`thidua check` on packages that must not be inflated: a part encrypted inside the zip, a
compression method Word does not use, a zip bomb. Each is "unreadable" (exit code 2) with a
Vietnamese message, judged from the zip directory before any part is inflated."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from support.checker_fixtures import Clerk, build

from generator.check.run import check_document
from generator.errors import UnreadableDocument

BODY = "word/document.xml"


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return build(Clerk(), tmp_path_factory.mktemp("plan") / "plan.docx").read_bytes()


def rewritten(plan: bytes, path: Path, change: Callable[[bytes], bytes] = lambda d: d,
              method: int = zipfile.ZIP_DEFLATED) -> Path:
    """*plan* saved to *path* with its document part changed and compressed with *method*."""
    with zipfile.ZipFile(io.BytesIO(plan)) as original, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == BODY:
                target.writestr(BODY, change(data), compress_type=method)
            else:
                target.writestr(info.filename, data)
    return path


def flagged(path: Path, offset: int, value: bytes, mask: bool = False) -> Path:
    """Change one field of the document part's local header (at *offset*) and of its entry in
    the zip directory (the same field sits 2 bytes further there)."""
    data = bytearray(path.read_bytes())
    name = BODY.encode()
    local = data.rindex(b"PK\x03\x04", 0, data.index(name))
    central = data.rindex(b"PK\x01\x02", 0, data.rindex(name))
    for at in (local + offset, central + offset + 2):
        if mask:
            data[at] |= value[0]
        else:
            data[at:at + len(value)] = value
    path.write_bytes(bytes(data))
    return path


def refused(path: Path, words: str) -> str:
    start = time.perf_counter()
    with pytest.raises(UnreadableDocument) as caught:
        check_document(path)
    assert time.perf_counter() - start < 0.5
    assert caught.value.exit_code == 2
    assert str(caught.value).startswith(f"{path}: ") and words in str(caught.value)
    return str(caught.value)


def test_a_part_encrypted_inside_the_zip_is_unreadable(plan, tmp_path, run):
    path = flagged(rewritten(plan, tmp_path / "enc.docx"), 6, b"\x01", mask=True)
    refused(path, f"phần {BODY} của gói .docx được mã hóa")
    result = run("check", str(path))
    assert result.exit_code == 2
    assert result.stdout.startswith(f"không đọc được: {path}: phần {BODY}")


def test_an_unknown_compression_method_is_unreadable(plan, tmp_path, run):
    path = flagged(rewritten(plan, tmp_path / "d64.docx"), 8, (9).to_bytes(2, "little"))
    refused(path, f"phần {BODY} được nén theo kiểu Deflate64")
    result = run("check", str(path), "--format", "json")
    assert result.exit_code == 2 and '"readable": false' in result.stdout


@pytest.mark.parametrize(("method", "name"), [(zipfile.ZIP_BZIP2, "bzip2"),
                                              (zipfile.ZIP_LZMA, "LZMA")])
def test_a_method_that_python_reads_but_word_does_not_is_unreadable(plan, tmp_path, method,
                                                                     name):
    refused(rewritten(plan, tmp_path / "x.docx", method=method), f"được nén theo kiểu {name}")


def test_a_zip_bomb_is_refused_before_it_is_inflated(plan, tmp_path):
    path = rewritten(plan, tmp_path / "bomb.docx",
                     lambda d: d.replace(b"<w:body>", b"<w:body>" + b" " * (20 << 20)))
    assert path.stat().st_size < 100_000
    refused(path, "bom nén")


def test_a_directory_claiming_hundreds_of_megabytes_is_refused(plan, tmp_path):
    path = rewritten(plan, tmp_path / "claim.docx")
    flagged(path, 22, (400 << 20).to_bytes(4, "little"))       # uncompressed size
    refused(path, "giải nén ra 400 MB")


def test_a_real_document_is_still_read(plan, tmp_path):
    assert isinstance(check_document(rewritten(plan, tmp_path / "ok.docx")), list)
