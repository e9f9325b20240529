"""`thidua check`: is a .docx laid out as Nghị định 30/2020/NĐ-CP, Phụ lục I asks?

The library API of the checker (no Click, no printing):

- :func:`check_document` reads one .docx and returns its :class:`Finding` list;
- :func:`check_files` checks several files and never stops at an unreadable one;
- :func:`format_text`, :func:`format_json` and :func:`exit_code` turn reports into output.

This module opens the file and reads what Word *shows*: every property is resolved the way Word
resolves it (direct formatting → character style → paragraph style → numbering → table style →
document defaults, theme fonts through the theme part), so a document a clerk formatted by hand
is judged by its look, never by thidua's own "TD …" style names. The rules, and the recognition of
the blocks by their content and position, live in :mod:`generator.checker_rules`; they only use
the methods of :class:`WordDoc`.
"""

from __future__ import annotations

import io
import json
import math
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from .checker_rules import RULES, Finding, is_rule_text, run_rules, w
from .errors import UnreadableDocument
from .layout import text_width

__all__ = [
    "RULES",
    "FileReport",
    "Finding",
    "WordDoc",
    "check_document",
    "check_files",
    "exit_code",
    "format_json",
    "format_text",
]

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
EMU_PER_PT = 12700


_OFF = {"0", "false", "off", "none"}
# Subtrees that Word does not show: deleted text, and the fallback copy of a drawing that
# mc:AlternateContent keeps for old readers (its text would otherwise be read twice).
_HIDDEN_TREES = {w("del"), w("moveFrom"), f"{{{MC_NS}}}Fallback", w("pPr"), w("rPr"),
                 w("sectPr"), w("tblPr"), w("trPr"), w("tcPr")}


# ---------------------------------------------------------------------------------------------
# Opening: every way a file can fail to be a .docx becomes one UnreadableDocument


def _refuse(path: Path, why: str) -> UnreadableDocument:
    return UnreadableDocument(f"{path}: {why}")


def _sniff(path: Path, data: bytes) -> None:
    """Name the kind of file from its first bytes, for a message the clerk can act on."""
    if not data:
        raise _refuse(path, "tệp rỗng (0 byte), không phải văn bản Word .docx.")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # An OLE compound file: Word 97–2003, or a .docx that Word encrypted with a password
        # (the package is then kept in an "EncryptedPackage" stream next to "EncryptionInfo").
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise _refuse(path, "văn bản Word đã được đặt mật khẩu (mã hóa) nên không đọc được; "
                                "hãy gỡ mật khẩu (Word: Tệp > Thông tin > Bảo vệ tài liệu) "
                                "rồi kiểm tra lại.")
        raise _refuse(path, "đây là tệp Word 97-2003 (.doc) hoặc tệp Office cũ, không phải "
                            ".docx; hãy mở bằng Word và lưu lại dưới dạng .docx.")
    if data.startswith(b"%PDF"):
        raise _refuse(path, "đây là tệp PDF; chỉ kiểm tra được văn bản Word .docx.")
    if data.lstrip().startswith(b"{\\rtf"):
        raise _refuse(path, "đây là tệp RTF; hãy mở bằng Word và lưu lại dưới dạng .docx.")
    if not data.startswith(b"PK"):
        raise _refuse(path, "không phải văn bản Word .docx (tệp .docx là một gói nén ZIP).")


def _open_package(path: Path, data: bytes) -> DocxDocument:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            damaged = package.testzip()
            names = set(package.namelist())
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as err:
        raise _refuse(path, f"tệp .docx bị hỏng hoặc không đầy đủ (gói ZIP lỗi: {err}); "
                            "hãy lấy lại bản gốc.") from err
    if damaged is not None:
        raise _refuse(path, f"tệp .docx bị hỏng: phần {damaged} không giải nén được.")
    foreign = _foreign_package(names)
    if foreign:
        raise _refuse(path, f"đây là {foreign}, không phải văn bản Word .docx; hãy mở bằng "
                            "trình soạn thảo và lưu lại dưới dạng .docx.")
    try:
        document = docx.Document(io.BytesIO(data))
    # python-docx reports a broken or foreign package through many types (KeyError for a
    # missing part, ValueError for a spreadsheet's content type, lxml and zlib errors for a
    # damaged member…); all of them mean the same thing to the clerk.
    except Exception as err:
        raise _refuse(path, "không đọc được nội dung văn bản Word (tệp không phải .docx hoặc "
                            f"đã bị hỏng: {type(err).__name__}).") from err
    if document.element.body is None:
        raise _refuse(path, "tệp .docx bị hỏng: không có phần nội dung văn bản (w:body).")
    return document


