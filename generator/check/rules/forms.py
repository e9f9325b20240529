"""Two kinds of paper in a nomination dossier that are not numbered documents of Nghị định
30/2020 and are judged by what their forms carry (as a certificate is, rules/certificate.py):

- a **báo cáo thành tích** (Nghị định 91/2017 Mẫu 01/02, 98/2023 Phụ lục I Mẫu 02/03): the
  unit, the Quốc hiệu and "…, ngày … tháng … năm …", the report, the signatures; it has no
  "Số:" of its own (it is part of the dossier the Tờ trình numbers), so every Phụ lục I rule
  applies but the one asking for a number, and it is a draft only when its date is blank;
- a **phiếu bầu** (secret ballot of a Hội đồng Thi đua - Khen thưởng): no number, no signer,
  no Nơi nhận, no "./." (it is secret and unsigned). Its paper, margins and fonts are those of
  Phụ lục I; each ballot (one a page) opens with the Quốc hiệu and Tiêu ngữ and the line
  "PHIẾU BẦU", and its tables fit the text area and, when short, stay on one page.

A document is recognised by a line that is exactly "PHIẾU BẦU" or "BÁO CÁO THÀNH TÍCH".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from generator.check.blocks import Zones, is_number_line, is_quoc_hieu, is_tieu_ngu, plain
from generator.check.doc import WordDoc

from .base import Finding, finding
from .page import font_rules, page_rules
from .pagination import short_table_rules
from .typography import table_width_rules

BALLOT, REPORT = "phieu bau", "bao cao thanh tich"


def document_form(doc: WordDoc) -> str | None:
    """BALLOT or REPORT when a line of *doc* is exactly that title, else None."""
    keys = {plain(line.text) for line in doc.lines if line.text}
    return next((form for form in (BALLOT, REPORT) if form in keys), None)


def report_filter(zones: Zones, findings: Iterator[Finding]) -> Iterator[Finding]:
    """The Phụ lục I findings of a báo cáo thành tích, but for the missing "Số:" (the forms
    print none); a number that is there is still checked."""
    numbered = zones.first(zones.header, is_number_line) is not None
    for f in findings:
        if f.rule == "ND30-SO-KY-HIEU" and not numbered:
            continue
        yield f


def ballot_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """Paper, margins, fonts; each ballot's Quốc hiệu, Tiêu ngữ and title; its tables."""
    yield from page_rules(doc, zones)
    yield from font_rules(doc, zones)
    yield from _ballot_order(doc)
    # Every ballot repeats the header table (Quốc hiệu): header tables, not short lists.
    headers = {x.table for x in doc.lines if x.table is not None and is_quoc_hieu(x.text)}
    zones = replace(zones, header_tables=zones.header_tables | headers)
    yield from table_width_rules(doc, zones)
    yield from short_table_rules(doc, zones)


def _ballot_order(doc: WordDoc) -> Iterator[Finding]:
    """BALLOT-ORDER: each "PHIẾU BẦU" line has a Quốc hiệu and a Tiêu ngữ before it, after the
    previous ballot."""
    lines = [x for x in doc.lines if x.text]
    start = 0
    for number, index in enumerate((i for i, x in enumerate(lines)
                                    if plain(x.text) == BALLOT), start=1):
        above = lines[start:index]
        for test, name in ((is_quoc_hieu, "Quốc hiệu"), (is_tieu_ngu, "Tiêu ngữ")):
            if not any(test(x.text) for x in above):
                yield finding("BALLOT-ORDER", f"phiếu thứ {number}: {lines[index].where}",
                              f"Không tìm thấy {name} ở đầu phiếu bầu.", name, "không có",
                              lines[index].text)
        start = index + 1
