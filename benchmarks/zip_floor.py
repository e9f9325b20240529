"""The zip floor of a certificate batch, as a whole process: the least any program that writes
these .docx files must pay.

    python benchmarks/zip_floor.py CERTIFICATE.docx COUNT FOLDER

Writes COUNT copies of CERTIFICATE.docx into FOLDER the cheapest way a .docx can be written:
every member but the body copied raw (still compressed, CRC and sizes as they are), the body
(``word/document.xml``) deflated anew for each file (in a window that just holds it, as
thidua does), the zip records packed with struct. No rendering, no checks, no manifest. It imports only the standard library, so the process costs
the interpreter's start-up and the writing, nothing else: benchmarks/certificates.py times it
beside ``thidua certificates`` (a whole process too) and divides the two, per document.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from pathlib import Path

BODY = "word/document.xml"
LOCAL = struct.Struct("<4s2B4HL2L2H")
CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
END = struct.Struct("<4s4H2LH")


def main() -> None:
    source, count, folder = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    data = source.read_bytes()
    prefix, central, body, body_name = bytearray(), bytearray(), b"", b""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        for info in members:
            name = info.filename.encode()
            if info.filename == BODY:
                body, body_name = archive.read(info), name
                continue
            start = info.header_offset
            skip = sum(struct.unpack("<HH", data[start + 26:start + 30]))
            raw = data[start + 30 + skip:start + 30 + skip + info.compress_size]
            central += CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, 0, info.compress_type, 0,
                                    33, info.CRC, len(raw), info.file_size, len(name), 0, 0,
                                    0, 0, 0, len(prefix)) + name
            prefix += LOCAL.pack(b"PK\x03\x04", 20, 0, 0, info.compress_type, 0, 33, info.CRC,
                                 len(raw), info.file_size, len(name), 0) + name + raw
    folder.mkdir(parents=True, exist_ok=True)
    # The smallest window that holds the body, as thidua chooses it (docxzip.window_bits):
    # the same compressed bytes as zlib's default window, at half the cost.
    bits = min(15, max(9, (len(body) + 262).bit_length()))
    for index in range(count):
        compressor = zlib.compressobj(6, zlib.DEFLATED, -bits)
        raw = compressor.compress(body) + compressor.flush()
        crc = zlib.crc32(body)
        local = LOCAL.pack(b"PK\x03\x04", 20, 0, 0, 8, 0, 33, crc, len(raw), len(body),
                           len(body_name), 0) + body_name
        directory = central + CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, 0, 8, 0, 33, crc,
                                           len(raw), len(body), len(body_name), 0, 0, 0, 0, 0,
                                           len(prefix)) + body_name
        end = END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(directory),
                       len(prefix) + len(local) + len(raw), 0)
        (folder / f"{index}.docx").write_bytes(b"".join((prefix, local, raw, directory, end)))


if __name__ == "__main__":
    main()
