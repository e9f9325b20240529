"""What keeps the signer with the text it signs (issue 13, point 1), and short tables whole.

Which page a line falls on depends on the renderer; what a document can say is whether it lets
the pages break there. The signer stands alone on a page when the last body paragraph may part
from the footer, or the footer's row may split: Word's "Keep with next" on the last paragraph
(and on every paragraph between it and the footer) and "Allow row to break across pages" off
for the footer table's rows prevent it in Word and LibreOffice alike. A table of a few rows
split over two pages is kept whole the same way: every paragraph of every row but the last
keeps with the next. Both are warnings: the decree states no pagination rule, and a document
may happen to break well without them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from generator.check.blocks import Zones
from generator.check.doc import WordDoc
from generator.check.read import Element, _first, _on, w

from .base import Finding, finding

SHORT_TABLE_ROWS = 5     # a table this short fits on any page: it should not be split
ROMAN = re.compile(r"^([IVXLC]+)\.\s")


def _keeps(doc: WordDoc, p: Element) -> bool:
    """Whether paragraph *p* keeps with the next (direct formatting, then its styles)."""
    return bool(_first(doc._para_layers(p), lambda x: _on(x.find(w("keepNext")))))


def _text(el: Element) -> str:
    return "".join(t.text or "" for t in el.iter(w("t"))).strip()


def _footer_table(doc: WordDoc, zones: Zones) -> Element | None:
    for line in zones.footer:
        if line.cell is not None and line.cell.table in zones.footer_tables:
            return next((t for t in line.p.iterancestors(w("tbl"))), None)
    return None


def signer_keep_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """ND30-KEEP-SIGNER: the last body paragraph keeps with a footer table whose rows do not
    split (footers built with tables, as Phụ lục III draws them)."""
    table = _footer_table(doc, zones)
    if table is None:
        return
    while table.getparent() is not None and table.getparent().tag != w("body"):
        table = table.getparent()
    loose = []
    above = table.getprevious()
    while above is not None and above.tag == w("p"):
        if not _keeps(doc, above):
            loose.append(above)
        if _text(above):
            break
        above = above.getprevious()
    rows = [tr for tr in table.findall(w("tr"))
            if not _on(tr.find(f"{w('trPr')}/{w('cantSplit')}"))]
    if loose or rows:
        found = ", ".join(x for x in ("đoạn cuối không “giữ với đoạn sau”" if loose else "",
                                      "hàng của bảng được ngắt sang trang" if rows else "") if x)
        yield finding("ND30-KEEP-SIGNER", "cuối nội dung và bảng Nơi nhận, chữ ký",
                      "Khối chữ ký có thể bị đẩy sang trang sau một mình: đặt “Keep with next” "
                      "cho đoạn cuối của nội dung và bỏ “Allow row to break across pages” của "
                      "bảng cuối văn bản.", "đoạn cuối đi cùng khối chữ ký", found,
                      _text(above) if above is not None else "")


def short_table_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """ND30-TABLE-KEEP: a bordered table of at most SHORT_TABLE_ROWS rows (header and footer
    tables aside) is kept on one page."""
    skip = zones.header_tables | zones.footer_tables
    tables = [b for section in doc.sections for b in section.blocks if b.tag == w("tbl")]
    for number, table in enumerate(tables, 1):      # numbered as the other rules number them
        rows = table.findall(w("tr"))
        if number in skip or not 1 < len(rows) <= SHORT_TABLE_ROWS:
            continue
        loose = [p for tr in rows[:-1] for p in tr.iter(w("p")) if not _keeps(doc, p)]
        split = [tr for tr in rows if not _on(tr.find(f"{w('trPr')}/{w('cantSplit')}"))]
        if loose or split:
            yield finding("ND30-TABLE-KEEP", f"bảng {number}", f"Bảng chỉ có {len(rows)} hàng "
                          "có thể bị tách sang hai trang: đặt “Keep with next” cho các hàng "
                          "(trừ hàng cuối) và không cho hàng ngắt trang.", "cả bảng trên một "
                          "trang", f"{len(rows)} hàng, có thể tách", _text(rows[0]))


def _where(doc: WordDoc, p: Element) -> str:
    return next((line.where for line in doc.lines if line.p is p), "")


def lead_in_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """ND30-LEAD-KEEP: a body paragraph that ends in ":" ("Hồ sơ kèm theo gồm:", "3. Kết quả
    kiểm phiếu:") keeps with what it introduces, so that it never ends a page alone."""
    for section in doc.sections:
        blocks = section.blocks
        for block, after in pairwise(blocks):
            text = _text(block) if block.tag == w("p") else ""
            if not text.endswith(":") or _keeps(doc, block):
                continue
            if after.tag == w("p") and not _text(after):
                continue
            yield finding("ND30-LEAD-KEEP", _where(doc, block),
                          "Dòng dẫn kết thúc bằng dấu hai chấm có thể nằm một mình cuối trang, "
                          "còn nội dung nó dẫn sang trang sau: đặt “Keep with next” cho dòng "
                          "này.", "giữ với đoạn sau", "không giữ", text)


def numbering_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """ND30-SO-MUC: a part numbered "I." has a "II." after it in the same section: a list of
    one form needs no "I. BẰNG KHEN …" (its title names the form)."""
    for section in doc.sections:
        numbered = [(b, m.group(1)) for b in section.blocks if b.tag == w("p")
                    if (m := ROMAN.match(_text(b)))]
        if [n for _, n in numbered] == ["I"]:
            block = numbered[0][0]
            yield finding("ND30-SO-MUC", _where(doc, block),
                          "Chỉ có một mục được đánh số La Mã «I.»: bỏ số (hoặc bỏ cả đề mục "
                          "khi tên văn bản đã nêu), vì không có mục «II.».", "có «II.» sau "
                          "«I.», hoặc không đánh số", "chỉ có «I.»", _text(block))
