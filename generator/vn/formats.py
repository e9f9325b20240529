"""Pure rules of Vietnamese administrative writing (Nghị định 30/2020/NĐ-CP).

Nothing here knows about Word or Jinja: every function takes and returns plain values, so the
rules can be table-tested and reused by every document kind (and registered as Jinja filters).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from datetime import date

# Phụ lục III, Mục I: abbreviations of the names of administrative document types.
DOCUMENT_TYPE_ABBREVIATIONS: dict[str, str] = {
    "Nghị quyết": "NQ", "Quyết định": "QĐ", "Chỉ thị": "CT", "Quy chế": "QC",
    "Quy định": "QyĐ", "Thông cáo": "TC", "Thông báo": "TB", "Hướng dẫn": "HD",
    "Chương trình": "CTr", "Kế hoạch": "KH", "Phương án": "PA", "Đề án": "ĐA",
    "Dự án": "DA", "Báo cáo": "BC", "Biên bản": "BB", "Tờ trình": "TTr",
    "Hợp đồng": "HĐ", "Công điện": "CĐ", "Bản ghi nhớ": "BGN", "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ", "Giấy mời": "GM", "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP", "Phiếu gửi": "PG", "Phiếu chuyển": "PC", "Phiếu báo": "PB",
}

# Phụ lục I, Mục II: điểm are lettered in the order of the Vietnamese alphabet, which has
# no f, j, w, z and puts đ right after d.
POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

# Blank left for a number or a day/month that is filled in by hand after signing
# (Art. 15: paper documents are numbered and dated after they are signed). Non-breaking spaces
# so that Word neither collapses nor wraps the gap.
BLANK = "\u00a0" * 6

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def nfc(text: str) -> str:
    """Return *text* in Unicode NFC, the form TCVN 6909:2001 text is exchanged in."""
    return unicodedata.normalize("NFC", text)


def same_name_key(name: str) -> str:
    """Key under which two spellings of one name count as the same collective or person:
    NFC, whitespace collapsed, case folded ("  nguyễn  văn An" is "Nguyễn Văn An")."""
    return " ".join(nfc(name).split()).casefold()


def lower_first(text: str) -> str:
    """A title continued inside a sentence: 'Triển khai …' → 'triển khai …'."""
    return text[:1].lower() + text[1:]


def is_all_caps(text: str) -> bool:
    """True for text typed in capitals ("TRIỂN KHAI PHONG TRÀO …"), as provincial plans print
    their trích yếu."""
    letters = [c for c in nfc(text) if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def sentence_case(text: str, names: tuple[str, ...] = ()) -> str:
    """A title as a sentence, whichever case it was typed in: text in capitals is lowered
    with its first letter kept capital, and every proper name of *names* found in it gets its
    own spelling back ("TRIỂN KHAI … “QUẢNG NINH …”" → "Triển khai … “Quảng Ninh …”"). Text in
    ordinary case is returned as given."""
    text = nfc(text)
    if not is_all_caps(text):
        return text
    lowered = text.lower()
    for name in sorted({nfc(n) for n in names if n}, key=len, reverse=True):
        lowered = lowered.replace(name.lower(), name)
    return lowered[:1].upper() + lowered[1:]


def upper_vi(text: str) -> str:
    """Upper-case Vietnamese text, keeping every diacritic ("Văn phòng" → "VĂN PHÒNG")."""
    return nfc(nfc(text).upper())


def day_number(day: int) -> str:
    """Day of month as the decree writes it: days below 10 get a leading zero."""
    return f"{day:02d}"


def month_number(month: int) -> str:
    """Month as the decree writes it: only January and February get a leading zero."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_words(value: date) -> str:
    """'ngày 05 tháng 01 năm 2021' for a date, as used on the date line and in citations."""
    return (f"ngày {day_number(value.day)} tháng {month_number(value.month)} "
            f"năm {value.year}")


def draft_date_words(year: int) -> str:
    """The date words of a document not yet dated: day and month left blank for the clerk."""
    return f"ngày{BLANK}tháng{BLANK}năm {year}"


def place_date_line(place: str, value: date | None, year: int | None = None) -> str:
    """The place-and-date line (ô 4): 'Hà Nội, ngày 27 tháng 9 năm 2021'.

    With no date, the draft form keeps the year and leaves day and month blank; *year* is then
    required.
    """
    if value is not None:
        return f"{place}, {date_words(value)}"
    if year is None:
        raise ValueError("a draft date line needs a year")
    return f"{place}, {draft_date_words(year)}"


