"""Rules about the header and title blocks (Phụ lục I, Phần I, Mục II, khoản 1–5): Quốc hiệu,
Tiêu ngữ, issuing agency, number and symbol, place and date, type name and trích yếu."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date

from generator.check.blocks import (
    DATE_LINE,
    DRAFT_BLANKS,
    TYPE_ABBREVIATIONS,
    Zones,
    is_date_line,
    is_header_item,
    is_number_line,
    is_quoc_hieu,
    is_tieu_ngu,
    norm,
)
from generator.check.doc import WordDoc, is_rule_text
from generator.check.lines import Line, per_paragraph
from generator.check.read import w
from generator.render import layout
from generator.vn.formats import upper_vi

from .base import MM, Finding, alignment, check_look, check_upper, finding, missing

QUOC_HIEU = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


# ---------------------------------------------------------------------------------------------
# Header (Mục II, khoản 1–4)


def header_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """Ô 1–4: Quốc hiệu and Tiêu ngữ, agency, number and symbol, place and date."""
    yield from _quoc_hieu(doc, zones)
    yield from _tieu_ngu(doc, zones)
    yield from _agency(doc, zones)
    yield from _number(doc, zones)
    yield from _date(doc, zones)


def _quoc_hieu(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    line = zones.first(zones.header, is_quoc_hieu)
    if line is None:
        yield missing("ND30-QUOC-HIEU", f"Quốc hiệu “{QUOC_HIEU[0]}”")
        return
    text = norm(doc.shown_text(line))
    if text not in QUOC_HIEU:
        upper = upper_vi(text) in QUOC_HIEU
        yield finding("ND30-QUOC-HIEU", zones.where(line), "Quốc hiệu phải viết in hoa."
                      if upper else "Quốc hiệu phải viết đúng nguyên văn, trên một dòng riêng.",
                      QUOC_HIEU[0], text, line.text)
    yield from check_look(doc, zones, "ND30-QUOC-HIEU", line, "Quốc hiệu", 12, 13)


def _tieu_ngu(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    line = zones.first(zones.header, is_tieu_ngu)
    if line is None:
        yield missing("ND30-TIEU-NGU", f"Tiêu ngữ “{TIEU_NGU}”")
        return
    text = norm(doc.shown_text(line))
    if text != TIEU_NGU:
        yield finding("ND30-TIEU-NGU", zones.where(line), _tieu_ngu_problem(text), TIEU_NGU,
                      text, line.text)
    yield from check_look(doc, zones, "ND30-TIEU-NGU", line, "Tiêu ngữ", 13, 14)
    if not _has_rule(doc, zones, line):
        yield _no_rule(zones, "ND30-TIEU-NGU", line, "Tiêu ngữ", "bằng dòng chữ")


def _tieu_ngu_problem(text: str) -> str:
    if text.casefold() == TIEU_NGU.casefold():
        return "Tiêu ngữ viết chữ in thường, chỉ viết hoa chữ cái đầu của mỗi cụm từ."
    if re.sub(r"\s*[-–—]\s*", " - ", text) == TIEU_NGU:
        return "Giữa các cụm từ của Tiêu ngữ là gạch nối (-), có cách chữ hai bên."
    return "Tiêu ngữ phải viết đúng nguyên văn."


def _no_rule(zones: Zones, rule: str, line: Line, under: str, length: str) -> Finding:
    """The finding for a missing rule under *line* (the decree gives each rule its length)."""
    return finding(rule, zones.where(line), f"Dưới {under} phải có đường kẻ ngang, nét liền, "
                   f"dài {length}.", "có đường kẻ", "không có", line.text)


def _has_rule(doc: WordDoc, zones: Zones, line: Line) -> bool:
    """A rule under *line*, or a line drawn elsewhere in the header on the same side (Word
    anchors a drawn line to whichever paragraph the clerk clicked)."""
    if doc.rule_below(line):
        return True
    same = [x for x in zones.header if _same_column(x, line)]
    for p in [x.p for x in per_paragraph(same)]:
        if any(line.table is not None or doc.same_side(line, c) for c in doc.line_shapes(p)):
            return True
    return False


def _same_column(a: Line, b: Line) -> bool:
    """Both in the same table cell, or both outside tables."""
    if a.cell is None or b.cell is None:
        return a.cell is None and b.cell is None
    return a.cell == b.cell


def _agency(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    candidates = _agency_lines(zones)
    if not candidates:
        yield missing("ND30-CO-QUAN", "tên cơ quan, tổ chức ban hành văn bản")
        return
    issuing = _trailing_bold(doc, candidates)
    for line in candidates:
        yield from check_upper(doc, zones, "ND30-CO-QUAN", line, "Tên cơ quan")
        yield from check_look(doc, zones, "ND30-CO-QUAN", line, "tên cơ quan", 12, 13,
                              bold=line in issuing)
    if not _has_rule(doc, zones, issuing[-1]):
        yield _no_rule(zones, "ND30-CO-QUAN", issuing[-1], "tên cơ quan ban hành",
                       "1/3 đến 1/2 dòng chữ")
    yield from _wrapped(doc, zones, candidates, issuing)


def cell_width(line: Line) -> float | None:
    """Width in points that *line*'s table cell gives its text (w:tcW in twips, less Word's
    default cell margins), or None outside a table or without a width."""
    tc = line.p.getparent()
    if tc is None or tc.tag != w("tc"):
        return None
    width = tc.find(f"{w('tcPr')}/{w('tcW')}")
    if width is None or width.get(w("type"), "dxa") != "dxa" or not width.get(w("w")):
        return None
    return int(width.get(w("w"))) / 20 - 2 * layout.CELL_MARGIN_PT


def _wrapped(doc: WordDoc, zones: Zones, lines: list[Line],
             issuing: list[Line]) -> Iterator[Finding]:
    """A header line wider than its column: Word breaks it wherever the column ends
    ("SỞ KHOA HỌC VÀ CÔNG" / "NGHỆ"), not where the meaning allows (Phụ lục I, ô 2)."""
    for line in lines:
        width = cell_width(line)
        sizes = doc.sizes(line)
        if width is None or not sizes:
            continue
        wide = layout.text_width(doc.shown_text(line), max(sizes), line in issuing)
        if wide > width + 0.5:
            yield finding("ND30-HEADER-WRAP", zones.where(line),
                          "Dòng tên cơ quan dài hơn cột: Word sẽ tự xuống dòng ở chỗ bất kỳ; "
                          "hãy ngắt dòng (Shift+Enter) ở chỗ hợp nghĩa hoặc dùng tên viết tắt "
                          "được phép.", f"≤ {width / MM:.0f} mm", f"{wide / MM:.0f} mm",
                          line.text)


def agency_lines(zones: Zones) -> list[Line]:
    """The header's agency lines (parent and issuing body), in order."""
    return _agency_lines(zones)


