"""Certificates in batches: the rendered templates read back, file names, the merged print file,
the manifest, resuming an interrupted run, parallel workers and the PDF step."""

from __future__ import annotations

import csv
import dataclasses
import io
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, RGBColor
from support import TESTS, needs_soffice
from support.certificates import TRICKY, decision_for, people, sha256, texts, worst
from support.docx_read import all_paragraphs, open_docx

from generator.certificates import batch
from generator.certificates import engine as compiled
from generator.certificates.batch import (
    MANIFEST,
    STAGING,
    TEMP_PREFIX,
    file_names,
    merged_name,
    write_certificates,
)
from generator.certificates.engine import certificate_context, render_document
from generator.certificates.records import records_from_dicts
from generator.errors import (
    ConversionError,
    OutputError,
    OutputExists,
    RenderError,
    ValidationFailed,
)
from generator.render.engine import template_variables
from generator.render.output import MAX_STEM_BYTES
from generator.render.pdf import convert_to_pdf
from generator.resources import template_bytes
from generator.store.transaction import REPLACED

# ---------------------------------------------------------------------------- templates

@pytest.mark.parametrize(("form", "size_mm"), [("Bằng khen", (420, 297)),
                                               ("Giấy khen", (297, 210))])
def test_each_template_renders_in_the_canonical_order_on_landscape_paper(form, size_mm):
    (record,) = people(1, form)
    document = open_docx(render_document(record, False))
    assert texts(document) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "BỘ TRƯỞNG, CHỦ NHIỆM VĂN PHÒNG CHÍNH PHỦ", "TẶNG", form.upper(),
        "Bà Nguyễn Văn 0000", "Chuyên viên, Vụ Tổ chức cán bộ", record.decision.achievement,
        "Số quyết định: 1234/QĐ-VPCP", "Ngày 15 tháng 12 năm 2021", "Số sổ vàng: 100",
        "Hà Nội, ngày 15 tháng 12 năm 2021", "BỘ TRƯỞNG, CHỦ NHIỆM", "Trần Văn Sơn"]
    (section,) = document.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width - Mm(size_mm[0])) < Mm(0.1)
    assert abs(section.page_height - Mm(size_mm[1])) < Mm(0.1)
    red = RGBColor(0xFF, 0, 0)
    by_text = {p.text: p for p in all_paragraphs(document)}
    assert by_text[form.upper()].style.font.color.rgb == red
    assert by_text["BỘ TRƯỞNG, CHỦ NHIỆM VĂN PHÒNG CHÍNH PHỦ"].style.font.color.rgb == red
    assert by_text[form.upper()].style.font.size > by_text["Bà Nguyễn Văn 0000"].style.font.size


