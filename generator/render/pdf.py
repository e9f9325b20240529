"""Convert .docx files to PDF with LibreOffice: few soffice processes, each for many files.

Starting LibreOffice costs seconds, converting one certificate a fraction of that, so every file
of a batch goes to one ``soffice --convert-to pdf`` call; from PARALLEL_FROM documents on, to
two calls running side by side (LibreOffice converts on one core). LibreOffice runs with a
profile of its own in a temporary folder (``-env:UserInstallation``): it then neither waits for
nor disturbs a LibreOffice the clerk has open, and never reads a damaged user profile. PDFs are
written into a temporary folder and moved into place only when every one exists, so a failed
conversion leaves no half-written PDF behind.

Certificates have a faster way (:func:`split_print_files`): LibreOffice converts their print
file, one certificate per page, at a fifth of the cost per page of separate files; the PDF is
then cut into one PDF per certificate (pypdf), and every page is checked to show its
recipient before any PDF is written.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import unicodedata
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

from generator.errors import ConversionError, OutputError

from .output import check_writable

STARTUP_SECONDS = 120.0          # generous: these limits only stop a LibreOffice that hangs
SECONDS_PER_DOCUMENT = 3.0
SECONDS_PER_10KB = 5.0           # measured ≈ 1.1 s per 10 kB of certificates
# Windows limits a command line to 32,767 characters; elsewhere the limit is far higher.
MAX_COMMAND = 30_000 if os.name == "nt" else 1_000_000
# From this many documents on, two soffice processes convert side by side: a second LibreOffice
# costs its start-up (2–3 s) and pays back once each has a dozen documents or so: measured on
# 2 CPUs, 10 documents gave 0.9×, 30 gave 1.5× (benchmarks/pdf.py).
PARALLEL_FROM = 12
PROCESSES = 2
INSTALL_HINT = ("Hãy cài LibreOffice (trên Debian/Ubuntu: apt-get install "
                "libreoffice-writer-nogui; trên Windows: libreoffice.org), rồi chạy lại.")


def find_soffice() -> str:
    """The path of LibreOffice's soffice; ConversionError if it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ConversionError(f"Không tìm thấy LibreOffice (lệnh soffice) để chuyển sang PDF. "
                          f"{INSTALL_HINT}")


class Converted(NamedTuple):
    """The PDFs of a conversion, in the order of their .docx; *written* by this run (the others
    were kept from an earlier one)."""

    files: list[Path]
    written: list[Path]


def convert_to_pdf(docx_paths: Sequence[Path], out_dir: Path, *, force: bool = False,
                   resume: bool = False, timeout: float | None = None) -> Converted:
    """Convert every file of *docx_paths* to ``out_dir/<stem>.pdf``.

    Nothing is converted if a PDF already exists (unless *force*) or two inputs share a stem.
    With *resume*, a PDF newer than its .docx is kept and only the others are converted (a
    rerun of an interrupted batch). *timeout* (seconds) defaults to a start-up allowance plus
    a few seconds per document and per 10 kB of .docx (a merged file of 1,000 certificates is
    75 kB and converts in about 8 s here).
    """
    targets = [out_dir / f"{Path(p).stem}.pdf" for p in docx_paths]
    if len(set(targets)) != len(targets):
        raise ConversionError("Hai văn bản trùng tên (khác thư mục) sẽ cho cùng một tệp PDF.")
    missing = [str(p) for p in docx_paths if not Path(p).is_file()]
    if missing:
        raise ConversionError(f"Không có tệp để chuyển sang PDF: {', '.join(missing)}")
    todo = [(Path(p), t) for p, t in zip(docx_paths, targets, strict=False)
            if not (resume and _newer(t, Path(p)))]
    check_writable([t for _, t in todo], force)
    if todo:
        _convert(todo, out_dir, timeout)
    return Converted(targets, [target for _, target in todo])


def _newer(pdf: Path, docx: Path) -> bool:
    try:
        return pdf.stat().st_mtime_ns >= docx.stat().st_mtime_ns
    except FileNotFoundError:
        return False


def _time_limit(files: list[Path], timeout: float | None) -> float:
    """*timeout*, or a start-up allowance plus a few seconds per document and per 10 kB."""
    if timeout is not None:
        return timeout
    size = sum(p.stat().st_size for p in files)
    return STARTUP_SECONDS + SECONDS_PER_DOCUMENT * len(files) + SECONDS_PER_10KB * size / 10_000


