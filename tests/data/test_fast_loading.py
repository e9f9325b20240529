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
