"""Excel and CSV lists as clerks make them, and as they can go wrong: merged cells, hidden
sheets, Excel's _xHHHH_ escapes, the same person twice, sheets that claim to be huge, zip bombs,
fields too long for any document."""

from __future__ import annotations

import contextlib
import json
import re
import signal
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import ROOT

from generator.certificates.records import (
    decision_from_data,
    records_from_dicts,
    records_from_table,
    unescape_excel,
)
from generator.data import limits
from generator.errors import DataError, Issue, ValidationFailed

SAMPLE = ROOT / "samples" / "vpcp-covid19-2021" / "certificates"
HEADER = ["STT", "Họ và tên", "Giới tính", "Chức vụ", "Đơn vị"]
MEMBER = "xl/worksheets/sheet1.xml"


@pytest.fixture(scope="module")
def decision():
    data = json.loads((SAMPLE / "bang-khen.json").read_text(encoding="utf-8"))
    return decision_from_data(data, "bang-khen.json")


def write_xlsx(path: Path, rows: list[list[Any]], merged: tuple[str, ...] = (),
               hidden: dict[str, tuple[str, list[list[Any]]]] | None = None,
               title: str = "DS") -> Path:
    """An .xlsx as openpyxl writes it: one visible sheet, then *hidden* sheets by title with
    their state ('hidden' or 'veryHidden') and rows."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    for name, (state, hidden_rows) in (hidden or {}).items():
        other = book.create_sheet(name)
        other.sheet_state = state
        for row in hidden_rows:
            other.append(row)
    book.save(path)
    return path


def patch(path: Path, member: str, change: Callable[[bytes], bytes],
          method: int = zipfile.ZIP_DEFLATED) -> Path:
    """Rewrite one member of a zip package in place (the others are copied as they are)."""
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            if name == member:
                target.writestr(name, change(data), compress_type=method)
            else:
                target.writestr(name, data)
    return path


def one_person(tmp_path: Path, name: str = "ds.xlsx") -> Path:
    return write_xlsx(tmp_path / name, [HEADER, [1, "Nguyễn Văn An", "Nam", "Chuyên viên",
                                                 "Vụ Tổng hợp"]])


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail, rather than hang, if the block runs longer than *seconds*."""
    def expire(*_: Any) -> None:
        raise TimeoutError(f"took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def issues_of(info: pytest.ExceptionInfo[ValidationFailed]) -> list[tuple[str, str]]:
    return [(issue.path, issue.message) for issue in info.value.issues]


# ---------------------------------------------------------------------------- merged cells

def test_a_unit_merged_down_a_block_of_people_is_read_on_every_row(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", [
        ["DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG"],                       # 1: merged across
        ["STT", "Họ và tên", "Giới tính", "Chức vụ, đơn vị", None],   # 2: headers merged down
        [None, None, None, "Chức vụ", "Đơn vị"],                      # 3: sub-headers
        [1, "Nguyễn Văn An", "Nam", "Chuyên viên", "Vụ Tổng hợp"],    # 4: E4:E6, D4:D5
        [2, "Lê Thị Hoa", "Nữ", None, None],
        [3, "Trần Văn Ba", "Nam", "Chuyên viên chính", None],
        [4, "Phạm Thị Bốn", "Nữ", "Chuyên viên", "Vụ Pháp luật"],     # 7: E7:E8
        [5, "Đỗ Văn Năm", "Nam", "Lái xe", None],
        [6, "Hồ Thị Sáu", "Nữ", "Văn thư, Vụ Hành chính", None],      # 9: D9:E9 across
    ], merged=("A1:E1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "E4:E6", "D4:D5", "E7:E8",
               "D9:E9"))
    records = records_from_table(path, decision)
    assert [(r.name, r.position, r.unit) for r in records] == [
        ("Nguyễn Văn An", "Chuyên viên", "Vụ Tổng hợp"),
        ("Lê Thị Hoa", "Chuyên viên", "Vụ Tổng hợp"),
        ("Trần Văn Ba", "Chuyên viên chính", "Vụ Tổng hợp"),
        ("Phạm Thị Bốn", "Chuyên viên", "Vụ Pháp luật"),
        ("Đỗ Văn Năm", "Lái xe", "Vụ Pháp luật"),
        ("Hồ Thị Sáu", "Văn thư, Vụ Hành chính", ""),        # merged across: read once
    ]
    assert records[1].source.row == "DS!dòng 5"


