"""Table tests for generator.collation (Vietnamese collation of names)."""

from __future__ import annotations

import random
import unicodedata

import pytest

from generator.vn.collation import name_key, sort_key, sort_names


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (smaller, larger): sort_key(smaller) < sort_key(larger), in NFC and in NFD.
ORDERED_PAIRS = [
    ("an", "ăn", "a<ă"),
    ("ăn", "ân", "ă<â"),
    ("ân", "ban", "â<b"),
    ("da", "đa", "d<đ"),
    ("đa", "e", "đ<e"),
    ("Đa", "ea", "đ<e-despite-case"),
    ("e", "ê", "e<ê"),
    ("o", "ô", "o<ô"),
    ("ô", "ơ", "ô<ơ"),
    ("ơ", "p", "ơ<p"),
    ("u", "ư", "u<ư"),
    ("ư", "v", "ư<v"),
    ("ma", "mà", "tone-none<huyền"),
    ("mà", "mả", "huyền<hỏi"),
    ("mả", "mã", "hỏi<ngã"),
    ("mã", "má", "ngã<sắc"),
    ("má", "mạ", "sắc<nặng"),
    ("mạ", "mac", "shorter-prefix-beats-tone"),
    ("ána", "anb", "primary-anywhere-beats-tone"),
    ("ắ", "ặ", "sắc<nặng-on-ă"),
    ("ặ", "â", "ặ-is-ă-letter"),
    ("ư", "ừ", "ư<ừ"),
    ("ữa", "va", "ữ-is-ư-letter"),
    ("a", "A", "lower<upper"),
    ("an", "An", "lower<upper-word"),
    ("An", "ăn", "primary-beats-case"),
    ("Ma", "mà", "tone-beats-case"),
    ("ê", "f", "ê<f"),
    ("f", "g", "f<g"),
    ("i", "j", "i<j"),
    ("j", "k", "j<k"),
    ("v", "w", "v<w"),
    ("w", "x", "w<x"),
    ("y", "z", "y<z"),
    ("cafe", "café", "foreign-accent-secondary"),
    ("café", "cafg", "foreign-accent-not-primary"),
    ("über", "uc", "ü-sorts-as-u"),
    ("üa", "ưa", "ü<ư"),
    ("ña", "nb", "ñ-sorts-as-n"),
    ("ça", "cb", "ç-sorts-as-c"),
    ("øa", "ob", "ø-sorts-as-o"),
    ("oa", "øa", "o<ø-secondary"),
    ("ǿa", "ob", "precomposed-ǿ-sorts-as-o"),
    ("mạ", "mä", "vietnamese-tones<foreign-accents"),
    ("mạ", "mã a", "shorter-first-before-space"),
    ("ma c", "mac", "space<letter"),
    ("9", "a", "digit<letter"),
    ("-", "0", "symbol<digit"),
    ("", "a", "empty-first"),
]


@pytest.mark.parametrize("form", ["nfc", "nfd"])
@pytest.mark.parametrize(("smaller", "larger"), [p[:2] for p in ORDERED_PAIRS],
                         ids=[p[2] for p in ORDERED_PAIRS])
def test_sort_key_orders_pair(smaller: str, larger: str, form: str) -> None:
    if form == "nfd":
        smaller, larger = nfd(smaller), nfd(larger)
    assert sort_key(smaller) < sort_key(larger)
    assert sorted([larger, smaller], key=sort_key) == [smaller, larger]


EQUAL_KEYS = [
    ("Nguyễn Văn An", nfd("Nguyễn Văn An"), "nfc-equals-nfd"),
    ("Ặ", "A\u0306\u0323", "mark-order-irrelevant"),
    ("  Nguyễn   Văn\tAn \n", "Nguyễn Văn An", "whitespace-collapsed"),
    ("", "   ", "blank-is-empty"),
]


@pytest.mark.parametrize(("left", "right"), [e[:2] for e in EQUAL_KEYS],
                         ids=[e[2] for e in EQUAL_KEYS])
def test_sort_key_equal(left: str, right: str) -> None:
    assert sort_key(left) == sort_key(right)


ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()

