"""Forms generated from the schemas: every sample data file of every kind, rendered as the web
form and posted back, is the same data; error paths land on their fields."""

from __future__ import annotations

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
