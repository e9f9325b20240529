"""Finding the blocks of a document: header (ô 1–4), title (ô 5), body (ô 6), footer (ô 7, 9b).

Blocks are recognised by their content (the words of the Quốc hiệu, "Số:", "ngày … tháng …
năm", "Nơi nhận:", a type name of Phụ lục III …) and their position (before or after the type
name; the left or right column of a table or of a tab stop), never by style names, so a header
built by a clerk with a borderless table or with tabs is read like thidua's own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.vn.formats import DOCUMENT_TYPE_ABBREVIATIONS, upper_vi

from .doc import WordDoc, is_rule_text
from .lines import Line

TYPE_ABBREVIATIONS = {k.casefold(): v for k, v in DOCUMENT_TYPE_ABBREVIATIONS.items()}
# What a draft leaves where the number or the day will go: spaces, dots, underscores.
DRAFT_BLANKS = " \u00a0._…"


# ---------------------------------------------------------------------------------------------
# Recognising a line by its words


def norm(text: str) -> str:
    """NFC text with every run of spaces (tabs and no-break spaces too) made one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def plain(text: str) -> str:
    """Lower-case text without diacritics: how blocks are recognised however they were typed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join(re.sub(r"[\u0300-\u036f]", "", decomposed).casefold().split())


def is_quoc_hieu(text: str) -> bool:
    key = plain(text)
    return len(key) < 70 and ("cong hoa xa hoi chu nghia" in key or "cong hoa xhcn" in key)


def is_tieu_ngu(text: str) -> bool:
    key = plain(text)
    return len(key) < 60 and "doc lap" in key and "hanh phuc" in key


def is_number_line(text: str) -> bool:
    # "Số" with its diacritic: "Sở Nội vụ" (an agency) must not match.
    key = unicodedata.normalize("NFC", text).casefold()
    return bool(re.match(r"số\s*:", key) or re.match(r"số[\s\d\u00a0._…]*/", key))


DATE_LINE = re.compile(r"^(?P<place>[^,;:]{2,60}?)\s*(?P<comma>,?)\s*ngày(?P<d>[^a-zà-ỹ]*?)"
                       r"tháng(?P<m>[^a-zà-ỹ]*?)năm(?P<y>[\s\d\u00a0._…]*)$")


def is_date_line(text: str) -> bool:
    return len(text) < 90 and DATE_LINE.match(norm(text)) is not None


def is_vv(text: str) -> bool:
    return plain(text).startswith("v/v")


def is_noi_nhan(text: str) -> bool:
    return plain(text).startswith("noi nhan")


def is_type_name(text: str) -> bool:
    return norm(text).casefold() in TYPE_ABBREVIATIONS


AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\. \S")
# A prefix typed wrongly: "KT BỘ TRƯỞNG", "K.T. BỘ TRƯỞNG", "T/M …", "Thừa lệnh …"
AUTHORITY_LIKE = re.compile(r"^(T\.?M|K\.?T|T\.?L|T\.?U\.?Q|Q)[./ ]|^[TK]/[MT]\b|^(THỪA|THAY "
                            r"MẶT|KÝ THAY|QUYỀN) ", re.IGNORECASE)


def is_signer_prefix(text: str) -> bool:
    return len(text) < 80 and bool(AUTHORITY.match(text) or AUTHORITY_LIKE.match(text))


def is_header_item(text: str) -> bool:
    return any(f(text) for f in (is_quoc_hieu, is_tieu_ngu, is_number_line, is_date_line, is_vv))


# ---------------------------------------------------------------------------------------------
# Zones: where each block starts and ends


@dataclass
class Zones:
    """The lines of each block; a block that was not found stays empty (or None)."""

    header: list[Line] = field(default_factory=list)
    type_name: Line | None = None
    abstract: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    footer: list[Line] = field(default_factory=list)
    header_tables: set[int] = field(default_factory=set)
    footer_tables: set[int] = field(default_factory=set)

    def where(self, line: Line) -> str:
        """Where a clerk finds *line*: the header or footer table by name, else its paragraph."""
        for tables, name in ((self.header_tables, "bảng tiêu đề"),
                             (self.footer_tables, "bảng cuối văn bản")):
            if line.cell is not None and line.cell.table in tables:
                return f"{name} (hàng {line.cell.row + 1}, cột {line.cell.col + 1})"
        return line.where

    def first(self, lines: list[Line], test: Callable[[str], bool]) -> Line | None:
        """The first line of *lines* whose text passes *test*."""
        return next((x for x in lines if x.text and test(x.text)), None)


def find_zones(doc: WordDoc) -> Zones:
    """Cut the lines of *doc* into header, title, body and footer."""
    lines = doc.lines
    zones = Zones()
    end = _header_end(lines)
    zones.header = lines[:end]
    zones.header_tables = {x.table for x in zones.header if x.table is not None}
    start = _title(doc, zones, end)
    footer_at = _footer_start(lines, start)
    body_end = _body_end(doc, lines, start, footer_at)
    zones.body = [x for x in lines[start:body_end] if _is_body_line(x)]
    zones.footer = _footer_lines(lines, body_end)
    zones.footer_tables = {x.table for x in zones.footer if x.table is not None}
    return zones


def _header_end(lines: list[Line]) -> int:
    """Index after the last header item (ô 1–4, 5b), looked for before the type name or the
    first long paragraph; a header table is taken whole."""
    last = -1
    for line in lines[:80]:
        if line.text and line.table is None and (is_type_name(line.text) or len(line.text) > 120):
            break
        if line.text and is_header_item(line.text):
            last = line.index
    if last < 0:
        return 0
    table = lines[last].table
    while table is not None and last + 1 < len(lines) and lines[last + 1].table == table:
        last += 1
    return last + 1


def _title(doc: WordDoc, zones: Zones, start: int) -> int:
    """Find the type name and trích yếu (ô 5a) after the header; returns where the body starts."""
    following = [x for x in doc.lines[start:] if x.text][:4]
    candidate = next((x for x in following if x.table is None and is_type_name(x.text)), None)
    if candidate is None and following and _looks_like_type_name(doc, following[0]):
        candidate = following[0]
    if candidate is None:
        vv = zones.first(zones.header, is_vv)
        zones.abstract = [vv] if vv is not None else []
        return start
    zones.type_name = candidate
    zones.abstract = _abstract_after(doc, candidate)
    return (zones.abstract[-1].index if zones.abstract else candidate.index) + 1


def _abstract_after(doc: WordDoc, type_name: Line) -> list[Line]:
    """The trích yếu under the type name: its lines, up to the rule that closes the title."""
    abstract: list[Line] = []
    for line in doc.lines[type_name.index + 1:]:
        if is_rule_text(line.text) or (not line.text and doc.para_look(line.p).border_bottom):
            break                          # the rule that closes the title block
        if not line.text:
            if abstract:
                break
            continue
        if not abstract and not _looks_like_abstract(doc, line):
            break
        if abstract and not _continues_abstract(doc, abstract[-1], line):
            break
        abstract.append(line)
        if doc.rule_below(line):
            break
    return abstract


def _looks_like_type_name(doc: WordDoc, line: Line) -> bool:
    """A type name outside the Phụ lục III table ("CHƯƠNG TRÌNH HÀNH ĐỘNG"): short, bold, in
    capitals, centred, on its own line."""
    text = doc.shown_text(line)
    return (line.table is None and len(text.split()) <= 6 and text == upper_vi(text)
            and doc.all_bold(line) and doc.para_look(line.p).align == "center"
            and not is_vv(text))


def _looks_like_abstract(doc: WordDoc, line: Line) -> bool:
    """Centred under the type name, or at least closed by a rule: not the body's first
    paragraph or heading (which are justified)."""
    return line.table is None and (doc.para_look(line.p).align == "center"
                                   or doc.rule_below(line))


def _continues_abstract(doc: WordDoc, previous: Line, line: Line) -> bool:
    """A trích yếu typed on two lines: the second is centred, bold and before any rule."""
    if doc.rule_below(previous) or line.table is not None or len(line.text) > 150:
        return False
    return doc.para_look(line.p).align == "center" and doc.all_bold(line) \
        and not plain(line.text).startswith(("can cu", "kinh gui"))


def _footer_start(lines: list[Line], start: int) -> int | None:
    """The first line of the footer: "Nơi nhận" or an authority prefix (its table, if any)."""
    for line in lines[start:]:
        if line.text and (is_noi_nhan(line.text) or is_signer_prefix(line.text)):
            if line.table is None:
                return line.index
            return next(x.index for x in lines if x.table == line.table)
    return None


def _body_end(doc: WordDoc, lines: list[Line], start: int, footer_at: int | None) -> int:
    """Index after the last body line. A stacked signer block typed above "Nơi nhận" (short,
    not justified lines after the "./.") belongs to the footer."""
    stop = footer_at if footer_at is not None else _appendix_start(lines, start)
    candidates = [x for x in lines[start:stop] if _is_body_line(x)]
    ends = [x for x in candidates if x.text.endswith("./.")]
    if ends:
        after = [x for x in candidates if x.index > ends[-1].index]
        if all(len(x.text) < 80 and doc.para_look(x.p).align != "both" for x in after):
            return ends[-1].index + 1
    return stop


def _appendix_start(lines: list[Line], start: int) -> int:
    for line in lines[start:]:
        if line.table is None and plain(line.text).startswith("phu luc") and line.new_page:
            return line.index
    return len(lines)


def _footer_lines(lines: list[Line], start: int) -> list[Line]:
    """Lines after the body up to the next page break (an appendix starts on a new page)."""
    out: list[Line] = []
    for line in lines[start:]:
        if out and line.new_page:
            break
        out.append(line)
    return out


def _is_body_line(line: Line) -> bool:
    return bool(line.text) and line.table is None and not line.in_textbox \
        and not is_rule_text(line.text)
