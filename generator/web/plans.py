"""A unit's plan as the web app sees it: the campaign it belongs to, its starting data, its check
and its .docx — all through the CLI's own pipeline (loader rules, schema validator, the unit-plan
kind's cross-file rules, generator.build's renderer), never a second one."""

from __future__ import annotations

import hashlib
import io
import json
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from generator.build import Rendered, load_source, render_source
from generator.data.loader import check_text, json_path, load_json
from generator.data.schema import schema_issues
from generator.documents import PLAN, UNIT_PLAN, DocumentKind, Source
from generator.errors import Issue, ThiduaError
from generator.report import issues_of
from generator.unit_drafts import SCHEMA_URL, draft_unit_data
from generator.vn.collation import sort_key
from generator.vn.placeholders import placeholders


@dataclass(frozen=True)
class Campaign:
    """The campaign folder `thidua serve` was started on, validated."""

    folder: Path
    path: Path
    data: dict[str, Any]
    stamp: tuple[int, int]

    @property
    def units(self) -> dict[str, dict[str, Any]]:
        return {u["code"]: u for u in self.data["units"]}

    def units_sorted(self) -> list[dict[str, Any]]:
        """The units in Vietnamese alphabetical order of their names."""
        return sorted(self.data["units"], key=lambda u: sort_key(u["name"]))

    @property
    def name(self) -> str:
        return str(self.data["issuer"]["name"])


lock = threading.Lock()
_cache: dict[Path, Campaign] = {}


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


def load_campaign(folder: Path) -> Campaign:
    """The campaign of *folder*, validated; read again only when campaign.json changes."""
    path = (folder / "campaign.json").resolve()
    stamp = _stamp(path)
    with lock:
        known = _cache.get(path)
        if known is not None and known.stamp == stamp:
            return known
    _, source = load_source(path, PLAN)
    campaign = Campaign(path.parent, path, source.data, stamp)
    with lock:
        _cache[path] = campaign
    return campaign


def own_data(path: Path) -> dict[str, Any] | None:
    """A unit's file in the campaign folder, as the form starts from it; None when there is
    none or it cannot be read (the form then starts from a draft; the CLI reports the file)."""
    if not path.is_file():
        return None
    try:
        data = load_json(path)
    except ThiduaError:
        return None
    return data if isinstance(data, dict) else None


def starting_data(campaign: Campaign, code: str) -> dict[str, Any]:
    """What a unit's form shows before its first save: its units/<CODE>.json when the folder
    has one, else the draft `thidua init-unit` would write."""
    own = own_data(campaign.folder / "units" / f"{code}.json")
    if own is not None:
        return own
    return draft_unit_data(campaign.data, campaign.units[code], "../campaign.json")


def suggestions(campaign: Campaign) -> dict[str, list[str]]:
    """Values the form offers while typing (an HTML datalist; any other text may still be
    typed and is checked as usual): the titles the campaign lets units register for."""
    titles = [t["name"] for t in campaign.data["commendation"].get("titles", [])]
    return {"registrations.#.title": titles} if titles else {}


def fixed_fields(code: str) -> dict[str, Any]:
    """The fields the server sets: the schema, the campaign and the unit's own code."""
    return {"$schema": SCHEMA_URL, "campaign": "../campaign.json", "unit": code}


def display_file(code: str) -> str:
    return f"units/{code}.json"


def check_data(kind: DocumentKind, campaign: Campaign, file: str, path: Path,
               data: dict[str, Any], sending: bool = False
               ) -> tuple[list[Issue], list[Issue], Source | None]:
    """(errors, warnings, source) of a unit's *data* for *kind*, shown as *file* and read as
    if it were at *path*: the loader's text rules, the schema, then the kind's rules against
    the campaign. Sending also refuses what is still a placeholder in brackets."""
    errors = check_text(data, file) + schema_issues(data, kind.schema, file)
    if errors:
        return sorted(set(errors), key=lambda i: (i.path, i.message)), [], None
    source = Source(path, data, campaign.data, campaign.path)
    try:
        issues = kind.check(source)
    except ThiduaError as err:
        return issues_of(err, file), [], None
    errors = [i for i in issues if i.severity == "error"]
    warnings = [i for i in issues if i.severity != "error"]
    left = [Issue(file, json_path(at), f"«{text}» là chỗ để trống cần điền: hãy thay bằng "
                                       "nội dung thật trước khi gửi")
            for at, text in placeholders(data)]
    if sending:
        errors += left
    else:
        warnings += [Issue(i.file, i.path, i.message, "warning") for i in left]
    return errors, warnings, (None if errors else source)


