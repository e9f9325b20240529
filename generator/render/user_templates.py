"""Templates that agencies and units bring: exported, found, checked and rendered safely.

- :func:`export_templates` copies every built-in template (certificates included) into a folder
  as an ordinary .docx, cleaned of what the generator's base document left in its metadata (a
  thumbnail, custom XML, the "Normal.dotm"/"Microsoft Macintosh Word" application properties).
- :func:`find_template` picks the template of a document: the ``--templates`` folder of the run,
  then ``units/<CODE>/templates/`` (for a unit's own data file), then the campaign folder's
  ``templates/``, then the built-in. A folder holds templates under the built-ins' file names
  (``plan.docx``, ``decision.docx``, ``bang_khen.docx``…); what is missing falls back.
- :func:`check_template` is the contract check: every tag of every part (body, headers,
  footers, footnotes) read paragraph by paragraph as Word stores it, each variable, loop and
  condition resolved against the shape of the kind's context, every fault reported at once with
  its place (part, paragraph or table cell, the text around it).
- :func:`bounded_render` renders a user's compiled template within limits of time and output
  size, and :func:`verify_xml` refuses a result that is not well-formed XML, naming its place.

A user's template is rendered with :func:`generator.render.environment.user_env`: the same filters
and escaping as the built-ins, an immutable sandbox (no attribute starting with ``_``, no
mutation of the context), bounded ``*``/``**``, and no loader (no include, import, extends).
"""

from __future__ import annotations

import contextvars
import dataclasses
import io
import os
import re
import signal
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

# lxml is imported by the functions that read a user's XML: a run on the built-in templates
# whose preparation is cached (certificates) does without it.
from generator.errors import OutputExists, RenderError
from generator.resources import template_bytes, template_names

# ---------------------------------------------------------------------------- the template file


@dataclass(frozen=True, eq=False)
class TemplateFile:
    """A template a user brought, standing in for built-in *name*. Compared by identity (one
    object per file and modification time, see find_template): the caches keyed on it look it
    up once per certificate."""

    name: str                                   # the built-in it replaces, e.g. "plan.docx"
    data: bytes = field(repr=False)
    origin: str                                 # its path, as the clerk gave it

    @property
    def label(self) -> str:
        return self.origin


Template = str | TemplateFile       # a built-in's name, or a user's file


BUILTIN = "có sẵn: "          # how the manifest names a built-in template


def template_label(template: Template) -> str:
    """What the build output and the manifest say a document was made from."""
    return template.label if isinstance(template, TemplateFile) else BUILTIN + template


def is_builtin_label(label: str) -> bool:
    return not label or label.startswith(BUILTIN)


def load_template(path: Path, name: str | None = None) -> TemplateFile:
    """Read a user's template file; *name* is the built-in it replaces (its own name if None)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise RenderError(f"Không đọc được mẫu {path}: {err.strerror or err}") from err
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise RenderError(f"Mẫu {path} không phải tệp Word .docx (có thể là .doc hoặc tệp "
                          "hỏng): hãy lưu lại dưới dạng «Word 2007-365 (.docx)».")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = [info.file_size for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise RenderError(f"Mẫu {path} là tệp .docx hỏng ({err}).") from err
    if max(sizes, default=0) > MAX_PART or sum(sizes) > 4 * MAX_PART:
        raise RenderError(f"Mẫu {path} quá lớn khi giải nén ({sum(sizes) // 1_000_000} MB): "
                          "một mẫu Word không cần đến vậy.")
    return TemplateFile(name or path.name, data, str(path))


MAX_PART = 64 * 1024 * 1024      # bytes of one unpacked member of a user's template


# ---------------------------------------------------------------------------- where templates are

@dataclass(frozen=True)
class _Run:
    """The template folders of a run (--templates first), and what was found in them: a run
    reads each template once (a batch of certificates asks for it thousands of times)."""

    folders: tuple[Path, ...] = ()
    found: dict[tuple[Any, ...], Any] = field(default_factory=dict, compare=False)


_RUN: ContextVar[_Run] = ContextVar("template_folders")
# The same folders for processes a run spawns (certificate workers where fork is not used: they
# start without this process's context variables, but with its environment).
ENVIRONMENT = "THIDUA_TEMPLATE_FOLDERS"


def _current() -> _Run:
    run = _RUN.get(None)
    if run is None:
        listed = os.environ.get(ENVIRONMENT, "")
        run = _Run(tuple(Path(p) for p in listed.split(os.pathsep) if p))
        _RUN.set(run)
    return run
FOLDER = "templates"            # the folder name inside a campaign folder and a unit's folder


@contextmanager
def templates_from(folder: Path | None, last: bool = False) -> Iterator[None]:
    """Within the block, templates in *folder* take the place of the built-ins (None: no
    change). *last*: after the folders already in force, and only if *folder* exists (a
    campaign's own templates/). Forked certificate workers inherit it."""
    if folder is None or (last and not folder.is_dir()):
        yield
        return
    if not folder.is_dir():
        raise RenderError(f"Không có thư mục mẫu {folder}.")
    folders = _current().folders
    run = _Run((*folders, folder) if last else (folder, *folders))
    token = _RUN.set(run)
    before = os.environ.get(ENVIRONMENT)
    os.environ[ENVIRONMENT] = os.pathsep.join(str(f.resolve()) for f in run.folders)
    try:
        yield
    finally:
        _RUN.reset(token)
        if before is None:
            os.environ.pop(ENVIRONMENT, None)
        else:
            os.environ[ENVIRONMENT] = before


def search_folders(data_path: Path | None = None,
                   campaign_path: Path | None = None) -> list[Path]:
    """Where a document's templates are looked for, most specific first: the run's
    --templates, the unit's ``units/<CODE>/templates/``, the campaign's ``templates/``."""
    folders = list(_current().folders)
    if data_path is not None:
        if data_path.parent.name == "units":
            folders.append(data_path.parent / data_path.stem / FOLDER)
        if data_path.name == "campaign.json":
            folders.append(data_path.parent / FOLDER)
    if campaign_path is not None:
        folders.append(campaign_path.parent / FOLDER)
    return list(dict.fromkeys(folders))


def find_template(name: str, data_path: Path | None = None,
                  campaign_path: Path | None = None) -> Template:
    """The template for built-in *name* for a document made from *data_path*: the first user
    file of that name in :func:`search_folders`, else the built-in."""
    run = _current()
    if not run.folders and data_path is None and campaign_path is None:
        return name
    key = (name, data_path, campaign_path)
    found = run.found.get(key) if run.folders else None
    if found is None:
        found = name
        for folder in search_folders(data_path, campaign_path):
            candidate = folder / name
            if candidate.is_file():
                found = _loaded(candidate, name, candidate.stat().st_mtime_ns)
                break
        if run.folders:
            run.found[key] = found
    return found


@lru_cache(maxsize=64)
def _loaded(path: Path, name: str, _mtime: int) -> TemplateFile:
    return load_template(path, name)


# ---------------------------------------------------------------------------- export

_REMOVED_RELS = ("/metadata/thumbnail", "/relationships/customXml", "/stylesWithEffects")
_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="'
            'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            '<Application>thidua</Application><DocSecurity>0</DocSecurity></Properties>')


def clean_docx(data: bytes, now: datetime | None = None) -> bytes:
    """*data* without the base document's leftovers: thumbnail, custom XML, styles-with-
    effects, and the application properties of the Word it once came from; its core
    properties dated *now*."""
    from lxml import etree
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    removed: set[str] = set()
    for rels in [n for n in members if n.endswith(".rels")]:
        base = rels.replace("_rels/", "").removesuffix(".rels").rpartition("/")[0]
        root = etree.fromstring(members[rels])
        for rel in list(root):
            if any(rel.get("Type", "").endswith(t) for t in _REMOVED_RELS):
                removed.add(_resolve(base, rel.get("Target", "")))
                root.remove(rel)
        members[rels] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                       standalone=True)
    removed |= {n for n in members if n.startswith("customXml/")}
    for name in removed:
        members.pop(name, None)
    types = etree.fromstring(members["[Content_Types].xml"])
    for override in list(types):
        if override.get("PartName", "").lstrip("/") in removed:
            types.remove(override)
    members["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True,
                                                    encoding="UTF-8", standalone=True)
    if "docProps/app.xml" in members:
        members["docProps/app.xml"] = _APP_XML.encode()
    if "docProps/core.xml" in members:
        core = members["docProps/core.xml"].decode("utf-8")
        core = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rf"\g<1>{stamp}", core)
        members["docProps/core.xml"] = core.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _resolve(base: str, target: str) -> str:
    """The zip member a relationship's *target* names, from the folder *base* of its part."""
    parts = base.split("/") if base else []
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts) if not target.startswith("/") else target.lstrip("/")


