"""Table tests for the Vietnamese writing rules of Nghị định 30/2020."""

from datetime import date

import pytest

from generator.vn import formats as vn


@pytest.mark.parametrize(("value", "expected"), [
    (date(2021, 1, 5), "Hà Nội, ngày 05 tháng 01 năm 2021"),
    (date(2021, 9, 27), "Hà Nội, ngày 27 tháng 9 năm 2021"),
    (date(2020, 2, 29), "Hà Nội, ngày 29 tháng 02 năm 2020"),
    (date(2019, 6, 29), "Hà Nội, ngày 29 tháng 6 năm 2019"),
    (date(2024, 3, 1), "Hà Nội, ngày 01 tháng 3 năm 2024"),
    (date(2024, 10, 10), "Hà Nội, ngày 10 tháng 10 năm 2024"),
    (date(2023, 12, 9), "Hà Nội, ngày 09 tháng 12 năm 2023"),
    (date(2025, 11, 30), "Hà Nội, ngày 30 tháng 11 năm 2025"),
], ids=lambda v: str(v))
def test_place_date_line_pads_day_below_10_and_only_months_1_2(value, expected):
    assert vn.place_date_line("Hà Nội", value) == expected


def test_draft_date_line_keeps_year_and_leaves_day_and_month_blank():
    line = vn.place_date_line("Hà Nội", None, 2021)
    assert line.startswith("Hà Nội, ngày") and line.endswith("năm 2021")
    assert "tháng" in line
    assert vn.BLANK in line.split("tháng")[0] and vn.BLANK in line.split("tháng")[1]


def test_draft_date_line_needs_a_year():
    with pytest.raises(ValueError):
        vn.place_date_line("Hà Nội", None)


@pytest.mark.parametrize(("number", "type_name", "agency", "expected"), [
    (15, "Kế hoạch", "VPCP", "Số: 15/KH-VPCP"),
    (5, "Quyết định", "VPCP", "Số: 05/QĐ-VPCP"),
    (1, "Tờ trình", "VPCP", "Số: 01/TTr-VPCP"),
    (10, "Báo cáo", "BNV", "Số: 10/BC-BNV"),
    (123, "Thông báo", "VPCP", "Số: 123/TB-VPCP"),
    (9, "Quy định", "UBND", "Số: 09/QyĐ-UBND"),
    (2, "Kế hoạch", "TCCB", "Số: 02/KH-TCCB"),
], ids=lambda v: str(v))
def test_number_line(number, type_name, agency, expected):
    assert vn.number_line(number, type_name, agency) == expected


def test_draft_number_line_leaves_the_number_blank():
    assert vn.number_line(None, "Kế hoạch", "VPCP") == f"Số: {vn.BLANK}/KH-VPCP"


@pytest.mark.parametrize("bad", [0, -3])
def test_number_must_be_positive(bad):
    with pytest.raises(ValueError):
        vn.document_number(bad)


def test_unknown_type_name_is_rejected():
    with pytest.raises(ValueError):
        vn.document_symbol("Thư tay", "VPCP")


@pytest.mark.parametrize(("text", "expected"), [
    ("Văn phòng Chính phủ", "VĂN PHÒNG CHÍNH PHỦ"),
    ("Vụ Tổ chức cán bộ", "VỤ TỔ CHỨC CÁN BỘ"),
    ("Bộ trưởng, Chủ nhiệm", "BỘ TRƯỞNG, CHỦ NHIỆM"),
    ("đoàn thanh niên", "ĐOÀN THANH NIÊN"),
    ("ủy ban nhân dân", "ỦY BAN NHÂN DÂN"),
    ("Nguye\u0302\u0303n", "NGUYỄN"),   # decomposed input comes out composed
])
def test_upper_vi_keeps_diacritics_and_composes(text, expected):
    assert vn.upper_vi(text) == expected


@pytest.mark.parametrize(("index", "label"), [
    (0, "a)"), (3, "d)"), (4, "đ)"), (5, "e)"), (6, "g)"), (9, "k)"), (22, "y)"),
])
def test_point_labels_follow_the_vietnamese_alphabet(index, label):
    assert vn.point_label(index) == label


def test_point_labels_never_use_f_j_w_z():
    labels = [vn.point_label(i)[0] for i in range(23)]
    assert not set("fjwz") & set(labels)


@pytest.mark.parametrize(("n", "r"), [(1, "I"), (4, "IV"), (5, "V"), (9, "IX"), (14, "XIV")])
def test_roman(n, r):
    assert vn.roman(n) == r


@pytest.mark.parametrize(("units", "copies", "line"), [
    (["TCCB"], None, "- Lưu: VT, TCCB."),
    (["TCCB"], 3, "- Lưu: VT, TCCB (03b)."),
    (["VT", "TCCB", "KGVX"], 12, "- Lưu: VT, TCCB, KGVX (12b)."),
])
def test_archive_line(units, copies, line):
    assert vn.archive_line(units, copies) == line


def test_recipient_lines_end_with_semicolons_then_the_archive_line():
    lines = vn.recipient_lines(["Thủ tướng Chính phủ (để báo cáo);", "  Lãnh đạo VPCP. "],
                               "- Lưu: VT, TCCB.")
    assert lines == ["- Thủ tướng Chính phủ (để báo cáo);", "- Lãnh đạo VPCP;",
                     "- Lưu: VT, TCCB."]


def test_basis_lines_end_with_semicolons_and_a_final_full_stop():
    assert vn.basis_lines(["Căn cứ A;", "Căn cứ B", "Căn cứ C."]) == [
        "Căn cứ A;", "Căn cứ B;", "Căn cứ C."]


@pytest.mark.parametrize(("text", "expected"), [
    ("…phong trào thi đua đặc biệt này.", "…phong trào thi đua đặc biệt này./."),
    ("Kết thúc", "Kết thúc./."),
    ("Kết thúc.  ", "Kết thúc./."),
])
def test_end_body(text, expected):
    assert vn.end_body(text) == expected


@pytest.mark.parametrize(("number", "words"), [
    (999_999_999_999, ("chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm "
                       "chín mươi chín nghìn chín trăm chín mươi chín")),
    (10**12, "một nghìn tỷ"),                                   # was "một nghìn"
    (10**12 + 5, "một nghìn tỷ không trăm linh năm"),
    (2_000_500_000_000, "hai nghìn tỷ năm trăm triệu"),
    (1_005_000_000, "một tỷ không trăm linh năm triệu"),
    (15 * 10**15, "mười lăm triệu tỷ"),
    (10**18, "một tỷ tỷ"),
    (10**21, "một nghìn tỷ tỷ"),
])
def test_number_in_words_from_a_thousand_billion(number, words):
    assert vn.number_in_words(number) == words