def _foreign_package(names: set[str]) -> str | None:
    """Name another office format that is also a zip package."""
    if "word/document.xml" in names:
        return None
    for marker, kind in (("content.xml", "tệp OpenDocument (.odt)"),
                         ("xl/workbook.xml", "bảng tính Excel"),
                         ("ppt/presentation.xml", "tệp PowerPoint")):
        if marker in names:
            return kind
    return None


def open_docx(path: Path) -> DocxDocument:
    """The python-docx Document of *path*; UnreadableDocument (in Vietnamese) otherwise."""
    if not path.exists():
        raise _refuse(path, "không tìm thấy tệp.")
    if not path.is_file():
        raise _refuse(path, "không phải là tệp (có thể là một thư mục).")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise _refuse(path, f"không đọc được tệp ({err.strerror}).") from err
    _sniff(path, data)
    return _open_package(path, data)


# ---------------------------------------------------------------------------------------------
# What Word shows: property resolution


@dataclass(frozen=True)
class RunLook:
    """The resolved look of one run."""

    size: float          # points
    bold: bool
    italic: bool
    caps: bool           # "All caps" shows lower-case letters as capitals
    underline: bool
    hidden: bool
    raised: bool         # superscript or subscript (footnote marks)


@dataclass(frozen=True)
class ParaLook:
    """The resolved layout of one paragraph (lengths in points)."""

    align: str
    first_line: float    # negative for a hanging indent
    left: float
    before: float
    after: float
    line_rule: str       # "auto" (multiple of single) | "exact" | "atLeast"
    line: float          # multiple for "auto", points otherwise
    contextual: bool
    style: str
    border_top: bool
    border_bottom: bool
    page_break_before: bool


def _on(el: etree._Element | None) -> bool | None:
    """An ST_OnOff element: present without w:val means on."""
    if el is None:
        return None
    return el.get(w("val"), "1").lower() not in _OFF


