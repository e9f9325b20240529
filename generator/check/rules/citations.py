"""The căn cứ against the legal library (issue 13, point 5): a text cited that was not in
force on the document's date, or cited without its date (:mod:`generator.vn.library`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from generator.check.blocks import DATE_LINE, Zones, is_date_line, norm, plain
from generator.check.doc import WordDoc
from generator.vn import library

from .base import Finding, finding


def document_day(zones: Zones) -> date | None:
    """The date of the date line ("Hà Nội, ngày 05 tháng 3 năm 2024"), None in a draft."""
    line = zones.first(zones.header, is_date_line)
    match = DATE_LINE.match(norm(line.text)) if line is not None else None
    if match is None:
        return None
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def citation_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """ND30-CAN-CU-HIEU-LUC for each căn cứ line whose cited text the library judges."""
    day = document_day(zones)
    if day is None:
        return
    for line in zones.body:
        if not plain(line.text).startswith("can cu "):
            continue
        for found in library.citations(line.text, day):
            expected = (f"{found.text.name} và ngày ban hành" if found.problem == "no date"
                        else f"văn bản có hiệu lực ngày {day:%d/%m/%Y}")
            yield finding("ND30-CAN-CU-HIEU-LUC", zones.where(line), found.message(day) + ".",
                          expected, found.cited, line.text)
