"""How the text is set: line breaks in the trích yếu (issue 13, point 2) and the width of
tables against the text area (point 9).

Line breaks are estimated as Word fills a centred line: Times New Roman's advance widths at the
line's size over the text area's width, breaking at ordinary spaces and after hyphens
(:func:`generator.vn.linebreaks.wrap`). The estimate can differ from Word by a word at a line's
end, so a line break is a warning; a table wider than the text area is measured exactly.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from generator.check.blocks import Zones
from generator.check.doc import WordDoc, _half_text_width
from generator.check.lines import Line
from generator.check.read import Element, num, w
from generator.render import layout
from generator.vn import linebreaks

from .base import MM, Finding, finding

_SPLIT_WORDS = {word.casefold() for word in linebreaks.WORDS if word.count(" ") == 1}


def line_break_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """ND30-LINE-BREAK for the trích yếu and the "(Kèm theo …)" line of an attached list."""
    width = 2 * _half_text_width(doc.sections[0].element)
    lines = list(zones.abstract)
    lines += [x for x in doc.lines if x.text.startswith("(Kèm theo") and x not in lines]
    for line in lines:
        problem = _break_problem(doc, line, width)
        if problem:
            yield finding("ND30-LINE-BREAK", zones.where(line), problem[0], problem[1],
                          problem[2], line.text)


def _raw_text(line: Line) -> str:
    """The line's text with its no-break spaces and hyphens as typed (w:noBreakHyphen too)."""
    out = []
    for r in line.runs:
        for child in r:
            if child.tag == w("t"):
                out.append(child.text or "")
            elif child.tag == w("noBreakHyphen"):
                out.append(linebreaks.NB_HYPHEN)
    return " ".join("".join(out).split(" ")).strip(" ")


def _break_problem(doc: WordDoc, line: Line, width: float) -> tuple[str, str, str] | None:
    """(message, expected, found) for the first bad break of *line*, or None."""
    sizes = doc.sizes(line)
    text = _raw_text(line)
    if not sizes or not text:
        return None
    size, bold = max(sizes), doc.mostly_bold(line)
    rows = linebreaks.wrap(text, lambda t: layout.text_width(t, size, bold), width)
    for upper, lower in itertools.pairwise(rows):
        if re.search(r"[^\W_]-\Z", upper) and re.match(r"[^\W_]", lower):
            term = upper.rsplit(" ", 1)[-1] + lower.split(" ", 1)[0]
            message = (f"Dòng bị ngắt giữa «{term}» (sau gạch nối): dùng gạch nối không ngắt "
                       "(Ctrl+Shift+-).")
            return message, term, f"{upper[-12:]} / {lower[:12]}"
        pair = f"{upper.rsplit(' ', 1)[-1]} {lower.split(' ', 1)[0]}"
        if pair.replace(linebreaks.NBSP, " ").casefold() in _SPLIT_WORDS:
            message = (f"Dòng bị ngắt giữa từ «{pair}»: dùng dấu cách không ngắt "
                       "(Ctrl+Shift+Space).")
            return message, pair, f"{upper[-12:]} / {lower[:12]}"
    if len(rows) > 1 and len(rows[-1].split(" ")) == 1 and linebreaks.NBSP not in rows[-1]:
        message = ("Dòng cuối của trích yếu chỉ có một từ: ngắt dòng sớm hơn hoặc nối hai từ "
                   "cuối bằng dấu cách không ngắt.")
        return message, "ít nhất hai từ ở dòng cuối", rows[-1]
    return None


# ---------------------------------------------------------------------------------------------
# Tables against the text area (Phụ lục I, Phần I, Mục I khoản 3: the margins bound the text)


def _grid_width(table: Element) -> float:
    """Width in points of a table's grid (the sum of its w:gridCol)."""
    grid = table.find(w("tblGrid"))
    if grid is None:
        return 0.0
    return sum(num(col.get(w("w"))) or 0 for col in grid.findall(w("gridCol"))) / 20


def table_width_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """ND30-TABLE-WIDTH: no table is wider than the text area of its section (a centred table
    wider than it stands out over both margins)."""
    number = 0
    for section in doc.sections:
        area = 2 * _half_text_width(section.element)
        for table in (b for b in section.blocks if b.tag == w("tbl")):
            number += 1
            wide = _grid_width(table)
            if wide > area + 0.5 * MM:
                yield finding("ND30-TABLE-WIDTH", f"bảng {number}",
                              "Bảng rộng hơn vùng trình bày văn bản (lấn ra lề): thu hẹp các "
                              "cột cho vừa.", f"≤ {area / MM:.0f} mm", f"{wide / MM:.0f} mm")
