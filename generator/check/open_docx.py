"""Opening a file for `thidua check`: every way it can fail to be a .docx is one clear message.

:func:`open_docx` returns the python-docx Document, or raises UnreadableDocument with a
Vietnamese message that names the kind of file (a .doc, a PDF, an encrypted or damaged package,
another office format) and what the clerk can do about it.

Before any part is inflated, the zip directory is held to the limits below: a zip bomb of a few
kB that would inflate to gigabytes, a part encrypted inside the zip or compressed with a method
Word does not use (bzip2, LZMA, Deflate64…) is refused at once. They mirror
:mod:`generator.data.limits` (which this subpackage may not import) with room for the photos a
.docx may carry.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument

from generator.errors import UnreadableDocument

MB = 1024 * 1024
MAX_FILE_BYTES = 500 * MB
MAX_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 500 * MB     # every part inflated together
# thidua's own merged print file of 10,000 certificates repeats one page: its document.xml
# inflates about 95 times. Deflate itself cannot go much past 1,000.
MAX_RATIO = 250
RATIO_FLOOR = 1 * MB              # smaller parts are not judged by their ratio
# Office packages use only Stored and Deflate (ECMA-376 Part 2, Open Packaging Conventions).
METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA", 9: "Deflate64",
                 99: "AES (mã hóa)", 98: "PPMd", 93: "Zstandard", 95: "XZ"}


def open_docx(path: Path) -> DocxDocument:
    """The python-docx Document of *path*; UnreadableDocument (in Vietnamese) otherwise."""
    if not path.exists():
        raise _refuse(path, "không tìm thấy tệp.")
    if not path.is_file():
        raise _refuse(path, "không phải là tệp (có thể là một thư mục).")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _refuse(path, f"tệp lớn {_size(path.stat().st_size)}, vượt giới hạn "
                                f"{_size(MAX_FILE_BYTES)} của một văn bản .docx.")
        data = path.read_bytes()
    except OSError as err:
        raise _refuse(path, f"không đọc được tệp ({err.strerror}).") from err
    _sniff(path, data)
    return _open_package(path, data)


def _sniff(path: Path, data: bytes) -> None:
    """Name the kind of file from its first bytes, for a message the clerk can act on."""
    if not data:
        raise _refuse(path, "tệp rỗng (0 byte), không phải văn bản Word .docx.")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # An OLE compound file: Word 97–2003, or a .docx that Word encrypted with a password
        # (the package is then kept in an "EncryptedPackage" stream next to "EncryptionInfo").
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise _refuse(path, "văn bản Word đã được đặt mật khẩu (mã hóa) nên không đọc được; "
                                "hãy gỡ mật khẩu (Word: Tệp > Thông tin > Bảo vệ tài liệu) "
                                "rồi kiểm tra lại.")
        raise _refuse(path, "đây là tệp Word 97-2003 (.doc) hoặc tệp Office cũ, không phải "
                            ".docx; hãy mở bằng Word và lưu lại dưới dạng .docx.")
    if data.startswith(b"%PDF"):
        raise _refuse(path, "đây là tệp PDF; chỉ kiểm tra được văn bản Word .docx.")
    if data.lstrip().startswith(b"{\\rtf"):
        raise _refuse(path, "đây là tệp RTF; hãy mở bằng Word và lưu lại dưới dạng .docx.")
    if not data.startswith(b"PK"):
        raise _refuse(path, "không phải văn bản Word .docx (tệp .docx là một gói nén ZIP).")


def _open_package(path: Path, data: bytes) -> DocxDocument:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            problem = _zip_problem(package.infolist())
            if problem:
                raise _refuse(path, problem)
            damaged = package.testzip()
            names = set(package.namelist())
    except UnreadableDocument:
        raise
    # RuntimeError and NotImplementedError: an encrypted or unknown method named by a local
    # header that the directory did not name.
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError,
            NotImplementedError) as err:
        raise _refuse(path, f"tệp .docx bị hỏng hoặc không đầy đủ (gói ZIP lỗi: {err}); "
                            "hãy lấy lại bản gốc.") from err
    if damaged is not None:
        raise _refuse(path, f"tệp .docx bị hỏng: phần {damaged} không giải nén được.")
    foreign = _foreign_package(names)
    if foreign:
        raise _refuse(path, f"đây là {foreign}, không phải văn bản Word .docx; hãy mở bằng "
                            "trình soạn thảo và lưu lại dưới dạng .docx.")
    try:
        document = docx.Document(io.BytesIO(data))
    # python-docx reports a broken or foreign package through many types (KeyError for a
    # missing part, ValueError for a spreadsheet's content type, lxml and zlib errors for a
    # damaged member…); all of them mean the same thing to the clerk.
    except Exception as err:
        raise _refuse(path, "không đọc được nội dung văn bản Word (tệp không phải .docx hoặc "
                            f"đã bị hỏng: {type(err).__name__}).") from err
    if document.element.body is None:
        raise _refuse(path, "tệp .docx bị hỏng: không có phần nội dung văn bản (w:body).")
    return document


def _zip_problem(members: list[zipfile.ZipInfo]) -> str | None:
    """Why the package must not be inflated, judged from its zip directory alone, or None."""
    if len(members) > MAX_MEMBERS:
        return f"gói .docx có {len(members)} phần, vượt giới hạn {MAX_MEMBERS} phần."
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            return (f"phần {member.filename} của gói .docx được mã hóa (đặt mật khẩu trong gói "
                    "ZIP), Word không mở được; hãy lấy lại bản gốc.")
        if member.compress_type not in METHODS:
            method = _METHOD_NAMES.get(member.compress_type, f"số {member.compress_type}")
            return (f"phần {member.filename} được nén theo kiểu {method}, không phải kiểu "
                    "Deflate mà Word dùng; hãy mở bằng trình soạn thảo đã tạo ra tệp và lưu lại "
                    "dưới dạng .docx.")
        ratio = member.file_size / max(1, member.compress_size)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            return (f"phần {member.filename} nén {round(ratio)} lần (giải nén ra "
                    f"{_size(member.file_size)}), vượt giới hạn {MAX_RATIO} lần: tệp bị hỏng "
                    "hoặc là «bom nén» (zip bomb).")
        total += member.file_size
    if total > MAX_UNPACKED_BYTES:
        return (f"gói .docx giải nén ra {_size(total)}, vượt giới hạn "
                f"{_size(MAX_UNPACKED_BYTES)}: tệp bị hỏng hoặc là «bom nén» (zip bomb).")
    return None


def _size(value: int) -> str:
    return f"{value / MB:.1f}".removesuffix(".0").replace(".", ",") + " MB"


def _foreign_package(names: set[str]) -> str | None:
    """Name another office format that is also a zip package."""
    if "word/document.xml" in names:
        return None
    for marker, kind in (("content.xml", "tệp OpenDocument (.odt)"),
                         ("xl/workbook.xml", "bảng tính Excel"),
                         ("ppt/presentation.xml", "tệp PowerPoint")):
        if marker in names:
            return kind
    return None


def _refuse(path: Path, why: str) -> UnreadableDocument:
    return UnreadableDocument(f"{path}: {why}")
