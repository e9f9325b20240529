"""Unit implementing plans: inherited from the agency plan, cross-checked against it, drafted
and pre-filled from it."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from support import SAMPLE_DIR, write_json
from support.cases import apply_case, discover
from support.docx_read import body_paragraphs, bold, open_docx, size_pt, text_of

from generator.build import load_source, render_file
from generator.errors import ValidationFailed
from generator.unit_drafts import TARGET_PLACEHOLDER, draft_unit_plans

TODAY = date(2026, 11, 29)
UNITS = sorted((SAMPLE_DIR / "units").glob("*.json"))
INVALID = discover("unit-plan", "invalid")
AGENCY_PLAN = "Kế hoạch số 15/KH-VPCP ngày 24 tháng 9 năm 2021 của Văn phòng Chính phủ"


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rendered() -> dict[str, object]:
    return {p.stem: open_docx(render_file(p, today=TODAY).content) for p in UNITS}


def test_four_sample_units_with_different_content():
    assert {p.stem for p in UNITS} >= {"TCCB", "TTDT", "CD", "KGVX"}
    assert len(load(SAMPLE_DIR / "units" / "KGVX.json")["activities"]) >= 15


@pytest.mark.parametrize("unit", [p.stem for p in UNITS])
def test_unit_plan_header_names_the_agency_above_the_unit(rendered, unit):
    data = load(SAMPLE_DIR / "units" / f"{unit}.json")
    campaign = load(SAMPLE_DIR / "campaign.json")
    info = next(u for u in campaign["units"] if u["code"] == unit)
    cell = rendered[unit].tables[0].cell(0, 0)
    parent, agency = [p for p in cell.paragraphs if p.text]
    assert parent.text == "VĂN PHÒNG CHÍNH PHỦ" and not bold(parent)
    # A name too long for the column is broken into lines of its own (CĐ, TTĐT).
    assert agency.text.replace("\n", " ") == info["name"].upper()
    assert bold(agency) and 12 <= size_pt(agency) <= 13
    number = rendered[unit].tables[0].cell(1, 0).paragraphs[0].text
    assert number == f"Số: {data['document']['number']:02d}/KH-{info['abbreviation']}"


@pytest.mark.parametrize("unit", [p.stem for p in UNITS])
def test_can_cu_carries_the_agency_plan_number_and_date(rendered, unit):
    bases = [p.text for p in body_paragraphs(rendered[unit]) if p.text.startswith("Căn cứ")]
    assert bases[0].startswith("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003")
    assert bases[-1].startswith(f"Căn cứ {AGENCY_PLAN} về triển khai phong trào thi đua đặc biệt")
    assert bases[-1].endswith(".")


@pytest.mark.parametrize("unit", [p.stem for p in UNITS])
def test_inherited_contents_and_assigned_tasks_appear(rendered, unit):
    campaign = load(SAMPLE_DIR / "campaign.json")
    text = text_of(rendered[unit])
    for content in campaign["contents"]:
        assert content in text
    tasks = [t["text"] for t in campaign["responsibilities"]
             if t.get("all_units") or unit in t.get("units", [])]
    others = [t["text"] for t in campaign["responsibilities"] if t["text"] not in tasks]
    assert tasks and all(f"- {t}" in text for t in tasks)
    assert not any(t in text for t in others)
    assert "1. Nhiệm vụ được giao tại Kế hoạch số 15/KH-VPCP" in text


def _rows(document, heading: str) -> list[list[str]]:
    for table in document.tables[1:-1]:
        if table.rows[0].cells[0].text == "STT" and heading in table.rows[0].cells[-1].text:
            return [[c.text for c in row.cells] for row in table.rows]
    return []


@pytest.mark.parametrize("unit", [p.stem for p in UNITS])
def test_tables_have_their_rows_and_a_repeating_header(rendered, unit):
    data = load(SAMPLE_DIR / "units" / f"{unit}.json")
    document = rendered[unit]
    registrations = _rows(document, "Danh hiệu đăng ký")
    activities = _rows(document, "Thời hạn")
    assert len(registrations) == (len(data.get("registrations", [])) + 1 if
                                  data.get("registrations") else 0)
    assert len(activities) == len(data.get("activities", [])) + 1
    for i, entry in enumerate(data.get("registrations", []), 1):
        assert registrations[i][:2] == [str(i), entry["name"]]
        assert registrations[i][3] == entry["title"]
    for i, entry in enumerate(data["activities"], 1):
        y, m, d = entry["deadline"].split("-")
        assert activities[i][0] == str(i) and activities[i][4] == f"{d}/{m}/{y}"
    for table in document.tables[1:-1]:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_section_numbers_follow_the_sections_present(rendered):
    headings = [p.text for p in body_paragraphs(rendered["CD"]) if re.match(r"^[IVX]+\. ", p.text)]
    assert headings == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, CHỈ TIÊU THI ĐUA",
                        "III. CÁC HOẠT ĐỘNG TRIỂN KHAI", "IV. TỔ CHỨC THỰC HIỆN"]


def test_union_signs_for_its_committee(rendered):
    right = rendered["CD"].tables[-1].cell(0, 1)
    assert [p.text for p in right.paragraphs if p.text] == [
        "TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "Hoàng Thị Mai Anh"]


def test_unit_plan_body_ends_with_the_closing_mark(rendered):
    for document in rendered.values():
        texts = [p.text for p in body_paragraphs(document) if p.text.strip()]
        assert texts[-1].endswith("./.")


@pytest.mark.parametrize(("name", "case"), INVALID, ids=[n for n, _ in INVALID])
def test_cross_file_errors_name_the_path_and_write_nothing(run, tmp_path, name, case):
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE_DIR, folder)
    unit_file = folder / "units" / "KGVX.json"
    write_json(unit_file, apply_case(load(unit_file), case))
    with pytest.raises(ValidationFailed) as info:
        load_source(unit_file)
    found = {i.path: i.message for i in info.value.issues}
    assert set(found) == set(case["expect"]), found
    for where, words in case["expect"].items():
        assert words in found[where]
    result = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and str(unit_file) in result.stderr
    assert not (tmp_path / "out").exists()


def test_errors_name_the_campaign_file_too(tmp_path):
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE_DIR, folder)
    unit_file = folder / "units" / "KGVX.json"
    data = load(unit_file)
    data["activities"][0]["deadline"] = "2030-01-01"
    write_json(unit_file, data)
    with pytest.raises(ValidationFailed) as info:
        load_source(unit_file)
    assert str(folder / "campaign.json") in info.value.issues[0].message


def test_missing_campaign_file(run, tmp_path):
    unit_file = write_json(tmp_path / "units" / "KGVX.json",
                           load(SAMPLE_DIR / "units" / "KGVX.json"))
    result = run("unit-plan", str(unit_file), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"{unit_file}: $.campaign: không tìm thấy tệp Kế hoạch của cơ quan" in result.stderr
    assert not (tmp_path / "out").exists()


def test_invalid_campaign_is_reported_with_both_files(run, tmp_path):
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE_DIR, folder)
    campaign = load(folder / "campaign.json")
    campaign["document"]["number"] = "mười lăm"
    write_json(folder / "campaign.json", campaign)
    unit_file = folder / "units" / "TCCB.json"
    result = run("unit-plan", str(unit_file), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"{unit_file}: $.campaign: tệp Kế hoạch của cơ quan" in result.stderr
    assert f"{folder / 'campaign.json'}: $.document.number: phải là số nguyên" in result.stderr
    assert not (tmp_path / "out").exists()


def test_changing_the_agency_plan_changes_the_unit_plans_without_editing_them(run, tmp_path):
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE_DIR, folder)
    campaign = load(folder / "campaign.json")
    campaign["document"] = {"number": 27, "date": "2021-09-25"}
    campaign["responsibilities"][4]["text"] = "Vụ Tổ chức cán bộ lập sổ theo dõi phong trào."
    write_json(folder / "campaign.json", campaign)
    assert run("build", str(folder), "-o", str(tmp_path / "out")).exit_code == 0
    text = text_of(open_docx(str(tmp_path / "out" / "Kế hoạch 02-KH-TCCB.docx")))
    assert "Kế hoạch số 27/KH-VPCP ngày 25 tháng 9 năm 2021" in text
    assert "- Vụ Tổ chức cán bộ lập sổ theo dõi phong trào." in text
    assert "15/KH-VPCP" not in text


def test_build_writes_the_agency_plan_and_every_unit_plan(run, tmp_path):
    result = run("build", str(SAMPLE_DIR), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name.startswith("Kế hoạch"))
    assert names == sorted(["Kế hoạch 15-KH-VPCP.docx", "Kế hoạch 02-KH-TCCB.docx",
                            "Kế hoạch 45-KH-TTĐT.docx", "Kế hoạch 12-KH-CĐ.docx",
                            "Kế hoạch 07-KH-KGVX.docx"])


def test_drafts_for_units_without_their_own_file():
    drafts = draft_unit_plans(SAMPLE_DIR / "campaign.json", [], TODAY)
    campaign = load(SAMPLE_DIR / "campaign.json")
    assert len(drafts) == len(campaign["units"]) - len(UNITS)
    assert all(d.name.endswith("(dự thảo).docx") for d in drafts)
    pl = next(d for d in drafts if d.name == "Kế hoạch KH-PL (dự thảo).docx")
    document = open_docx(pl.content)
    text = text_of(document)
    assert AGENCY_PLAN in text and TARGET_PLACEHOLDER in text
    assert re.search(r"Số: \u00a0+/KH-PL", text)
    assert "xây dựng Kế hoạch cụ thể để triển khai Kế hoạch của Văn phòng Chính phủ" in text


def test_unit_plans_command_with_selected_units(run, tmp_path):
    result = run("unit-plans", str(SAMPLE_DIR / "campaign.json"), "-o", str(tmp_path),
                 "--unit", "TCCB", "--unit", "PL")
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == [
        "Kế hoạch KH-PL (dự thảo).docx", "Kế hoạch KH-TCCB (dự thảo).docx"]
    bad = run("unit-plans", str(SAMPLE_DIR / "campaign.json"), "-o", str(tmp_path / "x"),
              "--unit", "KHONG")
    assert bad.exit_code == 1 and "«KHONG»" in bad.stderr and not (tmp_path / "x").exists()


def test_init_unit_writes_a_valid_file_that_renders(run, tmp_path):
    folder = tmp_path / "campaign"
    shutil.copytree(SAMPLE_DIR, folder)
    result = run("init-unit", str(folder / "campaign.json"), "--unit", "PL")
    assert result.exit_code == 0
    unit_file = folder / "units" / "PL.json"
    data = load(unit_file)
    assert data["campaign"] == "../campaign.json" and data["unit"] == "PL"
    assert data["registrations"][0]["title"] == "Tập thể lao động xuất sắc"
    document = open_docx(render_file(unit_file, today=TODAY).content)
    assert AGENCY_PLAN in text_of(document)
    again = run("init-unit", str(folder / "campaign.json"), "--unit", "PL")
    assert again.exit_code == 1 and "--force" in again.stderr
    assert load(unit_file) == data


def test_init_unit_elsewhere_points_back_at_the_campaign(run, tmp_path):
    target = tmp_path / "nested" / "dir" / "PL.json"
    result = run("init-unit", str(SAMPLE_DIR / "campaign.json"), "--unit", "PL",
                 "-o", str(target))
    assert result.exit_code == 0
    assert (target.parent / load(target)["campaign"]).resolve() == \
        (SAMPLE_DIR / "campaign.json").resolve()
    render_file(target, today=TODAY)

