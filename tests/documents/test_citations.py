"""Căn cứ against the legal library (issue 13, point 5), end to end: `validate` warns with the
JSON path and the replacement, `build` still writes (nothing is rewritten), and `thidua check`
reports the same căn cứ in the document."""

from __future__ import annotations

import json
from pathlib import Path

from generator.check.run import check_document

# The sample's data is as a văn thư corrected it; each test plants the fault it is about.
ND150 = ("Nghị định số 150/2016/NĐ-CP ngày 11 tháng 11 năm 2016 của Chính phủ quy định chức "
         "năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Văn phòng Chính phủ")


def plant(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def cite_nd150(campaign_dir: Path) -> Path:
    """The Tờ trình of 26/12/2022 citing Nghị định 150/2016, replaced on 06/10/2022."""
    path = campaign_dir / "proposals" / "huan-chuong-lao-dong-hang-ba.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["extra_bases"] = [ND150]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_validate_warns_of_a_superseded_decree_naming_its_replacement(run, campaign_dir):
    result = run("validate", str(cite_nd150(campaign_dir)))
    assert result.exit_code == 0, result.stderr
    assert ("huan-chuong-lao-dong-hang-ba.json: $.extra_bases[0]: cảnh báo: Nghị định số "
            "150/2016/NĐ-CP hết hiệu lực từ ngày 06/10/2022, trước ngày văn bản 26/12/2022; đã "
            "được thay thế bởi Nghị định số 79/2022/NĐ-CP") in result.stderr


def test_validate_warns_of_a_decree_cited_without_its_date(run, campaign_dir):
    path = plant(campaign_dir / "decisions" / "dot-xuat-2025.json",
                 "36/2025/NĐ-CP ngày 25 tháng 02 năm 2025 của", "36/2025/NĐ-CP của")
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert ("$.extra_bases[0]: cảnh báo: «Nghị định số 36/2025/NĐ-CP» thiếu ngày ban hành"
            ) in result.stderr
    # the date is offered (the decree's header: "Hà Nội, ngày 25 tháng 02 năm 2025")
    assert "Nghị định số 36/2025/NĐ-CP ngày 25 tháng 02 năm 2025" in result.stderr


def test_a_decree_in_force_gives_no_warning(run, campaign_dir):
    path = campaign_dir / "proposals" / "huan-chuong-lao-dong-hang-ba.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["extra_bases"] = [("Nghị định số 79/2022/NĐ-CP ngày 06 tháng 10 năm 2022 của Chính "
                            "phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của "
                            "Văn phòng Chính phủ")]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 0 and "extra_bases" not in result.stderr


def test_build_keeps_what_the_user_wrote_and_check_reports_it(run, tmp_path: Path, campaign_dir):
    out = tmp_path / "out"
    cite_nd150(campaign_dir)
    result = run("build", str(campaign_dir), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "150/2016/NĐ-CP hết hiệu lực" in result.stderr
    findings = [f for f in check_document(out / "Tờ trình 211-TTr-VPCP.docx")
                if f.rule == "ND30-CAN-CU-HIEU-LUC"]
    cited = "Nghị định số 150/2016/NĐ-CP ngày 11 tháng 11 năm 2016"
    assert [(f.severity, f.found) for f in findings] == [("warning", cited)]
    signed_2021 = check_document(out / "Quyết định 87-QĐ-VPCP.docx")
    assert "ND30-CAN-CU-HIEU-LUC" not in {f.rule for f in signed_2021}


def test_validate_warns_of_capitals_and_i_y_at_their_path(run, campaign_dir):
    """Issue 13, point 6: the sample's campaign text as it was before the văn thư's
    corrections, warned where it is."""
    path = campaign_dir / "campaign.json"
    plant(path, "sức khỏe Nhân dân.", "sức khỏe nhân dân.")
    plant(path, "triển khai phong trào thi đua đặc biệt", "triển khai Phong trào thi đua đặc biệt")
    plant(path, "bất cứ lý do nào", "bất cứ lí do nào")
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert "campaign.json: $.contents[0]: cảnh báo: «nhân dân» nên viết «Nhân dân»" \
        in result.stderr
    assert "$.solutions[0]: cảnh báo: «Phong trào thi đua» nên viết «phong trào thi đua»" \
        in result.stderr
    assert "$.solutions[1]: cảnh báo: «lí» nên viết «lý»" in result.stderr