@pytest.mark.parametrize("name", ["bang_khen.docx", "giay_khen.docx"])
def test_templates_use_times_new_roman_everywhere_and_read_only_context_names(name):
    document = open_docx(template_bytes(name))
    for fonts in document.styles.element.iter(qn("w:rFonts")):
        assert not any(attr.endswith("Theme") for attr in fonts.attrib)
        assert {fonts.get(qn(s)) for s in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == \
            {"Times New Roman"}
    (record,) = people(1)
    assert template_variables(name) <= set(certificate_context(record, False))


def test_text_is_exact_whatever_characters_a_name_holds():
    record = worst("Bằng khen")[3]
    document = open_docx(render_document(record, False))
    assert TRICKY in texts(document)


def test_unchanged_parts_are_copied_raw_and_the_zip_is_sound():
    (record,) = people(1)
    data = render_document(record, False)
    assert render_document(record, False) == data            # deterministic
    with zipfile.ZipFile(io.BytesIO(data)) as made, \
            zipfile.ZipFile(io.BytesIO(template_bytes("bang_khen.docx"))) as template:
        assert made.testzip() is None
        assert sorted(made.namelist()) == sorted(template.namelist())
        for info in template.infolist():
            if info.filename != "word/document.xml":
                got = made.getinfo(info.filename)
                assert (got.CRC, got.compress_size) == (info.CRC, info.compress_size)


# ---------------------------------------------------------------------------- file names

def test_file_names_are_safe_unique_and_readable():
    rows = [{"name": n, "kind": "tập thể"} for n in [
        "CON", "nul", "A/B\\C", 'Tên <có> "dấu" | lạ? *', "Vụ Một", "VỤ MỘT", "Vụ Một",
        "Vụ Một (2)", "Tổ đặc biệt"]]
    rows.append({"name": "Vụ Một".replace("ộ", "o\u0323\u0302"), "kind": "tập thể"})  # NFD
    records = records_from_dicts(rows, decision_for(), "x")
    # Too long for a certificate, but file names must still be bounded (255 bytes on disk).
    records[8] = dataclasses.replace(records[8], name="Tổ " + "Đặc biệt ặ " * 40)
    names = file_names(records)
    assert names[:8] == [
        "Bằng khen - CON.docx", "Bằng khen - nul.docx", "Bằng khen - A_B_C.docx",
        "Bằng khen - Tên _có_ _dấu_ _ lạ_ _.docx", "Bằng khen - Vụ Một.docx",
        "Bằng khen - VỤ MỘT (2).docx", "Bằng khen - Vụ Một (3).docx",
        "Bằng khen - Vụ Một (2) (2).docx"]
    assert names[9] == "Bằng khen - Vụ Một (4).docx"
    assert len(names[8].encode("utf-8")) <= MAX_STEM_BYTES + len(".docx")
    assert len({n.casefold() for n in names}) == len(names)
    assert all("/" not in n and "\\" not in n for n in names)


def test_windows_device_names_are_never_a_whole_file_name(tmp_path):
    records = people(1)
    assert merged_name(records[0].decision) == "Bằng khen 1234-QĐ-VPCP (in gộp).docx"
    assert MANIFEST not in file_names(records)


# ---------------------------------------------------------------------------- writing

def test_one_file_per_recipient_and_a_manifest_whose_hashes_match(tmp_path):
    records = people(5)
    seen: list[tuple[int, int]] = []
    result = write_certificates(records, tmp_path, progress=lambda d, t: seen.append((d, t)))
    assert (len(result.written), result.kept) == (5, [])
    assert seen[-1] == (5, 5) and len(seen) == 5
    with result.manifest.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Tệp"] for r in rows] == file_names(records) == [p.name for p in result.files]
    assert all(r["sha256"] == sha256(tmp_path / r["Tệp"]) for r in rows)
    assert rows[0]["Người nhận"] == "Bà Nguyễn Văn 0000"
    assert list(rows[0]) == ["STT", "Người nhận", "Hình thức", "Đơn vị", "Số sổ vàng", "Tệp",
                             "Trang", "Trạng thái", "sha256", "Mẫu"]
    assert rows[0] | {"sha256": ""} == {
        "STT": "1", "Người nhận": "Bà Nguyễn Văn 0000",
        "Hình thức": "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ",
        "Đơn vị": "Vụ Tổ chức cán bộ", "Số sổ vàng": "100",
        "Tệp": "Bằng khen - Nguyễn Văn 0000.docx", "Trang": "1",
        "Trạng thái": "đã ghi, bản đầy đủ", "sha256": "",
        "Mẫu": "có sẵn: bang_khen.docx"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*file_names(records), MANIFEST])


def test_merged_file_holds_exactly_n_certificates_one_per_page(tmp_path):
    records = people(25)
    result = write_certificates(records, tmp_path, merge=True)
    (merged,) = result.files
    document = open_docx(merged.read_bytes())
    body = document.element.body
    assert texts(document).count("BẰNG KHEN") == 25
    assert [t for t in texts(document) if t.startswith("Số sổ vàng")] == \
        [f"Số sổ vàng: {100 + i}" for i in range(25)]
    firsts = [p for p in body.findall(qn("w:p")) if p.xpath("string(.)").startswith("CỘNG HÒA")]
    breaks = [p.pPr.pageBreakBefore is not None for p in firsts]
    assert breaks == [False] + [True] * 24
    assert len(body.findall(qn("w:sectPr"))) == 1
    with result.manifest.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(r["Trang"]) for r in rows] == list(range(1, 26))
    assert {r["sha256"] for r in rows} == {sha256(merged)}


