"""Issuers of every tier (issue 12): the header's agency block as Phụ lục I of Nghị định 30/2020
draws it, read back from the rendered .docx as a clerk would check it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support import write_json
from support.docx_read import bold, open_docx, size_pt

from generator.build import render_file
from generator.errors import ValidationFailed
from generator.render import layout

TODAY = date(2026, 11, 29)

PROVINCE = {"name": "Ủy ban nhân dân tỉnh Quảng Ninh", "abbreviation": "UBND",
            "place": "Quảng Ninh"}


def province_campaign(campaign: dict) -> dict:
    campaign["issuer"] = dict(PROVINCE)
    campaign["units"].append({"code": "SKHCN", "name": "Sở Khoa học và Công nghệ",
                              "abbreviation": "SKHCN", "kind": "sở"})
    return campaign


def header_left(content: bytes) -> list[str]:
    """The non-empty paragraphs of the header's left column, as Word shows them."""
    cell = open_docx(content).tables[0].cell(0, 0)
    return [p.text for p in cell.paragraphs if p.text.strip()]


def render_campaign(tmp_path: Path, campaign: dict) -> bytes:
    return render_file(write_json(tmp_path / "campaign.json", campaign), today=TODAY).content


def unit_plan(tmp_path: Path, code: str) -> bytes:
    unit = write_json(tmp_path / "units" / f"{code}.json", {
        "campaign": "../campaign.json", "unit": code,
        "document": {"number": 3, "date": "2021-10-01"},
        "targets": ["100% công chức đăng ký thi đua."],
        "signer": {"title": "Giám đốc", "name": "Nguyễn Văn Bình"},
        "recipients": ["Ủy ban nhân dân tỉnh"], "archive": {"units": ["VP"]}})
    return render_file(unit, today=TODAY).content


def test_a_peoples_committee_is_two_lines_with_no_parent_line(tmp_path, campaign):
    content = render_campaign(tmp_path, province_campaign(campaign))
    assert header_left(content) == ["ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH"]
    cell = open_docx(content).tables[0].cell(0, 0)
    agency = next(p for p in cell.paragraphs if p.text.strip())
    assert bold(agency) and size_pt(agency) == 12
    assert open_docx(content).tables[0].cell(1, 0).text == "Số: 15/KH-UBND"


def test_a_so_prints_its_parent_abbreviated_and_its_name_fitted(tmp_path, campaign):
    write_json(tmp_path / "campaign.json", province_campaign(campaign))
    parent, agency = header_left(unit_plan(tmp_path, "SKHCN"))
    assert parent == "UBND TỈNH QUẢNG NINH"
    assert agency == "SỞ KHOA HỌC\nVÀ CÔNG NGHỆ"
    for line in agency.split("\n"):
        assert layout.fits_header_column(line, bold=True)


def test_given_lines_and_short_name_are_printed_as_written(tmp_path, campaign):
    campaign = province_campaign(campaign)
    campaign["issuer"]["short_name"] = "UBND tỉnh Quảng Ninh"
    campaign["units"][-1]["lines"] = ["Sở Khoa học", "và Công nghệ"]
    write_json(tmp_path / "campaign.json", campaign)
    assert header_left(unit_plan(tmp_path, "SKHCN")) == ["UBND TỈNH QUẢNG NINH",
                                                         "SỞ KHOA HỌC\nVÀ CÔNG NGHỆ"]


def test_a_long_unit_name_of_the_vpcp_sample_no_longer_wraps_inside_the_column(tmp_path,
                                                                                  campaign):
    write_json(tmp_path / "campaign.json", campaign)
    _, agency = header_left(unit_plan(tmp_path, "CD"))
    assert agency == "CÔNG ĐOÀN\nVĂN PHÒNG CHÍNH PHỦ"


def issues_of(tmp_path: Path, campaign: dict) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as err:
        render_campaign(tmp_path, campaign)
    return {i.path: i.message for i in err.value.issues}


def test_lines_that_do_not_say_the_name_are_refused(tmp_path, campaign):
    campaign["issuer"]["lines"] = ["Văn phòng", "Quốc hội"]
    issues = issues_of(tmp_path, campaign)
    assert "không khớp tên cơ quan «Văn phòng Chính phủ»" in issues["$.issuer.lines"]


def test_a_line_wider_than_the_column_is_refused_naming_its_width(tmp_path, campaign):
    campaign["issuer"] = {**PROVINCE, "lines": ["Ủy ban nhân dân tỉnh Quảng Ninh"]}
    message = issues_of(tmp_path, campaign)["$.issuer.lines"]
    assert "«ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH»" in message and "quá cột tên cơ quan" in message
    assert "Word sẽ tự xuống dòng" in message


def test_the_vpcp_sample_plan_keeps_its_one_line_header(tmp_path, campaign):
    assert header_left(render_campaign(tmp_path, campaign)) == ["VĂN PHÒNG CHÍNH PHỦ"]


def test_the_schema_documents_the_new_fields_in_vietnamese():
    from generator.resources import load_schema
    agency = load_schema("common")["$defs"]["agency"]["properties"]
    assert "Ủy ban nhân dân" in agency["lines"]["description"]
    assert "UBND" in agency["parent"]["properties"]["short_name"]["description"]
    assert json.dumps(agency, ensure_ascii=False).count("title") >= 6