def test_a_block_merged_over_rows_and_columns_fills_its_first_column(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", [
        HEADER + ["Ghi chú"],
        [1, "Nguyễn Văn An", "Nam", "Chuyên viên", "Vụ Tổng hợp", "x"],   # E2:F3
        [2, "Lê Thị Hoa", "Nữ", "Chuyên viên", None, None],
    ], merged=("E2:F3",))
    assert [r.unit for r in records_from_table(path, decision)] == ["Vụ Tổng hợp"] * 2


def test_a_merge_running_over_a_blank_row_does_not_make_a_person(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", [
        HEADER,
        [1, "Nguyễn Văn An", "Nam", "Chuyên viên", "Vụ Tổng hợp"],          # E2:E4
        [2, "Lê Thị Hoa", "Nữ", "Chuyên viên", None],
        [None, None, None, None, None],
    ], merged=("E2:E4",))
    assert [r.name for r in records_from_table(path, decision)] == ["Nguyễn Văn An",
                                                                     "Lê Thị Hoa"]


# ---------------------------------------------------------------------------- hidden sheets

def test_hidden_sheets_are_not_read_and_are_named_in_warnings(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, [1, "Nguyễn Văn An", "Nam", "CV", "Vụ A"]],
                      hidden={"Năm trước": ("hidden", [HEADER, [1, "Lê Thị Cũ", "Nữ", "CV",
                                                                "Vụ A"]]),
                              "Nháp": ("veryHidden", [HEADER, [1, "Ai Đó", "Nam", "", ""]])})
    warnings: list[Issue] = []
    records = records_from_table(path, decision, warnings=warnings)
    assert [r.name for r in records] == ["Nguyễn Văn An"]
    assert [(w.file, w.path, w.severity) for w in warnings] == [
        (str(path), "sheet Năm trước", "warning"), (str(path), "sheet Nháp", "warning")]
    assert "ẩn" in warnings[0].message and "very hidden" in warnings[1].message
    assert str(warnings[0]).startswith(f"{path}: sheet Năm trước: cảnh báo: sheet đang ẩn")
    assert records_from_table(path, decision)[0].name == "Nguyễn Văn An"   # warnings optional


def test_warnings_are_given_even_when_the_list_is_refused(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", [["Ghi chú"], ["không có danh sách"]],
                      hidden={"Danh sách": ("hidden", [HEADER, [1, "Lê Thị Cũ", "Nữ", "", ""]])})
    warnings: list[Issue] = []
    with pytest.raises(DataError, match="sheet ẩn không được đọc: «Danh sách»"):
        records_from_table(path, decision, warnings=warnings)
    assert [w.path for w in warnings] == ["sheet Danh sách"]


# ---------------------------------------------------------------------------- _xHHHH_

@pytest.mark.parametrize(("raw", "text"), [
    ("Chuyên_x000D_\nviên", "Chuyên\r\nviên"), ("A_x0009_B", "A\tB"), ("a_x005f_x000D_b",
                                                                       "a_x000D_b"),
    ("_x00", "_x00"), ("Vụ_x0020_A", "Vụ A"), ("không có", "không có")])
def test_excel_escapes_decode(raw, text):
    assert unescape_excel(raw) == text