def test_parallel_workers_write_the_same_bytes(tmp_path):
    records = people(150)
    one = write_certificates(records, tmp_path / "one")
    two = write_certificates(records, tmp_path / "two", jobs=2)
    assert [sha256(p) for p in one.files] == [sha256(p) for p in two.files]
    assert one.manifest.read_bytes() == two.manifest.read_bytes()


def test_parallel_rerun_with_a_changed_file_refuses_before_writing_and_force_rewrites(tmp_path):
    records = people(120)
    write_certificates(records, tmp_path, jobs=2)
    names = file_names(records)
    (tmp_path / names[70]).write_bytes(b"edited")
    for name in names[100:]:
        (tmp_path / name).unlink()
    with pytest.raises(OutputExists, match=names[70]):
        write_certificates(records, tmp_path, jobs=2)
    assert not any((tmp_path / n).exists() for n in names[100:])     # nothing written
    result = write_certificates(records, tmp_path, jobs=2, force=True)
    assert (len(result.written), len(result.kept)) == (21, 99)
    assert (tmp_path / names[70]).read_bytes()[:2] == b"PK"


SPAWNED = """
import multiprocessing, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
if __name__ == "__main__":
    from support.certificates import people
    from generator.certificates import batch
    spawn = multiprocessing.get_context("spawn")               # as on Windows and macOS
    batch._context = lambda: spawn
    seen = []
    real = spawn.Process
    spawn.Process = lambda *a, **k: seen.append(1) or real(*a, **k)
    batch.write_certificates(people(60), Path({out!r}), jobs=2)
    assert len(seen) == 2, seen
"""


def test_workers_started_by_spawn_write_the_same_files(tmp_path):
    script = tmp_path / "spawned.py"
    script.write_text(SPAWNED.format(tests=str(TESTS), out=str(tmp_path / "b")))
    subprocess.run([sys.executable, str(script)], check=True, timeout=300)
    one = write_certificates(people(60), tmp_path / "a")
    assert one.manifest.read_bytes() == (tmp_path / "b" / MANIFEST).read_bytes()
    assert all(sha256(p) == sha256(tmp_path / "b" / p.name) for p in one.files)


def failing_write(fail_on: str, how: str):
    """A stand-in for batch._write_file that fails on one file name (inherited by forked
    workers)."""
    real = batch._write_file

    def write(folder, name, data):
        if name == fail_on:
            if how == "error":
                raise OutputError(f"Không ghi được {folder}/{name}: ổ đĩa đầy")
            if how == "bug":
                raise KeyError("a bug")
            os.kill(os.getpid(), signal.SIGKILL)
        real(folder, name, data)
    return write


@pytest.mark.skipif(batch._context().get_start_method() != "fork",
                    reason="the stand-in reaches workers only when they are forked")
@pytest.mark.parametrize("how, error, message", [
    ("error", OutputError, "ổ đĩa đầy"),
    ("bug", RuntimeError, "KeyError: 'a bug'"),
    ("kill", OutputError, "dừng giữa chừng"),
])
def test_a_failing_worker_stops_the_batch_with_its_error_and_a_rerun_finishes_it(
        tmp_path, monkeypatch, how, error, message):
    records = people(300)
    names = file_names(records)
    monkeypatch.setattr(batch, "_write_file", failing_write(names[150], how))
    with pytest.raises(error, match=message):
        write_certificates(records, tmp_path, jobs=2)
    assert multiprocessing.active_children() == []          # no worker left running
    assert not (tmp_path / names[150]).exists() and not (tmp_path / MANIFEST).exists()
    monkeypatch.undo()
    result = write_certificates(records, tmp_path, jobs=2)
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == sorted(names)
    assert not list(tmp_path.glob(".*"))
    assert len(result.written) + len(result.kept) == 300 and len(result.written) >= 1


