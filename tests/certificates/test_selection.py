"""--sort and --only for certificates (generator/certificates/selection.py), and what a batch
of a chosen few writes: the names the whole batch gives, a reprint file named apart."""

from __future__ import annotations

import csv

import pytest
from openpyxl import Workbook
from support.certificates import decision_for, texts
from support.docx_read import open_docx

from generator.certificates.batch import file_names, write_certificates
from generator.certificates.records import records_from_dicts, records_from_table
from generator.certificates.selection import select, sort_certificates
from generator.errors import ValidationFailed

ROWS = [
    {"name": "Trần Văn Bình", "gender": "Nam", "position": "Chuyên viên", "unit": "Vụ Pháp luật"},
    {"name": "Vụ Tổng hợp", "kind": "tập thể"},
    {"name": "Nguyễn Thị Ánh", "gender": "Nữ", "position": "Chuyên viên",
     "unit": "Phòng Tổng hợp, Vụ Tổng hợp"},
    {"name": "Lê Văn An", "gender": "Nam", "position": "Vụ trưởng", "unit": "Vụ Pháp luật"},
    {"name": "Đỗ Minh Châu", "gender": "Nam", "position": "Chuyên viên", "unit": "Vụ Tổng hợp"},
    {"name": "Ban Biên tập", "kind": "tập thể"},
    {"name": "Nguyễn Văn An", "gender": "Nam", "position": "Lái xe", "unit": "Cục Quản trị"},
]


@pytest.fixture
def records():
    return records_from_dicts(ROWS, decision_for(), "qd.json")


def names(records):
    return [r.name for r in records]


@pytest.mark.parametrize(("sort", "expected"), [
    ("input", [r["name"] for r in ROWS]),
    # collectives first, as the decision's list; then people by given name, middle, family name
    ("name", ["Ban Biên tập", "Vụ Tổng hợp", "Lê Văn An", "Nguyễn Văn An", "Nguyễn Thị Ánh",
              "Trần Văn Bình", "Đỗ Minh Châu"]),
    # units in the order they first appear, stable inside a unit
    ("unit", ["Vụ Tổng hợp", "Ban Biên tập", "Trần Văn Bình", "Lê Văn An", "Nguyễn Thị Ánh",
              "Đỗ Minh Châu", "Nguyễn Văn An"]),
], ids=["input", "name", "unit"])
def test_certificates_sort_like_the_decisions_list(records, sort, expected):
    assert names(sort_certificates(records, sort)) == expected


def test_a_sort_keeps_each_decision_together():
    first = records_from_dicts(ROWS[:3], decision_for(), "a.json")
    second = records_from_dicts(ROWS[3:], decision_for("Giấy khen"), "b.json")
    ordered = sort_certificates(first + second, "name")
    assert [r.decision.form for r in ordered] == ["Bằng khen"] * 3 + ["Giấy khen"] * 4


@pytest.mark.parametrize(("specs", "expected"), [
    (["2"], ["Vụ Tổng hợp"]),
    (["1,3"], ["Trần Văn Bình", "Nguyễn Thị Ánh"]),
    (["5-7"], ["Đỗ Minh Châu", "Ban Biên tập", "Nguyễn Văn An"]),
    (["7-5"], ["Đỗ Minh Châu", "Ban Biên tập", "Nguyễn Văn An"]),
    (["nguyễn  văn AN"], ["Nguyễn Văn An"]),
    (["Ông Trần Văn Bình"], ["Trần Văn Bình"]),
    (["Lê Văn An", "2"], ["Vụ Tổng hợp", "Lê Văn An"]),
    # a unit: its own collective, its people, and those of its Phòng
    (["đơn vị: Vụ Tổng hợp"], ["Vụ Tổng hợp", "Nguyễn Thị Ánh", "Đỗ Minh Châu"]),
    (["Đơn vị:vụ pháp luật"], ["Trần Văn Bình", "Lê Văn An"]),
], ids=["one", "list", "range", "reversed", "name-any-case", "with-salutation", "mixed",
        "unit", "unit-spelling"])
def test_only_picks_by_number_name_or_unit(records, specs, expected):
    assert [records[i].name for i in select(records, specs)] == expected


def test_only_numbers_follow_the_print_order(records):
    ordered = sort_certificates(records, "name")
    assert [ordered[i].name for i in select(ordered, ["1"])] == ["Ban Biên tập"]


