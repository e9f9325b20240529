"""Schemas: well-formed, documented in Vietnamese, and strict — checked on data cases."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from support import ROOT, write_json
from support.cases import apply_case, discover

from generator.build import load_source
from generator.errors import ValidationFailed
from generator.resources import load_schema, schema_names

VALID = discover("plan", "valid")
INVALID = discover("plan", "invalid")


def test_every_packaged_schema_is_a_valid_draft_2020_12_schema():
    assert {"common", "plan"} <= set(schema_names())
    for name in schema_names():
        schema = load_schema(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)


def _properties(node: Any, where: str = "$"):
    if isinstance(node, dict):
        for key, sub in node.get("properties", {}).items():
            yield f"{where}.{key}", sub
        for key, sub in node.items():
            if key != "if":   # an "if" names fields to test them, it does not define them
                yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _properties(sub, f"{where}[{i}]")


@pytest.mark.parametrize("name", schema_names())
def test_every_property_has_a_vietnamese_title_and_description(name):
    missing = [where for where, sub in _properties(load_schema(name))
               if not (sub.get("title", "").strip() and sub.get("description", "").strip())]
    assert missing == []
    texts = [sub["title"] + sub["description"] for _, sub in _properties(load_schema(name))]
    # Vietnamese, not English: every title/description pair carries Vietnamese letters.
    assert all(any(c in t for c in "àáảãạăâđèéêìíòóôơùúưỳýệếộờủữ") for t in texts)


@pytest.mark.parametrize("name", schema_names())
def test_objects_refuse_unknown_properties(name):
    def objects(node: Any):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for sub in node.values():
                yield from objects(sub)
        elif isinstance(node, list):
            for sub in node:
                yield from objects(sub)
    assert all(o.get("additionalProperties") is False for o in objects(load_schema(name)))


def test_sample_campaign_is_valid(sample_data):
    kind, source = load_source(ROOT / "samples" /
                            "vpcp-covid19-2021" / "campaign.json")
    assert kind.name == "plan" and source.data["issuer"]["abbreviation"] == "VPCP"


@pytest.mark.parametrize(("name", "case"), VALID, ids=[n for n, _ in VALID])
def test_valid_case(tmp_path, campaign, name, case):
    load_source(write_json(tmp_path / "campaign.json", apply_case(campaign, case)))


@pytest.mark.parametrize(("name", "case"), INVALID, ids=[n for n, _ in INVALID])
def test_invalid_case_names_the_path(tmp_path, campaign, name, case):
    path = write_json(tmp_path / "campaign.json", apply_case(campaign, case))
    with pytest.raises(ValidationFailed) as info:
        load_source(path)
    found = {issue.path: issue.message for issue in info.value.issues}
    assert set(found) == set(case["expect"]), found
    for where, words in case["expect"].items():
        assert words in found[where]
    assert all(issue.file == str(path) for issue in info.value.issues)


def test_schema_text_round_trips_as_json():
    for name in schema_names():
        assert json.loads(json.dumps(load_schema(name)))["$id"].endswith(f"{name}.schema.json")
