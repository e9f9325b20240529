"""Spreadsheets as a clerk makes them: the one reader of .xlsx and .csv lists, used by the
certificates' lists and by every list of a data file (:mod:`generator.data.lists`).

- a workbook's zip directory is checked against :mod:`generator.data.limits` before anything is
  inflated; rows are read as the sheet really has them, whatever size it claims;
- a cell merged down over several rows gives its value to every row of the merge
  (:class:`MergeFill`, from the sheet's ``<mergeCells>``);
- Excel's ``_xHHHH_`` escapes are decoded, cells become NFC text with one kind of space
  (:func:`clean`), headers are compared without case, accents or punctuation (:func:`key`);
- a CSV is UTF-8 (BOM or not) with ``;``, ``,`` or tab, as Excel saves it.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
import zipfile
import zlib
from collections.abc import Generator, Iterator, Sequence
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.errors import DataError

from .limits import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_TABLE_BYTES,
    MAX_TEXT_CHARS,
    number,
    read_limited,
    refuse_size,
    zip_problem,
)
from .loader import decode_bytes


@lru_cache(maxsize=512)     # a list repeats its few coded values (Nam, Nữ, Cá nhân) row after row
def key(text: str) -> str:
    """Comparison key for headers and coded values: no case, accents, spaces or punctuation."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text)
                       if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", stripped.casefold()).split())


def clean(value: Any) -> str:
    """A cell as text: numbers without '.0', dates as dd/mm/yyyy, every kind of space (the
    non-breaking ones Excel users paste) collapsed, NFC."""
    if type(value) is str:      # nearly every cell: none of the conversions below
        return sys.intern(" ".join(unicodedata.normalize("NFC", value).split()))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        value = int(value) if value.is_integer() else f"{value:g}".replace(".", ",")
    elif isinstance(value, datetime):
        value = value.date() if value.time() == time() else value
    if isinstance(value, date) and not isinstance(value, datetime):
        value = value.strftime("%d/%m/%Y")
    text = unicodedata.normalize("NFC", str(value))
    # str.split() splits on NBSP and the other Unicode spaces. Interned: a unit or an
    # achievement repeated down a list of 10,000 rows is then kept once.
    return sys.intern(" ".join(text.split()))


Row = tuple[int, tuple[Any, ...]]


Merge = tuple[int, int, int]          # top row, bottom row, 0-based column


TABLE = "một danh sách Excel hoặc CSV"


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# A broken package or sheet surfaces through any of these while openpyxl reads it (SyntaxError
# covers ElementTree's ParseError and lxml's XMLSyntaxError).
BROKEN = (SyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError,
           TypeError, IndexError)


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


_MERGE_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']"
                         rb"([A-Za-z]{1,3})([0-9]{1,7}):([A-Za-z]{1,3})([0-9]{1,7})[\"']")


def column_name(index: int, excel: bool = True) -> str:
    """The column at *index* (from 0) as a clerk sees it: Excel's letters (A … Z, AA …), or its
    number in a CSV."""
    if not excel:
        return f"cột {index + 1}"
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"cột {letters}"


def shared_fields(read: Sequence[tuple[int, str]], labels: Sequence[str]
                  ) -> list[list[tuple[int, str]]]:
    """The columns that fill one field («Họ và tên» and «Tên tập thể», or a column copied
    twice), as (index, header) groups, from the (index, field) of every column read."""
    groups = [[(i, labels[i]) for i, f in read if f == field]
              for field in dict.fromkeys(f for _, f in read)]
    return [group for group in groups if len(group) > 1]


def differing(texts: Sequence[tuple[str, str]]) -> str | None:
    """The problem of a row that fills two columns of one field («Họ và tên» and «Tên tập
    thể», or a column copied twice) with different text, from (column, text) pairs: which one
    the document prints cannot be guessed. None when the filled ones agree."""
    filled = [(column, text) for column, text in texts if text]
    other = next(((c, t) for c, t in filled[1:] if t != filled[0][1]), None)
    if other is None:
        return None
    (first, a), (second, b) = filled[0], other
    return (f"hai cột cùng nghĩa {first} và {second} ghi khác nhau («{a}», «{b}»): hãy để "
            "trống một ô, hoặc xóa một cột")