def document_number(number: int | None) -> str:
    """The number part of 'Số:': below 10 it gets a leading zero; blank in a draft."""
    if number is None:
        return BLANK
    if number < 1:
        raise ValueError("document numbers start at 1")
    return f"{number:02d}"


def document_symbol(type_name: str, agency_abbreviation: str) -> str:
    """The ký hiệu 'KH-VPCP': type abbreviation, hyphen, agency abbreviation, no spaces."""
    try:
        abbreviation = DOCUMENT_TYPE_ABBREVIATIONS[type_name]
    except KeyError:
        raise ValueError(f"unknown document type: {type_name}") from None
    return f"{abbreviation}-{agency_abbreviation}"


def number_line(number: int | None, type_name: str, agency_abbreviation: str) -> str:
    """'Số: 15/KH-VPCP' (or 'Số:      /KH-VPCP' in a draft) for ô 3."""
    return f"Số: {document_number(number)}/{document_symbol(type_name, agency_abbreviation)}"


def point_label(index: int) -> str:
    """Label of the *index*-th điểm, from 0: 'a)', …, 'd)', 'đ)', 'e)', 'g)' …"""
    letters = POINT_LETTERS
    if index < len(letters):
        return f"{letters[index]})"
    # Past 'y' the decree gives no rule; double the letters as Word's own lists do.
    first, second = divmod(index, len(letters))
    return f"{letters[first - 1]}{letters[second]})"


def roman(number: int) -> str:
    """Roman numeral for mục headings ('I.', 'II.', …)."""
    if number < 1:
        raise ValueError("roman numerals start at 1")
    out = []
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        out.append(symbol * count)
    return "".join(out)


def archive_line(units: list[str], copies: int | None = None) -> str:
    """The last Nơi nhận item: '- Lưu: VT, TCCB (02b).' (ô 9b; the văn thư always keeps one)."""
    holders = ", ".join(["VT", *[u for u in units if u != "VT"]])
    suffix = f" ({copies:02d}b)" if copies else ""
    return f"- Lưu: {holders}{suffix}."


def recipient_lines(recipients: list[str], archive: str) -> list[str]:
    """Nơi nhận items: '- …;' each, then the archive line that ends with '.'."""
    lines = [f"- {r.strip().rstrip(';.').strip()};" for r in recipients]
    return [*lines, archive]


def basis_lines(bases: list[str], last: str = ".") -> list[str]:
    """Căn cứ lines: each ends with ';' and the last with *last* (ô 6)."""
    cleaned = [b.strip().rstrip(";.,") for b in bases]
    return [b + (last if i == len(cleaned) - 1 else ";") for i, b in enumerate(cleaned)]


def quoted(text: str) -> str:
    """Wrap a movement or document name in Vietnamese double quotes."""
    return f"\u201c{text.strip()}\u201d"


def end_body(text: str) -> str:
    """The last sentence of a body with the decree's closing mark: '…này./.'."""
    return text.rstrip().rstrip(".").rstrip() + "./."


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu"]
_BILLION = 10**9


