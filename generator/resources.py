"""Packaged templates and schemas, found through importlib.resources only.

setup.cfg maps the top-level ``templates/`` and ``schemas/`` folders to the subpackages
``generator.templates`` and ``generator.schemas``, so a plain ``pip install .`` ships them and
the code never depends on the current directory or on ``__file__``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from .errors import ResourceMissing, UnknownDocumentKind

SCHEMA_SUFFIX = ".schema.json"


def template_bytes(name: str) -> bytes:
    """The bytes of packaged template *name* (e.g. 'plan.docx')."""
    resource = files("generator.templates").joinpath(name)
    if not resource.is_file():
        raise ResourceMissing(f"Thiếu mẫu {name} trong gói cài đặt thidua (cài đặt bị hỏng?).")
    return resource.read_bytes()


def schema_names() -> list[str]:
    """Names of every packaged schema, without the suffix ('common', 'plan', …)."""
    return sorted(
        entry.name[: -len(SCHEMA_SUFFIX)]
        for entry in files("generator.schemas").iterdir()
        if entry.name.endswith(SCHEMA_SUFFIX)
    )


@cache
def schema_text(name: str) -> str:
    """The JSON text of packaged schema *name*."""
    resource = files("generator.schemas").joinpath(name + SCHEMA_SUFFIX)
    if not resource.is_file():
        known = ", ".join(schema_names())
        raise UnknownDocumentKind(
            f"Không có lược đồ (schema) tên «{name}». Các lược đồ có: {known}.")
    return resource.read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    """Packaged schema *name* as a dict (a fresh copy each call)."""
    return json.loads(schema_text(name))
