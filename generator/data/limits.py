"""Limits on what thidua reads: file sizes, zip packages, sheets and strings.

No clerk's file comes near these limits. A file that passes one was chosen by mistake (a video
named .json), is broken, or was made to hurt: a zip bomb of a few kB that inflates to gigabytes,
a sheet that claims a million rows. Each limit is checked before the work it bounds, from what
costs nothing to read (the file's size, the zip directory), so the refusal comes at once and
names the file and the part.

Every function here returns a Vietnamese problem, or raises :class:`DataError`; the limits are
module constants so that the README and the tests quote the same numbers.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from generator.errors import DataError

MB = 1024 * 1024

MAX_JSON_BYTES = 20 * MB          # a decision listing 100,000 people is about 20 MB
MAX_TABLE_BYTES = 50 * MB         # an .xlsx or .csv list

# A field of a document: a name, a unit, one paragraph of a plan. 20,000 characters is about six
# pages of A4 text, far above any real field and far below what slows down the layout checks.
MAX_TEXT_CHARS = 20_000

# Rows and columns of a list sheet. A row past MAX_ROWS that holds a value is refused; columns
# past MAX_COLUMNS are not read (a list has about ten).
MAX_ROWS = 100_000
MAX_COLUMNS = 256

# Zip packages (.xlsx), judged from the zip directory before any member is inflated.
MAX_ZIP_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 500 * MB     # all members inflated together
MAX_RATIO = 250                   # inflated / compressed size of one member
RATIO_FLOOR = 1 * MB              # members smaller than this are not judged by their ratio
# Office packages use only these two methods (ECMA-376 Part 2, Open Packaging Conventions);
# zipfile would also inflate bzip2 and lzma, whose ratios are unbounded.
ZIP_METHODS = {zipfile.ZIP_STORED: "không nén", zipfile.ZIP_DEFLATED: "Deflate"}
_METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA", 9: "Deflate64",
                 99: "AES (mã hóa)", 98: "PPMd", 93: "Zstandard", 95: "XZ"}


def number(value: int) -> str:
    """'100.000': Vietnamese thousands separator."""
    return f"{value:,}".replace(",", ".")


def size(value: int) -> str:
    """A size for a clerk: '50 MB', '2,5 MB', '812 kB'."""
    if value >= MB:
        text = f"{value / MB:.1f}".removesuffix(".0").replace(".", ",")
        return f"{text} MB"
    return f"{max(1, round(value / 1024))} kB"


def read_limited(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of *path*, refused (DataError) beyond *limit* bytes: its size is looked at
    before reading, and at most *limit* + 1 bytes are read, so neither a huge file nor a
    device that never ends (/dev/zero) is read into memory. *what* names the kind of file."""
    file = str(path)
    try:
        with Path(path).open("rb") as handle:
            refuse_size(file, os.fstat(handle.fileno()).st_size, limit, what)
            raw = handle.read(limit + 1)
    except FileNotFoundError as err:
        raise DataError(file, "không tìm thấy tệp") from err
    except IsADirectoryError as err:
        raise DataError(file, "đây là thư mục, không phải tệp") from err
    except OSError as err:
        raise DataError(file, f"không đọc được tệp ({err.strerror})") from err
    refuse_size(file, len(raw), limit, what)
    return raw


def refuse_size(file: str, actual: int, limit: int, what: str) -> None:
    """DataError if a file of *actual* bytes is larger than *limit*."""
    if actual > limit:
        raise DataError(file, f"tệp lớn {size(actual)}, vượt giới hạn {size(limit)} của "
                              f"{what}; hãy kiểm tra có chọn nhầm tệp không")


def zip_problem(archive: zipfile.ZipFile) -> str | None:
    """Why a zip package must not be inflated, judged from its directory alone, or None."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        return (f"gói nén có {number(len(members))} phần, vượt giới hạn "
                f"{number(MAX_ZIP_MEMBERS)} phần")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            return (f"phần «{member.filename}» của gói nén được mã hóa (đặt mật khẩu); hãy "
                    "gỡ mật khẩu rồi lưu lại tệp")
        if member.compress_type not in ZIP_METHODS:
            method = _METHOD_NAMES.get(member.compress_type, f"số {member.compress_type}")
            return (f"phần «{member.filename}» được nén theo kiểu {method}, không phải kiểu "
                    "Deflate mà Excel dùng; hãy mở bằng chương trình đã tạo ra tệp rồi lưu lại "
                    "dạng .xlsx")
        ratio = member.file_size / max(1, member.compress_size)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            return (f"phần «{member.filename}» nén {number(round(ratio))} lần (giải nén ra "
                    f"{size(member.file_size)}), vượt giới hạn {MAX_RATIO} lần: tệp bị hỏng "
                    "hoặc là «bom nén» (zip bomb)")
        total += member.file_size
    if total > MAX_UNPACKED_BYTES:
        return (f"gói nén giải nén ra {size(total)}, vượt giới hạn {size(MAX_UNPACKED_BYTES)}: "
                "tệp bị hỏng hoặc là «bom nén» (zip bomb)")
    return None


def text_length_problem(text: str) -> str | None:
    """Why one field's text is too long to be a field of a document, or None."""
    if len(text) <= MAX_TEXT_CHARS:
        return None
    return (f"dài {number(len(text))} ký tự, vượt giới hạn {number(MAX_TEXT_CHARS)} ký tự "
            "của một trường; hãy kiểm tra (có thể đã dán nhầm cả một văn bản vào đây)")
