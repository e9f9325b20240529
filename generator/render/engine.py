"""Fill a packaged Word template with a context (docxtpl + a strict, sandboxed Jinja).

One renderer for every document kind. Data is never evaluated as a template: it only ever
reaches Jinja as values, through an environment that is sandboxed, autoescaping (so
``& < > " '`` come out literally and cannot break the XML) and strict (an undefined variable is
an error, never a blank in a signed document).

**Compiled once, the same bytes as docxtpl.** Stock docxtpl reopens the template, preprocesses
and compiles its body, then walks the rendered XML in Python (its "listing" pass, its table
fix, its move of the body into the document) and re-serialises and re-compresses every part for
each document: seconds for a decision with a 10,000-row list. A template is prepared once per
process instead (:func:`prepared`): docxtpl's own preprocessing of the body, compiled into one
Jinja template, and every other part of the package as docxtpl would write it, kept compressed
to be copied raw (:mod:`docxzip`). Rendering is then Jinja, one parse and one serialisation by
lxml (which normalise the XML exactly as docxtpl's own parse and python-docx's save do), the
rules sized, and the body compressed. docxtpl's Python passes are kept where they would change
something: the listing pass runs when a rendered text holds a tab, a line break or a page
break, and any table whose grid docxtpl would correct sends the whole document through stock
docxtpl (:func:`render_with_docxtpl`). A template with Jinja tags outside its body (headers,
footers, footnotes, document properties) is always rendered by stock docxtpl. The tests compare
both paths part by part.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import jinja2
import markupsafe
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import nsmap, qn
from docx.oxml.parser import element_class_lookup
from docx.section import Section
from docx.shared import Length, Pt
from docx.text.paragraph import Paragraph
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from lxml import etree

from generator.errors import RenderError
from generator.resources import template_bytes

from . import layout, template_cache, user_templates
from .docxzip import Package
from .environment import env_for, jinja_env, user_env
from .output import stable_zip
from .user_templates import (
    Template,
    TemplateFile,
    bounded_render,
    fill_problem,
    require_sound,
    shape_of,
    time_limit,
    verify_xml,
)

RULE_STYLES = {"TD Đường kẻ ngắn": layout.SHORT_RULE_RATIO,
               "TD Đường kẻ dài": layout.FULL_RULE_RATIO}

def template_data(template: Template) -> bytes:
    """The bytes of *template*: a user's file, or the packaged template of that name."""
    return template.data if isinstance(template, TemplateFile) else template_bytes(template)


def _name(template: Template) -> str:
    return template.origin if isinstance(template, TemplateFile) else template


def style_value(style: Any, get: Callable[[Any], Any]) -> Any:
    """The first value *get* finds walking up a style's base styles (as Word inherits them)."""
    while style is not None:
        value = get(style)
        if value is not None:
            return value
        style = style.base_style
    return None


# ---------------------------------------------------------------------------- rules

@dataclass(frozen=True)
class _Style:
    """What sizing a rule needs of a paragraph style, looked up once per style."""

    name: str
    size: float | None              # points (Length.pt)
    bold: bool | None


_NO_STYLE = _Style("", None, None)


class _Styles:
    """The paragraph styles of a document, resolved as python-docx resolves
    ``Paragraph.style`` (an unknown id, or none, means the default paragraph style): every
    style id of the styles part, and None, looked up once (:meth:`of_part`)."""

    def __init__(self, table: dict[str | None, _Style], rule_ids: list[str]) -> None:
        self.table = table
        self.rule_ids = rule_ids
        self.default_is_rule = self.of(None).name in RULE_STYLES
        names = {f"s{i}": style_id for i, style_id in enumerate(self.rule_ids)}
        test = " or ".join(f"@w:val = ${name}" for name in names) or "false()"
        find = etree.XPath(f".//w:p[w:pPr[1]/w:pStyle[1][{test}]]", namespaces=nsmap)
        self.rules: Callable[[Any], list[Any]] = lambda body: find(body, **names)

    @classmethod
    def of_part(cls, part: Any) -> _Styles:
        def lookup(style_id: str | None) -> _Style | None:
            try:
                style = part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
            except etree.Error:          # an id no XPath can name: python-docx fails on it
                return None
            if style is None:
                return _NO_STYLE
            size = style_value(style, lambda s: s.font.size)
            return _Style(style.name or "", size.pt if size is not None else None,
                          style_value(style, lambda s: s.font.bold))

        table: dict[str | None, _Style] = {}
        for style_id in (None, *dict.fromkeys(s.style_id for s in part.styles)):
            found = lookup(style_id)
            if found is not None:
                table[style_id] = found
        named = [s.style_id for s in part.styles if s.name in RULE_STYLES]
        # The first style of an id decides (an id of another type means the default style).
        styles = cls(table, [])
        return cls(table, [i for i in dict.fromkeys(named) if styles.of(i).name in RULE_STYLES])

    def of(self, style_id: str | None) -> _Style:
        found = self.table.get(style_id)
        return found if found is not None else self.table.get(None, _NO_STYLE)


_NO_PART: Any = None          # measuring a paragraph or a section needs no document part


