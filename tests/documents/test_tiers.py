"""Decisions and proposals of a province (issue 12): the signer's authority by tier and date,
refused or warned with the decider named, through the CLI as a clerk runs it."""

from __future__ import annotations

import json

from support import SAMPLE_DIR, write_json

PROVINCE = {"name": "Ủy ban nhân dân tỉnh Quảng Ninh", "abbreviation": "UBND",
            "place": "Quảng Ninh"}
CHAIRMAN = {"title": "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh", "level": "tỉnh"}


def provincial_decision(form: str, day: str = "2025-08-15") -> dict:
    data = json.loads((SAMPLE_DIR / "decisions" / "dot-xuat-2025.json").read_text("utf-8"))
    data.update(issuer=dict(PROVINCE), authority=dict(CHAIRMAN), extra_bases=[],
                proposed_by="Giám đốc Sở Nội vụ",
                signer={"title": "Chủ tịch", "name": "Nguyễn Văn Bình"})
    data["document"]["date"] = day
    for group in data["awards"]:
        group["form"] = form
    return data


def test_a_chairman_cannot_grant_a_ministers_bang_khen(tmp_path, run):
    path = write_json(tmp_path / "d.json",
                      provincial_decision("Bằng khen của Bộ trưởng Bộ Nội vụ"))
    result = run("decision", str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert ("$.awards[0].form: «Bằng khen của Bộ trưởng Bộ Nội vụ» do Bộ trưởng, Thủ trưởng "
            "cơ quan ngang bộ quyết định, vượt thẩm quyền của Chủ tịch Ủy ban nhân dân tỉnh "
            "Quảng Ninh") in result.stderr
    assert "Điều 74; Nghị định 152/2025/NĐ-CP" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_chairman_grants_the_provinces_bang_khen(tmp_path, run):
    path = write_json(tmp_path / "d.json", provincial_decision(
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh"))
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr


def test_a_district_chairman_after_the_two_tiers_is_refused(tmp_path, run):
    data = provincial_decision("Giấy khen của Chủ tịch Ủy ban nhân dân huyện Tiên Yên")
    data["authority"] = {"title": "Chủ tịch Ủy ban nhân dân huyện Tiên Yên", "level": "huyện"}
    result = run("validate", str(write_json(tmp_path / "d.json", data)))
    assert result.exit_code == 1
    assert "$.authority.level: cấp huyện chấm dứt hoạt động từ ngày 01/7/2025" in result.stderr
    data["document"]["date"] = "2025-06-20"
    result = run("validate", str(write_json(tmp_path / "d.json", data)))
    assert result.exit_code == 0, result.stderr


def provincial_proposal(form: str) -> dict:
    data = json.loads((SAMPLE_DIR / "proposals" / "bang-khen-thu-tuong.json").read_text("utf-8"))
    del data["campaign"]
    data.update(issuer=dict(PROVINCE), extra_bases=[], kind="thường xuyên",
                council={"name": "Hội đồng Thi đua - Khen thưởng tỉnh Quảng Ninh",
                         "meeting_date": "2025-09-10"},
                signer={"title": "Chủ tịch", "name": "Nguyễn Văn Bình"},
                document={"number": 30, "date": "2025-09-15"})
    for group in data["awards"]:
        group["form"] = form
    return data


def test_asking_the_prime_minister_for_the_provinces_own_form_warns_naming_the_chairman(
        tmp_path, run):
    path = write_json(tmp_path / "p.json", provincial_proposal(
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh"))
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert ("thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp tỉnh: cơ quan có thể tự quyết "
            "định") in result.stderr
    assert "Bộ trưởng" not in result.stderr


def test_a_province_proposing_the_prime_ministers_bang_khen_is_clean(tmp_path, run):
    path = write_json(tmp_path / "p.json",
                      provincial_proposal("Bằng khen của Thủ tướng Chính phủ"))
    result = run("validate", str(path))
    assert result.exit_code == 0 and "cảnh báo" not in result.stderr.casefold(), result.stderr
    assert result.stderr.strip() == "" or "thẩm quyền" not in result.stderr
