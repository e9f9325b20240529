"""Convert .docx files to PDF with LibreOffice, in one soffice process for a whole batch.

Starting LibreOffice costs seconds, converting one certificate a fraction of that, so every file
of a batch goes to a single ``soffice --convert-to pdf`` call. LibreOffice runs with a profile
of its own in a temporary folder (``-env:UserInstallation``): it then neither waits for nor
disturbs a LibreOffice the clerk has open, and never reads a damaged user profile. PDFs are
written into a temporary folder and moved into place only when every one exists, so a failed
conversion leaves no half-written PDF behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from generator.errors import ConversionError, OutputError

from .output import check_writable

STARTUP_SECONDS = 120.0          # generous: these limits only stop a LibreOffice that hangs
SECONDS_PER_DOCUMENT = 3.0
SECONDS_PER_10KB = 5.0           # measured ≈ 1.1 s per 10 kB of certificates
# Windows limits a command line to 32,767 characters; elsewhere the limit is far higher.
MAX_COMMAND = 30_000 if os.name == "nt" else 1_000_000
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


def _convert(todo: list[tuple[Path, Path]], out_dir: Path, timeout: float | None) -> None:
    """One soffice run into a temporary folder, then every PDF moved into place."""
    soffice = find_soffice()
    size = sum(p.stat().st_size for p, _ in todo)
    limit = timeout if timeout is not None else (
        STARTUP_SECONDS + SECONDS_PER_DOCUMENT * len(todo) + SECONDS_PER_10KB * size / 10_000)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".thidua-pdf-", dir=out_dir))
    except OSError as err:
        raise OutputError(f"Không tạo được thư mục {out_dir}: {err.strerror}") from err
    try:
        with tempfile.TemporaryDirectory(prefix="thidua-lo-") as profile:
            for group in _groups([p.resolve() for p, _ in todo]):
                _run(soffice, Path(profile), group, work, limit)
        produced = [work / t.name for _, t in todo]
        failed = [str(p) for (p, _), pdf in zip(todo, produced, strict=False) if not pdf.is_file()]
        if failed:
            raise ConversionError(f"LibreOffice không chuyển được sang PDF: {', '.join(failed)}"
                                  " (tệp hỏng, hoặc không phải văn bản Word?)")
        for pdf, (_, target) in zip(produced, todo, strict=False):
            os.replace(pdf, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


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