def unescape_excel(text: str) -> str:
    """Excel's escapes of characters that XML cannot hold (ECMA-376 Part 1, ST_Xstring):
    '_x000D_' is a carriage return, '_x005F_' an underscore. openpyxl leaves them in cells."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def cell_text(cell: Any, excel: bool) -> str:
    if excel and type(cell) is str and "_x" in cell:
        cell = unescape_excel(cell)
    return clean(cell)


def open_workbook(path: Path) -> tuple[zipfile.ZipFile, Any]:
    """The zip package (its directory checked against the limits) and the read-only workbook."""
    from openpyxl import load_workbook  # imported here: only lists need it
    from openpyxl.utils.exceptions import InvalidFileException
    if not path.exists():
        raise DataError(path, "không tìm thấy tệp")
    if not path.is_file():
        raise DataError(path, "không phải là tệp (có thể là một thư mục)")
    refuse_size(str(path), path.stat().st_size, MAX_TABLE_BYTES, TABLE)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        with path.open("rb") as handle:
            encrypted = handle.read(len(_OLE)) == _OLE
        if encrypted:      # Excel keeps a password-protected workbook in an OLE file
            raise DataError(path, "tệp Excel đã đặt mật khẩu (mã hóa), hoặc là tệp Excel "
                                  "97-2003 (.xls) đổi tên; hãy mở bằng Excel, gỡ mật khẩu nếu "
                                  "có, rồi lưu lại dạng .xlsx") from err
        raise DataError(path, "không đọc được tệp Excel (tệp không phải .xlsx hoặc đã bị "
                              "hỏng)") from err
    problem = zip_problem(archive)
    if problem:
        archive.close()
        raise DataError(path, f"không đọc tệp Excel này: {problem}")
    try:
        # data_only: a formula cell gives the value Excel last computed, not "=A1&B1".
        return archive, load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, *BROKEN) as err:
        archive.close()
        raise DataError(path, f"không đọc được tệp Excel ({err})") from err


def sheet_rows(file: str, sheet: Any) -> Generator[Row, None, None]:
    """The rows of a read-only sheet as its XML really has them, numbered as in Excel.

    The size a sheet claims (``<dimension ref="A1:XFD1048576"/>`` from some tools) drives
    nothing: rows end where the sheet's rows end and are MAX_COLUMNS wide. Rows without any
    value are left out (runs of missing rows cost nothing); a value below row MAX_ROWS is
    refused."""
    sheet.reset_dimensions()
    blank: tuple[Any, ...] | None = None
    rows = sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
    try:
        for row_number, cells in enumerate(rows, start=1):
            if cells is blank:       # openpyxl gives one shared tuple for every missing row
                continue
            if cells.count(None) == len(cells):
                blank = cells
                continue
            if row_number > MAX_ROWS:
                raise DataError(file, f"sheet «{sheet.title}» có dữ liệu ở dòng "
                                      f"{number(row_number)}, vượt giới hạn {number(MAX_ROWS)} "
                                      "dòng của một danh sách; hãy chia danh sách ra nhiều tệp, "
                                      "hoặc xóa các dòng thừa ở cuối sheet (Ctrl+End đến ô "
                                      "cuối cùng có dữ liệu)")
            yield row_number, cells
    except DataError:
        raise
    except BROKEN as err:
        raise DataError(file, f"tệp Excel bị hỏng: không đọc được sheet «{sheet.title}» "
                              f"({type(err).__name__})") from err
    finally:
        rows.close()


def vertical_merges(file: str, archive: zipfile.ZipFile, member: str, title: str) -> list[Merge]:
    """Every merge of a sheet that spans rows, from its ``<mergeCells>``. They follow the rows
    in the sheet's XML; the part is scanned as bytes rather than parsed a second time."""
    refs: set[tuple[bytes, ...]] = set()
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                data = tail + chunk
                if b"mergeCell" in data:
                    refs.update(_MERGE_CELL.findall(data))
                tail = data[-1024:]      # a tag cut in two by the chunks is found whole here
    except BROKEN as err:
        raise DataError(file, f"tệp Excel bị hỏng: không đọc được sheet «{title}» "
                              f"({type(err).__name__})") from err
    merges = []
    for first_column, first_row, last_column, last_row in refs:
        top, bottom = sorted((int(first_row), int(last_row)))
        column = min(column_index(first_column), column_index(last_column))
        if bottom > top and column < MAX_COLUMNS:
            merges.append((top, bottom, column))
    return merges


