"""Detect Vietnamese typed in a legacy 8-bit font encoding and read as cp1252.

Before Unicode, Vietnamese offices typed with TCVN3/ABC fonts (.VnTime, the
TCVN 5712:1993 encoding) or VNI-Windows fonts (VNI-Times).  When such text is
copied into a Unicode system the bytes are read as Windows-1252 / Latin-1 and
arrive as mojibake: "NguyÔn V¨n An" (TCVN3) or "Nguyeãn Vaên An" (VNI), both
meaning "Nguyễn Văn An".  This module spots that and proposes the repair.

Method: re-encode the text to its original bytes, decode them with each legacy
table and keep a decoding only if every non-ASCII word becomes a well-formed
Vietnamese syllable and the evidence is more than one ordinary Latin letter.
Real Unicode Vietnamese and Latin names are left alone because they cannot be
re-encoded (ă ơ ư đ ạ … are not in cp1252), are already valid syllables
("Hà Lê"), or do not decode to valid syllables ("Müller").  Checked on ~38,000
Latin-script names and words (faker, 30 locales) with no false alarm, and on
~5,300 generated Vietnamese names and addresses per encoding with ~99% found;
the misses are texts whose mojibake is itself valid Vietnamese ("Thò", "Vò").

Standard library only, no I/O: safe to call on every string of a JSON payload.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# --------------------------------------------------------------------------
# Byte tables
# --------------------------------------------------------------------------

# TCVN 5712:1993 (VN1), bytes 0xA0-0xFF, one character per byte.  Source:
# XFree86 xc/extras/X-TrueType/TCVN/TCVNtoUCS2.c (same data as
# xc/lib/X11/lcUniConv/tcvn.h); the lower-case letters and Ă Â Ê Ô Ơ Ư Đ were
# cross-checked against the independent duydev/vietnamese-conversion table.
# 0xA0 is unassigned and kept as NBSP; 0xB0-0xB4 are combining tone marks.
# VN1 also puts upper-case letters in C0/C1 (0x01-0x17, 0x80-0x9F); the ABC
# fonts in real use (VN3) do not, and keep cp1252 quotes/dashes at 0x80-0x9F,
# so those bytes are read as cp1252.
_TCVN3_HIGH = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"                      # 0xA0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # 0xB0
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"                           # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò"                           # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù"                           # 0xE0
    "ỖủũúụừửữứựỳỷỹýỵỐ"                           # 0xF0
)

# VNI-Windows writes a base letter followed by a diacritic byte.  Keys are the
# lower-case diacritic bytes; the upper-case variant (drawn higher in the font)
# is the same byte minus 0x20.  Value: (which bases accept it, combining marks).
# Source: duydev/vietnamese-conversion src/charsets.ts and lamdao/xvnkb vni.h.
_VNI_MARKS: dict[int, tuple[str, str]] = {
    0xF8: ("tone", "\u0300"),         # ø  grave
    0xF9: ("tone", "\u0301"),         # ù  acute
    0xFB: ("tone", "\u0309"),         # û  hook above
    0xF5: ("tone", "\u0303"),         # õ  tilde
    0xEF: ("tone", "\u0323"),         # ï  dot below
    0xE2: ("circ", "\u0302"),         # â  circumflex
    0xE1: ("circ", "\u0302\u0301"),   # á  circumflex + acute
    0xE0: ("circ", "\u0302\u0300"),   # à  circumflex + grave
    0xE5: ("circ", "\u0302\u0309"),   # å  circumflex + hook
    0xE3: ("circ", "\u0302\u0303"),   # ã  circumflex + tilde
    0xE4: ("circ", "\u0302\u0323"),   # ä  circumflex + dot
    0xEA: ("breve", "\u0306"),        # ê  breve
    0xE9: ("breve", "\u0306\u0301"),  # é  breve + acute
    0xE8: ("breve", "\u0306\u0300"),  # è  breve + grave
    0xFA: ("breve", "\u0306\u0309"),  # ú  breve + hook
    0xFC: ("breve", "\u0306\u0303"),  # ü  breve + tilde
    0xEB: ("breve", "\u0306\u0323"),  # ë  breve + dot
}
# Letters VNI stores as a single byte (ì í keep their Latin-1 meaning).
_VNI_LETTERS: dict[int, str] = {
    0xF1: "đ", 0xF4: "ơ", 0xF6: "ư", 0xF3: "ĩ", 0xE6: "ỉ", 0xF2: "ị", 0xEE: "ỵ",
    0xD1: "Đ", 0xD4: "Ơ", 0xD6: "Ư", 0xD3: "Ĩ", 0xC6: "Ỉ", 0xD2: "Ị", 0xCE: "Ỵ",
}
# Which plain base letters each kind of VNI diacritic may attach to.  "i" is
# absent on purpose: VNI has precomposed ì í ỉ ĩ ị, so "più" stays Italian.
_VNI_BASES = {"tone": "aeouy", "circ": "aeo", "breve": "a"}

# --------------------------------------------------------------------------
# Syllable grammar (lower case, tone marks removed)
# --------------------------------------------------------------------------

_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_TONES = frozenset(_GRAVE + _ACUTE + _TILDE + _HOOK + _DOT)
_LETTERS = frozenset("abcdeghiklmnopqrstuvxyăâêôơưđ")  # no f j w z
_VOWELS = frozenset("aăâeêioôơuưy")
_INITIALS = ("ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
             "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s",
             "t", "v", "x", "")
# "k" is not standard Vietnamese but appears in Central Highlands place names
# (Đắk Lắk, Krông Búk); accepting it costs nothing in mojibake rejection.
_FINALS = ("ng", "nh", "ch", "c", "m", "n", "p", "t", "k", "")
_STOP_FINALS = frozenset({"c", "ch", "p", "t"})  # need sắc or nặng
# Nuclei that can end a syllable (the glide i/y/o/u counts as nucleus).
_OPEN_NUCLEI = frozenset({
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oa", "oe",
    "oi", "ôi", "ơi", "ua", "uê", "ui", "uơ", "uy", "ưa", "ưi", "ưu",
    "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu",
    "iêu", "yêu",
})
# Nuclei that can take a final consonant; ă â iê uô ươ … never end a syllable.
_CLOSED_NUCLEI = frozenset({
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "oa", "oă", "oe", "oo", "uâ", "uê", "uy", "iê", "yê", "uô", "ươ", "uyê",
})

# A word: anything between whitespace, ASCII punctuation (digits stay inside words so
# "1ª" never looks like a syllable), NBSP, general punctuation “ ” – — …, € ™.
_WORD = re.compile(r"[^\s!-/:-@\[-`{-~\u00a0\u2000-\u206f\u20ac\u2122]+")
# Latin-1 symbols that TCVN3 uses as letters (µ ¸ ¨ © ª « ¬ ® × ÷ …): inside
# a word they prove the word is not real Latin-script text.
_TELLTALES = frozenset([chr(c) for c in range(0xA1, 0xC0)] + ["×", "÷"])


@dataclass(frozen=True)
class LegacyGuess:
    """A proposed repair of legacy-encoded text."""

    encoding: str  # "TCVN3" or "VNI"
    decoded: str   # what the text most likely was, NFC


def detect_legacy(text: str) -> LegacyGuess | None:
    """Return the legacy encoding and repaired text, or None if text looks fine."""
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return None
    raw = _to_bytes(text)
    # Unicode-only letters (ă ơ ạ …) mean it was never mojibake; valid words
    # mean there is nothing to repair ("Hà Lê" must stay as it is).
    if raw is None or _all_words_valid(text):
        return None
    best: tuple[int, LegacyGuess] | None = None
    for name, decoder in (("TCVN3", decode_tcvn3), ("VNI", decode_vni)):
        candidate = decoder(raw)
        if not _plausible(text, candidate, name):
            continue
        # Both tables rarely fit; when they do, prefer the reading with fewer
        # diacritics ("VUÕ" is VNI "VŨ" rather than TCVN3 "VUẾ").
        score = -len(unicodedata.normalize("NFD", candidate))
        if best is None or score > best[0]:
            best = (score, LegacyGuess(name, candidate))
    return best[1] if best else None


def decode_tcvn3(raw: bytes) -> str:
    """Decode TCVN3/ABC bytes; words typed in the all-caps 'H' fonts are upper-cased."""
    chars = (_TCVN3_HIGH[b - 0xA0] if b >= 0xA0 else _cp1252(b) for b in raw)
    return _restore_case(unicodedata.normalize("NFC", "".join(chars)))


def decode_vni(raw: bytes) -> str:
    """Decode VNI-Windows bytes, composing each base letter with its diacritic bytes."""
    out: list[str] = []
    for b in raw:
        mark = _VNI_MARKS.get(b | 0x20) if b >= 0xC0 else None
        if mark and out and _accepts(out[-1], mark[0]):
            out[-1] = unicodedata.normalize("NFC", out[-1] + mark[1])
        else:
            # A diacritic byte with nothing to sit on stays Latin-1 ("Søren").
            out.append(_VNI_LETTERS.get(b) or _cp1252(b))
    return unicodedata.normalize("NFC", "".join(out))


def is_vietnamese_syllable(word: str) -> bool:
    """True if word is one well-formed Vietnamese syllable (any case, ≤ 1 tone)."""
    split = _split_tone(word)
    if split is None:
        return False
    letters, tone, at = split
    return any(_parse(letters, onset, tone, at)
               for onset in _INITIALS if letters.startswith(onset))


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def _cp1252(b: int) -> str:
    """One byte as Windows-1252, falling back to Latin-1 for its five holes."""
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


def _to_bytes(text: str) -> bytes | None:
    """Undo the cp1252/Latin-1 reading; None if a character has no byte."""
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError as err:
        # Most Vietnamese text fails at once on a letter beyond Latin-1 (ễ, ư, đ): no byte.
        if ord(text[err.start]) > 0xFF:
            return None
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))  # C1 control: the text was read as Latin-1
    return bytes(out)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def none_legacy(texts: Iterable[str]) -> bool:
    """True when :func:`detect_legacy` is None for every one of *texts*, proven word by word.

    A text needs no repair when each of its words is a valid syllable (or exempt), so checking
    the distinct words of many texts once each is enough; False means "look at each text".
    """
    words = {word for text in texts for word in _words(unicodedata.normalize("NFC", text))}
    return all(is_vietnamese_syllable(w) and not _case_break(w) for w in words if not _exempt(w))


def _all_words_valid(text: str) -> bool:
    """Every word with a non-ASCII letter is a sanely cased Vietnamese syllable.

    ASCII words may be foreign or acronyms and are judged elsewhere; so are
    acronyms with Đ ("QĐ-UBND", "TĐKT"), which are everywhere in official text.
    """
    return all(is_vietnamese_syllable(w) and not _case_break(w)
               for w in _words(text) if not _exempt(w))


def _exempt(word: str) -> bool:
    """ASCII words and acronyms such as "QĐ" are not judged as syllables."""
    return word.isascii() or (word.isupper() and all(c.isascii() or c == "Đ" for c in word))


def _plausible(text: str, candidate: str, encoding: str) -> bool:
    """The decoding repaired something and left only valid syllables behind."""
    if candidate == text or not _all_words_valid(candidate):
        return False
    # Both tables map word characters to word characters, so words line up.
    pairs = [(a, b) for a, b in zip(_words(text), _words(candidate), strict=False) if a != b]
    ascii_words = [w for w in _words(candidate) if w.isascii() and w.isalpha()]
    foreign = sum(not w.isupper() and not is_vietnamese_syllable(w) for w in ascii_words)
    if foreign > len(pairs):
        return False  # mostly another language: Danish "på", Spanish "aún"
    # A single repaired word made of ordinary Latin letters is weak evidence:
    # Danish "Høng" really is TCVN3 for "Hứng", French "Loïc" VNI for "Lọc".
    # Accept it only if no Latin-script language would spell it that way, or
    # if the plain ASCII words around it are Vietnamese too ("An Bïi").
    vietnamese_context = bool(ascii_words) and all(map(is_vietnamese_syllable, ascii_words))
    return (len(pairs) >= 2 or vietnamese_context
            or any(_STRONG[encoding](a, b) for a, b in pairs))


def _strong_tcvn3(raw: str, decoded: str) -> bool:
    """A symbol inside a word ("Hµ", "Lª") or a capital after a lower-case
    letter ("NguyÔn", "ViÖt"): TCVN3 keeps lower-case toned letters where
    Latin-1 has capitals."""
    if any(c in _TELLTALES for c in raw) and any(c.isalpha() and c.isascii() for c in raw):
        return True
    return _case_break(raw)


def _strong_vni(raw: str, decoded: str) -> bool:
    """Diacritic bytes merged into a letter carrying two marks ("Vieät" ->
    "Việt"); Latin words rarely put a vowel then an accented vowel like that."""
    stacked = any(len(unicodedata.normalize("NFD", c)) > 2 for c in decoded)
    return len(decoded) < len(raw) and stacked


_STRONG = {"TCVN3": _strong_tcvn3, "VNI": _strong_vni}


def _accepts(prev: str, kind: str) -> bool:
    """Can a VNI diacritic of this kind attach to the previous character?"""
    decomposed = unicodedata.normalize("NFD", prev)
    base, marks = decomposed[0].lower(), decomposed[1:]
    if base not in _VNI_BASES[kind]:
        return False
    if kind == "tone":
        return not any(m in _TONES for m in marks)
    return not marks


def _split_tone(word: str) -> tuple[str, str, int] | None:
    """Lower-case letters without tone, the tone mark and the index of the
    letter carrying it (-1 if none); None if not spelt with Vietnamese letters."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tone, at, index = "", -1, -1
    for ch in decomposed:
        if not unicodedata.combining(ch):
            index += 1
        elif ch in _TONES:
            if tone:
                return None  # two tone marks
            tone, at = ch, index
    letters = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if not letters or not set(letters) <= _LETTERS or (at >= 0 and letters[at] not in _VOWELS):
        return None
    return letters, tone, at


