"""Certificate lists: the decision JSON, Excel and CSV readers, their quirks and their errors."""

from __future__ import annotations

import copy
import json
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from support import ROOT

from generator.certificates.engine import layout_of
from generator.certificates.model import Certificate
from generator.certificates.records import (
    decision_from_data,
    key,
    load_decision,
    records_from_dicts,
    records_from_table,
)
from generator.errors import DataError, ValidationFailed

SAMPLE = ROOT / "samples" / "vpcp-covid19-2021" / "certificates"


@pytest.fixture(scope="module")
def decision_data() -> dict[str, Any]:
    return json.loads((SAMPLE / "bang-khen.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def decision(decision_data):
    return decision_from_data(decision_data, "bang-khen.json")


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]],
               merged: dict[str, list[str]] | None = None) -> Path:
    """An .xlsx with one sheet per entry; *merged* lists cell ranges to merge per sheet."""
    from openpyxl import Workbook
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in (merged or {}).get(title, []):
            sheet.merge_cells(cells)
    book.save(path)
    return path


def issues_of(info: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, str]]:
    return [(issue.path, issue.message) for issue in info.value.issues]


# ---------------------------------------------------------------------------- the decision

def test_sample_decision_and_list_give_seven_certificates(decision):
    records = records_from_table(SAMPLE / "danh-sach.xlsx", decision)
    assert [r.recipient for r in records] == [
        "Vụ Tổ chức cán bộ", "Phòng Hành chính - Tổng hợp",
        "Tổ công tác đặc biệt phòng, chống dịch COVID-19",
        "Bà Nguyễn Thị Minh Anh", "Ông Trần Quốc Bảo", "Bà Lê Hoàng Yến", "Ông Phạm Đức Long"]
    assert [r.kind for r in records] == ["collective"] * 3 + ["individual"] * 4
    assert [r.register for r in records] == [str(n) for n in range(2101, 2108)]
    assert records[4].detail == "Phó Vụ trưởng, Vụ Khoa giáo - Văn xã, Văn phòng Chính phủ"
    assert records[0].achievement == decision.achievement
    assert records[3].source.row == "Cá nhân!dòng 4"
    assert decision.number_text == "1234/QĐ-VPCP"
    assert decision.date_text == "ngày 15 tháng 12 năm 2021"
    assert decision.place_date == "Hà Nội, ngày 15 tháng 12 năm 2021"
    assert decision.signer_lines == ("BỘ TRƯỞNG, CHỦ NHIỆM",)


def test_load_decision_reads_the_sample_file():
    assert load_decision(SAMPLE / "bang-khen.json").form == "Bằng khen"


def test_decision_symbol_override_and_draft_number(decision_data):
    data = copy.deepcopy(decision_data)
    data["symbol"] = "QĐ-TTg"
    data["decision"] = {"number": None, "date": None, "year": 2021}
    draft = decision_from_data(data, "d.json")
    assert draft.number_text.endswith("/QĐ-TTg") and draft.number_text.strip("\u00a0/") == "QĐ-TTg"
    assert draft.place_date.startswith("Hà Nội, ngày") and draft.place_date.endswith("năm 2021")


@pytest.mark.parametrize(("change", "path", "words"), [
    (lambda d: d.pop("form"), "$.form", "thiếu trường bắt buộc"),
    (lambda d: d.update(form="Cờ thi đua"), "$.form", "không hợp lệ"),
    (lambda d: d.update(authority=[]), "$.authority", "không được để trống"),
    (lambda d: d.update(symbol="qđ vpcp"), "$.symbol", "QĐ-TTg"),
    (lambda d: d.update(extra=1), "$.extra", "không có trong mẫu"),
    (lambda d: d["signer"].pop("name"), "$.signer.name", "thiếu trường bắt buộc"),
], ids=["no-form", "unknown-form", "no-authority", "bad-symbol", "unknown-field", "no-signer"])
def test_decision_schema_errors_name_the_path(decision_data, change, path, words):
    data = copy.deepcopy(decision_data)
    change(data)
    with pytest.raises(ValidationFailed) as info:
        decision_from_data(data, "d.json")
    assert any(p == path and words in m for p, m in issues_of(info)), issues_of(info)


def test_authority_or_signer_line_too_long_for_one_line(decision_data):
    data = copy.deepcopy(decision_data)
    data["authority"] = [("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ kiêm Chủ tịch Hội đồng Thi "
                          "đua - Khen thưởng của Văn phòng Chính phủ nhiệm kỳ 2021 - 2026")]
    data["signer"]["title"] = "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ kiêm Chủ tịch Hội đồng"
    with pytest.raises(ValidationFailed) as info:
        decision_from_data(data, "d.json")
    assert [p for p, _ in issues_of(info)] == ["$.authority[0]", "$.signer.title"]
    assert "dài quá một dòng" in issues_of(info)[0][1]


# ---------------------------------------------------------------------------- Excel

