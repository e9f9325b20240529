"""The state style of the text (issue 13, point 6): capitals of Phụ lục II and the i/y
spelling of the decree (:mod:`generator.vn.spelling`), as warnings with the exact place."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from generator.check.blocks import Zones
from generator.check.doc import WordDoc
from generator.check.lines import Line
from generator.vn.spelling import defines_short_name, style_problems

from .base import Finding, finding, places

_MESSAGES = {"VIET-HOA": "Viết hoa chưa đúng Phụ lục II Nghị định 30/2020/NĐ-CP",
             "I-Y": "Chính tả i/y chưa thống nhất với văn bản nhà nước"}


def style_rules(doc: WordDoc, zones: Zones) -> Iterator[Finding]:
    """ND30-VIET-HOA and ND30-I-Y: one finding per word written wrong, naming every place
    (the first five) where it occurs, in the trích yếu and the body."""
    seen: dict[tuple[str, str, str], list[Line]] = defaultdict(list)
    why: dict[tuple[str, str, str], str] = {}
    lines = [*zones.abstract, *zones.body]
    short_name = defines_short_name(line.text for line in lines)
    for line in lines:
        for problem in style_problems(line.text, short_name):
            key = (problem.rule, problem.found, problem.expected)
            seen[key].append(line)
            why[key] = problem.why
    for (rule, found, expected), lines in seen.items():
        yield finding(f"ND30-{rule}", places([zones.where(x) for x in lines]),
                      f"{_MESSAGES[rule]}: «{found}» → «{expected}» ({why[rule, found, expected]}"
                      f"; {len(lines)} chỗ).", expected, found, lines[0].text)