def _num(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _first(layers: Iterable[etree._Element], get: Callable[[etree._Element], Any]) -> Any:
    for layer in layers:
        value = get(layer)
        if value is not None:
            return value
    return None


class Styles:
    """styles.xml, the theme's fonts and numbering.xml: the layers Word resolves through."""

    def __init__(self, document: DocxDocument) -> None:
        root = document.styles.element
        self.by_id = {s.get(w("styleId")): s for s in root.findall(w("style"))}
        self.default = {s.get(w("type")): s.get(w("styleId")) for s in root.findall(w("style"))
                        if _on_attr(s.get(w("default")))}
        defaults = root.find(w("docDefaults"))
        self.rpr_default = defaults.find(f"{w('rPrDefault')}/{w('rPr')}") \
            if defaults is not None else None
        self.ppr_default = defaults.find(f"{w('pPrDefault')}/{w('pPr')}") \
            if defaults is not None else None
        self.theme = _theme_fonts(document)
        self.numbering = _numbering(document)

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """The style and the styles it is based on, nearest first (cycle-safe)."""
        out: list[etree._Element] = []
        while style_id and style_id in self.by_id and len(out) < 30:
            style = self.by_id[style_id]
            if style in out:
                break
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out

    def para_style(self, p: etree._Element) -> str:
        ref = p.find(f"{w('pPr')}/{w('pStyle')}")
        return str(ref.get(w("val"))) if ref is not None else self.default.get("paragraph", "")

    def table_style(self, p: etree._Element) -> str | None:
        tbl = next((a for a in p.iterancestors(w("tbl"))), None)
        ref = tbl.find(f"{w('tblPr')}/{w('tblStyle')}") if tbl is not None else None
        return ref.get(w("val")) if ref is not None else self.default.get("table")

    def numbering_level(self, p: etree._Element) -> etree._Element | None:
        """The w:lvl a numbered (or bulleted) paragraph uses, through its style if need be."""
        layers = [p.find(w("pPr"))] + [s.find(w("pPr")) for s in self.chain(self.para_style(p))]
        num_pr = _first([x for x in layers if x is not None], lambda x: x.find(w("numPr")))
        if num_pr is None or self.numbering is None:
            return None
        num_id = num_pr.find(w("numId"))
        ilvl = num_pr.find(w("ilvl"))
        return self.numbering(num_id.get(w("val")) if num_id is not None else None,
                              ilvl.get(w("val")) if ilvl is not None else "0")


def _theme_fonts(document: DocxDocument) -> dict[str, str]:
    """Theme font slots ('minorHAnsi' …) to typefaces; '' when the theme leaves one empty."""
    try:
        blob = document.part.part_related_by(RT.THEME).blob
        root = etree.fromstring(blob)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    fonts: dict[str, str] = {}
    for scheme in ("major", "minor"):
        font = root.find(f".//{a}{scheme}Font")
        if font is None:
            continue
        for script, slots in (("latin", ("Ascii", "HAnsi")), ("ea", ("EastAsia",)),
                              ("cs", ("Bidi",))):
            face = font.find(f"{a}{script}")
            for slot in slots:
                fonts[scheme + slot] = face.get("typeface", "") if face is not None else ""
    return fonts


def _numbering(document: DocxDocument) -> Callable[[str | None, str], Any] | None:
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None
    nums = {n.get(w("numId")): n for n in root.findall(w("num"))}
    abstracts = {a.get(w("abstractNumId")): a for a in root.findall(w("abstractNum"))}

    def level(num_id: str | None, ilvl: str) -> etree._Element | None:
        num = nums.get(num_id or "")
        if num is None:
            return None
        for override in num.findall(w("lvlOverride")):
            lvl = override.find(w("lvl"))
            if override.get(w("ilvl")) == ilvl and lvl is not None:
                return lvl
        ref = num.find(w("abstractNumId"))
        abstract = abstracts.get(ref.get(w("val"))) if ref is not None else None
        if abstract is None:
            return None
        return next((x for x in abstract.findall(w("lvl")) if x.get(w("ilvl")) == ilvl), None)
    return level


# ---------------------------------------------------------------------------------------------
# Lines: the text of the document, cut at tabs and line breaks, in reading order


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
    runs: list[etree._Element]     # the runs that show its text
    p: etree._Element
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


@dataclass
class Section:
    """One Word section: its page setup and the body blocks it holds."""

    index: int
    element: etree._Element
    blocks: list[etree._Element] = field(default_factory=list)


def _children_runs(el: etree._Element) -> Iterator[etree._Element]:
    """The w:r of a paragraph in reading order, through hyperlinks, content controls, insertions
    and simple fields, but not into text boxes (which sit inside a run's drawing)."""
    for child in el:
        if child.tag in _HIDDEN_TREES:
            continue
        if child.tag == w("r"):
            yield child
        elif not child.tag.endswith("}txbxContent"):
            yield from _children_runs(child)


def _run_items(r: etree._Element) -> Iterator[tuple[str, str]]:
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


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """w:p and w:tbl children in order, unwrapping content controls and custom XML."""
    for child in parent:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml")):
            yield from _blocks(child)


class WordDoc:
    """An opened .docx as Word shows it: resolved looks, lines in reading order, sections."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.styles = Styles(document)
        self._runs: dict[etree._Element, RunLook] = {}
        self._layers: dict[etree._Element, tuple[etree._Element | None, list[list[Any]]]] = {}
        self._paras: dict[etree._Element, ParaLook] = {}
        self.where_of: dict[etree._Element, str] = {}
        self.lines: list[Line] = []
        self.sections: list[Section] = []
        self.paragraphs = self.tables = 0
        self._read_body()
        self.half_width = _half_text_width(self.sections[0].element)

    # -- runs ------------------------------------------------------------------------------

    def _run_layers(self, r: etree._Element) -> tuple[etree._Element | None, list[list[Any]]]:
        """Direct rPr, then one list per style level (character, paragraph, table)."""
        if r not in self._layers:
            self._layers[r] = self._find_run_layers(r)
        return self._layers[r]

    def _find_run_layers(self, r: etree._Element) -> tuple[etree._Element | None,
                                                            list[list[Any]]]:
        s = self.styles
        direct = r.find(w("rPr"))
        ref = direct.find(w("rStyle")) if direct is not None else None
        p = next(r.iterancestors(w("p")), None)
        levels = [[x.find(w("rPr")) for x in s.chain(ref.get(w("val")) if ref is not None
                                                      else None)]]
        if p is not None:
            levels.append([x.find(w("rPr")) for x in s.chain(s.para_style(p))])
            levels.append([x.find(w("rPr")) for x in s.chain(s.table_style(p))])
        return direct, [[x for x in level if x is not None] for level in levels]

    def _toggle(self, r: etree._Element, tag: str) -> bool:
        """A toggle property (bold, italic, caps…): direct formatting is absolute, and the style
        levels switch it on and off in turn (ECMA-376 §17.7.3), starting from the defaults."""
        direct, levels = self._run_layers(r)
        value = _on(direct.find(w(tag))) if direct is not None else None
        if value is not None:
            return value
        result = bool(_on(self.styles.rpr_default.find(w(tag)))) \
            if self.styles.rpr_default is not None else False
        for level in levels:
            found = _first(level, lambda x: _on(x.find(w(tag))))
            if found:
                result = not result
        return result

    def _run_value(self, r: etree._Element, get: Callable[[etree._Element], Any]) -> Any:
        direct, levels = self._run_layers(r)
        layers = ([direct] if direct is not None else []) + [x for lv in levels for x in lv]
        if self.styles.rpr_default is not None:
            layers.append(self.styles.rpr_default)
        return _first(layers, get)

    def run_look(self, r: etree._Element) -> RunLook:
        if r not in self._runs:
            size = self._run_value(r, lambda x: _num(_val(x, "sz")))
            underline = self._run_value(r, lambda x: _val(x, "u"))
            vert = self._run_value(r, lambda x: _val(x, "vertAlign"))
            self._runs[r] = RunLook(
                # OOXML's own default when no layer sets a size is 10 pt (20 half-points).
                size=(size or 20) / 2, bold=self._toggle(r, "b"), italic=self._toggle(r, "i"),
                caps=self._toggle(r, "caps"), hidden=self._toggle(r, "vanish"),
                underline=underline not in (None, "none"),
                raised=vert in ("superscript", "subscript"))
        return self._runs[r]

    def run_font(self, r: etree._Element, slot: str) -> str:
        """The typeface of font slot 'ascii', 'hAnsi', 'eastAsia' or 'cs' of a run. A theme
        reference (asciiTheme…) wins over the plain name at the same level (Word quirk)."""
        theme_attr = "cstheme" if slot == "cs" else f"{slot}Theme"

        def get(x: etree._Element) -> str | None:
            fonts = x.find(w("rFonts"))
            if fonts is None:
                return None
            theme = fonts.get(w(theme_attr))
            if theme:
                return self.styles.theme.get(theme) or f"phông chủ đề {theme}"
            name: str | None = fonts.get(w(slot))
            return name
        # With no font anywhere Word falls back to Times New Roman.
        return str(self._run_value(r, get) or "Times New Roman")

    def run_hint(self, r: etree._Element) -> str | None:
        """w:rFonts/@w:hint: "eastAsia" makes Word draw shared characters with that slot."""
        def get(x: etree._Element) -> str | None:
            fonts = x.find(w("rFonts"))
            return fonts.get(w("hint")) if fonts is not None else None
        hint = self._run_value(r, get)
        return str(hint) if hint else None

    # -- paragraphs ------------------------------------------------------------------------

    def _para_layers(self, p: etree._Element) -> list[etree._Element]:
        s = self.styles
        layers = [p.find(w("pPr"))]
        level = s.numbering_level(p)
        layers.append(level.find(w("pPr")) if level is not None else None)
        layers += [x.find(w("pPr")) for x in s.chain(s.para_style(p))]
        layers += [x.find(w("pPr")) for x in s.chain(s.table_style(p))]
        layers.append(s.ppr_default)
        return [x for x in layers if x is not None]

    def para_look(self, p: etree._Element) -> ParaLook:
        if p not in self._paras:
            self._paras[p] = self._resolve_para(p)
        return self._paras[p]

    def _resolve_para(self, p: etree._Element) -> ParaLook:
        layers = self._para_layers(p)
        size = self._mark_size(p)
        line = _first(layers, lambda x: _spacing_line(x))
        return ParaLook(
            align=_first(layers, lambda x: _val(x, "jc")) or "left",
            first_line=_first(layers, lambda x: _first_line(x, size)) or 0.0,
            left=_first(layers, lambda x: _left(x, size)) or 0.0,
            before=_first(layers, lambda x: _spacing(x, "before")) or 0.0,
            after=_first(layers, lambda x: _spacing(x, "after")) or 0.0,
            line_rule=line[0] if line else "auto", line=line[1] if line else 1.0,
            contextual=bool(_first(layers, lambda x: _on(x.find(w("contextualSpacing"))))),
            style=self.styles.para_style(p),
            border_top=_first(layers, lambda x: _border(x, "top")) or False,
            border_bottom=_first(layers, lambda x: _border(x, "bottom")) or False,
            page_break_before=bool(_first(layers, lambda x: _on(x.find(w("pageBreakBefore"))))))

    def _mark_size(self, p: etree._Element) -> float:
        runs = [r for r in _children_runs(p) if r.find(w("t")) is not None]
        return self.run_look(runs[0]).size if runs else 12.0

    def bullet(self, p: etree._Element) -> str:
        """The bullet Word draws before a paragraph of a bulleted list ('' if none)."""
        level = self.styles.numbering_level(p)
        if level is None or _val(level, "numFmt") != "bullet":
            return ""
        return (_val(level, "lvlText") or "").strip()

    # -- reading the body ------------------------------------------------------------------

    def _read_body(self) -> None:
        body = self.document.element.body
        # Without a final w:sectPr Word falls back to its own page setup: read it as empty.
        last = body.find(w("sectPr"))
        last = last if last is not None else etree.Element(w("sectPr"))
        self.sections = [Section(0, last)]
        new_page = False
        for block in _blocks(body):
            self.sections[-1].blocks.append(block)
            if block.tag == w("tbl"):
                self.tables += 1
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

    def _add_table(self, tbl: etree._Element, new_page: bool) -> None:
        for r, row in enumerate(tbl.findall(w("tr"))):
            cells = row.findall(w("tc"))
            for c, cell in enumerate(cells):
                for p in _cell_paragraphs(cell):
                    place = Cell(self.tables, r, c, len(cells))
                    self._add_paragraph(p, new_page, place, f"bảng {self.tables}, hàng {r + 1}, "
                                                            f"cột {c + 1}")
                    new_page = False

    def _add_paragraph(self, p: etree._Element, new_page: bool, cell: Cell | None = None,
                       where: str | None = None) -> bool:
        """Append the lines of *p*; returns whether a page break ends it."""
        self.paragraphs += 1
        where = where or f"đoạn {self.paragraphs}"
        self.where_of[p] = where
        new_page = new_page or self.para_look(p).page_break_before
        pieces = list(self._pieces(p))
        visible = [piece for piece in pieces if piece.text.strip()] or pieces[:1]
        bullet = self.bullet(p)
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

    def _pieces(self, p: etree._Element) -> Iterator[_Piece]:
        """The pieces of *p* between tabs and line breaks, each with its centre: Word moves
        the text after a tab to the next tab stop, so a tab-built header is laid out from the
        tab stops and the text widths (Times New Roman advance widths, generator.layout)."""
        look = self.para_look(p)
        stops = self._tab_stops(p)
        piece = _Piece(start=look.left + look.first_line)
        for r in _children_runs(p):
            run = self.run_look(r)
            for kind, value in _run_items(r):
                if kind == "text":
                    piece.add(r, value, text_width(value, run.size, run.bold))
                    continue
                yield piece
                if kind == "tab":
                    position, align = _next_stop(stops, piece.end(), self.default_tab())
                    piece = _Piece(start=position, align=align, after_tab=True)
                else:
                    piece = _Piece(start=look.left, page=kind == "page")
        yield piece

    def _tab_stops(self, p: etree._Element) -> list[tuple[float, str]]:
        """Custom tab stops (points from the margin, alignment), style chain first; a "clear"
        stop in a nearer layer removes an inherited one."""
        layers = [x.find(w("pPr")) for x in reversed(self.styles.chain(self.styles.para_style(p)))]
        stops: dict[float, str] = {}
        for layer in [*layers, p.find(w("pPr"))]:
            tabs = layer.find(w("tabs")) if layer is not None else None
            for tab in tabs if tabs is not None else []:
                position = (_num(tab.get(w("pos"))) or 0) / 20
                if tab.get(w("val")) in ("clear", "bar"):
                    stops.pop(position, None)
                else:
                    stops[position] = tab.get(w("val"), "left")
        return sorted(stops.items())

    # -- helpers for the rules -------------------------------------------------------------

    def visible_runs(self, line: Line) -> list[etree._Element]:
        return [r for r in line.runs if not self.run_look(r).hidden]

    def sizes(self, line: Line) -> set[float]:
        return {self.run_look(r).size for r in self.visible_runs(line)
                if not self.run_look(r).raised}

    def all_bold(self, line: Line) -> bool:
        runs = self.visible_runs(line)
        return bool(runs) and all(self.run_look(r).bold for r in runs)

    def mostly_bold(self, line: Line) -> bool:
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

    def next_paragraph(self, p: etree._Element) -> etree._Element | None:
        sibling = p.getnext()
        while sibling is not None and sibling.tag not in (w("p"), w("tbl")):
            sibling = sibling.getnext()
        return sibling if sibling is not None and sibling.tag == w("p") else None

    def default_tab(self) -> float:
        """Word's default tab stop in points (0.5 inch unless the settings say otherwise)."""
        stop = self.document.settings.element.find(w("defaultTabStop"))
        return (_num(stop.get(w("val"))) or 720) / 20 if stop is not None else 36.0

    def part_roots(self) -> list[tuple[str, etree._Element]]:
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

    def text_runs(self) -> Iterator[tuple[str, etree._Element, str]]:
        """(where, run, text) for every shown run with text, in every part."""
        for label, root in self.part_roots():
            for r in _all_runs(root):
                text = _run_text(r)
                if text.strip() and not self.run_look(r).hidden:
                    p = next(r.iterancestors(w("p")), None)
                    yield self.where_of.get(p, label) if p is not None else label, r, text

    def line_shapes(self, p: etree._Element) -> list[float | None]:
        """Drawn straight lines anchored in *p*: the centre of each, in points from the left
        margin (None when Word positions it in a way we cannot tell, e.g. inline)."""
        out: list[float | None] = []
        for drawing in p.iter(w("drawing")):
            if _in_fallback(drawing) or not _is_line_geometry(drawing):
                continue
            out.append(_drawing_centre(drawing))
        for shape in p.iter("{urn:schemas-microsoft-com:vml}line",
                            "{urn:schemas-microsoft-com:vml}shape"):
            if not _in_fallback(shape) and _is_vml_line(shape):
                out.append(_vml_centre(shape))
        return out

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
            text = "".join(_run_text(r) for r in _children_runs(nxt))
            if after.border_top or (not text.strip() and after.border_bottom) \
                    or is_rule_text(text):
                return True
        return any(self.same_side(line, x) for p in candidates for x in self.line_shapes(p))

    def same_side(self, line: Line, x: float | None) -> bool:
        """Could a drawn line centred at *x* be under *line*? Only the side of the page is
        known for a tab-built two-column line; anything goes for a one-column paragraph."""
        if x is None or line.x is None:
            return True
        return (x < self.half_width) == (line.x < self.half_width)

    def header_footer(self, section: Section, kind: str, which: str) -> etree._Element | None:
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


def _all_runs(el: etree._Element) -> Iterator[etree._Element]:
    """Every shown w:r under *el*, text boxes included, deleted and fallback copies excluded."""
    for child in el:
        if child.tag in (w("del"), w("moveFrom"), f"{{{MC_NS}}}Fallback"):
            continue
        if child.tag == w("r"):
            yield child
        yield from _all_runs(child)


def _in_fallback(el: etree._Element) -> bool:
    return any(a.tag == f"{{{MC_NS}}}Fallback" for a in el.iterancestors())


def _is_line_geometry(drawing: etree._Element) -> bool:
    geometry = drawing.find(".//{*}prstGeom")
    if geometry is not None and geometry.get("prst") in ("line", "straightConnector1"):
        return True
    return drawing.find(".//{*}cNvCnPr") is not None      # a connector drawn as a line


def _drawing_centre(drawing: etree._Element) -> float | None:
    anchor = drawing.find("{*}anchor")
    extent = anchor.find("{*}extent") if anchor is not None else None
    position = anchor.find("{*}positionH") if anchor is not None else None
    if position is None or extent is None:
        return None
    width = (_num(extent.get("cx")) or 0) / EMU_PER_PT
    offset, align = position.find("{*}posOffset"), position.find("{*}align")
    x: float | None
    if offset is not None and offset.text:
        x = float(offset.text) / EMU_PER_PT + width / 2
    elif align is not None:
        x = {"left": width / 2, "center": 234.0, "right": 468 - width / 2}.get(align.text or "")
    else:
        return None
    if x is not None and position.get("relativeFrom") == "page":
        x -= 85.0          # the page's left edge is about one left margin (30 mm) away
    return x if position.get("relativeFrom") in ("page", "margin", "column") else None


def _is_vml_line(shape: etree._Element) -> bool:
    if shape.tag.endswith("}line"):
        return True
    o_ns = "{urn:schemas-microsoft-com:office:office}"
    return shape.get("type") == "#_x0000_t32" or shape.get(f"{o_ns}connectortype") is not None


def _vml_centre(shape: etree._Element) -> float | None:
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


@dataclass
class _Piece:
    """Text between two tabs or breaks while a paragraph is read, with its geometry."""

    start: float = 0.0
    align: str = "left"          # alignment of the tab stop the piece starts at
    after_tab: bool = False
    page: bool = False
    text: str = ""
    width: float = 0.0
    runs: list[etree._Element] = field(default_factory=list)

    def add(self, r: etree._Element, text: str, width: float) -> None:
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


def _half_text_width(sect: etree._Element) -> float:
    """Half the width of the text area in points (234 for A4 with 30/15 mm margins)."""
    size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
    if size is None or margins is None:
        return 234.0
    width = _num(size.get(w("w"))) or 0
    sides = (_num(margins.get(w("left"))) or 0) + (_num(margins.get(w("right"))) or 0)
    return (width - sides) / 40 if width > sides else 234.0


def _cell_paragraphs(cell: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs of a table cell, nested tables included, text boxes excluded (read apart)."""
    for p in cell.iter(w("p")):
        if not any(a.tag.endswith("}txbxContent") for a in p.iterancestors()):
            yield p


def _textboxes(p: etree._Element) -> Iterator[etree._Element]:
    for box in p.iter("{*}txbxContent"):
        if not any(a.tag == f"{{{MC_NS}}}Fallback" for a in box.iterancestors()):
            yield box


def _run_text(r: etree._Element) -> str:
    return "".join(t.text or "" for t in r.findall(w("t")))


def _val(el: etree._Element, tag: str) -> str | None:
    child = el.find(w(tag))
    return child.get(w("val")) if child is not None else None


def _first_line(ppr: etree._Element, size: float) -> float | None:
    """First-line indent in points; the *Chars forms (hundredths of a character) win."""
    ind = ppr.find(w("ind"))
    if ind is None:
        return None
    for attr, sign, unit in (("firstLineChars", 1, size / 100), ("hangingChars", -1, size / 100),
                             ("firstLine", 1, 1 / 20), ("hanging", -1, 1 / 20)):
        value = _num(ind.get(w(attr)))
        if value is not None and (value or not attr.endswith("Chars")):
            return sign * value * unit
    return None


def _left(ppr: etree._Element, size: float) -> float | None:
    ind = ppr.find(w("ind"))
    if ind is None:
        return None
    chars = _num(ind.get(w("leftChars")) or ind.get(w("startChars")))
    if chars:
        return chars * size / 100
    value = _num(ind.get(w("left")) or ind.get(w("start")))
    return value / 20 if value is not None else None


def _spacing(ppr: etree._Element, side: str) -> float | None:
    spacing = ppr.find(w("spacing"))
    if spacing is None:
        return None
    if _on_attr(spacing.get(w(f"{side}Autospacing"))):
        return 14.0        # Word's "Auto" spacing is 14 pt
    lines = _num(spacing.get(w(f"{side}Lines")))
    if lines:
        return lines / 100 * 12
    value = _num(spacing.get(w(side)))
    return value / 20 if value is not None else None


def _spacing_line(ppr: etree._Element) -> tuple[str, float] | None:
    spacing = ppr.find(w("spacing"))
    value = _num(spacing.get(w("line"))) if spacing is not None else None
    if value is None:
        return None
    rule = spacing.get(w("lineRule"), "auto")
    return (rule, value / 240) if rule == "auto" else (rule, value / 20)


def _on_attr(value: str | None) -> bool:
    return value is not None and value.lower() not in _OFF


def _border(ppr: etree._Element, side: str) -> bool | None:
    edge = ppr.find(f"{w('pBdr')}/{w(side)}")
    if edge is None:
        return None
    return edge.get(w("val"), "nil") not in ("nil", "none")


# ---------------------------------------------------------------------------------------------
# The API


@dataclass(frozen=True)
class FileReport:
    """The result of checking one file: its findings, or why it could not be read."""

    path: Path
    findings: tuple[Finding, ...] = ()
    unreadable: str | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


def check_document(path: Path) -> list[Finding]:
    """Every Nghị định 30/2020 finding for the .docx at *path*, in reading order of the rules.

    Raises UnreadableDocument (exit code 2) for anything that is not a readable .docx."""
    path = Path(path)
    return run_rules(WordDoc(open_docx(path)))


def check_files(paths: Iterable[Path]) -> list[FileReport]:
    """Check every file; an unreadable one is reported, not raised, so the others still run."""
    reports = []
    for path in paths:
        try:
            reports.append(FileReport(Path(path), tuple(check_document(Path(path)))))
        except UnreadableDocument as err:
            reports.append(FileReport(Path(path), unreadable=str(err)))
    return reports


def exit_code(reports: Iterable[FileReport]) -> int:
    """0 clean (warnings allowed), 1 if any file breaks a rule, 2 if any file is unreadable."""
    reports = list(reports)
    if any(r.unreadable for r in reports):
        return UnreadableDocument.exit_code
    return 1 if any(r.errors for r in reports) else 0


_SEVERITY = {"error": "lỗi", "warning": "cảnh báo"}


def format_finding(path: Path, f: Finding) -> str:
    """'FILE: WHERE: lỗi RULE: message (cần: “…”, thấy: “…”) «excerpt»' on one line."""
    details = ", ".join(x for x in (f"cần: “{f.expected}”" if f.expected else "",
                                     f"thấy: “{f.found}”" if f.found else "") if x)
    excerpt = f" «{f.excerpt}»" if f.excerpt else ""
    tail = f" ({details})" if details else ""
    return f"{path}: {f.where}: {_SEVERITY[f.severity]} {f.rule}: {f.message}{tail}{excerpt}"


def format_text(reports: Iterable[FileReport]) -> str:
    """One line per finding, in Vietnamese, then one summary line."""
    lines: list[str] = []
    reports = list(reports)
    for report in reports:
        if report.unreadable:
            lines.append(f"không đọc được: {report.unreadable}")
            continue
        lines += [format_finding(report.path, f) for f in report.findings]
        if not report.findings:
            lines.append(f"{report.path}: đúng thể thức, không phát hiện lỗi.")
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.warnings) for r in reports)
    unreadable = sum(1 for r in reports if r.unreadable)
    summary = f"Tổng cộng: {errors} lỗi, {warnings} cảnh báo trong {len(reports)} tệp"
    lines.append(summary + (f"; {unreadable} tệp không đọc được." if unreadable else "."))
    return "\n".join(lines)


def format_json(reports: Iterable[FileReport]) -> str:
    """The reports as JSON (UTF-8 text, Vietnamese kept as is), for other tools."""
    reports = list(reports)
    files = [{"path": str(r.path), "readable": r.unreadable is None, "message": r.unreadable,
              "errors": len(r.errors), "warnings": len(r.warnings),
              "findings": [asdict(f) for f in r.findings]} for r in reports]
    return json.dumps({"exit_code": exit_code(reports), "files": files}, ensure_ascii=False,
                      indent=2)