def test_rerun_keeps_finished_files_and_writes_only_the_missing(tmp_path):
    records = people(6)
    write_certificates(records, tmp_path)
    names = file_names(records)
    (tmp_path / names[1]).unlink()
    (tmp_path / names[4]).unlink()
    (tmp_path / f"{TEMP_PREFIX}123-4.tmp").write_bytes(b"PK partial")   # left by a kill
    before = {n: (tmp_path / n).stat().st_mtime_ns for n in names if (tmp_path / n).exists()}
    result = write_certificates(records, tmp_path)
    assert (len(result.written), len(result.kept)) == (2, 4)
    assert all((tmp_path / n).stat().st_mtime_ns == t for n, t in before.items())
    assert not list(tmp_path.glob("*.tmp"))


def test_a_different_existing_file_is_never_overwritten_without_force(tmp_path):
    records = people(4)
    write_certificates(records, tmp_path)
    victim = tmp_path / file_names(records)[2]
    victim.write_bytes(b"edited by a clerk")
    (tmp_path / file_names(records)[3]).unlink()
    with pytest.raises(OutputExists, match=file_names(records)[2]):
        write_certificates(records, tmp_path)
    assert victim.read_bytes() == b"edited by a clerk"
    assert not (tmp_path / file_names(records)[3]).exists()       # nothing written
    result = write_certificates(records, tmp_path, force=True)
    assert (len(result.written), len(result.kept)) == (2, 2)
    assert victim.read_bytes()[:2] == b"PK"


def test_merged_file_is_kept_when_identical_and_refused_when_different(tmp_path):
    records = people(3)
    first = write_certificates(records, tmp_path, merge=True)
    assert (first.written, first.kept) == (first.files, [])
    again = write_certificates(records, tmp_path, merge=True)
    assert (again.written, again.kept) == ([], first.files)
    other = people(3, achievement="Đã có thành tích xuất sắc")
    # The folder's manifest knows the earlier print file: it is replaced, and kept aside.
    replaced = write_certificates(other, tmp_path, merge=True)
    assert replaced.written == first.files
    (aside,) = (tmp_path / REPLACED).rglob("*.docx")
    assert aside.name == first.files[0].name and aside.read_bytes() != first.files[0].read_bytes()
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*"))


def test_a_foreign_manifest_is_not_overwritten(tmp_path):
    (tmp_path / MANIFEST).write_text("họ tên,ghi chú\n", encoding="utf-8")
    with pytest.raises(OutputExists, match=MANIFEST):
        write_certificates(people(1), tmp_path)


def test_a_record_too_long_for_the_page_stops_the_batch_before_writing(tmp_path):
    records = people(3)
    records[1] = dataclasses.replace(records[1], name="Tổ " * 200)   # bypassing the reader
    records[2] = dataclasses.replace(records[2], achievement="Đã có " * 300)
    with pytest.raises(ValidationFailed) as info:
        write_certificates(records, tmp_path / "out")
    assert [i.path for i in info.value.issues] == ["$.recipients[1].name",
                                                  "$.recipients[2].achievement"]
    assert not (tmp_path / "out").exists()


INTERRUPTED = """
import sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from support.certificates import people
from generator.certificates.batch import write_certificates
records = people({n})
write_certificates(records, Path({out!r}), progress=lambda done, total: time.sleep(0.01))
"""


def test_an_interrupted_run_resumes_to_exactly_n_files(tmp_path):
    n, out = 200, tmp_path / "out"
    script = INTERRUPTED.format(tests=str(TESTS), n=n, out=str(out))
    process = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 120
    staging = out / STAGING             # a batch is written there, then published at once
    while time.monotonic() < deadline and len(list(staging.glob("*.docx"))) < 30:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    written = list(staging.glob("*.docx"))
    assert 30 <= len(written) < n, "the run was not interrupted in the middle"
    assert not list(out.glob("*.docx")), "nothing is published before the batch is complete"
    for path in written:                          # no partial file under a real name
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
    records = people(n)
    result = write_certificates(records, out)
    assert len(result.written) == n and result.kept == []
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(file_names(records))
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*"))
    with result.manifest.open(encoding="utf-8-sig") as handle:
        assert all(r["sha256"] == sha256(out / r["Tệp"]) for r in csv.DictReader(handle))