def _shared_strings(path: Path, texts: list[str]) -> Path:
    """Move the given texts of the first sheet into a shared string table, as Excel writes."""
    def sheet(data: bytes) -> bytes:
        for index, text in enumerate(texts):
            escaped = text.encode("ascii", "xmlcharrefreplace")
            data = data.replace(b't="inlineStr"><is><t>' + escaped + b"</t></is>",
                                b't="s"><v>' + str(index).encode() + b"</v>")
        return data
    patch(path, MEMBER, sheet)
    table = "".join(f"<si><t>{t}</t></si>" for t in texts)
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/'
                         f'spreadsheetml/2006/main" count="{len(texts)}">{table}</sst>')
    patch(path, "[Content_Types].xml", lambda d: d.replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxml'
        b'formats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')))
    return patch(path, "xl/_rels/workbook.xml.rels", lambda d: d.replace(b"</Relationships>", (
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')))


def test_excel_escapes_in_cells_are_decoded_then_cleaned(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", [
        HEADER,
        [1, "Nguyễn Văn An", "Nam", "Chuyên viên_x000D_\nchính", "Vụ_x0009_Tổng hợp"],
        [2, "Lê Thị_x0001_Hoa", "Nữ", "Chuyên viên", "Vụ A"],
        [3, "Trần Văn Ba", "Nam", "Chuyên viên", "Vụ Pháp_x000D_luật"],
    ])
    _shared_strings(path, ["Vụ Pháp_x000D_luật"])          # Excel's own shared string table
    with pytest.raises(ValidationFailed) as info:
        records_from_table(path, decision)
    assert [p for p, _ in issues_of(info)] == ["DS!dòng 3, cột Họ và tên"]
    assert "U+0001" in issues_of(info)[0][1]
    path = write_xlsx(tmp_path / "ds.xlsx", [
        HEADER,
        [1, "Nguyễn Văn An", "Nam", "Chuyên viên_x000D_\nchính", "Vụ_x0009_Tổng hợp"],
        [3, "Trần Văn Ba", "Nam", "Chuyên viên", "Vụ Pháp_x000D_luật"],
    ])
    _shared_strings(path, ["Vụ Pháp_x000D_luật"])
    assert [(r.position, r.unit) for r in records_from_table(path, decision)] == [
        ("Chuyên viên chính", "Vụ Tổng hợp"), ("Chuyên viên", "Vụ Pháp luật")]


# ---------------------------------------------------------------------------- duplicates

def test_the_same_person_twice_is_refused_naming_both_rows(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", [
        HEADER,
        [1, "Nguyễn Văn An", "Nam", "Chuyên viên", "Vụ Tổng hợp"],
        [2, "Nguyễn Văn An", "Nam", "Chuyên viên", "Vụ Pháp luật"],   # same name, other unit
        [3, " nguyễn  văn AN", "Nam", "Chuyên viên chính", "vụ tổng  hợp"],
    ], hidden={"Tập thể": ("visible", [["Tên tập thể", "Đơn vị"], ["Phòng Tổng hợp", "Vụ A"],
                                       ["Phòng Tổng hợp", "Vụ B"], ["PHÒNG TỔNG HỢP", "Vụ A"]])})
    with pytest.raises(ValidationFailed) as info:
        records_from_table(path, decision)
    once = "chỉ được ghi một lần trong danh sách"
    assert issues_of(info) == [
        ("DS!dòng 4, cột Họ và tên",
         f"«nguyễn văn AN» (vụ tổng hợp) đã có ở DS!dòng 2: một cá nhân {once}"),
        ("Tập thể!dòng 4, cột Tên tập thể",
         f"«PHÒNG TỔNG HỢP» (Vụ A) đã có ở Tập thể!dòng 2: một tập thể {once}")]


def test_two_columns_of_one_field_are_read_where_each_row_fills_one(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", [
        ["STT", "Họ và tên", "Tên tập thể", "Giới tính", "Đơn vị"],
        [1, "Nguyễn Văn An", None, "Nam", "Vụ Tổng hợp"],
        [2, None, "Phòng Tổng hợp", None, "Vụ A"],
        [3, "Trần Thị Bình", "Trần Thị Bình", "Nữ", "Vụ A"],        # the same text twice
    ])
    assert [r.name for r in records_from_table(path, decision)] == [
        "Nguyễn Văn An", "Phòng Tổng hợp", "Trần Thị Bình"]


def test_a_row_filling_two_columns_of_one_field_differently_is_refused(tmp_path, decision, run):
    # Which name would go on the certificate? The first filled column used to win, unsaid.
    rows = [["STT", "Họ và tên", "Giới tính", "Đơn vị", "Họ và tên"],
            [1, "Nguyễn Văn An", "Nam", "Vụ Tổng hợp", "Nguyễn Văn Ân"],
            [2, "Lê Văn Cường", "Nam", "Vụ A", None]]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    with pytest.raises(ValidationFailed) as info:
        records_from_table(path, decision)
    assert issues_of(info) == [
        ("DS!dòng 2", ("hai cột cùng nghĩa «Họ và tên» (cột B) và «Họ và tên» (cột E) ghi khác "
                       "nhau («Nguyễn Văn An», «Nguyễn Văn Ân»): hãy để trống một ô, hoặc xóa "
                       "một cột"))]
    result = run("certificates", str(path), "--decision", str(SAMPLE / "bang-khen.json"), "-o",
                 str(tmp_path / "out"))
    assert result.exit_code == 1 and "DS!dòng 2" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("index", "excel", "name"), [
    (0, True, "cột A"), (25, True, "cột Z"), (26, True, "cột AA"), (701, True, "cột ZZ"),
    (702, True, "cột AAA"), (0, False, "cột 1"), (4, False, "cột 5")])
def test_a_column_is_named_as_excel_letters_it_or_by_its_number_in_a_csv(index, excel, name):
    from generator.data.tables import column_name
    assert column_name(index, excel) == name


