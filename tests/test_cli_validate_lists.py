"""`thidua validate` on a clerk's list: an .xlsx/.csv is checked with the decision it belongs to
(--decision, as `thidua certificates` takes it, or the data file of the same name beside it),
never answered with an encoding message meant for JSON."""

from __future__ import annotations

import shutil

from openpyxl import Workbook
from support import SAMPLE_DIR

LISTS = SAMPLE_DIR / "certificates"


def test_a_list_without_its_decision_says_what_to_add(run):
    result = run("validate", str(LISTS / "danh-sach.xlsx"))
    assert result.exit_code == 1
    assert "UTF-8" not in result.stderr
    assert (f"{LISTS / 'danh-sach.xlsx'}: $: danh sách Excel/CSV được kiểm tra cùng Quyết định "
            "mà nó thuộc về: thêm --decision TỆP.json") in result.stderr


def test_a_list_with_its_decision_is_checked_row_by_row(run, tmp_path):
    good = run("validate", str(LISTS / "danh-sach.xlsx"), "--decision",
               str(LISTS / "bang-khen.json"))
    assert good.exit_code == 0, good.stderr
    assert good.stdout == "Hợp lệ: 1 tệp.\n"
    book = Workbook()
    book.active.title = "Sheet1"
    book.active.append(["Họ và tên", "Giới tính", "Chức vụ", "Đơn vị"])
    book.active.append(["Nguyễn Văn An", "Nam", "Chuyên viên", "Vụ A"])
    book.active.append(["Trần Thị Bình", "Nữa", "Chuyên viên", "Vụ A"])
    book.active.append(["Nguyễn Văn An", "Nam", "Chuyên viên", "Vụ A"])
    book.save(tmp_path / "ds.xlsx")
    bad = run("validate", str(tmp_path / "ds.xlsx"), "--decision", str(LISTS / "bang-khen.json"))
    assert bad.exit_code == 1
    lines = bad.stderr.splitlines()
    assert (f"{tmp_path / 'ds.xlsx'}: Sheet1!dòng 3, cột Giới tính: «Nữa» không hợp lệ; chỉ được "
            "là Nam, Nữ, Ông hoặc Bà") in lines
    assert any(line.startswith(f"{tmp_path / 'ds.xlsx'}: Sheet1!dòng 4, cột Họ và tên: "
                               "«Nguyễn Văn An» (Vụ A) đã có ở Sheet1!dòng 2") for line in lines)
    assert lines[-1] == "Có 2 lỗi trong 1 tệp (đã kiểm tra 1 tệp)."


def test_a_workbook_beside_its_data_file_is_checked_as_that_file(run, tmp_path):
    decision = tmp_path / "so-ket-2022.json"
    shutil.copy(SAMPLE_DIR / "decisions" / "so-ket-2022.json", decision)
    assert run("excel-template", "decision", "--from", str(decision), "-o",
               str(tmp_path / "so-ket-2022.xlsx")).exit_code == 0
    as_list = run("validate", str(tmp_path / "so-ket-2022.xlsx"))
    as_json = run("validate", str(decision))
    assert (as_list.exit_code, as_list.stderr) == (as_json.exit_code, as_json.stderr)
    assert as_list.stdout == as_json.stdout
