"""Tests for generator.legacy: TCVN3 / VNI mojibake detection and repair.

The mojibake samples were produced from an independent conversion table
(duydev/vietnamese-conversion) rather than from generator.legacy itself, so a
wrong byte in the module's tables makes these tests fail.
"""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest

from generator.vn.legacy import (
    LegacyGuess,
    decode_tcvn3,
    decode_vni,
    detect_legacy,
    is_vietnamese_syllable,
    none_legacy,
)


def _cp1252_bytes(text: str) -> bytes:
    return text.encode("cp1252")


# ---------------------------------------------------------------------------
# Decoders against whole alphabets
# ---------------------------------------------------------------------------

LOWER = "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
UPPER = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"

TCVN3_LOWER = ("µ¸©·ÌÐª×Ýßã«âïóý¨®Üò¬\xad¹¶ÊÇÈÉË¾»¼½ÆÑÎÏÕÒÓÔÖØÞäáèåæçéíêëìîôñøõö÷ùúþûü")
VNI_LOWER = ("aøaùaâaõeøeùeâìíoøoùoâoõuøuùyùaêñóuõôöaïaûaáaàaåaãaäaéaèaúaüaëeïeûeõeá"
             "eàeåeãeäæòoïoûoáoàoåoãoäôùôøôûôõôïuïuûöùöøöûöõöïyøîyûyõ")
VNI_UPPER = ("AØAÙAÂAÕEØEÙEÂÌÍOØOÙOÂOÕUØUÙYÙAÊÑÓUÕÔÖAÏAÛAÁAÀAÅAÃAÄAÉAÈAÚAÜAËEÏEÛEÕEÁ"
             "EÀEÅEÃEÄÆÒOÏOÛOÁOÀOÅOÃOÄÔÙÔØÔÛÔÕÔÏUÏUÛÖÙÖØÖÛÖÕÖÏYØÎYÛYÕ")


@pytest.mark.parametrize(
    ("decoder", "raw", "expected"),
    [
        pytest.param(decode_tcvn3, TCVN3_LOWER, LOWER, id="tcvn3-all-lower-case"),
        pytest.param(decode_tcvn3, "¡¢£¤¥¦§", "ĂÂÊÔƠƯĐ", id="tcvn3-own-capitals"),
        pytest.param(decode_vni, VNI_LOWER, LOWER, id="vni-all-lower-case"),
        pytest.param(decode_vni, VNI_UPPER, UPPER, id="vni-all-upper-case"),
    ],
)
def test_decoder_covers_alphabet(decoder, raw: str, expected: str) -> None:
    assert decoder(_cp1252_bytes(raw)) == expected


@pytest.mark.parametrize(
    ("decoder", "raw", "expected"),
    [
        pytest.param(decode_tcvn3, b"\x93Hello\x94 \x96 A", "\u201cHello\u201d \u2013 A",
                     id="tcvn3-keeps-cp1252-quotes-and-dash"),
        pytest.param(decode_tcvn3, b"Ha\xb5", "Haà", id="tcvn3-letter-byte"),
        pytest.param(decode_tcvn3, b"A\xb3", "Á", id="tcvn3-combining-acute-composes"),
        pytest.param(decode_tcvn3, b"\x81", "\x81", id="tcvn3-cp1252-hole-falls-back-to-latin1"),
        pytest.param(decode_vni, b"S\xf8ren", "Søren", id="vni-stray-mark-stays-latin1"),
        pytest.param(decode_vni, b"pi\xf9", "più", id="vni-no-tone-byte-on-i"),
        pytest.param(decode_vni, b"e\xea", "eê", id="vni-breve-only-on-a"),
        pytest.param(decode_vni, b"a\xf8\xf9", "àù", id="vni-second-tone-not-stacked"),
        pytest.param(decode_vni, b"\xf4\xf9", "ớ", id="vni-tone-on-standalone-o-horn"),
    ],
)
def test_decoder_details(decoder, raw: bytes, expected: str) -> None:
    assert decoder(raw) == expected


# ---------------------------------------------------------------------------
# Detection: positives
# ---------------------------------------------------------------------------