KILLED_WITH_WORKERS = """
import os, signal, sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from support.certificates import people
from generator.certificates import batch
real = batch._write_file
def slow(folder, name, data):           # 128 files take about 0.6 s
    time.sleep(0.005)
    real(folder, name, data)
batch._write_file = slow
def progress(done, total):
    if done == 128:                     # the first slice is back: the main process dies
        os.kill(os.getpid(), signal.SIGKILL)
batch.write_certificates(people({n}), Path({out!r}), jobs=2, progress=progress)
"""


@pytest.mark.skipif(batch._context().get_start_method() != "fork",
                    reason="the stand-in reaches workers only when they are forked")
def test_workers_of_a_killed_run_stop_after_their_slice_and_a_rerun_finishes(tmp_path):
    n, out = 3000, tmp_path / "out"
    script = KILLED_WITH_WORKERS.format(tests=str(TESTS), n=n, out=str(out))
    process = subprocess.run([sys.executable, "-c", script], check=False, timeout=300)
    assert process.returncode == -signal.SIGKILL
    time.sleep(2.5)                     # longer than the slice a worker was writing
    left = len(list((out / STAGING).glob("*.docx")))
    time.sleep(1)
    assert len(list((out / STAGING).glob("*.docx"))) == left    # nothing writes any more
    assert 128 <= left <= 4 * 128, left                         # at most one slice each after
    assert not list(out.glob("*.docx"))
    result = write_certificates(people(n), out, jobs=2)
    assert (len(result.kept), len(result.written)) == (0, n)
    assert len(list(out.glob("*.docx"))) == n and not list(out.glob(".*"))


# ---------------------------------------------------------------------------- PDF

@needs_soffice
def test_libreoffice_prints_every_certificate_on_exactly_one_page(tmp_path):
    from pypdf import PdfReader
    docx = []
    for form in ("Bằng khen", "Giấy khen"):
        records = worst(form)
        assert [compiled.layout_of(r)[0] for r in records][:3] != [False] * 3
        docx += write_certificates(records, tmp_path / form).files
        docx += write_certificates(records, tmp_path / f"{form} in", merge=True).files
    pdfs = convert_to_pdf(docx, tmp_path / "pdf").files
    pages = {pdf.name: PdfReader(pdf).pages for pdf in pdfs}
    for name, found in pages.items():
        assert len(found) == (4 if "in gộp" in name else 1), name
    merged = pages["Bằng khen 1234-QĐ-VPCP (in gộp).pdf"]
    assert [round(float(p.mediabox.width) * 25.4 / 72) for p in merged] == [420] * 4
    assert "Trần Văn Sơn" not in merged[0].extract_text()       # the KT. signer of WORST
    assert "Nguyễn Cao Lục" in merged[2].extract_text()


def test_pdf_conversion_says_clearly_when_libreoffice_is_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    (tmp_path / "a.docx").write_bytes(b"x")
    with pytest.raises(ConversionError, match="Không tìm thấy LibreOffice"):
        convert_to_pdf([tmp_path / "a.docx"], tmp_path)


@pytest.mark.skipif(os.name == "nt", reason="the stand-in soffice is a shell script")
@pytest.mark.parametrize(("script", "words"), [
    ("sleep 30", "chưa chuyển xong sau 1 giây"),
    ("exit 0", "không chuyển được sang PDF"),
    ("echo 'Error: source file could not be loaded' >&2; exit 1", "mã 1"),
])
def test_pdf_conversion_failures_are_reported(tmp_path, monkeypatch, script, words):
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\n{script}\n")
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake))
    (tmp_path / "a.docx").write_bytes(b"x")
    start = time.monotonic()
    with pytest.raises(ConversionError, match=words):
        convert_to_pdf([tmp_path / "a.docx"], tmp_path / "out", timeout=1)
    assert time.monotonic() - start < 10
    assert not list((tmp_path / "out").iterdir())


