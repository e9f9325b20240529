"""The compiled renderer writes the document stock docxtpl writes: the same parts, in the same
order, with the same bytes — for every sample document, for data that tries to break the XML,
for long lists, and for templates it must leave to docxtpl."""

from __future__ import annotations

import copy
import io
import random
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from support import SAMPLE_DIR
from support.variants import variant

from generator.build import campaign_files, load_source
from generator.render import engine
from generator.render.engine import render, render_with_docxtpl
from generator.resources import template_bytes

TODAY = date(2026, 12, 2)
DECISION = SAMPLE_DIR / "decisions" / "so-ket-2022.json"


def parts(docx: bytes) -> list[tuple[str, bytes]]:
    """Every member of a .docx, in order, with its uncompressed bytes (the zip's dates and
    compression are not the document)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def same_as_docxtpl(template: str, context: dict[str, Any]) -> bytes:
    fast = render(template, context)
    stock = render_with_docxtpl(template, context)
    left, right = parts(fast), parts(stock)
    assert [n for n, _ in left] == [n for n, _ in right]
    for (name, ours), (_, theirs) in zip(left, right, strict=True):
        assert ours == theirs, f"{name} differs"
    return fast


def context_of(path: Path) -> tuple[str, dict[str, Any]]:
    kind, source = load_source(path)
    return kind.template, kind.build_context(source, TODAY)


@pytest.mark.parametrize("path", campaign_files(SAMPLE_DIR), ids=lambda p: p.name)
def test_every_sample_document_is_what_docxtpl_writes(path):
    same_as_docxtpl(*context_of(path))


HOSTILE = ["Công ty A & B <C> \"trích\" 'nháy'", "{{ signer.name }} {% if 1 %}x{% endif %}",
           "{_{ a }_} {_% b %_} {# c #}", "", "   ", " lề trái", "]]> &amp; &#123;", "{",
           "Dòng 1\nDòng 2", "cột\tcột", "trang\fmới", "dòng\rvề", "😀 \u00a0 \u2028 \x85",
           "<w:p>", "</w:t></w:r></w:p>", "0", "Ông/Bà"]


def strings_replaced(value: Any, texts: list[str], counter: list[int]) -> Any:
    """*value* with every string replaced by the next of *texts*, in turn."""
    if isinstance(value, str):
        counter[0] += 1
        return texts[counter[0] % len(texts)]
    if isinstance(value, dict):
        return {k: strings_replaced(v, texts, counter) if k != "file_stem" else v
                for k, v in value.items()}
    if isinstance(value, list):
        return [strings_replaced(v, texts, counter) for v in value]
    return value


@pytest.mark.parametrize("shift", range(4))
@pytest.mark.parametrize("path", [DECISION, SAMPLE_DIR / "campaign.json"],
                         ids=lambda p: p.name)
def test_values_that_look_like_xml_or_jinja_come_out_as_docxtpl_writes_them(path, shift):
    template, context = context_of(path)
    texts = HOSTILE[shift:] + HOSTILE[:shift]
    same_as_docxtpl(template, strings_replaced(context, texts, [0]))


@pytest.mark.parametrize("text", HOSTILE, ids=repr)
def test_each_hostile_value_alone_in_a_list_row(text):
    template, context = context_of(DECISION)
    context = copy.deepcopy(context)
    context["doc"]["groups"][0]["individuals"][1]["name"] = text
    document = same_as_docxtpl(template, context)
    if text.strip() and not set(text) & set("\n\t\f\r"):
        body = dict(parts(document))["word/document.xml"].decode()
        assert text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in body


def test_a_list_of_2000_rows_with_empty_cells_is_what_docxtpl_writes():
    template, context = context_of(DECISION)
    group = context["doc"]["groups"][0]
    rows = group["individuals"]
    group["individuals"] = [dict(rows[i % len(rows)], name=f"Người {i}",
                                 detail="" if i % 7 == 0 else rows[i % len(rows)]["detail"])
                            for i in range(2000)]
    document = same_as_docxtpl(template, context)
    body = dict(parts(document))["word/document.xml"].decode()
    assert "Người 1999" in body and body.count("<w:tr>") >= 2000


# -- templates the compiled path must leave to docxtpl, or take more carefully -------------------

def _replace(member: str, old: str, new: str, count: int = 1):
    def edit(members: dict[str, bytes]) -> None:
        text = members[member].decode("utf-8")
        assert old in text
        members[member] = text.replace(old, new, count).encode("utf-8")
    return edit


def test_a_tag_in_a_header_is_filled_by_docxtpl(monkeypatch):
    _, context = context_of(DECISION)
    header = next(n for n, _ in parts(template_bytes("decision.docx"))
                  if n.startswith("word/header"))
    name = variant(monkeypatch, "header-tag.docx", "decision.docx",
                    _replace(header, "</w:hdr>",
                             "<w:p><w:r><w:t>{{ doc.agency }}</w:t></w:r></w:p></w:hdr>"))
    document = same_as_docxtpl(name, context)
    assert context["doc"]["agency"].encode() in dict(parts(document))[header]


def test_a_value_in_an_attribute_is_normalised_as_docxtpl_does(monkeypatch):
    _, context = context_of(DECISION)
    name = variant(monkeypatch, "attribute.docx", "decision.docx",
                    _replace("word/document.xml", '<w:jc w:val="center"/>',
                             "<w:jc w:val=\"{{ 'cen' ~ 'ter' }}\"/>"))
    same_as_docxtpl(name, context)


def test_a_grid_docxtpl_corrects_is_corrected_the_same_way(monkeypatch):
    _, context = context_of(DECISION)
    name = variant(monkeypatch, "grid.docx", "decision.docx",
                    _replace("word/document.xml", '<w:gridCol w:w="3118"/>', ""))
    same_as_docxtpl(name, context)


def test_a_rule_under_a_text_in_a_cell_and_under_a_list(monkeypatch):
    """A rule after a loop measures the loop's last paragraph; one in a cell, the cell."""
    _, context = context_of(DECISION)
    rule = '<w:p><w:pPr><w:pStyle w:val="TDĐườngkẻngắn"/></w:pPr></w:p>'
    after_loop = '<w:t>{%p endfor %}</w:t></w:r></w:p>'
    name = variant(monkeypatch, "rules.docx", "decision.docx",
                    _replace("word/document.xml", after_loop, after_loop + rule, count=-1))
    same_as_docxtpl(name, context)