@pytest.mark.parametrize(("spec", "message"), [
    ("8", "số thứ tự 8 không có: lô chỉ có 7 Bằng khen"),
    ("0", "số thứ tự 0 không có"),
    ("Nguyễn Văn Ba", "không có người nhận nào tên «Nguyễn Văn Ba»"),
    ("đơn vị: Vụ Không Có", "không có ai thuộc đơn vị «Vụ Không Có»"),
    ("dòng 3", "«dòng …» chọn theo dòng của danh sách Excel/CSV"),
    ("  ", "giá trị trống"),
])
def test_a_value_that_picks_nothing_is_an_error_naming_it(records, spec, message):
    with pytest.raises(ValidationFailed) as info:
        select(records, ["2", spec])
    (issue,) = info.value.issues
    assert issue.file == "qd.json" and issue.path == f"--only {spec}" and message in issue.message


def test_every_wrong_value_is_reported_at_once(records):
    with pytest.raises(ValidationFailed) as info:
        select(records, ["99", "Không Ai"])
    assert [i.path for i in info.value.issues] == ["--only 99", "--only Không Ai"]


def workbook(tmp_path):
    book = Workbook()
    book.active.title = "Cá nhân"
    book.active.append(["Họ và tên", "Giới tính", "Chức vụ", "Đơn vị"])
    for name in ("Trần Văn Bình", "Nguyễn Thị Ánh", "Lê Văn An"):
        book.active.append([name, "Nam", "Chuyên viên", "Vụ Pháp luật"])
    other = book.create_sheet("Tập thể")
    other.append(["Tên tập thể"])
    other.append(["Vụ Tổng hợp"])
    other.append(["Ban Biên tập"])
    path = tmp_path / "danh-sach.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize(("spec", "expected"), [
    ("dòng 3", ["Nguyễn Thị Ánh", "Ban Biên tập"]),
    ("Cá nhân!dòng 3", ["Nguyễn Thị Ánh"]),
    ("tập thể!dòng 2-3", ["Vụ Tổng hợp", "Ban Biên tập"]),
    ("Dòng 2-4", ["Trần Văn Bình", "Nguyễn Thị Ánh", "Lê Văn An", "Vụ Tổng hợp",
                  "Ban Biên tập"]),
])
def test_only_picks_the_rows_of_an_excel_list_as_its_messages_name_them(tmp_path, spec,
                                                                        expected):
    records = records_from_table(workbook(tmp_path), decision_for(achievement="Xuất sắc"))
    assert [records[i].name for i in select(records, [spec])] == expected


def test_a_row_no_sheet_has_is_an_error(tmp_path):
    records = records_from_table(workbook(tmp_path), decision_for(achievement="Xuất sắc"))
    with pytest.raises(ValidationFailed, match="không có người nhận nào ở dòng này của sheet"):
        select(records, ["Tập thể!dòng 9"])


def test_a_reprint_of_separate_files_keeps_the_names_of_the_whole_batch(tmp_path, records):
    full = write_certificates(records, tmp_path / "all")
    only = write_certificates(records, tmp_path / "few", only=[6])
    assert [p.name for p in only.files] == [file_names(records)[6]]
    assert only.files[0].read_bytes() == full.files[6].read_bytes()


def test_a_merged_reprint_holds_the_chosen_pages_and_leaves_the_print_file(tmp_path, records):
    out = tmp_path / "out"
    (full,) = write_certificates(records, out, merge=True).files
    before = full.read_bytes()
    (again,) = write_certificates(records, out, merge=True, only=[1, 6]).files
    assert again.name == "Bằng khen 1234-QĐ-VPCP (in lại).docx"
    assert full.read_bytes() == before
    document = texts(open_docx(again.read_bytes()))
    assert document.count("BẰNG KHEN") == 2
    assert "Vụ Tổng hợp" in document and "Ông Nguyễn Văn An" in document
    with (out / "manifest.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    # the whole batch stays listed, and the reprint's pages are added with their numbers
    assert len(rows) == len(records) + 2
    reprint = [r for r in rows if r["Tệp"] == again.name]
    assert [(r["STT"], r["Trang"], r["Trạng thái"]) for r in reprint] == [
        ("2", "1", "in lại, bản đầy đủ"), ("7", "2", "in lại, bản đầy đủ")]