def export_templates(folder: Path, force: bool = False) -> list[Path]:
    """Write every built-in template into *folder*, cleaned for editing. Nothing is written
    if one of them exists already and *force* is not given."""
    from .output import write_atomic

    names = template_names()
    targets = [folder / name for name in names]
    existing = [str(t) for t in targets if t.exists()]
    if existing and not force:
        raise OutputExists(f"Tệp đã tồn tại: {', '.join(existing)}. Dùng --force nếu muốn "
                           "ghi đè.")
    folder.mkdir(parents=True, exist_ok=True)
    return [write_atomic(t, editable_draft_marks(clean_docx(template_bytes(n))), force=True)
            for t, n in zip(targets, names, strict=True)]


# ---------------------------------------------------------------------------- the draft mark

DRAFT_MARK = "DỰ THẢO"
DRAFT_IF, DRAFT_ELSE, DRAFT_END = "{% if doc.draft %}", "{% else %}", "{% endif %}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_HEADER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_KINDS = ("default", "first", "even")


def _tag_paragraph(text: str) -> Any:
    from lxml import etree
    p = etree.Element(f"{W}p")
    etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}t").text = text
    return p


def _branches(sect: Any) -> list[tuple[str, Any]]:
    """Each header reference of *sect* with the branch of the draft condition it sits in:
    "draft", "final" (its else) or "" (unconditional)."""
    state = ""
    out: list[tuple[str, Any]] = []

    def step(text: str | None) -> None:
        nonlocal state
        for tag in _TAG.findall(text or ""):
            words = tag.strip("{%-+ }").split()
            if words[:1] == ["if"] and "draft" in tag:
                state = "draft"
            elif words[:1] == ["else"] and state == "draft":
                state = "final"
            elif words[:1] == ["endif"]:
                state = ""

    step(sect.text)
    for child in sect:
        if child.tag == f"{W}headerReference":
            out.append((state, child))
        step(child.tail)
    return out


def editable_draft_marks(data: bytes) -> bytes:
    """*data* with the draft mark chosen in the section properties (a Jinja block between the
    header references, which Word and LibreOffice drop on saving, keeping the draft header)
    rewritten into a form editors keep: each section refers to one header part per kind, the
    final one, and the mark is in it as a conditional paragraph (``{%p if doc.draft %}``, the
    framed "DỰ THẢO" paragraph of the draft header, ``{%p endif %}``). A header part is made
    where the section had none of that kind (it inherited the previous section's). Page 1
    keeps its mark under the Số in the body: a first-page header without a draft variant
    stays as it was."""
    from lxml import etree
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    document = members.get("word/document.xml", b"")
    if b"sectPr" not in document or DRAFT_IF.encode() not in document:
        return data
    root = etree.fromstring(document)
    rels_name = "word/_rels/document.xml.rels"
    rels = etree.fromstring(members[rels_name])
    targets = {rel.get("Id"): "word/" + rel.get("Target", "").lstrip("/").removeprefix("word/")
               for rel in rels}
    types = etree.fromstring(members["[Content_Types].xml"])
    used_ids = set(targets)
    original = dict(members)
    sections = [s for s in root.iter(f"{W}sectPr")
                if s.getparent() is None or s.getparent().tag != f"{W}sectPrChange"]
    # What each section shows when final (its own reference, else the previous section's),
    # and its draft variant; which drafts each final header part is shown with.
    plans: list[dict[str, tuple[str | None, Any, Any]]] = []
    inherited: dict[str, str | None] = dict.fromkeys(_KINDS)
    uses: dict[str | None, set[str | None]] = {}
    for sect in sections:
        refs = _branches(sect)
        own = {ref.get(f"{W}type", "default"): ref for state, ref in refs if state != "draft"}
        drafts = {ref.get(f"{W}type", "default"): ref for state, ref in refs
                  if state == "draft"}
        plan = {}
        for kind in _KINDS:
            final_id = own[kind].get(f"{_R}id") if kind in own else inherited[kind]
            plan[kind] = (final_id, own.get(kind), drafts.get(kind))
            if final_id is not None or kind in drafts:
                uses.setdefault(final_id, set()).add(
                    drafts[kind].get(f"{_R}id") if kind in drafts else None)
            inherited[kind] = final_id
        plans.append(plan)
    made: dict[tuple[str, str | None], str] = {}     # (draft rId, final rId) -> rId shown
    after: dict[str, str | None] = dict.fromkeys(_KINDS)    # what is inherited once rewritten
    for sect, plan in zip(sections, plans, strict=True):
        for kind, (final_id, own_ref, draft) in plan.items():
            shown = final_id
            if draft is not None:
                draft_id = draft.get(f"{_R}id")
                shown = made.get((draft_id, final_id))
                if shown is None:
                    if final_id is not None and uses.get(final_id) == {draft_id}:
                        shown = final_id            # marked in place: shown with this only
                    elif draft_id not in made.values():
                        shown = draft_id
                    else:
                        shown = _new_header(members, rels, types, used_ids, targets)
                    members[targets[shown]] = _marked_header(
                        original[targets[draft_id]],
                        original.get(targets.get(final_id or "", "")))
                    made[draft_id, final_id] = shown
                sect.remove(draft)
            if own_ref is not None:
                own_ref.set(f"{_R}id", shown or "")
            elif shown != after[kind] and shown is not None:
                ref = etree.Element(f"{W}headerReference")
                ref.set(f"{W}type", kind)
                ref.set(f"{_R}id", shown)
                sect.insert(0, ref)
            after[kind] = shown
        sect.text = None
        for child in sect:
            child.tail = None
    _drop_unused_headers(root, members, rels, types, targets)
    members["word/document.xml"] = etree.tostring(root, xml_declaration=True,
                                                  encoding="UTF-8", standalone=True)
    members[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)
    members["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True,
                                                    encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _drop_unused_headers(root: Any, members: dict[str, bytes], rels: Any, types: Any,
                         targets: dict[str, str]) -> None:
    """Remove the header parts no section refers to any more (the draft headers' finals)."""
    used = {ref.get(f"{_R}id") for ref in root.iter(f"{W}headerReference")}
    for rel in list(rels):
        if rel.get("Type") == _HEADER_REL and rel.get("Id") not in used:
            name = targets[rel.get("Id")]
            rels.remove(rel)
            members.pop(name, None)
            members.pop(name.replace("word/", "word/_rels/") + ".rels", None)
            for override in list(types):
                if override.get("PartName", "").lstrip("/") == name:
                    types.remove(override)


def _new_header(members: dict[str, bytes], rels: Any, types: Any, used_ids: set[str],
                targets: dict[str, str]) -> str:
    from lxml import etree
    number = 1
    while f"word/header{number}.xml" in members:
        number += 1
    name = f"word/header{number}.xml"
    members[name] = b""
    rid = next(f"rId{n}" for n in range(1, 10_000) if f"rId{n}" not in used_ids)
    used_ids.add(rid)
    targets[rid] = name
    rel = etree.SubElement(rels, rels[0].tag if len(rels) else
                           "{http://schemas.openxmlformats.org/package/2006/relationships}"
                           "Relationship")
    rel.set("Id", rid)
    rel.set("Type", _HEADER_REL)
    rel.set("Target", name.removeprefix("word/"))
    override = etree.SubElement(
        types, "{http://schemas.openxmlformats.org/package/2006/content-types}Override")
    override.set("PartName", "/" + name)
    override.set("ContentType", _HEADER_TYPE)
    return rid


def _marked_header(draft: bytes, final: bytes | None) -> bytes:
    """The final header (*final*; the draft header without its mark if None) with the draft
    header's mark paragraphs in front of it, between ``{%p if doc.draft %}`` and
    ``{%p endif %}``."""
    from lxml import etree
    draft_root = etree.fromstring(draft)
    marks = [p for p in draft_root.iterchildren(f"{W}p")
             if DRAFT_MARK in "".join(t.text or "" for t in p.iter(f"{W}t"))]
    if final is None:
        root = draft_root
        for p in marks:
            root.remove(p)
    else:
        root = etree.fromstring(final)
    # LibreOffice turns a framed paragraph into a text box anchored in the next paragraph:
    # a hairline paragraph inside the condition holds it (else it would go with the endif).
    anchor = etree.Element(f"{W}p")
    ppr = etree.SubElement(anchor, f"{W}pPr")
    spacing = etree.SubElement(ppr, f"{W}spacing")
    for attr, value in (("before", "0"), ("after", "0"), ("line", "20"), ("lineRule", "exact")):
        spacing.set(f"{W}{attr}", value)
    etree.SubElement(etree.SubElement(ppr, f"{W}rPr"), f"{W}sz").set(f"{W}val", "2")
    for p in reversed([_tag_paragraph("{%p if doc.draft %}"), *marks, anchor,
                       _tag_paragraph("{%p endif %}")]):
        root.insert(0, p)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _own_text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t")
                   if next(t.iterancestors(f"{W}p"), None) is p).strip()


