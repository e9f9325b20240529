"""Read back what a clerk would check in a rendered .docx: text, sizes, bold, italics, fonts."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from generator.render import engine as render


def open_docx(content: bytes | str) -> Any:
    return Document(io.BytesIO(content) if isinstance(content, bytes) else content)


def body_paragraphs(document: Any) -> list[Paragraph]:
    """Top-level body paragraphs (outside the header and footer tables)."""
    return [p for p in document.paragraphs]


def all_paragraphs(document: Any) -> list[Paragraph]:
    body = document.element.body
    return [Paragraph(p, document._body) for p in body.iter(qn("w:p"))]


def style_value(paragraph: Paragraph, getter) -> Any:
    """*getter* of the paragraph's style, or of the first base style that sets it."""
    return render.style_value(paragraph.style, getter)


def font_value(paragraph: Paragraph, attr: str) -> Any:
    """A run-level font attribute, as Word resolves it: run, then paragraph style chain."""
    for run in paragraph.runs:
        value = getattr(run.font, attr)
        if value is not None:
            return value
    return style_value(paragraph, lambda s: getattr(s.font, attr))


def size_pt(paragraph: Paragraph) -> float:
    size = font_value(paragraph, "size")
    return size.pt if size is not None else 14.0


def bold(paragraph: Paragraph) -> bool:
    return bool(font_value(paragraph, "bold"))


def italic(paragraph: Paragraph) -> bool:
    return bool(font_value(paragraph, "italic"))


def para_format(paragraph: Paragraph, attr: str) -> Any:
    value = getattr(paragraph.paragraph_format, attr)
    if value is not None:
        return value
    return style_value(paragraph, lambda s: getattr(s.paragraph_format, attr))


def has_bottom_border(paragraph: Paragraph) -> bool:
    def border(p_pr: Any) -> bool:
        return p_pr is not None and p_pr.find(qn("w:pBdr")) is not None and \
            p_pr.find(qn("w:pBdr")).find(qn("w:bottom")) is not None
    if border(paragraph._p.pPr):
        return True
    return bool(style_value(paragraph, lambda s: True if border(s.element.pPr) else None))


def text_of(document: Any) -> str:
    return "\n".join(p.text for p in all_paragraphs(document))
