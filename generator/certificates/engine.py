"""Certificate templates compiled once: the body preprocessed and compiled, the limits read.

Stock docxtpl reopens the template, re-parses and re-preprocesses its XML, renders every part and
re-compresses the whole package for each document (35–40 ms per certificate here, see
benchmarks/certificates.py). Only ``word/document.xml`` differs between two certificates, so a
template is prepared once per process:

- the body goes through docxtpl's own ``patch_xml`` and becomes one Jinja template of
  :func:`render.jinja_env` (sandboxed, autoescaping, strict), in two variants: as the first page,
  and starting on a new page (the merged print file repeats the same compiled body);
- every other zip member is kept compressed, to be copied raw (:mod:`docxzip`);
- the limits of the page are read from the template's own styles and table sizes, so a name or
  achievement too long for one page is refused before anything is written, and a long one is
  set in the template's compact sizes.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import jinja2
from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Emu, Mm
from docxtpl import DocxTemplate
from lxml import etree

from generator.errors import Issue, RenderError
from generator.render import layout
from generator.render.docxzip import Package
from generator.render.engine import env_for, nests_with_xml, style_value
from generator.render.user_templates import (
    Template,
    TemplateFaults,
    TemplateFile,
    bounded_render,
    find_template,
    has_refused_characters,
    require_sound,
    verify_body,
)
from generator.resources import template_bytes
from generator.vn import formats as vn

from .model import Certificate, Decision

TEMPLATES = {"Bằng khen": "bang_khen.docx", "Giấy khen": "giay_khen.docx"}
TAG_STYLE = "TD Lệnh mẫu"         # the paragraphs that only hold {%p … %} tags
LINE_HEIGHT = 1.15                # single spacing of Times New Roman (1.107 em) plus a margin
WIDTH_MARGIN = 1.03               # Word and LibreOffice may break a little earlier than we do
STYLES = {"recipient": "TD Người nhận", "detail": "TD Chức vụ đơn vị",
          "achievement": "TD Thành tích"}
MAX_LINES = ({"recipient": 2, "detail": 2, "achievement": 5},      # normal sizes
             {"recipient": 3, "detail": 3, "achievement": 7})      # compact sizes


# ---------------------------------------------------------------------------- layout limits

@dataclass(frozen=True)
class Box:
    """A paragraph style in a column: what a text costs in lines and points."""

    size: float
    bold: bool
    before: float
    after: float
    width: float

    def lines(self, text: str) -> int:
        return _line_count(text, self.size, self.bold, self.width / WIDTH_MARGIN)

    def height(self, lines: int) -> float:
        return self.before + lines * self.size * LINE_HEIGHT + self.after if lines else 0.0


@lru_cache(maxsize=16384)    # names repeat their words: Nguyễn, Thị, Văn…
def _em(word: str, bold: bool) -> float:
    """Advance width of *word* in font units (1/1000 em)."""
    return layout.text_width(word, 1000, bold)


@lru_cache(maxsize=1024)     # most certificates of a decision share their achievement
def _line_count(text: str, size: float, bold: bool, width: float) -> int:
    """Lines of greedy word wrap, exactly as layout.wrapped_lines counts them, in one pass:
    widths add up, so a line's width is kept in font units instead of being measured again
    for every word."""
    space = _em(" ", bold)
    lines, used = 1, -1.0
    for word in text.split():
        word_em = _em(word, bold)
        if used >= 0 and (used + space + word_em) * size / 1000 > width:
            lines, used = lines + 1, word_em
        else:
            used = word_em if used < 0 else used + space + word_em
    return lines


@dataclass(frozen=True)
class Geometry:
    """The limits a template sets, read from its own styles and table sizes."""

    variants: tuple[dict[str, Box], dict[str, Box]]   # normal, compact
    middle: float                                      # height of the recipient block
    authority: Box
    signer: Box


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


def _fit(geometry: Geometry, texts: dict[str, str]) -> tuple[bool | None, list[tuple[str, str]]]:
    """(compact?, []) for the first size variant the texts fit in, else (None, problems)."""
    for compact, (boxes, limits) in enumerate(zip(geometry.variants, MAX_LINES, strict=False)):
        lines = {f: boxes[f].lines(t) if t else 0 for f, t in texts.items()}
        total = sum(boxes[f].height(n) for f, n in lines.items())
        over = [f for f, n in lines.items() if n > limits[f]]
        if not over and total <= geometry.middle:
            return bool(compact), []
    if not over:
        return None, [("achievement", (
            "tên, chức vụ, đơn vị và thành tích cộng lại quá dài để in trên một trang (cần "
            f"{total:.0f} pt, chỉ có {geometry.middle:.0f} pt) — hãy viết gọn lại"))]
    return None, [(f, (f"quá dài để in trên một trang: cần {lines[f]} dòng ở cỡ chữ "
                       f"{boxes[f].size:g}, tối đa {limits[f]} dòng — hãy viết gọn lại"))
                  for f in over]


@lru_cache(maxsize=1024)      # bounded: memory must not grow with the batch
def _fit_texts(template: Template, recipient: str, detail: str,
               achievement: str) -> tuple[bool | None, tuple[tuple[str, str], ...]]:
    texts = {"recipient": recipient, "detail": detail, "achievement": achievement}
    compact, problems = _fit(_compiled(template, PLAIN).geometry, texts)
    return compact, tuple(problems)


def layout_of(record: Certificate) -> tuple[bool | None, list[Issue]]:
    """Whether *record* is printed in the compact sizes, or the issues if it cannot fit."""
    compact, problems = _fit_texts(certificate_template(record.decision.form),
                                   record.recipient, record.detail, record.achievement)
    if not problems:        # nearly every record
        return compact, []
    column = {"recipient": "name", "achievement": "achievement",
              "detail": "unit" if len(record.unit) >= len(record.position) else "position"}
    return compact, [Issue(record.source.file, record.source.path(column[f]), m)
                     for f, m in problems]


def record_issues(record: Certificate) -> list[Issue]:
    """Why *record* cannot be printed on one page of its template (empty if it can)."""
    return layout_of(record)[1]


def decision_issues(decision: Decision) -> list[Issue]:
    """Authority and signer lines must each fit on one printed line."""
    geometry = compiled(TEMPLATES[decision.form]).geometry
    checks = [(f"$.authority[{i}]", vn.upper_vi(line), geometry.authority)
              for i, line in enumerate(decision.authority)]
    checks += [("$.signer.title", line, geometry.signer) for line in decision.signer_lines]
    where = decision.form.lower()
    return [Issue(decision.file, path, f"«{text}» dài quá một dòng trên {where} — hãy viết gọn")
            for path, text, box in checks if box.lines(text) > 1]


# ---------------------------------------------------------------------------- the template

@dataclass(frozen=True)
class Compiled:
    """A certificate template prepared once: head, body template, tail, raw package."""

    name: str
    head: str
    first: jinja2.Template          # the body of one certificate
    following: jinja2.Template      # the same, starting on a new page (merged file)
    tail: str
    geometry: Geometry
    package: Package
    user: bool = False              # a user's template: rendered bounded, its XML verified
    nests: bool = True              # its blocks nest with the XML: no parse per certificate


@dataclass(frozen=True)
class Printing:
    """How certificates are printed. On plain paper every text is printed. On pre-printed
    blanks (phôi), whose frame, emblem and fixed texts are already there, only what differs
    between certificates is printed, each line where the full certificate has it.
    *shift_mm* (right, down) moves everything to match a printer's feed."""

    blank: bool = False
    shift_mm: tuple[float, float] = (0.0, 0.0)