def column_index(letters: bytes) -> int:
    """0-based index of a column name: b'A' → 0, b'AB' → 27."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + letter - ord("A") + 1
    return index - 1


class MergeFill:
    """Gives every row of a vertical merge the value of the merge's top-left cell, as the data
    rows stream by in order. A merge whose top row is not a data row (a header merged down, a
    top-left cell left empty) fills nothing."""

    def __init__(self, merges: Sequence[Merge]) -> None:
        self.waiting = sorted(merges, reverse=True)       # the next to start is at the end
        self.active: list[tuple[int, int, int, Any]] = []  # top, bottom, column, value

    def __call__(self, row_number: int, cells: tuple[Any, ...]) -> tuple[Any, ...]:
        while self.waiting and self.waiting[-1][0] <= row_number:
            top, bottom, column = self.waiting.pop()
            if top == row_number and column < len(cells) and cells[column] is not None:
                self.active.append((top, bottom, column, cells[column]))
        if not self.active:
            return cells
        self.active = [merge for merge in self.active if merge[1] >= row_number]
        below = [merge for merge in self.active if merge[0] < row_number]
        if not below:
            return cells
        row = list(cells)
        for _, _, column, value in below:
            row[column] = value
        return tuple(row)


def csv_rows(path: Path) -> Iterator[Row]:
    file = str(path)
    if path.is_dir():
        raise DataError(path, "không phải là tệp (có thể là một thư mục)")
    text = decode_bytes(read_limited(path, MAX_TABLE_BYTES, TABLE), file)
    first = text.split("\n", 1)[0]
    # Excel in a Vietnamese locale saves CSV with ';' (the comma is the decimal separator).
    delimiter = max((";", ",", "\t"), key=first.count)
    return csv_records(file, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def csv_records(file: str, reader: Any) -> Iterator[Row]:
    """The records of a CSV file, numbered from 1, at most MAX_COLUMNS wide; csv's own errors
    (a field beyond its field_size_limit, a NUL byte) become messages with the line."""
    start = 1                            # the line where the record being read begins
    try:
        for row_number, row in enumerate(reader, start=1):
            if row_number > MAX_ROWS and any(row):
                raise DataError(file, f"dòng {number(row_number)} vượt giới hạn "
                                      f"{number(MAX_ROWS)} dòng của một danh sách; hãy chia danh "
                                      "sách ra nhiều tệp")
            start = reader.line_num + 1
            yield row_number, tuple(row[:MAX_COLUMNS])
    except csv.Error as err:
        line = f"dòng {number(start)}: "
        if "field limit" in str(err):
            message = (f"một ô dài hơn {number(csv.field_size_limit())} ký tự (một trường chỉ "
                       f"được dài {number(MAX_TEXT_CHARS)} ký tự); nếu không có ô nào dài như "
                       "vậy, có lẽ ô này mở dấu nháy kép (\") mà không đóng, nên phần sau của "
                       "tệp bị đọc thành một ô; hãy mở tệp bằng Excel để kiểm tra")
        elif "NUL" in str(err):
            message = "có ký tự NUL (mã 0): tệp không phải văn bản CSV, hoặc đã bị hỏng"
        else:
            message = f"tệp CSV không hợp lệ ({err})"
        raise DataError(file, line + message) from err
