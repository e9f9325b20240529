"""The page of a certificate: how it is printed, and the limits of what it holds.

Plain data and arithmetic shared by :mod:`engine` (which fits every record to a page) and
:mod:`prepare` (which reads the limits from a template with python-docx).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from generator.render import layout

LINE_HEIGHT = 1.15                # single spacing of Times New Roman (1.107 em) plus a margin
WIDTH_MARGIN = 1.03               # Word and LibreOffice may break a little earlier than we do
STYLES = {"recipient": "TD Người nhận", "detail": "TD Chức vụ đơn vị",
          "achievement": "TD Thành tích"}
MAX_LINES = ({"recipient": 2, "detail": 2, "achievement": 5},      # normal sizes
             {"recipient": 3, "detail": 3, "achievement": 7})      # compact sizes


@dataclass(frozen=True)
class Box:
    """A paragraph style in a column: what a text costs in lines and points."""

    size: float
    bold: bool
    before: float
    after: float
    width: float

    def lines(self, text: str) -> int:
        return _line_count(text, self.size, self.bold, self.width / WIDTH_MARGIN)

    def height(self, lines: int) -> float:
        return self.before + lines * self.size * LINE_HEIGHT + self.after if lines else 0.0


@lru_cache(maxsize=16384)    # names repeat their words: Nguyễn, Thị, Văn…
def _em(word: str, bold: bool) -> float:
    """Advance width of *word* in font units (1/1000 em)."""
    return layout.text_width(word, 1000, bold)


@lru_cache(maxsize=1024)     # most certificates of a decision share their achievement
def _line_count(text: str, size: float, bold: bool, width: float) -> int:
    """Lines of greedy word wrap, exactly as layout.wrapped_lines counts them, in one pass:
    widths add up, so a line's width is kept in font units instead of being measured again
    for every word."""
    space = _em(" ", bold)
    lines, used = 1, -1.0
    for word in text.split():
        word_em = _em(word, bold)
        if used >= 0 and (used + space + word_em) * size / 1000 > width:
            lines, used = lines + 1, word_em
        else:
            used = word_em if used < 0 else used + space + word_em
    return lines


@dataclass(frozen=True)
class Geometry:
    """The limits a template sets, read from its own styles and table sizes."""

    variants: tuple[dict[str, Box], dict[str, Box]]   # normal, compact
    middle: float                                      # height of the recipient block
    authority: Box
    signer: Box


@dataclass(frozen=True)
class Printing:
    """How certificates are printed. On plain paper every text is printed. On pre-printed
    blanks (phôi), whose frame, emblem and fixed texts are already there, only what differs
    between certificates is printed, each line where the full certificate has it.
    *shift_mm* (right, down) moves everything to match a printer's feed."""

    blank: bool = False
    shift_mm: tuple[float, float] = (0.0, 0.0)


PLAIN = Printing()
# What a phôi already carries (Nghị định 50/2006, Điều 28; printing practice): the Quốc hiệu,
# the Tiêu ngữ and its rule, the awarding authority, "TẶNG" and the name of the award.
PREPRINTED = ("TD Quốc hiệu", "TD Tiêu ngữ", "TD Đường kẻ dài", "TD Cấp tặng", "TD Tặng",
              "TD Tên hình thức")
