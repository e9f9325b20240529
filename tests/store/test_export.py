"""The sổ đăng ký văn bản đi exported in the columns of Nghị định 30/2020, Phụ lục IV, Mục I."""

from __future__ import annotations

import openpyxl
import pytest
from support import SAMPLE_DIR

from generator.build import build_campaign
from generator.errors import OutputError, OutputExists
from generator.store.export import COLUMNS, export_register


def test_the_register_exports_in_the_ten_columns_of_phu_luc_iv(tmp_path):
    db = tmp_path / "so.sqlite"
    build_campaign(SAMPLE_DIR, tmp_path / "out", register_path=db, certificates=False)
    target = tmp_path / "sổ đăng ký 2022.xlsx"
    count = export_register(db, target, "Văn phòng Chính phủ", 2022)
    sheet = openpyxl.load_workbook(target).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[2][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐI" and values[3][0] == "Năm: 2022"
    header = next(i for i, row in enumerate(values) if row[0] == COLUMNS[0])
    assert tuple(values[header]) == COLUMNS and len(COLUMNS) == 10
    assert values[header + 1] == [f"({n})" for n in range(1, 11)]
    listed = values[header + 2:]
    assert len(listed) == count == 4       # 120/QĐ, 132/BC, 210/TTr and 211/TTr are of 2022
    first = listed[0]
    assert first[0] == "120/QĐ-VPCP" and first[1] == "30/06/2022"
    assert first[2].startswith("Quyết định: Về việc tặng") and first[3].endswith("Trần Văn Sơn")
    assert sheet.page_setup.orientation == "landscape"


def test_an_export_never_overwrites_without_force_and_needs_a_register(tmp_path):
    db = tmp_path / "so.sqlite"
    build_campaign(SAMPLE_DIR, tmp_path / "out", register_path=db, certificates=False)
    target = tmp_path / "so.xlsx"
    target.write_bytes(b"x")
    with pytest.raises(OutputExists):
        export_register(db, target, "VPCP", 2022)
    assert target.read_bytes() == b"x"
    with pytest.raises(OutputError, match="Không có sổ đăng ký"):
        export_register(tmp_path / "khong-co.sqlite", tmp_path / "a.xlsx", "VPCP", 2022)


def test_register_commands_list_with_headers_and_export_from_the_command_line(run, tmp_path):
    db = tmp_path / "so.sqlite"
    build_campaign(SAMPLE_DIR, tmp_path / "out", register_path=db, certificates=False)
    listed = run("register", "list", str(db), "--year", "2022")
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert lines[0] == "Số, ký hiệu\tNgày tháng\tTên loại và trích yếu\tNgười ký"
    assert lines[1].startswith("120/QĐ-VPCP\t30/06/2022\tQuyết định: ")
    target = tmp_path / "so-2022.xlsx"
    exported = run("register", "export", str(db), "--year", "2022", "--agency",
                   "Văn phòng Chính phủ", "-o", str(target))
    assert exported.exit_code == 0, exported.stderr
    assert f"Đã ghi {target} (4 văn bản năm 2022)" in exported.stdout
    again = run("register", "export", str(db), "--year", "2022", "--agency", "VPCP", "-o",
                str(target))
    assert again.exit_code == 1 and "--force" in again.stderr
