"""Opening a file for `thidua check`: every way it can fail to be a .docx is one clear message.

:func:`open_docx` returns the python-docx Document, or raises UnreadableDocument with a
Vietnamese message that names the kind of file (a .doc, a PDF, an encrypted or damaged package,
another office format) and what the clerk can do about it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument

from generator.errors import UnreadableDocument


def open_docx(path: Path) -> DocxDocument:
    """The python-docx Document of *path*; UnreadableDocument (in Vietnamese) otherwise."""
    if not path.exists():
        raise _refuse(path, "không tìm thấy tệp.")
    if not path.is_file():
        raise _refuse(path, "không phải là tệp (có thể là một thư mục).")
    try:
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
            damaged = package.testzip()
            names = set(package.namelist())
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as err:
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
