"""Strict loading of JSON data files.

Stricter than :func:`json.load` on purpose, because a clerk's typo must not become a silent
mistake in a signed document: duplicate keys, NaN/Infinity and lone surrogates are rejected with
line and column; text that is not UTF-8 is rejected with a hint about the encodings still met in
Vietnamese offices; every string is normalised to NFC and checked for invisible or control
characters and for legacy TCVN3/VNI mojibake. A file or a string beyond the limits of
:mod:`generator.data.limits` is refused before it is parsed or checked further.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from generator.errors import DataError, Issue, ValidationFailed
from generator.vn.legacy import detect_legacy, none_legacy

from .limits import MAX_JSON_BYTES, MAX_TEXT_CHARS, read_limited, text_length_problem

_NOT_UTF8_HINT = (
    "Tệp không phải văn bản UTF-8. Có thể tệp được lưu bằng bảng mã cũ (TCVN3/ABC, VNI, "
    "Windows-1258) hoặc UTF-16. Hãy mở tệp và lưu lại với mã hóa UTF-8 (trong Unikey: công cụ "
    "chuyển mã sang Unicode)."
)

# The English messages of the json module, in words a clerk understands.
_JSON_MESSAGES = {
    "Expecting value": "thiếu giá trị ở đây (hoặc thừa dấu phẩy)",
    "Expecting ',' delimiter": "thiếu dấu phẩy ',' giữa hai phần tử",
    "Expecting ':' delimiter": "thiếu dấu hai chấm ':' sau tên trường",
    "Expecting property name enclosed in double quotes":
        "tên trường phải đặt trong dấu nháy kép \"…\" (hoặc thừa dấu phẩy trước '}')",
    "Unterminated string starting at": "chuỗi chưa có dấu nháy kép đóng",
    "Invalid control character at":
        "ký tự điều khiển trong chuỗi (muốn xuống dòng hãy viết \\n)",
    "Invalid \\escape": "dấu \\ không hợp lệ (muốn viết dấu \\ hãy gõ \\\\)",
    "Invalid \\uXXXX escape": "mã \\uXXXX không hợp lệ",
    "Extra data": "có nội dung thừa sau khi dữ liệu JSON đã kết thúc",
}

# Invisible characters are rejected by category: Cc control (newline and tab are allowed, a
# schema decides where), Cf format (zero-width spaces and joiners, BOM, bidi overrides that can
# reverse how a name is shown), Co private use (legacy font hacks), Cs surrogates, Cn unassigned.
_REJECTED_CATEGORIES = {
    "Cc": "ký tự điều khiển",
    "Cf": "ký tự vô hình (độ rộng bằng 0 hoặc đổi chiều văn bản)",
    "Co": "ký tự vùng riêng (thường do phông chữ cũ)",
    "Cs": "nửa cặp thay thế (surrogate) đơn lẻ",
    "Cn": "ký tự chưa được định nghĩa trong Unicode",
}
_ALLOWED_CONTROLS = {"\n", "\t"}


class _Constant:
    """Stand-in for NaN/Infinity so the parser can report where it was."""

    def __init__(self, name: str) -> None:
        self.name = name


def line_column(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of character offset *pos* in *text*."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def decode_bytes(raw: bytes, file: str) -> str:
    """UTF-8 text of a data file (a UTF-8 BOM is accepted); DataError otherwise."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and b"\x00" in raw[:4]):
        raise DataError(file, "Tệp được lưu bằng UTF-16. Hãy lưu lại với mã hóa UTF-8.")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        text = raw[: err.start].decode("utf-8", errors="replace")
        line, column = line_column(text, len(text))
        raise DataError(file, f"byte 0x{raw[err.start]:02X} không hợp lệ. {_NOT_UTF8_HINT}",
                        line, column) from err


class _HugeInteger:
    """Stand-in for an integer too long for int(), so the parser can report where it was."""

    def __init__(self, digits: str) -> None:
        self.digits = digits


# No field is a number this long; int() itself refuses more than sys.get_int_max_str_digits()
# digits (4300 by default) with a ValueError that names no place in the file.
MAX_INTEGER_DIGITS = 100


def _parse_int(digits: str) -> int | _HugeInteger:
    return _HugeInteger(digits) if len(digits.lstrip("-")) > MAX_INTEGER_DIGITS else int(digits)


