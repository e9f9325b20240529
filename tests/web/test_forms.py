"""Forms generated from the schemas: every sample data file of every kind, rendered as the web
form and posted back, is the same data; error paths land on their fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import render_template_string
from support import ROOT

from generator.data.loader import load_json
from generator.errors import Issue
from generator.web import forms

FORM = ('{% from "_fields.html" import field %}<form class="plan">{% for f in form.children %}'
        '{{ field(f, data, problems, True, value_at) }}{% endfor %}</form>')
SAMPLES = [(kind, path) for kind, pattern in (("plan", "*/campaign.json"),
                                              ("unit-plan", "*/units/*.json"),
                                              ("decision", "*/decisions/*.json"),
                                              ("proposal", "*/proposals/*.json"))
           for path in sorted((ROOT / "samples").glob(pattern))]


def form_html(site, schema, data, problems=None):
    with site.app.test_request_context("/"):
        return render_template_string(FORM, form=forms.form_for(schema), data=data,
                                      problems=problems or forms.Problems(),
                                      value_at=forms.value_at)


@pytest.mark.parametrize(("schema", "path"), SAMPLES,
                         ids=[f"{k}:{p.parent.name}/{p.name}" for k, p in SAMPLES])
def test_every_sample_round_trips_through_its_form(site, read_form, schema, path: Path):
    data = load_json(path)
    posted = read_form(form_html(site, schema, data))
    fixed = {key: data[key] for key in forms.FIXED if key in data}
    assert forms.data_from_form(posted, fixed, schema) == data


def test_the_samples_cover_every_kind():
    assert {kind for kind, _ in SAMPLES} == {"plan", "unit-plan", "decision", "proposal"}


def test_labels_hints_and_selects_come_from_the_schema(site):
    html = form_html(site, "unit-plan", {"signer": {}})
    assert '<label for="f-signer-authority">Quyền hạn ký</label>' in html
    assert "TM. (thay mặt tập thể), KT. (ký thay người đứng đầu)" in html
    for option in ("TM.", "KT.", "Q.", "TL.", "TUQ."):
        assert f'<option value="{option}">{option}</option>' in html
    assert 'type="date"' in html and 'name="document.date"' in html


def _fields(node):
    yield node
    for child in node.children:
        yield from _fields(child)
    if node.item is not None:
        yield from _fields(node.item)


# What a clerk filling in a web form cannot act on: JSON's words, paths and file names. The
# descriptions keep them (they are written for the JSON file); a form shows its own hint.
JSON_WORDS = r"\bnull\b|\btrue\b|\bfalse\b|\$\.|\[\{|\.json\b|phần tử|\bauthority\b|head_title"


@pytest.mark.parametrize("schema", ["unit-plan", "nomination"])
def test_no_hint_of_a_web_form_speaks_json(schema):
    spoken = {f.name: f.hint for f in _fields(forms.form_for(schema))
              if re.search(JSON_WORDS, f.hint)}
    assert spoken == {}


def test_a_form_hint_replaces_the_description_where_the_json_words_are(site):
    html = form_html(site, "unit-plan", {"signer": {}})
    assert "Không: không in phần căn cứ" in html and "Có, hoặc (mặc định): in căn cứ" in html
    assert "Ngày ký ban hành. Bỏ trống nếu chưa ký." in html
    assert 'dòng 1 “TM.” với “Ủy ban nhân dân”' in html
    assert "false:" not in html and "null nếu" not in html and "[{" not in html


def test_a_field_that_may_be_left_blank_is_not_marked_required(site):
    # The number and the date of a plan not yet issued are null: the key must be there, the
    # clerk need not type anything, so the form does not say «bắt buộc».
    html = form_html(site, "unit-plan", {"signer": {}})
    assert '<label for="f-document-number">Số văn bản</label>' in html
    number = re.search(r'<input id="f-document-number"[^>]*>', html)
    assert number is not None and "aria-required" not in number.group(0)
    name = re.search(r'<input id="f-signer-name"[^>]*>', html)
    assert name is not None and 'aria-required="true"' in name.group(0)
    assert ('<label for="f-signer-name">Họ và tên người ký <span class="req">(bắt buộc)</span>'
            in html)


def test_the_description_of_a_referring_node_wins_over_the_form_hint_it_refers_to(monkeypatch):
    schemas = {"a": {"$defs": {"x": {"type": "boolean", "description": "JSON: true",
                                     "x-form-hint": "Có"}},
                     "type": "object",
                     "properties": {"plain": {"$ref": "#/$defs/x"},
                                    "own": {"$ref": "#/$defs/x", "description": "Riêng"},
                                    "both": {"$ref": "#/$defs/x", "description": "Riêng",
                                             "x-form-hint": "Của biểu mẫu"}}}}
    monkeypatch.setattr(forms, "load_schema", schemas.__getitem__)
    hints = {f.key: f.hint for f in forms.build_field(schemas["a"], "a", "", "").children}
    assert hints == {"plain": "Có", "own": "Riêng", "both": "Của biểu mẫu"}


@pytest.mark.parametrize(("path", "name"), [
    ("$.document.number", "document.number"),
    ("$.registrations[12].title", "registrations.12.title"),
    ("$.signer.chain[0].authority", "signer.chain.0.authority"),
    ("$", ""),
])
def test_a_json_path_names_its_form_field(path, name):
    assert forms.field_name(path) == name


def test_an_issue_below_a_field_the_form_does_not_show_goes_to_its_nearest_field():
    found = forms.problems([Issue("f", "$.archive.units[0]", "sai"),
                            Issue("f", "$.khong_co", "trường lạ")])
    assert found.at("archive.units.0") == ["sai"]
    assert found.at("") == ["trường lạ"]
    assert found.summary[0] == ("f-archive-units-0", "Lưu › Đơn vị lưu › dòng 1", "sai")
    assert found.summary[1][0] == "noi-dung"          # the top of the page


def test_numbers_that_are_not_numbers_stay_text_for_the_validator():
    data = forms.data_from_form({"document.number": " 12 ", "document.date": "",
                                 "archive.copies": "ba"}, {"unit": "TCCB"})
    assert data["document"] == {"number": 12, "date": None}
    assert data["archive"]["copies"] == "ba"


@pytest.mark.parametrize(("schema", "table", "where"), [
    ("unit-plan", "registrations", lambda d: d["registrations"]),
    ("unit-plan", "signer.chain", lambda d: d["signer"]["chain"]),
    ("decision", "awards.0.individuals", lambda d: d["awards"][0]["individuals"]),
])
def test_a_row_is_added_to_any_table_even_inside_a_row(schema, table, where):
    data = {"signer": {"title": "x"}, "registrations": [{"name": "A"}],
            "awards": [{"form": "Bằng khen", "individuals": [{"name": "B"}]}]}
    before = len(where(data)) if table != "signer.chain" else 0
    forms.added_row(data, table, schema)
    assert len(where(data)) == before + 1 and where(data)[-1] == {}


def test_a_table_that_is_full_gets_no_row():
    data = {"signer": {"chain": [{}, {}]}}
    assert forms.added_row(data, "signer.chain")["signer"]["chain"] == [{}, {}]   # maxItems 2