def test_a_csv_list_refuses_duplicates_as_a_decision_file_does(tmp_path, decision, run):
    path = tmp_path / "ds.csv"
    path.write_text("Họ và tên;Giới tính;Đơn vị\nLê Văn Hai;Nam;Vụ A\nLê  Văn hai;Nam;Vụ A\n",
                    encoding="utf-8")
    with pytest.raises(ValidationFailed) as info:
        records_from_table(path, decision)
    assert [p for p, _ in issues_of(info)] == ["dòng 3, cột Họ và tên"]
    assert "«Lê Văn hai» (Vụ A) đã có ở dòng 2" in issues_of(info)[0][1]
    # the same two people in a decision file: refused by the decision's own check
    data = json.loads((ROOT / "samples" / "vpcp-covid19-2021" / "decisions" /
                       "dot-xuat-2021.json").read_text(encoding="utf-8"))
    data.pop("campaign")
    data["issuer"] = {"name": "Văn phòng Chính phủ", "abbreviation": "VPCP", "place": "Hà Nội"}
    person = {"name": "Lê Văn Hai", "gender": "nam", "position": "Chuyên viên", "unit": "Vụ A"}
    data["awards"][0]["individuals"] = [person, {**person, "name": "Lê  Văn hai"}]
    # (not ds.json: a workbook or CSV named like a decision file holds that decision's lists)
    qd = tmp_path / "qd.json"
    qd.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("validate", str(qd), "--kind", "decision")
    assert result.exit_code == 1
    assert "individuals[1].name: «Lê  Văn hai» đã có ở $.awards[0].individuals[0]" in result.stderr
    # plain dicts (what a decision file gives) are not checked twice here
    assert len(records_from_dicts([person, person], decision, "qd.json")) == 2


# ---------------------------------------------------------------------------- the sheet's size

def _claim(data: bytes, ref: bytes = b"A1:XFD1048576") -> bytes:
    return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="' + ref + b'"/>', data)


def test_a_sheet_claiming_every_cell_of_excel_is_read_as_it_really_is(tmp_path, decision):
    path = patch(one_person(tmp_path), MEMBER, lambda d: _claim(d).replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>'))
    assert len(path.read_bytes()) < 10_000
    with within(3):
        (record,) = records_from_table(path, decision)
    assert record.unit == "Vụ Tổng hợp"


def test_a_sheet_claiming_fewer_rows_than_it_has_is_read_whole(tmp_path, decision):
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER] + [
        [i, f"Nguyễn Văn {i}", "Nam", "CV", "Vụ A"] for i in range(1, 6)])
    patch(path, MEMBER, lambda d: _claim(d, b"A1:B2"))
    assert [r.position for r in records_from_table(path, decision)] == ["CV"] * 5


def test_a_value_beyond_the_row_limit_is_refused(tmp_path, decision):
    row = limits.MAX_ROWS + 1
    path = patch(one_person(tmp_path), MEMBER, lambda d: d.replace(b"</sheetData>", (
        f'<row r="{row}"><c r="B{row}" t="inlineStr"><is><t>Lê Văn Xa</t></is></c></row>'
        "</sheetData>").encode()))
    with within(3), pytest.raises(DataError) as info:
        records_from_table(path, decision)
    assert "sheet «DS» có dữ liệu ở dòng 100.001, vượt giới hạn 100.000 dòng" in str(info.value)


