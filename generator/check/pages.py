"""`thidua check --pages`: the rule that needs the rendered pages (issue 13, point 1).

Whether the signer block ends up alone on a page depends on how the text falls, so the
documents are laid out by LibreOffice (the PDF step, :mod:`generator.render.pdf`) and each
page's text is read (pypdf): ND30-SIGNER-ALONE when the page that holds "Nơi nhận:" starts
with it, nothing of the body above it but the page number and the draft mark. Without
LibreOffice the rule is skipped and the report says so.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from generator.errors import ConversionError

from .rules.base import Finding, finding
from .run import FileReport

_NOISE = re.compile(r"^(\d{1,3}|DỰ THẢO)$")


def _lines(text: str) -> list[str]:
    lines = [" ".join(x.split()) for x in unicodedata.normalize("NFC", text).splitlines()]
    return [x for x in lines if x and not _NOISE.match(x)]


def signer_alone(page_texts: Sequence[str]) -> int | None:
    """The number (from 1) of a page after the first that begins with "Nơi nhận:", else None."""
    for number, text in enumerate(page_texts, 1):
        lines = _lines(text)
        for index, line in enumerate(lines):
            if line.startswith("Nơi nhận"):
                if index == 0 and number > 1:
                    return number
                break
    return None


def page_findings(pdf: Path) -> list[Finding]:
    """ND30-SIGNER-ALONE for the PDF of one document."""
    from pypdf import PdfReader

    texts = [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]
    number = signer_alone(texts)
    if number is None:
        return []
    return [finding("ND30-SIGNER-ALONE", f"trang {number}", "Trang này chỉ có Nơi nhận và "
                    "khối chữ ký, tách khỏi nội dung văn bản: đặt “Keep with next” cho đoạn "
                    "cuối của nội dung, hoặc rút gọn để chữ ký cùng trang với đoạn cuối.",
                    "đoạn cuối cùng trang với chữ ký", f"trang {number} bắt đầu bằng "
                    "“Nơi nhận:”")]


def check_pages(paths: Sequence[Path]) -> tuple[dict[Path, list[Finding]], str | None]:
    """The page findings of every .docx of *paths*, converted together in a temporary folder;
    or no findings and why the check was skipped (no LibreOffice, a failed conversion)."""
    from generator.render.pdf import convert_to_pdf, find_soffice

    try:
        find_soffice()
    except ConversionError:
        return {}, "bỏ qua kiểm tra theo trang (ND30-SIGNER-ALONE): không có LibreOffice"
    with tempfile.TemporaryDirectory(prefix="thidua-check-") as work:
        # Copies under numbered names: two files of one name in two folders are two documents.
        copies = [Path(work) / f"{index:05d}.docx" for index in range(len(paths))]
        for path, copy in zip(paths, copies, strict=True):
            shutil.copyfile(path, copy)
        try:
            converted = convert_to_pdf(copies, Path(work) / "pdf")
        except ConversionError as err:
            return {}, f"bỏ qua kiểm tra theo trang (ND30-SIGNER-ALONE): {err}"
        return {path: page_findings(pdf) for path, pdf in zip(paths, converted.files,
                                                               strict=True)}, None


def with_pages(reports: list[FileReport]) -> tuple[list[FileReport], str | None]:
    """*reports* with the page findings added to every readable file's, and the skip note."""
    readable = [r.path for r in reports if r.unreadable is None]
    found, skipped = check_pages(readable) if readable else ({}, None)
    return [replace(r, findings=(*r.findings, *found.get(r.path, ()))) for r in reports], skipped
