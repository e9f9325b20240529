"""The fast path of validation says "valid" exactly when jsonschema finds no error: for every
sample file, every data case, and thousands of edits that break the samples in every way a
clerk's file can be broken. Invalid data still gets jsonschema's full report."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest
from support import SAMPLE_DIR
from support.cases import CASES, apply_case, discover

from generator.data.schema import fast_check, schema_issues, validator_for

BASES = {"plan": SAMPLE_DIR / "campaign.json",
         "decision": SAMPLE_DIR / "decisions" / "so-ket-2022.json",
         "proposal": SAMPLE_DIR / "proposals" / "bang-khen-thu-tuong.json",
         "unit-plan": SAMPLE_DIR / "units" / "TCCB.json"}
SAMPLES = {**{p: "plan" for p in [SAMPLE_DIR / "campaign.json"]},
           **{p: "decision" for p in (SAMPLE_DIR / "decisions").glob("*.json")},
           **{p: "proposal" for p in (SAMPLE_DIR / "proposals").glob("*.json")},
           **{p: "unit-plan" for p in (SAMPLE_DIR / "units").glob("*.json")}}
VALUES = [None, True, False, 0, 1, -1, 1.0, 2.5, 10**12, "", " ", "x", "VPCP", "vpcp",
          "2021-02-30", "2022-06-30", "Dòng 1\nDòng 2", "a\tb", "x" * 3000, [], [1], ["x"],
          [{}], {}, {"name": "x"}, "nam", "nữ", "bộ", "sơ kết"]


def jsonschema_says_valid(data: Any, schema: str) -> bool:
    return not any(True for _ in validator_for(schema).iter_errors(data))


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_packaged_schema_has_a_fast_path():
    assert all(fast_check(name) is not None for name in [*BASES, "certificates"])


@pytest.mark.parametrize("path", sorted(SAMPLES), ids=lambda p: p.name)
def test_the_samples_are_valid_both_ways(path):
    data = load(path)
    assert fast_check(SAMPLES[path])(data) is True
    assert jsonschema_says_valid(data, SAMPLES[path])


def _cases() -> list[tuple[str, str, dict[str, Any]]]:
    return [(kind, name, case) for kind in BASES if (CASES / kind).is_dir()
            for group in ("valid", "invalid") for name, case in discover(kind, group)]


@pytest.mark.parametrize("kind, name, case", _cases(), ids=lambda x: x if isinstance(x, str)
                         else "")
def test_every_data_case_gets_the_same_verdict(kind, name, case):
    for path in sorted(p for p, k in SAMPLES.items() if k == kind):   # the one it edits
        try:
            data = apply_case(load(path), case)
        except (KeyError, IndexError, TypeError):
            continue
        assert fast_check(kind)(data) == jsonschema_says_valid(data, kind)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _edited(data: Any, path: tuple, rng: random.Random) -> Any:
    data = copy.deepcopy(data)
    if not path:
        return rng.choice(VALUES)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    action = rng.random()
    if action < 0.2 and isinstance(parent, dict):
        del parent[path[-1]]
    elif action < 0.3 and isinstance(parent, dict):
        parent["truong_la"] = rng.choice(VALUES)
    elif action < 0.35 and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[-1]))
    elif action < 0.4 and isinstance(parent, list):
        parent.clear()
    else:
        parent[path[-1]] = copy.deepcopy(rng.choice(VALUES))
    return data


@pytest.mark.parametrize("kind", sorted(BASES))
def test_thousands_of_broken_files_get_the_same_verdict(kind):
    rng = random.Random(f"fast-{kind}")
    base = load(BASES[kind])
    paths = _paths(base)
    verdicts = {True: 0, False: 0}
    for _ in range(1500):
        data = base
        for _ in range(rng.choice((1, 1, 2))):
            data = _edited(data, rng.choice(_paths(data) if data is not base else paths), rng)
        expected = jsonschema_says_valid(data, kind)
        assert fast_check(kind)(data) == expected, json.dumps(data, ensure_ascii=False)[:400]
        verdicts[expected] += 1
    assert verdicts[True] > 50 and verdicts[False] > 500        # both sides were tried


def test_invalid_data_still_gets_every_error_in_jsonschemas_words():
    data = load(BASES["decision"])
    data["document"]["date"] = "2022-02-30"
    data["awards"][0]["individuals"][0]["gender"] = "khác"
    del data["signer"]["name"]
    issues = schema_issues(data, "decision", "d.json")
    assert {i.path for i in issues} >= {"$.document.date", "$.awards[0].individuals[0].gender",
                                        "$.signer.name"}
    assert any("không phải là ngày có thật" in i.message for i in issues)


# -- the fast path without jsonschema ------------------------------------------------------------

def test_valid_data_is_judged_without_importing_jsonschema():
    import subprocess
    import sys

    from support import ROOT

    script = ("import sys\n"
              "from pathlib import Path\n"
              "from generator.build import load_source\n"
              f"load_source(Path({str(BASES['decision'])!r}))\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in "
              "('jsonschema', 'referencing')))\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_date_format_is_jsonschemas():
    from jsonschema import FormatChecker

    from generator.data.schema import _is_date

    checker = FormatChecker()
    for value in [*VALUES, "2024-02-29", "2023-02-29", "2021-13-01", "2021-1-01", "２０２１-01-01",
                  "2021-01-01\n", "2021-01-01T00:00", "0000-01-01", "9999-12-31", "2021-00-10"]:
        assert _is_date(value) == checker.conforms(value, "date"), value


def test_unique_strings_are_judged_as_jsonschema_does():
    from generator.data.schema import _Compiler, _documents

    unique = _Compiler(_documents()[0])._keyword("uniqueItems", True, {}, "")
    for items in [[], ["a"], ["a", "b"], ["a", "a"], ["A", "a"], ["nữ", "nữ"], ["1", 1],
                  [1, True], [1, 1.0], [{"a": 1}, {"a": 1}], "not a list"]:
        expected = not any(True for _ in validator_for("plan").__class__(
            {"uniqueItems": True}).iter_errors(items))
        assert unique(items) == expected, items


@pytest.mark.parametrize("keyword, value", [("minLength", "1"), ("minLength", -1),
                                            ("maxItems", True), ("pattern", 3),
                                            ("required", "name"), ("minimum", True),
                                            ("$ref", "#/$defs/nowhere"),
                                            ("$ref", "other.schema.json#/$defs/line")])
def test_a_keyword_the_checks_cannot_trust_is_left_to_jsonschema(keyword, value):
    from generator.data.schema import _Compiler, _documents, _Unsupported

    documents = _documents()[0]
    base = next(iter(documents))
    with pytest.raises(_Unsupported):
        _Compiler(documents).compile({keyword: value}, base)
