"""Every list from Excel: a workbook beside a data file holds its rows; the template thidua
writes, filled in by openpyxl as a clerk would in Excel, validates and builds."""

from __future__ import annotations

import json

import openpyxl

from generator.data.lists import attach_lists


def test_template_filled_validates_and_builds_the_decision_and_its_certificates(
        run, campaign_dir, tmp_path):
    decision = campaign_dir / "decisions" / "so-ket-2022.json"
    data = json.loads(decision.read_text(encoding="utf-8"))
    data["awards"][0].pop("collectives", None)     # the first form's list comes from Excel
    data["awards"][0].pop("individuals", None)
    decision.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    template = tmp_path / "mau.xlsx"
    result = run("excel-template", "decision", "--from", str(decision), "-o", str(template))
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(template)
    sheet = book["Danh sách"]
    assert sheet.freeze_panes == "A2" and sheet.data_validations.dataValidation
    assert "Hướng dẫn" in book.sheetnames
    headers = [c.value for c in sheet[1]]
    forms = [g["form"] for g in data["awards"]]
    rows = [
        {"Tên tập thể, cá nhân": "Phòng Tổng hợp, Vụ Tổng hợp", "Loại": "Tập thể",
         "Đơn vị": "Vụ Tổng hợp"},
        {"Tên tập thể, cá nhân": "Nguyễn Văn Excel", "Loại": "Cá nhân", "Giới tính": "Nam",
         "Chức vụ": "Chuyên viên", "Đơn vị": "Vụ Tổ chức cán bộ, Văn phòng Chính phủ",
         "Số sổ vàng": "BK-X-1"},
        {"Tên tập thể, cá nhân": "Trần Thị Bảng", "Giới tính": "Nữ", "Chức vụ": "Chuyên viên",
         "Đơn vị": "Vụ Pháp luật, Văn phòng Chính phủ"},
    ]
    for number, row in enumerate(rows, start=1):
        if "Hình thức" in headers:
            row["Hình thức"] = f"1. {forms[0]}"
        sheet.append([number, *(row.get(h) for h in headers[1:])])
    book.save(decision.with_suffix(".xlsx"))

    result = run("validate", str(decision))
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "out"
    result = run("build", str(campaign_dir), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    built = attach_lists(decision, data, "decision")
    group = built["awards"][0]
    assert [c["name"] for c in group["collectives"]] == ["Phòng Tổng hợp, Vụ Tổng hợp"]
    assert [(p["name"], p.get("gender")) for p in group["individuals"]] == [
        ("Nguyễn Văn Excel", "nam"), ("Trần Thị Bảng", "nữ")]
    certificates = [p for p in out.rglob("*.docx") if "Bằng khen" in p.parent.name]
    assert len(certificates) >= 3


def test_a_row_naming_no_form_and_an_individual_without_unit_name_their_row(
        run, campaign_dir):
    decision = campaign_dir / "decisions" / "so-ket-2022.json"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Khen"
    sheet.append(["Hình thức", "Họ và tên", "Giới tính", "Chức vụ", "Đơn vị"])
    sheet.append(["Huy chương vàng", "A", "Nam", "CV", "Vụ A"])
    sheet.append(["1", "B", "Nữ", "CV", None])
    book.save(decision.with_suffix(".xlsx"))
    result = run("validate", str(decision))
    assert result.exit_code == 1
    assert "so-ket-2022.xlsx: Khen!dòng 2, cột Hình thức: «Huy chương vàng» không khớp" \
        in result.stderr
    assert "so-ket-2022.xlsx: Khen!dòng 3, cột Đơn vị: bị trống" in result.stderr


def test_registrations_and_units_from_csv(campaign_dir):
    unit = campaign_dir / "units" / "TCCB.json"
    (campaign_dir / "units" / "TCCB.csv").write_text(
        "STT;Tên tập thể, cá nhân;Chức vụ;Danh hiệu đăng ký\n1;Lê Văn Mới;Chuyên viên;"
        "Lao động tiên tiến\n", encoding="utf-8")
    data = json.loads(unit.read_text(encoding="utf-8"))
    assert attach_lists(unit, data, "unit-plan")["registrations"][-1] == {
        "name": "Lê Văn Mới", "position": "Chuyên viên", "title": "Lao động tiên tiến"}
    plan = campaign_dir / "campaign.json"
    (campaign_dir / "campaign.csv").write_text(
        "Mã đơn vị,Tên đơn vị,Chữ viết tắt\nKHAC,Vụ Khác,VK\n", encoding="utf-8")
    data = json.loads(plan.read_text(encoding="utf-8"))
    assert attach_lists(plan, data, "plan")["units"][-1] == {
        "code": "KHAC", "name": "Vụ Khác", "abbreviation": "VK"}


def test_a_row_filling_two_columns_of_one_field_differently_names_both_columns(
        run, campaign_dir):
    # «Họ và tên» and «Tên tập thể, cá nhân» both fill the name: which goes into the decision?
    decision = campaign_dir / "decisions" / "so-ket-2022.json"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Khen"
    sheet.append(["Hình thức", "Họ và tên", "Giới tính", "Chức vụ", "Đơn vị",
                  "Tên tập thể, cá nhân"])
    sheet.append(["1", "Nguyễn Văn An", "Nam", "CV", "Vụ A", "Nguyễn Văn Ân"])
    sheet.append(["1", "Lê Thị Bình", "Nữ", "CV", "Vụ A", "Lê Thị Bình"])     # agrees: read
    sheet.append(["1", None, "Nữ", "CV", "Vụ B", "Trần Thị Cúc"])            # one filled: read
    book.save(decision.with_suffix(".xlsx"))
    result = run("validate", str(decision))
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if "so-ket-2022.xlsx" in line]
    assert problems == [
        (f"{decision.with_suffix('.xlsx')}: Khen!dòng 2: hai cột cùng nghĩa «Họ và tên» (cột B) "
        "và «Tên tập thể, cá nhân» (cột F) ghi khác nhau («Nguyễn Văn An», «Nguyễn Văn Ân»): "
        "hãy để trống một ô, hoặc xóa một cột")]