def _work_folder(out_dir: Path) -> Path:
    """A hidden temporary folder in *out_dir* that soffice writes into."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".thidua-pdf-", dir=out_dir))
    except OSError as err:
        raise OutputError(f"Không tạo được thư mục {out_dir}: {err.strerror}") from err


def _convert(todo: list[tuple[Path, Path]], out_dir: Path, timeout: float | None) -> None:
    """One soffice run into a temporary folder, then every PDF moved into place."""
    soffice = find_soffice()
    limit = _time_limit([p for p, _ in todo], timeout)
    work = _work_folder(out_dir)
    try:
        _soffice(soffice, [p for p, _ in todo], work, limit)
        produced = [work / t.name for _, t in todo]
        failed = [str(p) for (p, _), pdf in zip(todo, produced, strict=False) if not pdf.is_file()]
        if failed:
            raise ConversionError(f"LibreOffice không chuyển được sang PDF: {', '.join(failed)}"
                                  " (tệp hỏng, hoặc không phải văn bản Word?)")
        for pdf, (_, target) in zip(produced, todo, strict=False):
            os.replace(pdf, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _soffice(soffice: str, paths: list[Path], work: Path, limit: float) -> None:
    """Convert *paths* into *work*: in one soffice process, or in PROCESSES side by side when
    there are PARALLEL_FROM or more (split by size), each with a profile of its own."""
    resolved = [p.resolve() for p in paths]
    processes = min(PROCESSES, os.cpu_count() or 1) if len(resolved) >= PARALLEL_FROM else 1
    shares: list[list[Path]] = [[] for _ in range(processes)]
    sizes = [0] * processes
    for path in sorted(resolved, key=lambda p: p.stat().st_size, reverse=True):
        lightest = sizes.index(min(sizes))
        shares[lightest].append(path)
        sizes[lightest] += path.stat().st_size

    def convert(share: list[Path]) -> None:
        with tempfile.TemporaryDirectory(prefix="thidua-lo-") as profile:
            for group in _groups(share):
                _run(soffice, Path(profile), group, work, limit)

    if processes == 1:
        convert(shares[0])
        return
    with ThreadPoolExecutor(processes) as pool:
        for done in [pool.submit(convert, share) for share in shares if share]:
            done.result()


def _groups(paths: list[Path]) -> list[list[Path]]:
    """Split only when the command line would be too long for the system (one group
    otherwise: one soffice process for the whole batch)."""
    groups: list[list[Path]] = [[]]
    length = 0
    for path in paths:
        size = len(str(path)) + 3
        if groups[-1] and length + size > MAX_COMMAND:
            groups.append([])
            length = 0
        groups[-1].append(path)
        length += size
    return groups


def _run(soffice: str, profile: Path, paths: list[Path], out_dir: Path, timeout: float) -> None:
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, paths)]
    try:
        # soffice is a shell script that starts soffice.bin: a session of its own lets a
        # timeout stop both, not only the script.
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True,
                                   start_new_session=os.name != "nt")
    except OSError as err:
        raise ConversionError(f"Không chạy được LibreOffice ({soffice}): {err.strerror}. "
                              f"{INSTALL_HINT}") from err
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as err:
        _stop(process)
        raise ConversionError(f"LibreOffice chưa chuyển xong sau {timeout:.0f} giây; đã dừng. "
                              "Hãy thử lại với ít tệp hơn.") from err
    if process.returncode != 0:
        detail = (stderr or stdout).strip().splitlines()[-3:]
        raise ConversionError(f"LibreOffice báo lỗi (mã {process.returncode}): "
                              f"{' '.join(detail) or 'không rõ lỗi'}")


def _stop(process: subprocess.Popen[str]) -> None:
    if os.name != "nt":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    else:
        process.kill()
    process.communicate()


# ---------------------------------------------------------------------------- print files

class Page(NamedTuple):
    """A page of a print file that becomes a PDF of its own: page *page* (from 1) of
    ``print_files[print_file]``, written to *target*, which must show *text*."""

    print_file: int
    page: int
    target: Path
    text: str


def split_print_files(print_files: Sequence[Path], pages: Sequence[Page],
                      sources: Sequence[Path], *, force: bool = False, resume: bool = False,
                      timeout: float | None = None) -> Converted:
    """Convert each print file once and cut it into one PDF per page of *pages*.

    ``sources[i]`` is the document ``pages[i]`` stands for: with *resume*, a PDF newer than it
    is kept. Nothing is written unless every print file has exactly the pages listed and
    every page shows its text (a certificate run onto a second page would shift the rest).
    """
    targets = [p.target for p in pages]
    if len(set(targets)) != len(targets):
        raise ConversionError("Hai trang in trùng tên sẽ cho cùng một tệp PDF.")
    todo = [p for p, source in zip(pages, sources, strict=True)
            if not (resume and _newer(p.target, source))]
    check_writable([p.target for p in todo], force)
    if not todo:
        return Converted(targets, [])
    needed = sorted({p.print_file for p in todo})
    counts = {i: sum(1 for p in pages if p.print_file == i) for i in needed}
    out_dir = todo[0].target.parent
    soffice = find_soffice()
    limit = _time_limit([print_files[i] for i in needed], timeout)
    work = _work_folder(out_dir)
    try:
        with tempfile.TemporaryDirectory(prefix="thidua-lo-") as profile:
            for group in _groups([print_files[i].resolve() for i in needed]):
                _run(soffice, Path(profile), group, work, limit)
        written = _cut(print_files, todo, counts, work)
        for temp, page in zip(written, todo, strict=True):
            os.replace(temp, page.target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Converted(targets, [p.target for p in todo])


def _cut(print_files: Sequence[Path], todo: list[Page], counts: dict[int, int],
         work: Path) -> list[Path]:
    from pypdf import PdfReader, PdfWriter

    readers: dict[int, Any] = {}
    for index, count in counts.items():
        pdf = work / f"{print_files[index].stem}.pdf"
        if not pdf.is_file():
            raise ConversionError(f"LibreOffice không chuyển được sang PDF: {print_files[index]}"
                                  " (tệp hỏng, hoặc không phải văn bản Word?)")
        readers[index] = PdfReader(pdf)
        found = len(readers[index].pages)
        if found != count:
            raise ConversionError(f"{print_files[index].name}: bản PDF có {found} trang, cần "
                                  f"{count} (mỗi bằng khen một trang); chưa ghi PDF nào.")
    fonts: dict[Any, dict[bytes, str] | None] = {}
    written = []
    for number, page in enumerate(todo):
        sheet = readers[page.print_file].pages[page.page - 1]
        if not _shows(sheet, page.text, fonts):
            raise ConversionError(f"{print_files[page.print_file].name}, trang {page.page}: "
                                  f"không thấy «{page.text}»; chưa ghi PDF nào.")
        writer = PdfWriter()
        writer.add_page(sheet)
        path = work / f"{number}.pdf"
        with path.open("wb") as handle:
            writer.write(handle)
        written.append(path)
    return written


def _squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


_TEXT_OPS = re.compile(rb"/([^\s/<>\[\]()]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>")


def _shows(page: Any, text: str, fonts: dict[Any, dict[bytes, str] | None]) -> bool:
    """Whether *page* shows *text* (spaces aside). The strings of LibreOffice's content
    streams are read through each font's ToUnicode map, parsed once per font; pypdf's own
    text extraction, five times slower, is the fallback for anything else."""
    wanted = _squeezed(text)
    try:
        shown = _quick_text(page, fonts)
    except (KeyError, ValueError, TypeError, AttributeError, zlib.error):
        shown = None
    if shown is not None and wanted in shown:
        return True
    return wanted in _squeezed(page.extract_text())


def _quick_text(page: Any, fonts: dict[Any, dict[bytes, str] | None]) -> str | None:
    resources = page["/Resources"]["/Font"]
    maps: dict[bytes, dict[bytes, str] | None] = {}
    for name, reference in resources.items():
        key = getattr(reference, "idnum", None) or id(reference)
        if key not in fonts:
            fonts[key] = _to_unicode(reference.get_object())
        maps[name[1:].encode("latin-1")] = fonts[key]
    current: dict[bytes, str] | None = None
    out: list[str] = []
    for match in _TEXT_OPS.finditer(page.get_contents().get_data()):
        font, codes = match.groups()
        if font is not None:
            current = maps.get(font)
            continue
        if current is None:
            return None             # a font without a one-byte ToUnicode map: ask pypdf
        digits = re.sub(rb"\s", b"", codes)
        out.extend(current.get(digits[i:i + 2].upper(), "") for i in range(0, len(digits), 2))
    return _squeezed("".join(out))


def _to_unicode(font: Any) -> dict[bytes, str] | None:
    """A one-byte font's ToUnicode map ({b"0A": "ă"}), or None for anything else."""
    if "/ToUnicode" not in font:
        return None
    cmap = font["/ToUnicode"].get_object().get_data()
    found: dict[bytes, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
        for code, value in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            if len(code) != 2:
                return None
            found[code.upper()] = bytes.fromhex(value.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.DOTALL):
        for first, last, value in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            if len(first) != 2:
                return None
            start = int(value, 16)
            for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
                found[b"%02X" % code] = chr(start + offset)
    return found or None