class _StrictDecoder(json.JSONDecoder):
    """json's pure-Python scanner with object/array parsers that know where they are."""

    def __init__(self, file: str) -> None:
        super().__init__(strict=True, parse_constant=_Constant, parse_int=_parse_int)
        self.file = file
        self.parse_object = self._parse_object
        self.parse_array = self._parse_array
        # The C scanner ignores parse_object/parse_array overrides; the Python one honours them.
        self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]

    def fail(self, text: str, pos: int, message: str) -> DataError:
        line, column = line_column(text, pos)
        return DataError(self.file, message, line, column)

    def check_value(self, text: str, pos: int, value: Any) -> None:
        if isinstance(value, _Constant):
            raise self.fail(text, pos, f"{value.name} không phải là số hợp lệ trong JSON")
        if isinstance(value, _HugeInteger):
            raise self.fail(text, pos, f"số có {len(value.digits.lstrip('-'))} chữ số, quá dài "
                                       "để là giá trị của bất kỳ trường nào")
        if isinstance(value, str):
            self.check_surrogates(text, pos, value)

    def check_surrogates(self, text: str, pos: int, value: str) -> None:
        for char in value:
            if "\ud800" <= char <= "\udfff":
                raise self.fail(text, pos, f"chuỗi chứa nửa cặp thay thế đơn lẻ U+{ord(char):04X}"
                                           " (mã \\uD8xx không đi kèm cặp)")

    def scan_value(self, text: str, pos: int, scan_once: Callable[..., Any]) -> tuple[Any, int]:
        try:
            value, end = scan_once(text, pos)
        except StopIteration as err:
            raise json.JSONDecodeError("Expecting value", text, err.value) from None
        self.check_value(text, pos, value)
        return value, end

    def _parse_object(self, s_and_end: tuple[str, int], strict: bool,
                      scan_once: Callable[..., Any], *_: Any) -> tuple[dict[str, Any], int]:
        text, end = s_and_end
        result: dict[str, Any] = {}
        end = _skip(text, end)
        if text[end:end + 1] == "}":
            return result, end + 1
        while True:
            if text[end:end + 1] != '"':
                raise json.JSONDecodeError("Expecting property name enclosed in double quotes",
                                           text, end)
            key_pos = end
            key, end = json.decoder.scanstring(text, end + 1, strict)  # type: ignore[attr-defined]
            self.check_surrogates(text, key_pos, key)
            if key in result:
                raise self.fail(text, key_pos, f"trường \"{key}\" bị khai báo hai lần trong "
                                               "cùng một đối tượng")
            end = _skip(text, end)
            if text[end:end + 1] != ":":
                raise json.JSONDecodeError("Expecting ':' delimiter", text, end)
            end = _skip(text, end + 1)
            result[key], end = self.scan_value(text, end, scan_once)
            end = _skip(text, end)
            if text[end:end + 1] == "}":
                return result, end + 1
            if text[end:end + 1] != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, end)
            end = _skip(text, end + 1)

    def _parse_array(self, s_and_end: tuple[str, int],
                     scan_once: Callable[..., Any]) -> tuple[list[Any], int]:
        text, end = s_and_end
        result: list[Any] = []
        end = _skip(text, end)
        if text[end:end + 1] == "]":
            return result, end + 1
        while True:
            value, end = self.scan_value(text, end, scan_once)
            result.append(value)
            end = _skip(text, end)
            if text[end:end + 1] == "]":
                return result, end + 1
            if text[end:end + 1] != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, end)
            end = _skip(text, end + 1)


def _skip(text: str, pos: int) -> int:
    return json.decoder.WHITESPACE.match(text, pos).end()  # type: ignore[attr-defined,union-attr]


def _translate(err: json.JSONDecodeError) -> str:
    for english, vietnamese in _JSON_MESSAGES.items():
        if err.msg.startswith(english):
            return f"JSON không hợp lệ: {vietnamese}"
    return f"JSON không hợp lệ: {err.msg}"


def parse_json(text: str, file: str) -> Any:
    """Parse *text* strictly; DataError with line and column on any problem."""
    decoder = _StrictDecoder(file)
    try:
        start = _skip(text, 0)
        value, end = decoder.scan_value(text, start, decoder.scan_once)
        end = _skip(text, end)
        if end != len(text):
            raise json.JSONDecodeError("Extra data", text, end)
    except json.JSONDecodeError as err:
        raise DataError(file, _translate(err), err.lineno, err.colno) from err
    except RecursionError as err:
        raise DataError(file, "JSON lồng nhau quá sâu") from err
    return value