def test_excel_quirks_are_read_as_the_clerk_meant(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", {"Sheet1": [
        ["DANH SÁCH CÁ NHÂN"],                                        # merged title row
        ["STT", "  HỌ VÀ  TÊN ", "Giới tính", "Chức vụ, đơn vị", None, "Số sổ vàng",
         "Thành tích", "Ghi chú"],
        [None, None, None, "Chức vụ", "Đơn vị", None, None, None],    # merged header cells
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],    # column numbers
        [1, "\u00a0Nguyễn  Văn\u00a0An ", "nam", "Chuyên viên", "Vụ Tổng hợp", 12.0,
         datetime(2021, 12, 15), "x"],
        [2, unicodedata.normalize("NFD", "Lê Thị Hồng"), "NỮ", None, "Vụ Pháp luật", 13, None],
        [3, "Ông Trần Văn Ba", None, None, None, None, None],         # salutation in the name
        [None, None, None, None, None, None, None],
        [4],                                                          # STT left over
    ]}, merged={"Sheet1": ["A1:H1", "D2:E2"]})
    sheet = __import__("openpyxl").load_workbook(path)["Sheet1"]
    sheet["B40"] = "  "                                               # formatted trailing rows
    sheet.parent.save(path)
    records = records_from_table(path, decision)
    assert [(r.salutation, r.name, r.position, r.unit, r.register) for r in records] == [
        ("Ông", "Nguyễn Văn An", "Chuyên viên", "Vụ Tổng hợp", "12"),
        ("Bà", "Lê Thị Hồng", "", "Vụ Pháp luật", "13"),
        ("Ông", "Trần Văn Ba", "", "", ""),
    ]
    assert records[0].achievement == "15/12/2021"
    assert records[1].name == unicodedata.normalize("NFC", "Lê Thị Hồng")
    assert records[2].source.row == "Sheet1!dòng 7"


def test_every_row_error_names_sheet_row_and_column(tmp_path, decision):
    rows: list[list[Any]] = [["STT", "Họ và tên", "Giới tính", "Đơn vị", "Số sổ vàng"]]
    rows += [[i, f"Người {i}", "Nam", "Vụ A", 100 + i] for i in range(1, 10)]
    rows += [[10, None, "Nam", "Vụ A", 200],                          # row 11: no name
             [11, "Phạm Văn Bốn", "Trai", "Vụ A", 201],               # row 12: bad gender
             [12, "Hoàng Thị Năm", None, "Vụ A", 202],                # row 13: no gender
             [13, "NguyÔn V¨n S¸u", "Nam", "Vụ A", 203],              # row 14: TCVN3 text
             [14, "Đỗ Văn Bảy", "Nam", "Vụ\u200bA", 204],            # row 15: zero width
             [15, "Đỗ Văn Tám", "Nam", "Vụ A", 101]]                   # row 16: duplicate
    path = write_xlsx(tmp_path / "ds.xlsx", {"Sheet1": rows})
    with pytest.raises(ValidationFailed) as info:
        records_from_table(path, decision)
    found = issues_of(info)
    assert ("Sheet1!dòng 11, cột Họ và tên", "bị trống") in found
    assert any(p == "Sheet1!dòng 12, cột Giới tính" and "«Trai» không hợp lệ" in m
               for p, m in found)
    assert any(p == "Sheet1!dòng 13, cột Giới tính" and "bị trống" in m for p, m in found)
    assert any(p == "Sheet1!dòng 14, cột Họ và tên" and "Nguyễn Văn Sáu" in m for p, m in found)
    assert any(p == "Sheet1!dòng 15, cột Đơn vị" and "U+200B" in m for p, m in found)
    assert any(p == "Sheet1!dòng 16, cột Số sổ vàng" and "trùng với Sheet1!dòng 2" in m
               for p, m in found)
    assert str(info.value.issues[0]).startswith(f"{path}: Sheet1!dòng ")


def test_collectives_and_individuals_from_separate_columns_and_kind_column(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", {
        "Tập thể": [["Tên tập thể", "Đơn vị"], ["Phòng Một", "Cục Hai"]],
        "Ghi chú": [["Không có danh sách ở đây"]],
        "Chung": [["Tên tập thể, cá nhân", "Loại", "Danh xưng"],
                  ["Vụ Ba", "Tập thể", None], ["Nguyễn Thị Tư", "Cá nhân", "Bà"],
                  ["Ai Đó", "Nhóm", None]],
    })
    with pytest.raises(ValidationFailed) as info:
        records_from_table(path, decision)
    assert issues_of(info) == [("Chung!dòng 4, cột Loại",
                                "«Nhóm» không hợp lệ; chỉ được là «Tập thể» hoặc «Cá nhân»")]


