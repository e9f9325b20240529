"""The sổ đăng ký văn bản đi exported in the columns of Nghị định 30/2020, Phụ lục IV, Mục I."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from support import SAMPLE_DIR, pdf_pages

from generator.build import build_campaign
from generator.errors import OutputError, OutputExists
from generator.register_export import export_register
from generator.store.export import COLUMNS


def test_the_register_exports_in_the_ten_columns_of_phu_luc_iv(tmp_path, register_target):
    db = register_target
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


def test_register_commands_list_with_headers_and_export_from_the_command_line(
        run, tmp_path, register_target):
    db = register_target
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


def test_the_register_exports_to_a_printable_docx_in_the_same_columns(tmp_path, register_target):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    db = register_target
    build_campaign(SAMPLE_DIR, tmp_path / "out", register_path=db, certificates=False)
    target = tmp_path / "sổ đăng ký 2022.docx"
    count = export_register(db, target, "Văn phòng Chính phủ", 2022, parent="Chính phủ")
    document = Document(str(target))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    assert round(section.left_margin.mm) == 30           # ND 30/2020, Phụ lục I: 30–35 mm
    cover = [p.text for p in document.paragraphs if p.text]
    assert cover[:4] == ["CHÍNH PHỦ", "VĂN PHÒNG CHÍNH PHỦ", "SỔ ĐĂNG KÝ VĂN BẢN ĐI", "Năm: 2022"]
    assert "Từ số 120/QĐ-VPCP đến số 211/TTr-VPCP" in cover
    (table,) = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert tuple(rows[0]) == COLUMNS and rows[1] == [f"({n})" for n in range(1, 11)]
    assert len(rows) - 2 == count == 4
    assert rows[2][:2] == ["120/QĐ-VPCP", "30/06/2022"]
    assert rows[2][2].startswith("Quyết định: Về việc tặng") and "\n" not in rows[2][2]
    assert rows[2][4:] == [""] * 6              # left for the văn thư to write by hand
    # the two header rows repeat on every printed page; no row breaks across a page
    header = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
              for row in table.rows]
    assert header == [True, True] + [False] * count
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and pdftotext (poppler-utils)")
def test_the_docx_register_opens_in_libreoffice_with_its_header_on_every_page(tmp_path):
    from generator.store.register import Entry, record

    db = tmp_path / "so.sqlite"
    build_campaign(SAMPLE_DIR, tmp_path / "out", register_path=db, certificates=False)
    # enough documents for a second page, so that the repeated header row can be seen there
    record(db, [Entry(2022, n, "QĐ-VPCP", "Quyết định", f"2022-12-{n - 299:02d}",
                      "Về việc tặng Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc",
                      "Bộ trưởng, Chủ nhiệm Trần Văn Sơn", f"extra-{n}.json")
                for n in range(300, 325)])
    target = tmp_path / "so.docx"
    export_register(db, target, "Văn phòng Chính phủ", 2022)
    pages = pdf_pages(target, tmp_path)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in pages[0] and "120/QĐ-VPCP" in pages[0]
    assert len([p for p in pages if p.strip()]) >= 2
    assert all("Tên loại và trích yếu" in page for page in pages if page.strip())
    last = [p for p in pages if p.strip()][-1]
    assert "324/QĐ-" in last and "22/12/2022" in last      # the column may wrap at the hyphen