def _paragraph(p: Any) -> Paragraph:
    return Paragraph(p, _NO_PART)


def _style_id(p: Any) -> str | None:
    ppr = p.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val")) if style is not None else None


def _effective(previous: Any, styles: _Styles) -> tuple[float, bool]:
    """Size (points) and boldness of a paragraph's first run, else of its style chain."""
    paragraph = _paragraph(previous)
    font = paragraph.runs[0].font if paragraph.runs else None
    style = styles.of(_style_id(previous))
    size = font.size.pt if font is not None and font.size is not None else style.size
    bold = font.bold if font is not None and font.bold is not None else style.bold
    return (size if size is not None else 14), bool(bold)


_SECTIONS = etree.XPath("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr", namespaces=nsmap)
_DRAWINGS = etree.XPath("//wp:docPr", namespaces=nsmap)


def _page_width(root: Any) -> float:
    """Width in points between the margins of the document's first section."""
    section = Section(_SECTIONS(root)[0], _NO_PART)
    parts = (section.page_width, section.left_margin, section.right_margin)
    width, left, right = (p or 0 for p in parts)
    return Length(width - left - right).pt


def _available_width(paragraph: Any, root: Any) -> float:
    """Width in points that the paragraph's text can use (its table cell, or the page)."""
    element = paragraph.getparent()
    if element is not None and element.tag.endswith("}tc"):
        tc_w = element.tcPr.tcW if element.tcPr is not None else None
        if tc_w is not None and tc_w.width is not None:
            return tc_w.width.pt - 2 * 5.4    # Word's default cell margins: 0.19 cm each side
    return _page_width(root)


# The paragraph just before another in document order (an enclosing one, for a paragraph in
# a text box), as iterating the body's paragraphs meets them.
_PREVIOUS = etree.XPath("(preceding::w:p[1] | ancestor::w:p[1])[last()]", namespaces=nsmap)


def _rule_pairs(root: Any, styles: _Styles) -> Iterator[tuple[Any, Any]]:
    """(paragraph above, rule paragraph) for every rule paragraph of the body."""
    body = root.find(qn("w:body"))
    if styles.default_is_rule:        # every unstyled paragraph would be a rule: look at all
        paragraphs = body.iter(qn("w:p"))
        yield from ((a, b) for a, b in itertools.pairwise(paragraphs)
                    if styles.of(_style_id(b)).name in RULE_STYLES)
        return
    for rule in styles.rules(body) if styles.rule_ids else ():
        previous = _PREVIOUS(rule)
        if previous:
            yield previous[0], rule


def _fit_rules(root: Any, styles: _Styles) -> None:
    for previous, rule in _rule_pairs(root, styles):
        text = _paragraph(previous).text
        if not text.strip():
            continue
        size_pt, bold = _effective(previous, styles)
        width = _available_width(rule, root)
        ratio = RULE_STYLES[styles.of(_style_id(rule)).name]
        length = layout.rule_length(text, size_pt, bold, width, ratio)
        left, right = layout.centred_indents(length, width)
        paragraph_format = _paragraph(rule).paragraph_format
        paragraph_format.left_indent = Pt(left)
        paragraph_format.right_indent = Pt(right)


def fit_rules(document: DocxDocument) -> None:
    """Size every rule paragraph to the text of the paragraph just above it."""
    _fit_rules(document.element, _Styles.of_part(document.part))


# ---------------------------------------------------------------------------- stock docxtpl

def _render_error(template: str, err: jinja2.TemplateError) -> RenderError:
    context_lines = getattr(err, "docx_context", [])
    lines = " | ".join(line.strip() for line in context_lines if line.strip())
    where = f" (gần: {lines})" if lines else ""
    return RenderError(f"Lỗi khi điền mẫu {template}: {fill_problem(err, named=False)}{where}")


def render_with_docxtpl(template: Template, context: dict[str, Any]) -> bytes:
    """The .docx bytes of *template* filled with *context* by stock docxtpl: the
    reference :func:`render` writes the same XML as, and its way for what it cannot
    compile."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(template_data(template)))
    try:
        if isinstance(template, TemplateFile):
            with time_limit(user_templates.MAX_SECONDS, f"Mẫu {template.origin}"):
                tpl.render(context, jinja_env=user_env(), autoescape=True)
        else:
            tpl.render(context, jinja_env=jinja_env(), autoescape=True)
    except jinja2.TemplateError as err:
        raise _render_error(_name(template), err) from err
    except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError,
            RecursionError) as err:
        if not isinstance(template, TemplateFile):
            raise
        raise RenderError(f"Lỗi khi điền mẫu {template.origin}: {fill_problem(err)}") from None
    except etree.XMLSyntaxError as err:
        raise RenderError(f"Mẫu {_name(template)}: văn bản điền ra không phải XML hợp lệ "
                          f"({err.msg}): một khối {{% if %}}/{{% for %}} mở và đóng ở hai đoạn "
                          "văn hay hai ô khác nhau? Chạy «thidua templates check» để xem chỗ "
                          "sai.") from None
    fit_rules(tpl.docx)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------- compiled once

_MARK = "<!--thidua: body-->"
_TAG = re.compile(r"\{[{%#]|[}%#]\}")
# docxtpl's recovering parser, making python-docx's element classes (for the rules).
_PARSER = etree.XMLParser(recover=True)
_PARSER.set_element_class_lookup(element_class_lookup)


@dataclass
class Prepared:
    """A template ready to be filled many times: docxtpl's body, compiled; the document's
    root around it; its paragraph styles; the package as docxtpl writes it."""

    name: str
    source: str                      # docxtpl's body, as its render_xml_part compiles it
    head: str                        # <w:document …><w:body>
    tail: str                        # </w:body></w:document>
    styles: _Styles
    package: Package
    text: _TextPath | None           # the path without a parse, when the template allows it
    user: TemplateFile | None = None     # a user's template: rendered bounded, output verified
    stable_data: bytes | None = None     # *stable*'s zip, when known already

    @cached_property
    def stable(self) -> Package:
        """*package* as :func:`output.stable_zip` rewrites it: every member dated ZIP_TIME and
        compressed again by zipfile. The body is compressed by zlib at zipfile's level, so a
        document written with this package is stable_zip's output without a second pass."""
        if self.stable_data is None:
            self.stable_data = stable_zip(self.package.document(b""))
        return Package(self.stable_data, keep_order=True)

    @cached_property
    def body(self) -> jinja2.Template:
        """*source* compiled for the parse path (only when a document needs it)."""
        return (user_env() if self.user else jinja_env()).from_string(self.source)


