"""The strict loader's fast path: on clean text it gives exactly what the strict path gives, and
any text that needs a strict look (or a message) goes down the strict path."""

from __future__ import annotations

import json

import pytest

from generator.data import loader
from generator.errors import DataError, ValidationFailed


def strict(text: str):
    """What the strict path alone gives (the reference)."""
    data = loader.normalise(loader.parse_json(text, "x.json"))
    assert loader.check_text(data, "x.json") == []
    return data


CLEAN = [
    '{"name": "  Nguyễn Thị Hà  ", "unit": "Vụ Pháp chế", "n": 3, "ok": true, "z": null}',
    '[" a ", ["  b", {"c": " d "}], 1.5, -2]',
    '"  chỉ một chuỗi  "',
    '{"nested": {"list": [{"x": "Hà Lê"}, {"x": "Tô Lâm"}], "text": "dòng 1\\ndòng 2"}}',
    '{"path": "a\\\\b\\/c", "tab": "x\\ty"}',
    '{\r\n  "crlf": "Cục Hành chính – Quản trị"\r\n}',
    '{"quotes": "“Chống dịch như chống giặc”", "euro": "5 €"}',
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_takes_the_fast_path_and_equals_the_strict_path(text):
    fast = loader._load_clean(text)
    assert fast is not loader._UNCLEAN
    assert fast == strict(text)
    assert json.dumps(fast, ensure_ascii=False) == json.dumps(strict(text), ensure_ascii=False)


# Each needs the strict path: a message, or a change the whole-text tests cannot vouch for.
NEEDS_STRICT = {
    "duplicate key": '{"a": 1, "a": 2}',
    "NaN": '{"a": NaN}',
    "Infinity in a list": '[1, -Infinity]',
    "syntax error": '{"a": 1,}',
    "a \\u escape (may hide a combining mark)": '{"a": "e\\u0301"}',
    "a \\r escape (line end to translate)": '{"a": "x\\r\\ny"}',
    "an escaped quote": '{"a": "say \\"hi\\""}',
    "a zero-width space": '{"a": "Hà\u200bNội"}',
    "a bidi override": '{"a": "\u202eabc"}',
    "NFD text": '{"a": "Nguye\u0302\u0303n"}',
    "NBSP (allowed, but not printable)": '{"a": "Hà\u00a0Nội"}',
    "a huge integer": '{"a": ' + "9" * 101 + "}",
    "a too-long string": '{"a": "' + "x" * 20_001 + '"}',
    "TCVN3 mojibake": '{"a": "NguyÔn V¨n An"}',
    "a raw newline in a string": '{"a": "Hà\nLê"}',
}


@pytest.mark.parametrize("text", NEEDS_STRICT.values(), ids=NEEDS_STRICT.keys())
def test_text_that_needs_a_strict_look_leaves_the_fast_path(text):
    assert loader._load_clean(text) is loader._UNCLEAN


@pytest.mark.parametrize("text", NEEDS_STRICT.values(), ids=NEEDS_STRICT.keys())
def test_load_text_gives_what_the_strict_path_gives(text):
    try:
        expected = ("ok", strict(text))
    except (DataError, ValidationFailed, AssertionError) as err:
        expected = ("error", type(err).__name__)
    try:
        got = ("ok", loader.load_text(text, "x.json"))
    except (DataError, ValidationFailed) as err:
        got = ("error", type(err).__name__)
    if expected[0] == "error" and expected[1] == "AssertionError":
        expected = ("error", "ValidationFailed")     # check_text found something
    assert got == expected


def test_a_duplicate_key_is_still_reported_with_its_line_and_column():
    with pytest.raises(DataError) as err:
        loader.load_text('{\n  "a": 1,\n  "a": 2\n}', "x.json")
    assert (err.value.line, err.value.column) == (3, 3)
    assert 'trường "a" bị khai báo hai lần' in str(err.value)


def test_mojibake_is_still_reported_with_its_repair():
    with pytest.raises(ValidationFailed) as err:
        loader.load_text('{"name": "NguyÔn V¨n An"}', "x.json")
    assert "TCVN3" in str(err.value.issues[0].message)


def test_the_sample_campaign_loads_through_the_fast_path(tmp_path):
    from support import SAMPLE_DIR
    text = (SAMPLE_DIR / "campaign.json").read_text(encoding="utf-8")
    fast = loader._load_clean(text)
    assert fast is not loader._UNCLEAN
    assert fast == strict(text)


def outcome(action):
    """What an action gives, an error as its type and its whole message (line, column, path)."""
    try:
        return ("ok", json.dumps(action(), ensure_ascii=False))
    except (DataError, ValidationFailed) as err:
        return ("error", type(err).__name__, str(err))


def strict_outcome(text: str):
    """The strict path's verdict, with the message load_text would raise."""
    def action():
        data = loader.normalise(loader.parse_json(text, "x.json"))
        issues = loader.check_text(data, "x.json")
        if issues:
            raise ValidationFailed(issues)
        return data
    return outcome(action)


# Escapes the fast path used to let through, or a literal backslash before a letter that looks
# like one of them.
ESCAPES = {
    "a \\b escape (a control character)": ('["x\\by"]', False),
    "a \\f escape (a control character, trimmed at an end)": ('["\\fx", "a\\fb"]', False),
    "a \\f escape at an end only": ('{"a": "x\\f"}', False),
    "a backslash before u": ('{"path": "C:\\\\users\\\\an"}', True),
    "a backslash before b, f and r": ('["a\\\\b", "\\\\f\\\\r", "\\\\\\\\"]', True),
    "an escaped slash and newline": ('{"a": " x\\/y\\n"}', True),
}


@pytest.mark.parametrize(("text", "fast"), ESCAPES.values(), ids=ESCAPES.keys())
def test_escapes_take_the_path_they_need_and_give_the_strict_verdict(text, fast):
    assert (loader._load_clean(text) is not loader._UNCLEAN) is fast
    assert outcome(lambda: loader.load_text(text, "x.json")) == strict_outcome(text)


def test_a_control_character_escape_is_reported_as_the_strict_path_reports_it():
    with pytest.raises(ValidationFailed) as err:
        loader.load_text('{"a": "x\\by"}', "x.json")
    assert "U+0008" in err.value.issues[0].message


def big_file(fault: str = "", at: int = 7_000) -> str:
    """A long list of people, pretty-printed as clerks' tools write it, with *fault* (a JSON
    member) planted in person *at*."""
    people = []
    for index in range(10_000):
        person = (f'{{"name": "Nguyễn Văn {index}", "unit": "Phòng {index % 7}", '
                  f'"title": "Chuyên viên", "gender": "{"nam" if index % 2 else "nữ"}"')
        people.append(person + (f", {fault}" if fault and index == at else "") + "}")
    return '{\n  "awards": [\n    {"individuals": [\n      ' + ",\n      ".join(people) + \
        "\n    ]}\n  ]\n}\n"


def test_a_clean_big_file_takes_the_fast_path():
    text = big_file()
    fast = loader._load_clean(text, text.encode("utf-8"))
    assert fast is not loader._UNCLEAN
    assert json.dumps(fast, ensure_ascii=False) == strict_outcome(text)[1]


DEEP_FAULTS = {
    "a duplicate key": '"unit": "Phòng 9"',
    "a duplicate key in a nested object": '"x": {"a": 1, "b": 2, "a": 3}',
    "a trailing space": '"note": "Hà Lê "',
    "a leading space in a key": '" note": "x"',
    "NFD text": '"note": "Nguye\u0302\u0303n"',
    "a zero-width space": '"note": "Hà\u200bNội"',
    "mojibake": '"note": "NguyÔn V¨n An"',
    "a too-long string": '"note": "' + "x" * 20_001 + '"',
    "NaN": '"score": NaN',
    "a huge integer": '"score": ' + "9" * 101,
}


@pytest.mark.parametrize("fault", DEEP_FAULTS.values(), ids=DEEP_FAULTS.keys())
def test_a_fault_deep_in_a_big_file_gives_the_strict_verdict_and_message(fault):
    text = big_file(fault)
    expected = strict_outcome(text)
    assert outcome(lambda: loader.load_text(text, "x.json")) == expected
    assert outcome(lambda: loader.load_text(text, "x.json", text.encode("utf-8"))) == expected


def test_a_duplicate_key_deep_in_a_big_file_is_named_with_its_line_and_column():
    text = big_file('"unit": "Phòng 9"')
    with pytest.raises(DataError) as err:
        loader.load_text(text, "x.json")
    line = text.splitlines()[7_003]                  # three lines open the file
    assert line.count('"unit"') == 2
    assert (err.value.line, err.value.column) == (7_004, line.rindex('"unit"') + 1)
    assert 'trường "unit" bị khai báo hai lần trong cùng một đối tượng' in str(err.value)


@pytest.mark.parametrize("text", [*CLEAN, *NEEDS_STRICT.values(), *(t for t, _ in ESCAPES.values())])
def test_the_utf8_of_a_text_gives_what_the_text_gives(text):
    utf8 = text.encode("utf-8", "surrogatepass")
    with_bytes, without = loader._load_clean(text, utf8), loader._load_clean(text)
    assert (with_bytes is loader._UNCLEAN) == (without is loader._UNCLEAN)
    if without is not loader._UNCLEAN:
        assert json.dumps(with_bytes, ensure_ascii=False) == json.dumps(without, ensure_ascii=False)


def test_a_file_with_a_bom_loads_through_its_bytes(tmp_path):
    path = tmp_path / "x.json"
    path.write_bytes(b"\xef\xbb\xbf" + '{"a": " Hà ", "b": ["Lê"]}'.encode())
    assert loader.load_json(path) == {"a": "Hà", "b": ["Lê"]}
