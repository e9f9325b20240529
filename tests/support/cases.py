"""Data cases kept as small edits of the sample campaign (tests/cases/<kind>/{valid,invalid}).

A case file says what to "set" and "delete" (by JSON path, as thidua reports them) and, for an
invalid case, which issues to "expect": {path: words the message must contain}.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

CASES = Path(__file__).resolve().parent.parent / "cases"
_PART = re.compile(r"\.([A-Za-z_$][\w$]*)|\[(\d+)\]")


def parse_path(path: str) -> list[str | int]:
    assert path.startswith("$"), path
    parts: list[str | int] = []
    for key, index in _PART.findall(path[1:]):
        parts.append(key if key else int(index))
    return parts


def _parent(data: Any, path: str) -> tuple[Any, str | int]:
    *head, last = parse_path(path)
    for part in head:
        data = data[part]
    return data, last


def apply_case(base: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for path, value in case.get("set", {}).items():
        parent, key = _parent(data, path)
        parent[key] = value
    for path in case.get("delete", []):
        parent, key = _parent(data, path)
        del parent[key]
    return data


def discover(kind: str, group: str) -> list[tuple[str, dict[str, Any]]]:
    folder = CASES / kind / group
    return [(p.stem, json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(folder.glob("*.json"))]
