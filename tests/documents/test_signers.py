"""The signer block (ô 7a/7b) in every form Nghị định 30/2020 uses: TM., KT., Q., TL., TUQ.
and their combinations, read back from the rendered documents."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support import SAMPLE_DIR, write_json
from support.docx_read import bold, open_docx

from generator.build import render_file
from generator.documents.common import signer_lines
from generator.errors import ValidationFailed

TODAY = date(2026, 11, 29)
PROVINCE = {"name": "Ủy ban nhân dân tỉnh Quảng Ninh", "abbreviation": "UBND",
            "place": "Quảng Ninh"}


@pytest.mark.parametrize("signer, body, lines", [
    ({"title": "Bộ trưởng, Chủ nhiệm"}, None, ["BỘ TRƯỞNG, CHỦ NHIỆM"]),
    ({"authority": "KT.", "head_title": "Bộ trưởng, Chủ nhiệm", "title": "Phó Chủ nhiệm"}, None,
     ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"]),
    ({"authority": "Q.", "title": "Vụ trưởng"}, None, ["Q. VỤ TRƯỞNG"]),
    ({"title": "Chủ tịch"}, "Ủy ban nhân dân", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ({"authority": "KT.", "head_title": "Chủ tịch", "title": "Phó Chủ tịch"}, "Ủy ban nhân dân",
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ({"authority": "Q.", "title": "Chủ tịch"}, "Ủy ban nhân dân",
     ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]),
    ({"chain": [{"authority": "TL.", "title": "Bộ trưởng"},
                {"authority": "KT.", "title": "Vụ trưởng Vụ Tổ chức cán bộ"}],
      "title": "Phó Vụ trưởng"}, None,
     ["TL. BỘ TRƯỞNG", "KT. VỤ TRƯỞNG VỤ TỔ CHỨC CÁN BỘ", "PHÓ VỤ TRƯỞNG"]),
    ({"authority": "TUQ.", "head_title": "Chủ tịch", "title": "Chánh Văn phòng"}, None,
     ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    ({"authority": "TM.", "head_title": "Hội đồng", "title": "Chủ tịch"}, "Hội đồng",
     ["TM. HỘI ĐỒNG", "CHỦ TỊCH"]),
], ids=lambda v: None if isinstance(v, dict) or v is None else str(v))
def test_signer_lines_every_form(signer, body, lines):
    signer = {**signer, "name": "Nguyễn Văn A"}
    assert signer_lines(signer, body) == lines


def footer_signer(content: bytes) -> list[str]:
    """The signer column of the footer table: authority and title lines, then the name."""
    document = open_docx(content)
    table = next(t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận"))
    paragraphs = [p for p in table.cell(0, 1).paragraphs if p.text.strip()]
    assert all(bold(p) for p in paragraphs)
    return [p.text for p in paragraphs]


def province_plan(campaign: dict, signer: dict) -> dict:
    return {**campaign, "issuer": dict(PROVINCE), "signer": signer}


def render_plan(tmp_path: Path, data: dict) -> bytes:
    return render_file(write_json(tmp_path / "campaign.json", data), today=TODAY).content


def test_a_provincial_plan_signed_by_a_vice_chairman_has_three_lines(tmp_path, campaign):
    data = province_plan(campaign, {"authority": "KT.", "head_title": "Chủ tịch",
                                    "title": "Phó Chủ tịch", "name": "Nguyễn Văn Bình"})
    assert footer_signer(render_plan(tmp_path, data)) == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình"]


def test_collective_false_leaves_the_tm_line_out(tmp_path, campaign):
    data = province_plan(campaign, {"title": "Chủ tịch", "name": "Nguyễn Văn Bình",
                                    "collective": False})
    assert footer_signer(render_plan(tmp_path, data)) == ["CHỦ TỊCH", "Nguyễn Văn Bình"]


def test_a_chairmans_own_decision_is_signed_without_tm(tmp_path):
    data = json.loads((SAMPLE_DIR / "decisions" / "dot-xuat-2025.json").read_text("utf-8"))
    data.update(issuer=dict(PROVINCE), authority={"title": "Chủ tịch Ủy ban nhân dân tỉnh "
                                                           "Quảng Ninh", "level": "tỉnh"},
                signer={"authority": "KT.", "head_title": "Chủ tịch", "title": "Phó Chủ tịch",
                        "name": "Nguyễn Văn Bình"})
    for group in data["awards"]:
        group["form"] = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh"
    content = render_file(write_json(tmp_path / "d.json", data), today=TODAY).content
    assert footer_signer(content) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình"]


def test_the_vpcp_sample_signers_are_unchanged():
    content = render_file(SAMPLE_DIR / "decisions" / "dot-xuat-2025.json", today=TODAY).content
    assert footer_signer(content) == ["KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM",
                                      "Nguyễn Hữu Thành"]


def issues_of(tmp_path: Path, data: dict) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as err:
        render_plan(tmp_path, data)
    found: dict[str, str] = {}
    for issue in err.value.issues:
        found[issue.path] = f"{found.get(issue.path, '')} | {issue.message}"
    return found


@pytest.mark.parametrize("signer, path, words", [
    ({"chain": [{"authority": "KT.", "title": "Chủ tịch"}, {"authority": "TL.", "title": "X"}],
      "title": "Phó Chủ tịch"}, "$.signer", "thứ tự phải là TM."),
    ({"chain": [{"authority": "TL.", "title": "Chủ tịch"}, {"authority": "TUQ.", "title": "X"}],
      "title": "Chánh Văn phòng"}, "$.signer", "TL. và TUQ."),
    ({"chain": [{"authority": "TL.", "title": "Chủ tịch"}, {"authority": "KT.", "title": "X"}],
      "title": "Phó Chánh Văn phòng"}, "$.signer", "tối đa 3 dòng"),
    ({"chain": [{"authority": "KT.", "title": "Chủ tịch"}], "head_title": "Chủ tịch",
      "title": "Phó Chủ tịch"}, "$.signer.head_title", "bỏ head_title"),
    ({"chain": [{"authority": "KT.", "title": "Chủ tịch"}], "authority": "TL.",
      "head_title": "X", "title": "Phó Chủ tịch"}, "$.signer.authority", "chỉ còn dùng cho Q."),
])
def test_signer_blocks_the_forms_do_not_use_are_refused(tmp_path, campaign, signer, path, words):
    data = province_plan(campaign, {**signer, "name": "Nguyễn Văn Bình"})
    assert words in issues_of(tmp_path, data)[path]


def test_cli_names_the_signer_problem_and_exits_1(tmp_path, campaign, run):
    data = province_plan(campaign, {"chain": [{"authority": "KT.", "title": "Chủ tịch"},
                                              {"authority": "TM.", "title": "Ủy ban nhân dân"}],
                                    "title": "Phó Chủ tịch", "name": "Nguyễn Văn Bình"})
    path = write_json(tmp_path / "campaign.json", data)
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "$.signer: quyền hạn ký «KT. CHỦ TỊCH / TM. ỦY BAN NHÂN DÂN" in result.stderr
