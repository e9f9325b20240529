"""The provincial sample (samples/quang-ninh-2025, issue 12), built with `thidua build` as a
clerk would and read back: header lines, signer lines, openings, legal bases, counts; and
every document it writes passes `thidua check`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import ROOT
from support.docx_read import body_paragraphs, open_docx

from generator.vn.linebreaks import plain_spaces

FOLDER = ROOT / "samples" / "quang-ninh-2025"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from generator.cli import main
    out = tmp_path_factory.mktemp("qn") / "out"
    result = CliRunner().invoke(main, ["build", str(FOLDER), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def document(built: Path, name: str):
    return open_docx((built / name).read_bytes())


def header_left(doc) -> list[str]:
    return [p.text for p in doc.tables[0].cell(0, 0).paragraphs if p.text.strip()]


def signer(doc) -> list[str]:
    table = next(t for t in doc.tables if t.cell(0, 0).text.startswith("Nơi nhận"))
    return [p.text for p in table.cell(0, 1).paragraphs if p.text.strip()]


def texts(doc) -> list[str]:
    return [p.text for p in body_paragraphs(doc) if p.text.strip()]


def test_the_sample_has_what_the_issue_asks_for():
    units = sorted(p.stem for p in (FOLDER / "units").glob("*.json"))
    assert units == ["SKHCN", "SNV"]
    decision = json.loads((FOLDER / "decisions" / "dot-xuat-2025.json").read_text("utf-8"))
    assert decision["document"]["date"] > "2025-07-01"
    assert decision["authority"]["level"] == "tỉnh"
    proposal = json.loads((FOLDER / "proposals" / "bang-khen-thu-tuong.json").read_text("utf-8"))
    assert proposal["to"]["title"] == "Thủ tướng Chính phủ"
    assert "modelled" in (FOLDER / "README.md").read_text("utf-8")


def test_the_plan_of_the_peoples_committee(built):
    plan = document(built, "Kế hoạch 152-KH-UBND.docx")
    assert header_left(plan) == ["ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH"]
    lines = texts(plan)
    assert plain_spaces(lines[1]) == ("Triển khai phong trào thi đua “Quảng Ninh đoàn kết, kỷ cương, đổi mới, "
                        "phát triển” giai đoạn 2025 - 2030")
    assert not [t for t in lines if t.startswith("Căn cứ")]
    assert lines[2].startswith("Thực hiện Kế hoạch số 41/KH-HĐTĐKT ngày 15 tháng 7 năm 2025 của "
                               "Hội đồng Thi đua - Khen thưởng Trung ương")
    assert "- Giai đoạn 2025 - 2027: từ ngày 05 tháng 8 năm 2025 đến ngày 31 tháng 12 năm " \
           "2027; sơ kết ngày 20 tháng 01 năm 2028;" in lines
    assert signer(plan) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                            "Trần Minh Quang"]


@pytest.mark.parametrize("name, agency, signed", [
    ("Kế hoạch 98-KH-SNV.docx", "SỞ NỘI VỤ", ["GIÁM ĐỐC", "Phạm Thu Hằng"]),
    ("Kế hoạch 45-KH-SKHCN.docx", "SỞ KHOA HỌC\nVÀ CÔNG NGHỆ",
     ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Thị Minh Ngọc"]),
])
def test_the_so_plans(built, name, agency, signed):
    plan = document(built, name)
    assert header_left(plan) == ["UBND TỈNH QUẢNG NINH", agency]
    assert signer(plan) == signed
    bases = [t for t in texts(plan) if t.startswith("Căn cứ")]
    assert bases[1].startswith("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025")
    assert bases[2].startswith("Căn cứ Kế hoạch số 152/KH-UBND ngày 05 tháng 8 năm 2025 của Ủy "
                               "ban nhân dân tỉnh Quảng Ninh về triển khai phong trào thi đua")


def test_the_chairmans_decision(built):
    decision = document(built, "Quyết định 2735-QĐ-UBND.docx")
    assert header_left(decision) == ["ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH"]
    lines = texts(decision)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH" in lines
    bases = [t for t in lines if t.startswith("Căn cứ")]
    assert bases[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    assert bases[1] == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    assert "152/2025/NĐ-CP" in bases[2]
    assert any(t.startswith("Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh "
                            "cho 3 tập thể và 4 cá nhân (có danh sách kèm theo)") for t in lines)
    # Computed on 10/10/2025: Nghị định 152/2025 Điều 54 (1,5; a collective twice) times the
    # 2.340.000 đồng of Nghị định 73/2024.
    assert any(t.startswith("Điều 2. Kèm theo Bằng khen") and "mỗi tập thể 7.020.000 đồng (Bảy "
               "triệu không trăm hai mươi nghìn đồng); mỗi cá nhân 3.510.000 đồng" in t
               for t in lines)
    assert "Tổng số tiền thưởng là 35.100.000 đồng (Ba mươi lăm triệu một trăm nghìn đồng)." \
        in lines
    assert signer(decision) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Minh Quang"]
    certificates = list((built / "Quyết định 2735-QĐ-UBND - Bằng khen").glob("*.docx"))
    assert len(certificates) == 7


def test_the_proposal_to_the_prime_minister(built):
    proposal = document(built, "Tờ trình 186-TTr-UBND.docx")
    lines = texts(proposal)
    assert "Kính gửi: Thủ tướng Chính phủ." in lines
    assert any("kính đề nghị Thủ tướng Chính phủ xem xét, tặng Bằng khen của Thủ tướng Chính phủ "
               "cho 1 tập thể và 2 cá nhân" in t for t in lines)
    assert signer(proposal) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                "Trần Minh Quang"]


def test_every_document_and_certificate_passes_thidua_check(built, run):
    files = sorted(str(p) for p in built.rglob("*.docx"))
    assert len(files) == 5 + 7
    result = run("check", *files)
    assert result.exit_code == 0, result.stdout
    assert f"0 lỗi, 0 cảnh báo trong {len(files)} tệp" in result.stdout


def test_validate_reports_no_warning(run):
    files = [str(p) for p in sorted(FOLDER.rglob("*.json"))]
    result = run("validate", *files)
    assert result.exit_code == 0 and result.stderr == "", result.stderr