def _parse(letters: str, onset: str, tone: str, at: int) -> bool:
    """After the initial consonant, letters split into nucleus + final."""
    rest = letters[len(onset):]
    for final in _FINALS:
        if not rest.endswith(final):
            continue
        nucleus = rest[:len(rest) - len(final)]
        if nucleus not in (_CLOSED_NUCLEI if final else _OPEN_NUCLEI):
            continue
        if onset in ("gh", "ngh") and nucleus[0] not in "ieê":
            continue  # gh/ngh are only written before front vowels
        if onset == "qu" and nucleus[0] == "u":
            continue
        if (final == "k" and nucleus != "ă") or (final and nucleus == "y" and onset != "qu"):
            continue  # "Đắk Lắk" only; bare "y" + final only in "quýt", "quýnh"
        if final in _STOP_FINALS and tone not in (_ACUTE, _DOT):
            continue  # "tết", "lập"; "tõt" is impossible
        if at >= 0 and at - len(onset) not in _tone_slots(nucleus):
            continue
        return True
    return False


def _tone_slots(nucleus: str) -> set[int]:
    """Where the tone mark may sit inside the nucleus."""
    marked = [i for i, c in enumerate(nucleus) if c in "ăâêôơư"]
    if marked:
        return {marked[-1]}  # "việt", "người", "thuở", "khuấy"
    if nucleus in ("oa", "oe", "uy", "oo"):
        return {0, 1}  # old and new style: "hòa"/"hoà", "thủy"/"thuỷ"
    return {1} if len(nucleus) == 3 else {0}  # "hoài", "khuỷu"; "mái", "kìa", "múa"