TCVN3_SAMPLES = [
    pytest.param("NguyÔn V¨n An", "Nguyễn Văn An", id="tcvn3-name"),
    pytest.param("TrÇn ThÞ BÝch Ngäc", "Trần Thị Bích Ngọc", id="tcvn3-name-long"),
    pytest.param("Lª Hµ", "Lê Hà", id="tcvn3-name-short"),
    pytest.param("Ph¹m §øc Th¾ng", "Phạm Đức Thắng", id="tcvn3-name-dd"),
    pytest.param("Hoµng ThÞ H\xadêng", "Hoàng Thị Hường", id="tcvn3-name-soft-hyphen-u-horn"),
    pytest.param("§Æng Quèc ViÖt", "Đặng Quốc Việt", id="tcvn3-name-dang"),
    pytest.param("Vâ Thµnh C«ng", "Võ Thành Công", id="tcvn3-name-latin1-letters-only"),
    pytest.param("Bµ ¸nh Bïi", "Bà Ánh Bùi", id="tcvn3-name-capital-from-shared-code"),
    pytest.param("Hµ Néi", "Hà Nội", id="tcvn3-place-hanoi"),
    pytest.param("Thµnh phè Hå ChÝ Minh", "Thành phố Hồ Chí Minh", id="tcvn3-place-hcm"),
    pytest.param("§¾k L¾k", "Đắk Lắk", id="tcvn3-place-daklak"),
    pytest.param("Bµ RÞa - Vòng Tµu", "Bà Rịa - Vũng Tàu", id="tcvn3-place-hyphen"),
    pytest.param("Thõa Thiªn HuÕ", "Thừa Thiên Huế", id="tcvn3-place-hue"),
    pytest.param("ViÖt Nam", "Việt Nam", id="tcvn3-vietnam"),
    pytest.param("§éc lËp", "Độc lập", id="tcvn3-doc-lap"),
    pytest.param("QuyÕt ®Þnh sè 15/Q§-UBND vÒ viÖc khen th\xadëng",
                 "Quyết định số 15/QĐ-UBND về việc khen thưởng", id="tcvn3-sentence-decision"),
    pytest.param("§· cã thµnh tÝch xuÊt s¾c trong phong trµo thi ®ua n¨m 2023.",
                 "Đã có thành tích xuất sắc trong phong trào thi đua năm 2023.",
                 id="tcvn3-sentence-achievement"),
    pytest.param("TÆng B»ng khen cho 12 tËp thÓ vµ 25 c¸ nh©n",
                 "Tặng Bằng khen cho 12 tập thể và 25 cá nhân", id="tcvn3-sentence-numbers"),
    pytest.param("\u201cChiÕn sÜ thi ®ua c¬ së\u201d", "\u201cChiến sĩ thi đua cơ sở\u201d",
                 id="tcvn3-curly-quotes"),
    pytest.param("\x93ChiÕn sÜ thi ®ua c¬ së\x94", "\u201cChiến sĩ thi đua cơ sở\u201d",
                 id="tcvn3-read-as-latin1-c1-quotes"),
    pytest.param("Bé Néi vô\nBan Thi ®ua - Khen th\xadëng Trung \xad¬ng",
                 "Bộ Nội vụ\nBan Thi đua - Khen thưởng Trung ương", id="tcvn3-multiline"),
    pytest.param("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 id="tcvn3-upper-motto"),
    pytest.param("§éC LËP - Tù DO - H¹NH PHóC", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", id="tcvn3-upper-slogan"),
    pytest.param("GIÊY KHEN", "GIẤY KHEN", id="tcvn3-upper-two-words"),
    pytest.param("Hµ NéI", "HÀ NỘI", id="tcvn3-upper-place"),
    pytest.param("ñY BAN NH¢N D¢N TØNH NGHÖ AN", "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
                 id="tcvn3-upper-committee"),
    pytest.param("Sè: 15/Q§-UBND", "Số: 15/QĐ-UBND", id="tcvn3-acronyms-stay-as-typed"),
    pytest.param("N÷", "Nữ", id="tcvn3-one-word-symbol"),
    pytest.param("TÕt", "Tết", id="tcvn3-one-word-capital-inside"),
]

VNI_SAMPLES = [
    pytest.param("Nguyeãn Vaên An", "Nguyễn Văn An", id="vni-name"),
    pytest.param("Traàn Thò Bích Ngoïc", "Trần Thị Bích Ngọc", id="vni-name-long"),
    pytest.param("Leâ Haø", "Lê Hà", id="vni-name-short"),
    pytest.param("Phaïm Ñöùc Thaéng", "Phạm Đức Thắng", id="vni-name-dd"),
    pytest.param("Hoaøng Thò Höôøng", "Hoàng Thị Hường", id="vni-name-uong"),
    pytest.param("Ñaëng Quoác Vieät", "Đặng Quốc Việt", id="vni-name-dang"),
    pytest.param("Voõ Thaønh Coâng", "Võ Thành Công", id="vni-name-latin1-letters-only"),
    pytest.param("Haø Noäi", "Hà Nội", id="vni-place-hanoi"),
    pytest.param("Thaønh phoá Hoà Chí Minh", "Thành phố Hồ Chí Minh", id="vni-place-hcm"),
    pytest.param("Ñaék Laék", "Đắk Lắk", id="vni-place-daklak"),
    pytest.param("Baø Ròa - Vuõng Taøu", "Bà Rịa - Vũng Tàu", id="vni-place-hyphen"),
    pytest.param("Thöøa Thieân Hueá", "Thừa Thiên Huế", id="vni-place-hue"),
    pytest.param("Vieät Nam", "Việt Nam", id="vni-vietnam"),
    pytest.param("Ñoäc laäp", "Độc lập", id="vni-doc-lap"),
    pytest.param("Quyeát ñònh soá 15/QÑ-UBND veà vieäc khen thöôûng",
                 "Quyết định số 15/QĐ-UBND về việc khen thưởng", id="vni-sentence-decision"),
    pytest.param("Ñaõ coù thaønh tích xuaát saéc trong phong traøo thi ñua naêm 2023.",
                 "Đã có thành tích xuất sắc trong phong trào thi đua năm 2023.",
                 id="vni-sentence-achievement"),
    pytest.param("Taëng Baèng khen cho 12 taäp theå vaø 25 caù nhaân",
                 "Tặng Bằng khen cho 12 tập thể và 25 cá nhân", id="vni-sentence-numbers"),
    pytest.param("\u201cChieán só thi ñua cô sôû\u201d", "\u201cChiến sĩ thi đua cơ sở\u201d",
                 id="vni-curly-quotes"),
    pytest.param("Boä Noäi vuï\nBan Thi ñua - Khen thöôûng Trung öông",
                 "Bộ Nội vụ\nBan Thi đua - Khen thưởng Trung ương", id="vni-multiline"),
    pytest.param("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 id="vni-upper-motto"),
    pytest.param("ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", id="vni-upper-slogan"),
    pytest.param("GIAÁY KHEN", "GIẤY KHEN", id="vni-upper-two-words"),
    pytest.param("HAØ NOÄI", "HÀ NỘI", id="vni-upper-place"),
    pytest.param("UÛY BAN NHAÂN DAÂN TÆNH NGHEÄ AN", "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
                 id="vni-upper-committee"),
    pytest.param("VUÕ MAI", "VŨ MAI", id="vni-preferred-over-tcvn3-reading"),
    pytest.param("Nöõ", "Nữ", id="vni-one-word-nu"),
    pytest.param("Teát", "Tết", id="vni-one-word-tet"),
]


@pytest.mark.parametrize(("text", "expected"), TCVN3_SAMPLES)
def test_detects_tcvn3(text: str, expected: str) -> None:
    assert detect_legacy(text) == LegacyGuess("TCVN3", expected)


@pytest.mark.parametrize(("text", "expected"), VNI_SAMPLES)
def test_detects_vni(text: str, expected: str) -> None:
    assert detect_legacy(text) == LegacyGuess("VNI", expected)


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        pytest.param(unicodedata.normalize("NFD", "NguyÔn V¨n An"), "TCVN3", "Nguyễn Văn An",
                     id="tcvn3-decomposed-input"),
        pytest.param(unicodedata.normalize("NFD", "Nguyeãn Vaên An"), "VNI", "Nguyễn Văn An",
                     id="vni-decomposed-input"),
    ],
)
def test_input_is_normalised_first(text: str, encoding: str, expected: str) -> None:
    assert detect_legacy(text) == LegacyGuess(encoding, expected)


@pytest.mark.parametrize("text", ["NguyÔn V¨n An", "Nguyeãn Vaên An", "CéNG HßA"])
def test_decoded_text_is_nfc(text: str) -> None:
    guess = detect_legacy(text)
    assert guess is not None
    assert unicodedata.is_normalized("NFC", guess.decoded)


def test_guess_is_frozen() -> None:
    guess = LegacyGuess("VNI", "Hà Nội")
    with pytest.raises(dataclasses.FrozenInstanceError):
        guess.encoding = "TCVN3"  # type: ignore[misc]


# ---------------------------------------------------------------------------
# Detection: negatives (no false alarms)
# ---------------------------------------------------------------------------

NOT_LEGACY = [
    # Latin names and words from many languages
    pytest.param("José", id="es-jose"),
    pytest.param("Muñoz", id="es-munoz"),
    pytest.param("Gómez Peña", id="es-gomez-pena"),
    pytest.param("Søren", id="da-soren"),
    pytest.param("Høng", id="da-hong-would-read-hung"),
    pytest.param("Ødegaard", id="no-odegaard"),
    pytest.param("Noël", id="fr-noel"),
    pytest.param("Zoë", id="en-zoe"),
    pytest.param("François", id="fr-francois"),
    pytest.param("Hélène Côté", id="fr-helene-cote"),
    pytest.param("Loïc Dupont", id="fr-loic-would-read-loc"),
    pytest.param("Anaïs", id="fr-anais"),
    pytest.param("Müller", id="de-muller"),
    pytest.param("Jürgen Groß", id="de-jurgen-gross"),
    pytest.param("Ångström", id="sv-angstrom"),
    pytest.param("Björk Guðmundsdóttir", id="is-bjork"),
    pytest.param("São Paulo", id="pt-sao-paulo"),
    pytest.param("João da Conceição", id="pt-joao"),
    pytest.param("Raúl Araújo", id="es-raul-araujo"),
    pytest.param("Deák Ferenc", id="hu-deak"),
    pytest.param("Çağrı Gök", id="tr-not-cp1252"),
    pytest.param("Mäe", id="et-mae"),
    pytest.param("Profil er på sovs så annonce", id="da-sentence"),
    pytest.param("Crème brûlée", id="fr-dish"),
    # Real Vietnamese in Unicode, precomposed
    pytest.param("Nguyễn Văn An", id="vi-nguyen-van-an"),
    pytest.param("Hà Lê", id="vi-ha-le-cp1252-letters-only"),
    pytest.param("Lê Thị Hà", id="vi-le-thi-ha"),
    pytest.param("Đoàn Thanh niên", id="vi-doan-thanh-nien"),
    pytest.param("ĐỘC LẬP", id="vi-doc-lap-upper"),
    pytest.param("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", id="vi-motto-upper"),
    pytest.param("Hòa Bình", id="vi-hoa-binh-new-style"),
    pytest.param("Hoà Bình", id="vi-hoa-binh-old-style-would-read-ho"),
    pytest.param("Bà Tâm", id="vi-ba-tam"),
    pytest.param("Võ Thành Công", id="vi-vo-thanh-cong"),
    pytest.param("Trà Vinh", id="vi-tra-vinh"),
    pytest.param("Thò", id="vi-valid-word-ambiguous-with-vni"),
    # ASCII and strings with punctuation, quotes, digits
    pytest.param("", id="empty"),
    pytest.param("Nguyen Van An", id="ascii-name"),
    pytest.param("COVID-19", id="ascii-covid"),
    pytest.param('He said "OK" (100%)', id="ascii-quotes"),
    pytest.param("Số 15/KH-VPCP", id="vi-document-number"),
    pytest.param("25°C", id="degree-sign"),
    pytest.param("© 2024 Acme", id="copyright"),
    pytest.param("« Bonjour »", id="guillemets"),
    pytest.param("½ cup", id="fraction"),
    pytest.param("€100 – “total”", id="euro-dash-curly-quotes"),
    pytest.param("Nº 5", id="numero-sign"),
    pytest.param("1ª Vara", id="ordinal-after-digit"),
    pytest.param("Hµ Néi ă", id="mojibake-mixed-with-unicode-only-letter"),
]


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_no_false_alarm(text: str) -> None:
    assert detect_legacy(text) is None


# ---------------------------------------------------------------------------
# Syllable validator
# ---------------------------------------------------------------------------

VALID_SYLLABLES = [
    "a", "ạ", "ở", "ừ", "ấy", "an", "Nguyễn", "văn", "Hà", "Nội", "Việt", "độc", "lập",
    "NGHIÊNG", "nghĩa", "khuỷu", "quốc", "quý", "quyết", "giữa", "gì", "gìn", "già",
    "người", "rượu", "thuở", "oái", "ngoẹo", "khuya", "xoong", "hòa", "hoà", "thủy",
    "thuỷ", "yêu", "yến", "uyển", "khuấy", "huỳnh", "xuân", "hoặc", "Đắk", "Lắk",
    "ĐOÀN", "chuyện", "trường", "phở", "Tết", "ếch", "ông", "ghế", "kiểm",
]

INVALID_SYLLABLES = [
    pytest.param("", id="empty"),
    pytest.param("bánh mì", id="two-words"),
    pytest.param("an2", id="digit"),
    pytest.param("tõt", id="stop-final-with-tilde"),
    pytest.param("tat", id="stop-final-without-tone"),
    pytest.param("àá", id="two-tones"),
    pytest.param("ḿ", id="tone-on-consonant"),
    pytest.param("leõ", id="tone-on-glide"),
    pytest.param("ă", id="a-breve-needs-final"),
    pytest.param("tiê", id="ie-needs-final"),
    pytest.param("muô", id="uo-needs-final"),
    pytest.param("ain", id="glide-then-final"),
    pytest.param("ghà", id="gh-before-a"),
    pytest.param("quu", id="qu-then-u"),
    pytest.param("kyng", id="bare-y-with-final"),
    pytest.param("đ", id="no-vowel"),
    pytest.param("José", id="j-initial"),
    pytest.param("Søren", id="o-slash"),
    pytest.param("Müller", id="u-umlaut"),
    pytest.param("straße", id="sharp-s"),
    pytest.param("Hµ", id="tcvn3-micro-sign"),
    pytest.param("V¨n", id="tcvn3-diaeresis-sign"),
    pytest.param("Vieät", id="vni-a-umlaut"),
    pytest.param("Nguyeãn", id="vni-a-tilde-after-e"),
    pytest.param("Dếk", id="k-final-outside-dak-lak"),
    pytest.param("fan", id="f-initial"),
    pytest.param("nguyễnn", id="double-final"),
]


@pytest.mark.parametrize("word", VALID_SYLLABLES)
def test_valid_syllable(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", INVALID_SYLLABLES)
def test_invalid_syllable(word: str) -> None:
    assert not is_vietnamese_syllable(word)


def test_every_toned_vowel_is_a_syllable() -> None:
    """Each of the 12 vowels with each of the 6 tones stands alone, except ă and â."""
    tones = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
    for vowel in "aeêioôơuưy":
        for tone in tones:
            word = unicodedata.normalize("NFC", vowel + tone)
            assert is_vietnamese_syllable(word), word
            assert is_vietnamese_syllable(word.upper()), word.upper()


# none_legacy() proves many texts clean at once (the loader's fast path): it may say "look at
# each" for a clean text, but must never call a repairable text clean.
@pytest.mark.parametrize("text", [p.values[0] for p in TCVN3_SAMPLES + VNI_SAMPLES])
def test_none_legacy_never_passes_a_repairable_text(text):
    assert detect_legacy(text) is not None
    assert none_legacy([text]) is False
    assert none_legacy(["Hà Lê", "Tô Lâm", text]) is False


def test_none_legacy_passes_clean_vietnamese_and_foreign_acronyms():
    assert none_legacy(["Hà Lê", "Tô Lâm", "QĐ-UBND", "Võ Thị Hà", "Covid", ""]) is True
    assert none_legacy([]) is True
