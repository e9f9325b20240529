"""A unit's nominations from Excel (nominations/<MÃ>.xlsx beside the JSON), written from the
template `thidua excel-template nomination` gives, read by the lists' reader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support import SAMPLE_DIR

from generator.cycle import load_cycle, result_files

BKVP = "Bằng khen của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"
ACH = ("xuất sắc trong sơ kết phong trào thi đua đặc biệt phòng, chống đại dịch COVID-19 năm "
       "2021 - 2022")


@pytest.fixture
def cycle_dir(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE_DIR, tmp_path / "campaign")
    return tmp_path / "campaign" / "chu-ky-2022"


def _workbook(run, folder: Path, rows: list[list[object]]) -> Path:
    unit = folder / "nominations" / "PL.json"
    unit.write_text(json.dumps({
        "$schema": "https://thidua.github.io/schemas/nomination.schema.json",
        "campaign": "../../campaign.json", "unit": "PL", "date": "2022-06-10",
        "signer": {"title": "Vụ trưởng", "name": "Hồ Quang Minh"}, "nominees": []},
        ensure_ascii=False), encoding="utf-8")
    book_path = folder / "nominations" / "PL.xlsx"
    result = run("excel-template", "nomination", "--from", str(unit), "-o", str(book_path))
    assert result.exit_code == 0, result.stderr
    book = load_workbook(book_path)
    sheet = book["Danh sách"]
    for row in rows:
        sheet.append(row)
    book.save(book_path)
    return book_path


def test_rows_become_nominees_and_reach_the_decision(run, cycle_dir, tmp_path):
    _workbook(run, cycle_dir, [
        [1, "Tập thể", "Phòng Văn bản, Vụ Pháp luật", None, None, None, None, None, None,
         BKVP, ACH, "Thẩm định đúng hạn 100% văn bản về phòng, chống dịch."],
        [2, "Cá nhân", "Hồ Thị Lệ", "Nữ", "05/02/1988", "Chuyên viên chính",
         "Vụ Pháp luật, Văn phòng Chính phủ", "Nghệ An", "Thạc sĩ Luật", BKVP, ACH,
         "Chủ trì thẩm định 40 dự thảo nghị quyết về phòng, chống dịch."]])
    cycle = cycle_dir / "cycle.json"
    data = json.loads(cycle.read_text(encoding="utf-8"))
    data["tally"][3]["results"] += [
        {"name": "Phòng Văn bản, Vụ Pháp luật", "for": 8, "against": 0, "valid": 8},
        {"name": "Hồ Thị Lệ", "for": 7, "against": 1, "valid": 8}]
    cycle.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    files = {p.name: d for p, _, d in result_files(load_cycle(cycle_dir))}
    group = files["so-ket-2022.json"]["awards"][2]
    # Vụ Pháp luật comes second in the campaign's units: its nominees follow Vụ Tổng hợp's.
    assert [c["name"] for c in group["collectives"]][:2] == ["Phòng Tổng hợp, Vụ Tổng hợp",
                                                             "Phòng Văn bản, Vụ Pháp luật"]
    assert group["individuals"][1] == {"name": "Hồ Thị Lệ", "gender": "nữ",
                                       "position": "Chuyên viên chính",
                                       "unit": "Vụ Pháp luật, Văn phòng Chính phủ"}
    out = tmp_path / "out"
    result = run("build", str(cycle_dir), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert (out / "Báo cáo thành tích - Hồ Thị Lệ (PL).docx").is_file()


def test_a_bad_row_names_sheet_row_and_column(run, cycle_dir, tmp_path):
    book = _workbook(run, cycle_dir, [
        [1, "Cá nhân", "Hồ Thị Lệ", "Nữ", "31/02/1988", "Chuyên viên", "Vụ Pháp luật", None,
         None, BKVP, ACH, "Hoàn thành tốt nhiệm vụ."],
        [2, "Cá nhân", "Lê Văn Khải", "Không rõ", "01/01/1990", "Chuyên viên", "Vụ Pháp luật",
         None, None, BKVP, ACH, "Hoàn thành tốt nhiệm vụ."]])
    result = run("validate", str(cycle_dir / "nominations" / "PL.json"))
    assert result.exit_code == 1
    assert (f"{book}: Danh sách!dòng 2, cột Ngày sinh: «31/02/1988» không phải một ngày"
            in result.stdout + result.stderr)
    assert (f"{book}: Danh sách!dòng 3, cột Giới tính: «Không rõ» không hợp lệ"
            in result.stdout + result.stderr)