def issuing_lines(doc: WordDoc, zones: Zones) -> list[Line]:
    """The issuing body's lines (the bold group under the parent)."""
    candidates = _agency_lines(zones)
    return _trailing_bold(doc, candidates) if candidates else []


def _agency_lines(zones: Zones) -> list[Line]:
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
        yield missing("ND30-SO-KY-HIEU", "số, ký hiệu văn bản (“Số: …/…-…”)")
        return
    text = unicodedata.normalize("NFC", line.text)
    for problem, expected in _number_problems(text, zones):
        yield finding("ND30-SO-KY-HIEU", zones.where(line), problem, expected, text, text)
    yield from check_look(doc, zones, "ND30-SO-KY-HIEU", line, "số, ký hiệu", 13, 13, bold=None)


def _number_problems(text: str, zones: Zones) -> Iterator[tuple[str, str]]:
    match = NUMBER.match(text)
    if match is None:
        yield "Số, ký hiệu phải có dạng “Số: <số>/<ký hiệu>”.", "Số: 15/KH-VPCP"
        return
    if match["label"] != "Số" or not match["colon"]:
        yield "Chữ “Số” viết thường, sau có dấu hai chấm (:).", "Số:"
    num = match["num"].strip(DRAFT_BLANKS)
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
        yield missing("ND30-DIA-DANH-NGAY", "địa danh và ngày tháng năm ban hành")
        return
    text = norm(line.text)
    for problem, expected in _date_problems(text):
        yield finding("ND30-DIA-DANH-NGAY", zones.where(line), problem, expected, text, text)
    if not doc.all_italic(line):
        yield finding("ND30-DIA-DANH-NGAY", zones.where(line), "Địa danh và ngày tháng năm "
                      "phải in nghiêng.", "nghiêng", "không nghiêng", text)
    yield from check_look(doc, zones, "ND30-DIA-DANH-NGAY", line, "địa danh, ngày tháng", 13,
                          14, bold=None)