def check_plan(campaign: Campaign, code: str, data: dict[str, Any],
               sending: bool = False) -> tuple[list[Issue], list[Issue], Source | None]:
    """(errors, warnings, source) of the unit's plan, checked as units/<CODE>.json."""
    return check_data(UNIT_PLAN, campaign, display_file(code),
                      campaign.folder / "units" / f"{code}.json", data, sending)


def render_plan(source: Source, today: date | None = None) -> Rendered:
    """The unit's Kế hoạch rendered in memory by the CLI's renderer."""
    return render_source(UNIT_PLAN, source, today)


@dataclass(frozen=True)
class Preview:
    """A unit's plan as rendered, with its text read back from the .docx."""

    rendered: Rendered
    text: tuple[str, ...]


_previews: OrderedDict[str, Preview] = OrderedDict()
_PREVIEWS_KEPT = 64


def content_key(*parts: Any) -> str:
    """A preview's key: the same data, campaign and day give the same document."""
    return hashlib.sha256(json.dumps([*parts, date.today().isoformat()], sort_keys=True,
                                     ensure_ascii=False).encode()).hexdigest()


def remembered(key: str, make: Callable[[], tuple[list[Issue], Preview | None]]
               ) -> tuple[list[Issue], Preview | None]:
    """(errors, preview) made once per *key* (the newest kept), so that a save's preview and
    its download render once; what fails is not kept."""
    with lock:
        if key in _previews:
            _previews.move_to_end(key)
            return [], _previews[key]
    errors, made = make()
    if made is not None:
        with lock:
            _previews[key] = made
            while len(_previews) > _PREVIEWS_KEPT:
                _previews.popitem(last=False)
    return errors, made


def preview_of(campaign: Campaign, code: str, data: dict[str, Any]
               ) -> tuple[list[Issue], Preview | None]:
    """(errors, preview) of the unit's plan, rendered once per content."""
    def make() -> tuple[list[Issue], Preview | None]:
        errors, _, source = check_plan(campaign, code, data)
        if source is None:
            return errors, None
        rendered = render_plan(source)
        return [], Preview(rendered, tuple(document_text(rendered.content)))
    return remembered(content_key(code, data, campaign.stamp), make)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag in (f"{_W}tab", f"{_W}br"):
            parts.append(" ")
    return "".join(parts)


def document_text(content: bytes) -> list[str]:
    """The paragraphs and table rows of a rendered document in their order, read back from
    its word/document.xml (the document thidua itself just rendered)."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        body = ElementTree.fromstring(package.read("word/document.xml")).find(f"{_W}body")
    lines: list[str] = []
    for block in body if body is not None else []:
        if block.tag == f"{_W}p":
            lines.append(_paragraph_text(block))
        elif block.tag == f"{_W}tbl":
            for row in block.iter(f"{_W}tr"):
                cells = [" / ".join(t for p in cell.iter(f"{_W}p")
                                    if (t := _paragraph_text(p).strip()))
                         for cell in row.findall(f"{_W}tc")]
                lines.append(" | ".join(dict.fromkeys(c for c in cells if c)))
    return [line for line in lines if line.strip()]


def render_agency_plan(campaign: Campaign) -> Rendered:
    _, source = load_source(campaign.path, PLAN)
    return render_source(PLAN, source)


def agency_preview(campaign: Campaign) -> Preview:
    """The agency's Kế hoạch (campaign.json) rendered, with its text; once per content."""
    key = f"agency:{campaign.path}:{campaign.stamp}:{date.today().isoformat()}"
    with lock:
        if key in _previews:
            return _previews[key]
    rendered = render_agency_plan(campaign)
    made = Preview(rendered, tuple(document_text(rendered.content)))
    with lock:
        _previews[key] = made
    return made


def documents_zip(campaign: Campaign, approved: dict[str, dict[str, Any]]) -> bytes:
    """The agency's Kế hoạch and every approved unit's, as one zip (Vietnamese names kept:
    zipfile marks them UTF-8)."""
    rendered = [render_agency_plan(campaign)]
    for code in sorted(approved, key=lambda c: sort_key(campaign.units[c]["name"])):
        errors, _, source = check_plan(campaign, code, approved[code])
        if source is None:
            raise ThiduaError(f"Kế hoạch của {campaign.units[code]['name']} không còn hợp lệ "
                              f"với Kế hoạch của cơ quan: {errors[0].message if errors else ''}")
        rendered.append(render_plan(source))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names: set[str] = set()
        for item in rendered:
            name = item.name
            while name in names:
                name = "_" + name
            names.add(name)
            archive.writestr(name, item.content)
    return buffer.getvalue()
