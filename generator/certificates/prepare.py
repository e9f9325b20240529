"""Certificate templates prepared: read once with python-docx, the body cut out for Jinja.

What :mod:`engine` compiles and keeps (on disk for a built-in template, see
:mod:`generator.render.template_cache`), so that a batch whose template is already prepared
needs neither python-docx nor docxtpl nor lxml. Only this module imports them.
"""

from __future__ import annotations

import copy
import io
import math
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Emu, Mm
from docxtpl import DocxTemplate
from lxml import etree

from generator.errors import RenderError
from generator.render.engine import nests_with_xml, style_value
from generator.render.user_templates import Template, TemplateFile

from .page import PREPRINTED, STYLES, Box, Geometry, Printing


@dataclass(frozen=True)
class Parts:
    """A certificate template prepared: the XML around the body, the body as the Jinja source
    of one certificate (*first*) and of one starting on a new page (*following*), and the
    limits its styles and table set."""

    name: str
    head: str
    first: str
    following: str
    tail: str
    geometry: Geometry
    nests: bool         # its blocks nest with the XML: no parse per certificate


def prepare(template: Template, data: bytes, printing: Printing,
            check: Callable[[], object] | None = None) -> Parts:
    """Template *data* (the built-in *template*, or a user's file) prepared for *printing*,
    after *check* (a user's template: its tags); RenderError, in words a clerk reads, when it
    cannot be a certificate template."""
    if not isinstance(template, TemplateFile):
        return _prepare(template, data, printing)
    try:
        if check is not None:
            check()
        return _prepare(template, data, printing)
    except (KeyError, ValueError, AttributeError, TypeError, IndexError, OSError,
            zipfile.BadZipFile, etree.XMLSyntaxError, PackageNotFoundError) as err:
        raise RenderError(f"Mẫu {template.origin}: không đọc được như một mẫu Bằng khen, Giấy "
                          f"khen ({type(err).__name__}: {err}).") from None


def _prepare(template: Template, data: bytes, printing: Printing) -> Parts:
    user = template if isinstance(template, TemplateFile) else None
    name = user.origin if user else str(template)
    _refuse_tags_outside_body(data, name)
    document = Document(io.BytesIO(data))
    if printing.blank:
        _leave_out_preprinted(document)
    if printing.shift_mm != (0.0, 0.0):
        _shift(document, *printing.shift_mm)
    head, first, tail = _split(document)
    body = document.element.body
    if body[0].tag != qn("w:p") or "{" in "".join(body[0].itertext()):
        raise RenderError(f"Mẫu {name} phải bắt đầu bằng một đoạn văn thường (Quốc hiệu).")
    body[0].get_or_add_pPr().pageBreakBefore_val = True    # python-docx keeps schema order
    following = _split(document)[1]
    return Parts(name, head, _source(first), _source(following), tail, _geometry(document),
                 user is None or nests_with_xml(_patched(following)))


def _leave_out_preprinted(document: Any) -> None:
    """Empty the paragraphs the phôi already carries. An empty paragraph keeps the height of
    its style's font, so every printed line stays where the full certificate has it."""
    styles = {s.style_id: s for s in document.styles if s.name in PREPRINTED}
    for p in document.element.body.iter(qn("w:p")):
        if p.pPr is None or p.pPr.pStyle is None or p.pPr.pStyle.val not in styles:
            continue
        for child in list(p):
            if child.tag != qn("w:pPr"):
                p.remove(child)
        _white_borders(p.pPr, styles[p.pPr.pStyle.val].element.pPr)


def _white_borders(ppr: Any, style_ppr: Any) -> None:
    """The rule under the Tiêu ngữ is a border of its style. Taken away, it would move the lines
    below up by its width (1.7 pt measured); in white, set on the paragraph (only the body is
    rendered: styles.xml is copied as it is), it keeps its place and prints nothing."""
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        inherited = style_ppr.find(qn("w:pBdr")) if style_ppr is not None else None
        if inherited is None:
            return
        borders = copy.deepcopy(inherited)
        # Schema order: w:pBdr follows these (Word refuses a pPr whose children are not in it).
        before = {qn(f"w:{t}") for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore",
                                         "framePr", "widowControl", "numPr",
                                         "suppressLineNumbers")}
        ppr.insert(sum(1 for child in ppr if child.tag in before), borders)
    for edge in borders:
        edge.set(qn("w:color"), "FFFFFF")


def _shift(document: Any, right_mm: float, down_mm: float) -> None:
    """Move the page's content right and down by moving its margins; the text area keeps its
    size, so the fit limits stay the same."""
    if not (math.isfinite(right_mm) and math.isfinite(down_mm)):
        raise RenderError(f"Dịch {right_mm:g} mm sang phải, {down_mm:g} mm xuống dưới: cần "
                          "một số milimét.")
    section = document.sections[0]
    # No sheet is a kilometre long: anything beyond is refused as beyond the margins, before
    # python-docx turns it into EMUs (where 1e308 mm overflows).
    fits = max(abs(right_mm), abs(down_mm)) < 1e6
    if fits:
        left, top = section.left_margin + Mm(right_mm), section.top_margin + Mm(down_mm)
        right, bottom = section.right_margin - Mm(right_mm), section.bottom_margin - Mm(down_mm)
        fits = min(left, top, right, bottom) >= 0
    if not fits:
        raise RenderError(f"Dịch {right_mm:g} mm sang phải, {down_mm:g} mm xuống dưới là quá "
                          "lề giấy của mẫu (lề: trên "
                          f"{section.top_margin.mm:.0f}, dưới {section.bottom_margin.mm:.0f}, "
                          f"trái {section.left_margin.mm:.0f}, phải "
                          f"{section.right_margin.mm:.0f} mm).")
    section.left_margin, section.top_margin = Emu(left), Emu(top)
    section.right_margin, section.bottom_margin = Emu(right), Emu(bottom)


