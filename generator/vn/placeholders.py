"""Places a unit still has to fill in: ``thidua init-unit`` writes them in brackets, as whole
values ("(Họ và tên)", "(Đơn vị ghi các chỉ tiêu thi đua cụ thể.)"), so that they stand out in a
draft. A value that is nothing but such a bracket is a placeholder, never text to sign."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# The whole value is one bracket, opened by a capital (a clerk's instruction), with no bracket
# inside: "(có danh sách kèm theo)" inside a sentence is text, not a placeholder.
_PLACEHOLDER = re.compile(r"\(\s*[^\W\d_a-zđ][^()]*\)\s*\.?")


def is_placeholder(text: str) -> bool:
    """True when *text* is a bracketed instruction left to be replaced."""
    return _PLACEHOLDER.fullmatch(text.strip()) is not None


def placeholders(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, text) of every placeholder value in *data*, in document order."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(data, str):
        if "(" in data and is_placeholder(data):
            found.append((path, data))
        return iter(found)

    def walk(value: Any, trail: tuple[str | int, ...]) -> None:
        # A loop over the children, the strings judged in place: a 10,000-row list is 50,000
        # values, and a generator per value cost more than the check itself.
        pairs = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in pairs:
            if key == "$schema":
                continue
            if isinstance(item, str):
                if "(" in item and is_placeholder(item):     # a placeholder opens with "("
                    found.append(((*trail, key), item))
            elif isinstance(item, (dict, list)):
                walk(item, (*trail, key))

    if isinstance(data, (dict, list)):
        walk(data, path)
    return iter(found)