SORTED_LISTS = [
    (ALPHABET, "alphabet-with-fjwz"),
    ([c.upper() for c in ALPHABET], "alphabet-upper"),
    (["an", "ăn", "ân", "ban"], "brief-a-ă-â"),
    (["da", "đa", "e"], "brief-d-đ"),
    (["ma", "mà", "mả", "mã", "má", "mạ", "mac"], "brief-tones"),
    (["a", "A", "à", "À", "á", "Á", "b"], "tone-then-case"),
    (["thi", "thì", "thị", "thia", "thìa", "thu", "thư"], "syllables"),
]


@pytest.mark.parametrize("expected", [s[0] for s in SORTED_LISTS],
                         ids=[s[1] for s in SORTED_LISTS])
def test_sort_key_sorts_list(expected: list[str]) -> None:
    rng = random.Random(30)
    for _ in range(5):
        shuffled = expected[:]
        rng.shuffle(shuffled)
        assert sorted(shuffled, key=sort_key) == expected


TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # none huyền hỏi ngã sắc nặng


@pytest.mark.parametrize("vowel", list("aăâeêioôơuưy"))
def test_tone_order_on_every_vowel(vowel: str) -> None:
    expected = [unicodedata.normalize("NFC", vowel + tone) for tone in TONES]
    assert sorted(reversed(expected), key=sort_key) == expected


NAIVE_WRONG = [
    (["Dũng", "Đào", "Em"], "d-đ-e"),
    (["an", "An", "Ánh"], "case-and-tone"),
    (["anh", "ánh", "ao"], "tone-vs-later-letter"),
    (["Ư", "V"], "ư-before-v"),
]


@pytest.mark.parametrize("expected", [n[0] for n in NAIVE_WRONG],
                         ids=[n[1] for n in NAIVE_WRONG])
def test_naive_sorted_is_wrong_but_sort_key_right(expected: list[str]) -> None:
    shuffled = list(reversed(expected))
    assert sorted(shuffled) != expected
    assert sorted(shuffled, key=sort_key) == expected


NAME_LISTS = [
    (["Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn Bình", "Phạm Đức Dũng", "Hoàng Thị Đào"],
     "by-given-name"),
    (["Phạm Đức Dũng", "Hoàng Thị Đào", "Bùi Văn Em"], "given-d-đ-e"),
    (["Nguyễn Thị An", "Nguyễn Văn An", "Nguyễn Văn Ân"], "then-middle-name"),
    (["Đỗ Văn An", "Lê Văn An", "Nguyễn Văn An"], "then-family-name"),
    (["Trần Thị An", "Lê Văn An"], "middle-beats-family"),
    (["Trần Anh", "Lê Ánh"], "given-tone-beats-family"),
    (["Lê Văn An", "Lê Thị Bình"], "given-beats-middle"),
    (["An", "Lê An", "Lê Văn An", "Lê Văn Hải An"], "missing-parts-first"),
    (["Nguyễn Thị Minh Anh", "Nguyễn Thị Ngọc Anh"], "two-middle-names"),
    (["nguyễn văn an", "Nguyễn Văn An"], "case-tie-breaker"),
]


@pytest.mark.parametrize("expected", [n[0] for n in NAME_LISTS],
                         ids=[n[1] for n in NAME_LISTS])
def test_sort_names(expected: list[str]) -> None:
    assert sort_names(reversed(expected)) == expected
    assert sort_names(nfd(n) for n in reversed(expected)) == [nfd(n) for n in expected]


def test_sort_names_naive_sorted_is_wrong() -> None:
    names = ["Bùi Văn Em", "Hoàng Thị Đào", "Phạm Đức Dũng"]
    assert sorted(n.split()[-1] for n in names) == ["Dũng", "Em", "Đào"]
    assert sort_names(names) == ["Phạm Đức Dũng", "Hoàng Thị Đào", "Bùi Văn Em"]


def test_sort_names_returns_original_strings() -> None:
    names = ["  Lê   Văn  Bình ", "Nguyễn Văn An"]
    assert sort_names(names) == ["Nguyễn Văn An", "  Lê   Văn  Bình "]
    assert sort_names([]) == []


@pytest.mark.parametrize(("left", "right"), [
    ("Nguyễn  Văn An ", "Nguyễn Văn An"),
    (nfd("Hoàng Thị Đào"), "Hoàng Thị Đào"),
], ids=["whitespace", "nfd"])
def test_name_key_equal(left: str, right: str) -> None:
    assert name_key(left) == name_key(right)