def _three_digits(number: int, full: bool) -> str:
    """Words for 0–999; *full* writes 'không trăm' / 'linh' inside a larger number."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0 and units and words:
        words.append("linh")
    elif tens == 1:
        words.append("mười")
    elif tens > 1:
        words += [_DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5 and tens > 0:
        words.append("lăm")
    elif units:
        words.append(_DIGITS[units])
    return " ".join(words)


def _below_billion(number: int, leading: bool) -> list[str]:
    """Words for 0 < number < 10^9 in groups of three; a group after the first (or after a
    higher part when not *leading*) is written in full ('không trăm linh năm')."""
    groups = [(number // 1000**scale) % 1000 for scale in range(3)]
    words: list[str] = []
    for scale in (2, 1, 0):
        group = groups[scale]
        if group == 0:
            continue
        words.append(_three_digits(group, full=not leading))
        leading = False
        if _GROUPS[scale]:
            words.append(_GROUPS[scale])
    return words


def _words(number: int, leading: bool) -> list[str]:
    # Vietnamese counts above a billion in billions: 10^12 is "một nghìn tỷ", 10^15 "một triệu
    # tỷ", 10^18 "một tỷ tỷ" — the count of tỷ is itself read as a number.
    billions, rest = divmod(number, _BILLION)
    words: list[str] = []
    if billions:
        words += [*_words(billions, leading), "tỷ"]
        leading = False
    if rest:
        words += _below_billion(rest, leading)
    return words


def number_in_words(number: int) -> str:
    """'một triệu bốn trăm chín mươi nghìn' for 1490000; 'một nghìn tỷ' for 10^12 (any size:
    the count of tỷ is read as a number itself)."""
    if number == 0:
        return "không"
    if number < 0:
        raise ValueError("negative amounts are not written in words")
    return " ".join(_words(number, leading=True))


def amount_digits(number: int) -> str:
    """'1.490.000' — Vietnamese thousands separator is the dot."""
    return f"{number:,}".replace(",", ".")


def amount_line(number: int) -> str:
    """'1.490.000 đồng (Một triệu bốn trăm chín mươi nghìn đồng)'."""
    words = number_in_words(number)
    return f"{amount_digits(number)} đồng ({words[:1].upper()}{words[1:]} đồng)"


def count_phrase(collectives: int, individuals: int) -> str:
    """'5 tập thể và 12 cá nhân', leaving out a side that is zero."""
    parts = [f"{n} {label}" for n, label in ((collectives, "tập thể"), (individuals, "cá nhân"))
             if n]
    return " và ".join(parts)


# -- the header's agency block (ô 2 of Phụ lục I) ---------------------------------------------

# Names that open with the kind of a local body: Phụ lục I sets "ỦY BAN NHÂN DÂN" on a line
# of its own and the place ("TỈNH …", "XÃ …") under it.
_BODY_KINDS = ("ủy ban nhân dân", "hội đồng nhân dân")
# Where a long name is best broken: before "VÀ", before the place that follows the kind of
# body ("… / TỈNH …"), or before the name of the agency a unit belongs to ("CÔNG ĐOÀN / VĂN
# PHÒNG CHÍNH PHỦ"); never so that a line starts with "-" (it would read as a bullet).
_GOOD_BREAKS = ("và", "tỉnh", "thành phố", "xã", "phường", "đặc khu", "huyện", "quận",
                "thị xã", "bộ", "sở", "văn phòng", "chính phủ", "ủy ban", "ban", "cục", "vụ",
                "trung tâm", "trường", "bệnh viện")
# Two-syllable words of agency names, never split across lines.
_COMPOUNDS = frozenset((
    "thi đua", "khen thưởng", "nhân dân", "chính phủ", "văn phòng", "khoa học", "công nghệ",
    "nội vụ", "tài chính", "giáo dục", "đào tạo", "y tế", "văn hóa", "thể thao", "du lịch",
    "môi trường", "nông nghiệp", "xây dựng", "công thương", "tư pháp", "thông tin",
    "truyền thông", "lao động", "xã hội", "dân tộc", "tôn giáo", "kế hoạch", "đầu tư",
    "công đoàn", "thanh niên", "phụ nữ", "mặt trận", "tổ quốc", "ngoại vụ", "thanh tra",
    "quản lý", "điện tử", "tổ chức", "cán bộ", "tổng hợp", "hội đồng", "ủy ban", "kinh tế"))
# Bodies that work as collectives: their head signs "TM." the body (Nghị định 30/2020, Art. 13,
# khoản 1 điểm a; Phụ lục I, ô 7a).
_COLLECTIVES = ("ủy ban nhân dân", "hội đồng nhân dân", "hội đồng", "chính phủ",
                "ban thường vụ", "ban chấp hành", "đoàn chủ tịch")


def fold(text: str) -> str:
    """*text* case-folded, NFC, single-spaced, with the old tone placement ("uỷ", "hoà")
    mapped to the new one, for comparing names a clerk may type either way."""
    folded = " ".join(nfc(text).split()).casefold()
    return folded.replace("uỷ", "ủy").replace("hoà", "hòa").replace("thuỷ", "thủy")


def is_collective_body(name: str) -> bool:
    """True for a body that decides as a collective (Ủy ban nhân dân, Hội đồng …)."""
    return fold(name).startswith(_COLLECTIVES)


def collective_kind(name: str) -> str | None:
    """What the "TM." line names for a collective body: "Ủy ban nhân dân" for "Ủy ban nhân dân
    tỉnh Quảng Ninh", "Hội đồng" for a Hội đồng Thi đua - Khen thưởng (Phụ lục I, ô 7a: "TM. ỦY
    BAN NHÂN DÂN"); None for a body headed by one person."""
    folded = fold(name)
    for kind in _COLLECTIVES:
        if folded.startswith(kind):
            return " ".join(nfc(name).split()[:len(kind.split())])
    return None