FAKE_SOFFICE = """#!/bin/sh
# Stands in for LibreOffice: writes <outdir>/<stem>.pdf for every input, logs each call.
echo "$@" >> "{log}"
while [ "$1" != "--outdir" ]; do shift; done
out="$2"; shift 2
for f in "$@"; do n=$(basename "$f" .docx); printf '%%PDF-fake' > "$out/$n.pdf"; done
"""


@pytest.mark.skipif(os.name == "nt", reason="the stand-in soffice is a shell script")
def test_one_soffice_call_per_batch_and_a_resumed_run_converts_only_what_is_missing(
        tmp_path, monkeypatch):
    log = tmp_path / "calls.log"
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE.format(log=log))
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake))
    docx = write_certificates(people(5), tmp_path / "out").files
    pdfs = convert_to_pdf(docx, tmp_path / "out").files
    assert [p.name for p in pdfs] == [p.with_suffix(".pdf").name for p in docx]
    assert len(log.read_text().splitlines()) == 1                       # one process
    assert "-env:UserInstallation=file://" in log.read_text()
    with pytest.raises(OutputExists):
        convert_to_pdf(docx, tmp_path / "out")
    pdfs[1].unlink()
    assert convert_to_pdf(docx, tmp_path / "out", resume=True) == (pdfs, [pdfs[1]])
    calls = log.read_text().splitlines()
    assert len(calls) == 2 and docx[1].name in calls[1] and docx[0].name not in calls[1]
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_the_manifest_lists_what_the_folder_holds_after_each_run(tmp_path):
    records = records_from_dicts([{"name": "=HYPERLINK(\"x\")", "kind": "tập thể"},
                                  {"name": "Vụ Một", "kind": "tập thể"}], decision_for(), "x")
    write_certificates(records, tmp_path)
    result = write_certificates(records, tmp_path, merge=True)
    with result.manifest.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["Tệp"] for r in rows] == [result.files[0].name] * 2
    assert rows[0]["Người nhận"] == "'=HYPERLINK(\"x\")"     # not a formula in Excel
    # A folder holds one run's certificates: the separate files went aside, not lost.
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == [result.files[0].name]
    assert sorted(p.name for p in (tmp_path / REPLACED).rglob("*.docx")) == sorted(
        file_names(records))


def test_a_corrected_name_leaves_no_stale_certificate_in_the_folder(tmp_path):
    wrong = records_from_dicts([{"name": "Nguyễn Văn Aan", "gender": "Nam"},
                                {"name": "Trần Thị Bình", "gender": "Nữ"}], decision_for(), "x")
    right = records_from_dicts([{"name": "Nguyễn Văn An", "gender": "Nam"},
                                {"name": "Trần Thị Bình", "gender": "Nữ"}], decision_for(), "x")
    write_certificates(wrong, tmp_path)
    result = write_certificates(right, tmp_path)            # no --force needed
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == sorted(file_names(right))
    assert (len(result.written), len(result.kept)) == (1, 1)
    (aside,) = (tmp_path / REPLACED).rglob("*.docx")
    assert aside.name == "Bằng khen - Nguyễn Văn Aan.docx"
    with result.manifest.open(encoding="utf-8-sig") as handle:
        assert sorted(r["Tệp"] for r in csv.DictReader(handle)) == sorted(file_names(right))


def test_a_template_with_tags_outside_the_body_is_refused(monkeypatch):
    document = open_docx(template_bytes("bang_khen.docx"))
    document.sections[0].header.paragraphs[0].text = "{{ recipient }}"
    out = io.BytesIO()
    document.save(out)
    monkeypatch.setattr(compiled, "template_bytes", lambda name: out.getvalue())
    compiled.compiled.cache_clear()
    try:
        with pytest.raises(RenderError, match="header"):
            compiled.compiled("bang_khen.docx")
    finally:
        compiled.compiled.cache_clear()
