"""The sổ đăng ký văn bản đi exported to a file: the workbook (generator.store.export) or, ready
to print, the Word file drawn by the renderer (generator.render.register_book) from the same
cover lines and columns of Nghị định 30/2020, Phụ lục IV, Mục I. It sits above the store and
the renderer so that neither imports the other."""

from __future__ import annotations

from pathlib import Path

from generator.render.output import write_atomic
from generator.render.register_book import register_docx
from generator.store import export as sheet
from generator.store.backend import Target


def register_file(path: Target, target: Path, agency: str, year: int, *,
                  parent: str = "") -> tuple[bytes, int]:
    """The file of the year's sổ, its format by *target*'s suffix (.xlsx or .docx), and the
    number of documents in it; not written."""
    if target.suffix.lower() != ".docx":
        return sheet.register_file(path, target, agency, year, parent=parent)
    cover, lines, count = sheet.register_lines(path, agency, year, parent)
    return register_docx(cover, lines, sheet.DOCX_MM, sheet.CENTRED), count


def export_register(path: Target, target: Path, agency: str, year: int, *,
                    parent: str = "", force: bool = False) -> int:
    """Write the year's sổ to *target* (.xlsx or .docx); return the number of documents."""
    content, count = register_file(path, target, agency, year, parent=parent)
    write_atomic(target, content, force)
    return count