def _refuse_tags_outside_body(data: bytes, name: str) -> None:
    """Only the body is rendered (every other part is copied as is): a tag a clerk put in a
    header, footer, footnote or the document properties would be printed raw, so refuse it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in archive.namelist():
            if part != "word/document.xml" and part.endswith(".xml") and \
                    re.search(rb"\{[{%]", archive.read(part)):
                raise RenderError(f"Mẫu {name}: phần {part} có thẻ Jinja; thidua chỉ điền "
                                  "phần thân của bằng khen, giấy khen.")


_SECTION = re.compile(r"<w:sectPr[ >]")


def _split(document: Any) -> tuple[str, str, str]:
    """(xml declaration + root + <w:body>, body content, final sectPr + closing tags)."""
    xml = etree.tostring(document.element, encoding="unicode")
    start, end = re.search(r"<w:body[^>]*>", xml), xml.rfind("</w:body>")
    cuts = [m.start() for m in _SECTION.finditer(xml, 0, max(end, 0))]
    if start is None or not cuts:
        raise RenderError("Mẫu chứng nhận không có thân văn bản hoặc thiết lập trang.")
    declaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return declaration + xml[:start.end()], xml[start.end():cuts[-1]], xml[cuts[-1]:]


# Word's paragraph ids and bookmarks must be unique in a document; repeated on every page of the
# merged file they would not be, and a certificate does not need them.
_UNIQUE_IDS = re.compile(r' w14:(?:paraId|textId)="[^"]*"|<w:bookmark(?:Start|End)\b[^>]*/>')


def _patched(xml: str) -> str:
    """The body as docxtpl compiles it (before the drawing ids are numbered)."""
    return DocxTemplate(io.BytesIO()).patch_xml(_UNIQUE_IDS.sub("", xml))


def _source(xml: str) -> str:
    """The body as the Jinja source of one certificate."""
    # Drawing ids too; numbered per certificate so every page gets its own.
    return re.sub(r'(<wp:docPr\b[^>]*?\bid=")(\d+)"', r'\1{{ docpr + \2 }}"', _patched(xml))


# ---------------------------------------------------------------------------- limits

def _style(document: Any, style_name: str) -> Any:
    """The style *style_name* of a certificate template (a user's may lack it)."""
    try:
        return document.styles[style_name]
    except KeyError:
        raise RenderError(f"Mẫu chứng nhận thiếu kiểu đoạn văn «{style_name}» (thidua đọc cỡ "
                          "chữ, khoảng cách của kiểu này để biết chữ có vừa trang không; hãy "
                          "giữ tên kiểu như mẫu xuất ra).") from None


def _box(document: Any, style_name: str, width: float) -> Box:
    style = _style(document, style_name)

    def points(get: Callable[[Any], Any], default: float) -> float:
        value = style_value(style, get)
        return value.pt if value is not None else default

    return Box(points(lambda s: s.font.size, 14.0),
               bool(style_value(style, lambda s: s.font.bold)),
               points(lambda s: s.paragraph_format.space_before, 0.0),
               points(lambda s: s.paragraph_format.space_after, 0.0), width)


def _cell_of(document: Any, style_name: str) -> Any:
    style_id = _style(document, style_name).style_id
    for p in document.element.body.iter(qn("w:p")):
        if p.pPr is not None and p.pPr.pStyle is not None and p.pPr.pStyle.val == style_id:
            return next((a for a in p.iterancestors(qn("w:tc"))), None)
    raise RenderError(f"Mẫu chứng nhận thiếu đoạn văn kiểu «{style_name}».")


def _geometry(document: Any) -> Geometry:
    try:
        cell = _cell_of(document, STYLES["recipient"])
        width = cell.tcPr.tcW.width.pt - 2 * 5.4           # Word's default cell margins
        row_height = cell.getparent().trPr.find(qn("w:trHeight"))
        middle = int(row_height.get(qn("w:val"))) / 20
        signer_cell = _cell_of(document, "TD Quyền hạn ký")
        section = document.sections[0]
        page = (section.page_width - section.left_margin - section.right_margin) / 12700
        normal, compact = ({f: _box(document, s + suffix, width) for f, s in STYLES.items()}
                           for suffix in ("", " (nhỏ)"))
        return Geometry((normal, compact), middle, _box(document, "TD Cấp tặng", page),
                        _box(document, "TD Quyền hạn ký", signer_cell.tcPr.tcW.width.pt - 10.8))
    except (KeyError, AttributeError, TypeError) as err:
        raise RenderError(f"Mẫu chứng nhận không đúng cấu trúc thidua cần ({err}).") from err
