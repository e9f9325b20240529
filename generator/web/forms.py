"""HTML forms generated from the packaged JSON Schemas, and form posts read back into data.

The schema is the only model: a field's label is its ``title``, its hint its ``x-form-hint`` or
else its ``description`` (a description written for the JSON file, with its null, true and
$.units, has a form hint in the form's words beside it), a select its ``enum``; an array becomes a table whose rows are added and removed by submit buttons
(no JavaScript needed). A posted form becomes plain JSON data that the CLI's own validator
(:func:`generator.data.schema.schema_issues`) then checks, so an error's JSON path names its
field: ``$.registrations[2].title`` is the field ``registrations.2.title``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from generator.data.loader import normalise
from generator.resources import load_schema

# Fields the server fills in itself: a unit never chooses its campaign or its code.
FIXED = ("$schema", "campaign", "unit")


@dataclass(frozen=True)
class Field:
    """One node of a form: a scalar input, a group of fields (object) or a table (array)."""

    name: str                       # form name: "document.number", "registrations.0.name"
    key: str                        # its key (or row index) in the parent
    widget: str                     # text, textarea, integer, date, bool, enum, object, array
    label: str
    hint: str = ""
    required: bool = False
    nullable: bool = False
    options: tuple[str, ...] = ()
    children: tuple[Field, ...] = ()    # object: its properties
    item: Field | None = None           # array: the template of one row
    max_items: int | None = None

    @property
    def id(self) -> str:
        return "f-" + self.name.replace(".", "-").replace("$", "")

    def child(self, key: str | int) -> Field:
        """The field at *key* under this one (a row of a table is the item at that index)."""
        if self.widget == "array" and self.item is not None:
            return _at(self.item, f"{self.name}.{key}", str(key))
        for candidate in self.children:
            if candidate.key == key:
                return candidate
        raise KeyError(key)


def _at(template: Field, name: str, key: str) -> Field:
    """*template* renamed to sit at *name* (its children follow)."""
    children = tuple(_at(c, f"{name}.{c.key}", c.key) for c in template.children)
    item = _at(template.item, f"{name}.#", "#") if template.item else None
    return Field(name, key, template.widget, template.label, template.hint, template.required,
                 template.nullable, template.options, children, item, template.max_items)


# ------------------------------------------------------------------ schema → fields

FORM_HINT = "x-form-hint"


def _resolve(node: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
    """*node* with its $ref followed (titles and descriptions of the referring node win; a
    description there also wins over a form hint of the node referred to)."""
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        base = target.removesuffix(".schema.json") if target else base
        resolved: Any = load_schema(base)
        for part in pointer.strip("/").split("/") if pointer else []:
            resolved = resolved[part]
        own = {k: v for k, v in node.items() if k != "$ref"}
        if "description" in own and FORM_HINT not in own:
            resolved = {k: v for k, v in resolved.items() if k != FORM_HINT}
        node = {**resolved, **own}
    return node, base


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("type", "string")
    return list(kind) if isinstance(kind, list) else [kind]


def build_field(node: dict[str, Any], base: str, name: str, key: str,
                required: bool = False) -> Field:
    node, base = _resolve(node, base)
    types = _types(node)
    nullable = "null" in types
    main = next((t for t in types if t != "null"), "string")
    label = node.get("title", key)
    hint = node.get(FORM_HINT, node.get("description", ""))
    if "enum" in node:
        return Field(name, key, "enum", label, hint, required, nullable,
                     tuple(str(v) for v in node["enum"] if v is not None))
    if main == "object":
        needed = set(node.get("required", ()))
        children = tuple(build_field(sub, base, f"{name}.{k}" if name else k, k, k in needed)
                         for k, sub in node.get("properties", {}).items()
                         if not (name == "" and k in FIXED))
        return Field(name, key, "object", label, hint, required, nullable, children=children)
    if main == "array":
        item = build_field(node.get("items", {}), base, f"{name}.#", "#")
        if item.widget not in ("object", "array"):     # a list of lines: each row is the list's
            item = replace(item, label=label, hint="")  # own field, not "Đoạn văn"
        return Field(name, key, "array", label, hint, required, nullable, item=item,
                     max_items=node.get("maxItems"))
    if main == "integer":
        return Field(name, key, "integer", label, hint, required, nullable)
    if main == "boolean":
        return Field(name, key, "bool", label, hint, required, nullable)
    if node.get("format") == "date":
        return Field(name, key, "date", label, hint, required, nullable)
    single_line = "\\n" in node.get("pattern", "")
    return Field(name, key, "text" if single_line else "textarea", label, hint, required,
                 nullable)


@cache
def form_for(schema: str) -> Field:
    """The form of schema *schema* (e.g. 'unit-plan'), without the fields the server fixes."""
    return build_field(load_schema(schema), schema, "", "", True)


# ------------------------------------------------------------------ form post → data

def _indexes(form: Mapping[str, str], prefix: str) -> list[int]:
    """The row indexes a post holds for the table *prefix*, in order."""
    pattern = re.compile(re.escape(prefix) + r"\.(\d+)(?:\.|$)")
    return sorted({int(m.group(1)) for k in form if (m := pattern.match(k))})


def _blank(value: Any) -> bool:
    if value is None or value == "" or value == [] or value == {}:
        return True
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    return False


def parse(node: Field, form: Mapping[str, str], removed: str = "") -> Any:
    """The value the post *form* gives to *node*; None when it gives nothing.

    Text that is not a number is kept as text, so the schema says what is wrong at that field.
    The row named by *removed* ("registrations.2") is left out.
    """
    if node.widget == "object":
        value = {}
        for child in node.children:
            sub = parse(child, form, removed)
            if sub is not None and (not _blank(sub) or child.required):
                value[child.key] = sub
        return value
    if node.widget == "array":
        rows = []
        for index in _indexes(form, node.name):
            if f"{node.name}.{index}" == removed:
                continue
            row = parse(node.child(index), form, removed)
            if not _blank(row):
                rows.append(row)
        return rows
    raw = form.get(node.name)
    if raw is None:
        return None
    text = raw.strip()
    if node.widget == "integer":
        if not text:
            return None if not node.nullable else _null(node)
        return int(text) if re.fullmatch(r"[+-]?\d{1,100}", text) else text
    if node.widget == "bool":
        return {"true": True, "false": False}.get(text)
    if node.widget in ("date", "enum") and not text:
        return _null(node) if node.nullable else (None if not node.required else "")
    return text


class _Null:
    """A null the data must keep (a draft's number): told apart from "not given"."""


def _null(node: Field) -> Any:
    return _NULL


_NULL = _Null()


def _unnull(value: Any) -> Any:
    if isinstance(value, _Null):
        return None
    if isinstance(value, dict):
        return {k: _unnull(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unnull(v) for v in value]
    return value


def data_from_form(form: Mapping[str, str], fixed: dict[str, Any], schema: str = "unit-plan",
                   removed: str = "") -> dict[str, Any]:
    """The data a post gives, NFC and trimmed as the loader makes it, with *fixed* fields
    ($schema, campaign, unit) set by the server whatever the post says."""
    value = parse(form_for(schema), form, removed)
    data: dict[str, Any] = {**fixed, **{k: v for k, v in value.items() if k not in FIXED}}
    return normalise(_unnull(data))


def added_row(data: dict[str, Any], table: str, schema: str = "unit-plan") -> dict[str, Any]:
    """*data* with an empty row added to the table *table* ("activities", "signer.chain")."""
    node = form_for(schema)
    parts = table.split(".")
    try:
        for part in parts:
            node = node.child(part)
    except KeyError:
        return data
    if node.widget != "array" or node.item is None:
        return data
    target: Any = data
    for part, following in itertools.pairwise(parts):
        if isinstance(target, list) and part.isdigit() and int(part) < len(target):
            target = target[int(part)]
        elif isinstance(target, dict):
            target = target.setdefault(part, [] if following.isdigit() else {})
        else:
            return data
    if not isinstance(target, dict):
        return data
    rows = target.get(parts[-1])
    rows = rows if isinstance(rows, list) else []
    if node.max_items is None or len(rows) < node.max_items:
        target[parts[-1]] = [*rows, {} if node.item.widget == "object" else ""]
    return data


# ------------------------------------------------------------------ errors → fields

_PART = re.compile(r"\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[(\"(?:[^\"\\]|\\.)*\")\]")


def field_name(json_path: str) -> str:
    """'registrations.2.title' for '$.registrations[2].title' (the form's names)."""
    parts = []
    for match in _PART.finditer(json_path.removeprefix("$")):
        parts.append(match.group(1) or match.group(2) or match.group(3).strip('"'))
    return ".".join(parts)


@dataclass
class Problems:
    """The issues of a check, by the form field they belong to."""

    by_field: dict[str, list[str]] = field(default_factory=dict)
    summary: list[tuple[str, str, str]] = field(default_factory=list)  # (field id, label, msg)

    def __bool__(self) -> bool:
        return bool(self.summary)

    def at(self, name: str) -> list[str]:
        return self.by_field.get(name, [])


def _label_path(root: Field, name: str) -> tuple[str, str]:
    """The nearest field the form shows for *name*, as (its name, a readable label)."""
    node, labels, shown = root, [], ""
    for part in name.split(".") if name else []:
        try:
            node = node.child(part)
        except KeyError:
            break
        shown = node.name
        labels.append(f"dòng {int(part) + 1}" if part.isdigit() else node.label)
    return shown, " › ".join(labels) or "Toàn bộ Kế hoạch"


def label_of(json_path: str, schema: str = "unit-plan") -> str:
    """What a clerk calls the field at *json_path*: 'Người ký › Họ và tên người ký'."""
    return _label_path(form_for(schema), field_name(json_path))[1]


def problems(issues: list[Any], schema: str = "unit-plan") -> Problems:
    """Issues placed at their fields; a blank required field gets one message, not two."""
    root = form_for(schema)
    found = Problems()
    blank = {i.path for i in issues if i.message == "không được để trống"}
    for issue in issues:
        if issue.path in blank and issue.message != "không được để trống":
            continue
        name, label = _label_path(root, field_name(issue.path))
        found.by_field.setdefault(name, []).append(issue.message)
        node_id = "f-" + name.replace(".", "-") if name else "noi-dung"
        found.summary.append((node_id, label, issue.message))
    return found


def pattern(name: str) -> str:
    """'registrations.#.title' for 'registrations.3.title': the field in every row."""
    return re.sub(r"\.\d+(?=\.|$)", ".#", name)


def value_at(data: Any, name: str) -> Any:
    """The value of *data* at form name *name*, or None."""
    for part in name.split(".") if name else []:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data
