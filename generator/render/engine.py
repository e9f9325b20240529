"""Fill a packaged Word template with a context (docxtpl + a strict, sandboxed Jinja).

One renderer for every document kind. Data is never evaluated as a template: it only ever
reaches Jinja as values, through an environment that is sandboxed, autoescaping (so
``& < > " '`` come out literally and cannot break the XML) and strict (an undefined variable is
an error, never a blank in a signed document).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable
from functools import cache
from typing import Any

import jinja2
import markupsafe
from docx.document import Document as DocxDocument
from docx.shared import Length, Pt
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from generator.errors import RenderError
from generator.resources import template_bytes
from generator.vn import formats as vn

from . import layout

RULE_STYLES = {"TD Đường kẻ ngắn": layout.SHORT_RULE_RATIO,
               "TD Đường kẻ dài": layout.FULL_RULE_RATIO}

FILTERS = {
    "upper_vi": vn.upper_vi,
    "quoted": vn.quoted,
    "point": vn.point_label,
    "end_body": vn.end_body,
    "roman": vn.roman,
}


def _literal(value: Any) -> Any:
    """Escape a value for XML and also encode its braces.

    docxtpl turns '{_{', '}_}', '{_%' and '%_}' in the rendered XML back into Jinja delimiters;
    a character reference keeps a clerk's literal '{_{' intact (the XML parser restores it).
    """
    if hasattr(value, "__html__"):       # docxtpl Listing/RichText or Markup: already safe XML
        return value
    text = str(markupsafe.escape(value))
    return markupsafe.Markup(text.replace("{", "&#123;").replace("}", "&#125;"))


@cache
def jinja_env() -> SandboxedEnvironment:
    """The one Jinja environment every template is rendered with."""
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True,
                               finalize=_literal)
    env.filters.update(FILTERS)
    return env


def style_value(style: Any, get: Callable[[Any], Any]) -> Any:
    """The first value *get* finds walking up a style's base styles (as Word inherits them)."""
    while style is not None:
        value = get(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def _effective(paragraph: Paragraph, attr: str) -> Any:
    """A font attribute from the paragraph's first run, else from its style chain."""
    if paragraph.runs:
        value = getattr(paragraph.runs[0].font, attr)
        if value is not None:
            return value
    return style_value(paragraph.style, lambda s: getattr(s.font, attr))


def _available_width(paragraph: Paragraph, document: DocxDocument) -> float:
    """Width in points that the paragraph's text can use (its table cell, or the page)."""
    element = paragraph._p.getparent()
    if element is not None and element.tag.endswith("}tc"):
        tc_w = element.tcPr.tcW if element.tcPr is not None else None
        if tc_w is not None and tc_w.width is not None:
            return tc_w.width.pt - 2 * 5.4    # Word's default cell margins: 0.19 cm each side
    section = document.sections[0]
    parts = (section.page_width, section.left_margin, section.right_margin)
    width, left, right = (p or 0 for p in parts)
    return Length(width - left - right).pt


def fit_rules(document: DocxDocument) -> None:
    """Size every rule paragraph to the text of the paragraph just above it."""
    paragraphs = list(_all_paragraphs(document))
    for previous, paragraph in itertools.pairwise(paragraphs):
        ratio = RULE_STYLES.get(paragraph.style.name if paragraph.style is not None else "")
        if ratio is None or not previous.text.strip():
            continue
        size = _effective(previous, "size")
        size_pt = size.pt if size is not None else 14
        bold = bool(_effective(previous, "bold"))
        width = _available_width(paragraph, document)
        length = layout.rule_length(previous.text, size_pt, bold, width, ratio)
        left, right = layout.centred_indents(length, width)
        paragraph.paragraph_format.left_indent = Pt(left)
        paragraph.paragraph_format.right_indent = Pt(right)


def _all_paragraphs(document: DocxDocument):
    """Body paragraphs in document order, table cells included."""
    body = document.element.body
    for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        yield Paragraph(p, document._body)


def render(template: str, context: dict[str, Any]) -> bytes:
    """The .docx bytes of packaged *template* filled with *context*."""
    tpl = DocxTemplate(io.BytesIO(template_bytes(template)))
    try:
        tpl.render(context, jinja_env=jinja_env(), autoescape=True)
    except jinja2.TemplateError as err:
        context_lines = getattr(err, "docx_context", [])
        lines = " | ".join(line.strip() for line in context_lines if line.strip())
        where = f" (gần: {lines})" if lines else ""
        raise RenderError(f"Lỗi khi điền mẫu {template}: {err}{where}") from err
    fit_rules(tpl.docx)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def template_variables(template: str) -> set[str]:
    """Top-level names a packaged template reads (for the template ↔ schema test)."""
    tpl = DocxTemplate(io.BytesIO(template_bytes(template)))
    return tpl.get_undeclared_template_variables(jinja_env=jinja_env())