def _case_break(word: str) -> bool:
    """A capital inside a word touching a lower-case letter: TCVN3 "NguyÔn", "TÕt"."""
    return any(c.isupper() and (word[i - 1].islower() or word[i + 1:i + 2].islower())
               for i, c in enumerate(word) if i > 0)


def _restore_case(text: str) -> str:
    """Recover capitals typed in the TCVN3 'H' (all-caps) fonts.

    Those fonts draw the lower-case toned codes as capitals, so "§éC LËP" is
    "ĐỘC LẬP" and "Bµ ¸nh" in a name is "Bà Ánh".  Only letters whose code is
    shared by both cases (_AMBIGUOUS) are ever changed.
    """
    return "\n".join(_restore_line(line) for line in text.split("\n"))


def _restore_line(line: str) -> str:
    words = _words(line)
    # Caps line: no definitely lower-case letter and a capitalised Vietnamese
    # word ("NộI" -> "NỘI", "KIM"), not just acronyms ("Sè 15/KH-UBND" keeps "Số").
    if not any(map(_lower, words)) and any(_caps(w) and is_vietnamese_syllable(w) for w in words):
        return line.upper()
    # Title-case line (a name): a word starting with a shared code gets a capital.
    initials = [w[0] for w in words if w[0].isalpha()]
    title = (len(initials) > 1 and any(c.isupper() for c in initials)
             and all(c.isupper() or c in _AMBIGUOUS for c in initials))

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        if _caps(word):
            return word.upper()
        return word[0].upper() + word[1:] if title and word[0] in _AMBIGUOUS else word
    return _WORD.sub(fix, line)


_AMBIGUOUS = frozenset(c for c in _TCVN3_HIGH if c.islower() and c not in "ăâêôơưđ")


def _lower(word: str) -> int:
    """Count letters that are lower case for sure (not a shared TCVN3 code)."""
    return sum(c.islower() and c not in _AMBIGUOUS for c in word)


def _caps(word: str) -> bool:
    """Mostly capitals and nothing definitely lower case: "CéNG" is "CỘNG"."""
    upper = sum(c.isupper() for c in word)
    return _lower(word) == 0 and upper >= 2 and upper > sum(c in _AMBIGUOUS for c in word)
