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
    if isinstance(data, dict):
        for key, value in data.items():
            if key != "$schema":
                yield from placeholders(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from placeholders(value, (*path, index))
    elif isinstance(data, str) and is_placeholder(data):
        yield path, data
