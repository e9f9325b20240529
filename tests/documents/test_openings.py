"""Openings as data (issue 12): căn cứ optional, "Thực hiện …" citing the higher document,
the organic law by date, phases, a title typed in capitals, and the prize Điều — read back
from the rendered documents."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support import SAMPLE_DIR, write_json
from support.docx_read import body_paragraphs, italic, open_docx, text_of

from generator.build import render_file
from generator.errors import ValidationFailed
from generator.vn.linebreaks import plain_spaces

TODAY = date(2026, 11, 29)
PROVINCE = {"name": "Ủy ban nhân dân tỉnh Quảng Ninh", "abbreviation": "UBND",
            "place": "Quảng Ninh"}
IMPLEMENTS = ("Quyết định số 1234/QĐ-TTg ngày 10 tháng 6 năm 2025 của Thủ tướng Chính phủ "
              "ban hành Kế hoạch tổ chức phong trào thi đua")


def texts(content: bytes) -> list[str]:
    return [p.text for p in body_paragraphs(open_docx(content)) if p.text.strip()]


def render(tmp_path: Path, name: str, data: dict) -> bytes:
    return render_file(write_json(tmp_path / name, data), today=TODAY).content


def issues(tmp_path: Path, name: str, data: dict) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as err:
        render(tmp_path, name, data)
    return {i.path: i.message for i in err.value.issues}


def provincial_plan(campaign: dict) -> dict:
    campaign.update(issuer=dict(PROVINCE), legal_bases=False, extra_bases=[],
                    document={"number": 85, "date": "2025-08-05"},
                    title="TRIỂN KHAI PHONG TRÀO THI ĐUA “QUẢNG NINH ĐOÀN KẾT, SÁNG TẠO, PHÁT "
                          "TRIỂN” GIAI ĐOẠN 2025 - 2030",
                    signer={"authority": "KT.", "head_title": "Chủ tịch", "title": "Phó Chủ tịch",
                            "name": "Nguyễn Văn Bình"})
    campaign["movement"] = {
        "name": "Quảng Ninh đoàn kết, sáng tạo, phát triển", "start": "2025-08-05",
        "end": "2030-12-31",
        "implements": {"name": "Cả nước thi đua", "launched_by": "Thủ tướng Chính phủ",
                       "launched_on": "2025-06-10", "document": IMPLEMENTS},
        "phases": [{"name": "Giai đoạn 2025 - 2027", "start": "2025-08-05", "end": "2027-12-31",
                    "review": "2028-01-15"},
                   {"name": "Giai đoạn 2028 - 2030", "start": "2028-01-01", "end": "2030-12-31"}]}
    return campaign


def test_a_plan_without_can_cu_opens_with_thuc_hien_the_higher_document(tmp_path, campaign):
    lines = texts(render(tmp_path, "campaign.json", provincial_plan(campaign)))
    assert not [t for t in lines if t.startswith("Căn cứ")]
    assert lines[2] == (f"Thực hiện {IMPLEMENTS}, Ủy ban nhân dân tỉnh Quảng Ninh ban hành Kế "
                        "hoạch triển khai phong trào thi đua “Quảng Ninh đoàn kết, sáng tạo, "
                        "phát triển” giai đoạn 2025 - 2030 như sau:")


def test_a_title_typed_in_capitals_prints_as_a_sentence_with_its_names(tmp_path, campaign):
    lines = texts(render(tmp_path, "campaign.json", provincial_plan(campaign)))
    assert plain_spaces(lines[1]) == ("Triển khai phong trào thi đua “Quảng Ninh đoàn kết, sáng tạo, phát "
                        "triển” giai đoạn 2025 - 2030")


def test_a_unit_plan_cites_a_capitalised_title_in_lower_case(tmp_path, campaign):
    data = provincial_plan(campaign)
    data["legal_bases"] = True
    write_json(tmp_path / "campaign.json", data)
    unit = {"campaign": "../campaign.json", "unit": "TCCB",
            "document": {"number": 3, "date": "2025-08-20"}, "targets": ["Mọi người đăng ký."],
            "signer": {"title": "Vụ trưởng", "name": "Lê Văn C"},
            "recipients": ["Lãnh đạo"], "archive": {"units": ["TCCB"]}}
    text = text_of(open_docx(render(tmp_path, "units/TCCB.json", unit)))
    assert ("Kế hoạch số 85/KH-UBND ngày 05 tháng 8 năm 2025 của Ủy ban nhân dân tỉnh Quảng "
            "Ninh về triển khai phong trào thi đua “Quảng Ninh đoàn kết") in text
    assert "tRIỂN" not in text


def test_a_unit_plan_without_can_cu_cites_the_agency_plan_in_its_opening(tmp_path, campaign):
    write_json(tmp_path / "campaign.json", campaign)
    unit = json.loads((SAMPLE_DIR / "units" / "TCCB.json").read_text("utf-8"))
    unit["legal_bases"] = False
    lines = texts(render(tmp_path, "units/TCCB.json", unit))
    assert not [t for t in lines if t.startswith("Căn cứ")]
    opening = next(plain_spaces(t) for t in lines
                   if plain_spaces(t).startswith("Thực hiện Kế hoạch số 15/KH-VPCP"))
    assert opening.endswith("Vụ Tổ chức cán bộ xây dựng Kế hoạch thực hiện phong trào thi đua "
                            "“Văn phòng Chính phủ tận tâm, hiệp lực, vì đất nước, quyết tâm "
                            "chiến thắng đại dịch COVID-19” như sau:")


def test_phases_are_printed_under_the_period(tmp_path, campaign):
    lines = texts(render(tmp_path, "campaign.json", provincial_plan(campaign)))
    at = lines.index("Từ ngày 05 tháng 8 năm 2025 đến ngày 31 tháng 12 năm 2030.")
    assert lines[at + 1:at + 3] == [
        ("- Giai đoạn 2025 - 2027: từ ngày 05 tháng 8 năm 2025 đến ngày 31 tháng 12 năm 2027; "
         "sơ kết ngày 15 tháng 01 năm 2028;"),
        "- Giai đoạn 2028 - 2030: từ ngày 01 tháng 01 năm 2028 đến ngày 31 tháng 12 năm 2030."]


@pytest.mark.parametrize("change, path, words", [
    (lambda m: m["phases"][1].update(start="2027-06-01"), "$.movement.phases[1].start",
     "bắt đầu trước khi giai đoạn trước kết thúc"),
    (lambda m: m["phases"][1].update(end="2031-06-30"), "$.movement.phases[1]",
     "nằm ngoài thời gian phong trào"),
    (lambda m: m["phases"][0].update(review="2025-01-01"), "$.movement.phases[0].review",
     "trước khi giai đoạn bắt đầu"),
])
def test_phases_out_of_order_or_outside_the_movement_are_refused(tmp_path, campaign, change,
                                                                 path, words):
    data = provincial_plan(campaign)
    change(data["movement"])
    assert words in issues(tmp_path, "campaign.json", data)[path]


def test_no_can_cu_with_extra_can_cu_is_refused(tmp_path, campaign):
    data = provincial_plan(campaign)
    data["extra_bases"] = ["Quyết định số 1/QĐ-UBND"]
    assert "không in phần căn cứ" in issues(tmp_path, "campaign.json", data)["$.extra_bases"]


def provincial_decision(day: str) -> dict:
    data = json.loads((SAMPLE_DIR / "decisions" / "dot-xuat-2025.json").read_text("utf-8"))
    data.update(issuer=dict(PROVINCE), extra_bases=[], proposed_by="Giám đốc Sở Nội vụ",
                authority={"title": "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh",
                           "level": "tỉnh"},
                signer={"title": "Chủ tịch", "name": "Nguyễn Văn Bình"},
                executors=["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Nội vụ"])
    data["document"]["date"] = day
    for group in data["awards"]:
        group["form"] = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh"
    return data


@pytest.mark.parametrize("day, organic", [
    ("2025-08-15", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
    ("2025-06-20", ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật "
                    "sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức "
                    "chính quyền địa phương ngày 22 tháng 11 năm 2019;")),
])
def test_a_provincial_decision_cites_the_local_government_law_in_force_first(tmp_path, day,
                                                                              organic):
    document = open_docx(render(tmp_path, "d.json", provincial_decision(day)))
    bases = [p for p in body_paragraphs(document) if p.text.startswith("Căn cứ")]
    assert bases[0].text == organic and italic(bases[0])
    assert bases[1].text.startswith("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022")


def test_a_ministry_decision_cites_the_government_law_when_asked(tmp_path):
    data = json.loads((SAMPLE_DIR / "decisions" / "dot-xuat-2025.json").read_text("utf-8"))
    lines = texts(render(tmp_path, "d.json", data))
    assert not [t for t in lines if "Luật Tổ chức" in t]
    data["organic_law"] = True
    lines = texts(render(tmp_path, "d.json", data))
    assert next(t for t in lines if t.startswith("Căn cứ")) == (
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;")


def articles(content: bytes) -> list[str]:
    return [t for t in texts(content) if t.startswith("Điều ")]


def test_the_prize_article_computes_the_amount_nd_152_2025_dieu_54(tmp_path):
    # Issue 17: without an amount the prize is computed, not "theo quy định hiện hành": on
    # 15/8/2025 Nghị định 152/2025 khoản 1 Điều 54 gives a provincial Bằng khen 1,5 times the
    # base salary of Nghị định 73/2024 (2.340.000 đồng).
    content = render(tmp_path, "d.json", provincial_decision("2025-08-15"))
    found = articles(content)
    assert found[1] == ("Điều 2. Kèm theo Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng "
                        "Ninh là tiền thưởng: mỗi cá nhân 3.510.000 đồng (Ba triệu năm trăm "
                        "mười nghìn đồng), trích từ Quỹ thi đua, khen thưởng của Ủy ban nhân "
                        "dân tỉnh Quảng Ninh.")
    assert found[2].startswith("Điều 3. Quyết định này có hiệu lực")
    assert "- Như Điều 3;" in text_of(open_docx(content))


def test_a_typed_amount_that_differs_from_the_decree_is_refused(tmp_path):
    data = provincial_decision("2025-08-15")
    data["awards"][0]["prize"] = {"individual": 1_053_000, "source": "ngân sách tỉnh"}
    message = issues(tmp_path, "d.json", data)["$.awards[0].prize.individual"]
    assert "1.053.000 đồng khác mức theo quy định ngày 15/08/2025" in message
    assert "1,5 × 2.340.000 đồng" in message and "= 3.510.000 đồng" in message
    assert "Điều 54 Nghị định số 152/2025/NĐ-CP" in message
    assert "$.awards[0].prize.reason" in message


def test_prize_amounts_and_a_source_are_printed_as_given_with_a_reason(tmp_path):
    data = provincial_decision("2025-08-15")
    data["awards"][0]["prize"] = {"individual": 1_053_000, "source": "ngân sách tỉnh",
                                  "reason": "mức theo Nghị quyết của Hội đồng nhân dân tỉnh"}
    found = articles(render(tmp_path, "d.json", data))
    assert "mỗi cá nhân 1.053.000 đồng" in found[1] and found[1].endswith("ngân sách tỉnh.")
    assert "Hội đồng nhân dân" not in " ".join(found)       # the reason is not printed
    (warning,) = [w for w in render_file(write_json(tmp_path / "d.json", data), today=TODAY).warnings
                  if w.path == "$.awards[0].prize.individual"]
    assert warning.severity == "warning" and warning.message == (
        "mức thưởng mỗi cá nhân 1.053.000 đồng thay cho mức theo quy định 3.510.000 đồng (Điều "
        "54 Nghị định số 152/2025/NĐ-CP), lý do: mức theo Nghị quyết của Hội đồng nhân dân tỉnh")


def test_a_typed_amount_equal_to_the_decree_needs_no_reason(tmp_path):
    data = provincial_decision("2025-08-15")
    data["awards"][0]["prize"] = {"individual": 3_510_000, "source": "ngân sách tỉnh"}
    assert "mỗi cá nhân 3.510.000 đồng" in articles(render(tmp_path, "d.json", data))[1]


def test_a_phase_review_decision_names_its_phase(tmp_path, campaign):
    write_json(tmp_path / "campaign.json", provincial_plan(campaign))
    data = provincial_decision("2028-01-20")
    data.update(campaign="campaign.json", kind="sơ kết", phase="Giai đoạn 2025 - 2027")
    del data["issuer"]
    lines = texts(render(tmp_path, "d.json", data))
    assert "sơ kết giai đoạn 2025 - 2027 phong trào thi đua “Quảng Ninh đoàn kết" in plain_spaces(lines[1])
    data["phase"] = "Giai đoạn 2031 - 2035"
    message = issues(tmp_path, "d.json", data)["$.phase"]
    assert "không có trong phong trào" in message and "«Giai đoạn 2025 - 2027»" in message