PLAIN = Printing()
# What a phôi already carries (Nghị định 50/2006, Điều 28; printing practice): the Quốc hiệu,
# the Tiêu ngữ and its rule, the awarding authority, "TẶNG" and the name of the award.
PREPRINTED = ("TD Quốc hiệu", "TD Tiêu ngữ", "TD Đường kẻ dài", "TD Cấp tặng", "TD Tặng",
              "TD Tên hình thức")


# What the certificate templates read (certificate_context), for checking a user's template.
CONTEXT_SHAPE: dict[str, Any] = {
    "authority": [str], "decision_line": str, "decision_date": str, "place_date": str,
    "signer_lines": [str], "signer_name": str, "compact": bool, "docpr": int,
    "recipient": str, "detail": str, "achievement": str, "register": str}


def certificate_template(form: str) -> Template:
    """The template certificates of *form* are printed from: a user's file of the built-in's
    name in the run's template folders (generator.render.user_templates), else the built-in."""
    return find_template(TEMPLATES[form])


def structure_faults(template: TemplateFile) -> list[str]:
    """What keeps a user's certificate template from being printed, beside its tags: the
    styles and table the page-fit limits are read from, the page, the blank (phôi) variant."""
    found = []
    for printing in (PLAIN, Printing(blank=True)):
        try:
            _compiled(template, printing)
        except TemplateFaults:
            return []                   # its tags are reported by the check itself
        except RenderError as err:
            if str(err) not in found:
                found.append(str(err))
    return found