def test_a_list_without_a_name_header_or_in_the_old_format_is_refused(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", {"Sheet1": [["STT", "Đơn vị"], [1, "Vụ A"]]})
    with pytest.raises(DataError, match="không tìm thấy dòng tiêu đề") as info:
        records_from_table(path, decision)
    assert "đã thấy: sheet «Sheet1»: dòng đầu có «STT», «Đơn vị»" in str(info.value)
    csv_path = tmp_path / "ds.csv"
    csv_path.write_text("STT;Ho ten nguoi;Don vi\n1;A;B\n", encoding="utf-8")
    with pytest.raises(DataError, match="đã thấy: dòng đầu có «STT», «Ho ten nguoi», «Don vi»"):
        records_from_table(csv_path, decision)
    old = tmp_path / "ds.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(DataError, match=".xlsx"):
        records_from_table(old, decision)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(DataError, match="không đọc được tệp Excel"):
        records_from_table(broken, decision)


def test_an_empty_list_is_an_error(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", {"Sheet1": [["Họ và tên", "Giới tính"]]})
    with pytest.raises(ValidationFailed, match="không có người nhận nào"):
        records_from_table(path, decision)


# ---------------------------------------------------------------------------- CSV

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_in_utf8_with_or_without_bom_and_either_separator(tmp_path, decision, encoding,
                                                              delimiter):
    text = delimiter.join(["Họ và tên", "Giới tính", "Chức vụ", "Đơn vị"]) + "\r\n"
    text += delimiter.join(["Nguyễn Văn An", "Nam", "Chuyên viên", '"Vụ A, Cục B"']) + "\r\n"
    text += delimiter * 3 + "\r\n"
    path = tmp_path / "ds.csv"
    path.write_bytes(text.encode(encoding))
    (record,) = records_from_table(path, decision)
    assert (record.recipient, record.unit, record.source.row) == (
        "Ông Nguyễn Văn An", "Vụ A, Cục B", "dòng 2")
    assert record.source.path("name") == "dòng 2, cột Họ và tên"


@pytest.mark.parametrize(("encoding", "words"), [("cp1258", "không phải văn bản UTF-8"),
                                                 ("utf-16", "UTF-16")])
def test_csv_in_another_encoding_is_refused_with_a_hint(tmp_path, decision, encoding, words):
    path = tmp_path / "ds.csv"
    path.write_bytes("Tên\nLê Văn Ân\n".encode(encoding))
    with pytest.raises(DataError, match=words):
        records_from_table(path, decision)


# ---------------------------------------------------------------------------- dicts, fit

def test_records_from_dicts_use_json_paths(decision):
    rows = [{"name": "Vụ Một", "kind": "collective"},
            {"name": "Lê Văn Hai", "salutation": "Ông", "unit": "Vụ Một"},
            {"name": "", "kind": "cá nhân", "gender": "Nữ", "colour": "đỏ"}]
    with pytest.raises(ValidationFailed) as info:
        records_from_dicts(rows, decision, "qd.json", "$.awards[0].recipients")
    assert issues_of(info) == [
        ("$.awards[0].recipients[2].colour", "trường không được hỗ trợ"),
        ("$.awards[0].recipients[2].name", "bị trống")]
    good = records_from_dicts(rows[:2], decision, "qd.json")
    assert [(r.kind, r.recipient) for r in good] == [("collective", "Vụ Một"),
                                                    ("individual", "Ông Lê Văn Hai")]
    assert isinstance(good[0], Certificate) and good[0].source.path("name") == \
        "$.recipients[0].name"


def test_a_long_name_is_set_smaller_and_a_too_long_one_is_refused(decision):
    long_name = "Tổ công tác đặc biệt phòng, chống dịch COVID-19 của Văn phòng Chính phủ " \
                "tại Thành phố Hồ Chí Minh và các tỉnh phía Nam"
    (record,) = records_from_dicts([{"name": long_name, "kind": "tập thể"}], decision, "x")
    assert layout_of(record) == (True, [])
    (short,) = records_from_dicts([{"name": "Vụ Một", "kind": "tập thể"}], decision, "x")
    assert layout_of(short) == (False, [])
    with pytest.raises(ValidationFailed) as info:
        records_from_dicts([{"name": long_name * 3, "kind": "tập thể"},
                            {"name": "Vụ Một", "kind": "tập thể", "achievement": "Đã có " * 200}],
                           decision, "x")
    paths = [p for p, _ in issues_of(info)]
    assert paths == ["$.recipients[0].name", "$.recipients[1].achievement"]
    assert "quá dài để in trên một trang" in issues_of(info)[0][1]


@pytest.mark.parametrize(("header", "field"), [
    ("Họ và tên", "ho va ten"), ("HỌ  VÀ TÊN:", "ho va ten"), ("Ho va ten", "ho va ten"),
    (unicodedata.normalize("NFD", "Số sổ vàng"), "so so vang"), ("Đơn vị (*)", "don vi")])
def test_header_keys_ignore_case_accents_spaces_and_punctuation(header, field):
    assert key(header) == field
