"""Limits on what is read from JSON data files: the file's size, the length of a field, numbers
too long or too large for any document. Each gives a Vietnamese message, never a traceback."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from support import ROOT, SAMPLE_DIR, write_json

from generator.data import limits
from generator.data.loader import load_json
from generator.errors import DataError, ValidationFailed

DECISION = SAMPLE_DIR / "decisions" / "dot-xuat-2021.json"
BIG = ("Nguyễn Văn An " * 400_000).strip()   # 5.6 million characters, 7 MB of UTF-8


def decision(campaign_dir: Path, name: str = "qd.json", **changes: Any) -> Path:
    data = json.loads(DECISION.read_text(encoding="utf-8"))
    for path, value in changes.items():
        *parents, last = path.split("__")
        node = data
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value
    return write_json(campaign_dir / "decisions" / name, data)


# ---------------------------------------------------------------------------- helpers

@pytest.mark.parametrize(("value", "text"), [(0, "1 kB"), (812 * 1024, "812 kB"),
                                             (limits.MB, "1 MB"), (5 * limits.MB // 2, "2,5 MB"),
                                             (50 * limits.MB, "50 MB")])
def test_sizes_are_written_for_a_clerk(value, text):
    assert limits.size(value) == text
    assert limits.number(1234567) == "1.234.567"


def test_a_device_that_never_ends_is_not_read_into_memory():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(DataError, match="vượt giới hạn 1 kB của một thử nghiệm"):
        limits.read_limited("/dev/zero", 1024, "một thử nghiệm")


def test_the_zip_directory_is_judged_member_by_member(tmp_path, monkeypatch):
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("a.xml", b"<a/>" * 1000)
        package.writestr("b.xml", b"x" * (2 * limits.MB))
    with zipfile.ZipFile(path) as package:
        assert "phần «b.xml» nén" in (limits.zip_problem(package) or "")
        monkeypatch.setattr(limits, "MAX_RATIO", 10_000)
        assert limits.zip_problem(package) is None
        monkeypatch.setattr(limits, "MAX_ZIP_MEMBERS", 1)
        assert "gói nén có 2 phần, vượt giới hạn 1 phần" in (limits.zip_problem(package) or "")


# ---------------------------------------------------------------------------- files

def test_a_json_file_beyond_the_size_limit_is_refused_before_it_is_read(tmp_path, run):
    path = tmp_path / "campaign.json"
    with path.open("wb") as handle:
        handle.truncate(25 * limits.MB)          # sparse: made at once, never read
    with pytest.raises(DataError, match="tệp lớn 25 MB, vượt giới hạn 20 MB của một tệp dữ "
                                        "liệu JSON"):
        load_json(path)
    result = run("validate", str(path))
    assert result.exit_code == 1 and "vượt giới hạn 20 MB" in result.stderr


def test_a_folder_is_still_named_as_a_folder(tmp_path):
    with pytest.raises(DataError, match="đây là thư mục"):
        load_json(tmp_path)


# ---------------------------------------------------------------------------- strings

def test_a_field_of_megabytes_is_refused_with_its_path(campaign_dir):
    path = decision(campaign_dir, awards__0__individuals__0__name=BIG)
    with pytest.raises(ValidationFailed) as info:
        load_json(path)
    (issue,) = info.value.issues
    assert issue.path == "$.awards[0].individuals[0].name"
    assert issue.message.startswith("dài 5.599.999 ký tự, vượt giới hạn 20.000 ký tự")


@pytest.mark.parametrize("command", [["validate"], ["decision", "-o", "out"],
                                     ["certificates", "-o", "out"]])
def test_every_command_refuses_a_field_of_megabytes(campaign_dir, run, command):
    # A word that long would pass the certificate's line count (a word is never broken).
    path = decision(campaign_dir, awards__0__individuals__0__name="A" * 30_000,
                    signer__name=BIG)
    result = run(command[0], str(path), *command[1:])
    assert result.exit_code == 1, result.output
    assert f"{path}: $.awards[0].individuals[0].name: dài 30.000 ký tự" in result.stderr
    assert f"{path}: $.signer.name: dài 5.599.999 ký tự" in result.stderr
    assert "Traceback" not in result.stderr and not Path("out").exists()


def test_a_multi_line_field_may_be_long_but_not_endless(campaign_dir):
    path = decision(campaign_dir, awards__0__achievement="thành tích " * 1800)   # 19,800
    assert load_json(path)["awards"][0]["achievement"].startswith("thành tích")


# ---------------------------------------------------------------------------- numbers

def test_an_integer_of_thousands_of_digits_is_refused_with_line_and_column(tmp_path, run):
    path = tmp_path / "qd.json"
    path.write_text('{\n  "document": {"number": 1' + "0" * 5000 + "}}", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_json(path)
    assert (info.value.line, info.value.column) == (2, 26)
    assert "số có 5001 chữ số" in str(info.value)
    result = run("validate", str(path), "--kind", "decision")
    assert result.exit_code == 1 and "số có 5001 chữ số" in result.stderr
    assert load_json(write_json(tmp_path / "ok.json", {"n": -10**99}))["n"] == -10**99


def test_a_document_number_beyond_a_year_of_numbers_is_refused(campaign_dir, run):
    path = decision(campaign_dir, document__number=99999999999999999999999)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert (f"{path}: $.document.number: phải nhỏ hơn hoặc bằng 999999, không phải "
            "99999999999999999999999") in result.stderr
    # the register would have refused it with a traceback: SQLite integers are 64-bit
    result = run("decision", str(path), "-o", "out", "--register", "so.sqlite")
    assert result.exit_code == 1 and "$.document.number" in result.stderr
    assert not Path("out").exists()
    assert run("validate", str(decision(campaign_dir, "max.json",
                                        document__number=999999))).exit_code == 0


def test_a_prize_too_large_to_be_written_in_words_is_refused(campaign_dir, run):
    path = decision(campaign_dir, awards__0__prize__individual=10**15)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "$.awards[0].prize.individual: phải nhỏ hơn hoặc bằng 1000000000" in result.stderr


def test_the_number_ceiling_is_explained_to_the_clerk():
    schema = json.loads((ROOT / "schemas" / "common.schema.json").read_text(encoding="utf-8"))
    number = schema["$defs"]["document"]["properties"]["number"]
    assert number["maximum"] == 999999 and "Điều 15" in number["description"]
