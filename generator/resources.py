"""Packaged templates and schemas, found through importlib.resources only.

setup.cfg maps the top-level ``templates/`` and ``schemas/`` folders to the subpackages
``generator.templates`` and ``generator.schemas``, so a plain ``pip install .`` ships them and
the code never depends on the current directory. One exception: run in place from a source
checkout (``python -m generator`` in the repository root, where Python finds the checkout's
``generator/`` before the installed one), the mapping does not exist, and the checkout's own
top-level folders are used.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .errors import ResourceMissing, UnknownDocumentKind

SCHEMA_SUFFIX = ".schema.json"


@cache
def _folder(name: str) -> Traversable:
    """The packaged folder *name* ('templates' or 'schemas')."""
    try:
        return files(f"generator.{name}")
    except ModuleNotFoundError:
        checkout = Path(__file__).resolve().parent.parent / name
        if (checkout / "__init__.py").is_file():
            return checkout
        raise ResourceMissing(f"Thiếu thư mục {name} trong gói cài đặt thidua (cài đặt bị "
                              "hỏng?).") from None


def template_bytes(name: str) -> bytes:
    """The bytes of packaged template *name* (e.g. 'plan.docx')."""
    resource = _folder("templates").joinpath(name)
    if not resource.is_file():
        raise ResourceMissing(f"Thiếu mẫu {name} trong gói cài đặt thidua (cài đặt bị hỏng?).")
    return resource.read_bytes()


def schema_names() -> list[str]:
    """Names of every packaged schema, without the suffix ('common', 'plan', …)."""
    return sorted(
        entry.name[: -len(SCHEMA_SUFFIX)]
        for entry in _folder("schemas").iterdir()
        if entry.name.endswith(SCHEMA_SUFFIX)
    )


@cache
def schema_text(name: str) -> str:
    """The JSON text of packaged schema *name*."""
    resource = _folder("schemas").joinpath(name + SCHEMA_SUFFIX)
    if not resource.is_file():
        known = ", ".join(schema_names())
        raise UnknownDocumentKind(
            f"Không có lược đồ (schema) tên «{name}». Các lược đồ có: {known}.")
    return resource.read_text(encoding="utf-8")


def load_schema(name: str) -> dict[str, Any]:
    """Packaged schema *name* as a dict (a fresh copy each call)."""
    return json.loads(schema_text(name))


def template_names() -> list[str]:
    """Names of every packaged template ('bang_khen.docx', 'decision.docx', …)."""
    return sorted(entry.name for entry in _folder("templates").iterdir()
                  if entry.name.endswith(".docx"))
