"""PDF pages of a rendered .docx as PNG images, for the preview: LibreOffice (the CLI's own
--pdf step, generator.render.pdf) then poppler's pdftoppm. Pages are kept by the document's
SHA-256, so a preview shown twice converts once; one conversion runs at a time, because a
soffice run takes a core for seconds and the machine is shared."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import threading
from pathlib import Path

from generator.errors import ConversionError
from generator.render.pdf import convert_to_pdf

_one_at_a_time = threading.Lock()
MAX_PAGES = 30


def available() -> bool:
    """Whether pages can be made here (LibreOffice and pdftoppm installed)."""
    return bool(shutil.which("soffice") or shutil.which("libreoffice")) and bool(
        shutil.which("pdftoppm"))


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def page_images(content: bytes, cache: Path) -> list[Path]:
    """The PNG pages of the .docx *content* (made once, then read from *cache*)."""
    folder = cache / digest(content)
    with _one_at_a_time:
        done = sorted(folder.glob("trang-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        if done and (folder / "xong").exists():
            return done
        folder.mkdir(parents=True, exist_ok=True)
        docx = folder / "ke-hoach.docx"
        docx.write_bytes(content)
        (pdf,) = convert_to_pdf([docx], folder, force=True).files
        try:
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-l", str(MAX_PAGES), str(pdf),
                            str(folder / "trang")], check=True, capture_output=True, timeout=120)
        except (OSError, subprocess.SubprocessError) as err:
            raise ConversionError(f"Không tạo được ảnh trang từ PDF: {err}") from err
        (folder / "xong").touch()
        return sorted(folder.glob("trang-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
