"""The Nghị định 30/2020 rules of `thidua check`, and how the blocks of a document are found.

Blocks are recognised by their content (the words of the Quốc hiệu, "Số:", "ngày … tháng …
năm", "Nơi nhận:", a type name of Phụ lục III …) and their position (before or after the type
name; the left or right column of a table or of a tab stop), never by style names, so a header
built by a clerk with a borderless table or with tabs is read like thidua's own.

Rules receive the :class:`generator.checker.WordDoc` of a document and use only its methods (this
module does not import checker.py at run time; checker.py imports Finding, RULES and the XML
helpers from here, so the two never import each other). A missing
block gives one finding for that block; the rules that need it are then skipped.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypeAlias

from lxml import etree

from .legacy import detect_legacy
from .vn_format import DOCUMENT_TYPE_ABBREVIATIONS, upper_vi

if TYPE_CHECKING:
    from .checker import Line, WordDoc

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Element: TypeAlias = etree._Element
TNR = "Times New Roman"
QUOC_HIEU = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TYPE_ABBREVIATIONS = {k.casefold(): v for k, v in DOCUMENT_TYPE_ABBREVIATIONS.items()}
AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
MM = 72 / 25.4          # points per millimetre


@dataclass(frozen=True)
class Finding:
    """One departure from Nghị định 30/2020 found in a document."""

    rule: str            # "ND30-PAGE-SIZE" …
    severity: str        # "error" | "warning"
    where: str           # "bảng tiêu đề (hàng 1, cột 2)", "đoạn 12" …
    excerpt: str         # the text concerned, shortened
    expected: str
    found: str
    message: str         # Vietnamese, for the clerk


@dataclass(frozen=True)
class Rule:
    """What a rule id stands for (docs/check-rules.md is written from this table)."""

    severity: str
    checks: str
    clause: str


_I, _II = "Phụ lục I, Phần I, Mục I", "Phụ lục I, Phần I, Mục II"
RULES: dict[str, Rule] = {
    "ND30-PAGE-SIZE": Rule("error", "A4 paper, 210 × 297 mm (±0.5 mm)", f"{_I}, khoản 1"),
    "ND30-ORIENTATION": Rule("error", "portrait; landscape only for a section whose body holds "
                                      "a wide table (7 columns or more, or 4 or more and wider "
                                      "than 170 mm)", f"{_I}, khoản 2"),
    "ND30-MARGINS": Rule("error", "margins top 20–25, bottom 20–25, left 30–35 (gutter "
                                  "included), right 15–20 mm (±0.1 mm)", f"{_I}, khoản 3"),
    "ND30-FONT": Rule("error", "Times New Roman is the effective font (ascii/hAnsi slots, and "
                               "eastAsia where w:hint says so) of every shown text run, in the "
                               "body, headers, footers and notes; theme fonts resolve to the "
                               "theme", f"{_I}, khoản 4"),
    "ND30-FONT-SLOTS": Rule("warning", "the eastAsia and cs font slots are Times New Roman too "
                                       "(Word falls back to them for some characters)",
                            f"{_I}, khoản 4 (practice)"),
    "ND30-UNICODE": Rule("warning", "text is precomposed Unicode (NFC), not combining marks, "
                                    "and not TCVN3/VNI text shown by a legacy font",
                         f"{_I}, khoản 4 (TCVN 6909:2001)"),
    "ND30-QUOC-HIEU": Rule("error", "Quốc hiệu present, exact wording (CỘNG HÒA or CỘNG HOÀ), "
                                    "upper case, bold, 12–13 pt", f"{_II}, khoản 1 điểm a"),
    "ND30-TIEU-NGU": Rule("error", "Tiêu ngữ present, \"Độc lập - Tự do - Hạnh phúc\" with "
                                   "spaced hyphens, bold, 13–14 pt, a rule under it (border, "
                                   "bordered paragraph, underscores, underline or drawn line)",
                          f"{_II}, khoản 1 điểm b"),
    "ND30-CO-QUAN": Rule("error", "issuing agency present, upper case, bold, 12–13 pt, a rule "
                                  "under it; parent agency upper case, 12–13 pt",
                         f"{_II}, khoản 2 điểm b"),
    "ND30-SO-KY-HIEU": Rule("error", "\"Số:\" line: number/TYPE-AGENCY, numbers below 10 "
                                     "zero-padded (or blank in a draft), no year, no spaces "
                                     "around hyphens, type abbreviation of Phụ lục III matching "
                                     "the type name, 13 pt",
                            f"{_II}, khoản 3; Phụ lục III, Mục I"),
    "ND30-DIA-DANH-NGAY": Rule("error", "\"<Place>, ngày DD tháng M năm YYYY\": comma, place "
                                        "capitalised, day < 10 and months 1–2 zero-padded and no "
                                        "other, a real date (or blanks in a draft), italic, "
                                        "13–14 pt", f"{_II}, khoản 4 điểm b, c"),
    "ND30-TEN-LOAI": Rule("error", "type name (or a công văn's \"V/v\") present; type name "
                                   "upper case, bold, 13–14 pt, centred",
                          f"{_II}, khoản 5 điểm b"),
    "ND30-TRICH-YEU": Rule("error", "trích yếu under the type name: bold, 13–14 pt, centred, a "
                                    "rule under it; a công văn's \"V/v\" line 12–13 pt",
                           f"{_II}, khoản 5 điểm b"),
    "ND30-BODY-SIZE": Rule("error", "body text 13–14 pt", f"{_II}, khoản 6 điểm e"),
    "ND30-BODY-ALIGN": Rule("error", "body paragraphs (not bold headings, not short lines) "
                                     "justified", f"{_II}, khoản 6 điểm e"),
    "ND30-BODY-INDENT": Rule("error", "first line of body paragraphs indented 1–1.27 cm (a "
                                      "leading tab counts as the default tab stop)",
                             f"{_II}, khoản 6 điểm e"),
    "ND30-BODY-SPACING": Rule("error", "at least 6 pt between body paragraphs (space after + "
                                       "space before; Word's contextual spacing honoured)",
                              f"{_II}, khoản 6 điểm e"),
    "ND30-BODY-LINE-SPACING": Rule("error", "line spacing from single to 1.5 lines",
                                   f"{_II}, khoản 6 điểm e"),
    "ND30-END-MARK": Rule("error", "the body ends with \"./.\"",
                          "Phụ lục III, Mục II (every mẫu ends its body with ./.)"),
    "ND30-NOI-NHAN": Rule("error", "\"Nơi nhận:\" present, with its colon, 12 pt, bold italic",
                          f"{_II}, khoản 9 điểm d (ô 9b)"),
    "ND30-NOI-NHAN-LIST": Rule("error", "recipients 11 pt, one per line, \"- \" items ending "
                                        "\";\", the last \"- Lưu: VT, …\" ending \".\"",
                               f"{_II}, khoản 9 điểm d (ô 9b)"),
    "ND30-SIGNER": Rule("error", "signer block present; authority prefix one of TM., KT., Q., "
                                 "TL., TUQ.; titles upper case, bold; name bold; 13–14 pt",
                        f"{_II}, khoản 7 điểm b, đ"),
    "ND30-PAGE-NUMBER": Rule("error", "page number is a PAGE field in the header (top margin), "
                                      "centred, 13–14 pt, upright, and not shown on page 1",
                             f"{_I}, khoản 7"),
    "ND30-PAGE-NUMBER-MISSING": Rule("warning", "no page number although the document seems "
                                                "longer than one page (estimated from its text)",
                                     f"{_I}, khoản 7"),
}


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


def finding(rule: str, where: str, message: str, expected: str = "", found: str = "",
            excerpt: str = "") -> Finding:
    short = excerpt if len(excerpt) <= 80 else excerpt[:79] + "…"
    return Finding(rule, RULES[rule].severity, where, short, expected, found, message)


def pt(value: float) -> str:
    """'12 pt', '13,5 pt': sizes as a Vietnamese reader writes them."""
    return f"{value:g} pt".replace(".", ",")


ALIGNMENTS = {"both": "canh đều hai lề", "distribute": "canh đều hai lề", "center": "canh giữa",
              "left": "canh trái", "start": "canh trái", "right": "canh phải", "end": "canh phải"}


def alignment(value: str) -> str:
    return ALIGNMENTS.get(value, value)


def places(wheres: list[str]) -> str:
    unique = list(dict.fromkeys(wheres))
    shown = ", ".join(unique[:5])
    return shown + (f" và {len(unique) - 5} chỗ khác" if len(unique) > 5 else "")


# ---------------------------------------------------------------------------------------------
# Recognising blocks by their words


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


def is_rule_text(text: str) -> bool:
    chars = text.replace(" ", "").replace("\u00a0", "")
    return len(chars) >= 3 and set(chars) <= set("_-–—─━=")


AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\. \S")
# A prefix typed wrongly: "KT BỘ TRƯỞNG", "K.T. BỘ TRƯỞNG", "T/M …", "Thừa lệnh …"
AUTHORITY_LIKE = re.compile(r"^(T\.?M|K\.?T|T\.?L|T\.?U\.?Q|Q)[./ ]|^[TK]/[MT]\b|^(THỪA|THAY "
                            r"MẶT|KÝ THAY|QUYỀN) ", re.IGNORECASE)


def is_signer_prefix(text: str) -> bool:
    return len(text) < 80 and bool(AUTHORITY.match(text) or AUTHORITY_LIKE.match(text))


def is_header_item(text: str) -> bool:
    return any(f(text) for f in (is_quoc_hieu, is_tieu_ngu, is_number_line, is_date_line, is_vv))


# ---------------------------------------------------------------------------------------------
# Zones: header (ô 1–4), title (ô 5), body (ô 6), footer (ô 7, 9b)


@dataclass
class Zones:
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
        return next((x for x in lines if x.text and test(x.text)), None)


def find_zones(doc: WordDoc) -> Zones:
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
    abstract: list[Line] = []
    for line in doc.lines[candidate.index + 1:]:
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
    zones.abstract = abstract
    return (abstract[-1].index if abstract else candidate.index) + 1


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


# ---------------------------------------------------------------------------------------------
# Page rules (Phụ lục I, Phần I, Mục I)


def _twips(sect: Element, tag: str, attr: str) -> float | None:
    el = sect.find(w(tag))
    value = el.get(w(attr)) if el is not None else None
    try:
        return abs(float(value)) * 25.4 / 1440 if value is not None else None
    except ValueError:
        return None


def page_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    many = len(doc.sections) > 1
    for section in doc.sections:
        where = f"phần {section.index + 1} (section)" if many else "trang giấy"
        width, height = (_twips(section.element, "pgSz", a) for a in ("w", "h"))
        if width is None or height is None:
            yield finding("ND30-PAGE-SIZE", where, "Văn bản không khai báo khổ giấy; Word sẽ "
                          "dùng khổ mặc định của máy (thường là Letter).", "A4 210 × 297 mm",
                          "không khai báo")
            continue
        short, long = sorted((width, height))
        if abs(short - 210) > 0.5 or abs(long - 297) > 0.5:
            yield finding("ND30-PAGE-SIZE", where, "Khổ giấy phải là A4.", "210 × 297 mm",
                          f"{width:.1f} × {height:.1f} mm".replace(".", ","))
        if width > height and not any(_is_wide_table(b) for b in section.blocks):
            yield finding("ND30-ORIENTATION", where, "Trang nằm ngang chỉ dùng khi văn bản có "
                          "bảng, biểu rộng; văn bản này phải trình bày theo chiều dọc khổ A4.",
                          "chiều dọc", "chiều ngang, không có bảng rộng")
        yield from _margins(section.element, where)


def _is_wide_table(block: Element) -> bool:
    """A data table too wide for a portrait A4 text area (165 mm), or with many columns; the
    two-column header and footer tables are never "wide", whatever their width."""
    if not str(block.tag).endswith("}tbl"):
        return False
    cols = block.findall(f"{w('tblGrid')}/{w('gridCol')}")
    width = sum(float(c.get(w("w"), 0)) for c in cols) * 25.4 / 1440
    return len(cols) >= 7 or (len(cols) >= 4 and width > 170)


MARGINS = {"top": ("lề trên", 20, 25), "bottom": ("lề dưới", 20, 25),
           "left": ("lề trái", 30, 35), "right": ("lề phải", 15, 20)}


def _margins(sect: Element, where: str) -> Iterator[Finding]:
    gutter = _twips(sect, "pgMar", "gutter") or 0.0
    for side, (name, low, high) in MARGINS.items():
        value = _twips(sect, "pgMar", side)
        if value is None:
            continue
        if side == "left":
            value += gutter          # the gutter widens the left margin (Word)
        # ±0.1 mm: Word stores whole twips, so 20 mm is kept as 19.99 or 20.01 mm.
        if not low - 0.1 <= value <= high + 0.1:
            yield finding("ND30-MARGINS", where, f"{name.capitalize()} cần đặt từ {low} đến "
                          f"{high} mm.", f"{low}–{high} mm", f"{value:.1f} mm".replace(".", ","))


# ---------------------------------------------------------------------------------------------
# Font rules (Mục I, khoản 4)


def _is_tnr(name: str) -> bool:
    return name.strip().casefold() == TNR.casefold()


def font_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    wrong: dict[str, list[str]] = defaultdict(list)
    slots: dict[str, list[str]] = defaultdict(list)
    excerpts: dict[str, str] = {}
    total = 0
    for where, run, text in doc.text_runs():
        total += 1
        shown = _slots_shown(doc, run, text)
        for slot in shown:
            name = doc.run_font(run, slot)
            if not _is_tnr(name):
                wrong[name].append(where)
                excerpts.setdefault(name, text)
        others = [f"{slot}: {doc.run_font(run, slot)}" for slot in ("eastAsia", "cs")
                  if slot not in shown and not _is_tnr(doc.run_font(run, slot))]
        if others:
            slots["; ".join(others)].append(where)

    def scope(wheres: list[str]) -> str:
        # Usually a style or the document defaults: name the whole document, not 50 places.
        return "toàn văn bản" if len(wheres) == total else places(wheres)
    for name, wheres in wrong.items():
        yield finding("ND30-FONT", scope(wheres), f"Chữ không dùng phông Times New Roman "
                      f"({len(wheres)} chỗ).", TNR, name, excerpts[name])
    for name, wheres in slots.items():
        yield finding("ND30-FONT-SLOTS", scope(wheres), "Ô phông Đông Á/phức hợp (eastAsia/cs) "
                      "không phải Times New Roman; nên đặt Times New Roman cho cả bốn ô phông.",
                      TNR, name)
    yield from _unicode(doc)


def _slots_shown(doc: WordDoc, run: Element, text: str) -> list[str]:
    """The font slots Word uses for *text*: ascii for ASCII letters, hAnsi for the others; with
    w:hint="eastAsia", Word draws Vietnamese letters with the eastAsia font."""
    out = ["ascii"] if any(c.isascii() and not c.isspace() for c in text) else []
    if any(not c.isascii() for c in text):
        out.append("hAnsi")
        if doc.run_hint(run) == "eastAsia":
            out.append("eastAsia")
    return out


def _unicode(doc: WordDoc) -> Iterator[Finding]:
    # Lines are read in NFC so that blocks are recognised; the runs keep what was typed.
    combining = [(where, text) for where, _, text in doc.text_runs()
                 if unicodedata.normalize("NFC", text) != text]
    if combining:
        yield finding("ND30-UNICODE", places([where for where, _ in combining]), "Chữ gõ bằng "
                      "Unicode tổ hợp (dấu tách rời); nên dùng Unicode dựng sẵn.",
                      "Unicode dựng sẵn (NFC)", "Unicode tổ hợp",
                      unicodedata.normalize("NFC", combining[0][1]))
    for line in doc.lines:
        guess = detect_legacy(line.text) if line.text else None
        if guess is not None:
            yield finding("ND30-UNICODE", line.where, f"Chữ có vẻ gõ bằng bảng mã "
                          f"{guess.encoding}, không phải Unicode; đọc đúng là: {guess.decoded}",
                          "Unicode TCVN 6909:2001", guess.encoding, line.text)
            return


# ---------------------------------------------------------------------------------------------
# Header rules (Mục II, khoản 1–4)


def _sizes_outside(doc: WordDoc, line: Line, low: float, high: float) -> list[float]:
    return sorted(s for s in doc.sizes(line) if not low - 0.01 <= s <= high + 0.01)


def _look(doc: WordDoc, zones: Zones, rule: str, line: Line, name: str, low: float,
          high: float, bold: bool | None = True) -> Iterator[Finding]:
    """Size range and boldness of one element."""
    where = zones.where(line)
    wrong = _sizes_outside(doc, line, low, high)
    if wrong:
        wanted = pt(low) if low == high else f"{pt(low)[:-3]}–{pt(high)}"
        yield finding(rule, where, f"Cỡ chữ của {name} không đúng.", wanted,
                      ", ".join(pt(s) for s in wrong), line.text)
    if bold is True and not doc.all_bold(line):
        yield finding(rule, where, f"{name.capitalize()} phải in đậm.", "đậm", "không đậm",
                      line.text)


def _missing(rule: str, name: str, where: str = "phần đầu văn bản") -> Finding:
    return finding(rule, where, f"Không tìm thấy {name}.", name, "không có")


def header_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    yield from _quoc_hieu(doc, zones)
    yield from _tieu_ngu(doc, zones)
    yield from _agency(doc, zones)
    yield from _number(doc, zones)
    yield from _date(doc, zones)


def _quoc_hieu(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    line = zones.first(zones.header, is_quoc_hieu)
    if line is None:
        yield _missing("ND30-QUOC-HIEU", f"Quốc hiệu “{QUOC_HIEU[0]}”")
        return
    text = norm(doc.shown_text(line))
    if text not in QUOC_HIEU:
        upper = upper_vi(text) in QUOC_HIEU
        yield finding("ND30-QUOC-HIEU", zones.where(line), "Quốc hiệu phải viết in hoa."
                      if upper else "Quốc hiệu phải viết đúng nguyên văn, trên một dòng riêng.",
                      QUOC_HIEU[0], text, line.text)
    yield from _look(doc, zones, "ND30-QUOC-HIEU", line, "Quốc hiệu", 12, 13)


def _tieu_ngu(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    line = zones.first(zones.header, is_tieu_ngu)
    if line is None:
        yield _missing("ND30-TIEU-NGU", f"Tiêu ngữ “{TIEU_NGU}”")
        return
    text = norm(doc.shown_text(line))
    if text != TIEU_NGU:
        yield finding("ND30-TIEU-NGU", zones.where(line), _tieu_ngu_problem(text), TIEU_NGU,
                      text, line.text)
    yield from _look(doc, zones, "ND30-TIEU-NGU", line, "Tiêu ngữ", 13, 14)
    if not _has_rule(doc, zones, line):
        yield finding("ND30-TIEU-NGU", zones.where(line), "Dưới Tiêu ngữ phải có đường kẻ "
                      "ngang, nét liền, dài bằng dòng chữ.", "có đường kẻ", "không có",
                      line.text)


def _tieu_ngu_problem(text: str) -> str:
    if text.casefold() == TIEU_NGU.casefold():
        return "Tiêu ngữ viết chữ in thường, chỉ viết hoa chữ cái đầu của mỗi cụm từ."
    if re.sub(r"\s*[-–—]\s*", " - ", text) == TIEU_NGU:
        return "Giữa các cụm từ của Tiêu ngữ là gạch nối (-), có cách chữ hai bên."
    return "Tiêu ngữ phải viết đúng nguyên văn."


def _has_rule(doc: WordDoc, zones: Zones, line: Line) -> bool:
    """A rule under *line*, or a line drawn elsewhere in the header on the same side (Word
    anchors a drawn line to whichever paragraph the clerk clicked)."""
    if doc.rule_below(line):
        return True
    same = [x for x in zones.header if _same_column(x, line)]
    for x in {id(s.p): s.p for s in same}.values():
        if any(line.table is not None or doc.same_side(line, c) for c in doc.line_shapes(x)):
            return True
    return False


def _same_column(a: Line, b: Line) -> bool:
    """Both in the same table cell, or both outside tables."""
    if a.cell is None or b.cell is None:
        return a.cell is None and b.cell is None
    return a.cell == b.cell


def _agency(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    candidates = _agency_lines(doc, zones)
    if not candidates:
        yield _missing("ND30-CO-QUAN", "tên cơ quan, tổ chức ban hành văn bản")
        return
    issuing = _trailing_bold(doc, candidates)
    for line in candidates:
        shown = norm(doc.shown_text(line))
        if shown != upper_vi(shown):
            yield finding("ND30-CO-QUAN", zones.where(line), "Tên cơ quan phải viết in hoa.",
                          upper_vi(shown), shown, line.text)
        yield from _look(doc, zones, "ND30-CO-QUAN", line, "tên cơ quan", 12, 13,
                         bold=line in issuing)
    if not _has_rule(doc, zones, issuing[-1]):
        yield finding("ND30-CO-QUAN", zones.where(issuing[-1]), "Dưới tên cơ quan ban hành phải "
                      "có đường kẻ ngang, nét liền, dài 1/3 đến 1/2 dòng chữ.", "có đường kẻ",
                      "không có", issuing[-1].text)


def _agency_lines(doc: WordDoc, zones: Zones) -> list[Line]:
    """Header lines that are none of the other header items, before "Số:" and outside the
    Quốc hiệu's column."""
    number = zones.first(zones.header, is_number_line)
    right = [x for x in zones.header if x.text and (is_quoc_hieu(x.text) or
                                                   is_tieu_ngu(x.text) or is_date_line(x.text))]
    return [x for x in zones.header if x.text and not is_header_item(x.text)
            and not is_rule_text(x.text) and (number is None or x.index < number.index)
            and not any(x.cell is not None and _same_column(x, y) for y in right)]


