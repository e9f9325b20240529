"""Write .docx packages whose unchanged parts are copied raw from the template.

A .docx is a zip. Between two certificates only ``word/document.xml`` differs, so every other
member is written exactly as the template stores it: compressed bytes, CRC and sizes copied,
never inflated or re-compressed. zipfile has no public API for that, so the few records of the
zip format needed here (local header, central directory, end record; no zip64: a certificate
batch stays far below 4 GB and 65,535 members) are written with struct.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from generator.errors import OutputError, RenderError

BODY = "word/document.xml"
# zlib's default. Measured on 10,000 merged certificates: level 1 is 15 % faster but the file
# is 2.7 times larger (1.0 MB against 376 kB).
DEFLATE_LEVEL = 6
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_LIMIT = 0xFFFFFFFF
_LOOKAHEAD = 262        # zlib's MIN_LOOKAHEAD: a match reaches at most the window less this


def window_bits(size: int) -> int:
    """The smallest deflate window that holds a body of *size* bytes whole (9 to 15 bits).

    Setting up zlib's default 32 kB window and its tables is much of the cost of deflating a
    5 kB certificate body: measured in a process writing certificates, 55 µs a body with the
    default window, 37–51 µs with one of 8 kB. A window that holds the whole body sees every
    match the default one does, so the compressed bytes are the same (tested): a file keeps
    its hash across versions. Bodies of more than 32 kB get the default.
    """
    return min(15, max(9, (size + _LOOKAHEAD).bit_length()))


@dataclass(frozen=True)
class Member:
    """A zip member as the template stores it."""

    name: bytes
    flags: int
    method: int
    time: int
    date: int
    crc: int
    size: int
    raw: bytes                      # the compressed bytes
    system: int
    attributes: int

    def local(self, crc: int, compressed: int, size: int) -> bytes:
        return _LOCAL.pack(b"PK\x03\x04", 20, 0, self.flags, self.method, self.time, self.date,
                           crc, compressed, size, len(self.name), 0) + self.name

    def central(self, crc: int, compressed: int, size: int, offset: int) -> bytes:
        return _CENTRAL.pack(b"PK\x01\x02", 20, self.system, 20, 0, self.flags, self.method,
                             self.time, self.date, crc, compressed, size, len(self.name), 0,
                             0, 0, 0, self.attributes, offset) + self.name


def members(data: bytes) -> Iterator[Member]:
    """The members of zip *data*, each with its compressed bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.flag_bits & 0x1 or info.file_size >= _LIMIT:
                raise RenderError(f"Mẫu có phần {info.filename} bị mã hóa hoặc quá lớn.")
            start = info.header_offset
            name_length, extra_length = struct.unpack("<HH", data[start + 26:start + 30])
            begin = start + 30 + name_length + extra_length
            year, month, day, hour, minute, second = info.date_time
            yield Member(
                info.filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437"),
                info.flag_bits & ~0x8,      # sizes go in the local header: no data descriptor
                info.compress_type, (hour << 11) | (minute << 5) | (second // 2),
                ((year - 1980) << 9) | (month << 5) | day, info.CRC, info.file_size,
                data[begin:begin + info.compress_size], info.create_system, info.external_attr)


class Package:
    """A template's zip, ready to be written again with a new body.

    The body is written last (after every other member), unless *keep_order*: then it stays
    where the template has it, and so does the order of the members (what docxtpl writes)."""

    def __init__(self, data: bytes, body: str = BODY, keep_order: bool = False) -> None:
        self.data = data
        parts = list(members(data))
        try:
            self.body = next(m for m in parts if m.name == body.encode())
        except StopIteration:
            raise RenderError(f"Mẫu không có phần {body}.") from None
        at = parts.index(self.body) if keep_order else len(parts)
        before = [m for m in parts[:at] if m is not self.body]
        local, central = bytearray(), bytearray()
        for m in before:
            central += m.central(m.crc, len(m.raw), m.size, len(local))
            local += m.local(m.crc, len(m.raw), m.size) + m.raw
        self.count = len(parts)
        self.prefix, self.central = bytes(local), bytes(central)
        self._after = parts[at + 1:]
        self._after_local = b"".join(m.local(m.crc, len(m.raw), m.size) + m.raw
                                     for m in self._after)
        self._local_size = len(self.body.local(0, 0, 0))

    def document(self, xml: bytes) -> bytes:
        """The whole package with *xml* as its body."""
        compressor = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -window_bits(len(xml)))
        raw = compressor.compress(xml) + compressor.flush()
        header, tail = self._records(zlib.crc32(xml), len(raw), len(xml))
        return b"".join((self.prefix, header, raw, tail))

    def stream(self, handle: BinaryIO, pieces: Iterable[str]) -> None:
        """Write the package to *handle*, a new seekable file, its body streamed from *pieces*
        (memory stays flat however long the body is)."""
        handle.write(self.prefix)
        handle.write(bytes(self._local_size))       # the local header, written once known
        compressor = zlib.compressobj(DEFLATE_LEVEL, zlib.DEFLATED, -15)
        crc = size = compressed = 0
        for piece in pieces:
            data = piece.encode("utf-8")
            crc, size = zlib.crc32(data, crc), size + len(data)
            out = compressor.compress(data)
            compressed += len(out)
            handle.write(out)
        out = compressor.flush()
        handle.write(out)
        if size >= _LIMIT or compressed + len(out) >= _LIMIT:
            raise OutputError("Tệp in gộp vượt 4 GB: hãy chia danh sách thành nhiều phần.")
        header, tail = self._records(crc, compressed + len(out), size)
        handle.write(tail)
        end = handle.tell()
        handle.seek(len(self.prefix))
        handle.write(header)
        handle.seek(end)

    def _records(self, crc: int, compressed: int, size: int) -> tuple[bytes, bytes]:
        """The body's local header, and everything after its data: the members that follow
        it, the central directory and the end record."""
        offset = len(self.prefix)
        header = self.body.local(crc, compressed, size)
        directory = bytearray(self.central + self.body.central(crc, compressed, size, offset))
        start = offset + len(header) + compressed
        for m in self._after:
            directory += m.central(m.crc, len(m.raw), m.size, start)
            start += _LOCAL.size + len(m.name) + len(m.raw)
        end = _END.pack(b"PK\x05\x06", 0, 0, self.count, self.count, len(directory), start, 0)
        return header, self._after_local + bytes(directory) + end
