"""Strict JSON loading: encodings, syntax, duplicates, invisible characters, legacy encodings."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.data.loader import load_json, load_text
from generator.errors import DataError, ValidationFailed


def write(tmp_path: Path, raw: bytes, name: str = "data.json") -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize(("text", "line", "column", "words"), [
    ('{"a": 1,\n "b": }', 2, 7, "thiếu giá trị"),
    ('{"a": 1\n "b": 2}', 2, 2, "thiếu dấu phẩy"),
    ('{"a" 1}', 1, 6, "dấu hai chấm"),
    ('{"a": 1,}', 1, 9, "dấu nháy kép"),
    ('{"a": "abc}', 1, 7, "chưa có dấu nháy kép đóng"),
    ('{"a": 1} x', 1, 10, "thừa"),
    ('{"a": 1,\n  "a": 2}', 2, 3, "khai báo hai lần"),
    ('{"x": {"a": [1, {"b": 1, "b": 2}]}}', 1, 26, "\"b\" bị khai báo hai lần"),
    ('{"a": NaN}', 1, 7, "NaN"),
    ('{"a": [1, Infinity]}', 1, 11, "Infinity"),
    ('{"a": -Infinity}', 1, 7, "-Infinity"),
    ('{"a": "\\ud800"}', 1, 7, "U+D800"),
    ('{"\\udfff": 1}', 1, 2, "U+DFFF"),
    ('{"a": "x\ty"}', 1, 9, "ký tự điều khiển"),
])
def test_bad_json_is_rejected_with_line_and_column(tmp_path, text, line, column, words):
    path = write(tmp_path, text.encode("utf-8"))
    with pytest.raises(DataError) as info:
        load_json(path)
    err = info.value
    assert (err.line, err.column) == (line, column)
    assert words in str(err)
    assert str(path) in str(err) and f"dòng {line}, cột {column}" in str(err)


def test_not_utf8_names_the_byte_and_hints_at_legacy_encodings(tmp_path):
    raw = '{"name": "Hà Nội"}'.encode("cp1258", errors="replace")
    path = write(tmp_path, '{\n "ok": 1,\n "name": "Hà Lê"}'.encode("cp1252"))
    with pytest.raises(DataError) as info:
        load_json(path)
    message = str(info.value)
    assert "không phải văn bản UTF-8" in message and "TCVN3" in message and "UTF-16" in message
    assert info.value.line == 3
    assert raw  # cp1258 text is bytes that UTF-8 cannot read either
    with pytest.raises(DataError):
        load_json(write(tmp_path, raw, "b.json"))


@pytest.mark.parametrize("raw", [
    '{"a": "Hà Nội"}'.encode("utf-16"),
    '{"a": "Hà Nội"}'.encode("utf-16-le"),
], ids=["utf16-bom", "utf16-no-bom"])
def test_utf16_is_named(tmp_path, raw):
    with pytest.raises(DataError, match="UTF-16"):
        load_json(write(tmp_path, raw))


def test_utf8_bom_is_accepted(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + '{"a": "Hà Nội"}'.encode())
    assert load_json(path) == {"a": "Hà Nội"}


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="không tìm thấy tệp"):
        load_json(tmp_path / "none.json")


def test_strings_and_keys_are_normalised_to_nfc_and_trimmed():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn An")
    data = load_text('{"%s": " %s\\r\\n"}' % (decomposed, decomposed), "f.json")
    (key, value), = data.items()
    assert key == "Nguyễn Văn An" and value == "Nguyễn Văn An"
    assert unicodedata.is_normalized("NFC", value) and len(value) == 13


def test_newline_inside_a_string_is_kept():
    assert load_text('{"a": "dòng 1\\r\\ndòng 2"}', "f.json") == {"a": "dòng 1\ndòng 2"}


@pytest.mark.parametrize(("escape", "code"), [
    ("\\u0007", "U+0007"),          # bell
    ("\\u001b", "U+001B"),          # escape
    ("\\u000b", "U+000B"),          # vertical tab
    ("\\u000c", "U+000C"),          # form feed (a page break in docxtpl)
    ("\\u200b", "U+200B"),          # zero-width space
    ("\\u200d", "U+200D"),          # zero-width joiner
    ("\\ufeff", "U+FEFF"),          # BOM inside text
    ("\\u202e", "U+202E"),          # right-to-left override
    ("\\u2066", "U+2066"),          # left-to-right isolate
    ("\\ue000", "U+E000"),          # private use (legacy font hacks)
])
def test_invisible_and_control_characters_are_named_with_path_and_code_point(escape, code):
    text = '{"units": [{"name": "ok"}, {"name": "Vụ%sTổ chức"}]}' % escape
    with pytest.raises(ValidationFailed) as info:
        load_text(text, "f.json")
    (issue,) = info.value.issues
    assert issue.path == "$.units[1].name"
    assert code in issue.message


def test_every_bad_string_is_reported_not_just_the_first():
    text = '{"a": "x\\u200by", "b": ["ok", "z\\u0007"], "c\\u202e": 1}'
    with pytest.raises(ValidationFailed) as info:
        load_text(text, "f.json")
    assert sorted(i.path for i in info.value.issues) == ["$.a", "$.b[1]", '$["c\u202e"]']


@pytest.mark.parametrize(("text", "encoding", "decoded"), [
    ("NguyÔn V¨n An", "TCVN3", "Nguyễn Văn An"),
    ("Nguyeãn Vaên An", "VNI", "Nguyễn Văn An"),
])
def test_legacy_encodings_are_caught_with_a_suggestion(text, encoding, decoded):
    with pytest.raises(ValidationFailed) as info:
        load_text('{"signer": {"name": "%s"}}' % text, "f.json")
    (issue,) = info.value.issues
    assert issue.path == "$.signer.name"
    assert encoding in issue.message and decoded in issue.message and "U+" in issue.message


@pytest.mark.parametrize("name", ["José Muñoz", "Søren Kierkegaard", "François Müller",
                                  "Nguyễn Văn An", "Hà Lê", "ĐOÀN THANH NIÊN", "COVID-19"])
def test_ordinary_names_pass(name):
    assert load_text('{"n": "%s"}' % name, "f.json") == {"n": name}