def _trailing_bold(doc: WordDoc, lines: list[Line]) -> list[Line]:
    """The issuing agency is the bold group at the end (the parent agency above is not bold);
    with nothing bold, the last line (which is then reported as not bold)."""
    out: list[Line] = []
    for line in reversed(lines):
        if not doc.all_bold(line):
            break
        out.insert(0, line)
    return out or lines[-1:]


NUMBER = re.compile(r"^(?P<label>[^\s:\d/]+)\s*(?P<colon>:?)\s*(?P<num>[^/]*?)\s*/(?P<symbol>.*)$")


def _number(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    line = zones.first(zones.header, is_number_line)
    if line is None:
        yield _missing("ND30-SO-KY-HIEU", "số, ký hiệu văn bản (“Số: …/…-…”)")
        return
    text = unicodedata.normalize("NFC", line.text)
    for problem, expected in _number_problems(text, zones):
        yield finding("ND30-SO-KY-HIEU", zones.where(line), problem, expected, text, text)
    yield from _look(doc, zones, "ND30-SO-KY-HIEU", line, "số, ký hiệu", 13, 13, bold=None)


def _number_problems(text: str, zones: Zones) -> Iterator[tuple[str, str]]:
    match = NUMBER.match(text)
    if match is None:
        yield "Số, ký hiệu phải có dạng “Số: <số>/<ký hiệu>”.", "Số: 15/KH-VPCP"
        return
    if match["label"] != "Số" or not match["colon"]:
        yield "Chữ “Số” viết thường, sau có dấu hai chấm (:).", "Số:"
    num = match["num"].strip(" \u00a0._…")
    if num and not num.isdigit():
        yield "Số văn bản phải là chữ số Ả Rập.", "Số: 15/…"
    elif num and int(num) < 10 and len(num) < 2:
        yield "Số nhỏ hơn 10 phải ghi thêm số 0 phía trước.", f"Số: 0{int(num)}/…"
    yield from _symbol_problems(match["symbol"], zones)


def _symbol_problems(symbol: str, zones: Zones) -> Iterator[tuple[str, str]]:
    if "/" in symbol:
        yield "Ký hiệu văn bản hành chính không ghi năm.", "Số: 15/KH-VPCP"
        return
    if re.search(r"\s", symbol.strip()):
        yield "Giữa các nhóm chữ viết tắt là gạch nối (-), không cách chữ.", "KH-VPCP"
        return
    groups = symbol.strip().split("-")
    if len(groups) < 2 or not all(re.fullmatch(r"[A-ZĐ0-9][A-Za-zĐđ0-9]*", g) for g in groups):
        yield "Ký hiệu gồm chữ viết tắt tên loại và tên cơ quan, in hoa, nối bằng gạch nối.", \
            "KH-VPCP"
        return
    type_name = norm(zones.type_name.text) if zones.type_name is not None else ""
    wanted = TYPE_ABBREVIATIONS.get(type_name.casefold())
    if wanted and groups[0] != wanted:
        yield (f"Chữ viết tắt tên loại “{groups[0]}” không khớp tên loại “{type_name}” "
               "(Phụ lục III)."), f"{wanted}-…"


def _date(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    line = zones.first(zones.header, is_date_line)
    if line is None:
        yield _missing("ND30-DIA-DANH-NGAY", "địa danh và ngày tháng năm ban hành")
        return
    text = norm(line.text)
    for problem, expected in _date_problems(text):
        yield finding("ND30-DIA-DANH-NGAY", zones.where(line), problem, expected, text, text)
    if not doc.all_italic(line):
        yield finding("ND30-DIA-DANH-NGAY", zones.where(line), "Địa danh và ngày tháng năm "
                      "phải in nghiêng.", "nghiêng", "không nghiêng", text)
    yield from _look(doc, zones, "ND30-DIA-DANH-NGAY", line, "địa danh, ngày tháng", 13, 14,
                     bold=None)


def _decree_date(match: re.Match[str]) -> str:
    """The clerk's own date line written as the decree wants it (the example if it cannot)."""
    day, month, year = (match[k].strip(" \u00a0._…") for k in ("d", "m", "y"))
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        return "Hà Nội, ngày 05 tháng 01 năm 2021"
    place = match["place"].strip()
    month = f"{int(month):02d}" if int(month) <= 2 else str(int(month))
    return f"{place[:1].upper()}{place[1:]}, ngày {int(day):02d} tháng {month} năm {year}"


def _date_problems(text: str) -> Iterator[tuple[str, str]]:
    match = DATE_LINE.match(text)
    if match is None:        # is_date_line matched it, so this cannot happen; kept for mypy
        return
    example = _decree_date(match)
    if not match["comma"]:
        yield "Sau địa danh phải có dấu phẩy (,).", example
    if not match["place"][:1].isupper():
        yield "Chữ cái đầu của địa danh phải viết hoa.", example
    day, month, year = (match[k].strip(" \u00a0._…") for k in ("d", "m", "y"))
    if day.isdigit() and int(day) < 10 and len(day) < 2:
        yield "Ngày nhỏ hơn 10 phải ghi thêm số 0 phía trước.", f"ngày 0{day}"
    if month.isdigit():
        wanted = f"{int(month):02d}" if int(month) <= 2 else str(int(month))
        if month != wanted:
            yield ("Chỉ tháng 1, 2 ghi thêm số 0 phía trước (tháng 01, 02; tháng 3 … 12 không "
                   "có số 0)."), f"tháng {wanted}"
    if day.isdigit() and month.isdigit() and year.isdigit():
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            yield "Ngày tháng năm không có thật.", example


# ---------------------------------------------------------------------------------------------
# Title (Mục II, khoản 5)


def title_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    line = zones.type_name
    if line is None:
        if not zones.abstract:
            yield _missing("ND30-TEN-LOAI", "tên loại văn bản và trích yếu (hoặc “V/v …” của "
                           "công văn)", "sau phần đầu văn bản")
        else:
            yield from _look(doc, zones, "ND30-TRICH-YEU", zones.abstract[0], "trích yếu công "
                             "văn", 12, 13, bold=None)
        return
    shown = norm(doc.shown_text(line))
    if shown != upper_vi(shown):
        yield finding("ND30-TEN-LOAI", zones.where(line), "Tên loại văn bản phải viết in hoa.",
                      upper_vi(shown), shown, line.text)
    yield from _look(doc, zones, "ND30-TEN-LOAI", line, "tên loại văn bản", 13, 14)
    yield from _centred(doc, zones, "ND30-TEN-LOAI", line, "Tên loại văn bản")
    yield from _abstract(doc, zones, line)


def _centred(doc: WordDoc, zones: Zones, rule: str, line: Line, name: str) -> Iterator[Finding]:
    align = doc.para_look(line.p).align
    if align != "center":
        yield finding(rule, zones.where(line), f"{name} phải canh giữa.", "canh giữa",
                      alignment(align), line.text)


def _abstract(doc: WordDoc, zones: Zones, type_name: Line) -> Iterator[Finding]:
    if not zones.abstract:
        yield _missing("ND30-TRICH-YEU", "trích yếu nội dung dưới tên loại văn bản",
                       zones.where(type_name))
        return
    for line in zones.abstract:
        yield from _look(doc, zones, "ND30-TRICH-YEU", line, "trích yếu", 13, 14)
        yield from _centred(doc, zones, "ND30-TRICH-YEU", line, "Trích yếu")
    last = zones.abstract[-1]
    if not doc.rule_below(last):
        yield finding("ND30-TRICH-YEU", zones.where(last), "Dưới trích yếu phải có đường kẻ "
                      "ngang, nét liền, dài 1/3 đến 1/2 dòng chữ.", "có đường kẻ", "không có",
                      last.text)


# ---------------------------------------------------------------------------------------------
# Body (Mục II, khoản 6 điểm e)


def _grouped(rule: str, offenders: dict[str, list[Line]], message: str,
             expected: str) -> Iterator[Finding]:
    for found, lines in offenders.items():
        yield finding(rule, places([x.where for x in lines]), f"{message} ({len(lines)} đoạn).",
                      expected, found, lines[0].text)


def _prose(doc: WordDoc, line: Line) -> bool:
    """A paragraph of running text: long enough to wrap, not a bold heading, not a tab row."""
    return len(line.text) >= 60 and not doc.mostly_bold(line) and not line.has_tabs


def body_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    body = zones.body
    sizes: dict[str, list[Line]] = defaultdict(list)
    aligns: dict[str, list[Line]] = defaultdict(list)
    indents: dict[str, list[Line]] = defaultdict(list)
    for line in body:
        for size in _sizes_outside(doc, line, 13, 14):
            sizes[pt(size)].append(line)
        if not _prose(doc, line):
            continue
        align = doc.para_look(line.p).align
        if align not in ("both", "distribute"):
            aligns[alignment(align)].append(line)
        indent = _first_line_start(doc, line)
        if not 0.95 * 10 * MM <= indent <= 1.32 * 10 * MM:
            indents[f"{indent / MM / 10:.2f} cm".replace(".", ",")].append(line)
    yield from _grouped("ND30-BODY-SIZE", sizes, "Cỡ chữ phần nội dung phải từ 13 đến 14",
                        "13–14 pt")
    yield from _grouped("ND30-BODY-ALIGN", aligns, "Nội dung phải canh đều hai lề",
                        "canh đều hai lề")
    yield from _grouped("ND30-BODY-INDENT", indents, "Đầu dòng phải lùi vào 1 cm hoặc 1,27 cm",
                        "1–1,27 cm")
    yield from _spacing(doc, body)
    yield from _line_spacing(doc, body)


def _first_line_start(doc: WordDoc, line: Line) -> float:
    """Where the first line starts, in points from the margin; a leading tab (a common way to
    indent by hand) moves it to the next default tab stop."""
    look = doc.para_look(line.p)
    start = look.left + look.first_line
    if line.after_tab and start < doc.default_tab():
        return doc.default_tab()
    return start


def _spacing(doc: WordDoc, body: list[Line]) -> Iterator[Finding]:
    gaps: dict[str, list[Line]] = defaultdict(list)
    paragraphs = list({id(x.p): x for x in body}.values())
    for previous, line in itertools.pairwise(paragraphs):
        if doc.next_paragraph(previous.p) is not line.p:
            continue                       # an empty paragraph or a table lies between
        gap = _gap(doc, previous, line)
        if gap < 6 - 0.05:
            gaps[pt(round(gap, 1))].append(line)
    yield from _grouped("ND30-BODY-SPACING", gaps, "Khoảng cách giữa các đoạn văn tối thiểu "
                        "là 6 pt", "≥ 6 pt")


def _gap(doc: WordDoc, previous: Line, line: Line) -> float:
    """Word adds the space after one paragraph to the space before the next; "Don't add space
    between paragraphs of the same style" (contextual spacing) drops a paragraph's own share."""
    a, b = doc.para_look(previous.p), doc.para_look(line.p)
    same = a.style == b.style
    return (0 if a.contextual and same else a.after) + (0 if b.contextual and same else b.before)


def _line_spacing(doc: WordDoc, body: list[Line]) -> Iterator[Finding]:
    wrong: dict[str, list[Line]] = defaultdict(list)
    for line in {id(x.p): x for x in body}.values():
        look = doc.para_look(line.p)
        size = max(doc.sizes(line) or {14.0})
        if look.line_rule == "auto":
            if not 0.99 <= look.line <= 1.51:
                wrong[f"{look.line:g} dòng".replace(".", ",")].append(line)
        # "Exactly"/"at least" in points: single spacing of Times New Roman is 1.15 × size.
        elif not size <= look.line <= size * 1.15 * 1.5 + 0.5:
            wrong[pt(look.line)].append(line)
    yield from _grouped("ND30-BODY-LINE-SPACING", wrong, "Khoảng cách dòng phải từ dòng đơn "
                        "đến 1,5 dòng", "1–1,5 dòng")


def end_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    if not zones.body:
        return
    last = zones.body[-1]
    if not last.text.rstrip().endswith("./."):
        yield finding("ND30-END-MARK", last.where, "Đoạn cuối của nội dung văn bản phải kết "
                      "thúc bằng dấu “./.”.", "…./.", last.text[-20:], last.text)


# ---------------------------------------------------------------------------------------------
# Footer (Mục II, khoản 7 and 9)


def _column(doc: WordDoc, line: Line) -> str:
    """'left' (Nơi nhận) or 'right' (signer) for a footer line, from its table column, where
    its tab stop puts it, or (stacked paragraphs) its alignment and indent."""
    if line.cell is not None and line.cell.cols >= 2:
        return "left" if line.cell.col == 0 else "right"
    if line.x is not None:
        return "left" if line.x < doc.half_width else "right"
    look = doc.para_look(line.p)
    indented = max(look.left, look.left + look.first_line) >= 50 * MM
    return "right" if look.align in ("center", "right", "end") or indented else "left"


def footer_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    lines = [x for x in zones.footer if x.text]
    label = next((x for x in lines if is_noi_nhan(x.text)), None)
    yield from _noi_nhan(doc, zones, label, lines)
    signer = [x for x in lines if _column(doc, x) == "right" and x is not label
              and not re.fullmatch(r"\(.*\)", x.text) and not is_rule_text(x.text)]
    yield from _signer(doc, zones, signer)


def _noi_nhan(doc: WordDoc, zones: Zones, label: Line | None,
              lines: list[Line]) -> Iterator[Finding]:
    if label is None:
        yield _missing("ND30-NOI-NHAN", "“Nơi nhận:”", "cuối văn bản")
        return
    where = zones.where(label)
    if norm(label.text) != "Nơi nhận:":
        yield finding("ND30-NOI-NHAN", where, "Viết “Nơi nhận”, sau có dấu hai chấm (:).",
                      "Nơi nhận:", label.text, label.text)
    yield from _look(doc, zones, "ND30-NOI-NHAN", label, "“Nơi nhận”", 12, 12)
    if not doc.all_italic(label):
        yield finding("ND30-NOI-NHAN", where, "“Nơi nhận” phải in nghiêng, đậm.",
                      "nghiêng, đậm", "không nghiêng", label.text)
    items = [x for x in lines if x.index > label.index and _column(doc, x) == "left"]
    yield from _recipients(doc, zones, items, where)


def _recipients(doc: WordDoc, zones: Zones, items: list[Line],
                label_where: str) -> Iterator[Finding]:
    if not items:
        yield _missing("ND30-NOI-NHAN-LIST", "danh sách nơi nhận", label_where)
        return
    sizes = [x for x in items if _sizes_outside(doc, x, 11, 11)]
    if sizes:
        yield finding("ND30-NOI-NHAN-LIST", places([zones.where(x) for x in sizes]), "Danh sách "
                      "nơi nhận phải cỡ chữ 11.", "11 pt",
                      ", ".join(pt(s) for s in sorted(doc.sizes(sizes[0]))), sizes[0].text)
    for n, item in enumerate(items):
        problem = _recipient_problem(item.text, last=n == len(items) - 1)
        if problem:
            yield finding("ND30-NOI-NHAN-LIST", zones.where(item), problem[0], problem[1],
                          item.text, item.text)


def _recipient_problem(text: str, last: bool) -> tuple[str, str] | None:
    text = norm(text)
    if text[:1] not in ("-", "–", "−", "+") or not text[1:2].isspace():
        return "Mỗi nơi nhận bắt đầu bằng gạch đầu dòng (-).", "- …;"
    if not last:
        return None if text.endswith(";") else ("Mỗi nơi nhận kết thúc bằng dấu chấm phẩy (;).",
                                                "- …;")
    if not re.match(r"^[-–−] Lưu: VT\b", text):
        return "Dòng cuối cùng là “- Lưu: VT, …” (nơi lưu văn bản).", "- Lưu: VT, <đơn vị>."
    return None if text.endswith(".") else ("Dòng “Lưu” kết thúc bằng dấu chấm (.).",
                                            "- Lưu: VT, <đơn vị>.")


def _signer(doc: WordDoc, zones: Zones, lines: list[Line]) -> Iterator[Finding]:
    if not lines:
        yield _missing("ND30-SIGNER", "quyền hạn, chức vụ và họ tên người ký", "cuối văn bản")
        return
    name, titles = lines[-1], lines[:-1]
    if not titles:
        yield finding("ND30-SIGNER", zones.where(name), "Thiếu chức vụ hoặc họ tên người ký.",
                      "chức vụ và họ tên", name.text, name.text)
        return
    first = titles[0].text
    if is_signer_prefix(first) and not AUTHORITY.match(first):
        yield finding("ND30-SIGNER", zones.where(titles[0]), "Quyền hạn ký viết tắt là “TM.”, "
                      "“KT.”, “Q.”, “TL.” hoặc “TUQ.” rồi đến chức vụ.", ", ".join(AUTHORITIES),
                      first.split()[0], first)
    for line in titles:
        shown = norm(doc.shown_text(line))
        if shown != upper_vi(shown):
            yield finding("ND30-SIGNER", zones.where(line), "Quyền hạn, chức vụ người ký phải "
                          "viết in hoa.", upper_vi(shown), shown, line.text)
        yield from _look(doc, zones, "ND30-SIGNER", line, "quyền hạn, chức vụ người ký", 13, 14)
    yield from _look(doc, zones, "ND30-SIGNER", name, "họ tên người ký", 13, 14)


# ---------------------------------------------------------------------------------------------
# Page numbers (Mục I, khoản 7)


def _page_fields(root: Element | None) -> list[tuple[Element, bool]]:
    """(paragraph, conditional) for each paragraph of *root* holding a PAGE field; a field
    wrapped in IF (e.g. { IF { PAGE } > 1 … }) is conditional and hides itself on page 1."""
    out: list[tuple[Element, bool]] = []
    if root is None:
        return out
    for p in root.iter(w("p")):
        codes = [x.text or "" for x in p.iter(w("instrText"))]
        codes += [x.get(w("instr"), "") for x in p.iter(w("fldSimple"))]
        code = " ".join(codes)
        if re.search(r"(^|\s)PAGE(\s|\\|$)", code):
            out.append((p, re.search(r"(^|\s)IF\s", code) is not None))
    return out


def page_number_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    first = doc.sections[0]
    title_page = first.element.find(w("titlePg")) is not None and \
        first.element.find(w("titlePg")).get(w("val"), "1") not in ("0", "false")
    page_one = doc.header_footer(first, "header", "first" if title_page else "default")
    page_one_footer = doc.header_footer(first, "footer", "first" if title_page else "default")
    if any(not cond for _, cond in _page_fields(page_one) + _page_fields(page_one_footer)):
        yield finding("ND30-PAGE-NUMBER", "đầu trang của trang 1", "Không hiển thị số trang ở "
                      "trang thứ nhất: bật “Trang đầu khác” (Different First Page) và để trống "
                      "đầu trang của trang 1.", "trang 1 không có số", "trang 1 có số trang")
    kinds = ("default", "even") if doc.document.settings.odd_and_even_pages_header_footer \
        else ("default",)
    headers, footers = [], []
    for section in doc.sections:
        for kind in kinds:
            headers += _page_fields(doc.header_footer(section, "header", kind))
            footers += _page_fields(doc.header_footer(section, "footer", kind))
    if footers:
        yield finding("ND30-PAGE-NUMBER", "chân trang (footer)", "Số trang phải đặt ở lề trên "
                      "(đầu trang), canh giữa.", "đầu trang", "chân trang")
    for p, _ in {id(p): (p, c) for p, c in headers}.values():
        yield from _page_number_look(doc, p)
    if not headers and not footers and _estimated_pages(doc) > 1:
        yield finding("ND30-PAGE-NUMBER-MISSING", "đầu trang (header)", "Văn bản có vẻ dài hơn "
                      "một trang nhưng không đánh số trang (trường PAGE ở đầu trang, từ trang "
                      "2).", "số trang từ trang 2", "không có số trang")


def _page_number_look(doc: WordDoc, p: Element) -> Iterator[Finding]:
    look = doc.para_look(p)
    frame = p.find(f"{w('pPr')}/{w('framePr')}")
    centred = look.align == "center" or (frame is not None and
                                         frame.get(w("xAlign")) == "center")
    where = "đầu trang (header)"
    if not centred:
        yield finding("ND30-PAGE-NUMBER", where, "Số trang phải canh giữa theo chiều ngang.",
                      "canh giữa", alignment(look.align))
    runs = [r for r in p.iter(w("r"))]
    field_runs = [r for r in runs if r.find(w("t")) is not None] or runs
    sizes = {doc.run_look(r).size for r in field_runs}
    if any(not 12.99 <= s <= 14.01 for s in sizes):
        yield finding("ND30-PAGE-NUMBER", where, "Số trang phải cỡ chữ 13 đến 14.", "13–14 pt",
                      ", ".join(pt(s) for s in sorted(sizes)))
    if any(doc.run_look(r).italic for r in field_runs):
        yield finding("ND30-PAGE-NUMBER", where, "Số trang phải kiểu chữ đứng.", "đứng",
                      "nghiêng")


def _estimated_pages(doc: WordDoc) -> int:
    """A rough page count without a layout engine: explicit page breaks, or text height with
    Times New Roman's average advance (about half the size) in a 165 × 252 mm text area."""
    breaks = 1 + sum(1 for x in doc.lines if x.new_page)
    height = 0.0
    for line in {id(x.p): x for x in doc.lines if x.table is None}.values():
        size = max(doc.sizes(line) or {13.0})
        look = doc.para_look(line.p)
        rows = max(1, math.ceil(len(line.text) * size * 0.5 / (165 * MM)))
        height += rows * size * 1.15 * max(look.line if look.line_rule == "auto" else 1, 1) \
            + look.before + look.after
    cells: dict[tuple[int, int, int], float] = defaultdict(float)
    for line in doc.lines:
        if line.cell is not None:
            cells[(line.cell.table, line.cell.row, line.cell.col)] += 12 * 1.15
    heights: dict[tuple[int, int], float] = defaultdict(float)
    for (table, row, _), cell in cells.items():
        heights[(table, row)] = max(heights[(table, row)], cell)
    height += sum(heights.values())
    return max(breaks, math.ceil(height / (252 * MM)))


# ---------------------------------------------------------------------------------------------


RULE_GROUPS: tuple[Callable[[WordDoc, Zones], Iterator[Finding]], ...] = (
    page_rules, font_rules, header_rules, title_rules, body_rules, end_rules, footer_rules,
    page_number_rules)


def run_rules(doc: WordDoc) -> list[Finding]:
    """Every finding for one opened document, page rules first, then top to bottom."""
    zones = find_zones(doc)
    return [f for group in RULE_GROUPS for f in group(doc, zones)]