def json_path(parts: tuple[str | int, ...]) -> str:
    """'$.units[3].name' for a tuple of keys and indexes."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}"
        else:
            out += "[" + json.dumps(part, ensure_ascii=False) + "]"
    return out


def _walk(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))


def normalise(value: Any) -> Any:
    """Every string in NFC with '\\n' line ends; values are also trimmed (a stray space from
    copy-and-paste must not decide whether two names are equal or a field is blank)."""
    if isinstance(value, str):
        return _nfc(value).strip()
    if isinstance(value, dict):
        return {_nfc(k): normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def text_problem(text: str) -> str | None:
    """Why a (NFC) string cannot go into a document, or None if it can."""
    too_long = text_length_problem(text)
    if too_long:
        return too_long
    # isprintable() is False wherever a character is of a category C (every rejected one):
    # most texts need no look at each character.
    for char in "" if text.isprintable() else text:
        category = unicodedata.category(char)
        if category in _REJECTED_CATEGORIES and char not in _ALLOWED_CONTROLS:
            return (f"chứa {_REJECTED_CATEGORIES[category]} U+{ord(char):04X}"
                    " — hãy xóa ký tự này rồi gõ lại")
    guess = detect_legacy(text)
    if guess is not None:
        marker = next((c for c in text if ord(c) > 0x7F), "?")
        return (f"có vẻ được gõ bằng bảng mã {guess.encoding} cũ rồi đọc sai (ký tự {marker}, "
                f"U+{ord(marker):04X}): «{text}» có lẽ là «{guess.decoded}». Hãy chuyển mã sang "
                "Unicode (ví dụ bằng Unikey) rồi nhập lại")
    return None


def check_text(data: Any, file: str) -> list[Issue]:
    """Issues for every key or string value in *data* that cannot go into a document."""
    issues = []
    for path, value in _walk(data):
        texts = [value] if isinstance(value, str) else []
        if isinstance(value, dict):
            texts = [k for k in value if text_problem(k)]
        for text in texts:
            problem = text_problem(text)
            if problem:
                where = path if isinstance(value, str) else (*path, text)
                issues.append(Issue(file, json_path(where), problem))
    return issues


def load_text(text: str, file: str, utf8: bytes | None = None) -> Any:
    """Parse, normalise and check JSON *text*; raise DataError or ValidationFailed. *utf8*, when
    given, is the UTF-8 that *text* was decoded from (a BOM aside): the fast path cuts it into
    strings faster than the text."""
    fast = _load_clean(text, utf8)
    if fast is not _UNCLEAN:
        return fast
    data = normalise(parse_json(text, file))
    issues = check_text(data, file)
    if issues:
        raise ValidationFailed(issues)
    return data


# --- The fast path ---------------------------------------------------------------------------
# Most files are clean, and proving that a whole text is clean costs a few C-level passes, where
# the strict parser and the per-string checks above cost Python calls per value (40× json.load on
# a 10,000-row list). Each test below is sufficient, not necessary: any doubt sends the text down
# the strict path, which then finds and words the problem exactly as before.

_UNCLEAN = object()
# Escapes could hide what the tests on the strings' sources look for (\u0301 a combining mark,
# \u200b, a lone surrogate; \r a line end to translate; \b and \f control characters, and \f
# a space that trimming removes); \" splits a string where the tests below cut at quotes. The
# escapes left (\n, \t, \\, \/) give ASCII a string's checks allow. Read from the left, each
# backslash either begins an escape or is its second character.
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_PLAIN_ESCAPES = {"n", "t", "\\", "/"}
_CP1252_HIGH = "".join(sorted({bytes([b]).decode("cp1252", "ignore") for b in range(0x80, 0xA0)}))
# Legacy mojibake is made only of characters with a cp1252 byte (vn.legacy._to_bytes; the C1
# controls of its Latin-1 fallback are not printable), one of them not ASCII: in the sources
# joined by quotes, such a source is the text from one quote to the next.
_CP1252 = f"\\x00-\\x21\\x23-\\xff{re.escape(_CP1252_HIGH)}"
_LEGACY_CANDIDATE = re.compile(
    f'"([\\x00-\\x21\\x23-\\x7f]*[\\x80-\\xff{re.escape(_CP1252_HIGH)}][{_CP1252}]*)(?=")')


def _whole_text_clean(text: str, utf8: bytes | None = None) -> tuple[bool, list[str]] | None:
    """None unless no string in *text* can need normalising or fail a text check; else whether
    some string may need trimming, and the strings legacy detection must still judge. *utf8* is
    *text* in UTF-8, when at hand."""
    escaped = "\\" in text
    if escaped and not _PLAIN_ESCAPES.issuperset(_ESCAPE.findall(text)):
        return None
    # With no escaped quote, every odd piece between quotes is exactly one string's source. What
    # lies between strings needs no test: any character there but JSON's four kinds of white
    # space and its ASCII syntax makes json.loads fail, which sends the text down the strict path.
    # In UTF-8 a quote's byte is never part of another character, and bytes split faster.
    if utf8 is None:
        joined = '"'.join(set(text.split('"')[1::2]))
    else:
        joined = b'"'.join(set(utf8.split(b'"')[1::2])).decode("utf-8")
    return _scan_strings(f'"{joined}"', escaped)


def _scan_strings(joined: str, escaped: bool) -> tuple[bool, list[str]] | None:
    """The tests of :func:`_whole_text_clean` on the distinct string sources, each between two
    quotes in *joined* (a quote is in none of them, and composes with nothing in NFC, so the
    joined text is NFC exactly when each source is)."""
    # A printable text has no character of a rejected category (nor a raw newline or tab, which
    # json.loads refuses in a string), and no white space but the ASCII space.
    if not joined.isprintable() or not unicodedata.is_normalized("NFC", joined):
        return None
    if len(joined) > MAX_TEXT_CHARS and max(map(len, joined.split('"'))) > MAX_TEXT_CHARS:
        return None
    needs_trim = escaped or ' "' in joined or '" ' in joined
    candidates = _LEGACY_CANDIDATE.findall(joined)
    if escaped:                              # an escape: judge the string's value
        try:
            candidates = [json.loads(f'"{source}"') if "\\" in source else source
                          for source in candidates]
        except ValueError:
            return None
    candidates = [source.strip() for source in candidates]
    if not none_legacy(candidates):
        return None
    return needs_trim, candidates


class _Unclean(Exception):
    """A duplicate key or a NaN/Infinity: the strict parser will say where."""


def _strip_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = {key: value.strip() if type(value) is str else
              _strip_list(value) if type(value) is list else value for key, value in pairs}
    if len(result) != len(pairs):
        raise _Unclean
    return result


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Unclean
    return result


def _strip_list(items: list[Any]) -> list[Any]:
    # Objects inside were stripped by their own hook; strings and nested lists are done here.
    return [item.strip() if type(item) is str else
            _strip_list(item) if type(item) is list else item for item in items]


def _refuse_constant(_name: str) -> Any:
    raise _Unclean


def _checked_int(digits: str) -> int:
    if len(digits) > MAX_INTEGER_DIGITS:
        raise _Unclean
    return int(digits)


def _load_clean(text: str, utf8: bytes | None = None) -> Any:
    """*text* parsed and trimmed by the C parser when it is provably clean, else _UNCLEAN."""
    scan = _whole_text_clean(text, utf8)
    if scan is None:
        return _UNCLEAN
    needs_trim = scan[0]
    try:
        value = json.loads(text, object_pairs_hook=_strip_object if needs_trim else _unique_object,
                           parse_constant=_refuse_constant, parse_int=_checked_int)
    except (ValueError, RecursionError, _Unclean):
        return _UNCLEAN
    if not needs_trim:
        return value
    if type(value) is str:
        return value.strip()
    return _strip_list(value) if type(value) is list else value


def load_json(path: str | Path) -> Any:
    """Load a JSON data file strictly (see the module docstring)."""
    file = str(path)
    if Path(path).is_dir():
        raise DataError(file, "đây là thư mục, không phải tệp JSON")
    raw = read_limited(path, MAX_JSON_BYTES, "một tệp dữ liệu JSON")
    return load_text(decode_bytes(raw, file), file, raw.removeprefix(b"\xef\xbb\xbf"))