def test_cells_beyond_the_column_limit_are_not_read(tmp_path, decision):
    path = patch(one_person(tmp_path), MEMBER, lambda d: d.replace(
        b"</row></sheetData>",
        b'<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    (record,) = records_from_table(path, decision)
    assert record.name == "Nguyễn Văn An"


# ---------------------------------------------------------------------------- zip packages

def test_a_zip_bomb_is_refused_from_the_zip_directory_at_once(tmp_path, decision):
    # 20 MB of spaces in the sheet deflate about 1,000 times: a bomb of the same kind as
    # the ones that inflate to gigabytes.
    path = patch(one_person(tmp_path), MEMBER,
                 lambda d: d.replace(b"<sheetData>", b"<sheetData>" + b" " * (20 << 20)))
    assert path.stat().st_size < 60_000
    start = time.perf_counter()
    with pytest.raises(DataError) as info:
        records_from_table(path, decision)
    assert time.perf_counter() - start < 0.5
    assert f"phần «{MEMBER}» nén" in str(info.value) and "bom nén" in str(info.value)


def test_a_zip_directory_claiming_hundreds_of_megabytes_is_refused(tmp_path, decision):
    path = one_person(tmp_path)
    data = bytearray(path.read_bytes())
    name = MEMBER.encode()
    central = data.rindex(b"PK\x01\x02", 0, data.rindex(name))   # the member's directory entry
    data[central + 24:central + 28] = (400 << 20).to_bytes(4, "little")   # uncompressed size
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="giải nén ra 400 MB"):
        records_from_table(path, decision)


def test_every_member_together_is_held_to_a_total(tmp_path, decision, monkeypatch):
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(DataError, match="gói nén giải nén ra .* vượt giới hạn"):
        records_from_table(one_person(tmp_path), decision)


@pytest.mark.parametrize(("method", "words"), [(zipfile.ZIP_BZIP2, "bzip2"),
                                               (zipfile.ZIP_LZMA, "LZMA")])
def test_a_member_compressed_with_a_method_excel_does_not_use_is_refused(tmp_path, decision,
                                                                          method, words):
    path = patch(one_person(tmp_path), MEMBER, lambda d: d, method=method)
    with pytest.raises(DataError, match=f"được nén theo kiểu {words}"):
        records_from_table(path, decision)


def test_an_encrypted_member_or_a_password_protected_workbook_is_refused(tmp_path, decision):
    path = one_person(tmp_path)
    data = bytearray(path.read_bytes())
    central = data.rindex(b"PK\x01\x02", 0, data.rindex(MEMBER.encode()))
    data[central + 8] |= 0x1                                          # general purpose bit 0
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="được mã hóa"):
        records_from_table(path, decision)
    protected = tmp_path / "mat-khau.xlsx"     # Excel keeps it in an OLE compound file
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    with pytest.raises(DataError, match="đã đặt mật khẩu"):
        records_from_table(protected, decision)


def test_a_damaged_sheet_is_a_message_not_a_traceback(tmp_path, decision):
    path = patch(one_person(tmp_path), MEMBER, lambda d: d[: len(d) // 2])
    with pytest.raises(DataError, match="tệp Excel bị hỏng: không đọc được sheet «DS»"):
        records_from_table(path, decision)


def test_a_list_file_beyond_the_size_limit_is_refused_before_it_is_read(tmp_path, decision):
    for name in ("big.xlsx", "big.csv"):
        path = tmp_path / name
        with path.open("wb") as handle:
            handle.truncate(limits.MAX_TABLE_BYTES + 1)         # sparse: written at once
        with pytest.raises(DataError, match="tệp lớn 50 MB, vượt giới hạn 50 MB"):
            records_from_table(path, decision)


# ---------------------------------------------------------------------------- long fields

def test_a_field_too_long_for_any_document_is_refused(tmp_path, decision):
    # One word of 30,000 letters would pass the line count (a word is never broken), and
    # Excel holds up to 32,767 characters in a cell.
    path = write_xlsx(tmp_path / "ds.xlsx", [HEADER, [1, "A" * 30_000, "Nam", "CV", "Vụ A"],
                                             [2, "Lê Văn Hai", "Nam", "CV", "Vụ " + "B" * 25_000]])
    with pytest.raises(ValidationFailed) as info:
        records_from_table(path, decision)
    limit = ("vượt giới hạn 20.000 ký tự của một trường; hãy kiểm tra (có thể đã dán nhầm cả "
             "một văn bản vào đây)")
    assert issues_of(info) == [("DS!dòng 2, cột Họ và tên", f"dài 30.000 ký tự, {limit}"),
                               ("DS!dòng 3, cột Đơn vị", f"dài 25.003 ký tự, {limit}")]


def test_a_csv_field_beyond_the_csv_modules_limit_is_a_message(tmp_path, decision, run):
    path = tmp_path / "ds.csv"
    path.write_text("Họ và tên;Giới tính\nLê Văn Hai;Nam\n\"Nguyễn Văn An;Nam\n"
                    + "Trần Văn Ba;Nam\n" * 10_000, encoding="utf-8")       # quote left open
    with pytest.raises(DataError) as info:
        records_from_table(path, decision)
    assert "ds.csv: dòng 3: một ô dài hơn 131.072 ký tự" in str(info.value)
    assert "dấu nháy kép" in str(info.value)
    result = run("certificates", str(path), "--decision", str(SAMPLE / "bang-khen.json"),
                 "-o", str(tmp_path / "out"))
    assert result.exit_code == 1 and "một ô dài hơn 131.072 ký tự" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_cli_refuses_a_zip_bomb_list_and_writes_nothing(tmp_path, run):
    path = patch(one_person(tmp_path), MEMBER,
                 lambda d: d.replace(b"<sheetData>", b"<sheetData>" + b" " * (20 << 20)))
    result = run("certificates", str(path), "--decision", str(SAMPLE / "bang-khen.json"),
                 "-o", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "bom nén" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
