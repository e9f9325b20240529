"""Certificate templates compiled once: the body preprocessed and compiled, the limits read.

Stock docxtpl reopens the template, re-parses and re-preprocesses its XML, renders every part and
re-compresses the whole package for each document (35–40 ms per certificate here, see
benchmarks/certificates.py). Only ``word/document.xml`` differs between two certificates, so a
template is prepared once (:mod:`prepare`, with python-docx) and kept, per process and, for a
built-in template, on disk for the next process (:mod:`generator.render.template_cache`):

- the body goes through docxtpl's own ``patch_xml`` and becomes one Jinja template of
  :func:`generator.render.environment.jinja_env` (sandboxed, autoescaping, strict), in two variants: as the first page,
  and starting on a new page (the merged print file repeats the same compiled body);
- every other zip member is kept compressed, to be copied raw (:mod:`docxzip`);
- the limits of the page are read from the template's own styles and table sizes, so a name or
  achievement too long for one page is refused before anything is written, and a long one is
  set in the template's compact sizes.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from types import CodeType
from typing import TYPE_CHECKING, Any

import jinja2

from generator.errors import Issue, RenderError
from generator.render import template_cache
from generator.render.docxzip import Package
from generator.render.environment import env_for
from generator.render.user_templates import (
    Template,
    TemplateFaults,
    TemplateFile,
    bounded_render,
    fill_problem,
    find_template,
    has_refused_characters,
    require_sound,
    verify_body,
)
from generator.resources import template_bytes
from generator.vn import formats as vn

from .model import Certificate, Decision
from .page import MAX_LINES, PLAIN, Box, Geometry, Printing

if TYPE_CHECKING:
    from .prepare import Parts

TEMPLATES = {"Bằng khen": "bang_khen.docx", "Giấy khen": "giay_khen.docx"}
TAG_STYLE = "TD Lệnh mẫu"         # the paragraphs that only hold {%p … %} tags
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


# Bounded: memory must not grow with the batch. (4,096 entries would spare the second fit of a
# batch of 2,000, 16 ms, but held 6.6 MB more while writing 10,000: the memory target broke.)
@lru_cache(maxsize=1024)
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


# The modules whose code decides what a prepared certificate template is: their files are part
# of the key of its entry on disk.
_PREPARING = ("generator.certificates.engine", "generator.certificates.prepare",
              "generator.certificates.page", "generator.render.engine",
              "generator.render.environment", "generator.render.user_templates",
              "generator.render.docxzip", "docxtpl", "docx", "jinja2", "markupsafe", "lxml")
# What an entry that passed its checksum could still raise were it not one of ours.
_RESTORE_ERRORS = (KeyError, IndexError, TypeError, ValueError, AttributeError, RenderError,
                   zipfile.BadZipFile, jinja2.TemplateError)


@cache
def _compiled(template: Template, printing: Printing = PLAIN) -> Compiled:
    """A built-in template comes from the cache on disk when it was prepared before (no
    python-docx, docxtpl or lxml to import, no Jinja to compile). A user's template is
    prepared in every process: its tags are checked each time it is used."""
    if isinstance(template, TemplateFile):
        parts = _prepared(template, template.data, printing, lambda: require_sound(
            template, CONTEXT_SHAPE, env_for(template), body_only=True))
        return _compiled_from(parts, template, template.data, _codes(parts, template))
    data = template_bytes(str(template))
    key = template_cache.key(data, f"certificate {printing.blank} {printing.shift_mm!r}",
                             _PREPARING)
    stored = template_cache.load(key)
    if stored is not None:
        try:
            return _restored(stored, template, data)
        except _RESTORE_ERRORS:
            pass                            # prepared again, and stored again
    parts = _prepared(template, data, printing)
    codes = _codes(parts, template)
    ready = _compiled_from(parts, template, data, codes)
    template_cache.save(key, _stored(parts, codes))
    return ready


def _prepared(template: Template, data: bytes, printing: Printing,
              check: Callable[[], object] | None = None) -> Parts:
    # python-docx, docxtpl and lxml: imported only when a template is prepared
    from .prepare import prepare

    return prepare(template, data, printing, check)


def _codes(parts: Parts, template: Template) -> tuple[CodeType, CodeType]:
    """The Python code Jinja compiles the two bodies of *parts* into."""
    env = env_for(template)
    try:
        return env.compile(parts.first), env.compile(parts.following)
    except jinja2.TemplateSyntaxError as err:
        raise RenderError(f"Lỗi cú pháp trong mẫu {parts.name}: {err.message}") from err


def _compiled_from(parts: Parts | _Restored, template: Template, data: bytes,
                   codes: tuple[CodeType, CodeType]) -> Compiled:
    env = env_for(template)
    first, following = (env.template_class.from_code(env, code, env.make_globals(None), None)
                        for code in codes)
    return Compiled(parts.name, parts.head, first, following, parts.tail, parts.geometry,
                    Package(data), isinstance(template, TemplateFile), parts.nests)


def _stored(parts: Parts, codes: tuple[CodeType, CodeType]) -> dict[str, Any]:
    """A prepared built-in template as plain values (marshal's), for the cache."""
    def box(b: Box) -> tuple[float, bool, float, float, float]:
        return (b.size, b.bold, b.before, b.after, b.width)

    geometry = parts.geometry
    return {"name": parts.name, "head": parts.head, "tail": parts.tail, "nests": parts.nests,
            "first": codes[0], "following": codes[1],
            "variants": [[(f, *box(b)) for f, b in v.items()] for v in geometry.variants],
            "middle": geometry.middle, "authority": box(geometry.authority),
            "signer": box(geometry.signer)}


def _restored(stored: dict[str, Any], template: Template, data: bytes) -> Compiled:
    """The Compiled that _stored made *stored* of."""
    def box(values: Any) -> Box:
        size, bold, before, after, width = values
        return Box(float(size), bool(bold), float(before), float(after), float(width))

    normal, compact = ({str(f): box(rest) for f, *rest in variant}
                       for variant in stored["variants"])
    geometry = Geometry((normal, compact), float(stored["middle"]), box(stored["authority"]),
                        box(stored["signer"]))
    parts = _Restored(str(stored["name"]), str(stored["head"]), str(stored["tail"]),
                      geometry, bool(stored["nests"]))
    codes = stored["first"], stored["following"]
    if not all(isinstance(code, CodeType) for code in codes):
        raise TypeError("not a prepared certificate template")
    return _compiled_from(parts, template, data, codes)


@dataclass(frozen=True)
class _Restored:
    """What the cache keeps of a template's Parts, beside the compiled bodies."""

    name: str
    head: str
    tail: str
    geometry: Geometry
    nests: bool


compiled.cache_clear = _compiled.cache_clear   # type: ignore[attr-defined]  # as when cached


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
        raise RenderError(f"Lỗi khi điền mẫu {template.name}: {fill_problem(err, named=False)}"
                          ) from err
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
