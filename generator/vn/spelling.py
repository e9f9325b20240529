"""The state style of capitals and of i/y (issue 13, point 6), as warnings with their place,
never a rewrite.

Capitals follow Nghị định 30/2020/NĐ-CP, Phụ lục II (Viết hoa trong văn bản hành chính):

* V.1: "Nhân dân" and "Nhà nước" are special nouns, written with a capital: "sức khỏe Nhân
  dân". In the name of an agency the word stays lower case (IV.1.a: "Hội đồng nhân dân tỉnh Sơn
  La"), and so in "Ủy ban nhân dân", "Tòa án nhân dân", "Công an nhân dân" …;
* I (capitals by the sentence) and V.9 (only the name of a historical event, "Phong trào Xô
  viết Nghệ Tĩnh", capitalises "Phong trào"): "phong trào thi đua" inside a sentence is a
  common noun, lower case.

The i/y spelling is the one the decree itself uses ("quản lý" 23 times, "kỹ thuật" 13 times in
its text, never "quản lí" or "kĩ thuật"): y after the consonant in the Sino-Vietnamese syllables
lý, kỹ, kỷ, mỹ, tỷ, hy. Only lower-case syllables are judged: a person's name keeps its own
spelling (shared/domain §4.5).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class StyleProblem:
    """One departure from the state style in a text."""

    rule: str        # "VIET-HOA" | "I-Y"
    start: int       # where it begins in the text
    found: str
    expected: str
    why: str         # the clause, for the message


# Words before "nhân dân" that make it part of an agency's (or a force's) name (Phụ lục II,
# IV.1.a). Anything else means the people: "Nhân dân".
_AGENCY = ("Ủy ban", "Uỷ ban", "Hội đồng", "Tòa án", "Toà án", "Viện kiểm sát", "Công an",
           "Quân đội", "Thanh tra", "Kiểm sát")
_NHAN_DAN = re.compile(r"(?<![^\W_])nhân dân(?![^\W_])")
_SENTENCE_END = re.compile(r"(?:[.!?:]|^[a-zđ0-9IVX]+[.)])\s*[\"“(]?\s*$")

# (lower-case syllable as typed, the state spelling). Whole syllables only: "lí" not "lính".
_I_Y: dict[str, str] = {"lí": "lý", "kĩ": "kỹ", "kỉ": "kỷ", "mĩ": "mỹ", "tỉ": "tỷ"}
_I_Y_SYLLABLE = re.compile(r"(?<![^\W_])(lí|kĩ|kỉ|mĩ|tỉ)(?![^\W_])")
_HI = re.compile(r"(?<![^\W_])hi (sinh|vọng|hữu)(?![^\W_])")


def _nhan_dan(text: str) -> Iterator[StyleProblem]:
    for match in _NHAN_DAN.finditer(text):
        before = text[:match.start()].rstrip()
        if before.endswith(_AGENCY) or before.casefold().endswith("nghệ sĩ"):
            continue
        yield StyleProblem("VIET-HOA", match.start(), match.group(0), "Nhân dân",
                           "Phụ lục II, mục V.1: “Nhân dân” là danh từ đặc biệt, viết hoa")


# A document may name its movement for short: "(sau đây viết tắt là Phong trào thi đua)", as
# Kế hoạch 130/KH-UBND of Thanh Hóa (27/6/2025) does; the short name then keeps its capital.
_SHORT_NAME = re.compile(r"(?:viết|gọi) tắt là[\s“\"«]*Phong trào thi đua")


def defines_short_name(texts: Iterable[str]) -> bool:
    """Whether *texts* (one document, or one data file) name their movement "Phong trào thi
    đua" for short."""
    return any(_SHORT_NAME.search(text) for text in texts)


def _phong_trao(text: str) -> Iterator[StyleProblem]:
    for match in re.finditer(r"Phong trào thi đua", text):
        before = text[:match.start()].strip(" \t-–+•")
        if not before or _SENTENCE_END.search(before):
            continue                        # the first word of a sentence or a heading
        yield StyleProblem("VIET-HOA", match.start(), match.group(0), "phong trào thi đua",
                           "Phụ lục II, mục I và V.9: giữa câu, “phong trào” là danh từ "
                           "chung, viết thường")


def _i_y(text: str) -> Iterator[StyleProblem]:
    for match in _I_Y_SYLLABLE.finditer(text):
        yield StyleProblem("I-Y", match.start(), match.group(0), _I_Y[match.group(1)],
                           "chính tả của Nghị định 30/2020/NĐ-CP (“quản lý”, “kỹ thuật”)")
    for match in _HI.finditer(text):
        yield StyleProblem("I-Y", match.start(), match.group(0), f"hy {match.group(1)}",
                           "chính tả của Nghị định 30/2020/NĐ-CP (y sau phụ âm: hy sinh)")


# One scan that rules out almost every text at once; every pattern above matches it.
_ANY = re.compile(r"nhân dân|Phong trào thi đua|\b(?:lí|kĩ|kỉ|mĩ|tỉ|hi)\b")


def style_problems(text: str, short_name: bool = False) -> list[StyleProblem]:
    """Every capital or i/y departure in *text*, in order of place. *short_name*: the
    document names its movement "Phong trào thi đua" for short (:func:`defines_short_name`),
    so that capital is right."""
    if _ANY.search(text) is None:
        return []
    found = [*_nhan_dan(text), *([] if short_name else _phong_trao(text)), *_i_y(text)]
    return sorted(found, key=lambda p: p.start)
