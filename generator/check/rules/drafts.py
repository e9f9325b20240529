"""Drafts (issue 13, point 7): a document without its number or date is a draft and says so on
every page; text still in brackets for someone to fill in ("(Họ và tên)") is not signed.

Nghị định 30/2020 names the draft ("bản thảo văn bản", Điều 3 khoản 7) but gives no mark for
it. The circular it replaced (Thông tư 01/2011/TT-BNV) boxed "DỰ THẢO" under the Số, ký hiệu;
thidua prints it there on page 1 and in the page header of every other page, so the rule asks
for the word on page 1 (its header block or first-page header) and in the header of every
other page of every section.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace

from generator.check.blocks import DATE_LINE, DRAFT_BLANKS, Zones, is_date_line, is_number_line
from generator.check.doc import WordDoc
from generator.check.lines import Line
from generator.check.read import Element, w
from generator.vn.placeholders import is_placeholder

from .base import Finding, finding

MARK = re.compile(r"d\s*ự\s*t\s*h\s*ả\s*o", re.IGNORECASE)


def is_draft(zones: Zones) -> bool:
    """No number in the "Số:" line, or blanks for the day or month in the date line."""
    number = zones.first(zones.header, is_number_line)
    if number is not None:
        num = unicodedata.normalize("NFC", number.text).split(":", 1)[-1].split("/", 1)[0]
        if not num.strip(DRAFT_BLANKS):
            return True
    line = zones.first(zones.header, is_date_line)
    if line is not None:
        match = DATE_LINE.match(" ".join(line.text.split()))
        if match and not all(match[k].strip(DRAFT_BLANKS) for k in ("d", "m")):
            return True
    return False


def _marked(root: Element | None) -> bool:
    if root is None:
        return False
    text = "".join(t.text or "" for t in root.iter(w("t")))
    return MARK.search(unicodedata.normalize("NFC", text)) is not None


def _header_marked(zones: Zones) -> bool:
    return any(MARK.search(x.text) for x in zones.header)


def draft_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """ND30-DU-THAO: a draft is marked on every page, a signed document is not; then
    ND30-PLACEHOLDER for every line still in brackets."""
    draft = is_draft(zones)
    missing = []
    sections = doc.sections
    first = sections[0]
    title_page = first.element.find(w("titlePg")) is not None
    page_one = doc.header_footer(first, "header", "first" if title_page else "default")
    if not (_header_marked(zones) or _marked(page_one)):
        missing.append("trang 1")
    for section in sections:
        pages = "các trang sau" if section.index == 0 else f"phần {section.index + 1}"
        header = doc.header_footer(section, "header", "default")
        # A document without page headers (often one page) carries the mark on page 1 only.
        if header is not None and not _marked(header):
            missing.append(f"đầu trang ({pages})")
        if section.index > 0 and section.element.find(w("titlePg")) is not None and \
                not _marked(doc.header_footer(section, "header", "first")):
            missing.append(f"trang đầu của phần {section.index + 1}")
    if draft and missing:
        yield finding("ND30-DU-THAO", ", ".join(missing), "Văn bản chưa có số hoặc ngày là dự "
                      "thảo: ghi “DỰ THẢO” (in hoa, đậm, trong khung) ở mọi trang để không "
                      "nhầm với bản đã ký.", "DỰ THẢO ở mọi trang", "không có")
    elif not draft and (_header_marked(zones) or any(
            _marked(doc.header_footer(s, "header", "default")) for s in sections)):
        yield finding("ND30-DU-THAO", "phần đầu văn bản", "Văn bản đã có số và ngày nhưng "
                      "vẫn ghi “DỰ THẢO”: bỏ chữ này trước khi phát hành.", "không ghi DỰ THẢO",
                      "DỰ THẢO")
    yield from _placeholders(doc, zones, draft)


def _placeholders(doc: WordDoc, zones: Zones, draft: bool) -> Iterator[Finding]:
    lines: list[Line] = [*zones.header, *zones.abstract, *zones.body, *zones.footer]
    seen: set[int] = set()
    for line in lines:
        if id(line) in seen or not is_placeholder(line.text):
            continue
        seen.add(id(line))
        note = " Bản dự thảo được để trống, bản ký thì không." if draft else \
            " Văn bản đã có số và ngày nên không được để trống."
        found = finding("ND30-PLACEHOLDER", zones.where(line), f"«{line.text}» là chỗ để trống "
                        "cần điền, chưa phải nội dung văn bản." + note, "nội dung đã điền",
                        line.text, line.text)
        # In a draft the blank is expected: a warning, so that the draft passes check.
        yield replace(found, severity="warning") if draft else found
