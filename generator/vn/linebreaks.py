"""Where a line may not break (issue 13, point 2): inside a word of several syllables, a proper
name, a person's name, a term joined by a hyphen ("COVID-19", "15/KH-VPCP"), between "ngày"
and its number; and a trích yếu whose last line would be one word.

Word and LibreOffice break a line at a space and after a hyphen. A no-break space (U+00A0) and
a non-breaking hyphen (U+2011) are the two characters both honour (Unicode UAX #14 classes GL);
they print as a space and a hyphen. Nghị định 30/2020 asks a trích yếu to be "ngắn gọn, đầy đủ"
and names to be written whole (Phụ lục II); it says nothing of line breaks, so nothing here
changes a letter of the text, only which spaces and hyphens may end a line.

Vietnamese writes one syllable per space: "Chính phủ" is one word in two syllables, and a line
ending "Chính" with "phủ" on the next splits the word. :data:`WORDS` lists the words of several
syllables met in the names of agencies, offices and awards (Phụ lục II's own examples: "Văn
phòng Chủ tịch nước", "Thủ tướng Chính phủ", "Huân chương Lao động" …); callers add the names
their data holds (people, the issuer).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"

# Words of several syllables that names of the State are made of. Source of each group: the
# examples of Nghị định 30/2020/NĐ-CP, Phụ lục II (agencies, offices, awards, special nouns),
# and the Luật Thi đua, khen thưởng 2022, Điều 9 (the forms of award).
WORDS: tuple[str, ...] = (
    # Phụ lục II, khoản II.3 (agencies) and II.4 (offices): "Văn phòng Chính phủ", "Thủ tướng
    # Chính phủ", "Chủ tịch Quốc hội", "Bộ trưởng Bộ Tài chính"
    "Chính phủ", "Văn phòng", "Thủ tướng", "Phó Thủ tướng", "Bộ trưởng", "Thứ trưởng",
    "Chủ nhiệm", "Phó Chủ nhiệm", "Chủ tịch", "Phó Chủ tịch", "Quốc hội", "Trung ương",
    "Ủy ban", "Hội đồng", "Vụ trưởng", "Cục trưởng", "Giám đốc", "Chánh Văn phòng",
    "Tổ chức", "cán bộ", "Thông tin", "điện tử", "Tổng hợp", "Khoa giáo", "Văn xã",
    # Phụ lục II, khoản II.1 (place names) and II.6 (special nouns)
    "Việt Nam", "Hà Nội", "Nhà nước", "Nhân dân", "Cộng hòa", "xã hội", "chủ nghĩa",
    # Luật Thi đua, khen thưởng 2022, Điều 9 (forms) and Phụ lục II, khoản II.5 (awards)
    "Huân chương", "Huy chương", "Bằng khen", "Giấy khen", "Kỷ niệm chương", "Lao động",
    "hạng Nhất", "hạng Nhì", "hạng Ba", "Chiến sĩ", "thi đua", "khen thưởng", "tập thể",
    "cá nhân", "thành tích", "phong trào", "đại dịch", "phòng, chống",
)

# "số 15/KH-VPCP", "ngày 05", "tháng 9", "năm 2021": the word stays with its number.
_NUMBERED = re.compile(r"\b(số|ngày|tháng|năm|Điều|khoản|điểm) (?=\d)")
# A hyphen with a letter or digit on both sides and no space: one term ("COVID-19", "NĐ-CP").
_JOINED = re.compile(r"(?<=[^\W_])-(?=[^\W_])")


def _either_case(word: str) -> str:
    """*word* as a pattern whose first letter may be upper or lower case ("Thi đua" in "Hội
    đồng Thi đua - Khen thưởng" is the word "thi đua")."""
    first = word[:1]
    head = f"[{first.upper()}{first.lower()}]" if first.upper() != first.lower() else \
        re.escape(first)
    return head + re.escape(word[1:])


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of *words*, longest first, matched as whole words."""
    alternatives = "|".join(_either_case(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def keep_together(text: str, names: Iterable[str] = ()) -> str:
    """*text* with no-break spaces inside :data:`WORDS` and *names*, and between a number and
    the word before it, and non-breaking hyphens inside hyphenated terms."""
    text = _JOINED.sub(NB_HYPHEN, text)
    text = _NUMBERED.sub(lambda m: m.group(1) + NBSP, text)
    extra = tuple(n for n in names if " " in n.strip())
    return _pattern(WORDS + extra).sub(lambda m: m.group(0).replace(" ", NBSP), text)


def whole_name(name: str) -> str:
    """A person's name that never breaks across lines ("Nguyễn Văn An")."""
    return " ".join(name.split()).replace(" ", NBSP)


def no_lonely_last_word(text: str) -> str:
    """*text* whose last two words can only end a line together: a centred trích yếu is then
    never closed by a line of one word ("COVID-19”")."""
    head, space, last = text.rstrip().rpartition(" ")
    if not space or not head or len(last) > 25:
        return text
    before, dash_space, dash = head.rpartition(" ")
    if dash_space and dash in ("-", "–"):          # "2025 - 2030": the dash is not a word
        return f"{before}{NBSP}{dash}{NBSP}{last}"
    return f"{head}{NBSP}{last}"


_QUOTED = re.compile(r"“[^”]+”")
SEGMENT_WORDS = 8       # a comma-separated piece of a quoted name longer than this may break


def quoted_in_pieces(text: str) -> str:
    """A quoted name ("“Văn phòng Chính phủ tận tâm, hiệp lực, vì đất nước, …”", a movement's
    name) breaks only after its commas: Vietnamese cannot tell a word of two syllables ("tận
    tâm") from two words without a dictionary, but a comma is always a place a reader pauses.
    A piece too long for that (more than :data:`SEGMENT_WORDS` words) keeps its spaces."""
    def pieces(match: re.Match[str]) -> str:
        parts = match.group(0).split(", ")
        return ", ".join(p.replace(" ", NBSP) if len(p.split()) <= SEGMENT_WORDS else p
                         for p in parts)
    return _QUOTED.sub(pieces, text)


_SPAN = re.compile(r"(?<=\d) ([-–]) (?=\d)")


def title_text(text: str, names: Iterable[str] = ()) -> str:
    """The trích yếu as it is printed: :func:`keep_together`, :func:`quoted_in_pieces`, a span
    of years ("2025 - 2027") kept on one line, then :func:`no_lonely_last_word`."""
    spans = _SPAN.sub(lambda m: f"{NBSP}{m.group(1)}{NBSP}", keep_together(text, names))
    return no_lonely_last_word(quoted_in_pieces(spans))


_BREAK_AFTER_HYPHEN = re.compile(r"(?<=[^\W_]-)(?=[^\W_])")


def wrap(text: str, width: Callable[[str], float], max_width: float) -> list[str]:
    """Greedy lines of *text* as Word fills them: a line may end at an ordinary space or after
    a hyphen inside a word ("COVID-" / "19"), never at a no-break space or hyphen; *width*
    measures a piece of text in the unit of *max_width*."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        for piece_index, piece in enumerate(_BREAK_AFTER_HYPHEN.split(word)):
            joiner = "" if piece_index else " "
            candidate = f"{line}{joiner}{piece}" if line else piece
            if line and width(candidate) > max_width:
                lines.append(line)
                line = piece
            else:
                line = candidate
    lines.append(line)
    return [x for x in lines if x]


def balanced(text: str, width: Callable[[str], float], max_width: float) -> list[str]:
    """*text* in as few lines as greedy filling needs, but of even length: the narrowest
    measure that still gives that many lines, found by bisection (Knuth's "balanced" setting
    of a centred title). A trích yếu of 1.3 lines then prints as two lines of about 0.65,
    not a full line and a stub; one line stays one line."""
    lines = wrap(text, width, max_width)
    if len(lines) < 2:
        return lines
    low, high = max(width(line) for line in lines) / len(lines), max_width
    for _ in range(16):                 # 1/65536 of the measure: far below a letter
        middle = (low + high) / 2
        if len(wrap(text, width, middle)) == len(lines) and \
                all(width(line) <= middle for line in wrap(text, width, middle)):
            high = middle
        else:
            low = middle
    return wrap(text, width, high)


def plain_spaces(text: str) -> str:
    """*text* with its no-break spaces and hyphens made ordinary again, and the line breaks of
    a balanced title made spaces (for comparisons)."""
    return text.replace(NBSP, " ").replace(NB_HYPHEN, "-").replace("\n", " ")