_DRAFT_OPEN = re.compile(r"\{%-?\s*p\s+if\s+doc\.draft\s*-?%\}")
_DRAFT_CLOSE = re.compile(r"\{%-?\s*p\s+endif\s*-?%\}")


def _resolved_header(xml: bytes, draft: bool) -> bytes | None:
    """*xml* (a header part) with its ``{%p if doc.draft %}`` … ``{%p endif %}`` blocks of
    whole paragraphs resolved for *draft*; None if it has none."""
    from lxml import etree
    root = etree.fromstring(xml)
    children = list(root)
    changed = False
    index = 0
    while index < len(children):
        child = children[index]
        if child.tag == f"{W}p" and _DRAFT_OPEN.fullmatch(_own_text(child)):
            end = next((j for j in range(index + 1, len(children))
                        if children[j].tag == f"{W}p" and "{" in _own_text(children[j])), None)
            if end is not None and _DRAFT_CLOSE.fullmatch(_own_text(children[end])):
                for j in ((index, end) if draft else range(index, end + 1)):
                    root.remove(children[j])
                changed = True
                index = end
        index += 1
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
        if changed else None


def for_document(template: TemplateFile, context: dict[str, Any]) -> TemplateFile:
    """*template* with the draft mark of its page headers (``{%p if doc.draft %}`` blocks, as
    :func:`export_templates` writes them) resolved for the document in *context*: its headers
    hold no tag then, and it keeps the compiled, verified path. The same object for the same
    template and draft state (the renderer prepares a template once)."""
    doc = context.get("doc")
    draft = doc.get("draft") if isinstance(doc, dict) else getattr(doc, "draft", None)
    if draft is None:
        return template
    return _for_draft(template, bool(draft))


@lru_cache(maxsize=64)
def _for_draft(template: TemplateFile, draft: bool) -> TemplateFile:
    from lxml import etree
    try:
        with zipfile.ZipFile(io.BytesIO(template.data)) as archive:
            members = {info.filename: archive.read(info) for info in archive.infolist()}
        changed = False
        for name in [n for n in members if re.fullmatch(r"word/header\d*\.xml", n)]:
            resolved = _resolved_header(members[name], draft)
            if resolved is not None:
                members[name] = resolved
                changed = True
    except (zipfile.BadZipFile, OSError, ValueError, etree.XMLSyntaxError):
        return template                 # the renderer reports it
    if not changed:
        return template
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return TemplateFile(template.name, out.getvalue(), template.origin)


# ---------------------------------------------------------------------------- reading the tags

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPENERS = re.compile(r"\{[{%#]")
_PREFIX = re.compile(r"^(tr|tc|p|r)\s")
_CURLY = "“”‘’"


@dataclass(frozen=True)
class Place:
    """Where a tag sits, in a clerk's words."""

    part: str                    # word/document.xml, word/header1.xml…
    where: str                   # "đoạn 12", "bảng 1, hàng 2, ô 3"
    around: str                  # the paragraph's text
    paragraph: int = 0           # index of the paragraph in the part
    container: tuple[int, ...] = ()     # (table, row, cell) path; () for the part's own text

    def __str__(self) -> str:
        return f"{_part_label(self.part)}, {self.where}"


def _part_label(part: str) -> str:
    if part == "word/document.xml":
        return "phần thân"
    stem = part.rsplit("/", 1)[-1]
    for prefix, label in (("header", "đầu trang"), ("footer", "chân trang"),
                          ("footnotes", "chú thích"), ("endnotes", "chú thích cuối"),
                          ("core", "thuộc tính tệp")):
        if stem.startswith(prefix):
            return f"{label} ({part})"
    return part


@dataclass(frozen=True)
class Fault:
    """One problem of a template, at one place."""

    place: Place
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        label = "cảnh báo: " if self.severity == "warning" else ""
        around = _excerpt(self.place.around)
        near = f" (gần: «{around}»)" if around else ""
        return f"{self.place}: {label}{self.message}{near}"