def compiled(name: str, printing: Printing = PLAIN) -> Compiled:
    """Certificate template *name* (a built-in's file name; a user's file of that name in the
    run's template folders takes its place), prepared once per process and way of printing."""
    return _compiled(find_template(name), printing)



@cache
def _compiled(template: Template, printing: Printing = PLAIN) -> Compiled:
    if not isinstance(template, TemplateFile):
        return _prepare(template, printing)
    try:
        return _prepare(template, printing)
    except (KeyError, ValueError, AttributeError, TypeError, IndexError, OSError,
            zipfile.BadZipFile, etree.XMLSyntaxError, PackageNotFoundError) as err:
        raise RenderError(f"Mẫu {template.origin}: không đọc được như một mẫu Bằng khen, Giấy "
                          f"khen ({type(err).__name__}: {err}).") from None


compiled.cache_clear = _compiled.cache_clear   # type: ignore[attr-defined]  # as when cached


def _prepare(template: Template, printing: Printing) -> Compiled:
    user = template if isinstance(template, TemplateFile) else None
    name = user.origin if user else str(template)
    if user is not None:
        require_sound(user, CONTEXT_SHAPE, env_for(user), body_only=True)
    data = user.data if user else template_bytes(name)
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
    return Compiled(name, head, _template(first, name, template),
                    _template(following, name, template), tail, _geometry(document),
                    Package(data), user is not None,
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
    section = document.sections[0]
    left, top = section.left_margin + Mm(right_mm), section.top_margin + Mm(down_mm)
    right, bottom = section.right_margin - Mm(right_mm), section.bottom_margin - Mm(down_mm)
    if min(left, top, right, bottom) < 0:
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


def _template(xml: str, name: str, template: Template) -> jinja2.Template:
    xml = _patched(xml)
    # Drawing ids too; numbered per certificate so every page gets its own.
    xml = re.sub(r'(<wp:docPr\b[^>]*?\bid=")(\d+)"', r'\1{{ docpr + \2 }}"', xml)
    try:
        return env_for(template).from_string(xml)
    except jinja2.TemplateSyntaxError as err:
        raise RenderError(f"Lỗi cú pháp trong mẫu {name}: {err.message}") from err


@lru_cache(maxsize=64)
def _decision_context(decision: Decision) -> dict[str, Any]:
    date_text = decision.date_text
    return {
        "authority": [vn.upper_vi(line) for line in decision.authority],
        "decision_line": f"Số quyết định: {decision.number_text}",
        "decision_date": date_text[:1].upper() + date_text[1:],
        "place_date": decision.place_date,
        "signer_lines": list(decision.signer_lines),
        "signer_name": decision.signer_name,
    }


def certificate_context(record: Certificate, compact: bool, docpr: int = 0) -> dict[str, Any]:
    """What the certificate templates read; derived here so templates hold no rules."""
    return {**_decision_context(record.decision), "compact": compact, "docpr": docpr,
            "recipient": record.recipient, "detail": record.detail,
            "achievement": record.achievement,
            "register": f"Số sổ vàng: {record.register}" if record.register else ""}


def render_body(record: Certificate, compact: bool, page: int = 1,
                printing: Printing = PLAIN) -> str:
    """The body XML of one certificate; pages after the first start with a page break."""
    template = compiled(TEMPLATES[record.decision.form], printing)
    jinja = template.first if page == 1 else template.following
    if template.user:
        xml = bounded_render(jinja, certificate_context(record, compact, docpr=page * 1000),
                             "", template.name)
        if not template.nests or has_refused_characters(xml):
            verify_body(template.head, xml, template.tail, template.name)
        return _unescape(xml)
    try:
        xml = jinja.render(certificate_context(record, compact, docpr=page * 1000))
    except jinja2.TemplateError as err:
        raise RenderError(f"Lỗi khi điền mẫu {template.name}: {err}") from err
    return _unescape(xml)


def _unescape(xml: str) -> str:
    # docxtpl's last steps, minus two that change nothing here: the line breaks it puts before
    # paragraphs only number Jinja's error lines, and its listing step (\n, \t in values) has
    # nothing to do, record texts being single-spaced. What is left are its escapes.
    if "{_" in xml or "_}" in xml:
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
        xml = xml.replace("%_}", "%}")
    return xml


def render_document(record: Certificate, compact: bool, printing: Printing = PLAIN) -> bytes:
    """The .docx bytes of one certificate."""
    template = compiled(TEMPLATES[record.decision.form], printing)
    xml = template.head + render_body(record, compact, 1, printing) + template.tail
    return template.package.document(xml.encode("utf-8"))