def _date_parts(match: re.Match[str]) -> tuple[str, str, str]:
    """Day, month and year as typed, without the blanks a draft leaves."""
    day, month, year = (match[k].strip(DRAFT_BLANKS) for k in ("d", "m", "y"))
    return day, month, year


def _decree_month(month: str) -> str:
    """Months 1 and 2 take a leading zero, the others none (01, 02, 3 … 12)."""
    return f"{int(month):02d}" if int(month) <= 2 else str(int(month))


def _decree_date(match: re.Match[str]) -> str:
    """The clerk's own date line written as the decree wants it (the example if it cannot)."""
    day, month, year = _date_parts(match)
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        return "Hà Nội, ngày 05 tháng 01 năm 2021"
    place = match["place"].strip()
    return (f"{place[:1].upper()}{place[1:]}, ngày {int(day):02d} tháng {_decree_month(month)} "
            f"năm {year}")


def _date_problems(text: str) -> Iterator[tuple[str, str]]:
    match = DATE_LINE.match(text)
    if match is None:        # is_date_line matched it, so this cannot happen; kept for mypy
        return
    example = _decree_date(match)
    if not match["comma"]:
        yield "Sau địa danh phải có dấu phẩy (,).", example
    if not match["place"][:1].isupper():
        yield "Chữ cái đầu của địa danh phải viết hoa.", example
    day, month, year = _date_parts(match)
    if day.isdigit() and int(day) < 10 and len(day) < 2:
        yield "Ngày nhỏ hơn 10 phải ghi thêm số 0 phía trước.", f"ngày 0{day}"
    if month.isdigit():
        wanted = _decree_month(month)
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
    """Ô 5: the type name and the trích yếu under it, or a công văn's "V/v" line."""
    line = zones.type_name
    if line is None:
        if not zones.abstract:
            yield missing("ND30-TEN-LOAI", "tên loại văn bản và trích yếu (hoặc “V/v …” của "
                          "công văn)", "sau phần đầu văn bản")
        else:
            yield from check_look(doc, zones, "ND30-TRICH-YEU", zones.abstract[0],
                                  "trích yếu công văn", 12, 13, bold=None)
        return
    yield from check_upper(doc, zones, "ND30-TEN-LOAI", line, "Tên loại văn bản")
    yield from check_look(doc, zones, "ND30-TEN-LOAI", line, "tên loại văn bản", 13, 14)
    yield from _centred(doc, zones, "ND30-TEN-LOAI", line, "Tên loại văn bản")
    yield from _abstract(doc, zones, line)


def _centred(doc: WordDoc, zones: Zones, rule: str, line: Line, name: str) -> Iterator[Finding]:
    align = doc.para_look(line.p).align
    if align != "center":
        yield finding(rule, zones.where(line), f"{name} phải canh giữa.", "canh giữa",
                      alignment(align), line.text)


def _abstract(doc: WordDoc, zones: Zones, type_name: Line) -> Iterator[Finding]:
    if not zones.abstract:
        yield missing("ND30-TRICH-YEU", "trích yếu nội dung dưới tên loại văn bản",
                      zones.where(type_name))
        return
    for line in zones.abstract:
        yield from check_look(doc, zones, "ND30-TRICH-YEU", line, "trích yếu", 13, 14)
        yield from _centred(doc, zones, "ND30-TRICH-YEU", line, "Trích yếu")
    last = zones.abstract[-1]
    if not doc.rule_below(last):
        yield _no_rule(zones, "ND30-TRICH-YEU", last, "trích yếu", "1/3 đến 1/2 dòng chữ")
