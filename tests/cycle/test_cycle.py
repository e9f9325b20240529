"""The commendation cycle end to end (generator/cycle.py): from the units' nominations and the
council's tally to the Biên bản, the Quyết định, the Tờ trình and the certificates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from support import SAMPLE_DIR
from support.docx_read import open_docx

from generator.cycle import load_cycle, result_files

CYCLE = SAMPLE_DIR / "chu-ky-2022"
BKVP = "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"
ACH = ("xuất sắc trong sơ kết phong trào thi đua đặc biệt phòng, chống đại dịch COVID-19 năm "
       "2021 - 2022")

# What the clerk of Vụ Tổ chức cán bộ writes from the Biên bản: each form in the order the
# council voted, collectives first, units in the campaign's order (TH, KGVX, TCCB, QT), and
# nobody the council did not carry (Chu Thị Phương 4/9, Đinh Văn Nam 3/9).
CLERK_DECISION = [
    {"form": "Chiến sĩ thi đua cấp bộ",
     "achievement": "xuất sắc trong thực hiện nhiệm vụ giai đoạn 2019 - 2021",
     "individuals": [{"name": "Đặng Thu Hằng", "gender": "nữ",
                      "position": "Phó Trưởng phòng Thi đua - Khen thưởng",
                      "unit": "Vụ Tổ chức cán bộ, Văn phòng Chính phủ"}]},
    {"form": "Cờ thi đua của Văn phòng Chính phủ",
     "achievement": "dẫn đầu phong trào thi đua đặc biệt phòng, chống đại dịch COVID-19",
     "collectives": [{"name": "Phòng Y tế, Vụ Khoa giáo - Văn xã",
                      "unit": "Vụ Khoa giáo - Văn xã"}]},
    {"form": BKVP, "achievement": ACH,
     "collectives": [{"name": "Phòng Tổng hợp, Vụ Tổng hợp", "unit": "Vụ Tổng hợp"},
                     {"name": "Phòng Hậu cần, Cục Quản trị", "unit": "Cục Quản trị"}],
     "individuals": [
         {"name": "Lê Văn Bình", "gender": "nam", "position": "Phó Trưởng phòng",
          "unit": "Vụ Tổng hợp, Văn phòng Chính phủ"},
         {"name": "Hoàng Văn Tú", "gender": "nam", "position": "Chuyên viên chính",
          "unit": "Vụ Khoa giáo - Văn xã, Văn phòng Chính phủ"},
         {"name": "Ngô Thị Xuân", "gender": "nữ", "position": "Chuyên viên",
          "unit": "Vụ Khoa giáo - Văn xã, Văn phòng Chính phủ"},
         {"name": "Phạm Minh Tuấn", "gender": "nam", "position": "Chuyên viên chính",
          "unit": "Vụ Tổ chức cán bộ, Văn phòng Chính phủ"},
         {"name": "Bùi Thị Vân", "gender": "nữ", "position": "Phó Cục trưởng",
          "unit": "Cục Quản trị, Văn phòng Chính phủ"}]},
]
CLERK_PROPOSAL = [
    {"form": "Bằng khen của Thủ tướng Chính phủ",
     "achievement": "xuất sắc trong phong trào thi đua đặc biệt phòng, chống đại dịch COVID-19",
     "collectives": [{"name": "Phòng Thi đua - Khen thưởng, Vụ Tổ chức cán bộ",
                      "unit": "Vụ Tổ chức cán bộ"}],
     "individuals": [{"name": "Trần Thị Ánh Dương", "gender": "nữ", "position": "Phó Vụ trưởng",
                      "unit": "Vụ Khoa giáo - Văn xã, Văn phòng Chính phủ"}]},
]


@pytest.fixture
def cycle_dir(tmp_path: Path) -> Path:
    """A copy of the sample campaign with its cycle, that a test may change."""
    shutil.copytree(SAMPLE_DIR, tmp_path / "campaign")
    return tmp_path / "campaign" / "chu-ky-2022"


def edit(path: Path, change: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def text(path: Path) -> str:
    document = open_docx(path.read_bytes())
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(dict.fromkeys(c.text for c in row.cells)))
    return "\n".join(lines)


def test_the_decision_is_the_clerks_list_and_the_rest_goes_to_the_prime_minister():
    files = {path.name: (kind.name, data) for path, kind, data in result_files(load_cycle(CYCLE))}
    assert set(files) == {"so-ket-2022.json", "bang-khen-thu-tuong.json"}
    kind, decision = files["so-ket-2022.json"]
    assert kind == "decision" and decision["awards"] == CLERK_DECISION
    assert decision["campaign"] == "../../campaign.json"
    assert decision["document"] == {"number": 135, "date": "2022-07-05"}
    kind, proposal = files["bang-khen-thu-tuong.json"]
    assert kind == "proposal" and proposal["awards"] == CLERK_PROPOSAL
    assert proposal["to"] == {"title": "Thủ tướng Chính phủ", "level": "thủ tướng"}
    assert proposal["council"] == {"name": "Hội đồng Thi đua - Khen thưởng Văn phòng Chính phủ",
                                   "meeting_date": "2022-06-24",
                                   "votes": "với 8/9 thành viên có mặt, bỏ phiếu kín"}
    assert proposal["dossier"][:2] == [
        "Báo cáo thành tích của 1 tập thể và 1 cá nhân được đề nghị khen thưởng",
        ("Biên bản số 03/BB-HĐTĐKT ngày 24 tháng 6 năm 2022 của Hội đồng Thi đua - Khen thưởng "
        "Văn phòng Chính phủ")]


def test_build_goes_from_nominations_and_tally_to_every_document(run, tmp_path):
    out = tmp_path / "out"
    result = run("build", str(CYCLE), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    reports = [n for n in names if n.startswith("Báo cáo thành tích - ")]
    assert len(reports) == 13          # every nominee of the four units, carried or not
    for name in ("Biên bản 03-BB-HĐTĐKT.docx", "Phiếu bầu - Biên bản 03-BB-HĐTĐKT.docx",
                 "Quyết định 135-QĐ-VPCP.docx", "Tờ trình 146-TTr-VPCP.docx"):
        assert name in names
    decision = text(out / "Quyết định 135-QĐ-VPCP.docx")
    assert ("Tặng Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ cho 2 tập thể và 5 cá "
            "nhân (có danh sách kèm theo)") in decision
    assert "Chu Thị Phương" not in decision and "Đinh Văn Nam" not in decision
    assert "Trần Thị Ánh Dương" not in decision      # the Prime Minister's form goes upward
    proposal = text(out / "Tờ trình 146-TTr-VPCP.docx")
    assert "Trần Thị Ánh Dương" in proposal and "Kính gửi: Thủ tướng Chính phủ." in proposal
    assert "Biên bản số 03/BB-HĐTĐKT" in proposal
    certificates = sorted((out / "Quyết định 135-QĐ-VPCP - Bằng khen").glob("*.docx"))
    assert len(certificates) == 7      # the Bằng khen group; a Cờ and a title get none


def test_the_minutes_record_attendance_votes_thresholds_and_results(run, tmp_path):
    out = tmp_path / "out"
    assert run("build", str(CYCLE), "-o", str(out)).exit_code == 0
    minutes = text(out / "Biên bản 03-BB-HĐTĐKT.docx")
    assert "BIÊN BẢN" in minutes
    assert "Thời gian bắt đầu: 14 giờ 00, ngày 24 tháng 6 năm 2022." in minutes
    assert "Thành phần tham dự: 8/9 thành viên Hội đồng có mặt:" in minutes
    assert ("- Lương Minh Đức, Cục trưởng Cục Kế hoạch - Tài chính, Ủy viên (đi công tác, gửi "
            "ý kiến bằng văn bản).") in minutes
    assert ("từ 90% trở lên tổng số thành viên Hội đồng (Nghị định số 91/2017/NĐ-CP, Điều 45 "
            "khoản 8)") in minutes
    assert ("Số phiếu: 9 (8 phiếu của thành viên dự họp và 1 ý kiến bằng văn bản của thành "
            "viên vắng mặt).") in minutes
    row = next(line for line in minutes.splitlines() if line.startswith("6 | Chu Thị Phương"))
    assert row.endswith("| 8 | 4 | 44,44% | Không đạt")
    assert ("Đề nghị Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ trình Thủ tướng Chính phủ xét "
            "tặng Bằng khen của Thủ tướng Chính phủ cho 1 tập thể và 1 cá nhân.") in minutes
    assert "TM. HỘI ĐỒNG" in minutes and "THƯ KÝ" in minutes
    assert "Biên bản được lập thành 02 bản./." in minutes


def test_ballots_one_page_per_form_names_in_vietnamese_order(run, tmp_path):
    out = tmp_path / "out"
    assert run("build", str(CYCLE), "-o", str(out)).exit_code == 0
    document = open_docx((out / "Phiếu bầu - Biên bản 03-BB-HĐTĐKT.docx").read_bytes())
    body = document.element.body
    breaks = body.findall(".//{*}br[@{http://schemas.openxmlformats.org/wordprocessingml/2006/"
                          "main}type='page']")
    assert len(breaks) == 3            # four forms, four pages
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    bkvp_people = [row.cells[1].text for row in tables[-1].rows[1:]]
    # Given name first (Bình, Nam, Phương, Tú, Tuấn, Vân, Xuân), Vietnamese collation.
    assert bkvp_people == ["Lê Văn Bình", "Đinh Văn Nam", "Chu Thị Phương", "Hoàng Văn Tú",
                           "Phạm Minh Tuấn", "Bùi Thị Vân", "Ngô Thị Xuân"]
    assert [c.text for c in tables[-1].rows[0].cells][-2:] == ["Đồng ý", "Không đồng ý"]


def test_every_document_with_the_ballots_passes_the_nd30_checker(run, tmp_path):
    out = tmp_path / "out"
    assert run("build", str(CYCLE), "-o", str(out)).exit_code == 0
    documents = [str(p) for p in sorted(out.glob("*.docx"))]
    assert any("Phiếu bầu" in p for p in documents)
    assert sum("Báo cáo thành tích" in p for p in documents) == 13
    result = run("check", *documents)
    assert result.exit_code == 0, result.stdout
    # No warning either: every short table of the sample is kept whole, every table fits.
    assert f"0 lỗi, 0 cảnh báo trong {len(documents)} tệp" in result.stdout


def test_a_report_is_dated_like_its_form_with_no_number_and_no_draft_mark(run, tmp_path):
    out = tmp_path / "out"
    assert run("build", str(CYCLE), "-o", str(out)).exit_code == 0
    report = next(out.glob("Báo cáo thành tích - Lê Văn Bình*.docx"))
    text = [p.text for c in Document(str(report)).tables[0]._cells for p in c.paragraphs]
    assert not any(t.startswith("Số:") for t in text)
    assert not any("DỰ THẢO" in t for t in text)
    assert any(", ngày " in t and " tháng " in t and " năm " in t for t in text)


def test_results_are_written_for_the_clerk_and_an_edit_survives_the_build(run, cycle_dir,
                                                                           tmp_path):
    result = run("cycle", "results", str(cycle_dir))
    assert result.exit_code == 0, result.stderr
    decision = cycle_dir / "decisions" / "so-ket-2022.json"
    assert json.loads(decision.read_text(encoding="utf-8"))["awards"] == CLERK_DECISION
    assert "Giữ nguyên" in run("cycle", "results", str(cycle_dir)).stdout   # idempotent
    edit(decision, lambda d: d["awards"][2]["individuals"].pop())       # the clerk drops one
    out = tmp_path / "out"
    result = run("build", str(cycle_dir), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "danh sách khác kết quả kiểm phiếu" in result.stderr
    assert "Bùi Thị Vân" not in text(out / "Quyết định 135-QĐ-VPCP.docx")
    refused = run("cycle", "results", str(cycle_dir))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert run("cycle", "results", str(cycle_dir), "--force").exit_code == 0


@pytest.mark.parametrize(("change", "file", "message"), [
    (lambda d: d["tally"][3]["results"].pop(0), "nominations/TCCB.json",
     ("$.nominees[2].name: «Phạm Minh Tuấn» (đề nghị «Bằng khen của Bộ trưởng, Chủ nhiệm Văn "
     "phòng Chính phủ») chưa có kết quả kiểm phiếu")),
    (lambda d: d["tally"][1]["results"].append(
        {"name": "Nguyễn Văn Lạ", "for": 9, "against": 0, "valid": 9}), "cycle.json",
     "$.tally[1].results[1].name: «Nguyễn Văn Lạ» không có trong đề nghị nào"),
    (lambda d: d["tally"][0]["results"][0].update({"for": 9, "valid": 8}), "cycle.json",
     ("$.tally[0].results[0]: số phiếu đồng ý (9) cộng số phiếu không đồng ý (0) lớn hơn số "
     "phiếu hợp lệ (8)")),
    (lambda d: [m.update(present=False) for m in d["council"]["members"][5:]], "cycle.json",
     "$.council.members: chỉ 5/9 thành viên có mặt, chưa đủ hai phần ba"),
    (lambda d: d.pop("proposals"), "cycle.json",
     ("$.proposals: «Bằng khen của Thủ tướng Chính phủ» vượt thẩm quyền của cơ quan: cần một Tờ "
     "trình gửi Thủ tướng Chính phủ")),
])
def test_bad_cycle_data_is_refused_with_file_and_path_and_nothing_written(
        run, cycle_dir, tmp_path, change, file, message):
    edit(cycle_dir / "cycle.json", change)
    out = tmp_path / "out"
    result = run("build", str(cycle_dir), "-o", str(out))
    assert result.exit_code == 1
    assert str(cycle_dir / file) in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_a_nomination_error_names_the_unit_file_and_field(run, cycle_dir, tmp_path):
    edit(cycle_dir / "nominations" / "QT.json",
         lambda d: d["nominees"][1].pop("gender"))
    result = run("build", str(cycle_dir), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert (f"{cycle_dir / 'nominations' / 'QT.json'}: $.nominees[1]: cá nhân cần «Giới tính»"
            in result.stderr)


def test_validate_knows_the_cycle_files_by_name_and_folder(run):
    result = run("validate", str(CYCLE / "cycle.json"), *map(str, sorted(
        (CYCLE / "nominations").glob("*.json"))))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_with_the_register_a_second_cycle_cannot_award_the_same_achievement_again(
        run, cycle_dir, tmp_path):
    register = tmp_path / "so.sqlite"
    first = run("build", str(cycle_dir), "-o", str(tmp_path / "out"), "--register",
                str(register))
    assert first.exit_code == 0, first.stderr
    listed = run("register", "list", str(register)).stdout
    assert "03/BB-HĐTĐKT" in listed and "135/QĐ-VPCP" in listed and "146/TTr-VPCP" in listed
    assert "Chủ tịch Hội đồng Trần Văn Sơn" in listed
    second = cycle_dir.parent / "chu-ky-2022-b"
    shutil.copytree(cycle_dir, second)
    edit(second / "cycle.json", lambda d: (d["meeting"]["document"].update(number=4),
                                           d["decision"]["document"].update(number=136),
                                           d["proposals"][0]["document"].update(number=147)))
    again = run("build", str(second), "-o", str(tmp_path / "out-b"), "--register",
                str(register))
    assert again.exit_code == 1
    assert "Phạm Minh Tuấn" in again.stderr and "135/QĐ-VPCP" in again.stderr
    assert "Điều 6 khoản 2" in again.stderr and "Traceback" not in again.stderr
    assert not (tmp_path / "out-b").exists() or not any((tmp_path / "out-b").iterdir())
    # the refused build took no number: the register is as the first build left it
    assert run("register", "list", str(register)).stdout == listed


def test_validate_of_a_cycle_folder_checks_nominations_against_the_tally(run, cycle_dir):
    assert run("validate", str(cycle_dir)).exit_code == 0
    edit(cycle_dir / "cycle.json", lambda d: d["tally"][2]["results"].clear() or
         d["tally"][2]["results"].append({"name": "Phòng Y tế", "for": 8, "against": 0,
                                          "valid": 8}))
    result = run("validate", str(cycle_dir))
    assert result.exit_code == 1
    assert "«Phòng Y tế» không có trong đề nghị nào" in result.stderr
    assert "«Phòng Y tế, Vụ Khoa giáo - Văn xã» (đề nghị «Cờ thi đua" in result.stderr


@pytest.mark.parametrize(("file", "change", "message"), [
    ("nominations/TH.json", lambda d: d.update(date="2022-06-25"),
     "$.date: ngày đề nghị 2022-06-25 sau ngày họp Hội đồng 2022-06-24"),
    ("cycle.json", lambda d: d["decision"]["document"].update(date="2022-06-23"),
     "$.decision.document.date: ngày 2022-06-23 trước ngày họp Hội đồng 2022-06-24"),
])
def test_nominations_come_before_the_meeting_and_documents_after_it(run, cycle_dir, tmp_path,
                                                                     file, change, message):
    edit(cycle_dir / file, change)
    result = run("build", str(cycle_dir), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"{cycle_dir / file}: {message}" in result.stderr


def test_hostile_text_in_a_nomination_is_printed_literally(run, cycle_dir, tmp_path):
    name = "Tổ <Đặc biệt> & \"Phản ứng nhanh\", Vụ Tổng hợp"
    edit(cycle_dir / "nominations" / "TH.json", lambda d: d["nominees"][0].update(name=name))
    edit(cycle_dir / "cycle.json", lambda d: d["tally"][3]["results"][3].update(name=name))
    out = tmp_path / "out"
    result = run("build", str(cycle_dir), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert name in text(out / "Quyết định 135-QĐ-VPCP.docx")
    assert name in text(out / "Biên bản 03-BB-HĐTĐKT.docx")


def test_the_councils_own_quy_che_threshold_decides_the_forms_the_law_leaves_to_it(
        run, cycle_dir, tmp_path):
    edit(cycle_dir / "cycle.json", lambda d: d["council"].update(rules=[{
        "forms": "Bằng khen của Bộ trưởng", "percent": 70, "of": "members",
        "source": "Quy chế hoạt động của Hội đồng, Điều 8"}]))
    files = {p.name: d for p, _, d in result_files(load_cycle(cycle_dir))}
    people = [i["name"] for i in files["so-ket-2022.json"]["awards"][2]["individuals"]]
    # 70% of 9 members is 6.3 votes: Hoàng Văn Tú (5) and Ngô Thị Xuân (6) no longer pass.
    assert people == ["Lê Văn Bình", "Phạm Minh Tuấn", "Bùi Thị Vân"]
    out = tmp_path / "out"
    assert run("build", str(cycle_dir), "-o", str(out)).exit_code == 0
    assert ("từ 70% trở lên tổng số thành viên Hội đồng (Quy chế hoạt động của Hội đồng, Điều 8)"
            in text(out / "Biên bản 03-BB-HĐTĐKT.docx"))


def test_cycle_tally_prints_each_result_with_its_threshold_and_where_it_goes(run):
    result = run("cycle", "tally", str(CYCLE))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 13
    assert ("Chiến sĩ thi đua cấp bộ | Đặng Thu Hằng | 9 đồng ý | 100% | cần từ 90% trở lên tổng "
            "số thành viên Hội đồng (Nghị định số 91/2017/NĐ-CP, Điều 45 khoản 8) | Đạt | cơ "
            "quan quyết định") in lines
    assert any(line.startswith("Bằng khen của Thủ tướng Chính phủ | Trần Thị Ánh Dương")
               and line.endswith("| Đạt | trình Thủ tướng Chính phủ") for line in lines)
    assert any("| Đinh Văn Nam | 3 đồng ý | 33,33% |" in line and line.endswith("Không đạt")
               for line in lines)


def test_one_person_nominated_by_two_units_is_questioned_in_the_build(run, cycle_dir, tmp_path):
    # Lê Văn Bình of Vụ Tổng hợp, nominated again by Cục Quản trị with the same birth date:
    # maybe one person, maybe two — a warning citing the law of the cycle's year (2022).
    bình = next(n for n in json.loads((cycle_dir / "nominations" / "TH.json").read_text(
        encoding="utf-8"))["nominees"] if n["name"] == "Lê Văn Bình")
    edit(cycle_dir / "nominations" / "QT.json", lambda d: d["nominees"].append(dict(bình)))

    def tally(d):
        results = d["tally"][3]["results"]
        first = next(r for r in results if r["name"] == "Lê Văn Bình")
        first["unit"] = "TH"
        results.append({**first, "unit": "QT"})
    edit(cycle_dir / "cycle.json", tally)
    result = run("build", str(cycle_dir), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    said = result.stdout + result.stderr
    assert "«Lê Văn Bình» (Cục Quản trị) trùng họ tên và ngày sinh 1982-07-14" in said
    assert "Luật Thi đua, Khen thưởng 2003, sửa đổi năm 2013, Điều 6 khoản 2" in said