class _Unfit(Exception):
    """The rendered document needs a step of stock docxtpl that the compiled path skips."""


# The modules whose code decides what prepared() makes: their files are part of the cache key.
_PREPARING = ("generator.render.engine", "generator.render.environment",
              "generator.render.docxzip", "generator.render.output",
              "generator.render.user_templates", "generator.vn.formats", "docxtpl", "docx",
              "jinja2", "markupsafe", "lxml")
# What a stored entry that passed its checksum could still raise if it were not one of ours.
_RESTORE_ERRORS = (KeyError, IndexError, TypeError, ValueError, AttributeError, RenderError,
                   zipfile.BadZipFile, jinja2.TemplateError, etree.Error)


@cache
def prepared(template: Template) -> Prepared | None:
    """*template* prepared once per process, or None when only stock docxtpl can
    render it (tags outside the body, or a body Jinja cannot compile). What a process
    prepares is kept on disk (:mod:`template_cache`) for the next one."""
    data = template_data(template)
    user = template if isinstance(template, TemplateFile) else None
    name = template_cache.key(data, "builtin" if user is None else "user", _PREPARING)
    stored = template_cache.load(name)
    if stored is not None:
        try:
            return _restored(stored, template)
        except _RESTORE_ERRORS:
            pass                        # prepared again, and stored again
    ready = _prepare(template, data)
    template_cache.save(name, _stored(ready))
    return ready


def _stored(ready: Prepared | None) -> dict[str, Any]:
    """*ready* as plain values (marshal's), for the cache."""
    if ready is None:
        return {"ready": False}
    text = ready.text
    stable = ready.stable.data
    return {"ready": True, "source": ready.source, "head": ready.head, "tail": ready.tail,
            "styles": [(i, s.name, s.size, s.bold) for i, s in ready.styles.table.items()],
            "rule_ids": list(ready.styles.rule_ids), "package": ready.package.data,
            "stable": stable,
            "text": None if text is None else (text.code, text.empties, text.rules)}


def _restored(stored: dict[str, Any], template: Template) -> Prepared | None:
    """The Prepared that _stored made *stored* of, for *template*."""
    if not stored["ready"]:
        return None
    styles = _Styles({i: _Style(str(n), size, bold) for i, n, size, bold in stored["styles"]},
                     [str(i) for i in stored["rule_ids"]])
    text = None
    if stored["text"] is not None:
        code, empties, rules = stored["text"]
        env = _text_env()
        body = env.template_class.from_code(env, code, env.make_globals(None), None)
        text = _TextPath(body, code, tuple((str(a), str(b)) for a, b in empties),
                         tuple(str(r) for r in rules))
    user = template if isinstance(template, TemplateFile) else None
    return Prepared(_name(template), str(stored["source"]), str(stored["head"]),
                    str(stored["tail"]), styles, Package(stored["package"], keep_order=True),
                    text, user, bytes(stored["stable"]))


def _prepare(template: Template, data: bytes) -> Prepared | None:
    from docxtpl import DocxTemplate

    env = env_for(template)
    user = template if isinstance(template, TemplateFile) else None
    tpl = DocxTemplate(io.BytesIO(data))
    tpl.init_docx()
    document = tpl.docx
    body_part = document.part
    for part in document.part.package.iter_parts():
        blob = part.blob if part is not body_part and part.partname.endswith(".xml") else b""
        if b"{" in blob and _TAG.search(tpl.patch_xml(blob.decode("utf-8", "replace"))):
            return None
    patched = tpl.patch_xml(tpl.get_xml())
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)
    try:
        env.parse(source)
    except jinja2.TemplateError:
        return None
    root = copy.deepcopy(document.element)
    root_body = root.find(qn("w:body"))
    for child in list(root_body):
        root_body.remove(child)
    root_body.append(etree.Comment(_MARK[4:-3]))
    head, tail = etree.tostring(root, encoding="unicode").split(_MARK)
    styles = _Styles.of_part(document.part)
    # Every part but the body, exactly as docxtpl's render and save write them.
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for key, xml in list(tpl.build_headers_footers_xml({}, uri, env)):
            tpl.map_headers_footers_xml(key, xml)
    tpl.render_properties({}, env)
    tpl.render_footnotes({}, env)
    out = io.BytesIO()
    document.save(out)
    # A user's template takes the parse path only: its output is verified before it is used.
    text = _text_path(patched, head, styles) if user is None else None
    return Prepared(_name(template), source, head, tail, styles,
                    Package(out.getvalue(), keep_order=True), text, user)