# -- tabs and line breaks in values: docxtpl's listing pass, without a parse --------------------

BREAKS = ["\n", "\t", "\nđầu dòng", "cuối dòng\n", "hai\n\ndòng", "\t\tthụt", "a\tb\nc", "x\n\t\ny"]


@pytest.mark.parametrize("text", BREAKS, ids=repr)
def test_a_tab_or_a_line_break_takes_the_path_without_a_parse(monkeypatch, text):
    template, context = context_of(DECISION)
    context = copy.deepcopy(context)
    context["doc"]["title"] = text + context["doc"]["title"]
    context["doc"]["groups"][0]["individuals"][0]["name"] = text
    context["doc"]["groups"][0]["individuals"][-1]["name"] = "Tên " + text
    stock = render_with_docxtpl(template, context)
    engine.prepared.cache_clear()
    assert engine.prepared(template).text is not None

    def parsed(*_args: Any) -> bytes:
        raise AssertionError("the parse path was taken")

    monkeypatch.setattr(engine, "_render_compiled", parsed)
    fast = render(template, context)
    assert parts(fast) == parts(stock)


def test_the_listing_pass_is_docxtpls():
    from docxtpl import DocxTemplate

    _, context = context_of(DECISION)
    ready = engine.prepared("decision.docx")
    assert ready is not None and ready.text is not None
    pieces = ["<w:p>", '<w:p w:rsidR="1">', "</w:p>", "<w:pPr><w:jc/></w:pPr>", "<w:r>",
              "</w:r>", "<w:rPr><w:b/></w:rPr>", "<w:t>", '<w:t xml:space="preserve">',
              "</w:t>", "\t", "\n", "\a", "\f", "chữ", "<w:tab/>", "<w:pPr/>", "<w:t/>"]
    stock = DocxTemplate(io.BytesIO()).resolve_listing
    texts = [ready.text.body.render(context)]
    chance = random.Random(16)
    for _ in range(3000):           # mostly well nested, now and then not
        texts.append("".join(chance.choice(pieces) if chance.random() < 0.1 else
                             "<w:p><w:pPr><w:b/></w:pPr><w:r><w:rPr><w:i/></w:rPr><w:t>"
                             + "".join(chance.choices(pieces[10:15], k=3)) + "</w:t></w:r></w:p>"
                             for _ in range(chance.randrange(8))))
    changed = 0
    for text in texts:
        assert engine.listing(text) == stock(text)
        changed += engine.listing(text) != text
    assert changed > 1000


@pytest.mark.parametrize("path", campaign_files(SAMPLE_DIR), ids=lambda p: p.name)
def test_a_stable_render_is_stable_zip_of_the_render(path):
    from generator.render.output import stable_zip

    template, context = context_of(path)
    assert render(template, context, stable=True) == stable_zip(render(template, context))


def test_a_stable_render_on_the_parse_path_and_by_docxtpl(monkeypatch):
    from generator.render.output import stable_zip

    template, context = context_of(DECISION)
    context = copy.deepcopy(context)
    context["doc"]["groups"][0]["individuals"][0]["name"] = "trang\fmới"      # the parse path
    assert render(template, context, stable=True) == stable_zip(render(template, context))
    name = variant(monkeypatch, "header-tag-stable.docx", "decision.docx",    # stock docxtpl
                    _replace("word/document.xml", "</w:body>", "</w:body>"))
    monkeypatch.setattr(engine, "prepared", lambda _template: None)
    assert render(name, context, stable=True) == stable_zip(render(name, context))