def _excerpt(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


@dataclass(frozen=True)
class Tag:
    """One Jinja tag as the clerk typed it, with the runs it spreads over."""

    text: str                    # '{{ doc.title }}'
    place: Place
    runs: int                    # how many runs (formatting spans) it is spread over
    alone: bool                  # nothing but this tag in its paragraph
    in_row: bool
    in_cell: bool


def _parts(members: dict[str, bytes]) -> list[str]:
    order = {"word/document.xml": 0}
    names = [n for n in members if n.endswith(".xml") and (
        n == "word/document.xml" or re.match(r"word/(header|footer)\d*\.xml$", n)
        or n in ("word/footnotes.xml", "word/endnotes.xml", "docProps/core.xml"))]
    return sorted(names, key=lambda n: (order.get(n, 1), n))


def read_tags(data: bytes) -> tuple[list[Tag], list[Fault]]:
    """Every tag of every part, in order, and the faults of tags that cannot even be read (a
    tag begun in one paragraph and ended in another, or never ended)."""
    from lxml import etree
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {n: archive.read(n) for n in archive.namelist()
                       if n.endswith(".xml")}
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise RenderError(f"Mẫu không phải tệp .docx đọc được ({err}).") from err
    if "word/document.xml" not in members:
        raise RenderError("Mẫu không có phần thân (word/document.xml): không phải tệp Word.")
    tags: list[Tag] = []
    faults: list[Fault] = []
    for part in _parts(members):
        try:
            root = etree.fromstring(members[part])
        except etree.XMLSyntaxError as err:
            faults.append(Fault(Place(part, "toàn phần", ""), f"XML hỏng ({err})"))
            continue
        if part == "docProps/core.xml":
            text = "".join(root.itertext())
            if _OPENERS.search(text):
                faults.append(Fault(Place(part, "thuộc tính tệp", text),
                                    "thuộc tính tệp (tiêu đề, tác giả…) có thẻ mẫu: thidua "
                                    "chỉ điền nội dung văn bản — hãy xoá thẻ khỏi thuộc tính"))
            continue
        _read_part(part, root, tags, faults)
    return tags, faults


def _read_part(part: str, root: Any, tags: list[Tag], faults: list[Fault]) -> None:
    counters: dict[tuple[int, ...], int] = {}
    table_count = [0]
    positions: dict[Any, tuple[int, ...]] = {}
    for index, p in enumerate(root.iter(f"{W}p")):
        container, where = _where(p, positions, table_count, counters)
        runs = [(r, "".join(t.text or "" for t in r.iter(f"{W}t")))
                for r in p.iter(f"{W}r")]
        text = "".join(t for _, t in runs)
        if "{" not in text:
            continue
        place = Place(part, where, text, index, container)
        bounds = []
        at = 0
        for number, (_, piece) in enumerate(runs):
            bounds.append((at, at + len(piece), number))
            at += len(piece)
        found = list(_TAG.finditer(text))
        covered = [m.span() for m in found]
        for opener in _OPENERS.finditer(text):
            if not any(a <= opener.start() < b for a, b in covered):
                closer = {"{": "}}", "%": "%}", "#": "#}"}[opener.group()[1]]
                faults.append(Fault(place, f"thẻ «{text[opener.start():opener.start() + 30]}» "
                                           f"mở mà không đóng bằng «{closer}» trong cùng đoạn "
                                           "văn (thẻ phải nằm trọn trong một đoạn)"))
        rest = _TAG.sub("", text).strip()
        for match in found:
            spread = {n for a, b, n in bounds if a < match.end() and b > match.start()}
            tags.append(Tag(match.group(), place, len(spread), not rest and len(found) == 1,
                            any(a.tag == f"{W}tr" for a in p.iterancestors()),
                            any(a.tag == f"{W}tc" for a in p.iterancestors())))


def _where(p: Any, positions: dict[Any, tuple[int, ...]], table_count: list[int],
           counters: dict[tuple[int, ...], int]) -> tuple[tuple[int, ...], str]:
    """(container path, words) for paragraph *p*: its table, row and cell, and its number."""
    path: list[int] = []
    cells = [a for a in p.iterancestors() if a.tag == f"{W}tc"]
    for cell in reversed(cells):
        row = cell.getparent()
        table = row.getparent() if row is not None else None
        if table is None:
            continue
        if table not in positions:
            table_count[0] += 1
            positions[table] = (table_count[0],)
        rows = [r for r in table if r.tag == f"{W}tr"]
        row_cells = [c for c in row if c.tag == f"{W}tc"]
        path += [positions[table][0], rows.index(row) + 1 if row in rows else 0,
                 row_cells.index(cell) + 1 if cell in row_cells else 0]
    key = tuple(path)
    counters[key] = counters.get(key, 0) + 1
    if not path:
        return key, f"đoạn {counters[key]}"
    t, r, c = path[-3:]
    return key, f"bảng {t}, hàng {r}, ô {c}, đoạn {counters[key]}"


# ---------------------------------------------------------------------------- shapes

class _Any:
    """A value whose shape is not known (checked no further)."""

    def __repr__(self) -> str:
        return "ANY"


ANY: Any = _Any()


class Seen(dict[str, Any]):
    """The keys one context happened to have: another document's data may have more (a
    member missing here is a warning). A plain dict is closed: the schema's properties, or the
    context's top-level names."""


def shape_of(value: Any, top: bool = True) -> Any:
    """The shape of a context value: dicts by their keys, lists by their elements merged."""
    if isinstance(value, dict):
        items = {str(k): shape_of(v, False) for k, v in value.items()}
        return items if top else Seen(items)
    if isinstance(value, (list, tuple)):
        merged: Any = None
        for item in value[:200]:          # enough to see every optional key
            merged = merge_shapes(merged, shape_of(item, False))
        return [merged if merged is not None else ANY]
    if value is None:
        return ANY
    return type(value)


def merge_shapes(a: Any, b: Any) -> Any:
    if a is None:
        return b
    if isinstance(a, dict) and isinstance(b, dict):
        out: dict[str, Any] = Seen(a) if isinstance(a, Seen) and isinstance(b, Seen) else dict(a)
        for key, value in b.items():
            out[key] = merge_shapes(out.get(key), value)
        return out
    if isinstance(a, list) and isinstance(b, list):
        return [merge_shapes(a[0], b[0])]
    if isinstance(a, _Any) or isinstance(b, _Any):     # what is known wins over unknown
        return b if isinstance(a, _Any) else a
    return a if a == b else ANY


def schema_shape(schema: dict[str, Any], load: Any, depth: int = 0) -> Any:
    """The shape of data valid against *schema* (every property, required or not); *load*
    reads another schema by name for a ``$ref``."""
    if depth > 12:
        return ANY
    if "$ref" in schema:
        target, _, pointer = schema["$ref"].partition("#")
        base = load(target.removesuffix(".schema.json")) if target else schema.get("__root__")
        node = base
        for piece in [p for p in pointer.split("/") if p]:
            node = node.get(piece, {}) if isinstance(node, dict) else {}
        if not isinstance(node, dict):
            return ANY
        return schema_shape({**node, "__root__": base}, load, depth + 1)
    root = schema.get("__root__", schema)
    shapes = [schema_shape({**s, "__root__": root}, load, depth + 1)
              for key in ("allOf", "anyOf", "oneOf") for s in schema.get(key, [])]
    merged: Any = None
    for s in shapes:
        merged = merge_shapes(merged, s) if not isinstance(s, _Any) else merged
    kind = schema.get("type")
    if "properties" in schema or kind == "object":
        own = {k: schema_shape({**v, "__root__": root}, load, depth + 1)
               for k, v in schema.get("properties", {}).items() if isinstance(v, dict)}
        if schema.get("additionalProperties") not in (None, False):
            return ANY
        return merge_shapes(merged, own) if merged is not None else own
    if kind == "array" or "items" in schema:
        items = schema.get("items", {})
        return [schema_shape({**items, "__root__": root}, load, depth + 1)
                if isinstance(items, dict) else ANY]
    return merged if merged is not None else ANY


# ---------------------------------------------------------------------------- the check

_GLOBALS = {"range", "loop", "namespace", "dict", "cycler", "joiner", "true", "false", "none",
            "True", "False", "None"}
_MUTATING = {"append", "extend", "insert", "pop", "remove", "clear", "update", "setdefault",
             "popitem", "sort", "reverse", "add", "discard"}
_DICT_METHODS = {"items", "keys", "values", "get"}
_STR_METHODS = {m for m in dir(str) if not m.startswith("_")}
_FORBIDDEN_BLOCKS = {
    "macro": "macro (định nghĩa hàm) không được dùng trong mẫu",
    "call": "call không được dùng trong mẫu",
    "include": "include (chèn tệp khác) không được dùng: mẫu không được đọc tệp",
    "import": "import không được dùng: mẫu không được đọc tệp",
    "from": "from … import không được dùng: mẫu không được đọc tệp",
    "extends": "extends không được dùng: mẫu không được đọc tệp",
    "block": "block không được dùng trong mẫu",
    "autoescape": "autoescape không được dùng: thidua luôn thoát ký tự & < > để văn bản không "
                  "hỏng",
    "raw": "raw không được dùng trong mẫu",
}
_OPEN_BLOCKS = {"for": "endfor", "if": "endif", "with": "endwith", "filter": "endfilter",
                "set": "endset"}
_MIDDLE = {"elif": "if", "else": ("if", "for")}


@dataclass
class _Open:
    name: str
    tag: Tag
    prefix: str
    scope: dict[str, Any]


@dataclass
class _Checker:
    env: jinja2.Environment
    shape: Any                              # None: names are not checked
    faults: list[Fault] = dataclasses.field(default_factory=list)
    stack: list[_Open] = dataclasses.field(default_factory=list)
    scope: dict[str, Any] = dataclasses.field(default_factory=dict)

    def fault(self, tag: Tag, message: str, severity: str = "error") -> None:
        self.faults.append(Fault(tag.place, message, severity))

    # -- one tag
    def tag(self, tag: Tag) -> None:
        text = tag.text
        if tag.runs > 1:
            self.fault(tag, f"thẻ «{_excerpt(text, 40)}» bị tách thành {tag.runs} đoạn định "
                            "dạng (run) khác nhau; thidua nối lại, nhưng giá trị điền vào lấy "
                            "định dạng của phần đầu thẻ — nên gõ lại thẻ liền một lần",
                       "warning")
        if any(c in text for c in _CURLY):
            self.fault(tag, f"thẻ «{_excerpt(text, 40)}» có dấu ngoặc kép cong “ ” (Word tự "
                            "đổi khi gõ): hãy dùng dấu thẳng \" hoặc '")
            return
        kind, inner = text[1], text[2:-2].strip()
        inner = inner.strip("-+").strip()
        if kind == "#":
            return
        prefix_match = _PREFIX.match(inner + " ")
        prefix = ""
        if prefix_match and (kind == "%" or prefix_match.group(1) in ("r", "p")):
            prefix = prefix_match.group(1)
            inner = inner[len(prefix):].strip()
        self._prefix_place(tag, prefix)
        if kind == "{":
            self._expression(tag, "{{ " + inner + " }}")
            return
        self._statement(tag, inner, prefix)

    def _prefix_place(self, tag: Tag, prefix: str) -> None:
        if prefix == "tr" and not tag.in_row:
            self.fault(tag, "thẻ {%tr …%} phải nằm trong một hàng của bảng")
        elif prefix == "tc" and not tag.in_cell:
            self.fault(tag, "thẻ {%tc …%} phải nằm trong một ô của bảng")
        elif prefix == "p" and not tag.alone:
            self.fault(tag, "thẻ {%p …%} thay cả đoạn văn chứa nó: chữ khác trong đoạn này sẽ "
                            "mất — hãy để thẻ trong một đoạn riêng")

    def _statement(self, tag: Tag, inner: str, prefix: str) -> None:
        word = inner.split(None, 1)[0] if inner else ""
        if word in _FORBIDDEN_BLOCKS:
            self.fault(tag, _FORBIDDEN_BLOCKS[word])
            return
        if word in ("colspan", "cellbg"):
            self._expression(tag, "{{ " + inner[len(word):] + " }}")
            return
        if word in _OPEN_BLOCKS and not (word == "set" and "=" in inner):
            body = "{% " + inner + " %}{% " + _OPEN_BLOCKS[word] + " %}"
            tree = self._parse(tag, body)
            scope = dict(self.scope)
            if tree is not None:
                self._walk_statement(tag, tree.body[0], scope)
            self.stack.append(_Open(word, tag, prefix, self.scope))
            self.scope = scope
            return
        if word == "set":
            tree = self._parse(tag, "{% " + inner + " %}")
            if tree is not None:
                self._walk_statement(tag, tree.body[0], self.scope)
            return
        if word in _MIDDLE:
            expected = _MIDDLE[word]
            top = self.stack[-1] if self.stack else None
            if top is None or top.name not in (expected if isinstance(expected, tuple)
                                               else (expected,)):
                self.fault(tag, f"«{{% {word} %}}» không nằm trong khối "
                                f"{'{% if %}' if word == 'elif' else '{% if %} hay {% for %}'}"
                                " nào đang mở")
                return
            self._same_container(top, tag, prefix)
            if word == "elif":
                tree = self._parse(tag, "{% if " + inner[4:] + " %}{% endif %}")
                first = tree.body[0] if tree is not None else None
                if isinstance(first, nodes.If):
                    self._walk_expr(tag, first.test, self.scope)
            return
        if word.startswith("end") and word[3:] in _FORBIDDEN_BLOCKS:
            return                          # the forbidden block's start was reported
        if word.startswith("end"):
            opened = word[3:]
            top = self.stack[-1] if self.stack else None
            if top is None:
                self.fault(tag, f"«{{% {word} %}}» đóng một khối chưa mở")
                return
            if top.name != opened:
                self.fault(tag, f"«{{% {word} %}}» không khớp: khối đang mở là "
                                f"«{_excerpt(top.tag.text, 40)}» ở {top.tag.place} (cần "
                                f"«{{% {_OPEN_BLOCKS.get(top.name, 'end' + top.name)} %}}» "
                                "trước)")
                # a stray end is ignored; the open block stays open
                if not any(o.name == opened for o in self.stack):
                    return
                while self.stack and self.stack[-1].name != opened:
                    self.stack.pop()
                top = self.stack[-1]
            self._same_container(top, tag, prefix)
            self.stack.pop()
            self.scope = top.scope
            return
        tree = self._parse(tag, "{% " + inner + " %}")
        if tree is not None:
            self.fault(tag, f"lệnh «{word}» không được dùng trong mẫu thidua")

    def _same_container(self, top: _Open, tag: Tag, prefix: str) -> None:
        """An inline block must end in its paragraph; a {%p%} block in the same cell or
        body; a {%tr%} block in the same table; {%tc%} in the same row. Else the filled
        document's XML is broken."""
        a, b = top.tag.place, tag.place
        if a.part != b.part:
            self.fault(tag, f"khối «{_excerpt(top.tag.text, 40)}» mở ở {a} nhưng đóng ở phần "
                            "khác của tệp")
            return
        level = top.prefix or prefix
        if level == "" or level == "r":
            same = a.paragraph == b.paragraph
            words = "cùng một đoạn văn (hoặc dùng {%p …%} trong đoạn riêng)"
        elif level == "p":
            same = a.container == b.container
            words = "cùng một ô của bảng, hoặc cùng ở ngoài bảng"
        elif level == "tr":
            same = a.container[:-2] == b.container[:-2]
            words = "cùng một bảng"
        else:
            same = a.container[:-1] == b.container[:-1]
            words = "cùng một hàng của bảng"
        if not same:
            self.fault(tag, f"khối «{_excerpt(top.tag.text, 40)}» mở ở {a} nhưng đóng ở {b}: "
                            f"thẻ mở và thẻ đóng phải ở {words}, nếu không văn bản điền ra bị "
                            "hỏng")

    def finish(self) -> None:
        for left in self.stack:
            self.fault(left.tag, f"khối «{_excerpt(left.tag.text, 40)}» không được đóng "
                                 f"(thiếu «{{% {_OPEN_BLOCKS.get(left.name)} %}}»)")
        self.stack.clear()

    # -- Jinja
    def _parse(self, tag: Tag, source: str) -> nodes.Template | None:
        try:
            return self.env.parse(source)
        except jinja2.TemplateSyntaxError as err:
            self.fault(tag, f"thẻ «{_excerpt(tag.text, 40)}» sai cú pháp: {err.message}")
        except RecursionError:
            self.fault(tag, f"thẻ «{_excerpt(tag.text, 40)}» lồng ngoặc quá sâu")
        return None

    def _expression(self, tag: Tag, source: str) -> None:
        tree = self._parse(tag, source)
        if tree is not None:
            for node in tree.body:
                for child in node.iter_child_nodes():
                    self._walk_expr(tag, child, self.scope)

    def _walk_statement(self, tag: Tag, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            if node.recursive:
                self.fault(tag, "vòng lặp đệ quy (recursive) không được dùng trong mẫu")
            iterated = self._walk_expr(tag, node.iter, scope)
            element = iterated[0] if isinstance(iterated, list) and iterated else ANY
            self._bind(node.target, element, scope)
            scope["loop"] = ANY
            if node.test is not None:
                self._walk_expr(tag, node.test, scope)
        elif isinstance(node, nodes.If):
            for name in _tested_names(node.test):   # {% if x is defined %}: x may be absent
                scope.setdefault(name, ANY)
            self._walk_expr(tag, node.test, scope)
        elif isinstance(node, nodes.Assign):
            self._bind(node.target, self._walk_expr(tag, node.node, scope), scope)
        elif isinstance(node, nodes.AssignBlock):
            self._bind(node.target, str, scope)
            if node.filter is not None:
                self._walk_filters(tag, node.filter, scope)
        elif isinstance(node, nodes.With):
            for target, value in zip(node.targets, node.values, strict=False):
                self._bind(target, self._walk_expr(tag, value, scope), scope)
        elif isinstance(node, nodes.FilterBlock):
            self._walk_filters(tag, node.filter, scope)

    def _walk_filters(self, tag: Tag, node: nodes.Node, scope: dict[str, Any]) -> None:
        self._walk_expr(tag, node, scope)

    def _bind(self, target: nodes.Node, shape: Any, scope: dict[str, Any]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = shape
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self._bind(item, ANY, scope)
        elif isinstance(target, nodes.NSRef):
            pass

    def _walk_expr(self, tag: Tag, node: nodes.Node, scope: dict[str, Any]) -> Any:
        """Check *node* and return the shape of its value."""
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if self.shape is None or isinstance(self.shape, _Any):
                return ANY
            if node.name in self.shape:
                return self.shape[node.name]
            if node.name in _GLOBALS:
                return ANY
            self.fault(tag, f"biến «{node.name}» không có trong dữ liệu của loại văn bản này"
                            f"{_suggest(node.name, self.shape)}")
            return ANY
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            base = self._walk_expr(tag, node.node, scope)
            if isinstance(node, nodes.Getattr):
                key: Any = node.attr
            elif isinstance(node.arg, nodes.Const):
                key = node.arg.value
            else:
                self._walk_expr(tag, node.arg, scope)
                return base[0] if isinstance(base, list) else ANY
            if isinstance(key, str) and (key.startswith("_") or key in _MUTATING):
                self.fault(tag, f"«{key}» bị cấm trong mẫu (hộp cát của thidua không cho đọc "
                                "phần bên trong hay sửa dữ liệu)")
                return ANY
            return self._member(tag, node, base, key)
        if isinstance(node, nodes.Test) and node.name in ("defined", "undefined"):
            return bool
        if isinstance(node, (nodes.Filter, nodes.Test)):
            table = self.env.filters if isinstance(node, nodes.Filter) else self.env.tests
            what = "bộ lọc" if isinstance(node, nodes.Filter) else "phép thử"
            named = [a.value for a in node.args if isinstance(a, nodes.Const)] + [
                k.value.value for k in node.kwargs if isinstance(k.value, nodes.Const)]
            if any(isinstance(n, str) and n.startswith("_") for n in named):
                self.fault(tag, f"«{next(n for n in named if str(n).startswith('_'))}» bị cấm "
                                "trong mẫu (hộp cát của thidua không cho đọc phần bên trong)")
            if node.name == "safe" and isinstance(node, nodes.Filter):
                self.fault(tag, "bộ lọc «safe» bị cấm: nó cho chữ trong dữ liệu phá cấu trúc "
                                "văn bản Word")
            elif node.name not in table or node.name == TICK_FILTER:
                # the tick filter is thidua's own time check, put in at compile time
                self.fault(tag, f"{what} «{node.name}» không có{_suggest(node.name, table)}")
            inner = self._walk_expr(tag, node.node, scope) if node.node is not None else ANY
            for child in [*node.args, *(k.value for k in node.kwargs)]:
                self._walk_expr(tag, child, scope)
            if isinstance(node, nodes.Filter) and node.name in ("first", "last"):
                return inner[0] if isinstance(inner, list) else ANY
            if isinstance(node, nodes.Filter) and node.name in ("sort", "reverse", "list",
                                                                "unique", "batch"):
                return inner if node.name != "batch" else [inner]
            return ANY
        if isinstance(node, nodes.Call):
            self._walk_expr(tag, node.node, scope)
            for child in [*node.args, *(k.value for k in node.kwargs)]:
                self._walk_expr(tag, child, scope)
            return ANY
        for sub in node.iter_child_nodes():
            self._walk_expr(tag, sub, scope)
        if isinstance(node, nodes.Const):
            return type(node.value)
        return ANY

    def _member(self, tag: Tag, node: nodes.Node, base: Any, key: Any) -> Any:
        if isinstance(base, dict):
            if key in base:
                return base[key]
            if isinstance(node, nodes.Getattr) and key in _DICT_METHODS:
                return ANY
            if isinstance(base, Seen):
                self.fault(tag, f"trường «{key}» không có trong «{_dotted(node)}» của dữ liệu "
                                "này: nếu đoạn này được dùng, việc điền mẫu sẽ lỗi"
                                f"{_suggest(str(key), base)}", "warning")
            else:
                self.fault(tag, f"trường «{key}» không có trong «{_dotted(node)}»"
                                f"{_suggest(str(key), base)}")
            return ANY
        if isinstance(base, list):
            if isinstance(key, int):
                return base[0]
            if isinstance(node, nodes.Getattr) and key in ("index", "count"):
                return ANY
            self.fault(tag, f"«{_dotted(node)}» là một danh sách, không có trường «{key}» "
                            "(dùng {% for … in … %} để lấy từng phần tử)")
            return ANY
        if base is str:
            if isinstance(node, nodes.Getattr) and key in _STR_METHODS:
                return ANY
            if isinstance(key, int):
                return str
            self.fault(tag, f"«{_dotted(node)}» là chữ, không có trường «{key}»")
            return ANY
        return ANY


def _tested_names(test: nodes.Node) -> list[str]:
    """Names a condition tests with 'is defined' (at any depth of and/or/not)."""
    return [n.node.name for n in [test, *test.find_all(nodes.Test)]
            if isinstance(n, nodes.Test) and n.name in ("defined", "undefined") and isinstance(n.node, nodes.Name)]


def _dotted(node: nodes.Node) -> str:
    """The name of what a member is read from: 'doc.entry' for doc.entry.number."""
    return _path(node.node) if isinstance(node, (nodes.Getattr, nodes.Getitem)) else _path(node)


def _path(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_path(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{_path(node.node)}[…]"
    return "…"


def _suggest(name: str, known: Any) -> str:
    import difflib
    if not isinstance(known, dict):
        return ""
    names = [str(k) for k in known if k != TICK_FILTER]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.7)
    return f" (có phải «{close[0]}»?)" if close else ""


_KIND_LABEL = {"default": "các trang", "first": "trang đầu", "even": "trang chẵn"}
_DRAFT_TEST = re.compile(r"\bif\b(?!\s+not\b).*\bdraft\b")


def _draft_branch(text: str, depth: list[bool]) -> Iterator[tuple[int, bool]]:
    """The offsets of the mark in *text*, each with whether a draft condition is around it;
    *depth*: the open if-blocks (True: a draft condition, in its if branch), carried on."""
    at = 0
    for match in _TAG.finditer(text + "\x00"):
        yield from ((at + i.start(), any(depth))
                    for i in re.finditer(DRAFT_MARK, text[at:match.start()]))
        words = match.group().strip("{%#-+ }").split()
        head = words[1] if words[:1] in (["p"], ["r"], ["tr"], ["tc"]) and len(words) > 1 \
            else (words[0] if words else "")
        if match.group().startswith("{%"):
            if head == "if":
                depth.append(bool(_DRAFT_TEST.search(match.group())))
            elif head in ("else", "elif") and depth:
                depth[-1] = False
            elif head == "endif" and depth:
                depth.pop()
        at = match.end()
    yield from ((at + i.start(), any(depth)) for i in re.finditer(DRAFT_MARK, text[at:]))


def draft_mark_faults(members: dict[str, bytes]) -> list[Fault]:
    """A header part the body's section properties refer to that prints "DỰ THẢO" on every
    document: no draft condition around its reference (in the section properties) nor around
    the mark (in the header's own paragraphs). Word and LibreOffice, saving a template whose
    draft header was chosen in the section properties, keep only that header."""
    from lxml import etree
    try:
        root = etree.fromstring(members["word/document.xml"])
        rels = etree.fromstring(members.get("word/_rels/document.xml.rels", b"<r/>"))
    except (KeyError, etree.XMLSyntaxError):
        return []
    targets = {rel.get("Id"): _resolve("word", rel.get("Target", "")) for rel in rels}
    faults: list[Fault] = []
    seen: set[str] = set()
    sections = [s for s in root.iter(f"{W}sectPr")
                if s.getparent() is None or s.getparent().tag != f"{W}sectPrChange"]
    for number, sect in enumerate(sections, 1):
        guarded = {id(ref) for state, ref in _branches(sect) if state == "draft"}
        for ref in sect.iter(f"{W}headerReference"):
            part = targets.get(ref.get(f"{_R}id"))
            if id(ref) in guarded or part is None or part in seen or part not in members:
                continue
            seen.add(part)
            try:
                header = etree.fromstring(members[part])
            except etree.XMLSyntaxError:
                continue            # read_tags reports it
            depth: list[bool] = []
            for index, p in enumerate(header.iter(f"{W}p")):
                text = "".join(t.text or "" for t in p.iter(f"{W}t")
                               if next(t.iterancestors(f"{W}p"), None) is p)
                if any(not inside for _, inside in _draft_branch(text, depth)):
                    kind = _KIND_LABEL.get(ref.get(f"{W}type", "default"), "các trang")
                    faults.append(Fault(
                        Place(part, f"đoạn {index + 1}", text, index),
                        f"mẫu luôn in chữ «{DRAFT_MARK}» ở đầu trang ({kind}, phần {number} "
                        "của văn bản): văn bản đã ký cũng sẽ mang chữ này — hãy đặt đoạn "
                        "chữ đó giữa hai đoạn «{%p if doc.draft %}» và «{%p endif %}»"))
                    break
    return faults


def check_template(data: bytes, shape: Any, env: jinja2.Environment,
                   body_only: bool = False) -> list[Fault]:
    """Every fault of template *data* at once: tags that cannot be read, tags split over runs,
    syntax, unbalanced or misplaced blocks, unknown filters, constructs the sandbox forbids,
    and (when *shape* is given) every name resolved against the kind's context. *env* is the
    environment it will be rendered with (its filters and tests are the known ones).
    *body_only*: a tag anywhere else is a fault (certificates fill only their body)."""
    tags, faults = read_tags(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        faults += draft_mark_faults({n: archive.read(n) for n in archive.namelist()
                                     if n.endswith((".xml", ".rels"))})
    checker = _Checker(env, shape, faults)
    if body_only:
        for tag in tags:
            if tag.place.part != "word/document.xml":
                checker.fault(tag, "Bằng khen, Giấy khen chỉ được điền ở phần thân: thẻ ở đây "
                                   "sẽ được in nguyên như vậy — hãy chuyển vào phần thân")
        tags = [t for t in tags if t.place.part == "word/document.xml"]
    part = None
    for tag in tags:
        if tag.place.part != part:
            checker.finish()
            checker.scope = {}
            part = tag.place.part
        checker.tag(tag)
    checker.finish()
    return sorted(checker.faults, key=lambda f: (f.place.part != "word/document.xml",
                                                 f.place.part, f.place.paragraph))


class TemplateFaults(RenderError):
    """A user's template breaks the contract: every fault, each with its place."""

    def __init__(self, origin: str, faults: list[Fault]) -> None:
        self.origin = origin
        self.faults = faults
        errors = [f for f in faults if f.severity == "error"]
        lines = "\n".join(f"  {f}" for f in faults)
        super().__init__(f"Mẫu {origin} có {len(errors)} lỗi, chưa dùng được:\n{lines}")


def require_sound(template: TemplateFile, shape: Any, env: jinja2.Environment,
                  body_only: bool = False) -> list[Fault]:
    """Raise TemplateFaults if *template* has errors against *shape*; return its warnings."""
    faults = _checked(template, _frozen(shape), env, body_only)
    if any(f.severity == "error" for f in faults):
        raise TemplateFaults(template.origin, list(faults))
    return list(faults)


def _frozen(shape: Any) -> Any:
    if isinstance(shape, dict):
        return ("{}", isinstance(shape, Seen),
                tuple(sorted((k, _frozen(v)) for k, v in shape.items())))
    if isinstance(shape, list):
        return ("[]", _frozen(shape[0]))
    return shape


def _thawed(shape: Any) -> Any:
    if isinstance(shape, tuple) and shape[:1] == ("[]",):
        return [_thawed(shape[1])]
    if isinstance(shape, tuple) and shape[:1] == ("{}",):
        items = {k: _thawed(v) for k, v in shape[2]}
        return Seen(items) if shape[1] else items
    return shape


@lru_cache(maxsize=64)
def _checked(template: TemplateFile, shape: Any, env: jinja2.Environment,
             body_only: bool) -> tuple[Fault, ...]:
    return tuple(check_template(template.data, _thawed(shape), env, body_only))


# ---------------------------------------------------------------------------- bounded rendering

MAX_SECONDS = 60.0               # one document of a user's template
MAX_OUTPUT = 64 * 1024 * 1024    # characters of XML one part may grow to


class LimitExceeded(RenderError):
    """A user's template ran too long or produced too much."""


_ALARM: list[str] = []         # what the running time limit is for; empty: none running
# When the running limit ends (time.monotonic()) and what it is for, per thread: a signal
# reaches only the main thread, so a web server's threads are stopped by the loops themselves
# (see ticking, which every loop of a user's template goes through).
_DEADLINE: contextvars.ContextVar[tuple[float, str] | None] = contextvars.ContextVar(
    "thidua_deadline", default=None)
TICK_FILTER = "thidua_tick"      # the filter put around every loop's sequence (never written)


def _on_alarm(_signum: int, _frame: Any) -> None:
    if _ALARM:
        raise LimitExceeded(_ALARM[-1])


def ticking(sequence: Any) -> Any:
    """*sequence*, stopped with LimitExceeded once the running time limit has passed. Every
    ``{% for %}`` of a user's template iterates through this (the engine's sandbox wraps the
    loops when it compiles them), so nested loops that write nothing are stopped too, on
    any thread, which a signal cannot do."""
    limit = _DEADLINE.get()
    if limit is None:
        return sequence
    return _ticked(sequence, *limit)


def _ticked(sequence: Any, deadline: float, message: str) -> Iterator[Any]:
    for item in sequence:
        if time.monotonic() > deadline:
            if threading.current_thread() is threading.main_thread():
                _ALARM.clear()      # the signal's limit has been met: it must not strike
            raise LimitExceeded(message)    # again while Jinja rewrites this traceback
        yield item


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Stop the block after *seconds* with LimitExceeded: on the main thread of a POSIX
    system by a signal, on any thread at the next step of a loop (see ticking); the output
    limit and the sandbox's range limit hold as well."""
    if _DEADLINE.get() is not None:      # a limit is running already: the outer one holds
        yield
        return
    message = (f"{what}: điền mẫu quá {seconds:g} giây, đã dừng (mẫu có vòng lặp quá lớn "
               "hoặc lồng nhau?)")
    token = _DEADLINE.set((time.monotonic() + seconds, message))
    try:
        with _alarm(seconds, message):
            yield
    finally:
        _DEADLINE.reset(token)


@contextmanager
def _alarm(seconds: float, message: str) -> Iterator[None]:
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or _ALARM:
        yield
        return
    if signal.getsignal(signal.SIGALRM) is not _on_alarm:
        # Installed once and left: a certificate batch sets thousands of limits.
        signal.signal(signal.SIGALRM, _on_alarm)
    _ALARM.append(message)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _ALARM.clear()


# What Jinja, its sandbox and Python say when a template fails while it is filled (Jinja 3.1),
# in a clerk's words; anything else keeps its English after the error's name.
_KIND_WORDS = {"dict": "mục", "list": "danh sách", "str": "chữ", "int": "số", "float": "số"}
_SAID: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"'(\w+) object' has no attribute '([^']+)'"),
     lambda m: f"«{m[2]}» không có trong dữ liệu "
               f"(một {_KIND_WORDS.get(m[1], 'giá trị')} không có «{m[2]}»)"),
    (re.compile(r"'([^']+)' is undefined"),
     lambda m: f"«{m[1]}» không có trong dữ liệu của loại văn bản này"),
    (re.compile(r"(\w+) object has no element (-?\d+)"),
     lambda m: f"{_KIND_WORDS.get(m[1], 'giá trị')} không có phần tử thứ {m[2]}"),
    (re.compile(r"Range too big\. The sandbox blocks ranges larger than MAX_RANGE \((\d+)\)"),
     lambda m: f"bị hộp cát từ chối: range() dài quá {int(m[1]):,} phần tử".replace(",", ".")),
    (re.compile(r"access to attribute '([^']+)' of '(\w+)' object is unsafe"),
     lambda m: f"bị hộp cát từ chối: «{m[1]}» bị cấm trong mẫu"),
    (re.compile(r"(?:integer |float )?division(?: or modulo)? by zero"),
     lambda m: "phép chia cho 0"),
    (re.compile(r"unsupported operand type\(s\) for (\S+): '(\w+)' and '(\w+)'"),
     lambda m: f"phép «{m[1]}» giữa một {_KIND_WORDS.get(m[2], m[2])} và một "
               f"{_KIND_WORDS.get(m[3], m[3])} không tính được"),
)


def fill_problem(err: BaseException, named: bool = True) -> str:
    """A failure while filling a template, in Vietnamese where Jinja's or Python's message is
    one thidua knows; else its own message, after the error's name when *named*."""
    text = str(err)
    for pattern, words in _SAID:
        found = pattern.search(text)
        if found:
            return words(found)
    return f"{type(err).__name__}: {text}" if named else text


def bounded_render(template: jinja2.Template, context: dict[str, Any], source: str,
                   origin: str) -> str:
    """*template* rendered with *context* within MAX_SECONDS and MAX_OUTPUT; *source* is its
    text (docxtpl's, one paragraph a line) to name the place of a failure."""
    pieces: list[str] = []
    size = 0
    start = time.monotonic()
    try:
        with time_limit(MAX_SECONDS, f"Mẫu {origin}"):
            for piece in template.generate(context):
                size += len(piece)
                pieces.append(piece)
                if size > MAX_OUTPUT:
                    raise LimitExceeded(
                        f"Mẫu {origin}: văn bản điền ra quá {MAX_OUTPUT // 1_000_000} triệu ký "
                        f"tự, đã dừng (gần: «{_excerpt(_text_of(piece))}»)")
                if time.monotonic() - start > MAX_SECONDS:
                    raise LimitExceeded(f"Mẫu {origin}: điền mẫu quá {MAX_SECONDS:g} giây")
    except LimitExceeded as err:
        line = _template_line(err.__traceback__, template)
        raise LimitExceeded(f"{err}{_near(source, line)}") from None
    except RecursionError:
        raise LimitExceeded(f"Mẫu {origin}: lồng nhau quá sâu, đã dừng") from None
    except jinja2.sandbox.SecurityError as err:
        problem = fill_problem(err)
        if not problem.startswith("bị hộp cát"):
            problem = f"bị hộp cát từ chối: {err}"
        raise RenderError(f"Mẫu {origin}: {problem}") from None
    except jinja2.TemplateError as err:
        line = getattr(err, "lineno", None) or _template_line(err.__traceback__, template)
        raise RenderError(f"Lỗi khi điền mẫu {origin}: {fill_problem(err, named=False)}"
                          f"{_near(source, line)}") from None
    except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError,
            IndexError, OverflowError, MemoryError) as err:
        line = _template_line(err.__traceback__, template)
        raise RenderError(f"Lỗi khi điền mẫu {origin}: {fill_problem(err)}"
                          f"{_near(source, line)}") from None
    return "".join(pieces)


def joined(pieces: Iterator[str]) -> str:
    """The pieces of a rendering joined, stopped past MAX_OUTPUT characters."""
    out: list[str] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > MAX_OUTPUT:
            raise LimitExceeded(f"văn bản điền ra quá {MAX_OUTPUT // 1_000_000} triệu ký tự, đã "
                                f"dừng (gần: «{_excerpt(_text_of(piece))}»)")
        out.append(piece)
    return "".join(out)


def _template_line(tb: Any, template: jinja2.Template) -> int | None:
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = template.get_corresponding_lineno(tb.tb_lineno)
        tb = tb.tb_next
    return line


def _text_of(xml: str) -> str:
    return re.sub(r"<[^>]+>", "", xml)


def _near(source: str, line: int | None) -> str:
    if not line:
        return ""
    lines = source.splitlines()
    text = _text_of(lines[line - 1]) if 0 < line <= len(lines) else ""
    paragraph = sum(1 for x in lines[:line] if x.startswith("<w:p"))
    where = f" ở đoạn văn thứ {paragraph}" if paragraph else ""
    return f"{where} (gần: «{_excerpt(text)}»)" if text.strip() else where


def verify_xml(xml: str | bytes, origin: str, part: str = "word/document.xml") -> None:
    """Refuse *xml* that is not well-formed, naming the place (paragraph, text around)."""
    from lxml import etree
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    try:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as err:
        text = data.decode("utf-8", "replace")
        line, column = err.position
        offset = sum(len(x) + 1 for x in text.split("\n")[:line - 1]) + max(column - 1, 0)
        paragraph = len(re.findall(r"<w:p[ >]", text[:offset]))
        around = _text_of(text[max(offset - 600, 0):offset + 200])
        raise RenderError(
            f"Mẫu {origin}: văn bản điền ra không phải XML hợp lệ ({_part_label(part)}, đoạn "
            f"văn thứ {paragraph}, gần: «{_excerpt(around[-120:])}»): một khối "
            "{% if %}/{% for %} mở và đóng ở hai đoạn văn hay hai ô khác nhau? Chạy "
            "«thidua templates check» để xem chỗ sai.") from None


# Well-formedness depends only on the elements and attributes, once every value is escaped (the
# sandbox escapes each one) and holds no character XML refuses: a body whose skeleton, its text
# and attribute values taken out, was verified once needs no parse again. A batch of
# certificates of one template has a handful of skeletons (compact or not, a line more or less).
_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTRIBUTE_VALUE = re.compile(r'"[^"<>]*"')
_TEXT_CONTENT = re.compile(r">[^<]+<")
_VERIFIED: set[tuple[str, str]] = set()


def has_refused_characters(xml: str) -> bool:
    """Whether *xml* holds a character XML 1.0 refuses (a control character in a value)."""
    return _INVALID_CHARS.search(xml) is not None


def verify_body(head: str, body: str, tail: str, origin: str) -> None:
    """:func:`verify_xml` of ``head + body + tail``, parsing once per skeleton of *body*."""
    if not _INVALID_CHARS.search(body):
        key = (origin, _TEXT_CONTENT.sub("><", _ATTRIBUTE_VALUE.sub('""', body)))
        if key in _VERIFIED:
            return
        verify_xml(head + body + tail, origin)
        if len(_VERIFIED) > 4096:
            _VERIFIED.clear()
        _VERIFIED.add(key)
        return
    verify_xml(head + body + tail, origin)


# ---------------------------------------------------------------------------- a template's measure

@dataclass(frozen=True)
class TitleMeasure:
    """How a template sets the trích yếu: its size and weight, and the width of its text area
    (the page less its margins), in points — what the balanced title lines are measured in."""

    size_pt: float
    bold: bool
    width_pt: float


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLE_STYLE = "TD Trích yếu"


def _style_runs(styles: Any, style_id: str | None) -> tuple[float | None, bool | None]:
    """(size, bold) of paragraph style *style_id*, following its basedOn chain."""
    size: float | None = None
    bold: bool | None = None
    seen: set[str] = set()
    by_id = {s.get(f"{_W}styleId"): s for s in styles.iter(f"{_W}style")}
    while style_id and style_id not in seen and style_id in by_id:
        seen.add(style_id)
        style = by_id[style_id]
        run = style.find(f"{_W}rPr")
        if run is not None:
            if size is None and (sz := run.find(f"{_W}sz")) is not None:
                size = int(sz.get(f"{_W}val", "0")) / 2 or None
            if bold is None and (b := run.find(f"{_W}b")) is not None:
                bold = b.get(f"{_W}val", "true") not in ("0", "false")
        based = style.find(f"{_W}basedOn")
        style_id = based.get(f"{_W}val") if based is not None else None
    return size, bold


@lru_cache(maxsize=64)
def title_measure(template: TemplateFile) -> TitleMeasure | None:
    """The trích yếu's measure in a user's template, or None when the template does not say
    (no "TD Trích yếu" style, no page size): the built-in measure then applies. A user who
    sets the title in 13 pt or widens the margins gets lines balanced for that."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(template.data)) as archive:
            styles = etree.fromstring(archive.read("word/styles.xml"))
            body = etree.fromstring(archive.read("word/document.xml"))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError):
        return None
    style_id = next((s.get(f"{_W}styleId") for s in styles.iter(f"{_W}style")
                     if (n := s.find(f"{_W}name")) is not None
                     and n.get(f"{_W}val") == TITLE_STYLE), None)
    size, bold = _style_runs(styles, style_id)
    section = next(body.iter(f"{_W}sectPr"), None)
    page = section.find(f"{_W}pgSz") if section is not None else None
    margins = section.find(f"{_W}pgMar") if section is not None else None
    if style_id is None or size is None or page is None or margins is None:
        return None
    try:
        width = (int(page.get(f"{_W}w", "0")) - int(margins.get(f"{_W}left", "0"))
                 - int(margins.get(f"{_W}right", "0"))) / 20
    except ValueError:
        return None
    if width <= 72:          # under an inch: a broken page set-up, not a measure
        return None
    return TitleMeasure(size, bool(bold), width)
