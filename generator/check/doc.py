"""An opened .docx as the rules see it: :class:`WordDoc`.

WordDoc adds to the resolved :class:`~generator.checker_read.Formatting` the lines of the body in
reading order (:mod:`generator.checker_lines`), and the questions the rules ask about them: is a
line bold, what sizes does it show, is there a rule under it (Word has no "rule" object, so
clerks draw one in several ways), which header a section shows. The rules use only these methods.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from .lines import Body, Line, Section
from .read import NOT_SHOWN, Element, Formatting, children_runs, in_fallback, num, w

EMU_PER_PT = 12700
HALF_WIDTH = 234.0      # pt: half the text area of A4 with the decree's 30 and 15 mm margins


class WordDoc(Formatting):
    """An opened .docx as Word shows it: resolved looks, lines in reading order, sections."""

    def __init__(self, document: DocxDocument) -> None:
        super().__init__(document)
        body = Body(self)
        self.lines: list[Line] = body.lines
        self.sections: list[Section] = body.sections
        self.where_of = body.where_of
        self.half_width = _half_text_width(self.sections[0].element)

    # -- the look of a line ----------------------------------------------------------------

    def visible_runs(self, line: Line) -> list[Element]:
        """The runs of *line* that are not hidden text."""
        return [r for r in line.runs if not self.run_look(r).hidden]

    def sizes(self, line: Line) -> set[float]:
        """The font sizes *line* shows, footnote marks (superscript, subscript) left out."""
        return {self.run_look(r).size for r in self.visible_runs(line)
                if not self.run_look(r).raised}

    def all_bold(self, line: Line) -> bool:
        runs = self.visible_runs(line)
        return bool(runs) and all(self.run_look(r).bold for r in runs)

    def mostly_bold(self, line: Line) -> bool:
        """More than half of the characters are bold (a heading, not running text)."""
        runs = self.visible_runs(line)
        bold = sum(len(_run_text(r)) for r in runs if self.run_look(r).bold)
        return bold * 2 > sum(len(_run_text(r)) for r in runs)

    def all_italic(self, line: Line) -> bool:
        runs = self.visible_runs(line)
        return bool(runs) and all(self.run_look(r).italic for r in runs)

    def shown_text(self, line: Line) -> str:
        """The text as printed: runs formatted 'All caps' show capitals."""
        if line.runs and all(self.run_look(r).caps for r in self.visible_runs(line)):
            return line.text.upper()
        return line.text

    def underlined(self, line: Line) -> bool:
        runs = self.visible_runs(line)
        return bool(runs) and all(self.run_look(r).underline for r in runs)

    # -- rules under a line, drawn lines --------------------------------------------------

    def rule_below(self, line: Line) -> bool:
        """Is there a solid rule under *line*? Word has no 'rule' object, so clerks draw it as a
        bottom border, a top border (or an empty bordered paragraph) below, a row of underscores,
        an underline, or a drawn line; a drawn line must sit on the line's side of a tab-built
        two-column header."""
        look = self.para_look(line.p)
        if look.border_bottom or self.underlined(line):
            return True
        nxt = self.next_paragraph(line.p)
        candidates = [line.p] + ([nxt] if nxt is not None else [])
        if nxt is not None:
            after = self.para_look(nxt)
            text = "".join(_run_text(r) for r in children_runs(nxt))
            if after.border_top or (not text.strip() and after.border_bottom) \
                    or is_rule_text(text):
                return True
        return any(self.same_side(line, x) for p in candidates for x in self.line_shapes(p))

    def line_shapes(self, p: Element) -> list[float | None]:
        """Drawn straight lines anchored in *p*: the centre of each, in points from the left
        margin (None when Word positions it in a way we cannot tell, e.g. inline)."""
        out: list[float | None] = []
        for drawing in p.iter(w("drawing")):
            if in_fallback(drawing) or not _is_line_geometry(drawing):
                continue
            out.append(_drawing_centre(drawing))
        for shape in p.iter("{urn:schemas-microsoft-com:vml}line",
                            "{urn:schemas-microsoft-com:vml}shape"):
            if not in_fallback(shape) and _is_vml_line(shape):
                out.append(_vml_centre(shape))
        return out

    def same_side(self, line: Line, x: float | None) -> bool:
        """Could a drawn line centred at *x* be under *line*? Only the side of the page is
        known for a tab-built two-column line; anything goes for a one-column paragraph."""
        if x is None or line.x is None:
            return True
        return (x < self.half_width) == (line.x < self.half_width)

    def next_paragraph(self, p: Element) -> Element | None:
        """The paragraph right after *p*; None when a table (or nothing) follows."""
        sibling = p.getnext()
        while sibling is not None and sibling.tag not in (w("p"), w("tbl")):
            sibling = sibling.getnext()
        return sibling if sibling is not None and sibling.tag == w("p") else None

    # -- the other parts: headers, footers, notes ----------------------------------------

    def part_roots(self) -> list[tuple[str, Element]]:
        """(label, root) of every part with text: body, headers, footers, notes."""
        roots = [("thân văn bản", self.document.element.body)]
        labels = {RT.HEADER: "đầu trang (header)", RT.FOOTER: "chân trang (footer)",
                  RT.FOOTNOTES: "chú thích cuối trang", RT.ENDNOTES: "chú thích cuối văn bản"}
        for rel in self.document.part.rels.values():
            if rel.is_external or rel.reltype not in labels:
                continue
            part = rel.target_part
            element = getattr(part, "element", None)
            roots.append((labels[rel.reltype],
                          element if element is not None else etree.fromstring(part.blob)))
        return roots

    def text_runs(self) -> Iterator[tuple[str, Element, str]]:
        """(where, run, text) for every shown run with text, in every part."""
        for label, root in self.part_roots():
            for r in _all_runs(root):
                text = _run_text(r)
                if text.strip() and not self.run_look(r).hidden:
                    p = next(r.iterancestors(w("p")), None)
                    yield self.where_of.get(p, label) if p is not None else label, r, text

    def header_footer(self, section: Section, kind: str, which: str) -> Element | None:
        """The root of the *kind* ('header'|'footer') part of type *which* ('default', 'first',
        'even') that *section* shows; a section without its own reference inherits the previous
        section's (Word's 'Link to Previous')."""
        for sect in reversed([s.element for s in self.sections[:section.index + 1]]):
            for ref in sect.findall(w(f"{kind}Reference")):
                if ref.get(w("type")) == which:
                    rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                                  "relationships}id")
                    part = self.document.part.related_parts.get(rid)
                    return getattr(part, "element", None) if part is not None else None
        return None


def is_rule_text(text: str) -> bool:
    """A row of underscores, hyphens or dashes: how clerks type a rule without a border."""
    chars = text.replace(" ", "").replace("\u00a0", "")
    return len(chars) >= 3 and set(chars) <= set("_-–—─━=")


def _half_text_width(sect: Element) -> float:
    """Half the width of the text area in points (HALF_WIDTH when the section does not say)."""
    size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
    if size is None or margins is None:
        return HALF_WIDTH
    width = num(size.get(w("w"))) or 0
    sides = (num(margins.get(w("left"))) or 0) + (num(margins.get(w("right"))) or 0)
    return (width - sides) / 40 if width > sides else HALF_WIDTH


def _run_text(r: Element) -> str:
    return "".join(t.text or "" for t in r.findall(w("t")))


def _all_runs(el: Element) -> Iterator[Element]:
    """Every shown w:r under *el*, text boxes included, deleted and fallback copies excluded."""
    for child in el:
        if child.tag in NOT_SHOWN:
            continue
        if child.tag == w("r"):
            yield child
        yield from _all_runs(child)


def _is_line_geometry(drawing: Element) -> bool:
    geometry = drawing.find(".//{*}prstGeom")
    if geometry is not None and geometry.get("prst") in ("line", "straightConnector1"):
        return True
    return drawing.find(".//{*}cNvCnPr") is not None      # a connector drawn as a line


def _drawing_centre(drawing: Element) -> float | None:
    """Centre of a floating DrawingML shape in points from the left margin; None for an inline
    shape or a position relative to something we do not lay out (a character, a paragraph)."""
    anchor = drawing.find("{*}anchor")
    extent = anchor.find("{*}extent") if anchor is not None else None
    position = anchor.find("{*}positionH") if anchor is not None else None
    if position is None or extent is None:
        return None
    width = (num(extent.get("cx")) or 0) / EMU_PER_PT
    offset, align = position.find("{*}posOffset"), position.find("{*}align")
    x: float | None
    if offset is not None and offset.text:
        x = float(offset.text) / EMU_PER_PT + width / 2
    elif align is not None:
        x = {"left": width / 2, "center": HALF_WIDTH,
             "right": 2 * HALF_WIDTH - width / 2}.get(align.text or "")
    else:
        return None
    if x is not None and position.get("relativeFrom") == "page":
        x -= 85.0          # the page's left edge is about one left margin (30 mm) away
    return x if position.get("relativeFrom") in ("page", "margin", "column") else None


def _is_vml_line(shape: Element) -> bool:
    if shape.tag.endswith("}line"):
        return True
    o_ns = "{urn:schemas-microsoft-com:office:office}"
    return shape.get("type") == "#_x0000_t32" or shape.get(f"{o_ns}connectortype") is not None


def _vml_centre(shape: Element) -> float | None:
    """Centre of a VML line (old Word drawings) in points: from its end points, or its CSS."""
    if shape.tag.endswith("}line"):
        ends = [_css_pt((shape.get(end) or "").split(",")[0]) for end in ("from", "to")]
        if ends[0] is not None and ends[1] is not None:
            return (ends[0] + ends[1]) / 2
    style = dict(part.split(":", 1) for part in (shape.get("style") or "").split(";")
                 if ":" in part)
    left, width = _css_pt(style.get("margin-left")), _css_pt(style.get("width"))
    return None if left is None else left + (width or 0) / 2


def _css_pt(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*(-?[\d.]+)\s*(pt|in|mm|cm|px)?\s*", value or "")
    if not match:
        return None
    factor = {"pt": 1, "in": 72, "mm": 72 / 25.4, "cm": 72 / 2.54, "px": 0.75, None: 1}
    return float(match.group(1)) * factor[match.group(2)]