# Nghị định 30/2020, Art. 13 and Phụ lục I, ô 7a: the signing authorities, and the order in
# which they combine from the top line down (TM. the body, TL./TUQ. its head, KT. the head).
SIGNING_ORDER = ("TM.", "TL.", "TUQ.", "KT.")
MAX_SIGNER_TITLE_LINES = 3


def signing_chain_problem(authorities: list[str]) -> str | None:
    """Why a chain of signing authorities (top line first) is not one the decree's forms use,
    or None: each at most once, TL. and TUQ. not together, in the order TM., TL./TUQ., KT."""
    if len(set(authorities)) < len(authorities):
        return "mỗi quyền hạn chỉ được ghi một lần"
    if "TL." in authorities and "TUQ." in authorities:
        return "không ghi cùng lúc TL. và TUQ."
    ranks = [SIGNING_ORDER.index(a) for a in authorities]
    if ranks != sorted(ranks):
        return "thứ tự phải là TM. (thay mặt tập thể), rồi TL. hoặc TUQ., rồi KT."
    return None


def short_agency_name(name: str) -> str:
    """The form of a governing body's name that Phụ lục I lets the header abbreviate:
    "Ủy ban nhân dân tỉnh Quảng Ninh" → "UBND tỉnh Quảng Ninh"; other names are kept."""
    for kind, short in (("ủy ban nhân dân", "UBND"), ("hội đồng nhân dân", "HĐND")):
        if fold(name).startswith(kind + " "):
            return f"{short} {' '.join(nfc(name).split()[len(kind.split()):])}"
    return name


def _break_cost(before: list[str], after: list[str]) -> int:
    """How badly a line break between the words *before* and *after* reads (0 is best)."""
    following = fold(" ".join(after[:2]))
    if after[0] == "-":
        return 4
    if fold(before[-1]) == "và":
        return 3
    if fold(f"{before[-1]} {after[0]}") in _COMPOUNDS:
        return 3
    if before[-1] == "-":
        return 1
    if any(following == g or following.startswith(g + " ") for g in _GOOD_BREAKS):
        return 0
    return 1


def _partitions(words: list[str], count: int) -> list[list[list[str]]]:
    """Every way of cutting *words* into *count* non-empty consecutive lines."""
    if count == 1:
        return [[words]]
    return [[words[:i], *rest] for i in range(1, len(words) - count + 2)
            for rest in _partitions(words[i:], count - 1)]


def header_lines(name: str, fits: Callable[[str], bool], max_lines: int = 3) -> list[str]:
    """*name* (already upper case) as the lines of the header's agency block, each of which
    *fits* its column: a People's Committee's kind on its own line, then as few lines as fit,
    broken where the meaning allows (before "VÀ", the place or the parent agency's name), the
    most even first. A name that cannot fit in *max_lines* is filled greedily (and reported by
    the caller)."""
    words = name.split()
    for kind in _BODY_KINDS:
        size = len(kind.split())
        if fold(" ".join(words[:size])) == kind and len(words) > size:
            return [" ".join(words[:size]),
                    *header_lines(" ".join(words[size:]), fits, max_lines - 1)]
    for count in range(1, min(max_lines, len(words)) + 1):
        candidates = [[" ".join(line) for line in cut] for cut in _partitions(words, count)]
        fitting = [(cut, lines) for cut, lines in zip(_partitions(words, count), candidates)
                   if all(fits(line) for line in lines)]
        if fitting:
            def cost(item: tuple[list[list[str]], list[str]]) -> tuple[int, int]:
                cut, lines = item
                breaks = sum(_break_cost(a, b) for a, b in itertools.pairwise(cut))
                lengths = [len(line) for line in lines]
                return breaks, max(lengths) - min(lengths)
            return min(fitting, key=cost)[1]
    lines: list[str] = []
    line = ""
    for word in words:
        if line and not fits(f"{line} {word}") and len(lines) < max_lines - 1:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


_SPACES = re.compile(r"\s+")


def same_words(lines: list[str], name: str) -> bool:
    """True when *lines*, read one after the other, say *name* (case and spacing aside)."""
    return fold(" ".join(lines)) == fold(_SPACES.sub(" ", name))