def _body_xml(ready: Prepared, context: dict[str, Any]) -> str:
    """The rendered body as docxtpl's render_xml_part returns it."""
    if ready.user is not None:
        xml = bounded_render(ready.body, context, ready.source, ready.user.origin)
        return _finish_body(xml)
    try:
        xml = ready.body.render(context)
    except jinja2.TemplateError as err:
        lineno = getattr(err, "lineno", None)
        if lineno is not None:                               # docxtpl's context lines
            first = max(lineno - 4, 0)
            err.docx_context = [re.sub(r"<[^>]+>", "", line)            # type: ignore[attr-defined]
                                for line in ready.source.splitlines()[first:first + 7]]
        raise _render_error(ready.name, err) from err
    return _finish_body(xml)


def _finish_body(xml: str) -> str:
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if any(c in xml for c in "\t\a\n\f"):      # else docxtpl's listing pass changes nothing
        xml = listing(xml)
    return xml


_GRID_GROWS = etree.XPath(".//w:tr[count(w:tc) > $n]", namespaces=nsmap)


def _check_tables(root: Any) -> None:
    """Raise _Unfit if docxtpl's fix_tables would change a table's grid: when a row has more
    cells than the grid has columns, or no row spans every column."""
    for table in root.iter(qn("w:tbl")):
        grid = table.find(qn("w:tblGrid"))
        columns = len(grid.findall(qn("w:gridCol"))) if grid is not None else 0
        if grid is None or _GRID_GROWS(table, n=columns):
            raise _Unfit
        for row in table.iter(qn("w:tr")):
            spans = 0
            for cell in row.findall(qn("w:tc")):
                properties = cell.find(qn("w:tcPr"))
                span = properties.find(qn("w:gridSpan")) if properties is not None else None
                spans += int(span.get(qn("w:val"))) if span is not None else 1
            if spans >= columns:
                break
        else:
            raise _Unfit


def _render_compiled(ready: Prepared, context: dict[str, Any]) -> bytes:
    xml = _body_xml(ready, context)
    if not (xml.startswith("<w:body") and xml.endswith("</w:body>")):
        if ready.user is not None:
            verify_xml(xml, ready.user.origin)
            raise RenderError(f"Mẫu {ready.user.origin}: thân văn bản điền ra không đúng "
                              "cấu trúc Word.")
        raise _Unfit
    inner = xml[xml.index(">") + 1:-len("</w:body>")]
    whole = (ready.head + inner + ready.tail).encode("utf-8")
    if ready.user is not None:          # the recovering parser would hide a broken result
        verify_xml(whole, ready.user.origin)
    root = etree.fromstring(whole, _PARSER)
    _check_tables(root)
    if "docPr" in inner:             # docxtpl numbers drawings from 1001, in document order
        for number, element in enumerate(_DRAWINGS(root), 1001):
            element.attrib["id"] = str(number)
    _fit_rules(root, ready.styles)
    return etree.tostring(root, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------------------- without a parse
#
# The parse only normalises the XML the way lxml writes it and gives the rules a tree. The
# template's own text came out of lxml and is normal already. Values become normal when they are
# escaped as lxml escapes text (& < > only, quotes and braces as they are). What is left is an
# element that a value or a block left empty (<w:t></w:t>, which lxml writes <w:t/>), and the
# rules, sized on small parsed pieces. Checked once per template (_TextShape): every value and
# block sits in text content, never in an attribute; blocks nest with the XML; the text holds
# no brace (so docxtpl's '{_{' escapes cannot occur); no table's grid can need docxtpl's fix.
# Checked per document: no control character (no listing pass needed, nothing XML refuses) and
# no drawing. Anything else takes the parse path.

_XML_TAG = re.compile(r"<(/?)([^\s<>/!?]+)(?:\s[^<>]*?)?(/?)>")
_OPEN_AT_END = re.compile(r"<[^\s<>/!?]+(?:\s[^<>]*\")?>\Z")
_EMPTY = re.compile(r"(<([^\s<>/!?]+)(?:\s[^<>]*\")?>)</\2>")
_REFUSED = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")
# What a value or the template's text may not hold on this path: all of the above but the tab
# and the line break, which the listing pass turns into elements.
_REFUSED_VALUE = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_SPECIAL = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff&<>]")   # or escaped
# Tags come from the template's text alone (values are escaped), and these are never made by
# the listing pass: a template holding none of them never renders one.
#   a drawing (docxtpl numbers them), a paragraph that may sit elsewhere than in the body or a
#   cell (text box, content control, custom XML), an empty cell (cells are counted for depth)
_UNSIZED = re.compile(r"docPr|txbxContent|<w:sdt|<w:customXml|<w:tc(?:\s[^<>]*)?/>")
_P_START_B = re.compile(rb"<w:p(?:\s[^<>]*\")?>")
_P_ANY_B = re.compile(rb"<w:p[\s>/]")
_DECLARATION = etree.tostring(etree.Element("a"), encoding="UTF-8",
                              standalone=True).decode()[:-len("<a/>")]
