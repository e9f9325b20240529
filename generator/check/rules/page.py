"""Rules about the page: paper and margins (Phụ lục I, Phần I, Mục I, khoản 1–3), fonts
(khoản 4) and page numbers (khoản 7)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from generator.check.blocks import Zones
from generator.check.doc import WordDoc
from generator.check.lines import per_paragraph
from generator.check.read import Element, num, w
from generator.vn.legacy import detect_legacy

from .base import MM, Finding, alignment, finding, places, pt

TNR = "Times New Roman"


# ---------------------------------------------------------------------------------------------
# Paper and margins (Mục I, khoản 1–3)


def page_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """Paper size, orientation and margins of every section."""
    many = len(doc.sections) > 1
    for section in doc.sections:
        where = f"phần {section.index + 1} (section)" if many else "trang giấy"
        width, height = page_size(section.element)
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


def page_size(sect: Element) -> tuple[float | None, float | None]:
    """Width and height of a section's paper in millimetres (None where not declared)."""
    return _twips(sect, "pgSz", "w"), _twips(sect, "pgSz", "h")


def _twips(sect: Element, tag: str, attr: str) -> float | None:
    """A length in twips of a section setting (page size, margins), in millimetres."""
    el = sect.find(w(tag))
    value = num(el.get(w(attr))) if el is not None else None
    return abs(value) * 25.4 / 1440 if value is not None else None


def _column_twips(value: str | None) -> float:
    """A gridCol width; a malformed one counts as 0 rather than stopping the check."""
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


def _is_wide_table(block: Element) -> bool:
    """A data table too wide for a portrait A4 text area (165 mm), or with many columns; the
    two-column header and footer tables are never "wide", whatever their width."""
    if not str(block.tag).endswith("}tbl"):
        return False
    cols = block.findall(f"{w('tblGrid')}/{w('gridCol')}")
    width = sum(_column_twips(c.get(w("w"))) for c in cols) * 25.4 / 1440
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
# Fonts (Mục I, khoản 4)


def font_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """Times New Roman in every shown run of every part, and text typed in Unicode."""
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
    yield from unicode_rules(doc)


def _is_tnr(name: str) -> bool:
    return name.strip().casefold() == TNR.casefold()


def _slots_shown(doc: WordDoc, run: Element, text: str) -> list[str]:
    """The font slots Word uses for *text*: ascii for ASCII letters, hAnsi for the others; with
    w:hint="eastAsia", Word draws Vietnamese letters with the eastAsia font."""
    out = ["ascii"] if any(c.isascii() and not c.isspace() for c in text) else []
    if any(not c.isascii() for c in text):
        out.append("hAnsi")
        if doc.run_hint(run) == "eastAsia":
            out.append("eastAsia")
    return out


def unicode_rules(doc: WordDoc) -> Iterator[Finding]:
    """Text typed in precomposed Unicode, not combining marks nor a legacy encoding."""
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
# Page numbers (Mục I, khoản 7)


def page_number_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """A PAGE field in the header from page 2 on, centred, 13–14 pt, upright."""
    first = doc.sections[0]
    # "Different first page" (w:titlePg) gives page 1 its own header and footer.
    title_pg = first.element.find(w("titlePg"))
    title_page = title_pg is not None and title_pg.get(w("val"), "1").lower() not in ("0", "false", "off")
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
    for p in dict.fromkeys(p for p, _ in headers):
        yield from _page_number_look(doc, p)
    if not headers and not footers and _estimated_pages(doc) > 1:
        yield finding("ND30-PAGE-NUMBER-MISSING", "đầu trang (header)", "Văn bản có vẻ dài hơn "
                      "một trang nhưng không đánh số trang (trường PAGE ở đầu trang, từ trang "
                      "2).", "số trang từ trang 2", "không có số trang")


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


def _page_number_look(doc: WordDoc, p: Element) -> Iterator[Finding]:
    look = doc.para_look(p)
    frame = p.find(f"{w('pPr')}/{w('framePr')}")
    centred = look.align == "center" or (frame is not None and
                                         frame.get(w("xAlign")) == "center")
    where = "đầu trang (header)"
    if not centred:
        yield finding("ND30-PAGE-NUMBER", where, "Số trang phải canh giữa theo chiều ngang.",
                      "canh giữa", alignment(look.align))
    runs = list(p.iter(w("r")))
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
    for line in per_paragraph(x for x in doc.lines if x.table is None):
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
