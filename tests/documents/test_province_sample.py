"""The provincial sample (samples/thanh-hoa-2025, issue 12), built with `thidua build` as a
clerk would and read back: header lines, signer lines, openings, legal bases, counts; and
every document it writes passes `thidua check`. The plan follows the real Kế hoạch
130/KH-UBND of 27/6/2025 of the Ủy ban nhân dân tỉnh Thanh Hóa (see the sample's README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import ROOT
from support.docx_read import body_paragraphs, open_docx

from generator.vn.linebreaks import plain_spaces

FOLDER = ROOT / "samples" / "thanh-hoa-2025"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from generator.cli import main
    out = tmp_path_factory.mktemp("th") / "out"
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
    readme = (FOLDER / "README.md").read_text("utf-8")
    # the README cites the real plan it follows and says what is modelled
    assert "130/KH-UBND" in readme and "923/QĐ-TTg" in readme and "modelled" in readme


def test_the_plan_follows_the_real_plan_130_kh_ubnd(built):
    plan = document(built, "Kế hoạch 130-KH-UBND.docx")
    assert header_left(plan) == ["ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA"]
    assert "Số: 130/KH-UBND" in plan.tables[0].cell(1, 0).text
    assert "Thanh Hóa, ngày 27 tháng 6 năm 2025" in plan.tables[0].cell(1, 1).text
    lines = texts(plan)
    # the title typed in capitals as the real plan prints it, set as a sentence
    assert plain_spaces(lines[1]) == ("Triển khai phong trào thi đua “Cả nước thi đua đổi mới sáng tạo và "
                        "chuyển đổi số” trên địa bàn tỉnh Thanh Hóa")
    assert not [t for t in lines if t.startswith("Căn cứ")]
    assert lines[2] == (
        "Thực hiện Quyết định số 923/QĐ-TTg ngày 14/5/2025 của Thủ tướng Chính phủ ban hành Kế "
        "hoạch triển khai Phong trào thi đua “Cả nước thi đua đổi mới sáng tạo và chuyển đổi số” "
        "(sau đây viết tắt là Phong trào thi đua), Ủy ban nhân dân tỉnh Thanh Hóa ban hành Kế "
        "hoạch triển khai Phong trào thi đua trên địa bàn tỉnh như sau:")
    assert lines[3] == "I. MỤC ĐÍCH, YÊU CẦU" and lines[4] == "1. Mục đích"
    assert lines[5].startswith("- Phát huy sức mạnh của cả hệ thống chính trị, sự tham gia tích "
                               "cực của các doanh nghiệp, doanh nhân, tổ chức kinh tế và Nhân dân")
    assert "- Giai đoạn 2025 - 2027: từ ngày 27 tháng 6 năm 2025 đến ngày 31 tháng 12 năm " \
           "2027; sơ kết ngày 20 tháng 01 năm 2028;" in lines
    assert signer(plan) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                            "Lê Văn Bình"]


@pytest.mark.parametrize("name, agency, signed", [
    ("Kế hoạch 1520-KH-SNV.docx", "SỞ NỘI VỤ", ["Q. GIÁM ĐỐC", "Trịnh Thị Mai"]),
    ("Kế hoạch 2210-KH-SKHCN.docx", "SỞ KHOA HỌC\nVÀ CÔNG NGHỆ",
     ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Thị Thu Hà"]),
])
def test_the_so_plans(built, name, agency, signed):
    plan = document(built, name)
    assert header_left(plan) == ["UBND TỈNH THANH HÓA", agency]
    assert signer(plan) == signed
    bases = [t for t in texts(plan) if t.startswith("Căn cứ")]
    # dated after 01/7/2025: the 2022 law and Nghị định 152/2025/NĐ-CP, then the province's plan
    assert bases[0] == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    assert bases[1].startswith("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025")
    assert bases[2] == ("Căn cứ Kế hoạch số 130/KH-UBND ngày 27 tháng 6 năm 2025 của Ủy ban nhân "
                        "dân tỉnh Thanh Hóa về triển khai phong trào thi đua “Cả nước thi đua đổi "
                        "mới sáng tạo và chuyển đổi số” trên địa bàn tỉnh Thanh Hóa.")


def test_the_chairmans_decision(built):
    decision = document(built, "Quyết định 4180-QĐ-UBND.docx")
    assert header_left(decision) == ["ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA"]
    lines = texts(decision)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THANH HÓA" in lines
    bases = [t for t in lines if t.startswith("Căn cứ")]
    # the organic law of 2025, as Thanh Hóa's own texts after 01/7/2025 cite it
    assert bases[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    assert bases[1] == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    assert "152/2025/NĐ-CP" in bases[2]
    assert bases[3].startswith("Căn cứ Kế hoạch số 130/KH-UBND ngày 27 tháng 6 năm 2025")
    assert "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 1865/TTr-SNV ngày 15 tháng 10 " \
           "năm 2025." in lines
    assert any(t.startswith("Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Thanh Hóa "
                            "cho 3 tập thể và 4 cá nhân (có danh sách kèm theo)") for t in lines)
    # Điều 2 from the province's fund, as Thanh Hóa's decisions name it; the amounts computed
    # on 24/10/2025: Nghị định 152/2025 Điều 54 (1,5; a collective twice) times the 2.340.000
    # đồng of Nghị định 73/2024.
    assert ("Điều 2. Kèm theo Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Thanh Hóa là tiền "
            "thưởng: mỗi tập thể 7.020.000 đồng (Bảy triệu không trăm hai mươi nghìn đồng); mỗi "
            "cá nhân 3.510.000 đồng (Ba triệu năm trăm mười nghìn đồng), trích từ nguồn kinh phí "
            "thi đua, khen thưởng của tỉnh năm 2025.") in [plain_spaces(t) for t in lines]
    assert "Tổng số tiền thưởng là 35.100.000 đồng (Ba mươi lăm triệu một trăm nghìn đồng)." \
        in lines
    assert signer(decision) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình"]
    certificates = list((built / "Quyết định 4180-QĐ-UBND - Bằng khen").glob("*.docx"))
    assert len(certificates) == 7


def test_the_proposal_to_the_prime_minister(built):
    proposal = document(built, "Tờ trình 310-TTr-UBND.docx")
    lines = texts(proposal)
    assert "Kính gửi: Thủ tướng Chính phủ." in lines
    assert any(t.startswith("Ngày 17 tháng 12 năm 2025, Hội đồng Thi đua - Khen thưởng tỉnh "
                            "Thanh Hóa đã họp xét") for t in lines)
    assert any("kính đề nghị Thủ tướng Chính phủ xem xét, tặng Bằng khen của Thủ tướng Chính phủ "
               "cho 1 tập thể và 2 cá nhân" in t for t in lines)
    assert signer(proposal) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                "Lê Văn Bình"]


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
