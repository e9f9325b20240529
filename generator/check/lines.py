"""The text of a document as `thidua check` reads it: lines in reading order, and sections.

A :class:`Line` is a paragraph, or the part of it between tabs or line breaks: clerks build the
two-column header and footer with tables *or* with tab stops, so a piece between tabs is a
column of its own, placed where Word's tab stops put it (Times New Roman advance widths from
:mod:`generator.layout`). Text boxes are read after the paragraph that anchors them.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from generator.render.layout import text_width

from .read import Element, Formatting, children_runs, in_fallback, num, w


@dataclass(frozen=True)
class Cell:
    """Where a paragraph sits in a table (table ordinal from 1, row and column from 0)."""

    table: int
    row: int
    col: int
    cols: int


@dataclass
class Line:
    """One visual piece of text: a paragraph, or the part of it between tabs or line breaks.

    Clerks build the two-column header and footer with tables *or* with tab stops, so a piece
    between tabs is a column of its own; ``x`` says where its tab stop puts it."""

    text: str                      # NFC, trimmed; a bullet's character in front
    runs: list[Element]            # the runs that show its text
    p: Element
    where: str                     # "đoạn 12", "bảng 1, hàng 1, cột 2"
    cell: Cell | None = None
    after_tab: bool = False        # a tab comes just before it
    has_tabs: bool = False         # its paragraph has several tab-separated pieces
    new_page: bool = False         # a page or section break comes just before it
    in_textbox: bool = False
    x: float | None = None         # centre of a tab-built piece, in pt from the left margin
    index: int = 0                 # position in WordDoc.lines

    @property
    def table(self) -> int | None:
        return self.cell.table if self.cell else None


def per_paragraph(lines: Iterable[Line]) -> list[Line]:
    """One line per paragraph (its last piece), in reading order: for paragraph-level checks."""
    return list({id(x.p): x for x in lines}.values())


@dataclass
class Section:
    """One Word section: its page setup and the body blocks it holds."""

    index: int
    element: Element
    blocks: list[Element] = field(default_factory=list)


class Body:
    """The body of one document read into lines (reading order) and its Word sections."""

    def __init__(self, fmt: Formatting) -> None:
        self.fmt = fmt
        self.lines: list[Line] = []
        self.sections: list[Section] = []
        self.where_of: dict[Element, str] = {}   # paragraph → "đoạn 12", "bảng 1, …"
        self._paragraphs = self._tables = 0
        self._read(fmt.document.element.body)

    def _read(self, body: Element) -> None:
        # Without a final w:sectPr Word falls back to its own page setup: read it as empty.
        last = body.find(w("sectPr"))
        last = last if last is not None else etree.Element(w("sectPr"))
        self.sections = [Section(0, last)]
        new_page = False
        for block in _blocks(body):
            self.sections[-1].blocks.append(block)
            if block.tag == w("tbl"):
                self._tables += 1
                self._add_table(block, new_page)
                new_page = False
                continue
            new_page = self._add_paragraph(block, new_page)
            sect = block.find(f"{w('pPr')}/{w('sectPr')}")
            if sect is not None:
                self.sections[-1].element = sect
                self.sections.append(Section(len(self.sections), last))
                new_page = True     # orientation and numbering changes need a new page
        for i, line in enumerate(self.lines):
            line.index = i

    def _add_table(self, tbl: Element, new_page: bool) -> None:
        for r, row in enumerate(tbl.findall(w("tr"))):
            cells = row.findall(w("tc"))
            for c, cell in enumerate(cells):
                for p in _cell_paragraphs(cell):
                    place = Cell(self._tables, r, c, len(cells))
                    self._add_paragraph(p, new_page, place,
                                        f"bảng {self._tables}, hàng {r + 1}, cột {c + 1}")
                    new_page = False

    def _add_paragraph(self, p: Element, new_page: bool, cell: Cell | None = None,
                       where: str | None = None) -> bool:
        """Append the lines of *p*; returns whether a page break ends it."""
        self._paragraphs += 1
        where = where or f"đoạn {self._paragraphs}"
        self.where_of[p] = where
        new_page = new_page or self.fmt.para_look(p).page_break_before
        pieces = list(self._pieces(p))
        visible = [piece for piece in pieces if piece.text.strip()] or pieces[:1]
        bullet = self.fmt.bullet(p)
        for n, piece in enumerate(visible):
            text = unicodedata.normalize("NFC", piece.text).strip()
            if n == 0 and bullet and text:
                text = f"{bullet} {text}"
            tabbed = len(visible) > 1 or piece.after_tab
            self.lines.append(Line(
                text, piece.runs, p, where, cell, after_tab=piece.after_tab,
                has_tabs=len(visible) > 1, new_page=new_page or piece.page,
                x=piece.centre() if tabbed and cell is None else None))
            new_page = False
        for box in _textboxes(p):
            start = len(self.lines)
            for inner in box.iter(w("p")):
                self._add_paragraph(inner, False, None, f"khung chữ trong {where}")
            for line in self.lines[start:]:
                line.in_textbox = True
        # A page break that ends the paragraph pushes the next one onto a new page.
        return pieces[-1].page and not pieces[-1].text.strip()

    def _pieces(self, p: Element) -> Iterator[_Piece]:
        """The pieces of *p* between tabs and line breaks, each with its centre: Word moves
        the text after a tab to the next tab stop, so a tab-built header is laid out from the
        tab stops and the text widths (Times New Roman advance widths, generator.layout)."""
        look = self.fmt.para_look(p)
        stops = self._tab_stops(p)
        piece = _Piece(start=look.left + look.first_line)
        for r in children_runs(p):
            run = self.fmt.run_look(r)
            for kind, value in _run_items(r):
                if kind == "text":
                    piece.add(r, value, text_width(value, run.size, run.bold))
                    continue
                yield piece
                if kind == "tab":
                    position, align = _next_stop(stops, piece.end(), self.fmt.default_tab())
                    piece = _Piece(start=position, align=align, after_tab=True)
                else:
                    piece = _Piece(start=look.left, page=kind == "page")
        yield piece

    def _tab_stops(self, p: Element) -> list[tuple[float, str]]:
        """Custom tab stops (points from the margin, alignment), style chain first; a "clear"
        stop in a nearer layer removes an inherited one."""
        styles = self.fmt.styles
        layers = [x.find(w("pPr")) for x in reversed(styles.chain(styles.para_style(p)))]
        stops: dict[float, str] = {}
        for layer in [*layers, p.find(w("pPr"))]:
            tabs = layer.find(w("tabs")) if layer is not None else None
            for tab in tabs if tabs is not None else []:
                position = (num(tab.get(w("pos"))) or 0) / 20
                if tab.get(w("val")) in ("clear", "bar"):
                    stops.pop(position, None)
                else:
                    stops[position] = tab.get(w("val"), "left")
        return sorted(stops.items())


def _blocks(parent: Element) -> Iterator[Element]:
    """w:p and w:tbl children in order, unwrapping content controls and custom XML."""
    for child in parent:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            yield from _blocks(child)


def _cell_paragraphs(cell: Element) -> Iterator[Element]:
    """Paragraphs of a table cell, nested tables included, text boxes excluded (read apart)."""
    for p in cell.iter(w("p")):
        if not any(a.tag.endswith("}txbxContent") for a in p.iterancestors()):
            yield p


def _textboxes(p: Element) -> Iterator[Element]:
    for box in p.iter("{*}txbxContent"):
        if not in_fallback(box):
            yield box


def _run_items(r: Element) -> Iterator[tuple[str, str]]:
    """('text', s), ('tab', ''), ('break', '') or ('page', '') for the content of one run."""
    for child in r:
        tag = child.tag
        if tag == w("t"):
            yield "text", child.text or ""
        elif tag in (w("tab"), w("ptab")):
            yield "tab", ""
        elif tag == w("br"):
            yield ("page" if child.get(w("type")) == "page" else "break"), ""
        elif tag == w("cr"):
            yield "break", ""
        elif tag == w("noBreakHyphen"):
            yield "text", "-"


@dataclass
class _Piece:
    """Text between two tabs or breaks while a paragraph is read, with its geometry."""

    start: float = 0.0
    align: str = "left"          # alignment of the tab stop the piece starts at
    after_tab: bool = False
    page: bool = False
    text: str = ""
    width: float = 0.0
    runs: list[Element] = field(default_factory=list)

    def add(self, r: Element, text: str, width: float) -> None:
        self.text += text
        self.width += width
        if text.strip() and (not self.runs or self.runs[-1] is not r):
            self.runs.append(r)

    def centre(self) -> float:
        if self.align == "center":
            return self.start
        if self.align in ("right", "end"):
            return self.start - self.width / 2
        return self.start + self.width / 2

    def end(self) -> float:
        return self.centre() + self.width / 2


def _next_stop(stops: list[tuple[float, str]], x: float, default: float) -> tuple[float, str]:
    """The tab stop a tab at *x* jumps to: the next custom stop, else the next default one."""
    for position, align in stops:
        if position > x + 0.5:
            return position, align
    return (math.floor(x / default) + 1) * default, "left"