_BLOCKS = {"for": "open", "if": "open", "elif": "middle", "else": "middle", "endfor": "close",
           "endif": "close"}


def _xml_text(value: Any) -> markupsafe.Markup:
    """A value as lxml writes it in text content (values that are XML take the parse path)."""
    if value.__class__ is str:              # most values: one scan says nothing is to be done
        if not _SPECIAL.search(value):
            return markupsafe.Markup(value)
        text = value
    elif hasattr(value, "__html__"):
        raise _Unfit
    else:
        text = str(value)
    if _REFUSED_VALUE.search(text):
        raise _Unfit                        # what XML refuses, a BEL or a form feed
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return markupsafe.Markup(text)


class _TextCodeGenerator(CodeGenerator):
    """Jinja's code for the path without a parse: a value is output as ``finalize(value)``, not
    ``escape(finalize(value))``. The finalize (_xml_text) escapes every value as lxml writes
    text and returns it as Markup, which escape() could only wrap in a new Markup; in any other
    case (autoescape off or decided at run time) Jinja's own code is kept."""

    def _plain(self, frame: Frame, finalize: Any) -> bool:
        return bool(frame.eval_ctx.autoescape) and not frame.eval_ctx.volatile and \
            finalize.src == "environment.finalize("

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if self._plain(frame, finalize):
            self.write(finalize.src)
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if self._plain(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


@cache
def _text_env() -> jinja2.Environment:
    env = jinja_env().overlay(finalize=_xml_text)
    env.code_generator_class = _TextCodeGenerator
    return env


@dataclass(frozen=True)
class _TextPath:
    """The body compiled for the path without a parse, and what it needs at render time."""

    body: jinja2.Template
    code: Any                                # body's code object (the cache stores it)
    empties: tuple[tuple[str, str], ...]     # (<x …></x>, <x …/>) that may occur
    rules: tuple[str, ...]                   # how a rule paragraph's style reads in the XML


class _TextShape:
    """One walk over the compiled source's tokens, keeping the XML's open elements."""

    def __init__(self) -> None:
        # Each open element: {"name", and for w:tbl "columns", "full" (a row that is always
        # there spans every column); w:tr "cells", "spans"; w:tc "properties", "span"}.
        self.stack: list[dict[str, Any]] = []
        self.blocks: list[int] = []          # len(stack) where each open block began
        self.empties: set[str] = set()
        self.last = ""

    def data(self, text: str) -> None:
        if "{" in text or "}" in text or "<!" in text or "<?" in text:
            raise _Unfit
        count = 0
        for match in _XML_TAG.finditer(text):
            count += 1
            closing, name, empty = match.groups()
            if closing:
                self._close(name)
            else:
                self._open(name, match.group(0), bool(empty))
        if count != text.count("<") or count != text.count(">"):
            raise _Unfit                     # a tag left open for a value or a block
        self.empties.update(m.group(1) for m in _EMPTY.finditer(text))
        self.last = text

    def _open(self, name: str, tag: str, empty: bool) -> None:
        top: dict[str, Any] = self.stack[-1] if self.stack else {"name": None}
        element: dict[str, Any] = {"name": name}
        if name == "w:tbl":
            element.update(columns=0, grids=0, full=False)
        elif name == "w:tblGrid" and top["name"] == "w:tbl":
            top["grids"] += 1
            element["first"] = top["grids"] == 1
        elif name == "w:gridCol" and top["name"] == "w:tblGrid" and top["first"]:
            self.stack[-2]["columns"] += 1
        elif name == "w:tr":
            element.update(cells=0, spans=0,
                           fixed=top["name"] == "w:tbl" and (
                               not self.blocks or self.blocks[-1] < len(self.stack)))
        elif name == "w:tc" and top["name"] == "w:tr":
            top["cells"] += 1
            element.update(properties=False, span=None)
        elif name == "w:tcPr" and top["name"] == "w:tc":
            element["first"] = not top["properties"]
            top["properties"] = True
        elif name == "w:gridSpan" and top["name"] == "w:tcPr" and top["first"] and \
                self.stack[-2]["span"] is None:
            value = re.search(r'\sw:val="(\d+)"', tag)
            if value is None:
                raise _Unfit
            self.stack[-2]["span"] = int(value.group(1))
        if empty:
            if name == "w:tc":
                self.stack[-1]["spans"] += 1
        else:
            self.stack.append(element)

    def _close(self, name: str) -> None:
        if not self.stack or self.stack[-1]["name"] != name:
            raise _Unfit
        element = self.stack.pop()
        top: dict[str, Any] = self.stack[-1] if self.stack else {"name": None}
        if name == "w:tc" and top["name"] == "w:tr":
            top["spans"] += element["span"] or 1
        elif name == "w:tr":
            grids = [e["columns"] for e in self.stack if e["name"] == "w:tbl"]
            if grids and element["cells"] > min(grids):     # docxtpl would add grid columns
                raise _Unfit
            if element["fixed"] and element["spans"] >= top["columns"]:
                top["full"] = True
        elif name == "w:tbl" and not element["full"]:
            raise _Unfit                # docxtpl might remove grid columns: it decides

    def construct(self, block: str | None) -> None:
        """A value (*block* None) or a block tag named *block* begins."""
        top: dict[str, Any] = self.stack[-1] if self.stack else {"name": None}
        if top["name"] in ("w:tr", "w:tblGrid", "w:gridCol", "w:tblPr") or \
                (top["name"] == "w:tc" and not top["properties"]) or \
                any(e["name"] == "w:tcPr" for e in self.stack):
            raise _Unfit            # what decides a table's grid must not depend on the data
        found = _OPEN_AT_END.search(self.last)
        if found:
            self.empties.add(found.group(0))
        self.last = ""
        if block is None:
            return
        role = _BLOCKS.get(block)
        if role is None:
            raise _Unfit
        if role == "open":
            self.blocks.append(len(self.stack))
        elif not self.blocks or self.blocks[-1] != len(self.stack):
            raise _Unfit
        elif role == "close":
            self.blocks.pop()


def nests_with_xml(source: str) -> bool:
    """Whether every value and block of *source* (a part's XML as docxtpl compiles it) sits in
    text content and every block nests with the XML elements: then no data can make its output
    ill-formed (values are escaped), and a user's template needs no parse per document."""
    env = _text_env()
    shape = _TextShape()
    try:
        tokens = [(kind, value) for _, kind, value in env.lex(source) if kind != "whitespace"]
        for index, (kind, value) in enumerate(tokens):
            if kind == "data":
                shape.data(value)
            elif kind in ("variable_begin", "comment_begin"):
                shape.construct(None)
            elif kind == "block_begin":
                shape.construct(tokens[index + 1][1])
    except (_Unfit, jinja2.TemplateError, IndexError):
        return False
    return not shape.stack and not shape.blocks


def _text_path(source: str, head: str, styles: _Styles) -> _TextPath | None:
    """The path without a parse for this template (*source*: its body patched by docxtpl,
    without the line breaks docxtpl puts before each paragraph and takes out of the result
    again), or None if it does not allow it."""
    if styles.default_is_rule or _REFUSED_VALUE.search(source) or _UNSIZED.search(source):
        return None
    env = _text_env()
    shape = _TextShape()
    try:
        code = env.compile(source)
        body = env.template_class.from_code(env, code, env.make_globals(None), None)
        tokens = [(kind, value) for _, kind, value in env.lex(source) if kind != "whitespace"]
        for index, (kind, value) in enumerate(tokens):
            if kind == "data":
                shape.data(value)
            elif kind in ("variable_begin", "comment_begin"):
                shape.construct(None)
            elif kind == "block_begin":
                shape.construct(tokens[index + 1][1])
        if shape.stack or shape.blocks:
            return None
    except (_Unfit, jinja2.TemplateError):
        return None
    empties = tuple((tag + "</" + tag[1:].split(">")[0].split()[0] + ">", tag[:-1] + "/>")
                    for tag in sorted(shape.empties))
    rules = []
    for style_id in styles.rule_ids:
        style = etree.SubElement(etree.Element(qn("w:pPr"), nsmap={"w": nsmap["w"]}),
                                 qn("w:pStyle"), {qn("w:val"): style_id})
        rules.append("<w:pPr>" + etree.tostring(style, encoding="unicode").replace(
            f' xmlns:w="{nsmap["w"]}"', ""))
    return _TextPath(body, code, empties, tuple(rules))


# docxtpl's listing pass (DocxTemplate.resolve_listing), the same regular expressions: each
# paragraph, each run of it, each text of the run, in turn.
_LIST_P = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_LIST_R = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>", re.DOTALL)
_LIST_T = re.compile(r"<w:t(?: [^>]*)?>.*?</w:t>", re.DOTALL)
_LIST_PPR = re.compile(r"<w:pPr>.*?</w:pPr>")
_LIST_RPR = re.compile(r"<w:rPr>.*?</w:rPr>")
_EMPTY_T = re.compile(r"<w:t((?: [^<>]*)?)></w:t>")
_P_END_B = b"</w:p>"


def listing(xml: str) -> str:
    """*xml* as docxtpl's listing pass leaves it: a tab in a text becomes a w:tab run, a line
    break a w:br, a BEL a new paragraph and a form feed a page break (both with the
    paragraph's and the run's properties)."""
    def paragraph(p: re.Match[str]) -> str:
        found = _LIST_PPR.search(p.group(0))
        ppr = found.group(0) if found else ""
        return _LIST_R.sub(lambda r: run(ppr, r), p.group(0))

    def run(ppr: str, r: re.Match[str]) -> str:
        found = _LIST_RPR.search(r.group(0))
        rpr = found.group(0) if found else ""
        return _LIST_T.sub(lambda t: text(ppr, rpr, t), r.group(0))

    def text(ppr: str, rpr: str, t: re.Match[str]) -> str:
        out = t.group(0).replace(
            "\t", f'</w:t></w:r><w:r>{rpr}<w:tab/></w:r><w:r>{rpr}<w:t xml:space="preserve">')
        out = out.replace("\a", f'</w:t></w:r></w:p><w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">')
        out = out.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
        return out.replace("\f", '</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p>'
                           f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">')

    return _LIST_P.sub(paragraph, xml)


def _listed_text(xml: bytes) -> bytes:
    """*xml* (the text path's body in UTF-8, its tags sound) after the listing pass of its tabs
    and line breaks, written as lxml writes it; only the paragraphs holding one are passed.

    A paragraph of the pass ends at the first '</w:p>' after it begins, so no paragraph spans a
    '</w:p>': from the end of one, the pass is in the same state whatever came before. The
    pieces between two ends that hold no tab or line break come out of it unchanged."""
    pieces: list[bytes | memoryview] = []
    done = 0
    tab, line = xml.find(b"\t"), xml.find(b"\n")
    while tab >= 0 or line >= 0:
        at = min(tab, line) if tab >= 0 and line >= 0 else max(tab, line)
        start = xml.rfind(_P_END_B, done, at)
        start = done if start < 0 else start + len(_P_END_B)
        stop = xml.find(_P_END_B, at)
        stop = len(xml) if stop < 0 else stop + len(_P_END_B)
        listed = _EMPTY_T.sub(r"<w:t\1/>", listing(xml[start:stop].decode("utf-8")))
        if _REFUSED.search(listed):
            raise _Unfit                   # a tab or a line break outside a run's text
        pieces += [memoryview(xml)[done:start], listed.encode("utf-8")]
        done = stop
        tab, line = xml.find(b"\t", done), xml.find(b"\n", done)
    return b"".join([*pieces, memoryview(xml)[done:]])


def _render_text(ready: Prepared, path: _TextPath, context: dict[str, Any]) -> bytes:
    """The body on the path without a parse. Past Jinja, the work is done on its UTF-8 (half
    the size of the text, and scanned byte by byte): tags are ASCII, and no byte of a
    character written in several is ASCII, so a tag is never found inside a character."""
    try:
        text = path.body.render(context)
    except jinja2.TemplateError:
        raise _Unfit from None              # the parse path reports it as docxtpl does
    if not (text.startswith("<w:body") and text.endswith("</w:body>")):
        raise _Unfit
    xml = text.encode("utf-8")
    del text
    if b"\t" in xml or b"\n" in xml:
        xml = _listed_text(xml)
    for empty, closed in path.empties:
        xml = xml.replace(empty.encode("utf-8"), closed.encode("utf-8"))
    inner = xml[xml.index(b">") + 1:len(xml) - len(b"</w:body>")]
    del xml
    return b"".join([(_DECLARATION + ready.head).encode("utf-8"),
                     *_fit_rules_text(inner, ready, path), ready.tail.encode("utf-8")])


def _fit_rules_text(inner: bytes, ready: Prepared, path: _TextPath) -> list[bytes | memoryview]:
    """*inner* (the body's content), in pieces, with every rule paragraph sized as _fit_rules
    sizes it."""
    marks = [mark.encode("utf-8") for mark in path.rules]
    hits = sorted(i for mark in marks for i in _positions(inner, mark))
    if len(hits) != sum(inner.count(mark[len(b"<w:pPr>"):]) for mark in marks):
        raise _Unfit                        # a rule style elsewhere than first in a paragraph
    if not hits:
        return [inner]
    found: list[str] = []       # the first section's element, once found
    pieces: list[bytes | memoryview] = []
    end = 0
    for mark in hits:
        start = max(inner.rfind(b"<w:p>", 0, mark), inner.rfind(b"<w:p ", 0, mark))
        stop = inner.find(_P_END_B, mark) + len(_P_END_B)
        if start < 0 or not _P_START_B.fullmatch(inner, start, mark) or stop < mark or \
                _P_ANY_B.search(inner, mark, stop):
            raise _Unfit
        pieces += [memoryview(inner)[end:start],
                   _fit_rule_text(inner, start, stop, ready, found).encode("utf-8")]
        end = stop
    return [*pieces, memoryview(inner)[end:]]


def _positions(text: bytes, part: bytes) -> Iterator[int]:
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def _cell_depth(inner: bytes, end: int) -> int:
    """How many cells are open at *end* (the template has no empty <w:tc/>: _UNSIZED)."""
    return inner.count(b"<w:tc>", 0, end) + inner.count(b"<w:tc ", 0, end) - \
        inner.count(b"</w:tc>", 0, end)


def _first_section(inner: bytes) -> str:
    """The top-level element holding the document's first section properties."""
    for at in _positions(inner, b"<w:sectPr"):
        if _cell_depth(inner, at):
            continue
        start = max(inner.rfind(b"<w:p>", 0, at), inner.rfind(b"<w:p ", 0, at))
        stop = inner.find(_P_END_B, start) + len(_P_END_B) if start >= 0 else -1
        if start >= 0 and stop > at:
            return inner[start:stop].decode("utf-8")
        closed = inner.index(b">", at)
        stop = closed + 1 if inner[closed - 1:closed] == b"/" else \
            inner.index(b"</w:sectPr>", at) + len(b"</w:sectPr>")
        return inner[at:stop].decode("utf-8")
    raise _Unfit


def _fit_rule_text(inner: bytes, start: int, stop: int, ready: Prepared,
                   found: list[str]) -> str:
    rule = inner[start:stop].decode("utf-8")
    above = max(inner.rfind(tag, 0, start) for tag in (b"<w:p>", b"<w:p ", b"<w:p/>"))
    if above < 0 or inner[inner.index(b">", above) - 1:inner.index(b">", above)] == b"/":
        return rule                         # nothing above it, or an empty paragraph
    above_end = inner.find(_P_END_B, above) + len(_P_END_B)
    if above_end > start or _P_ANY_B.search(inner, above + 1, above_end):
        raise _Unfit
    previous = inner[above:above_end].decode("utf-8")
    depth = _cell_depth(inner, start)
    if depth == 0:
        if not found:
            found.append(_first_section(inner))
        first, wrap_open, wrap_close = found[0], "", ""
    elif depth == 1:
        cell = max(inner.rfind(b"<w:tc>", 0, start), inner.rfind(b"<w:tc ", 0, start))
        tag_end = inner.index(b">", cell) + 1
        if not inner.startswith(b"<w:tcPr", tag_end):
            raise _Unfit
        closed = inner.index(b">", tag_end)
        properties_end = closed + 1 if inner[closed - 1:closed] == b"/" else \
            inner.index(b"</w:tcPr>", tag_end) + len(b"</w:tcPr>")
        first = ""
        wrap_open = "<w:tbl><w:tr>" + inner[cell:properties_end].decode("utf-8")
        wrap_close = "</w:tc></w:tr></w:tbl>"
    else:
        raise _Unfit
    prefix = ready.head + first + previous + wrap_open
    suffix = wrap_close + ready.tail
    root = etree.fromstring((prefix + rule + suffix).encode("utf-8"), _PARSER)
    body = root.find(qn("w:body"))
    above_p = body[1 if first else 0]
    rule_p = body[-1] if depth == 0 else body[-1].find(qn("w:tr")).find(qn("w:tc"))[-1]
    sections = _SECTIONS(root)
    if first and not (sections and any(e is body[0] for e in
                                       (sections[0], *sections[0].iterancestors()))):
        raise _Unfit                        # not the section _page_width would read
    text = _paragraph(above_p).text
    if not text.strip():
        return rule
    size_pt, bold = _effective(above_p, ready.styles)
    width = _available_width(rule_p, root)
    ratio = RULE_STYLES[ready.styles.of(_style_id(rule_p)).name]
    length = layout.rule_length(text, size_pt, bold, width, ratio)
    left, right = layout.centred_indents(length, width)
    paragraph_format = _paragraph(rule_p).paragraph_format
    paragraph_format.left_indent = Pt(left)
    paragraph_format.right_indent = Pt(right)
    out = etree.tostring(root, encoding="unicode")
    if not (out.startswith(prefix) and out.endswith(suffix)):
        raise _Unfit
    return out[len(prefix):len(out) - len(suffix)]


def render(template: Template, context: dict[str, Any], stable: bool = False) -> bytes:
    """The .docx bytes of *template* (a packaged name, or a user's file) filled with *context*.
    A user's template is checked against the context first (every fault at once). With
    *stable*, the bytes :func:`output.stable_zip` would make of them."""
    if isinstance(template, TemplateFile):
        require_sound(template, shape_of(context), user_env())
        template = user_templates.for_document(template, context)      # its draft mark
        try:
            ready = prepared(template)
        except (KeyError, ValueError, AttributeError, TypeError, OSError,
                zipfile.BadZipFile, etree.XMLSyntaxError, PackageNotFoundError) as err:
            raise RenderError(f"Mẫu {template.origin}: không đọc được như một tệp Word ({err}); "
                              "hãy mở bằng Word hoặc LibreOffice rồi lưu lại dạng .docx.") from None
    else:
        ready = prepared(template)
    if ready is not None:
        xml = None
        if ready.text is not None:
            try:
                xml = _render_text(ready, ready.text, context)
            except _Unfit:
                pass
        if xml is None:
            try:
                xml = _render_compiled(ready, context)
            except _Unfit:
                pass
        if xml is not None:
            if not stable:
                return ready.package.document(xml)
            if len(xml) * 1.05 <= zipfile.ZIP64_LIMIT:     # zipfile would write no zip64 field
                return ready.stable.document(xml)
            return stable_zip(ready.package.document(xml))
    document = render_with_docxtpl(template, context)
    return stable_zip(document) if stable else document


def template_variables(template: str) -> set[str]:
    """Top-level names a packaged template reads (for the template ↔ schema test)."""
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(template_bytes(template)))
    return tpl.get_undeclared_template_variables(jinja_env=jinja_env())
