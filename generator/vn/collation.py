"""Vietnamese collation for sorting names in commendation lists (standard library only).

A table-driven approximation of the ICU/CLDR "vi" standard collation, compared level by level
over the whole string, as real collation does:

1. primary - letters of the alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
   with the foreign f j w z in their Latin places; whitespace < punctuation/symbols < digits
   < letters < other scripts; a shorter string sorts before any longer one it is a prefix of;
2. secondary - tones: none < huyền < hỏi < ngã < sắc < nặng; other accents (é, ü, ñ, ç, ø...)
   sort as their base letter and differ only here, after the tones;
3. tertiary - case, lower before upper.

Input may be NFC or NFD; leading, trailing and repeated whitespace is ignored.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_WEIGHTS = {letter: i for i, letter in enumerate(_ALPHABET)}

# Base letter + combining mark that make a distinct Vietnamese letter (a primary difference).
_LETTER_MARKS = {
    ("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô", ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư",
}

# Tone marks (secondary): huyền, hỏi, ngã, sắc, nặng. Any other mark weighs more than these.
_TONE_WEIGHTS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_OTHER_MARK_BASE = 100

# Latin letters that Unicode does not decompose: fold to base letter (+ a secondary mark).
_FOLD = str.maketrans({
    "ø": "o\u0338", "Ø": "O\u0338", "ł": "l\u0337", "Ł": "L\u0337",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
})

# Primary groups, lowest first.
_SPACE, _SYMBOL, _DIGIT, _LETTER, _OTHER = range(5)


def _normalise(text: str) -> str:
    """Collapse and strip whitespace, then return the text in NFC."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _units(text: str) -> list[tuple[str, list[str]]]:
    """Split NFD *text* into (base character, combining marks) units."""
    units: list[tuple[str, list[str]]] = []
    for char in text:
        if not unicodedata.category(char).startswith("M"):
            units.append((char, []))
        elif units:  # a mark with no base character before it is ignored
            units[-1][1].append(char)
    return units


def _primary(letter: str) -> tuple[int, int]:
    """Primary weight of one lower-cased base character."""
    if letter in _LETTER_WEIGHTS:
        return (_LETTER, _LETTER_WEIGHTS[letter])
    if letter.isspace():
        return (_SPACE, 0)
    if letter.isdecimal():
        return (_DIGIT, unicodedata.decimal(letter))
    if letter.isalpha():
        return (_OTHER, ord(letter))
    return (_SYMBOL, ord(letter))


def _unit_weights(base: str, marks: list[str]) -> tuple[tuple[int, int], tuple[int, ...], int]:
    """Primary, secondary and tertiary weights of one base character and its marks."""
    letter, rest = base.lower(), list(marks)
    for mark in marks:
        if (letter, mark) in _LETTER_MARKS:
            letter = _LETTER_MARKS[letter, mark]
            rest.remove(mark)
            break
    secondary = tuple(_TONE_WEIGHTS.get(m, _OTHER_MARK_BASE + ord(m)) for m in rest)
    return _primary(letter), secondary, int(base != base.lower())


def sort_key(text: str) -> tuple:
    """Vietnamese collation key for any string (primary, secondary, tertiary, then the text)."""
    normal = _normalise(text)
    folded = unicodedata.normalize("NFD", normal).translate(_FOLD)
    weights = [_unit_weights(b, m) for b, m in _units(unicodedata.normalize("NFD", folded))]
    primary, secondary, tertiary = (tuple(w[level] for w in weights) for level in range(3))
    return primary, secondary, tertiary, normal


def name_key(full_name: str) -> tuple:
    """Vietnamese name order: given name, middle name(s), family name, then the full string."""
    words = full_name.split()
    given = words[-1] if words else ""
    family = words[0] if len(words) > 1 else ""
    middle = " ".join(words[1:-1])
    return sort_key(given), sort_key(middle), sort_key(family), sort_key(full_name)


def sort_names(names: Iterable[str]) -> list[str]:
    """Return *names* (unchanged strings) sorted in Vietnamese name order."""
    return sorted(names, key=name_key)
